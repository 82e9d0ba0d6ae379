/**
 * Which comments have each whole sentence (by its 32-bit key): the pairs read from disk stay one sorted typed array
 * searched in place, and changes since (comments added or removed) are kept beside it, so a loaded library of 50,000
 * comments (some 200,000 sentences) costs no Map at start-up.
 *
 * Owns: the sentence → comments index and its written form. Must not: know about text (keys come from `text.ts`).
 * Pure, never throws.
 */
export class SentenceIndex {
  /** [key, id] pairs sorted by key then id, as loaded. */
  private readonly base: Uint32Array;
  /** Comments removed since loading (their pairs in `base` no longer count). */
  private readonly removed = new Set<number>();
  /** Pairs added since loading: key → ids. */
  private readonly added = new Map<number, number[]>();

  constructor(base: Uint32Array = new Uint32Array(0)) {
    this.base = base;
  }

  add(key: number, id: number): void {
    const list = this.added.get(key);
    if (!list) this.added.set(key, [id]);
    else if (!list.includes(id)) list.push(id);
  }

  /** Forgets a comment's sentences (all of them: pass its keys). */
  remove(id: number, keys: readonly number[]): void {
    this.removed.add(id);
    for (const key of keys) {
      const list = this.added.get(key);
      if (!list) continue;
      const rest = list.filter((x) => x !== id);
      if (rest.length === 0) this.added.delete(key);
      else this.added.set(key, rest);
    }
  }

  /** The comments that have the sentence of this key. */
  idsOf(key: number): number[] {
    const out: number[] = [];
    const b = this.base;
    let lo = 0;
    let hi = b.length / 2;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (b[mid * 2]! < key) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo * 2; i < b.length && b[i] === key; i += 2) {
      const id = b[i + 1]!;
      if (!this.removed.has(id)) out.push(id);
    }
    for (const id of this.added.get(key) ?? []) if (!out.includes(id)) out.push(id);
    return out;
  }

  /** Every pair, sorted, as base64 of 32-bit integers. */
  serialize(): string {
    const pairs: [number, number][] = [];
    for (let i = 0; i < this.base.length; i += 2) if (!this.removed.has(this.base[i + 1]!)) pairs.push([this.base[i]!, this.base[i + 1]!]);
    for (const [key, ids] of this.added) for (const id of ids) pairs.push([key, id]);
    pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const flat = new Uint32Array(pairs.length * 2);
    pairs.forEach(([k, id], i) => {
      flat[i * 2] = k;
      flat[i * 2 + 1] = id;
    });
    return Buffer.from(flat.buffer).toString('base64');
  }

  static load(base64: string): SentenceIndex {
    const bytes = Buffer.from(base64, 'base64');
    const flat = new Uint32Array((bytes.byteLength >> 3) << 1);
    new Uint8Array(flat.buffer).set(bytes.subarray(0, flat.byteLength));
    return new SentenceIndex(flat);
  }
}
