/**
 * The search behind precedents, as a small interface: add a comment, remove it, ask for the comments most like a
 * text, and write the whole index out. The shipped implementation is MiniSearch in memory (`miniSearch.ts`); a
 * server engine (OpenSearch's more-like-this over a firm-wide library) could stand behind the same four calls.
 *
 * Owns: the contract. Must not: know about letters, files or the CLI. Synchronous: a loaded index answers at once
 * (a hover asks it).
 */

/** What the search indexes of one staff comment: its id in the library and its words. */
export interface SearchDocument {
  readonly id: number;
  readonly text: string;
}

export interface QueryOptions {
  /** At most this many hits, best first. */
  readonly limit: number;
  /** Leave these out (the comment's own thread, the same company, another tag): asked before a hit is scored. */
  readonly exclude?: (id: number) => boolean;
}

export interface SearchHit {
  readonly id: number;
  /** Higher is more similar; comparable within one query only. */
  readonly score: number;
  /** Whole sentences the hit shares with the query text. */
  readonly sharedSentences: number;
}

export interface PrecedentSearch {
  /** Adds a comment (an id already present is replaced). */
  add(doc: SearchDocument): void;
  /** Removes a comment: pass the document as it was added. */
  remove(doc: SearchDocument): void;
  has(id: number): boolean;
  /** The comments most like `text`, best first. */
  query(text: string, options: QueryOptions): SearchHit[];
  /** The whole index as text, for `load…` of the same implementation. */
  serialize(): string;
  readonly size: number;
}
