/**
 * What every editor feature reads: one analysed letter document and its thread (its staff letter, the prior
 * letter "prior comment N" points to, and the response to that). Built by the workspace index; features only read
 * it. Offsets, not positions; URIs as strings.
 */
import type { Coverage } from '../letters/coverage';
import type { DueThread } from '../letters/due';
import type { ResponseDraft, StaffLetter } from '../letters/model';
import type { LetterFile } from '../letters/read';
import type { LineIndex } from '../text/lineIndex';
import type { SeveritySetting } from './diagnostics';

export interface LetterDocument {
  readonly uri: string;
  /** A version counter (the editor's, or a file stamp) so caches can tell versions apart. */
  readonly version: number;
  readonly file: LetterFile;
  readonly lines: LineIndex;
  readonly kind: 'staff-letter' | 'response';
  /** The staff letter this document is (for a staff letter), or stands in for (a response that repeats comments). */
  readonly letter?: StaffLetter;
  /** For a response draft. */
  readonly draft?: ResponseDraft;
}

/** A link from a draft to its staff letter: the document, or why it cannot be read. */
export interface StaffLetterLink {
  /** The path as written in the front matter. */
  readonly written: string;
  readonly uri?: string;
  readonly doc?: LetterDocument;
  readonly failure?: string;
}

export interface Thread {
  readonly doc: LetterDocument;
  /** For a response: its staff letter. */
  readonly staff?: StaffLetterLink;
  /** The staff letter "prior comment N" refers to (the staff letter's priorLetterDate). */
  readonly prior?: LetterDocument;
  /** The response to the prior letter, when the workspace has it. */
  readonly priorResponse?: LetterDocument;
  /** Coverage of a response against its staff letter. */
  readonly coverage?: Coverage;
  /** Drafts that answer this staff letter (for references from a staff letter). */
  readonly answeredBy: readonly LetterDocument[];
  /** Letters that come after this one in the thread (the next staff letter, its responses). */
  readonly later: readonly LetterDocument[];
  /** For a response: the thread's other responses to its staff letter and the later staff letters, for the due date. */
  readonly dueThread?: DueThread;
}

export interface FeatureSettings {
  readonly severities: Readonly<Record<string, SeveritySetting>>;
  /** Today's date (ISO) for due dates. */
  readonly today: string;
}

/** The staff letter a draft's anchors refer to, when it can be read. */
export function staffLetterOfThread(thread: Thread): StaffLetter | undefined {
  if (thread.doc.kind === 'staff-letter') return thread.doc.letter;
  return thread.staff?.doc?.letter;
}
