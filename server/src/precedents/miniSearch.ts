/**
 * `PrecedentSearch` on MiniSearch (BM25, in memory), as more-like-this: a comment is indexed by its most telling
 * terms, a query asks for the query's most telling terms, and a comment that shares a whole sentence with the query
 * (the staff reuse sentences word for word in a sweep) counts that much more.
 *
 * - Terms: `termOf` (no formula words, plurals folded, companies' names left out), weighed by tf × idf against the
 *   staff's vocabulary (`data/vocabulary.ts`: how many of 534 real comments use each term); a comment keeps its
 *   INDEX_TERMS best. Weighing against a fixed vocabulary makes what is indexed a function of the comment alone, so
 *   a comment can be removed exactly and a library grows without re-indexing.
 * - Queries: the query's telling terms, weighed by tf × idf in this library, best first, as many as fit in
 *   QUERY_POSTINGS (a query's cost is the postings it visits, so a query costs the same in a library of any size).
 * - Sentences: every sentence of eight words or more, normalised, as a 32-bit key → the comments that have it
 *   (`sentenceIndex.ts`). A shared sentence adds the best hit's score × log(1 + N / n) / log(1 + N), n the
 *   comments with that sentence, rarest sentences first within SENTENCE_POSTINGS.
 * - Written with `compactIndex.ts` (packed postings, read in place).
 *
 * Must not: know about letters or files. Synchronous; never throws on any text.
 */
import MiniSearch from 'minisearch';
import { STAFF_VOCABULARY } from './data/vocabulary';
import { readCompact, writeCompact, type CompactIndex } from './compactIndex';
import type { PrecedentSearch, QueryOptions, SearchDocument, SearchHit } from './search';
import { SentenceIndex } from './sentenceIndex';
import { sentenceKeys, sentenceWords, SENTENCE_MIN_WORDS, termCounts } from './text';
import { hash32 } from '../text/hash';

/** How many terms a comment is indexed by (its most telling ones). */
export const INDEX_TERMS = 14;
/** How many of the query's most telling terms a query asks for, at most. */
export const QUERY_TERMS = 12;
/**
 * How many postings (comment × term) a query may visit: terms are asked for rarest first (in this library) until
 * the next would pass this. A query's cost is its postings, so this bounds it whatever the library's size; in a
 * library of formulaic comments the common terms would otherwise visit most of it for little.
 */
export const QUERY_POSTINGS = 1_500;
/** How many comments sharing a sentence with the query a query may visit (the rarest sentence always). */
export const SENTENCE_POSTINGS = 500;
/** A query asks for at least this many terms, however common. */
const MIN_QUERY_TERMS = 1;
const FORMAT = 'corresp-precedents-minisearch/7';

interface IndexedDoc {
  readonly id: number;
  readonly t: string;
}

const OPTIONS = {
  fields: ['t'],
  tokenize: (s: string) => s.split(' '),
  processTerm: (t: string) => t || null,
  autoVacuum: false,
  searchOptions: { combineWith: 'OR' as const },
};

let vocabulary: { readonly comments: number; readonly df: ReadonlyMap<string, number> } | undefined;

function staffVocabulary() {
  if (!vocabulary) {
    const df = new Map<string, number>();
    for (const pair of STAFF_VOCABULARY.df.split(' ')) {
      const colon = pair.lastIndexOf(':');
      if (colon > 0) df.set(pair.slice(0, colon), Number(pair.slice(colon + 1)));
    }
    vocabulary = { comments: STAFF_VOCABULARY.comments, df };
  }
  return vocabulary;
}

/** How telling a term is: rare in the staff's comments at large → high. */
export function termWeight(term: string): number {
  const v = staffVocabulary();
  return Math.log(1 + v.comments / (1 + (v.df.get(term) ?? 0)));
}

/** A capitalised word the staff never use in general: a name (of the company, a product, a place, a person). */
function isName(term: string): boolean {
  return !staffVocabulary().df.has(term);
}

/** The text's `limit` most telling terms, with their counts (ties: the earlier term first); names left out. */
export function tellingTerms(text: string, limit: number): [string, number][] {
  const scored = [...termCounts(text, isName)].map(([t, n]) => ({ t, n, w: n * termWeight(t) }));
  scored.sort((a, b) => b.w - a.w);
  return scored.slice(0, limit).map((s) => [s.t, s.n]);
}

function indexedText(doc: SearchDocument): string {
  const out: string[] = [];
  for (const [t, n] of tellingTerms(doc.text, INDEX_TERMS)) for (let i = 0; i < n; i++) out.push(t);
  return out.join(' ');
}

export class MiniSearchPrecedents implements PrecedentSearch {
  private readonly index: MiniSearch<IndexedDoc>;
  /** Sentence key → the ids of the comments that have that sentence (one id, or several). */
  private readonly sentences: SentenceIndex;
  /** Term → how many indexed comments have it. */
  private readonly df: Map<string, number>;

  constructor(index?: MiniSearch<IndexedDoc>, sentences?: SentenceIndex, df?: Map<string, number>) {
    this.index = index ?? new MiniSearch<IndexedDoc>(OPTIONS);
    this.sentences = sentences ?? new SentenceIndex();
    this.df = df ?? new Map();
  }

  private count(indexed: string, by: number): void {
    for (const t of new Set(indexed.split(' '))) {
      if (!t) continue;
      const n = (this.df.get(t) ?? 0) + by;
      if (n > 0) this.df.set(t, n);
      else this.df.delete(t);
    }
  }

  get size(): number {
    return this.index.documentCount;
  }

  has(id: number): boolean {
    return this.index.has(id);
  }

  add(doc: SearchDocument): void {
    if (this.index.has(doc.id)) {
      this.index.discard(doc.id);
      this.sentences.remove(doc.id, []);
    }
    const t = indexedText(doc);
    this.index.add({ id: doc.id, t });
    this.count(t, 1);
    for (const key of sentenceKeys(doc.text)) this.sentences.add(key, doc.id);
  }

  remove(doc: SearchDocument): void {
    if (!this.index.has(doc.id)) return;
    const t = indexedText(doc);
    try {
      this.index.remove({ id: doc.id, t });
      this.count(t, -1);
    } catch {
      // Not the text it was added with: drop it lazily instead.
      this.index.discard(doc.id);
    }
    this.sentences.remove(doc.id, sentenceKeys(doc.text));
  }

  query(text: string, options: QueryOptions): SearchHit[] {
    if (options.limit <= 0 || this.size === 0) return [];
    // A comment is met once per term it matches: ask about it once.
    const asked = new Map<number, boolean>();
    const exclude = options.exclude
      ? (id: number): boolean => {
          let out = asked.get(id);
          if (out === undefined) {
            out = options.exclude!(id);
            asked.set(id, out);
          }
          return out;
        }
      : undefined;
    const n = this.size;
    // More like this: the query's telling terms, rarest in this library first, within the postings budget.
    const candidates = tellingTerms(text, QUERY_TERMS * 3)
      .map(([t, tf]) => ({ t, df: this.df.get(t) ?? 0, w: tf * Math.log(1 + n / (1 + (this.df.get(t) ?? 0))) }))
      .filter((c) => c.df > 0)
      .sort((a, b) => b.w - a.w);
    const terms = new Set<string>();
    let postings = 0;
    for (const c of candidates) {
      if (terms.size >= QUERY_TERMS) break;
      if (terms.size >= MIN_QUERY_TERMS && postings + c.df > QUERY_POSTINGS) continue;
      terms.add(c.t);
      postings += c.df;
    }
    // Whole sentences the query shares with library comments: their comments, weighed by how rare the sentence is.
    // Rarest sentence first, within a budget of comments (a boilerplate sentence can be in thousands, for little).
    const shared = new Map<number, { weight: number; count: number }>();
    const matched: (readonly number[])[] = [];
    for (const words of sentenceWords(text)) {
      if (words.length < SENTENCE_MIN_WORDS) continue;
      const ids = this.sentences.idsOf(hash32(words.join(' ')));
      if (ids.length > 0) matched.push(ids);
    }
    matched.sort((a, b) => a.length - b.length);
    let visited = 0;
    for (const ids of matched) {
      if (visited > 0 && visited + ids.length > SENTENCE_POSTINGS) break;
      visited += ids.length;
      const weight = Math.log(1 + n / ids.length);
      for (const id of ids) {
        if (exclude?.(id)) continue;
        const s = shared.get(id);
        if (s) {
          s.weight += weight;
          s.count++;
        } else shared.set(id, { weight, count: 1 });
      }
    }
    if (terms.size === 0 && shared.size === 0) return [];
    const results =
      terms.size === 0 ? [] : this.index.search([...terms].join(' '), { combineWith: 'OR', boostDocument: (id: number) => (exclude?.(id) ? 0 : 1) });
    // A shared sentence is worth as much as the best match of words, scaled by how rare the sentence is (a sentence
    // no other comment has: the whole best score; one in every comment: nothing). Comments that share no sentence
    // keep their BM25 order, so only the first `limit` of them can make the cut.
    const top = results[0]?.score ?? 1;
    const rarest = Math.log(1 + n);
    const bm25 = new Map<number, number>();
    const hits: SearchHit[] = [];
    for (const r of results) {
      const id = r.id as number;
      if (shared.has(id)) bm25.set(id, r.score);
      else if (hits.length < options.limit) hits.push({ id, score: r.score, sharedSentences: 0 });
    }
    for (const [id, s] of shared) {
      hits.push({ id, score: (bm25.get(id) ?? 0) + top * Math.min(1, s.weight / rarest), sharedSentences: s.count });
    }
    hits.sort((a, b) => b.score - a.score || a.id - b.id);
    return hits.slice(0, options.limit).map((h) => ({ ...h, score: Math.round(h.score * 100) / 100 }));
  }

  serialize(): string {
    return JSON.stringify({ format: FORMAT, index: writeCompact(this.index), sentences: this.sentences.serialize() });
  }
}

/** An index written by `serialize`, or undefined when the text is not one (another version, or damaged). */
export function loadMiniSearchPrecedents(serialized: string): MiniSearchPrecedents | undefined {
  try {
    const data = JSON.parse(serialized) as { format?: string; index?: CompactIndex; sentences?: string };
    if (data.format !== FORMAT || !data.index || typeof data.sentences !== 'string') return undefined;
    const read = readCompact<IndexedDoc>(data.index, OPTIONS);
    if (!read) return undefined;
    return new MiniSearchPrecedents(read.index, SentenceIndex.load(data.sentences), read.postings);
  } catch {
    return undefined;
  }
}
