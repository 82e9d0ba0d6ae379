/**
 * Markdown → blocks through remark (unified + remark-parse + the GFM tables, strikethrough and footnotes letters use), piece by piece: the document is cut at
 * seams (chunks.ts), each piece parsed alone and kept (found again by offset when the edit left it alone, by text
 * when it touched it), so after an edit only the touched piece is parsed again and every other piece's blocks are
 * reused. Also reads the YAML front matter (with `yaml`). Never
 * throws: a malformed front matter is a problem, not an exception.
 */
import type { Root, RootContent, PhrasingContent, ListItem, Table } from 'mdast';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { LineCounter, parseDocument } from 'yaml';
import { BlockText, Mark, shiftBlock, type Block, type Run } from './blocks';
import { splitChunks, splitChunksAfterEdit, type Split } from './chunks';
import { freshString } from '../text/fresh';
import { mayHoldTable, remarkLetterGfm } from './gfm';

const processor = unified().use(remarkParse).use(remarkLetterGfm);
/** The same parser without the table construct, for text that can hold no table (`mayHoldTable`): the same tree. */
const processorWithoutTables = unified().use(remarkParse).use(remarkLetterGfm, { tables: false });

export interface FrontMatterText {
  /** The YAML between the fences. */
  readonly yaml: string;
  /** Range of the whole front matter including its fences. */
  readonly start: number;
  readonly end: number;
  /** Offset of the YAML's first character. */
  readonly yamlStart: number;
  readonly data: Record<string, unknown>;
  /** Offsets (into the document) of each top-level key's value, for diagnostics on the right line. */
  readonly valueSpans: Readonly<Record<string, { start: number; end: number }>>;
  readonly errors: ReadonlyArray<{ message: string; start: number; end: number }>;
}

export interface ParsedMarkdown {
  readonly text: string;
  readonly frontMatter?: FrontMatterText;
  readonly blocks: readonly Block[];
  /** How many pieces were parsed for this version (the rest came from the cache). */
  readonly parsedChunks: number;
  readonly totalChunks: number;
}

/** Finds a front matter block: `---` on the first line, closed by `---` or `...`. */
export function frontMatterRange(text: string): { start: number; yamlStart: number; yamlEnd: number; end: number } | undefined {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const open = /^---[ \t]*(\r\n|\r|\n)/.exec(text.slice(bom, bom + 8));
  if (!open) return undefined;
  const yamlStart = bom + open[0].length;
  const close = /^(?:---|\.\.\.)[ \t]*$/m;
  const rest = text.slice(yamlStart);
  let m: RegExpExecArray | null;
  const re = new RegExp(close.source, 'gm');
  while ((m = re.exec(rest)) !== null) {
    const at = yamlStart + m.index;
    if (at === yamlStart || text[at - 1] === '\n' || text[at - 1] === '\r') {
      let end = at + m[0].length;
      if (text[end] === '\r') end++;
      if (text[end] === '\n') end++;
      return { start: bom, yamlStart, yamlEnd: at, end };
    }
  }
  return undefined;
}

export function readFrontMatter(text: string): FrontMatterText | undefined {
  const range = frontMatterRange(text);
  if (!range) return undefined;
  const yaml = text.slice(range.yamlStart, range.yamlEnd);
  const errors: Array<{ message: string; start: number; end: number }> = [];
  const valueSpans: Record<string, { start: number; end: number }> = {};
  let data: Record<string, unknown> = {};
  try {
    // Reliability: the yaml package does not take a lone CR for a line break, so a front matter saved with CR line
    // endings (classic Mac) was one long line: "Nested mappings are not allowed". CR → LF keeps every offset.
    const doc = parseDocument(yaml.replace(/\r(?!\n)/g, '\n'), { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: false });
    const contents = doc.contents as { items?: Array<{ key?: { value?: unknown; range?: number[] }; value?: { range?: number[] } }> } | null;
    const items = contents?.items ?? [];
    const end = yaml.trimEnd().length;
    for (const e of doc.errors) {
      let [a, b] = e.pos;
      // Reliability: what the parser only notices at the end of the YAML (an unclosed quote or bracket) was reported
      // on the closing "---" line; it is reported where the value that runs to the end begins.
      const open = a >= end ? items.find((it) => it.value?.range && it.value.range[0]! < a && it.value.range[1]! >= end) : undefined;
      if (open) [a, b] = [open.value!.range![0]!, open.value!.range![0]! + 1];
      errors.push({ message: e.message.split('\n')[0]!, start: range.yamlStart + a, end: range.yamlStart + Math.max(a + 1, b) });
    }
    const js = doc.errors.length === 0 ? doc.toJS({ maxAliasCount: 50 }) : undefined;
    if (js && typeof js === 'object' && !Array.isArray(js)) data = js as Record<string, unknown>;
    else if (js !== undefined && js !== null && doc.errors.length === 0) {
      errors.push({ message: 'Front matter must be a mapping of keys to values', start: range.yamlStart, end: range.yamlEnd });
    }
    const seen = new Set<string>();
    for (const item of items) {
      const key = item.key?.value;
      const r = item.value?.range ?? item.key?.range;
      // Reliability: a key written twice ("staff-letter:" twice) silently took the last value; now it says so.
      if (typeof key === 'string' && seen.has(key) && item.key?.range) {
        errors.push({
          message: `Duplicate key “${key}”: the last one is used`,
          start: range.yamlStart + item.key.range[0]!,
          end: range.yamlStart + item.key.range[1]!,
        });
      }
      if (typeof key === 'string') seen.add(key);
      if (typeof key === 'string' && r) valueSpans[key] = { start: range.yamlStart + r[0]!, end: range.yamlStart + r[1]! };
    }
  } catch (e) {
    errors.push({ message: e instanceof Error ? e.message : String(e), start: range.yamlStart, end: range.yamlEnd });
  }
  return { yaml, start: range.start, end: range.end, yamlStart: range.yamlStart, data, valueSpans, errors };
}

/**
 * A Markdown parser for one document that remembers the blocks of every piece of its last version. Use one per
 * document; `parse` each new version.
 */
export class MarkdownParser {
  /** The last version: its text, the link definitions every piece was parsed with, and its pieces in order. */
  private last: { text: string; from: number; split: Split; definitions: string; pieces: Piece[] } | undefined;

  parse(text: string): ParsedMarkdown {
    const frontMatter = readFrontMatter(text);
    const bodyStart = frontMatter ? frontMatter.end : text.charCodeAt(0) === 0xfeff ? 1 : 0;
    // What the edit left alone: the text before it (same offsets) and after it (offsets moved by `delta`). Only the
    // lines around the edit are cut into pieces again, and a piece lying wholly in either part is found by its offset:
    // no need to scan or hash a megabyte of pieces on every keystroke.
    const last = this.last;
    const head = last ? commonPrefixLength(last.text, text) : 0;
    const tail = last ? commonSuffixLength(last.text, text, Math.min(last.text.length, text.length) - head) : 0;
    const split = last ? splitChunksAfterEdit(last, text, bodyStart, head, tail) : splitChunks(text, bodyStart);
    const { chunks, definitions } = split;
    const prev = last?.definitions === definitions ? last : undefined;
    const delta = prev ? text.length - prev.text.length : 0;
    const byStart = new Map<number, Piece>();
    if (prev) for (const p of prev.pieces) byStart.set(p.start, p);
    // The pieces the edit touched are looked up by their text among the old pieces it touched (an undo, a block
    // moved) and among the new ones parsed so far (a letter repeats short pieces).
    let touched: Map<string, Piece> | undefined;
    const touchedPieces = (): Map<string, Piece> => {
      if (!touched) {
        touched = new Map();
        for (const p of prev?.pieces ?? []) {
          if (p.end <= head || p.start >= prev!.text.length - tail) continue;
          touched.set(prev!.text.slice(p.start, p.end), p);
        }
      }
      return touched;
    };
    const pieces: Piece[] = [];
    const blocks: Block[] = [];
    let parsed = 0;
    for (const chunk of chunks) {
      let found: Piece | undefined;
      if (prev && chunk.end <= head) {
        const p = byStart.get(chunk.start);
        if (p && p.end === chunk.end) found = p;
      } else if (prev && chunk.start >= text.length - tail) {
        const p = byStart.get(chunk.start - delta);
        if (p && p.end - p.start === chunk.end - chunk.start) found = p;
      }
      if (!found) {
        // Memory safety: a fresh copy, so that the piece's blocks (kept across versions, and keys of memo tables) hold
        // their piece, not the whole document version it was cut from (V8 keeps a slice's parent alive).
        const source = freshString(text.slice(chunk.start, chunk.end));
        const known = touchedPieces().get(source);
        if (known) found = known;
        else {
          parsed++;
          found = { start: chunk.start, end: chunk.end, relative: parsePiece(source, definitions), placed: [] };
          found.placed = found.relative.map((b) => shiftBlock(b, chunk.start));
          touchedPieces().set(source, found);
        }
      }
      // A piece before the edit keeps its offset: its placed blocks are reused as they are, not copied again.
      const piece: Piece =
        found.start === chunk.start
          ? found
          : { start: chunk.start, end: chunk.end, relative: found.relative, placed: found.relative.map((b) => shiftBlock(b, chunk.start)) };
      pieces.push(piece);
      for (const b of piece.placed) blocks.push(b);
    }
    this.last = { text, from: bodyStart, split, definitions, pieces };
    return { text, ...(frontMatter ? { frontMatter } : {}), blocks, parsedChunks: parsed, totalChunks: chunks.length };
  }
}

/** One piece of a parsed version: its range, its blocks relative to the piece, and the same placed at `start`. */
interface Piece {
  readonly start: number;
  readonly end: number;
  readonly relative: Block[];
  placed: Block[];
}

/** Compares this many UTF-16 units at a time (one native comparison each) before finding the first difference. */
const COMPARE_STEP = 4096;

/** How many leading characters two texts share. */
export function commonPrefixLength(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i + COMPARE_STEP <= n && a.slice(i, i + COMPARE_STEP) === b.slice(i, i + COMPARE_STEP)) i += COMPARE_STEP;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/** How many trailing characters two texts share, at most `limit` (so that prefix and suffix never overlap). */
export function commonSuffixLength(a: string, b: string, limit: number): number {
  let i = 0;
  while (i + COMPARE_STEP <= limit && a.slice(a.length - i - COMPARE_STEP, a.length - i) === b.slice(b.length - i - COMPARE_STEP, b.length - i))
    i += COMPARE_STEP;
  while (i < limit && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/** Parses one whole Markdown text without the piece cache (tests compare the two). */
export function parseMarkdownWhole(text: string): Block[] {
  const frontMatter = readFrontMatter(text);
  // Reliability: a byte-order mark is skipped as `parse` skips it; micromark drops it and counts offsets after it, so
  // every block of a file with a BOM was one character early.
  const start = frontMatter ? frontMatter.end : text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return parsePiece(text.slice(start), '').map((b) => shiftBlock(b, start));
}

/**
 * Reliability: deeper nesting than this on one line ("> > > …", "1. 1. 1. …") or list and quote markers indented
 * further than MAX_MARKER_INDENT make remark-parse super-linear (a line opening d containers costs O(d²), a structure
 * nested d deep O(d³)) and then overflow the stack; such a piece is read as plain paragraphs instead.
 */
const MAX_LINE_NESTING = 128;
const MAX_MARKER_INDENT = 512;

function parsePiece(piece: string, definitions: string): Block[] {
  // Reliability: the other pieces' link definitions go before the piece, closed by an empty HTML comment and a blank
  // line (which also end a footnote definition), not after it: after a piece that ends inside an open fence or HTML
  // block they became part of its text.
  const prefix = definitions.length > 0 ? `${definitions}\n\n<!---->\n\n` : '';
  const source = prefix + piece;
  if (tooDeep(piece)) return plainPiece(piece);
  try {
    const tree = (mayHoldTable(source) ? processor : processorWithoutTables).parse(source) as Root;
    const out: Block[] = [];
    const ctx: Ctx = { source, out, from: prefix.length };
    for (const node of tree.children) visitBlock(node, ctx, 0, 0);
    return prefix.length > 0 ? out.map((b) => shiftBlock(b, -prefix.length)) : out;
  } catch {
    // Belt and braces so that a parser bug, or nesting deep enough to overflow the stack (remark-parse or the walk
    // below, which is recursive), cannot take the server down or lose the piece's words.
    return plainPiece(piece);
  }
}

/** A piece as plain paragraphs (blank-line separated), for what remark cannot read in time. */
function plainPiece(piece: string): Block[] {
  const out: Block[] = [];
  const re = /(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)/g;
  let from = 0;
  for (;;) {
    const m = re.exec(piece);
    const to = m ? m.index : piece.length;
    const text = new BlockText();
    text.add(piece.slice(from, to), from);
    if (!text.isEmpty) out.push(text.build('paragraph', from, to));
    if (!m) break;
    from = m.index + m[0].length;
  }
  return out;
}

/** Whether some line opens more than MAX_LINE_NESTING containers, or indents a marker past MAX_MARKER_INDENT. */
function tooDeep(text: string): boolean {
  const n = text.length;
  let i = 0;
  while (i < n) {
    let count = 0;
    let indent = 0;
    for (;;) {
      while (i < n && (text[i] === ' ' || text[i] === '\t')) {
        i++;
        indent++;
      }
      const c = text[i];
      let j = i;
      if (c === '>') j = i + 1;
      else if ((c === '-' || c === '*' || c === '+') && (text[i + 1] === ' ' || text[i + 1] === '\t')) j = i + 2;
      else {
        while (j < n && j - i < 9 && text.charCodeAt(j) >= 48 && text.charCodeAt(j) <= 57) j++;
        j = j > i && (text[j] === '.' || text[j] === ')') && (text[j + 1] === ' ' || text[j + 1] === '\t') ? j + 2 : i;
      }
      if (j === i) break;
      if (++count > MAX_LINE_NESTING || indent > MAX_MARKER_INDENT) return true;
      i = j;
    }
    while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
    i++;
  }
  return false;
}

interface Ctx {
  readonly source: string;
  readonly out: Block[];
  /** Blocks starting before this offset come from the prepended definitions, not the piece. */
  readonly from: number;
}

function startOf(node: { position?: { start: { offset?: number | undefined } } | undefined }): number {
  return node.position?.start.offset ?? 0;
}

function endOf(node: { position?: { end: { offset?: number | undefined } } | undefined }): number {
  return node.position?.end.offset ?? 0;
}

function push(ctx: Ctx, block: Block): void {
  if (block.start >= ctx.from) ctx.out.push(block);
}

function visitBlock(node: RootContent, ctx: Ctx, quoteDepth: number, listDepth: number): void {
  switch (node.type) {
    case 'heading': {
      const text = new BlockText();
      inline(node.children, text, Mark.None, { marks: 0 });
      push(ctx, text.build('heading', startOf(node), endOf(node), { depth: node.depth, quoteDepth }));
      return;
    }
    case 'paragraph': {
      const text = new BlockText();
      inline(node.children, text, Mark.None, { marks: 0 });
      if (!text.isEmpty) push(ctx, text.build('paragraph', startOf(node), endOf(node), { quoteDepth, depth: listDepth > 0 ? listDepth : 0 }));
      return;
    }
    case 'blockquote':
      for (const child of node.children) visitBlock(child, ctx, quoteDepth + 1, listDepth);
      return;
    case 'list':
      for (const item of node.children) visitListItem(item, ctx, quoteDepth, listDepth + 1);
      return;
    case 'code': {
      const text = new BlockText();
      text.add(node.value, startOf(node), Mark.Code);
      push(ctx, text.build('code', startOf(node), endOf(node), { quoteDepth }));
      return;
    }
    case 'html': {
      const text = new BlockText();
      text.add(node.value, startOf(node));
      push(ctx, text.build('html', startOf(node), endOf(node), { quoteDepth }));
      return;
    }
    case 'thematicBreak':
      push(ctx, { kind: 'break', text: '', runs: [], depth: 0, quoteDepth, start: startOf(node), end: endOf(node), map: [0, startOf(node)], breaks: [] });
      return;
    case 'table':
      pushTable(node, ctx, quoteDepth);
      return;
    case 'footnoteDefinition':
      for (const child of node.children) visitBlock(child as RootContent, ctx, quoteDepth, listDepth);
      return;
    default:
      // definitions and anything else carry no letter text.
      return;
  }
}

function visitListItem(item: ListItem, ctx: Ctx, quoteDepth: number, depth: number): void {
  const at = startOf(item);
  const m = /^[ \t]*(\d{1,9}[.)]|[-+*])/.exec(ctx.source.slice(at, at + 16));
  const marker = m ? m[1]! : '-';
  const [first, ...rest] = item.children;
  if (first && first.type === 'paragraph') {
    const text = new BlockText();
    inline(first.children, text, Mark.None, { marks: 0 });
    push(ctx, text.build('listItem', at, endOf(first), { depth, marker, quoteDepth }));
  } else {
    // An item that opens with a nested block (or is empty) still marks its place.
    push(ctx, { kind: 'listItem', text: '', runs: [], depth, marker, quoteDepth, start: at, end: at + marker.length, map: [0, at], breaks: [] });
    if (first) visitBlock(first, ctx, quoteDepth, depth);
  }
  for (const child of rest) visitBlock(child, ctx, quoteDepth, depth);
}

function pushTable(node: Table, ctx: Ctx, quoteDepth: number): void {
  const rows: string[][] = [];
  const cellRuns: Run[][][] = [];
  const text = new BlockText();
  for (const row of node.children) {
    const cells: string[] = [];
    const runs: Run[][] = [];
    for (const cell of row.children) {
      const t = new BlockText();
      inline(cell.children, t, Mark.None, { marks: 0 });
      inline(cell.children, text, Mark.None, { marks: 0 });
      text.add(' ', endOf(cell));
      const built = t.current;
      cells.push(built.text);
      runs.push(built.runs);
    }
    rows.push(cells);
    cellRuns.push(runs);
  }
  push(ctx, text.build('table', startOf(node), endOf(node), { quoteDepth, rows, cells: cellRuns }));
}

/** Inline HTML toggles marks: <u>…</u>, <s>/<del>/<strike>, <b>/<strong>, <i>/<em>, <ins>. */
const HTML_MARKS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^<(\/)?(?:u|ins)\b[^>]*>$/i, Mark.Underline],
  [/^<(\/)?(?:s|del|strike)\b[^>]*>$/i, Mark.Strike],
  [/^<(\/)?(?:b|strong)\b[^>]*>$/i, Mark.Strong],
  [/^<(\/)?(?:i|em)\b[^>]*>$/i, Mark.Emphasis],
];

function inline(nodes: readonly PhrasingContent[], text: BlockText, marks: number, html: { marks: number }): void {
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        text.add(node.value, startOf(node), marks | html.marks);
        break;
      case 'inlineCode':
        text.add(node.value, startOf(node) + 1, marks | html.marks | Mark.Code);
        break;
      case 'strong':
        inline(node.children, text, marks | Mark.Strong, html);
        break;
      case 'emphasis':
        inline(node.children, text, marks | Mark.Emphasis, html);
        break;
      case 'delete':
        inline(node.children, text, marks | Mark.Strike, html);
        break;
      case 'link':
      case 'linkReference':
        inline(node.children, text, marks, html);
        break;
      case 'image':
      case 'imageReference':
        if (node.alt) text.add(node.alt, startOf(node), marks | html.marks);
        break;
      case 'break':
        text.lineBreak(startOf(node));
        break;
      case 'html': {
        const tag = node.value.trim();
        if (/^<br\s*\/?>$/i.test(tag)) {
          text.lineBreak(startOf(node));
          break;
        }
        for (const [re, mark] of HTML_MARKS) {
          const m = re.exec(tag);
          if (m) html.marks = m[1] ? html.marks & ~mark : html.marks | mark;
        }
        break;
      }
      case 'footnoteReference':
        break;
      default: {
        const children = (node as { children?: PhrasingContent[] }).children;
        if (children) inline(children, text, marks, html);
      }
    }
  }
}
