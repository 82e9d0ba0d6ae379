/**
 * Tables of results remembered by text, bounded by the characters they hold (not by their number of entries: one
 * entry may be a word or a whole staff letter). A draft is re-read on every keystroke, and almost every block and
 * staff comment is the same text as before, so comparing or judging them again would be the whole cost of an edit.
 *
 * Memory safety: keys are stored as fresh copies (`freshString`) and the value is computed from that copy, so an entry
 * never keeps alive the document version it was cut from (a table of slices once kept thousands of versions alive:
 * hundreds of MB per thousand edits). The least recently used entries go first when the bound is reached.
 * Pure; no IO; must not know about letters.
 */
import { freshString } from './fresh';

/** One text → value. `weigh` says how many characters a value holds besides its key (default 0). */
export class TextTable<V> {
  private readonly map = new Map<string, { value: V; chars: number }>();
  private held = 0;
  constructor(
    readonly maxChars: number,
    private readonly weigh: (key: string, value: V) => number = () => 0,
  ) {}

  /** The remembered value, or `compute(copy)` of a fresh copy of the key, remembered. */
  get(key: string, compute: (key: string) => V): V {
    const known = this.map.get(key);
    if (known) {
      // Least recently used goes first: a hit moves to the end.
      this.map.delete(key);
      this.map.set(key, known);
      return known.value;
    }
    const copy = freshString(key);
    const value = compute(copy);
    const chars = copy.length + this.weigh(copy, value) + 16;
    if (chars > this.maxChars) return value;
    this.held += chars;
    this.map.set(copy, { value, chars });
    this.evict();
    return value;
  }

  private evict(): void {
    if (this.held <= this.maxChars) return;
    for (const [k, e] of this.map) {
      this.map.delete(k);
      this.held -= e.chars;
      if (this.held <= this.maxChars * 0.9) break;
    }
  }

  /** Characters held (keys and the values' weight). */
  get chars(): number {
    return this.held;
  }

  get size(): number {
    return this.map.size;
  }

  clear(): void {
    this.map.clear();
    this.held = 0;
  }
}

/** Two texts → value (a part compared with a whole), grouped by the whole: evicted a whole at a time. */
export class TextPairTable<V> {
  private readonly byWhole = new Map<string, { key: string; parts: Map<string, V>; chars: number }>();
  private held = 0;
  constructor(readonly maxChars: number) {}

  /** The remembered value, or `compute(wholeCopy, partCopy)` of fresh copies, remembered. */
  get(whole: string, part: string, compute: (whole: string, part: string) => V): V {
    let group = this.byWhole.get(whole);
    const known = group?.parts.get(part);
    if (known !== undefined) return known;
    if (!group) {
      const key = freshString(whole);
      group = { key, parts: new Map(), chars: key.length + 16 };
      this.byWhole.set(key, group);
      this.held += group.chars;
    } else {
      // The group is used: least recently used wholes go first.
      this.byWhole.delete(group.key);
      this.byWhole.set(group.key, group);
    }
    const partKey = freshString(part);
    const value = compute(group.key, partKey);
    group.parts.set(partKey, value);
    group.chars += partKey.length + 16;
    this.held += partKey.length + 16;
    if (this.held > this.maxChars) this.evict(group);
    return value;
  }

  private evict(keep: { parts: Map<string, V> }): void {
    for (const [k, g] of this.byWhole) {
      if (g === keep) {
        // The newest group alone is over the bound: drop its parts but this one.
        if (this.byWhole.size === 1) {
          this.held -= g.chars;
          g.parts.clear();
          g.chars = k.length + 16;
          this.held += g.chars;
          break;
        }
        continue;
      }
      this.byWhole.delete(k);
      this.held -= g.chars;
      if (this.held <= this.maxChars * 0.9) break;
    }
  }

  get chars(): number {
    return this.held;
  }

  clear(): void {
    this.byWhole.clear();
    this.held = 0;
  }
}
