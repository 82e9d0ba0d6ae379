/**
 * The one shape every importer produces: a flat list of blocks (heading, paragraph, list item, table …) with
 * their plain text, inline marks and source range. Markdown, plain text, PDF and EDGAR HTML all end here, so the
 * letters layer reads one structure whatever the source. Plain readonly data; no letter knowledge.
 */

export const enum Mark {
  None = 0,
  Strong = 1,
  Emphasis = 2,
  Underline = 4,
  Strike = 8,
  Code = 16,
}

/** A run of text sharing the same marks. */
export interface Run {
  readonly text: string;
  readonly marks: number;
}

export type BlockKind = 'heading' | 'paragraph' | 'listItem' | 'table' | 'code' | 'html' | 'break';

export interface Block {
  readonly kind: BlockKind;
  /** Plain text: inline markup removed, line breaks turned into single spaces. */
  readonly text: string;
  /** The same text as marked runs (their texts concatenate to `text`). */
  readonly runs: readonly Run[];
  /** Heading level (1–6); nesting of a list item (1 = top level); 0 otherwise. */
  readonly depth: number;
  /** A list item's marker as written: "1.", "2)", "-", "(a)". */
  readonly marker?: string;
  /** Block quote nesting. */
  readonly quoteDepth: number;
  /** Source range (offsets into the source text, end exclusive). */
  readonly start: number;
  readonly end: number;
  /**
   * Text → source offsets: ascending pairs [textOffset, sourceOffset, …]. A text offset maps to the source offset
   * of the nearest pair at or before it plus the distance from that pair.
   */
  readonly map: readonly number[];
  /** Text offsets where a source line break was turned into a space (to recover lines: Re blocks, addresses). */
  readonly breaks: readonly number[];
  /** Table cells, row by row (tables only). */
  readonly rows?: readonly (readonly string[])[];
  /** The same cells with their marks (underlined additions in proposed disclosure live in tables). */
  readonly cells?: readonly (readonly (readonly Run[])[])[];
  /** 1-based page, for sources that have pages (PDF, pdftotext output). */
  readonly page?: number;
}

export function sourceOffset(block: Block, textOffset: number): number {
  const map = block.map;
  if (map.length === 0) return block.start;
  let lo = 0;
  let hi = map.length / 2 - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (map[mid * 2]! <= textOffset) lo = mid;
    else hi = mid - 1;
  }
  const at = map[lo * 2]!;
  const src = map[lo * 2 + 1]!;
  return Math.min(block.end, Math.max(block.start, src + Math.max(0, textOffset - at)));
}

/** The block's text split at its recorded source line breaks. */
export function blockLines(block: Block): string[] {
  const lines: string[] = [];
  let from = 0;
  for (const b of block.breaks) {
    lines.push(block.text.slice(from, b).trim());
    from = b + 1;
  }
  lines.push(block.text.slice(from).trim());
  return lines.filter((l) => l.length > 0);
}

/** Marks shared by every non-blank run from text offset `from` on (Mark.None when they differ or no text). */
export function marksFrom(block: Block, from = 0): number {
  let pos = 0;
  let marks = -1;
  for (const run of block.runs) {
    const end = pos + run.text.length;
    if (end > from) {
      const part = run.text.slice(Math.max(0, from - pos));
      if (part.trim().length > 0) marks = marks === -1 ? run.marks : marks & run.marks;
    }
    pos = end;
  }
  return marks === -1 ? Mark.None : marks;
}

/** Builds a block's text, runs, map and breaks from pieces, so importers need not do the bookkeeping. */
export class BlockText {
  private readonly runs: Run[] = [];
  private readonly map: number[] = [];
  private readonly breaks: number[] = [];
  private length = 0;
  private text = '';
  // Reliability: `text` is built by `+=` (a rope in V8); reading it (endsWith, trim) flattens it, which made
  // building a block of n lines O(n²). These two facts are kept as the text grows instead of being read back.
  private lastChar = '';
  private blank = true;

  /** Appends `text` (a source slice starting at `source`) with `marks`. */
  add(text: string, source: number, marks = 0): void {
    if (text.length === 0) return;
    const clean = text.replace(/[\r\n\t\u00a0\u2028\u2029]/g, (c) => (c === '\t' || c === '\u00a0' ? ' ' : '\n'));
    let last = 0;
    for (let i = 0; i < clean.length; i++) {
      if (clean[i] === '\n') {
        if (i > last) this.push(clean.slice(last, i), source + last, marks);
        this.lineBreak(source + i);
        last = i + 1;
      }
    }
    if (last < clean.length) this.push(clean.slice(last), source + last, marks);
  }

  /** A source line break inside the block: becomes one space in the text. */
  lineBreak(source: number): void {
    if (this.length === 0 || this.lastChar === ' ') {
      // Collapse: a break after a space adds nothing, but keep the record of the line.
      if (this.length > 0 && this.breaks[this.breaks.length - 1] !== this.length - 1) this.breaks.push(this.length - 1);
      return;
    }
    this.breaks.push(this.length);
    this.push(' ', source, 0);
  }

  private push(text: string, source: number, marks: number): void {
    this.map.push(this.length, source);
    const prev = this.runs[this.runs.length - 1];
    if (prev && prev.marks === marks) this.runs[this.runs.length - 1] = { text: prev.text + text, marks };
    else this.runs.push({ text, marks });
    this.text += text;
    this.length += text.length;
    this.lastChar = text[text.length - 1]!;
    if (this.blank && /\S/.test(text)) this.blank = false;
  }

  /** The text and runs added so far (for table cells, which are not blocks of their own). */
  get current(): { text: string; runs: Run[] } {
    // trimEnd, not replace(/\s+$/): the regex retries at every space of an inner run, O(n²) (same characters).
    const text = this.text.trimEnd();
    return { text, runs: trimRuns(this.runs, text.length) };
  }

  get isEmpty(): boolean {
    return this.blank;
  }

  build(
    kind: BlockKind,
    start: number,
    end: number,
    extra: { depth?: number; marker?: string; quoteDepth?: number; rows?: string[][]; cells?: Run[][][]; page?: number } = {},
  ): Block {
    // Trim trailing spaces so text ends at content; the map stays valid for the remaining prefix.
    let text = this.text;
    let runs = this.runs;
    const trimmed = text.trimEnd(); // Reliability: not replace(/\s+$/), which is O(n²) on an inner run of spaces.
    if (trimmed.length !== text.length) {
      text = trimmed;
      runs = trimRuns(runs, trimmed.length);
    }
    // The runs cut from the text (flat now): built by `+=`, each held its own copy of its characters.
    runs = cutFrom(text, runs);
    const block: Block = {
      kind,
      text,
      runs,
      depth: extra.depth ?? 0,
      quoteDepth: extra.quoteDepth ?? 0,
      start,
      end,
      map: this.map,
      breaks: this.breaks.filter((b) => b < text.length),
      ...(extra.marker !== undefined ? { marker: extra.marker } : {}),
      ...(extra.rows !== undefined ? { rows: extra.rows } : {}),
      ...(extra.cells !== undefined ? { cells: extra.cells } : {}),
      ...(extra.page !== undefined ? { page: extra.page } : {}),
    };
    return block;
  }
}

/** Runs whose texts concatenate to `text`, as slices of it (one run: the text itself), sharing its characters. */
function cutFrom(text: string, runs: Run[]): Run[] {
  if (runs.length === 1) return [{ text, marks: runs[0]!.marks }];
  let at = 0;
  return runs.map((run) => ({ text: text.slice(at, (at += run.text.length)), marks: run.marks }));
}

function trimRuns(runs: readonly Run[], length: number): Run[] {
  const out: Run[] = [];
  let pos = 0;
  for (const run of runs) {
    if (pos >= length) break;
    const take = Math.min(run.text.length, length - pos);
    out.push(take === run.text.length ? run : { text: run.text.slice(0, take), marks: run.marks });
    pos += take;
  }
  return out;
}

/** A copy of `block` with every source offset moved by `delta` (chunks parsed alone are shifted into place). */
export function shiftBlock(block: Block, delta: number): Block {
  if (delta === 0) return block;
  const map = new Array<number>(block.map.length);
  for (let i = 0; i < block.map.length; i += 2) {
    map[i] = block.map[i]!;
    map[i + 1] = block.map[i + 1]! + delta;
  }
  return { ...block, start: block.start + delta, end: block.end + delta, map };
}
