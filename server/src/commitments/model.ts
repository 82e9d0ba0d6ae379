/**
 * The commitments model: what a response promises for later ("we will revise our disclosure in future filings,
 * beginning with our Form 10-Q for the quarter ending March 31, 2025"), the filing or period it names, the proposed
 * disclosure that goes with it, and what a later filing shows of it. Plain readonly data with source offsets; no
 * editor or protocol types, no IO.
 */
import type { Span } from '../letters/model';

/**
 * The filing or period a commitment names, normalised. `open` targets ("future filings", "going forward") match any
 * later periodic filing (from `periodEnd` on when they name where they begin); `filing` targets name one filing.
 */
export interface CommitmentTarget {
  readonly kind: 'open' | 'filing';
  /** The words that name it, as written ("future filings, beginning with our Form 10-Q for the quarter ended …"). */
  readonly text: string;
  /** Form types named ("10-K", "10-Q", "8-K" for earnings releases, "DEF 14A" for proxy statements); empty: any periodic filing. */
  readonly forms: readonly string[];
  /** The period end of the filing named (or the first one, for "beginning with …"), ISO, when the words give it. */
  readonly periodEnd?: string;
  /** A fiscal year named without a day ("fiscal 2024", "our 2023 Form 10-K"). */
  readonly fiscalYear?: number;
  /** A fiscal quarter named with the year ("second quarter of 2024"). */
  readonly quarter?: number;
  /** "our next Form 10-Q": the first such filing after the response. */
  readonly next?: boolean;
  /** From the named filing on ("beginning with", "starting with", "future filings, including …"). */
  readonly onward: boolean;
  /** Not said in the commitment itself: taken from an earlier promise in the same answer, or from the letter's opening. */
  readonly inherited?: 'answer' | 'letter';
}

/** One part of a proposed disclosure: a sentence or a table row, and whether the letter marks it as new (underlined …). */
export interface ProposedPart {
  readonly text: string;
  /** Marked as an addition (underlined, or bold where the letter says changes are in bold). */
  readonly added: boolean;
}

/** The disclosure a response proposes with a commitment: block quotes, "as follows:", underlined additions. */
export interface ProposedDisclosure extends Span {
  /** Plain text, struck-through (deleted) words left out. */
  readonly text: string;
  readonly parts: readonly ProposedPart[];
  /** `blocks`: paragraphs or tables after a lead-in; `inline`: quoted words in the commitment's own paragraph; `elsewhere`: the letter points to an appendix. */
  readonly form: 'blocks' | 'inline' | 'elsewhere';
}

export interface Commitment extends Span {
  /** The sentence or passage that promises (with the sentences that continue it: "Specifically, we will …"). */
  readonly text: string;
  /** The staff comment(s) it answers; empty when it sits in no answer (or a prose answer no comment matches). */
  readonly comments: readonly number[];
  /** How the comment was found: the anchor it sits under, the prose paragraph the words match, or none. */
  readonly answers: 'anchor' | 'prose' | 'none';
  /** The anchor's range when it sits under one (for the editor). */
  readonly anchor?: Span;
  readonly target?: CommitmentTarget;
  readonly proposed?: ProposedDisclosure;
  /** Hedges that make it conditional ("where applicable", "to the extent material", "if …"). */
  readonly conditional: boolean;
  /** The kind of change promised, from its verb: add/expand, revise/clarify, remove, rename, continue, file. */
  readonly action: CommitmentAction;
}

export type CommitmentAction = 'add' | 'revise' | 'remove' | 'rename' | 'continue' | 'file' | 'other';

/** What a later filing shows of one commitment. */
export type VerifyStatus = 'found' | 'partly-found' | 'not-found';

export interface FilingLocation {
  /** Offsets in the filing's text. */
  readonly start: number;
  readonly end: number;
  /** 1-based, for sources that have pages (PDF, page breaks in EDGAR HTML). */
  readonly page?: number;
  /** 1-based line in the filing's source text. */
  readonly line: number;
  /** The nearest heading above ("Item 7. Management's Discussion …", "Note 3 — Revenue"). */
  readonly heading?: string;
}

export interface FoundPassage extends FilingLocation {
  /** The filing's words there (at most a paragraph). */
  readonly text: string;
  /** Share (0–1) of the compared words' pairs found there. */
  readonly score: number;
}
