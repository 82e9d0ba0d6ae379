/**
 * A block's facts are kept with its runs array, out of sight: a block and its moved copies share them, and nothing
 * that compares, serialises or copies blocks (the analysis cache, `structuredClone`, test equality) sees them.
 */
import * as v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { blockFact, placedFact } from '../../../server/src/parse/blockFacts';
import { shiftBlock } from '../../../server/src/parse/blocks';
import { MarkdownParser } from '../../../server/src/parse/markdown';

describe('block facts', () => {
  const [block] = new MarkdownParser().parse('We note your response to prior comment 1.\n').blocks;

  it('are worked out once per block and shared with its moved copies', () => {
    let computed = 0;
    const words = (b: typeof block) => (computed++, b!.text.split(' ').length);
    expect(blockFact(block!, 'words', words)).toBe(8);
    const moved = shiftBlock(block!, 100);
    expect(blockFact(moved, 'words', words)).toBe(8);
    expect(computed).toBe(1);
    // A fact with offsets is moved with the block.
    expect(
      placedFact(
        block!,
        'start',
        (b) => b.start,
        (v, d) => v + d,
      ),
    ).toBe(0);
    expect(
      placedFact(
        moved,
        'start',
        (b) => b.start,
        (v, d) => v + d,
      ),
    ).toBe(100);
    // An undefined fact is kept too.
    let asked = 0;
    blockFact(block!, 'nothing', () => void asked++);
    blockFact(moved, 'nothing', () => void asked++);
    expect(asked).toBe(1);
  });

  it('are seen by nothing that compares, serialises or copies blocks', () => {
    const fresh = new MarkdownParser().parse('We note your response to prior comment 1.\n').blocks[0]!;
    blockFact(block!, 'words', () => 8);
    expect(block).toStrictEqual(fresh);
    expect(JSON.stringify(block)).toBe(JSON.stringify(fresh));
    expect(v8.deserialize(v8.serialize(block))).toStrictEqual(fresh);
    const copy = structuredClone(block!);
    let asked = 0;
    blockFact(copy, 'words', () => (asked++, 8));
    expect(asked).toBe(1);
  });
});
