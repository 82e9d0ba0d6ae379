/**
 * A response draft (Corresp Markdown) → the export model that every output format renders (EDGAR HTML, EDGAR ASCII,
 * Word): blocks of marked runs, page breaks, and the confidential-treatment request with its redactions. Parsed with
 * remark (unified + remark-parse + remark-gfm, set up as in parse/markdown.ts) and walked here, so nothing of the
 * source passes to an output unless this walk put it in the model. Never throws: anything it cannot carry over
 * becomes a note.
 *
 * What a draft can say, and what becomes of it:
 * - Front matter, `<!-- comment N -->` anchors and every other HTML comment: left out.
 * - Headings, paragraphs, lists, block quotes, GFM tables (cells keep their marks), code.
 * - Bold, italics, `<u>`/`<ins>` underline (additions), `~~…~~`/`<s>`/`<del>`/`<strike>` strike (deletions), `<b>`,
 *   `<i>`, `<sup>`, `<sub>`, `<br>`. Any other raw HTML: the tag is dropped (its text is kept as text), and the
 *   contents of `<script>`, `<style>`, `<iframe>`, `<object>` and the like are dropped with it when the element is
 *   closed in its paragraph; one left open is dropped alone and the words after it kept (an open `<script>` or
 *   `<style>` still takes the rest of its paragraph).
 * - Page breaks: a thematic break written with hyphens (`---`) or `<!-- pagebreak -->`. A break written with
 *   asterisks or underscores (`* * *`, the usual separator before a letter's closing) stays a centred `* * *`.
 * - Links: only to sec.gov EDGAR archives stay links; other links keep their text. Images: only a GIF or JPEG file
 *   name (to be attached to the same submission); other images are left out with a note.
 *
 * Confidential treatment (17 C.F.R. 200.83), the convention this exporter reads:
 * - `<!-- confidential-treatment: Requester Name -->` (or `… : Requester Name | CODE`) anywhere in the draft says the
 *   letter asks for confidential treatment. Every page then carries "Confidential Treatment Requested by Requester
 *   Name" and an identifying number CODE-n (n = page; CODE defaults to "CTR"), and the first page carries "FOIA
 *   Confidential Treatment Request".
 * - `[[confidential: text]]` marks the text to be withheld. By default (the copy filed on EDGAR) it becomes "[***]"
 *   and the first page says, in brackets, that the marked information was omitted and submitted separately. The
 *   unredacted copy (redact: false; only for the Word draft) shows the text in brackets.
 * - A span may run over several paragraphs, list items, quotes, headings, code blocks or cells of one table: all of
 *   it is withheld, up to its `]]` (the blocks wholly inside it are left out; the block that closes it starts with
 *   "[***]"). What the writer meant cannot be known, so the draft is refused (`refused`, nothing is rendered) when a
 *   span is never closed, opens inside another, runs into or out of a table, or is written where this walk does not
 *   read text (an HTML comment, a link address, a definition): text that reaches EDGAR cannot be taken back.
 */
import type { Nodes as HastNodes, Root as HastRoot } from 'hast';
import type { PhrasingContent, RootContent, Table } from 'mdast';
import rehypeParse from 'rehype-parse';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { frontMatterRange } from '../../parse/markdown';
import { LineIndex } from '../../text/lineIndex';
import { lowerBound } from '../../text/sorted';
import { BLOCK_ELEMENTS, NON_TEXT_ELEMENTS } from '../../parse/htmlElements';

const processor = unified().use(remarkParse).use(remarkGfm);
const htmlParser = unified().use(rehypeParse, { fragment: true });

/** Run styles (bits). */
export const Style = {
  None: 0,
  Bold: 1,
  Italic: 2,
  Underline: 4,
  Strike: 8,
  Sup: 16,
  Sub: 32,
  Code: 64,
} as const;

export interface TextRun {
  readonly kind: 'text';
  readonly text: string;
  readonly style: number;
  /** Only a sec.gov EDGAR archive address (see `allowedHref`). */
  readonly href?: string;
  /** The "[***]" put in place of withheld text. */
  readonly redacted?: boolean;
}
export interface LineBreak {
  readonly kind: 'break';
}
/** Only a GIF or JPEG file name that can be attached to the same submission (see `allowedImage`). */
export interface ImageRun {
  readonly kind: 'image';
  readonly src: string;
  readonly alt: string;
}
export type Inline = TextRun | LineBreak | ImageRun;

export type CellAlign = 'left' | 'center' | 'right' | null;

export type ExportBlock =
  | { readonly kind: 'heading'; readonly depth: 1 | 2 | 3 | 4 | 5 | 6; readonly content: readonly Inline[] }
  | { readonly kind: 'paragraph'; readonly content: readonly Inline[] }
  | { readonly kind: 'list'; readonly ordered: boolean; readonly start: number; readonly items: readonly (readonly ExportBlock[])[] }
  | { readonly kind: 'quote'; readonly children: readonly ExportBlock[] }
  | { readonly kind: 'table'; readonly align: readonly CellAlign[]; readonly rows: readonly (readonly (readonly Inline[])[])[] }
  | { readonly kind: 'code'; readonly text: string }
  | { readonly kind: 'pageBreak' }
  | { readonly kind: 'separator' };

export interface ConfidentialTreatment {
  readonly requester: string;
  /** Prefix of the identifying number each page carries (CODE-1, CODE-2 …). */
  readonly code: string;
}

/** Why a draft cannot be exported: a `[[confidential: …` span whose end is not where the writer surely meant it. */
export interface ExportRefusal {
  /** 1-based line of the draft (front matter included) where the span opened. */
  readonly line: number;
  readonly message: string;
}

export interface ExportDraft {
  /** Empty when `refused`. */
  readonly blocks: readonly ExportBlock[];
  /** Set when the draft must not be exported at all (renderers must not be called). */
  readonly refused?: ExportRefusal;
  readonly confidential?: ConfidentialTreatment;
  /** Whether `[[confidential: …]]` text was replaced by "[***]" (false: shown in brackets). */
  readonly redact: boolean;
  /** How many `[[confidential: …]]` spans the draft holds. */
  readonly confidentialSpans: number;
  /** What could not be carried over, in plain words, each once. */
  readonly notes: readonly string[];
}

export interface ReadDraftOptions {
  /** Replace `[[confidential: …]]` text by "[***]" (default true: the EDGAR copy). */
  readonly redact?: boolean;
}

export const REDACTED = '[***]';
export const DEFAULT_CT_CODE = 'CTR';

/** `<A HREF>` may point only at EDGAR archives on sec.gov (EDGAR Filer Manual: no external references). */
export function allowedHref(url: string): boolean {
  return /^https?:\/\/www\.sec\.gov\/(?:ix\?doc=\/)?Archives\/edgar\/data\/[^\s"'<>\\]*$/i.test(url);
}

/** `<IMG SRC>` may name only a GIF or JPEG file of the same submission, itself a valid EDGAR file name. */
export function allowedImage(src: string): boolean {
  return /^[a-z0-9][a-z0-9._-]{0,27}\.(?:gif|jpg)$/.test(src);
}

/** HTML tags kept as marks; every other tag is dropped. */
const HTML_MARKS: Readonly<Record<string, number>> = {
  u: Style.Underline,
  ins: Style.Underline,
  s: Style.Strike,
  del: Style.Strike,
  strike: Style.Strike,
  b: Style.Bold,
  strong: Style.Bold,
  i: Style.Italic,
  em: Style.Italic,
  sup: Style.Sup,
  sub: Style.Sub,
};

/** Elements that separate paragraphs when a raw HTML block is read for its text: block elements and table cells. */
const HTML_BLOCKS = new Set([...BLOCK_ELEMENTS, 'td', 'th', 'caption']);

const OPEN_RE = /\[\[\s*confidential\s*:\s*/i;
const PAGEBREAK_RE = /^\s*page[\s_-]?break\s*$/i;
const CT_RE = /^\s*confidential[\s_-]treatment\s*:\s*([\s\S]*?)\s*$/i;

/** Reads a response draft for export. */
export function readDraft(markdown: string, options: ReadDraftOptions = {}): ExportDraft {
  const fm = frontMatterRange(markdown);
  const bom = markdown.charCodeAt(0) === 0xfeff ? 1 : 0;
  const bodyStart = fm ? fm.end : bom;
  const body = markdown.slice(bodyStart);
  const reader = new Reader(body, options.redact !== false);
  let blocks: ExportBlock[];
  try {
    const tree = processor.parse(body);
    blocks = reader.blocks(tree.children);
  } catch (e) {
    // micromark does not throw; if it ever did, the words still go out as plain paragraphs.
    reader.note(`the Markdown could not be parsed (${(e as Error)?.message ?? e}); exported as plain paragraphs`);
    blocks = body
      .split(/\n\s*\n/)
      .filter((p) => p.trim().length > 0)
      .map((p) => ({ kind: 'paragraph', content: [{ kind: 'text', text: reader.plain(p.replace(/\s+/g, ' ').trim()), style: 0 }] }));
  }
  const refusal = reader.end();
  if (refusal) {
    const line = new LineIndex(markdown).lineAt(Math.min(markdown.length, bodyStart + refusal.offset)) + 1;
    return { blocks: [], refused: { line, message: refusal.message }, redact: reader.redact, confidentialSpans: reader.spans, notes: [] };
  }
  if (reader.spans > 0 && !reader.confidential) {
    reader.note(
      'the draft marks [[confidential: …]] text but has no <!-- confidential-treatment: Name --> marker: pages carry no confidential-treatment legend',
    );
  }
  return {
    blocks,
    ...(reader.confidential ? { confidential: reader.confidential } : {}),
    redact: reader.redact,
    confidentialSpans: reader.spans,
    notes: [...reader.notes],
  };
}

interface InlineState {
  html: number;
  suppress: number;
  readonly out: Inline[];
  /** Opening and closing tags of dropped elements that pair up within the block (see `pairedTags`). */
  readonly paired: ReadonlySet<unknown>;
}

/** Elements whose whole content is their own (raw text, not words of the letter): dropped to the end even unclosed. */
const RAW_TEXT = new Set(['script', 'style', 'xmp', 'plaintext', 'noscript', 'noembed', 'noframes', 'iframe', 'textarea', 'title', 'template']);

function tagOf(raw: string): { name: string; closing: boolean; selfClosing: boolean } | undefined {
  const tag = /^<(\/)?([A-Za-z][A-Za-z0-9-]*)\b[^>]*?(\/)?>$/s.exec(raw.trim());
  return tag ? { name: tag[2]!.toLowerCase(), closing: !!tag[1], selfClosing: !!tag[3] } : undefined;
}

/**
 * The inline HTML nodes of a block's phrasing that open and close a dropped element (`<iframe …>` … `</iframe>`).
 * Reliability: an `<object>`, `<video>`, `<embed>`, `<select>` … left open in a paragraph dropped the rest of it in
 * every export; only a pair's content is dropped now, an unclosed tag alone (its words kept).
 */
function pairedTags(nodes: readonly PhrasingContent[]): Set<unknown> {
  const paired = new Set<unknown>();
  const open = new Map<string, unknown[]>();
  const visit = (list: readonly PhrasingContent[]) => {
    for (const node of list) {
      if (node.type === 'html') {
        const tag = tagOf(node.value);
        if (!tag || tag.selfClosing || !NON_TEXT_ELEMENTS.has(tag.name)) continue;
        const stack = open.get(tag.name) ?? [];
        open.set(tag.name, stack);
        if (!tag.closing) stack.push(node);
        else if (stack.length > 0) {
          paired.add(stack.pop());
          paired.add(node);
        }
      } else if ('children' in node) visit(node.children as PhrasingContent[]);
    }
  };
  visit(nodes);
  return paired;
}

/** A `[[confidential: …` whose `]]` is in a later block. */
interface OpenSpan {
  /** Body offset of the opening (for the line of a refusal). */
  readonly offset: number;
  /** The table it opened in (a span may cross cells of one table, never a table's edge). */
  readonly table: object | undefined;
}

/** The block whose text is being read: its source range, and how many openings the walk found in it. */
interface Leaf {
  readonly start: number;
  readonly end: number;
  found: number;
}

class Reader {
  readonly notes = new Set<string>();
  confidential: ConfidentialTreatment | undefined;
  spans = 0;
  /** Reliability: a span still open at the end of a block is carried into the next ones, up to its `]]`. */
  private carry: OpenSpan | undefined;
  private refusal: { offset: number; message: string } | undefined;
  /** Body offsets of every `[[confidential:` written in the source, and whether a block the walk read held it. */
  private readonly openings: number[] = [];
  private readonly covered: boolean[] = [];
  private leaf: Leaf | undefined;
  private table_: object | undefined;

  constructor(
    private readonly source: string,
    readonly redact: boolean,
  ) {
    const re = new RegExp(OPEN_RE.source, 'gi');
    for (let m = re.exec(source); m !== null; m = re.exec(source)) {
      this.openings.push(m.index);
      this.covered.push(false);
    }
  }

  note(text: string): void {
    this.notes.add(text);
  }

  /** After the walk: why the draft must not be exported, if it must not. */
  end(): { offset: number; message: string } | undefined {
    if (!this.refusal && this.carry) this.refuse(this.carry.offset, 'is never closed with ]]');
    if (!this.refusal) {
      const missed = this.covered.indexOf(false);
      if (missed >= 0) {
        this.refuse(
          this.openings[missed]!,
          'is written where the export does not read text (an HTML comment, a link address or title, a definition, a tag); move it into the text it withholds',
        );
      }
    }
    return this.refusal;
  }

  private refuse(offset: number, why: string): void {
    this.refusal ??= { offset, message: `a [[confidential: … span opened here ${why}; nothing was exported, so that no confidential text reaches the SEC` };
  }

  /** The body offset of the `n`-th opening the walk found in the current block (its source), else the block's start. */
  private openingOffset(n: number): number {
    const leaf = this.leaf;
    if (!leaf) return this.carry?.offset ?? 0;
    const first = lowerBound(this.openings, leaf.start);
    const at = this.openings[first + n];
    return at !== undefined && at < leaf.end ? at : leaf.start;
  }

  /** Reads one block's text: every `[[confidential:` written in its source must be one the walk found. */
  private inLeaf<T>(node: { position?: { start: { offset?: number | undefined }; end: { offset?: number | undefined } } | undefined }, read: () => T): T {
    const outer = this.leaf;
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return read();
    const leaf: Leaf = { start, end, found: 0 };
    this.leaf = leaf;
    try {
      return read();
    } finally {
      this.leaf = outer;
      const first = lowerBound(this.openings, start);
      let n = 0;
      for (let i = first; i < this.openings.length && this.openings[i]! < end; i++, n++) {
        if (n < leaf.found) this.covered[i] = true;
        else
          this.refuse(
            this.openings[i]!,
            'is written where the export does not read text (an HTML comment, a tag, a link address or title); move it into the text it withholds',
          );
      }
      if (outer) outer.found += leaf.found;
    }
  }

  /** Counts an opening found by the walk; returns its source offset. */
  private opened(): number {
    const offset = this.openingOffset(this.leaf?.found ?? 0);
    this.spans++;
    if (this.leaf) this.leaf.found++;
    return offset;
  }

  blocks(nodes: readonly RootContent[]): ExportBlock[] {
    const out: ExportBlock[] = [];
    for (const node of nodes) this.block(node, out);
    return out;
  }

  private block(node: RootContent, out: ExportBlock[]): void {
    switch (node.type) {
      case 'heading': {
        const content = this.inLeaf(node, () => this.inline(node.children));
        if (hasText(content)) out.push({ kind: 'heading', depth: node.depth, content });
        return;
      }
      case 'paragraph': {
        const content = this.inLeaf(node, () => this.inline(node.children));
        if (hasText(content)) out.push({ kind: 'paragraph', content });
        return;
      }
      case 'blockquote': {
        const children = this.blocks(node.children);
        if (children.length > 0) out.push({ kind: 'quote', children });
        return;
      }
      case 'list': {
        const items: ExportBlock[][] = [];
        for (const item of node.children) {
          const inSpan = this.carry !== undefined;
          const blocks = this.blocks(item.children);
          // An item wholly inside a confidential span is left out, marker and all.
          if (blocks.length === 0 && (inSpan || this.carry)) continue;
          items.push(typeof item.checked === 'boolean' ? prefixFirst(blocks, item.checked ? '[x] ' : '[ ] ') : blocks);
        }
        if (items.length > 0 || node.children.length === 0) out.push({ kind: 'list', ordered: node.ordered === true, start: node.start ?? 1, items });
        return;
      }
      case 'code': {
        const inSpan = this.carry !== undefined;
        const text = this.inLeaf(node, () => this.plain(node.value));
        if (text.length > 0 || !(inSpan || this.carry)) out.push({ kind: 'code', text });
        return;
      }
      case 'html':
        this.inLeaf(node, () => this.htmlBlock(node.value, out));
        return;
      case 'thematicBreak': {
        const written = this.source.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
        out.push(written.includes('-') ? { kind: 'pageBreak' } : { kind: 'separator' });
        return;
      }
      case 'table':
        out.push(this.table(node));
        return;
      case 'footnoteDefinition': {
        const inSpan = this.carry !== undefined;
        const blocks = this.blocks(node.children);
        if (blocks.length === 0 && (inSpan || this.carry)) return;
        const label = node.label ?? node.identifier;
        out.push(...prefixFirst(blocks, `[${label}] `));
        return;
      }
      default:
        // definitions, front matter nodes and anything else carry no letter text (a [[confidential: written in one
        // is refused by end()).
        return;
    }
  }

  private table(node: Table): ExportBlock {
    const id = {};
    if (this.carry) this.refuse(this.carry.offset, 'runs into a table: close it with ]] before the table, or open it in the cell');
    const outer = this.table_;
    this.table_ = id;
    const rows = node.children.map((row) => row.children.map((cell) => this.inLeaf(cell, () => this.inline(cell.children))));
    this.table_ = outer;
    if (this.carry && this.carry.table === id) this.refuse(this.carry.offset, 'is not closed in its table: close it with ]] in the table');
    const width = Math.max(1, ...rows.map((r) => r.length));
    for (const r of rows) while (r.length < width) r.push([]);
    const align = Array.from({ length: width }, (_, i) => node.align?.[i] ?? null);
    return { kind: 'table', align, rows };
  }

  /** Phrasing → runs: marks from Markdown and from the recognised inline HTML tags, then redaction. */
  inline(nodes: readonly PhrasingContent[]): Inline[] {
    const state: InlineState = { html: 0, suppress: 0, out: [], paired: pairedTags(nodes) };
    this.phrasing(nodes, 0, undefined, state);
    return this.finish(state.out);
  }

  private phrasing(nodes: readonly PhrasingContent[], style: number, href: string | undefined, st: InlineState): void {
    for (const node of nodes) {
      switch (node.type) {
        case 'text':
          if (st.suppress === 0) pushText(st.out, node.value.replace(/\s*[\r\n]+\s*/g, ' '), style | st.html, href);
          break;
        case 'inlineCode':
          if (st.suppress === 0) pushText(st.out, node.value, style | st.html | Style.Code, href);
          break;
        case 'strong':
          this.phrasing(node.children, style | Style.Bold, href, st);
          break;
        case 'emphasis':
          this.phrasing(node.children, style | Style.Italic, href, st);
          break;
        case 'delete':
          this.phrasing(node.children, style | Style.Strike, href, st);
          break;
        case 'break':
          if (st.suppress === 0) st.out.push({ kind: 'break' });
          break;
        case 'link': {
          const keep = allowedHref(node.url) ? node.url : undefined;
          // A bare address or e-mail (GFM autolink) keeps all it says as text: nothing to report.
          const shown = node.children.map((c) => ('value' in c ? c.value : '')).join('');
          if (!keep && node.url && !/^#/.test(node.url) && !(shown.length > 0 && node.url.endsWith(shown))) {
            this.note(`a link to ${clip(node.url)} is kept as its text only (EDGAR allows links only to EDGAR archives on sec.gov)`);
          }
          this.phrasing(node.children, style, href ?? keep, st);
          break;
        }
        case 'linkReference':
          this.phrasing(node.children, style, href, st);
          break;
        case 'image':
          if (st.suppress > 0) break;
          if (allowedImage(node.url)) st.out.push({ kind: 'image', src: node.url, alt: this.altText(node.alt ?? '') });
          else this.note(`the image ${clip(node.url)} is left out (EDGAR takes only GIF or JPEG files attached to the same submission)`);
          break;
        case 'imageReference':
          this.note(`the image reference [${node.label ?? node.identifier}] is left out (write the image with its file name)`);
          break;
        case 'html':
          this.inlineHtml(node.value, st, st.paired.has(node));
          break;
        case 'footnoteReference':
          if (st.suppress === 0) pushText(st.out, node.label ?? node.identifier, style | st.html | Style.Sup, href);
          break;
        default: {
          const children = (node as { children?: PhrasingContent[] }).children;
          if (children) this.phrasing(children, style, href, st);
        }
      }
    }
  }

  private inlineHtml(raw: string, st: InlineState, paired: boolean): void {
    const value = raw.trim();
    const comment = /^<!--([\s\S]*?)-->$/.exec(value);
    if (comment) {
      if (this.comment(comment[1]!) === 'pagebreak') this.note('a <!-- pagebreak --> inside a paragraph is ignored: put it on a line of its own');
      return;
    }
    const tag = /^<(\/)?([A-Za-z][A-Za-z0-9-]*)\b[^>]*?(\/)?>$/s.exec(value);
    if (!tag) {
      this.note(`raw HTML ${clip(value)} is left out`);
      return;
    }
    const closing = !!tag[1];
    const name = tag[2]!.toLowerCase();
    if (name === 'br') {
      if (st.suppress === 0) st.out.push({ kind: 'break' });
      return;
    }
    const mark = HTML_MARKS[name];
    if (mark !== undefined) {
      st.html = closing ? st.html & ~mark : st.html | mark;
      return;
    }
    if (NON_TEXT_ELEMENTS.has(name)) {
      // A <script> or <style> left open still takes the rest of its paragraph: never letter text.
      if (paired || ((name === 'script' || name === 'style') && !closing)) {
        st.suppress = Math.max(0, st.suppress + (closing ? -1 : 1));
        this.note(`<${name}> and its content are left out`);
      } else if (!closing) this.note(`the HTML tag <${name}> is left out (its text is kept)`);
      return;
    }
    this.note(`the HTML tag <${name}> is left out (its text is kept); only <u>, <ins>, <s>, <del>, <b>, <i>, <br>, <sup> and <sub> are kept`);
  }

  /** A raw HTML block: comments are markers; its text is kept as paragraphs with the recognised marks. */
  private htmlBlock(raw: string, out: ExportBlock[]): void {
    let tree: HastRoot;
    try {
      tree = htmlParser.parse(raw) as HastRoot;
    } catch {
      this.note(`raw HTML ${clip(raw)} is left out`);
      return;
    }
    let runs: Inline[] = [];
    const flush = () => {
      const content = this.finish(runs);
      if (hasText(content)) out.push({ kind: 'paragraph', content });
      runs = [];
    };
    const walk = (node: HastNodes, style: number): void => {
      switch (node.type) {
        case 'comment':
          if (this.comment(node.value) === 'pagebreak') {
            flush();
            out.push({ kind: 'pageBreak' });
          }
          return;
        case 'text':
          pushText(runs, node.value.replace(/\s+/g, ' '), style, undefined);
          return;
        case 'element': {
          const name = node.tagName.toLowerCase();
          if (NON_TEXT_ELEMENTS.has(name)) {
            // Reliability: an element the HTML parser closed only at the end of the block (no end tag written) holds
            // the words that follow it, not its own content: they are kept (raw-text elements such as <script> excepted).
            const from = node.position?.start.offset;
            const to = node.position?.end.offset;
            const written = from !== undefined && to !== undefined ? raw.slice(from, to) : '';
            const closed = new RegExp(`</${name}\\s*>$`, 'i').test(written) || /\/>$/.test(written);
            if (closed || RAW_TEXT.has(name)) {
              this.note(`<${name}> and its content are left out`);
              return;
            }
            this.note(`the HTML tag <${name}> is left out (its text is kept)`);
            for (const child of node.children) walk(child as HastNodes, style);
            return;
          }
          if (name === 'br') {
            runs.push({ kind: 'break' });
            return;
          }
          const mark = HTML_MARKS[name];
          const block = HTML_BLOCKS.has(name);
          if (mark === undefined)
            this.note(`the HTML tag <${name}> is left out (its text is kept); only <u>, <ins>, <s>, <del>, <b>, <i>, <br>, <sup> and <sub> are kept`);
          if (block) flush();
          for (const child of node.children) walk(child as HastNodes, style | (mark ?? 0));
          if (block) flush();
          return;
        }
        case 'root':
          for (const child of node.children) walk(child as HastNodes, style);
          return;
        default:
          return;
      }
    };
    walk(tree, 0);
    flush();
  }

  /** An HTML comment: the page-break and confidential-treatment markers; anything else (anchors …) is dropped. */
  private comment(inner: string): 'pagebreak' | undefined {
    if (PAGEBREAK_RE.test(inner)) return 'pagebreak';
    const ct = CT_RE.exec(inner);
    if (ct) {
      const [who, code] = ct[1]!.split('|').map((s) => s.replace(/\s+/g, ' ').trim());
      if (!who) {
        this.note('<!-- confidential-treatment: … --> names no requester; it is ignored');
        return undefined;
      }
      const next = { requester: who, code: code && /^[A-Za-z0-9-]{1,16}$/.test(code) ? code : DEFAULT_CT_CODE };
      if (code && next.code !== code) this.note(`the confidential-treatment code “${code}” is not 1–16 letters, digits or hyphens; ${DEFAULT_CT_CODE} is used`);
      if (this.confidential && (this.confidential.requester !== next.requester || this.confidential.code !== next.code)) {
        this.note('the draft has more than one confidential-treatment marker; the first one is used');
      } else this.confidential = next;
    }
    return undefined;
  }

  /** An image's alt text: its own `[[confidential: …]]` spans redacted; one it does not close is refused. */
  private altText(text: string): string {
    const re = new RegExp(OPEN_RE.source, 'gi');
    let out = '';
    let at = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m.index < at) continue;
      const offset = this.opened();
      const innerStart = m.index + m[0].length;
      const close = text.indexOf(']]', innerStart);
      const next = new RegExp(OPEN_RE.source, 'i').exec(text.slice(innerStart, close < 0 ? text.length : close));
      if (close < 0) this.refuse(offset, 'is not closed inside the image’s alt text');
      else if (next) this.refuse(offset, 'holds another [[confidential: before its ]] (spans cannot nest)');
      if (close < 0) return out + text.slice(at, m.index) + REDACTED;
      out += text.slice(at, m.index) + (this.redact ? REDACTED : `[${text.slice(innerStart, close)}]`);
      at = close + 2;
      re.lastIndex = at;
    }
    return out + text.slice(at);
  }

  /** Text outside runs (code blocks): `[[confidential: …]]` redacted the same way, spans carried the same way. */
  plain(text: string): string {
    const items: Inline[] = [{ kind: 'text', text, style: 0 }];
    return this.confidentialRuns(items)
      .map((i) => (i.kind === 'text' ? i.text : ''))
      .join('');
  }

  /** Merges runs, trims the ends and applies `[[confidential: …]]` across runs (and across blocks). */
  private finish(items: readonly Inline[]): Inline[] {
    const merged = mergeRuns(items);
    const redacted = this.confidentialRuns(merged);
    return trimEnds(mergeRuns(redacted));
  }

  private confidentialRuns(items: readonly Inline[]): Inline[] {
    if (this.refusal) return []; // nothing will be exported: keep no text at all
    // Flat text: a run's text, one U+0000 for a break or image (it can never match the markers).
    const flat = items.map((i) => (i.kind === 'text' ? i.text : '\u0000')).join('');
    if (!this.carry && !OPEN_RE.test(flat)) return [...items];
    const out: Inline[] = [];
    const openRe = new RegExp(OPEN_RE.source, 'gi');
    /** The first opening in [from, to), if any. */
    const openingIn = (from: number, to: number): boolean => {
      openRe.lastIndex = from;
      const m = openRe.exec(flat);
      return m !== null && m.index < to;
    };
    const hidden = (from: number, to: number): Inline[] => {
      if (this.redact) return [];
      return sliceInlines(items, from, to);
    };
    let at = 0;
    if (this.carry) {
      // A span opened in an earlier block: this block is withheld up to its ]] (wholly, when it has none).
      const close = flat.indexOf(']]');
      const to = close < 0 ? flat.length : close;
      if (openingIn(0, to)) {
        this.opened();
        this.refuse(this.carry.offset, 'holds another [[confidential: before its ]] (spans cannot nest)');
        return [];
      }
      if (this.table_ !== this.carry.table) {
        this.refuse(this.carry.offset, 'runs into or out of a table: close it with ]] in the block where it opened');
        return [];
      }
      out.push(...hidden(0, to));
      if (close < 0) return out;
      if (this.redact) {
        if (
          flat
            .slice(0, close)
            .replace(/\u0000/g, '')
            .trim().length > 0
        )
          out.push({ kind: 'text', text: REDACTED, style: 0, redacted: true });
      } else out.push({ kind: 'text', text: ']', style: styleAt(items, Math.max(0, close - 1)) });
      this.carry = undefined;
      at = close + 2;
    }
    const re = new RegExp(OPEN_RE.source, 'gi');
    re.lastIndex = at;
    let m: RegExpExecArray | null;
    while ((m = re.exec(flat)) !== null) {
      if (m.index < at) continue;
      const offset = this.opened();
      const innerStart = m.index + m[0].length;
      const close = flat.indexOf(']]', innerStart);
      if (openingIn(innerStart, close < 0 ? flat.length : close)) {
        this.refuse(offset, 'holds another [[confidential: before its ]] (spans cannot nest)');
        return [];
      }
      out.push(...sliceInlines(items, at, m.index));
      const style = styleAt(items, m.index);
      if (this.redact) out.push({ kind: 'text', text: REDACTED, style: style & ~Style.Code, redacted: true });
      else out.push({ kind: 'text', text: '[', style });
      if (close < 0) {
        // Carried on: the blocks after this one are withheld up to the ]] (end() refuses if there is none).
        out.push(...hidden(innerStart, flat.length));
        this.carry = { offset, table: this.table_ };
        return out;
      }
      if (!this.redact) {
        out.push(...sliceInlines(items, innerStart, close));
        out.push({ kind: 'text', text: ']', style });
      }
      at = Math.min(flat.length, close + 2);
      re.lastIndex = at;
    }
    out.push(...sliceInlines(items, at, flat.length));
    return out;
  }
}

function pushText(out: Inline[], text: string, style: number, href: string | undefined): void {
  if (text.length === 0) return;
  out.push({ kind: 'text', text, style, ...(href ? { href } : {}) });
}

function sameRun(a: TextRun, b: TextRun): boolean {
  return a.style === b.style && a.href === b.href && !a.redacted && !b.redacted;
}

function mergeRuns(items: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const item of items) {
    const prev = out[out.length - 1];
    if (item.kind === 'text' && item.text.length === 0) continue;
    if (prev && prev.kind === 'text' && item.kind === 'text' && sameRun(prev, item)) out[out.length - 1] = { ...prev, text: prev.text + item.text };
    else out.push(item);
  }
  return out;
}

/** Drops leading and trailing white space (and breaks) of a block's content. */
function trimEnds(items: Inline[]): Inline[] {
  while (items.length > 0 && items[0]!.kind === 'break') items.shift();
  while (items.length > 0 && items[items.length - 1]!.kind === 'break') items.pop();
  const first = items[0];
  if (first && first.kind === 'text') {
    const t = first.text.replace(/^\s+/, '');
    if (t.length === 0) return trimEnds(items.slice(1));
    items[0] = { ...first, text: t };
  }
  const last = items[items.length - 1];
  if (last && last.kind === 'text') {
    const t = last.text.replace(/\s+$/, '');
    if (t.length === 0) return trimEnds(items.slice(0, -1));
    items[items.length - 1] = { ...last, text: t };
  }
  return items;
}

/** The inlines covering flat offsets [from, to) (a break or image counts as one character). */
function sliceInlines(items: readonly Inline[], from: number, to: number): Inline[] {
  const out: Inline[] = [];
  let pos = 0;
  for (const item of items) {
    const len = item.kind === 'text' ? item.text.length : 1;
    const end = pos + len;
    if (end > from && pos < to) {
      if (item.kind === 'text') {
        const text = item.text.slice(Math.max(0, from - pos), Math.min(len, to - pos));
        if (text.length > 0) out.push({ ...item, text });
      } else out.push(item);
    }
    pos = end;
    if (pos >= to) break;
  }
  return out;
}

function styleAt(items: readonly Inline[], offset: number): number {
  let pos = 0;
  for (const item of items) {
    const len = item.kind === 'text' ? item.text.length : 1;
    if (offset < pos + len) return item.kind === 'text' ? item.style : 0;
    pos += len;
  }
  return 0;
}

function hasText(items: readonly Inline[]): boolean {
  return items.some((i) => i.kind === 'image' || (i.kind === 'text' && i.text.trim().length > 0));
}

/** Puts `prefix` before the first paragraph's text (task-list boxes, footnote labels). */
function prefixFirst(blocks: ExportBlock[], prefix: string): ExportBlock[] {
  const first = blocks[0];
  if (first && first.kind === 'paragraph')
    return [{ kind: 'paragraph', content: [{ kind: 'text', text: prefix, style: 0 }, ...first.content] }, ...blocks.slice(1)];
  return [{ kind: 'paragraph', content: [{ kind: 'text', text: prefix.trim(), style: 0 }] }, ...blocks];
}

function clip(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 60 ? `${t.slice(0, 57)}…` : t;
}

/** The legend lines of a confidential-treatment letter. */
export function confidentialLegend(ct: ConfidentialTreatment, page: number): { requested: string; number: string } {
  return { requested: `Confidential Treatment Requested by ${ct.requester}`, number: `${ct.code}-${page}` };
}

export const FOIA_LEGEND = 'FOIA Confidential Treatment Request';
export const REDACTION_LEGEND =
  '[Certain information in this letter has been omitted and submitted separately to the Securities and Exchange Commission with a request for confidential treatment under 17 C.F.R. § 200.83. The omitted information is marked “[***]”.]';
export const UNREDACTED_LEGEND =
  '[Confidential treatment is requested under 17 C.F.R. § 200.83 for the information in brackets. This unredacted copy is not for filing on EDGAR.]';
