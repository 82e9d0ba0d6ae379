/**
 * Real letters for the precedent tests (test/fixtures/precedents: four companies' threads, see test/fixtures/README.md),
 * read as the store reads them, and temporary copies of them to update and change.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll } from 'vitest';
import type { StaffLetter } from '../../../server/src/letters/model';
import { readLetterBytes, staffLetterOf, type LetterFile } from '../../../server/src/letters/read';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/precedents');
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

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** A temporary folder; with `copy`, the fixtures copied into it as `lib/`. */
export function tempDir(copy = false): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'corresp-precedents-'));
  made.push(dir);
  if (copy) cpSync(FIXTURES, path.join(dir, 'lib'), { recursive: true });
  return dir;
}
