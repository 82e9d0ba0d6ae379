/**
 * Blocks as an analysis cache entry keeps them: a block's runs repeat its text (their texts concatenate to it), so
 * the entry keeps each run as its length and marks (`[length, marks, length, marks, …]`) and the runs are cut from
 * the block's text again when the entry is read. A third less to write, read and deserialise, and the runs read back
 * share the text's characters instead of holding a copy. A block whose runs do not make its text (never expected)
 * keeps them as they are. Unpacking gives blocks equal to those packed.
 */
import type { Block, Run } from '../parse/blocks';

/** A block as stored: its runs as lengths and marks, or (for a block whose runs do not make its text) as they were. */
export type PackedBlock = Omit<Block, 'runs'> & { readonly runs: readonly number[] | readonly Run[] };

export function packBlocks(blocks: readonly Block[]): PackedBlock[] {
  return blocks.map(packBlock);
}

function packBlock(block: Block): PackedBlock {
  const lengths: number[] = [];
  let at = 0;
  for (const run of block.runs) {
    if (run.text.length === 0 || !block.text.startsWith(run.text, at)) return block;
    lengths.push(run.text.length, run.marks);
    at += run.text.length;
  }
  return at === block.text.length ? { ...block, runs: lengths } : block;
}

/** The blocks of a stored entry with their runs cut again; undefined when a block is not what `packBlocks` wrote. */
export function unpackBlocks(stored: unknown): Block[] | undefined {
  if (!Array.isArray(stored)) return undefined;
  const blocks: Block[] = [];
  for (const b of stored as PackedBlock[]) {
    if (!b || typeof b !== 'object' || typeof b.text !== 'string' || !Array.isArray(b.runs)) return undefined;
    const runs = b.runs;
    if (runs.length === 0 || typeof runs[0] !== 'number') {
      blocks.push(b as Block);
      continue;
    }
    const lengths = runs as readonly number[];
    const cut: Run[] = [];
    let at = 0;
    for (let i = 0; i + 1 < lengths.length; i += 2) {
      const length = lengths[i]!;
      const marks = lengths[i + 1]!;
      if (!Number.isInteger(length) || length <= 0 || at + length > b.text.length || !Number.isInteger(marks)) return undefined;
      // The whole text when one run makes it (the same string, no copy).
      cut.push({ text: length === b.text.length ? b.text : b.text.slice(at, at + length), marks });
      at += length;
    }
    if (at !== b.text.length || lengths.length % 2 !== 0) return undefined;
    blocks.push({ ...b, runs: cut });
  }
  return blocks;
}
