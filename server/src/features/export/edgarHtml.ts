/**
 * The export model → HTML that EDGAR accepts for a CORRESP submission. Every tag and attribute goes through one
 * writer that checks it against EDGAR_HTML (element → allowed attributes) and EDGAR_VALUES (what each attribute may
 * hold), so nothing outside the table can be emitted; all text is escaped, and every character beyond ASCII is
 * written as a numeric character reference, so the file itself is plain ASCII.
 *
 * What this relies on (EDGAR Filer Manual Vol. II ch. 5, "HTML Specifications for EDGAR", as read from stored copies):
 * - EDGAR HTML follows the HTML 3.2 tag set with some HTML 4.0 attributes; no active content (SCRIPT, APPLET,
 *   OBJECT, EMBED, IFRAME, FORM inputs, event-handler attributes, javascript: URLs); no external references except
 *   <A HREF> to EDGAR archives on sec.gov (http(s)://www.sec.gov/Archives/edgar/data/…); images only GIF or JPEG
 *   files of the same submission via <IMG SRC>; no nested TABLEs. (SEC, "HTML Specifications for EDGAR Rel. 7.0",
 *   sec.gov/info/edgar/ednews/edhtml.htm; Filer Manual Vol. II §5.2.2.)
 * - The tag list and attributes: Arelle's EDGAR HTML validator (Arelle/Arelle, arelle/plugin/validate/EFM-htm:
 *   Const.py `recognizedElements`, `disallowedElements`, and resources/efm-htm.dtd, "modified to limit permitted
 *   tags to the SEC EDGAR Filer Manual Volume II requirements documented in section 5.2.2"). Notably STRIKE is
 *   allowed but S, DEL and INS are not; TBODY, THEAD, TFOOT, STYLE (the element), COL/COLGROUP are not; the STYLE
 *   attribute (HTML 4.0 core attribute) is, so inline CSS such as page-break-after is accepted, as real CORRESP
 *   filings use it (`<hr style="page-break-after:always">`). (Arelle's `recognizedElements` omits A, which the DTD and
 *   the Filer Manual allow; A is written only for sec.gov EDGAR archive links, which drafts rarely hold.)
 * - File names (§5.1.1, current editions): at most 32 characters including the extension, starting with a letter
 *   or digit, no spaces; letters, digits, periods, hyphens, underscores; HTML documents end in .htm, ASCII in .txt.
 *   The March 2009 edition was stricter (lower case only, no digit first, at most one '.', '-' or '_');
 *   `edgarFileNameProblem` (index.ts) takes the safe middle: lower case only, the current rules otherwise.
 *
 * This exporter uses only the subset below.
 */
import { allowedHref, allowedImage, confidentialLegend, FOIA_LEGEND, REDACTION_LEGEND, Style, type ExportBlock, type ExportDraft, type Inline } from './model';

/**
 * Element → the attributes this exporter may give it. Nothing else is ever written. A different set from the block
 * elements the readers know (parse/htmlElements.ts): this is what may be written into a CORRESP submission.
 */
export const EDGAR_HTML: Readonly<Record<string, readonly string[]>> = {
  html: [],
  head: [],
  title: [],
  body: [],
  h1: ['align'],
  h2: ['align'],
  h3: ['align'],
  h4: ['align'],
  h5: ['align'],
  h6: ['align'],
  p: ['align'],
  br: [],
  hr: ['style'],
  b: [],
  i: [],
  u: [],
  strike: [],
  sup: [],
  sub: [],
  tt: [],
  a: ['href'],
  img: ['src', 'alt'],
  ul: [],
  ol: ['start'],
  li: [],
  blockquote: [],
  pre: [],
  table: ['border', 'cellspacing', 'cellpadding', 'width'],
  tr: ['valign'],
  th: ['align', 'valign'],
  td: ['align', 'valign'],
};

/** What each attribute may hold. */
export const EDGAR_VALUES: Readonly<Record<string, (value: string) => boolean>> = {
  align: (v) => v === 'left' || v === 'center' || v === 'right',
  valign: (v) => v === 'top' || v === 'middle' || v === 'bottom',
  style: (v) => v === 'page-break-after:always',
  href: allowedHref,
  src: allowedImage,
  alt: () => true,
  start: (v) => /^\d{1,6}$/.test(v),
  border: (v) => /^\d{1,2}$/.test(v),
  cellspacing: (v) => /^\d{1,2}$/.test(v),
  cellpadding: (v) => /^\d{1,2}$/.test(v),
  width: (v) => /^\d{1,3}%$/.test(v),
};

const VOID = new Set(['br', 'hr', 'img']);

/** Whether `<tag attr="value">` is in the table (tests use this to check every element of the output). */
export function edgarAllows(tag: string, attr?: string, value?: string): boolean {
  const attrs = EDGAR_HTML[tag.toLowerCase()];
  if (!attrs) return false;
  if (attr === undefined) return true;
  const a = attr.toLowerCase();
  return attrs.includes(a) && (value === undefined || (EDGAR_VALUES[a]?.(value) ?? false));
}

/** Escapes text for EDGAR HTML (not the report's: features/htmlText.ts): markup characters as entities, anything beyond ASCII as a numeric reference. */
export function escapeEdgarHtml(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '>') out += '&gt;';
    else if (ch === '"') out += '&quot;';
    else if (ch === '\t') out += ' ';
    else if (ch === '\n') out += '\n';
    else if (code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0) || (code >= 0xd800 && code <= 0xdfff)) continue;
    else if (code > 0x7e) out += `&#${code};`;
    else out += ch;
  }
  return out;
}

class Writer {
  private readonly parts: string[] = [];

  open(tag: string, attrs: Readonly<Record<string, string>> = {}): void {
    if (!edgarAllows(tag)) throw new Error(`export: <${tag}> is not in the EDGAR table`);
    let s = `<${tag.toUpperCase()}`;
    for (const [name, value] of Object.entries(attrs)) {
      if (!edgarAllows(tag, name, value)) throw new Error(`export: ${name}="${value}" is not allowed on <${tag}> by the EDGAR table`);
      s += ` ${name.toUpperCase()}="${escapeEdgarHtml(value)}"`;
    }
    this.parts.push(`${s}>`);
  }

  close(tag: string): void {
    if (!edgarAllows(tag) || VOID.has(tag)) throw new Error(`export: </${tag}> cannot be written`);
    this.parts.push(`</${tag.toUpperCase()}>`);
  }

  text(text: string): void {
    this.parts.push(escapeEdgarHtml(text));
  }

  newline(): void {
    this.parts.push('\n');
  }

  toString(): string {
    return this.parts.join('');
  }
}

/** Style bits → tags, outermost first. */
const STYLE_TAGS: ReadonlyArray<readonly [number, string]> = [
  [Style.Bold, 'b'],
  [Style.Italic, 'i'],
  [Style.Underline, 'u'],
  [Style.Strike, 'strike'],
  [Style.Sup, 'sup'],
  [Style.Sub, 'sub'],
  [Style.Code, 'tt'],
];

/**
 * How a caption is set, by its rank among the draft's captions (0: the highest level the draft uses): at the body's
 * size, as firms set them in letters, never as a browser's or Word's large headings. The top level bold, the next
 * underlined, deeper ones italic. The EDGAR HTML and the Word export both follow it.
 */
export const CAPTION_STYLES: readonly number[] = [Style.Bold, Style.Underline, Style.Italic];

export function captionStyle(rank: number): number {
  return CAPTION_STYLES[Math.min(CAPTION_STYLES.length - 1, Math.max(0, rank))]!;
}

/** The highest (smallest) heading depth of a draft: its captions' rank 0. */
export function topCaptionDepth(list: readonly ExportBlock[]): number {
  let top = 6;
  const visit = (blocks: readonly ExportBlock[]) => {
    for (const b of blocks) {
      if (b.kind === 'heading') top = Math.min(top, b.depth);
      else if (b.kind === 'quote') visit(b.children);
      else if (b.kind === 'list') for (const item of b.items) visit(item);
    }
  };
  visit(list);
  return top;
}

export interface EdgarHtmlOptions {
  /** The document's TITLE (default "Response letter"). */
  readonly title?: string;
}

/** What the steps of one rendering share: the writer, the draft, its captions' top depth and the page being written. */
interface Rendering {
  readonly w: Writer;
  readonly draft: ExportDraft;
  readonly top: number;
  page: number;
}

/**
 * The draft as an EDGAR HTML document: the head with its title, the opening legends (confidential treatment, the
 * redaction note), the blocks (each page break followed by the page's legend), then the closing tags.
 */
export function renderEdgarHtml(draft: ExportDraft, options: EdgarHtmlOptions = {}): string {
  if (draft.refused) throw new Error(`export: a refused draft is never rendered (line ${draft.refused.line})`);
  const r: Rendering = { w: new Writer(), draft, top: topCaptionDepth(draft.blocks), page: 1 };
  writeHead(r.w, options.title ?? 'Response letter');
  r.w.open('body');
  r.w.newline();
  writeOpeningLegends(r);
  writeBlocks(r, draft.blocks);
  r.w.close('body');
  r.w.newline();
  r.w.close('html');
  r.w.newline();
  return r.w.toString();
}

/** Opens the document and writes its HEAD with the TITLE. */
function writeHead(w: Writer, title: string): void {
  w.open('html');
  w.newline();
  w.open('head');
  w.newline();
  w.open('title');
  w.text(title);
  w.close('title');
  w.newline();
  w.close('head');
  w.newline();
}

/** The first page's confidential-treatment legend and FOIA line, and the note that redacted text is left out. */
function writeOpeningLegends(r: Rendering): void {
  const { w, draft } = r;
  if (draft.confidential) {
    writePageLegend(r);
    w.open('p', { align: 'center' });
    w.open('b');
    w.text(FOIA_LEGEND);
    w.close('b');
    w.close('p');
    w.newline();
  }
  if (draft.redact && draft.confidentialSpans > 0) {
    w.open('p');
    w.open('i');
    w.text(REDACTION_LEGEND);
    w.close('i');
    w.close('p');
    w.newline();
  }
}

/** The confidential-treatment legend at the top of the current page (nothing for a letter that asks for none). */
function writePageLegend(r: Rendering): void {
  const { w, draft } = r;
  if (!draft.confidential) return;
  const l = confidentialLegend(draft.confidential, r.page);
  w.open('p', { align: 'right' });
  w.open('b');
  w.text(l.requested);
  w.close('b');
  w.open('br');
  w.open('b');
  w.text(l.number);
  w.close('b');
  w.close('p');
  w.newline();
}

/**
 * Runs → nested inline tags. Tags are kept in one order (A, B, I, U, STRIKE, SUP/SUB, TT) and stay open while
 * consecutive runs share them, so a bold comment with an italic word is one <B> around an <I>.
 */
function writeInline(w: Writer, items: readonly Inline[]): void {
  const open: InlineTag[] = [];
  const closeTo = (depth: number) => {
    while (open.length > depth) w.close(open.pop()!.tag);
  };
  for (const item of items) {
    const tags = inlineTagsOf(item, open);
    let keep = 0;
    while (keep < open.length && keep < tags.length && open[keep]!.tag === tags[keep]!.tag && open[keep]!.href === tags[keep]!.href) keep++;
    closeTo(keep);
    for (const t of tags.slice(keep)) {
      w.open(t.tag, t.href ? { href: t.href } : {});
      open.push(t);
    }
    if (item.kind === 'break') {
      w.open('br');
      w.newline();
    } else if (item.kind === 'image') w.open('img', { src: item.src, alt: item.alt });
    else w.text(item.text);
  }
  closeTo(0);
}

interface InlineTag {
  readonly tag: string;
  readonly href?: string;
}

/** The tags a run wants open, outermost first; a break or an image keeps the styles around it (not a link). */
function inlineTagsOf(item: Inline, open: readonly InlineTag[]): InlineTag[] {
  if (item.kind !== 'text') return open.filter((t) => t.tag !== 'a');
  const href = item.href && allowedHref(item.href) ? item.href : undefined;
  const tags: InlineTag[] = href ? [{ tag: 'a', href }] : [];
  for (const [bit, tag] of STYLE_TAGS) {
    if (!(item.style & bit)) continue;
    if (tag === 'sub' && item.style & Style.Sup) continue; // SUP and SUB exclude each other
    tags.push({ tag });
  }
  return tags;
}

/** Blocks in order. */
function writeBlocks(r: Rendering, list: readonly ExportBlock[]): void {
  for (const b of list) writeBlock(r, b);
}

/** One block: a caption or paragraph as <P>, a quote, a list, a table, code, a page break with the next legend, a separator. */
function writeBlock(r: Rendering, b: ExportBlock): void {
  const { w } = r;
  switch (b.kind) {
    case 'heading': {
      // A caption is a paragraph at the body's size (an <H1> is twice it, an <H5> smaller), styled by its rank.
      const style = captionStyle(b.depth - r.top);
      w.open('p');
      writeInline(
        w,
        b.content.map((i) => (i.kind === 'text' ? { ...i, style: i.style | style } : i)),
      );
      w.close('p');
      w.newline();
      return;
    }
    case 'paragraph':
      w.open('p');
      writeInline(w, b.content);
      w.close('p');
      w.newline();
      return;
    case 'quote':
      w.open('blockquote');
      w.newline();
      writeBlocks(r, b.children);
      w.close('blockquote');
      w.newline();
      return;
    case 'list':
      writeList(r, b);
      return;
    case 'table':
      writeTable(w, b);
      return;
    case 'code':
      w.open('pre');
      w.text(b.text.replace(/\n$/, ''));
      w.close('pre');
      w.newline();
      return;
    case 'pageBreak':
      w.open('hr', { style: 'page-break-after:always' });
      w.newline();
      r.page++;
      writePageLegend(r);
      return;
    case 'separator':
      w.open('p', { align: 'center' });
      w.text('* * *');
      w.close('p');
      w.newline();
      return;
  }
}

/** A list as <OL> (with its START when not 1) or <UL>; a one-paragraph item reads as its text, longer items keep their paragraphs. */
function writeList(r: Rendering, b: Extract<ExportBlock, { kind: 'list' }>): void {
  const { w } = r;
  const tag = b.ordered ? 'ol' : 'ul';
  w.open(tag, b.ordered && b.start !== 1 ? { start: String(Math.max(0, Math.min(999999, b.start))) } : {});
  w.newline();
  for (const item of b.items) {
    w.open('li');
    const [first, ...rest] = item;
    if (first && first.kind === 'paragraph' && rest.length === 0) writeInline(w, first.content);
    else writeBlocks(r, item);
    w.close('li');
    w.newline();
  }
  w.close(tag);
  w.newline();
}

/** A table: the first row as <TH> cells, the others as <TD>, each cell aligned as its column. */
function writeTable(w: Writer, b: Extract<ExportBlock, { kind: 'table' }>): void {
  w.open('table', { border: '0', cellspacing: '0', cellpadding: '3', width: '100%' });
  w.newline();
  b.rows.forEach((row, r) => {
    w.open('tr', { valign: 'bottom' });
    row.forEach((cell, c) => {
      const tag = r === 0 ? 'th' : 'td';
      const align = b.align[c];
      w.open(tag, align ? { align } : {});
      writeInline(w, cell);
      w.close(tag);
    });
    w.close('tr');
    w.newline();
  });
  w.close('table');
  w.newline();
}
