/**
 * EDGAR HTML (CORRESP / UPLOAD .htm) → blocks, through rehype-parse (parse5: any HTML, never throws). Owns the
 * reading of filer markup: bold, italics, underline and strike from tags or inline CSS; tables used for hanging
 * indents ("1. | comment text") read as list items; a letter set in a layout table beside its logo read paragraph by
 * paragraph; data tables kept as tables; the pages Word and Workiva mark (page-break styles, <hr>, <PAGE>) as each
 * block's page, with what recurs at the page breaks (running heads, footers, legends) dropped and a paragraph a page
 * break split joined again. Scripts, styles and external references are never run or fetched: this only reads the tree.
 */
import rehypeParse from 'rehype-parse';
import { unified } from 'unified';
import { BlockText, Mark, type Block } from './blocks';
import { findFurniture, findPageFurniture, furnitureContext } from './furniture';
import { BLOCK_ELEMENTS, NON_TEXT_ELEMENTS, TAG_MARKS } from './htmlElements';

interface HastNode {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: HastNode[];
  position?: { start: { offset?: number }; end: { offset?: number } };
}

const processor = unified().use(rehypeParse, { fragment: false });

/** Never read: elements with no text of the letter, and images (a logo's alt text is no letter text). */
const SKIP = new Set([...NON_TEXT_ELEMENTS, 'img']);
/** The EDGAR submission wrapper's tags: their own text ("CORRESP", "1", "filename1.htm") is not the letter. */
const WRAPPER = new Set(['type', 'sequence', 'filename', 'description']);
const MARKER_RE = /^(?:\(?\d{1,3}[.)]|\(?[a-zA-Z][.)]|\([a-z]{1,3}\)|\(?[ivxIVX]{1,5}[.)]|[•●▪◦■□‣⁃∙·►➢✓o§-]|[\uF000-\uF0FF]|[–—])$/;

export function htmlToBlocks(html: string): Block[] {
  let tree: HastNode;
  const walker = new Walker();
  try {
    tree = processor.parse(html) as unknown as HastNode;
    walker.visit(tree, 0);
  } catch {
    // Reliability: rehype-parse (hast-util-from-parse5) and this walk are recursive: a few thousand nested elements
    // overflow the stack. That returned no blocks at all, every word lost; now the HTML is read as plain text.
    return dropFurniture(htmlAsText(html));
  }
  walker.flush();
  return dropFurniture(walker.blocks);
}

/** Elements whose content is not text of the letter (as SKIP), read to their end tag by the plain-text reading. */
const RAW_SKIP = new Set([
  'script',
  'style',
  'title',
  'textarea',
  'noscript',
  'template',
  'iframe',
  'xmp',
  'noembed',
  'noframes',
  'svg',
  'math',
  'object',
  'select',
  'button',
]);
const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  mdash: '—',
  ndash: '–',
  sect: '§',
  bull: '•',
};

/**
 * HTML read as plain text, for markup too deep to parse: tags dropped (block tags end a paragraph, <br> breaks a line),
 * the content of scripts, styles and the like dropped, common character references decoded. One pass; never throws.
 * The letter reader's fallback and the filing reader's (commitments/filingHtml.ts) for markup nested too deep.
 */
export function htmlAsText(html: string): Block[] {
  const blocks: Block[] = [];
  let text = new BlockText();
  let start = -1;
  let end = -1;
  let space = false;
  const flush = () => {
    if (!text.isEmpty) blocks.push(text.build('paragraph', start, end));
    text = new BlockText();
    start = -1;
    space = false;
  };
  const addText = (from: number, to: number) => {
    const segment = html.slice(from, to);
    const words = /[^\s\u00a0]+/g;
    let m: RegExpExecArray | null;
    let last = 0;
    while ((m = words.exec(segment)) !== null) {
      const at = from + m.index;
      if (m.index > last) space = true;
      if (space && !text.isEmpty) text.add(' ', at - 1);
      space = false;
      text.add(
        m[0].replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,8});/gi, (all, ref: string) => decodeReference(ref) ?? all),
        at,
      );
      if (start < 0) start = at;
      end = at + m[0].length;
      last = m.index + m[0].length;
    }
    if (segment.length > last) space = true;
  };
  const n = html.length;
  let i = 0;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt === -1 || lt > i) addText(i, lt === -1 ? n : lt);
    if (lt === -1) break;
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      i = close === -1 ? n : close + 3;
      continue;
    }
    const tag = /^<(\/?)([A-Za-z][A-Za-z0-9:-]*)/.exec(html.slice(lt, lt + 64));
    if (!tag && html[lt + 1] !== '!' && html[lt + 1] !== '?') {
      addText(lt, lt + 1);
      i = lt + 1;
      continue;
    }
    const gt = html.indexOf('>', lt);
    if (gt === -1) {
      // No tag ends after this point: the rest is text (one scan, so "<a<a<a…" stays linear).
      addText(lt, n);
      break;
    }
    i = gt + 1;
    const name = tag ? tag[2]!.toLowerCase() : '';
    if (tag && !tag[1] && RAW_SKIP.has(name)) {
      const close = new RegExp(`</${name}\\s*>`, 'gi');
      close.lastIndex = i;
      const m = close.exec(html);
      i = m ? m.index + m[0].length : n;
    } else if (name === 'br') {
      if (!text.isEmpty) text.lineBreak(lt);
      space = false;
    } else if (BLOCK_ELEMENTS.has(name) || name === 'td' || name === 'th') flush();
  }
  flush();
  return blocks;
}

function decodeReference(ref: string): string | undefined {
  if (ref[0] !== '#') return ENTITIES[ref.toLowerCase()];
  const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
  return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : undefined;
}

class Walker {
  readonly blocks: Block[] = [];
  private text = new BlockText();
  private start = -1;
  private end = -1;
  private kind: Block['kind'] = 'paragraph';
  private depth = 0;
  private marker: string | undefined;
  private listDepth = 0;
  /** 1-based page of the next block: Word's page breaks (page-break-before/after, <hr>) start a new page. */
  private page = 1;
  private breakPending = false;

  visit(node: HastNode, marks: number): void {
    if (node.type === 'text') return this.addText(node, marks);
    if (node.type !== 'element' && node.type !== 'root') return;
    const tag = node.tagName ?? '';
    if (SKIP.has(tag)) return;
    const own = marksOf(node, marks);
    const breaks = pageBreaksOf(node, tag);
    if (tag === 'br') {
      if (breaks) return this.pageBreak();
      return this.lineBreak(node);
    }
    if (breaks & BREAK_BEFORE) this.pageBreak();
    this.visitElement(node, tag, own);
    if (breaks & BREAK_AFTER) this.pageBreak();
  }

  private visitElement(node: HastNode, tag: string, own: number): void {
    if (tag === 'table') return this.table(node, own);
    if (!BLOCK_ELEMENTS.has(tag)) {
      for (const child of node.children ?? []) {
        if (WRAPPER.has(tag) && child.type === 'text') continue;
        this.visit(child, own);
      }
      return;
    }
    this.flush();
    if (/^h[1-6]$/.test(tag)) {
      this.kind = 'heading';
      this.depth = Number(tag[1]);
    }
    if (tag === 'ul' || tag === 'ol') this.listDepth++;
    let index = Number((node.properties?.start as number | undefined) ?? 1);
    for (const child of node.children ?? []) {
      if (child.type === 'element' && child.tagName === 'li') {
        this.flush();
        this.kind = 'listItem';
        this.depth = Math.max(1, this.listDepth);
        this.marker = tag === 'ol' ? `${index++}.` : '-';
      }
      this.visit(child, own);
      if (child.type === 'element' && child.tagName === 'li') this.flush();
    }
    if (tag === 'ul' || tag === 'ol') this.listDepth--;
    this.flush();
  }

  private addText(node: HastNode, marks: number): void {
    const value = (node.value ?? '').replace(/[\s\u00a0]+/g, ' ');
    if (value.length === 0) return;
    const at = node.position?.start.offset ?? (this.end >= 0 ? this.end : 0);
    if (this.text.isEmpty && value.trim().length === 0) return;
    this.text.add(this.text.isEmpty ? value.replace(/^ +/, '') : value, at, marks);
    if (this.start < 0) this.start = at;
    this.end = node.position?.end.offset ?? at + value.length;
  }

  private lineBreak(node: HastNode): void {
    if (!this.text.isEmpty) this.text.lineBreak(node.position?.start.offset ?? this.end);
  }

  /** A page break: the next block starts a new page (several breaks in a row make one). */
  private pageBreak(): void {
    this.flush();
    if (this.blocks.length > 0) this.breakPending = true;
  }

  /** Every block goes out through here, with its page. */
  private push(block: Block): void {
    if (this.breakPending) {
      this.page++;
      this.breakPending = false;
    }
    this.blocks.push({ ...block, page: this.page });
  }

  flush(): void {
    if (!this.text.isEmpty) {
      this.push(
        this.text.build(this.kind, this.start, this.end, {
          depth: this.kind === 'heading' || this.kind === 'listItem' ? this.depth : 0,
          ...(this.marker ? { marker: this.marker } : {}),
        }),
      );
    }
    this.text = new BlockText();
    this.start = -1;
    this.end = -1;
    this.kind = 'paragraph';
    this.depth = 0;
    this.marker = undefined;
  }

  /** A table is a layout device (hanging indents, address blocks) or real tabular data. */
  private table(node: HastNode, marks: number): void {
    this.flush();
    const rows: Array<Array<{ node: HastNode; text: string }>> = [];
    for (const tr of descendants(node, 'tr')) {
      const cells = (tr.children ?? []).filter((c) => c.type === 'element' && (c.tagName === 'td' || c.tagName === 'th'));
      rows.push(
        cells.map((c) => ({
          node: c,
          text: textOf(c)
            .replace(/[\s\u00a0]+/g, ' ')
            .trim(),
        })),
      );
    }
    const filled = rows.map((r) => r.filter((c) => c.text.length > 0));
    const nonEmpty = filled.filter((r) => r.length > 0);
    if (nonEmpty.length === 0) return;
    const hanging = nonEmpty.every((r) => r.length <= 3 && MARKER_RE.test(r[0]!.text) && (r.length >= 2 || r[0]!.text.length <= 4));
    const layout = nonEmpty.every((r) => r.length <= 2) && nonEmpty.filter((r) => r.some((c) => /^[$(]?[\d,.]+%?\)?$/.test(c.text))).length < 2;
    if (hanging) {
      for (const r of nonEmpty) {
        const marker = normaliseMarker(r[0]!.text);
        this.kind = 'listItem';
        this.depth = 1;
        this.marker = marker;
        // A comment cell of several paragraphs (the comment's, then perhaps the answer's): its first paragraph is the
        // item, the others paragraphs of their own, as they would be outside the table.
        const pieces = r.length === 2 ? blockChildren(r[1]!.node) : [];
        if (pieces.length >= 2) {
          const own = marksOf(r[1]!.node, marks);
          this.visitCellContent(pieces[0]!, own);
          this.flush();
          for (const piece of pieces.slice(1)) this.visit(piece, own);
          this.flush();
          continue;
        }
        for (const cell of r.slice(1)) this.visitCellContent(cell.node, marks);
        if (this.text.isEmpty) {
          // A marker alone in its row ("1." with the comment in the next paragraph): keep it as an empty item.
          const at = r[0]!.node.position?.start.offset ?? 0;
          this.push({
            kind: 'listItem',
            text: '',
            runs: [],
            depth: 1,
            marker,
            quoteDepth: 0,
            start: at,
            end: r[0]!.node.position?.end.offset ?? at,
            map: [0, at],
            breaks: [],
          });
          this.flush();
        } else this.flush();
      }
      return;
    }
    if (layout) {
      for (const r of nonEmpty) {
        // A cell of paragraphs (the letter itself, set beside a logo column; an address of several lines) is read as
        // blocks; cells of a line each are one line, side by side.
        // So are two cells side by side that each hold a paragraph ("Comment | Response" tables).
        if (r.some((cell) => blockCount(cell.node) >= 2) || (r.length === 2 && r.every((cell) => cell.text.split(' ').length >= 12))) {
          for (const cell of r) {
            for (const child of cell.node.children ?? []) this.visit(child, marksOf(cell.node, marks));
            this.flush();
          }
          continue;
        }
        r.forEach((cell, i) => {
          if (i > 0) this.text.add(' ', cell.node.position?.start.offset ?? this.end);
          this.visitCellContent(cell.node, marks);
        });
        this.flush();
      }
      return;
    }
    // Data table: drop columns that are empty in every row.
    const width = rows.reduce((m, r) => Math.max(m, r.length), 0); // Reliability: a spread of 100,000+ rows overflowed the stack
    const keep: number[] = [];
    for (let c = 0; c < width; c++) if (rows.some((r) => (r[c]?.text ?? '').length > 0)) keep.push(c);
    const kept = rows.filter((r) => r.some((c) => c.text.length > 0));
    const cells = kept.map((r) => keep.map((c) => r[c]?.text ?? ''));
    // Each cell's marks (underlined figures in proposed disclosure), read with a walker of its own.
    const cellRuns = kept.map((r) =>
      keep.map((c) => {
        const cell = r[c];
        if (!cell) return [];
        const w = new Walker();
        w.visitCellContent(cell.node, marks);
        return w.current.runs;
      }),
    );
    const start = node.position?.start.offset ?? 0;
    const end = node.position?.end.offset ?? start;
    const text = cells.map((r) => r.filter((c) => c.length > 0).join(' ')).join(' ');
    this.push({
      kind: 'table',
      text,
      runs: [{ text, marks: 0 }],
      depth: 0,
      quoteDepth: 0,
      start,
      end,
      map: [0, start],
      breaks: [],
      rows: cells,
      cells: cellRuns,
    });
  }

  /** What a cell's content has built so far. */
  get current(): { text: string; runs: readonly import('./blocks').Run[] } {
    return this.text.current;
  }

  visitCellContent(cell: HastNode, marks: number): void {
    const own = marksOf(cell, marks);
    for (const child of cell.children ?? []) this.visitInline(child, own);
  }

  /** Inside a table cell every block element is just a line of the same block. */
  private visitInline(node: HastNode, marks: number): void {
    if (node.type === 'text') return this.addText(node, marks);
    if (node.type !== 'element') return;
    const tag = node.tagName ?? '';
    if (SKIP.has(tag)) return;
    if (tag === 'br') return this.lineBreak(node);
    const own = marksOf(node, marks);
    const isBlock = BLOCK_ELEMENTS.has(tag) && tag !== 'table';
    if (isBlock && !this.text.isEmpty) this.text.lineBreak(node.position?.start.offset ?? this.end);
    for (const child of node.children ?? []) this.visitInline(child, own);
  }
}

const BREAK_BEFORE = 1;
const BREAK_AFTER = 2;
const BREAK_BEFORE_RE = /(?:page-)?break-before\s*:\s*(?:always|page|left|right)/;
const BREAK_AFTER_RE = /(?:page-)?break-after\s*:\s*(?:always|page|left|right)/;

/**
 * Where a Word or Workiva conversion put a page break: `page-break-before` / `page-break-after` (or CSS `break-*`)
 * on a block element or a <br>, the <hr> such conversions draw between pages, and older EDGAR's <PAGE> tag. Inline elements are not read: a
 * break there would cut a paragraph.
 */
function pageBreaksOf(node: HastNode, tag: string): number {
  if (tag === 'hr') return BREAK_AFTER;
  // Older EDGAR documents mark each page with a <PAGE> tag.
  if (tag === 'page') return BREAK_BEFORE;
  if (tag !== 'br' && !BLOCK_ELEMENTS.has(tag)) return 0;
  const style = node.properties?.style;
  if (typeof style !== 'string' || !style.includes('break')) return 0;
  const s = style.toLowerCase();
  return (BREAK_BEFORE_RE.test(s) ? BREAK_BEFORE : 0) | (BREAK_AFTER_RE.test(s) ? BREAK_AFTER : 0);
}

function normaliseMarker(text: string): string {
  const n = /^\(?(\d{1,3})[.)]$/.exec(text);
  if (n) return `${n[1]}.`;
  if (/^[•●▪◦■□‣⁃∙·►➢✓o§–—-]$|^[\uF000-\uF0FF]$/.test(text)) return '-';
  return text;
}

/**
 * The block elements with text a cell holds, in order, looking through a single wrapper (`<td><div><p>…</p><p>…</p></div>`);
 * empty when its content is inline.
 */
function blockChildren(cell: HastNode): HastNode[] {
  let node = cell;
  for (let depth = 0; depth < 4; depth++) {
    const elements = (node.children ?? []).filter(
      (c) => c.type === 'element' && !SKIP.has(c.tagName ?? '') && textOf(c).replace(/[\s\u00a0]+/g, '').length > 0,
    );
    const inlineText = (node.children ?? []).some((c) => c.type === 'text' && (c.value ?? '').trim().length > 0);
    if (inlineText) return [];
    if (elements.length === 1 && BLOCK_ELEMENTS.has(elements[0]!.tagName ?? '') && elements[0]!.tagName !== 'p') {
      node = elements[0]!;
      continue;
    }
    return elements.length >= 2 && elements.every((e) => BLOCK_ELEMENTS.has(e.tagName ?? '') || e.tagName === 'table') ? elements : [];
  }
  return [];
}

/** How many block elements with text a cell holds (not counting those inside another block or table). */
function blockCount(cell: HastNode): number {
  let n = 0;
  const walk = (node: HastNode) => {
    for (const c of node.children ?? []) {
      if (c.type !== 'element' || SKIP.has(c.tagName ?? '')) continue;
      if (BLOCK_ELEMENTS.has(c.tagName ?? '') || c.tagName === 'table') {
        if (textOf(c).replace(/[\s\u00a0]+/g, '').length > 0) n++;
      } else walk(c);
    }
  };
  walk(cell);
  return n;
}

function descendants(node: HastNode, tag: string): HastNode[] {
  const out: HastNode[] = [];
  const walk = (n: HastNode) => {
    for (const c of n.children ?? []) {
      if (c.type !== 'element') continue;
      if (c.tagName === tag) out.push(c);
      else if (c.tagName !== 'table') walk(c);
    }
  };
  walk(node);
  return out;
}

function textOf(node: HastNode): string {
  if (node.type === 'text') return node.value ?? '';
  if (node.type !== 'element' || SKIP.has(node.tagName ?? '')) return '';
  return (node.children ?? []).map(textOf).join('');
}

/** Marks an element adds or removes: tags and inline CSS (font-weight, font-style, text-decoration). */
function marksOf(node: HastNode, marks: number): number {
  let m = marks | (TAG_MARKS.get(node.tagName ?? '') ?? 0);
  const style = node.properties?.style;
  if (typeof style === 'string' && style.length > 0) {
    const s = style.toLowerCase();
    const weight = /font-weight\s*:\s*([a-z0-9]+)/.exec(s);
    if (weight) m = /bold|bolder|[6-9]00/.test(weight[1]!) ? m | Mark.Strong : m & ~Mark.Strong;
    const fstyle = /font-style\s*:\s*([a-z]+)/.exec(s);
    if (fstyle) m = /italic|oblique/.test(fstyle[1]!) ? m | Mark.Emphasis : m & ~Mark.Emphasis;
    const deco = /text-decoration(?:-line)?\s*:\s*([a-z -]+)/.exec(s);
    if (deco) {
      if (deco[1]!.includes('underline')) m |= Mark.Underline;
      if (deco[1]!.includes('line-through')) m |= Mark.Strike;
      if (/^\s*none/.test(deco[1]!)) m &= ~(Mark.Underline | Mark.Strike);
    }
  }
  return m;
}

/**
 * Page numbers and running heads, as in text letters; then what recurs at the page breaks Word and Workiva mark
 * (running heads, footers, legends: `findPageFurniture`), and the paragraphs a page break split joined again.
 */
function dropFurniture(blocks: Block[]): Block[] {
  const lines = blocks.map((b) => (b.kind === 'table' || b.kind === 'listItem' ? `${b.marker ?? ''}\u0000` : b.text));
  // Running heads repeat the letterhead and the addressee; the Re block's lines are also the captions above comments.
  const re = lines.findIndex((l, i) => i < 80 && /^\s*re\b\s*[:.]/i.test(l));
  const fates = findFurniture(lines, new Set(), furnitureContext(re > 0 ? lines.slice(0, re) : lines));
  const kept = blocks.filter((_, i) => fates[i]!.kind === 'keep' || fates[i]!.kind === 'part');
  const drop = findPageFurniture(
    kept.map((b) => ({ text: b.text, page: b.page ?? 1, content: b.kind === 'table' || b.kind === 'listItem' || b.kind === 'code' })),
  );
  // Runs of blocks to join, each built once (joining one by one would copy a long run's arrays at every step).
  const groups: Block[][] = [];
  let cut = false;
  for (let i = 0; i < kept.length; i++) {
    if (drop.has(i)) {
      cut = true;
      continue;
    }
    const b = kept[i]!;
    const group = groups[groups.length - 1];
    const prev = group?.[group.length - 1];
    if (group && prev && (cut || prev.page !== b.page) && continues(prev, b)) group.push(b);
    else groups.push([b]);
    cut = false;
  }
  return groups.map((g) => (g.length === 1 ? g[0]! : joinBlocks(g)));
}

/** A paragraph a page break cut mid-sentence: no closing punctuation before the break, a lower-case word after it. */
function continues(a: Block, b: Block): boolean {
  if ((a.kind !== 'paragraph' && a.kind !== 'listItem') || b.kind !== 'paragraph' || a.text.length === 0) return false;
  return !/[.?!:;]["”’)\]]*$/.test(a.text) && /^["“‘(]?\p{Ll}/u.test(b.text);
}

/** One block of several: each one's text after the one before, a space (a line break) between them. */
function joinBlocks(group: readonly Block[]): Block {
  const first = group[0]!;
  const texts: string[] = [];
  const runs: Block['runs'][number][] = [];
  const map: number[] = [];
  const breaks: number[] = [];
  let length = 0;
  for (let j = 0; j < group.length; j++) {
    const b = group[j]!;
    if (j > 0) {
      map.push(length, group[j - 1]!.end);
      breaks.push(length);
      runs.push({ text: ' ', marks: 0 });
      texts.push(' ');
      length += 1;
    }
    for (let k = 0; k < b.map.length; k += 2) map.push(b.map[k]! + length, b.map[k + 1]!);
    for (const x of b.breaks) breaks.push(x + length);
    runs.push(...b.runs);
    texts.push(b.text);
    length += b.text.length;
  }
  return { ...first, text: texts.join(''), runs, end: group[group.length - 1]!.end, map, breaks };
}
