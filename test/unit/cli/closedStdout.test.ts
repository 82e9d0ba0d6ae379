/**
 * `corresp … | head`: when the reader of standard output goes away, the bundled command ends quietly, with its usual
 * exit status and no EPIPE stack trace. And a bad --max-warnings is one plain line (exit 2).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SLOW } from '../../runs';
import { run, tempRepo, thread } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..', '..');

/** A staff letter long enough to fill a pipe many times over. */
function longLetter(): string {
  const comments = Array.from(
    { length: 600 },
    (_, i) =>
      `**${i + 1}. Please tell us how you considered the guidance in recognizing revenue from contract number ${i + 1}, and revise your disclosure.**\n`,
  );
  return ['---', 'corresp: staff-letter', 'date: 2024-05-01', 'company: Acme', '---', '', 'Re: Acme', '', ...comments].join('\n');
}

/** Runs the bundled CLI and closes its stdout after the first chunk, as `head -c1` would. */
function runClosingEarly(cwd: string, argv: readonly string[]): Promise<{ code: number | null; stderr: string; got: number }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'cli.mjs'), ...argv], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let got = 0;
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', (d: Buffer) => {
      got = d.length;
      child.stdout.destroy();
    });
    child.on('close', (code) => resolve({ code, stderr, got }));
  });
}

describe('standard output closed early', SLOW, () => {
  it('comments: its usual exit status (0), nothing on stderr', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'corresp-epipe-'));
    writeFileSync(path.join(dir, 'staff.md'), longLetter());
    const r = await runClosingEarly(dir, ['comments', 'staff.md']);
    expect(r.got).toBeGreaterThan(0);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('--max-warnings', () => {
  for (const value of ['-1', '-5', 'abc', '1.5', '', '1e3']) {
    it(`“${value}”: one plain line, exit 2`, async () => {
      const dir = tempRepo();
      thread(dir, 't');
      const r = await run(['check', '.', '--max-warnings', value], dir);
      expect(r.code).toBe(2);
      expect(r.err).toEqual([`corresp: --max-warnings must be a whole number, 0 or more (got “${value}”)`]);
      expect(r.out).toEqual([]);
    });
  }
  it('--max-warnings=-1 too, and 0 is accepted', async () => {
    const dir = tempRepo();
    thread(dir, 't');
    expect((await run(['check', '.', '--max-warnings=-1'], dir)).err).toEqual(['corresp: --max-warnings must be a whole number, 0 or more (got “-1”)']);
    expect((await run(['check', '.', '--max-warnings', '0'], dir)).code).toBe(0);
  });
});
