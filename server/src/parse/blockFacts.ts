/**
 * Facts of one parsed block worked out once and kept with the block, so that a keystroke does not work them out
 * again for the thousands of blocks it left alone. The incremental parser (markdown.ts) keeps the blocks of every piece
 * an edit did not touch; the pieces after the edit are shifted (`shiftBlock`: a copy with new offsets that shares the
 * original's `runs`). So the facts are kept with the block's `runs` array (they go when the block goes, and never
 * outlive it), which a block and its shifted copies share.
 *
 * A fact may depend on the block's text and its offset-free properties (kind, depth, marker, quote depth), never on its
 * neighbours. A fact that holds source offsets is kept with the block's start it was worked out at and moved by the
 * difference (`placedFact`): a shifted copy's offsets all move by the same amount.
 *
 * Why not the text memo tables (text/memo.ts): a lookup there hashes and compares its key, a derived text made anew
 * at every keystroke (1–3 ns a character: 10–15 ms per keystroke on a 1 MB draft, measured); a lookup here is by
 * object identity. Pure: no IO; a cache (a result is the same whether kept or not).
 */
import type { Block } from './blocks';

/**
 * Where a block's facts are kept: a property of its `runs` array that nothing else sees (a symbol, not enumerable: no
 * comparison, serialisation or copy of the blocks takes it along). Performance: a property load, where a WeakMap
 * lookup by the array hashed its identity at every fact of every block of every keystroke (a quarter of a keystroke's
 * analysis on the 1 MB draft, profiled).
 */
const FACTS = Symbol('block facts');
type Holder = { [FACTS]?: Map<string, unknown> };

function factsOf(block: Block): Map<string, unknown> {
  const runs = block.runs as unknown as Holder;
  let facts = runs[FACTS];
  if (facts === undefined) {
    facts = new Map();
    Object.defineProperty(runs, FACTS, { value: facts, enumerable: false, writable: false, configurable: false });
  }
  return facts;
}

/** A fact of the block's text (no offsets in it): `compute(block)` once per parsed block and `name`. */
export function blockFact<T>(block: Block, name: string, compute: (block: Block) => T): T {
  const facts = factsOf(block);
  const known = facts.get(name);
  if (known !== undefined || facts.has(name)) return known as T;
  const value = compute(block);
  facts.set(name, value);
  return value;
}

/**
 * A fact that holds source offsets: worked out once, then moved to where the block is now. `move(value, delta)`
 * returns the value with every source offset moved by `delta` (called only when the block has moved).
 */
export function placedFact<T>(block: Block, name: string, compute: (block: Block) => T, move: (value: T, delta: number) => T): T {
  const facts = factsOf(block);
  const known = facts.get(name) as { readonly start: number; readonly value: T } | undefined;
  if (known) return known.start === block.start ? known.value : move(known.value, block.start - known.start);
  const value = compute(block);
  facts.set(name, { start: block.start, value });
  return value;
}
