/**
 * Blocks as the analysis cache keeps them (`packedBlocks.ts`): a text that is the letter's own at the block's place
 * kept as its length, runs kept as lengths, both cut again when read. Unpacked blocks must equal the blocks packed,
 * through v8's serialiser as the cache writes them, on real letters and on any texts and runs; a stored block that is
 * not what packing wrote is refused, not guessed at.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Block, Run } from '../../../server/src/parse/blocks';
import { readLetterBytes } from '../../../server/src/letters/read';
import { packBlocks, unpackBlocks } from '../../../server/src/workspace/packedBlocks';
import { params } from '../../runs';

const FIXTURES = path.join(__dirname, '../../fixtures');
const throughDisk = (blocks: readonly Block[], source: string) => unpackBlocks(v8.deserialize(v8.serialize(packBlocks(blocks, source))), source);

const blockOf = (runs: Run[], text = runs.map((r) => r.text).join(''), at = 0): Block => ({
  kind: 'paragraph',
  text,
  runs,
  depth: 0,
  quoteDepth: 0,
  start: at,
  end: at + text.length,
  map: [0, at],
  breaks: [],
});

describe('packed blocks', () => {
  it('give back the blocks of real letters of every kind, texts and runs as lengths', async () => {
    const names = [
      'real/a-0000000000-16-092800/staff.txt',
      'real/a-0000000000-16-092800/response.htm',
      'real/abbv-0000000000-18-013671/staff.pdf',
      '../../examples/response-2017-08-16.md',
    ];
    for (const name of names) {
      const file = path.join(FIXTURES, name);
      const read = await readLetterBytes(path.basename(file), new Uint8Array(readFileSync(file)));
      expect(read.blocks.length).toBeGreaterThan(5);
      const packed = packBlocks(read.blocks, read.text);
      // Packed: every run that is its block's text at its place is a length, and so is a block's text where it is the
      // letter's own (Markdown paragraphs on one line; not text extracted from PDF or HTML, whose blocks join lines).
      expect(packed.every((b) => b.runs.every((r) => typeof r === 'number'))).toBe(true);
      if (name.endsWith('.md')) expect(packed.filter((b) => typeof b.text === 'number').length).toBeGreaterThan(packed.length / 2);
      expect(throughDisk(read.blocks, read.text)).toStrictEqual(read.blocks);
      // Written smaller than the blocks as they are.
      expect(v8.serialize(packed).length).toBeLessThan(v8.serialize(read.blocks).length * 0.8);
    }
  });

  it('give back any blocks, whether or not their runs make the text, or the text is the letter’s at their place', () => {
    const run = fc.record({
      text: fc.string({ unit: fc.constantFrom('a', 'b', ' ', '’', '\u00e9', '\ud83d\ude00'), minLength: 1, maxLength: 12 }),
      marks: fc.nat(15),
    });
    fc.assert(
      fc.property(
        fc.array(run, { maxLength: 6 }),
        fc.option(fc.string({ maxLength: 8 })),
        fc.string({ maxLength: 6 }),
        fc.string({ maxLength: 20 }),
        (runs, other, before, source) => {
          // Plain objects, as the readers make them (fast-check's records have no prototype).
          const block = blockOf(
            runs.map((r) => ({ text: r.text, marks: r.marks })),
            other ?? undefined,
            before.length,
          );
          // The letter's text holds the block's text at its place, or any text.
          for (const letter of [before + block.text + source, source]) expect(throughDisk([block], letter)).toStrictEqual([block]);
        },
      ),
      params(300),
    );
  });

  it('refuse stored runs that are not what packing wrote', () => {
    const source = 'Response: We will.';
    const good = packBlocks(
      [
        blockOf([
          { text: 'Response: ', marks: 1 },
          { text: 'We will.', marks: 0 },
        ]),
      ],
      source,
    )[0]!;
    expect(good.text).toBe(source.length);
    expect(unpackBlocks([good], source)).toBeDefined();
    for (const runs of [
      [10, 1, 9, 0],
      [10, 1],
      [10, 1, 8],
      [0, 1, 18, 0],
      [10.5, 1, 7.5, 0],
      [10, 'x', 8, 0],
    ]) {
      expect(unpackBlocks([{ ...good, runs }], source)).toBeUndefined();
    }
    expect(unpackBlocks('blocks', source)).toBeUndefined();
    // A text longer than the letter, or at no place, or of no kind.
    expect(unpackBlocks([good], 'Response:')).toBeUndefined();
    expect(unpackBlocks([{ ...good, map: [0, -1] }], source)).toBeUndefined();
    expect(unpackBlocks([{ ...good, text: 1.5 }], source)).toBeUndefined();
    expect(unpackBlocks([{ ...good, text: null }], source)).toBeUndefined();
    expect(unpackBlocks([{ ...good, kind: 'chapter' }], source)).toBeUndefined();
  });
});
