/**
 * Test helpers: fixture paths and in-memory letters. Tests read test/fixtures only, never ../shared.
 */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { readLetterBytes, readLetterText, responseOf, staffLetterOf, type LetterFile } from '../server/src/letters/read';
import type { ResponseDraft, StaffLetter } from '../server/src/letters/model';

export const FIXTURES = path.join(__dirname, 'fixtures');
export const REAL = path.join(FIXTURES, 'real');
export const SEEDS = path.join(FIXTURES, 'seeds');

export const realPairs = (): string[] =>
  readdirSync(REAL)
    .filter((d) => !d.startsWith('.'))
    .sort();

export function fixture(...parts: string[]): string {
  return readFileSync(path.join(FIXTURES, ...parts), 'utf8');
}

export function fixtureBytes(...parts: string[]): Uint8Array {
  return new Uint8Array(readFileSync(path.join(FIXTURES, ...parts)));
}

export async function letterFile(...parts: string[]): Promise<LetterFile> {
  return readLetterBytes(parts[parts.length - 1]!, fixtureBytes(...parts));
}

/** A staff letter from an in-memory text (extension decides the importer). */
export function staffFrom(name: string, text: string): StaffLetter {
  return staffLetterOf(readLetterText(name, text));
}

export function responseFrom(name: string, text: string, staff?: StaffLetter): ResponseDraft {
  return responseOf(readLetterText(name, text), staff);
}
