/**
 * Blocks as an analysis cache entry keeps them, without repeating text the entry holds already:
 * - a block's text that is the letter's own text at the block's first mapped offset (a paragraph on one line with no
 *   markup, most of them) is kept as its length, and cut from the letter's text again when the entry is read;
 * - a block's runs repeat its text (their texts concatenate to it): each is kept as its length and marks
 *   (`[length, marks, length, marks, …]`) and cut from the block's text again.
 * Less to write, read and deserialise, and the texts read back share the letter's characters instead of holding
 * copies (and every block's kind is the one string of its name). Anything else (a run list that does not make the text, never expected) is kept as it is. Unpacking gives
 * blocks equal to those packed.
 */
import type { Block, BlockKind, Run } from '../parse/blocks';

/** The kinds a block can have, each one string (a kind read back is a new copy of its name in every block otherwise). */
const KINDS = new Map<string, BlockKind>((['heading', 'paragraph', 'listItem', 'table', 'code', 'html', 'break'] as const).map((k) => [k, k]));

/** A block as stored: its text as a length (a slice of the letter's text) or as it is; its runs as lengths and marks or as they were. */
export type PackedBlock = Omit<Block, 'runs' | 'text'> & { readonly text: string | number; readonly runs: readonly number[] | readonly Run[] };

export function packBlocks(blocks: readonly Block[], source: string): PackedBlock[] {
  return blocks.map((b) => packBlock(b, source));
}

function packBlock(block: Block, source: string): PackedBlock {
  const from = block.map[1];
  const inSource = from !== undefined && block.map[0] === 0 && from >= 0 && from + block.text.length <= source.length && source.startsWith(block.text, from);
  const text = inSource ? block.text.length : block.text;
  const lengths: number[] = [];
  let at = 0;
  for (const run of block.runs) {
    if (run.text.length === 0 || !block.text.startsWith(run.text, at)) return { ...block, text };
    lengths.push(run.text.length, run.marks);
    at += run.text.length;
  }
  return at === block.text.length ? { ...block, text, runs: lengths } : { ...block, text };
}

/**
 * The blocks of a stored entry with their texts and runs cut again from `source` (the letter's text); undefined when
 * a block is not what `packBlocks` wrote.
 */
export function unpackBlocks(stored: unknown, source: string): Block[] | undefined {
  if (!Array.isArray(stored)) return undefined;
  const blocks: Block[] = [];
  for (const b of stored as PackedBlock[]) {
    if (!b || typeof b !== 'object' || !Array.isArray(b.runs) || !Array.isArray(b.map)) return undefined;
    const kind = KINDS.get(b.kind);
    if (!kind) return undefined;
    let text: string;
    if (typeof b.text === 'number') {
      const from = b.map[1];
      if (!Number.isInteger(b.text) || b.text < 0 || b.map[0] !== 0 || !Number.isInteger(from) || from! < 0 || from! + b.text > source.length) return undefined;
      text = source.slice(from, from! + b.text);
    } else if (typeof b.text === 'string') text = b.text;
    else return undefined;
    const runs = b.runs;
    if (runs.length === 0 || typeof runs[0] !== 'number') {
      blocks.push({ ...b, kind, text, runs: runs as readonly Run[] });
      continue;
    }
    const lengths = runs as readonly number[];
    const cut: Run[] = [];
    let at = 0;
    for (let i = 0; i + 1 < lengths.length; i += 2) {
      const length = lengths[i]!;
      const marks = lengths[i + 1]!;
      if (!Number.isInteger(length) || length <= 0 || at + length > text.length || !Number.isInteger(marks)) return undefined;
      // The whole text when one run makes it (the same string, no copy).
      cut.push({ text: length === text.length ? text : text.slice(at, at + length), marks });
      at += length;
    }
    if (at !== text.length || lengths.length % 2 !== 0) return undefined;
    blocks.push({ ...b, kind, text, runs: cut });
  }
  return blocks;
}
