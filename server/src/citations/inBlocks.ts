/**
 * A letter's citation problems block by block, kept with the blocks (`parse/blockFacts.ts`) under one fact name: the
 * diagnostics read them there (`features/diagnostics.ts`), and the analysis cache stores a response's with its reading
 * and fills them in when it hands the letter back, so that a warm start does not scan every draft for citations again
 * (the scan was 12% of a warm `corresp check` of 500 drafts). Pure.
 */
import type { Block } from '../parse/blocks';
import { blockFact, keepBlockFact } from '../parse/blockFacts';
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

/** The problems of each scanned block that has any, as [block index, problems] (for a cache entry), kept with the blocks. */
export function citationProblemsOfBlocks(blocks: readonly Block[]): Array<readonly [number, readonly CitationProblem[]]> {
  const out: Array<readonly [number, readonly CitationProblem[]]> = [];
  blocks.forEach((b, i) => {
    if (!scannedForCitations(b)) return;
    const problems = blockFact(b, CITATION_PROBLEMS, (x) => citationProblemsIn(x.text));
    if (problems.length > 0) out.push([i, problems]);
  });
  return out;
}

/** Keeps problems worked out before (`citationProblemsOfBlocks` of the same blocks) with the blocks: none for the rest. */
export function keepCitationProblems(blocks: readonly Block[], known: ReadonlyArray<readonly [number, readonly CitationProblem[]]>): void {
  const byIndex = new Map(known);
  blocks.forEach((b, i) => {
    if (scannedForCitations(b)) keepBlockFact(b, CITATION_PROBLEMS, byIndex.get(i) ?? NONE);
  });
}
