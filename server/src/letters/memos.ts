/**
 * The memo tables of the letters layer (word pairs, containment, word diffs, placeholder verdicts) and of the
 * diagnostics (citation problems), as one object with one owner: the `LetterIndex` that holds the documents (its
 * tables go with it, and `clear()` empties them), or, where no index runs the analysis (the CLI, tests), one shared
 * set. Every table is bounded by the characters it holds (`text/memo.ts`), and holds fresh copies of its texts.
 *
 * The owner makes its tables current around the analysis it runs (`withMemos`) and counts its analyses (`tick`: what
 * the last few did not use is dropped); the functions that remember ask `memos()`. Pure: no IO; the tables are caches (a result is the same whether remembered or not).
 */
import { MemoClock, TextPairTable, TextTable } from '../text/memo';
import type { WordDiff } from './words';

/**
 * Characters a whole set of tables may hold (a hard bound; each table has its share). A table must hold what one
 * analysis of the largest draft asks (its blocks: 1 MB for a 1,000-comment draft) or every keystroke would compute
 * everything again; the age sweep, not this bound, is what keeps the tables at that working set while typing.
 */
export const MEMO_CHARS = 24_000_000;

/** An entry no analysis used in this many of the owner's analyses (plus two per document it holds) is dropped. */
export const MEMO_MAX_AGE = 16;

export class TextMemos {
  readonly clock = new MemoClock();
  /** The word pairs of a whole (a staff comment), as a set. */
  readonly pairSets: TextTable<Set<string>>;
  /** Containment of a part in a whole, one table per word limit. */
  readonly containments = new Map<number, TextPairTable<number>>();
  readonly diffs: TextPairTable<WordDiff>;
  readonly placeholders: TextTable<boolean>;
  readonly placeholdersRedacted: TextTable<boolean>;
  /** Citation problems of a block's text (features/diagnostics.ts; typed there). */
  readonly citations: TextTable<readonly unknown[]>;

  constructor(readonly maxChars = MEMO_CHARS) {
    // Shares of the bound: word pairs weigh about their text again; containment keys are a draft's blocks.
    // A set of word pairs costs about 30 characters' worth per pair (the string and the set's entry).
    this.pairSets = new TextTable(maxChars * 0.2, this.clock, (_key, set) => set.size * 30);
    this.diffs = new TextPairTable(maxChars * 0.1, this.clock);
    this.placeholders = new TextTable(maxChars * 0.1, this.clock);
    this.placeholdersRedacted = new TextTable(maxChars * 0.05, this.clock);
    this.citations = new TextTable(maxChars * 0.1, this.clock, (_key, found) => found.length * 64);
  }

  /** The containment table for a word limit (a handful of limits are used). */
  containment(maxWords: number): TextPairTable<number> {
    let table = this.containments.get(maxWords);
    if (!table) {
      table = new TextPairTable(this.maxChars * 0.1, this.clock);
      this.containments.set(maxWords, table);
    }
    return table;
  }

  /** Characters held by every table. */
  get chars(): number {
    let n = this.pairSets.chars + this.diffs.chars + this.placeholders.chars + this.placeholdersRedacted.chars + this.citations.chars;
    for (const t of this.containments.values()) n += t.chars;
    return n;
  }

  /**
   * One analysis done (the owner calls it after each): every few, what the last `MEMO_MAX_AGE + 2 × open` analyses
   * did not use is dropped. `open`: the documents open in the editor, each re-read while it is edited (typing in one
   * re-checks the drafts that read it). A closed draft's reading and coverage are kept with it (and in the analysis
   * cache), so its comparisons are not asked again until it or its staff letter changes: kept for every document held
   * (the age once scaled with them), a cold 500-thread start ended with 32 MB of tables a warm start never fills.
   * `held`: how many letters the owner holds, which spaces the sweeps (each walks every table).
   */
  tick(open = 0, held = 0): void {
    this.clock.now++;
    if (this.clock.now % Math.max(4, Math.floor(held / 16)) !== 0) return;
    const age = MEMO_MAX_AGE + 2 * open;
    this.pairSets.sweep(age);
    for (const t of this.containments.values()) t.sweep(age);
    this.diffs.sweep(age);
    this.placeholders.sweep(age);
    this.placeholdersRedacted.sweep(age);
    this.citations.sweep(age);
  }

  clear(): void {
    this.pairSets.clear();
    this.containments.clear();
    this.diffs.clear();
    this.placeholders.clear();
    this.placeholdersRedacted.clear();
    this.citations.clear();
  }
}

/** The tables used when no owner made its own current (the CLI, tests): bounded like any other. */
const shared = new TextMemos();
let current: TextMemos = shared;

/** The tables of the analysis running now. */
export function memos(): TextMemos {
  return current;
}

/** Runs `fn` (synchronous) with `owner`'s tables current. */
export function withMemos<T>(owner: TextMemos, fn: () => T): T {
  const before = current;
  current = owner;
  try {
    return fn();
  } finally {
    current = before;
  }
}
