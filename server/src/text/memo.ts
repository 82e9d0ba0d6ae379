/**
 * Tables of results remembered by text, bounded by the characters they hold (not by their number of entries: one
 * entry may be a word or a whole staff letter) and by age. A draft is re-read on every keystroke, and almost every
 * block and staff comment is the same text as before, so comparing or judging them again would be the whole cost of
 * an edit; but each keystroke also makes new texts (the paragraph being typed) that will never be asked again.
 *
 * Memory safety: keys are stored as fresh copies (`freshString`) and the value is computed from that copy, so an entry
 * never keeps alive the document version it was cut from (a table of slices once kept thousands of versions alive:
 * hundreds of MB per thousand edits). The owner counts its analyses on a `MemoClock`; `sweep` drops what the last
 * `maxAge` analyses did not use (what typing left behind), and a table over its bound drops its least recently used
 * entries first. Pure; no IO; must not know about letters.
 */
import { freshString } from './fresh';

/** Counts analyses: an entry remembers the last one that used it. */
export class MemoClock {
  now = 0;
}

/** Per-entry overhead counted as characters (the map entry, the key's header). */
const ENTRY = 16;

interface Slot<V> {
  readonly value: V;
  readonly chars: number;
  used: number;
}

/** One text → value. `weigh` says how many characters a value holds besides its key (default 0). */
export class TextTable<V> {
  private readonly map = new Map<string, Slot<V>>();
  private held = 0;
  constructor(
    readonly maxChars: number,
    private readonly clock: MemoClock = new MemoClock(),
    private readonly weigh: (key: string, value: V) => number = () => 0,
  ) {}

  /** The remembered value, or `compute(copy)` of a fresh copy of the key, remembered. */
  get(key: string, compute: (key: string) => V): V {
    const known = this.map.get(key);
    if (known) {
      known.used = this.clock.now;
      return known.value;
    }
    const copy = freshString(key);
    const value = compute(copy);
    const chars = copy.length + this.weigh(copy, value) + ENTRY;
    if (chars > this.maxChars) return value;
    this.held += chars;
    this.map.set(copy, { value, chars, used: this.clock.now });
    if (this.held > this.maxChars) this.shrink(this.maxChars * 0.9);
    return value;
  }

  /** Drops entries no analysis used in the last `maxAge`. */
  sweep(maxAge: number): void {
    const before = this.clock.now - maxAge;
    for (const [k, s] of this.map) {
      if (s.used < before) {
        this.map.delete(k);
        this.held -= s.chars;
      }
    }
  }

  /** Down to `target` characters, least recently used first. */
  private shrink(target: number): void {
    const slots = [...this.map].sort((a, b) => a[1].used - b[1].used);
    for (const [k, s] of slots) {
      if (this.held <= target) break;
      this.map.delete(k);
      this.held -= s.chars;
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

interface Group<V> {
  readonly key: string;
  readonly parts: Map<string, { readonly value: V; used: number }>;
  chars: number;
  used: number;
}

/** Two texts → value (a part compared with a whole), grouped by the whole. */
export class TextPairTable<V> {
  private readonly byWhole = new Map<string, Group<V>>();
  private held = 0;
  constructor(
    readonly maxChars: number,
    private readonly clock: MemoClock = new MemoClock(),
  ) {}

  /** The remembered value, or `compute(wholeCopy, partCopy)` of fresh copies, remembered. */
  get(whole: string, part: string, compute: (whole: string, part: string) => V): V {
    let group = this.byWhole.get(whole);
    const now = this.clock.now;
    const known = group?.parts.get(part);
    if (known) {
      known.used = now;
      group!.used = now;
      return known.value;
    }
    if (!group) {
      const key = freshString(whole);
      group = { key, parts: new Map(), chars: key.length + ENTRY, used: now };
      this.byWhole.set(key, group);
      this.held += group.chars;
    }
    group.used = now;
    const partKey = freshString(part);
    // Computed from the table's copies: a value cut from its texts (a word diff's words) holds only them.
    const value = compute(group.key, partKey);
    group.parts.set(partKey, { value, used: now });
    group.chars += partKey.length + ENTRY;
    this.held += partKey.length + ENTRY;
    if (this.held > this.maxChars) this.shrink(this.maxChars * 0.9);
    return value;
  }

  /** Drops parts (and wholes) no analysis used in the last `maxAge`. */
  sweep(maxAge: number): void {
    const before = this.clock.now - maxAge;
    for (const [k, g] of this.byWhole) {
      if (g.used < before) {
        this.byWhole.delete(k);
        this.held -= g.chars;
        continue;
      }
      for (const [p, s] of g.parts) {
        if (s.used < before) {
          g.parts.delete(p);
          g.chars -= p.length + ENTRY;
          this.held -= p.length + ENTRY;
        }
      }
    }
  }

  /** Down to `target` characters: the least recently used wholes first, then (one whole left) its parts. */
  private shrink(target: number): void {
    const groups = [...this.byWhole].sort((a, b) => a[1].used - b[1].used);
    for (const [k, g] of groups) {
      if (this.held <= target) return;
      if (g.used === this.clock.now && this.byWhole.size === 1) break;
      this.byWhole.delete(k);
      this.held -= g.chars;
    }
    for (const g of this.byWhole.values()) {
      for (const [p] of g.parts) {
        if (this.held <= target) return;
        g.parts.delete(p);
        g.chars -= p.length + ENTRY;
        this.held -= p.length + ENTRY;
      }
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
