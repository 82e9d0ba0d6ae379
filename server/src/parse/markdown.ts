/**
 * Markdown → blocks through remark (unified + remark-parse + remark-gfm), piece by piece: the document is cut at
 * seams (chunks.ts), each piece parsed alone and cached by its text, so after an edit only the touched piece is
 * parsed again and every other piece's blocks are reused. Also reads the YAML front matter (with `yaml`). Never
 * throws: a malformed front matter is a problem, not an exception.
 */
import type { Root, RootContent, PhrasingContent, ListItem, Table } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { LineCounter, parseDocument } from 'yaml';
import { BlockText, Mark, shiftBlock, type Block, type Run } from './blocks';
import { splitChunks } from './chunks';

const processor = unified().use(remarkParse).use(remarkGfm);

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
    const doc = parseDocument(yaml, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: false });
    for (const e of doc.errors) {
      const [a, b] = e.pos;
      errors.push({ message: e.message.split('\n')[0]!, start: range.yamlStart + a, end: range.yamlStart + Math.max(a + 1, b) });
    }
    const js = doc.errors.length === 0 ? doc.toJS({ maxAliasCount: 50 }) : undefined;
    if (js && typeof js === 'object' && !Array.isArray(js)) data = js as Record<string, unknown>;
    else if (js !== undefined && js !== null && doc.errors.length === 0) {
      errors.push({ message: 'Front matter must be a mapping of keys to values', start: range.yamlStart, end: range.yamlEnd });
    }
    const contents = doc.contents as { items?: Array<{ key?: { value?: unknown; range?: number[] }; value?: { range?: number[] } }> } | null;
    for (const item of contents?.items ?? []) {
      const key = item.key?.value;
      const r = item.value?.range ?? item.key?.range;
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
  private cache = new Map<string, Block[]>();

  parse(text: string): ParsedMarkdown {
    const frontMatter = readFrontMatter(text);
    const bodyStart = frontMatter ? frontMatter.end : text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const { chunks, definitions } = splitChunks(text, bodyStart);
    const next = new Map<string, Block[]>();
    const blocks: Block[] = [];
    let parsed = 0;
    for (const chunk of chunks) {
      const piece = text.slice(chunk.start, chunk.end);
      const key = definitions.length > 0 ? `${piece}\u0000${definitions}` : piece;
      let relative = next.get(key) ?? this.cache.get(key);
      if (!relative) {
        relative = parsePiece(piece, definitions);
        parsed++;
      }
      next.set(key, relative);
      for (const b of relative) blocks.push(shiftBlock(b, chunk.start));
    }
    this.cache = next;
    return { text, ...(frontMatter ? { frontMatter } : {}), blocks, parsedChunks: parsed, totalChunks: chunks.length };
  }
}

/** Parses one whole Markdown text without the piece cache (tests compare the two). */
export function parseMarkdownWhole(text: string): Block[] {
  const frontMatter = readFrontMatter(text);
  const start = frontMatter ? frontMatter.end : 0;
  return parsePiece(text.slice(start), '').map((b) => shiftBlock(b, start));
}

function parsePiece(piece: string, definitions: string): Block[] {
  const source = definitions.length > 0 ? `${piece}\n\n${definitions}\n` : piece;
  let tree: Root;
  try {
    tree = processor.parse(source) as Root;
  } catch {
    // micromark does not throw on any input; this is belt and braces so a parser bug cannot take the server down.
    const text = new BlockText();
    text.add(piece, 0);
    return text.isEmpty ? [] : [text.build('paragraph', 0, piece.length)];
  }
  const out: Block[] = [];
  const ctx: Ctx = { source, out, limit: piece.length };
  for (const node of tree.children) visitBlock(node, ctx, 0, 0);
  return out;
}

interface Ctx {
  readonly source: string;
  readonly out: Block[];
  /** Blocks starting at or after this offset come from the appended definitions, not the piece. */
  readonly limit: number;
}

function startOf(node: { position?: { start: { offset?: number } } }): number {
  return node.position?.start.offset ?? 0;
}

function endOf(node: { position?: { end: { offset?: number } } }): number {
  return node.position?.end.offset ?? 0;
}

function push(ctx: Ctx, block: Block): void {
  if (block.start < ctx.limit) ctx.out.push(block);
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
