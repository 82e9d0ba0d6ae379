/**
 * Helpers for the commitments tests: the real responses and staff letters of test/fixtures/threads, labelled in
 * test/fixtures/commitments (see its README), read as `corresp commitments` reads them.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { commitmentsOf, type Commitment } from '../../../server/src/commitments';
import type { ResponseDraft, StaffLetter } from '../../../server/src/letters/model';
import { readLetterBytes, readLetterText, responseOf, staffLetterOf, type LetterFile } from '../../../server/src/letters/read';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/commitments');
/** The real threads (test/fixtures/threads): the labelled responses and their staff letters among them. */
export const THREADS = path.resolve(__dirname, '../../fixtures/threads');

export async function read(rel: string): Promise<LetterFile> {
  const abs = path.join(THREADS, rel);
  return readLetterBytes(abs, new Uint8Array(readFileSync(abs)));
}

export interface Read {
  readonly file: LetterFile;
  readonly draft: ResponseDraft;
  readonly staff?: StaffLetter;
  readonly commitments: readonly Commitment[];
}

/** A response (and, when given, the staff letter it answers) and its commitments. */
export async function commitmentsIn(response: string, staffLetter?: string): Promise<Read> {
  const file = await read(response);
  const staff = staffLetter ? staffLetterOf(await read(staffLetter)) : undefined;
  const draft = responseOf(file, staff);
  return { file, draft, ...(staff ? { staff } : {}), commitments: commitmentsOf({ file, draft }, staff) };
}

/** A Markdown draft's commitments, answering `staff` (a real staff letter from the fixtures). */
export function draftCommitments(markdown: string, staff?: StaffLetter): Read {
  const file = readLetterText('draft.md', markdown);
  const draft = responseOf(file, staff);
  return { file, draft, ...(staff ? { staff } : {}), commitments: commitmentsOf({ file, draft }, staff) };
}

/** The commitment whose text contains `words`. */
export function withText(commitments: readonly Commitment[], words: string): Commitment {
  const c = commitments.find((x) => x.text.includes(words));
  if (!c) throw new Error(`no commitment with “${words}” among:\n${commitments.map((x) => `- ${x.text.slice(0, 120)}`).join('\n')}`);
  return c;
}
