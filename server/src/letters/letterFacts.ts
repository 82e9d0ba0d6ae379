/**
 * What the diagnostics read of a whole letter that its analysis cache entry can give without its blocks: the blanks of
 * its blocks (the skeleton's "[Date]", and in a Markdown draft any bracketed blank), its citation problems and the block
 * giving the "Tandy" acknowledgment, at source offsets. A letter read from the cache carries them, so its blocks stay serialised until something else asks
 * for them (a warm start then decodes no draft's blocks: the objects of 38,000 blocks on 500 threads); any other
 * letter (an open document, a letter read fresh) has none, and the diagnostics read its blocks, whose facts are kept
 * with them (`parse/blockFacts.ts`). Kept by letter, weakly. The cache computes them with the same functions the
 * diagnostics use, so the two give the same problems. Pure.
 */
import type { Block } from '../parse/blocks';
import { sourceOffset } from '../parse/blocks';
import { blockFact } from '../parse/blockFacts';
import { CITATION_PROBLEMS, citationProblemsIn, scannedForCitations } from '../citations/inBlocks';
import type { CitationProblem } from '../citations/types';
import { blanksIn } from './placeholders';

/** A blank of the letter, at source offsets: the skeleton's own (`skeleton`), or another bracketed blank. */
export interface PlacedBlank {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly skeleton: boolean;
}

/** A citation problem of a block with its offsets (and its fix's) placed in the source. */
export interface PlacedCitation {
  readonly problem: CitationProblem;
  readonly start: number;
  readonly end: number;
  readonly fix?: { readonly start: number; readonly end: number };
}

export interface LetterFacts {
  readonly blanks: readonly PlacedBlank[];
  readonly citations: readonly PlacedCitation[];
  /** The block that gives the "Tandy" acknowledgment (its source range), null when none does. */
  readonly acknowledgment: { readonly start: number; readonly end: number } | null;
}

const known = new WeakMap<object, LetterFacts>();

/** The facts of a letter read from the analysis cache (undefined for any other letter: read its blocks). */
export function letterFactsOf(letter: object): LetterFacts | undefined {
  return known.get(letter);
}

/** Keeps facts worked out from this very letter's blocks (`letterFactsFromBlocks`), for a letter whose blocks are not decoded. */
export function keepLetterFacts(letter: object, facts: LetterFacts): void {
  known.set(letter, facts);
}

/** The facts of a letter's blocks: what a cache entry stores. */
export function letterFactsFromBlocks(blocks: readonly Block[], markdown: boolean): LetterFacts {
  const given = acknowledgmentBlockOf(blocks);
  return {
    blanks: placedBlanksOf(blocks, markdown),
    citations: placedCitationsOf(blocks, citationProblemsIn),
    acknowledgment: given ? { start: given.start, end: given.end } : null,
  };
}

/** The company's "Tandy" acknowledgment in a response. */
const ACKNOWLEDGMENT_RE = /\bforeclose the commission\b|\bmay not assert (?:the )?staff(?:['’]s)? comments? as a defense\b/i;

/** The first block (not code) that gives the acknowledgment (kept with each block). */
export function acknowledgmentBlockOf(blocks: readonly Block[]): Block | undefined {
  return blocks.find((b) => b.kind !== 'code' && blockFact(b, 'acknowledgment', (x) => ACKNOWLEDGMENT_RE.test(x.text)));
}

/** The skeleton's own blanks (what `corresp new` writes where the firm fills in), wherever they are. */
const SKELETON_BLANK_RE =
  /\[(?:date|name|title|telephone|telephone number|phone|phone number|e-?mail|e-?mail address|company|filing|address|signature|signatory|dated …|dated \.\.\.|firm|law firm)\]/gi;

/** The blanks of the blocks, in order, at source offsets (each block's kept with it). */
export function placedBlanksOf(blocks: readonly Block[], markdown: boolean): PlacedBlank[] {
  const out: PlacedBlank[] = [];
  for (const block of blocks) {
    // A block with no bracket has no blank: passed over before a fact is kept for it, as most are.
    if (block.kind === 'code' || block.kind === 'html' || block.kind === 'break' || !block.text.includes('[')) continue;
    for (const f of blockFact(block, markdown ? 'blanks (markdown)' : 'blanks', (b) => blanksOfBlock(b.text, markdown)))
      out.push({ start: sourceOffset(block, f.start), end: sourceOffset(block, f.end), text: f.text, skeleton: f.skeleton });
  }
  return out;
}

/** A block's blanks (text offsets): the skeleton's, and in a Markdown draft any other bracketed blank. */
function blanksOfBlock(text: string, markdown: boolean): readonly PlacedBlank[] {
  const found: PlacedBlank[] = [];
  SKELETON_BLANK_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SKELETON_BLANK_RE.exec(text)) !== null) found.push({ start: m.index, end: m.index + m[0].length, text: m[0], skeleton: true });
  if (markdown) {
    for (const b of blanksIn(text, [], {}))
      if (b.text.startsWith('[') && !found.some((f) => f.start < b.end && b.start < f.end))
        found.push({ start: b.start, end: b.end, text: b.text, skeleton: false });
  }
  return found;
}

/**
 * The citation problems of the blocks, in order, at source offsets. `problemsOf` works out a block's problems when no
 * fact is kept for it yet (the diagnostics pass one remembered by text).
 */
export function placedCitationsOf(blocks: readonly Block[], problemsOf: (text: string) => readonly CitationProblem[]): PlacedCitation[] {
  const out: PlacedCitation[] = [];
  for (const block of blocks) {
    if (!scannedForCitations(block)) continue;
    for (const problem of blockFact(block, CITATION_PROBLEMS, (b) => problemsOf(b.text))) {
      out.push({
        problem,
        start: sourceOffset(block, problem.start),
        end: sourceOffset(block, problem.end),
        ...(problem.fix ? { fix: { start: sourceOffset(block, problem.fix.start), end: sourceOffset(block, problem.fix.end) } } : {}),
      });
    }
  }
  return out;
}
