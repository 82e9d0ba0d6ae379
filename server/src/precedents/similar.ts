/**
 * "How have others answered this?": the comments of a library most like a staff comment, each with its company,
 * date, caption, the staff's words with the words it shares marked, and the company's answer when the library holds
 * it. What the CLI's `corresp similar` prints and what a hover will show.
 *
 * Owns: the library entry shape, the query with its exclusions, the result shape. Must not: read files (texts come
 * through `PrecedentLibrary.text`/`answer`, which the store serves). Synchronous: a loaded library answers at once.
 */
import type { PrecedentSearch } from './search';
import { markShared, type Segment } from './text';

/** One staff comment of the library, without its text (read on demand). */
export interface PrecedentEntry {
  readonly id: number;
  /** The letter file it comes from (absolute path). */
  readonly file: string;
  readonly number: number;
  readonly caption: readonly string[];
  readonly company?: string | undefined;
  readonly fileNumber?: string | undefined;
  readonly filing?: string | undefined;
  /** The staff letter's date (ISO). */
  readonly date?: string | undefined;
  readonly tags: readonly string[];
  /** Its thread's id (see `pairLibrary`). */
  readonly thread: string;
  /** Its filer's key (`filerKeyOf`). */
  readonly filer: string;
  /** Whether the library holds the company's answer to it. */
  readonly answered: boolean;
}

/** A library loaded for queries: the search, the entries, and their texts on demand. */
export interface PrecedentLibrary {
  readonly search: PrecedentSearch;
  entry(id: number): PrecedentEntry | undefined;
  /** The staff's words of a comment. */
  text(id: number): string;
  /** The company's answer as filed, when the library holds it. */
  answer(id: number): string | undefined;
}

/** The comment asked about (a `StaffComment` will do). */
export interface PrecedentQuery {
  readonly text: string;
}

export interface PrecedentOptions {
  readonly limit: number;
  /** Only comments with this tag. */
  readonly tag?: string;
  /** Leave out an entry (its own thread, the same company, a folder not in the library). */
  readonly exclude?: (entry: PrecedentEntry) => boolean;
}

export interface Precedent {
  readonly entry: PrecedentEntry;
  readonly score: number;
  /** Whole sentences it shares with the comment asked about. */
  readonly sharedSentences: number;
  readonly text: string;
  /** The staff's words, with the runs shared with the comment asked about marked. */
  readonly segments: readonly Segment[];
  readonly answer?: string;
}

/** The library's comments most like `query`, best first. */
export function findPrecedents(query: PrecedentQuery, library: PrecedentLibrary, options: PrecedentOptions): Precedent[] {
  const exclude = (id: number): boolean => {
    const e = library.entry(id);
    if (!e) return true;
    if (options.tag !== undefined && !e.tags.includes(options.tag)) return true;
    return options.exclude?.(e) ?? false;
  };
  const hits = library.search.query(query.text, { limit: options.limit, exclude });
  return hits.map((h) => {
    const entry = library.entry(h.id)!;
    const text = library.text(h.id);
    const answer = entry.answered ? library.answer(h.id) : undefined;
    return { entry, score: h.score, sharedSentences: h.sharedSentences, text, segments: markShared(query.text, text), ...(answer ? { answer } : {}) };
  });
}

/** The opening of a text, cut at a word, with "…" when cut. */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}
