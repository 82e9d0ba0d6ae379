/**
 * The `corresp` command run in-process through main(argv, io) with a fake Io, on temporary folders.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { expect } from 'vitest';
import { main } from '../../../server/src/cli/main';

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  readonly errLines: readonly string[];
}

export async function cli(cwd: string, ...argv: string[]): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), version: 'test', today: '2017-08-20', cwd });
  return { code, out: out.join('\n'), err: err.join('\n'), errLines: err.flatMap((e) => e.split('\n')) };
}

/** A fresh temporary folder; `cleanup` removes every one made. */
const made: string[] = [];
export function tempDir(prefix = 'corresp-rel-'): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function cleanup(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The CLI failed cleanly: exit 2, one line on stderr naming the file, no stack trace, nothing on stdout. */
export function expectCleanFailure(r: CliResult, file: string): void {
  expect(r.code, r.err).toBe(2);
  expect(r.errLines.length, r.err).toBe(1);
  expect(r.err).toContain(file);
  expect(r.err).not.toMatch(/internal error|\n\s+at /);
  expect(r.out).toBe('');
}
