/**
 * A MiniSearch index written compactly and read back lazily: the postings of every term as one array of 32-bit
 * integers (base64 in the JSON), read in place by queries and unpacked into a term's Map only when an update changes it.
 * MiniSearch's own `toJSON`/`loadJSON` write every posting as a JSON object key and build every Map at load: for a
 * library of 50,000 comments that is seconds of start-up and most of the memory, where a query needs a few terms.
 *
 * Owns: the one place that reads and writes MiniSearch's index fields (`_index`, `_documentIds`, `_idToShortId`,
 * `_fieldLength`) directly; minisearch is pinned (package.json) and test/unit/precedents/search.test.ts checks that a
 * loaded index answers, is updated and is written again exactly as the one written. Single-field indexes only.
 * Must not: know about comments or letters. Never throws on damaged input: `readCompact` answers undefined.
 */
import MiniSearch, { type Options } from 'minisearch';

interface Internals {
  _index: { set(term: string, value: Map<number, Map<number, number>>): unknown; [Symbol.iterator](): Iterator<[string, Map<number, Map<number, number>>]> };
  _documentIds: Map<number, unknown>;
  _idToShortId: Map<unknown, number>;
  _fieldLength: Map<number, number[]>;
  _nextId: number;
  _documentCount: number;
  _avgFieldLength: number[];
  _dirtCount: number;
}

/**
 * A term's postings (short document id → term frequency) read straight from its slices of the postings array (short
 * ids ascending, then their frequencies): lookups by binary search, iteration over the slice. The first change (a
 * document added or removed) unpacks it into the Map it extends. Behaves as a Map in every way MiniSearch uses one;
 * a query never unpacks, so a loaded index stays packed.
 */
class LazyPostings extends Map<number, number> {
  /** Short ids, ascending, then as many term frequencies (while packed). */
  private ids: Int32Array | undefined;
  private tfs: Int32Array | undefined;

  constructor(ids: Int32Array, tfs: Int32Array) {
    super();
    this.ids = ids;
    this.tfs = tfs;
  }

  /** The packed ids and frequencies, while packed. */
  get packed(): { ids: Int32Array; tfs: Int32Array } | undefined {
    return this.ids && this.tfs ? { ids: this.ids, tfs: this.tfs } : undefined;
  }

  private unpack(): void {
    const { ids, tfs } = this;
    if (!ids || !tfs) return;
    this.ids = this.tfs = undefined;
    for (let i = 0; i < ids.length; i++) super.set(ids[i]!, tfs[i]!);
  }

  private find(key: number): number {
    const ids = this.ids!;
    let lo = 0;
    let hi = ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const k = ids[mid]!;
      if (k === key) return mid;
      if (k < key) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  override get size(): number {
    return this.ids ? this.ids.length : super.size;
  }
  override get(key: number): number | undefined {
    if (!this.ids) return super.get(key);
    const at = this.find(key);
    return at < 0 ? undefined : this.tfs![at];
  }
  override has(key: number): boolean {
    return this.ids ? this.find(key) >= 0 : super.has(key);
  }
  override set(key: number, value: number): this {
    this.unpack();
    return super.set(key, value);
  }
  override delete(key: number): boolean {
    this.unpack();
    return super.delete(key);
  }
  override clear(): void {
    this.ids = this.tfs = undefined;
    super.clear();
  }
  override keys(): MapIterator<number> {
    // A typed array's own iterator: what V8 runs fastest in MiniSearch's `for … of`.
    return (this.ids ? this.ids.values() : super.keys()) as MapIterator<number>;
  }
  override values(): MapIterator<number> {
    return (this.tfs ? this.tfs.values() : super.values()) as MapIterator<number>;
  }
  override entries(): MapIterator<[number, number]> {
    const { ids, tfs } = this;
    if (!ids || !tfs) return super.entries();
    return (function* (): Generator<[number, number], undefined> {
      for (let i = 0; i < ids.length; i++) yield [ids[i]!, tfs[i]!];
      return undefined;
    })() as unknown as MapIterator<[number, number]>;
  }
  override forEach(fn: (value: number, key: number, map: Map<number, number>) => void, thisArg?: unknown): void {
    for (const [k, v] of this.entries()) fn.call(thisArg, v, k, this);
  }
  override [Symbol.iterator](): MapIterator<[number, number]> {
    return this.entries();
  }
}

/** The written form (inside the caller's JSON). */
export interface CompactIndex {
  readonly documentCount: number;
  readonly nextId: number;
  readonly averageFieldLength: number[];
  readonly dirtCount: number;
  /** Documents written (the index's `_documentIds`). */
  readonly documents: number;
  readonly terms: string[];
  /** Postings per term, in `terms` order. */
  readonly counts: number[];
  /** base64 Int32: [shortId, id, fieldLength] per document, then per term its short ids (ascending) and their tfs. */
  readonly data: string;
}

function toBase64(a: Int32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}

function fromBase64(s: string): Int32Array {
  const buf = Buffer.from(s, 'base64');
  // A fresh, aligned copy (Buffer's pool may start at any byte).
  const out = new Int32Array(buf.byteLength >> 2);
  new Uint8Array(out.buffer).set(buf.subarray(0, out.byteLength));
  return out;
}

/** Writes a single-field MiniSearch index whose ids are 32-bit integers. */
export function writeCompact(index: MiniSearch): CompactIndex {
  const m = index as unknown as Internals;
  const terms: string[] = [];
  const counts: number[] = [];
  const docs = m._documentIds.size;
  const postings: Int32Array[] = [];
  let total = 0;
  for (const [term, byField] of m._index) {
    const freqs = byField.get(0);
    if (!freqs) continue;
    let block: Int32Array;
    const packed = freqs instanceof LazyPostings ? freqs.packed : undefined;
    if (packed) {
      block = new Int32Array(packed.ids.length * 2);
      block.set(packed.ids, 0);
      block.set(packed.tfs, packed.ids.length);
    } else {
      const sorted = [...freqs].sort((a, b) => a[0] - b[0]);
      block = new Int32Array(sorted.length * 2);
      sorted.forEach(([shortId, tf], i) => {
        block[i] = shortId;
        block[sorted.length + i] = tf;
      });
    }
    if (block.length === 0) continue;
    terms.push(term);
    counts.push(block.length / 2);
    postings.push(block);
    total += block.length;
  }
  const data = new Int32Array(docs * 3 + total);
  let at = 0;
  for (const [shortId, id] of m._documentIds) {
    data[at++] = shortId;
    data[at++] = id as number;
    data[at++] = m._fieldLength.get(shortId)?.[0] ?? 0;
  }
  for (const p of postings) {
    data.set(p, at);
    at += p.length;
  }
  return {
    documentCount: m._documentCount,
    nextId: m._nextId,
    averageFieldLength: m._avgFieldLength,
    dirtCount: m._dirtCount,
    documents: docs,
    terms,
    counts,
    data: toBase64(data),
  };
}

/** Reads an index written by `writeCompact`; each term's postings stay packed until first used. */
export function readCompact<T>(c: CompactIndex, options: Options<T>): { index: MiniSearch<T>; postings: Map<string, number> } | undefined {
  if (!Array.isArray(c.terms) || !Array.isArray(c.counts) || c.terms.length !== c.counts.length || typeof c.data !== 'string' || !Number.isInteger(c.documents))
    return undefined;
  const index = MiniSearch.loadJS<T>(
    {
      documentCount: c.documentCount,
      nextId: c.nextId,
      fieldIds: Object.fromEntries(options.fields.map((f, i) => [f, i])),
      averageFieldLength: c.averageFieldLength,
      dirtCount: c.dirtCount,
      serializationVersion: 2,
      index: [],
      documentIds: {},
      fieldLength: {},
      storedFields: {},
    },
    options,
  );
  const m = index as unknown as Internals;
  const data = fromBase64(c.data);
  const docs = c.documents;
  const postingsTotal = c.counts.reduce((a, b) => a + b, 0);
  if (data.length !== docs * 3 + postingsTotal * 2) return undefined;
  let at = 0;
  for (let i = 0; i < docs; i++) {
    const shortId = data[at++]!;
    const id = data[at++]!;
    m._documentIds.set(shortId, id);
    m._idToShortId.set(id, shortId);
    m._fieldLength.set(shortId, [data[at++]!]);
  }
  const counts = new Map<string, number>();
  for (let t = 0; t < c.terms.length; t++) {
    const n = c.counts[t]!;
    m._index.set(c.terms[t]!, new Map([[0, new LazyPostings(data.subarray(at, at + n), data.subarray(at + n, at + n * 2))]]));
    counts.set(c.terms[t]!, n);
    at += n * 2;
  }
  return { index, postings: counts };
}
