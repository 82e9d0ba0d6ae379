/**
 * A letter's citation problems block by block, kept with the blocks (`parse/blockFacts.ts`) under one fact name: the
 * diagnostics read them there (`letters/letterFacts.ts` places them in the source), and the analysis cache stores a
 * response's, placed, in its entry (`LetterFacts`), so that a warm start does not scan every draft for citations again
 * (the scan was 12% of a warm `corresp check` of 500 drafts). Pure.
 */
import type { Block } from '../parse/blocks';
import { checkCitation } from './check';
import { findCitations } from './scan';
import type { CitationProblem } from './types';

/** The fact a block's citation problems (offsets into its text) are kept under. */
export const CITATION_PROBLEMS = 'citation problems';

const NONE: readonly CitationProblem[] = Object.freeze([]);

/** Whether a block is scanned for citations (code, HTML and empty blocks are not). */
export function scannedForCitations(block: Block): boolean {
  return block.kind !== 'code' && block.kind !== 'html' && block.text.length > 0;
}

/** Every citation of a text, checked: its problems, at offsets into the text. */
export function citationProblemsIn(text: string): readonly CitationProblem[] {
  const found = findCitations(text).flatMap((c) => checkCitation(c));
  return found.length > 0 ? found : NONE;
}
