/**
 * Real letters for the precedent tests (test/fixtures/precedents: four companies' threads, see test/fixtures/README.md),
 * read as the store reads them, and temporary copies of them to update and change.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll } from 'vitest';
import type { StaffLetter } from '../../../server/src/letters/model';
import { readLetterBytes, staffLetterOf, type LetterFile } from '../../../server/src/letters/read';
// @ts-expect-error: a plain ES module shared with the LSP and end-to-end tests and the benchmark
import { copyPrecedentLibrary } from './library.mjs';

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/**
 * The library, assembled in a temporary folder (its letters are kept once, in test/fixtures/threads and real). The
 * fast project shares modules between files (isolate: false): it lives as long as the process, not the first file.
 */
export const FIXTURES: string = libraryForTheProcess();

function libraryForTheProcess(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'corresp-precedents-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  return copyPrecedentLibrary(path.join(dir, 'precedents'));
}
export const ADM = 'adm-0000000000-24-005934/staff.txt';
export const CAT = 'cat_0000000000-24-002665/01-staff.txt';
export const ITW = 'itw_0000000000-21-011797/01-staff.txt';
export const ETN = 'etn_0000000000-18-038869/01-staff.txt';

export async function readFixture(rel: string, root = FIXTURES): Promise<LetterFile> {
  const file = path.join(root, rel);
  return readLetterBytes(file, new Uint8Array(readFileSync(file)));
}

export async function staffFixture(rel: string): Promise<StaffLetter> {
  return staffLetterOf(await readFixture(rel));
}

function temp(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'corresp-precedents-'));
  made.push(dir);
  return dir;
}

/** A temporary folder; with `copy`, the library copied into it as `lib/`. */
export function tempDir(copy = false): string {
  const dir = temp();
  if (copy) copyPrecedentLibrary(path.join(dir, 'lib'));
  return dir;
}
