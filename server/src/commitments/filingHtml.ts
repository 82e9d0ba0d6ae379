/**
 * A periodic filing's EDGAR HTML (a 10-K or 10-Q, hundreds of pages, often 5–15 MB with inline XBRL) → the same
 * `Block`s the letter readers produce, in one streaming pass through htmlparser2: paragraphs and headings with bold,
 * italics and underline from tags or inline CSS, tables as rows of cells, and the page each block is on (EDGAR marks
 * pages with CSS page breaks). The letter reader (parse/html.ts, a full DOM through parse5) reads a letter of a few
 * pages well but a 10-K slowly; this reader keeps no tree. Hidden inline-XBRL headers, scripts and styles are never
 * read. Linear in the input; never throws.
 */
import { Parser } from 'htmlparser2';
import { BlockText, Mark, type Block, type Run } from '../parse/blocks';
import { BLOCK_ELEMENTS, NON_TEXT_ELEMENTS, TAG_MARKS } from '../parse/htmlElements';
import { htmlAsText } from '../parse/html';

/** Never read: elements with no text of the filing, and inline XBRL's hidden header, contexts and units. */
const SKIP = new Set([...NON_TEXT_ELEMENTS, 'ix:header', 'xbrli:context', 'xbrli:unit']);
/** Ends a paragraph: a block element, or a line break (a filing's <br> separates what reads as paragraphs). */
const BLOCK = new Set([...BLOCK_ELEMENTS, 'br']);
const VOID = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'col', 'area', 'base', 'wbr', 'source', 'param', 'embed']);

interface Open {
  readonly name: string;
  /** Marks of this element and every one around it (kept as the stack grows, so no walk of the stack). */
  readonly marks: number;
  readonly hidden: boolean;
  readonly breakAfter: boolean;
}

/** The blocks of an EDGAR HTML filing. */
export function filingHtmlToBlocks(html: string): Block[] {
  const blocks: Block[] = [];
  const stack: Open[] = [];
  let text = new BlockText();
  let blockStart = -1;
  let blockEnd = -1;
  let page = 1;
  let hidden = 0;
  let marks = 0;
  let heading = 0;
  // Tables: rows of cells, each cell its own BlockText (a nested table's text joins its cell).
  let table:
    | {
        rows: Run[][][];
        texts: string[][];
        start: number;
        row: Run[][] | undefined;
        rowTexts: string[] | undefined;
        cell: BlockText | undefined;
        depth: number;
      }
    | undefined;

  const flush = () => {
    if (blockStart >= 0 && !text.isEmpty) {
      const kind = heading > 0 ? 'heading' : 'paragraph';
      blocks.push(text.build(kind, blockStart, Math.max(blockEnd, blockStart), { depth: heading, page }));
    }
    text = new BlockText();
    blockStart = -1;
  };
  const endCell = () => {
    if (!table?.cell) return;
    const { text: t, runs } = table.cell.current;
    table.row?.push(runs);
    table.rowTexts?.push(t.replace(/\s+/g, ' ').trim());
    table.cell = undefined;
  };
  const endRow = () => {
    if (!table) return;
    endCell();
    if (table.row && table.rowTexts && table.rowTexts.some((c) => c.length > 0)) {
      // Layout cells left empty by filers' spacing columns are dropped.
      const keep = table.rowTexts.map((c, i) => (c.length > 0 ? i : -1)).filter((i) => i >= 0);
      table.rows.push(keep.map((i) => table!.row![i]!));
      table.texts.push(keep.map((i) => table!.rowTexts![i]!));
    }
    table.row = undefined;
    table.rowTexts = undefined;
  };
  const endTable = (end: number) => {
    if (!table) return;
    endRow();
    if (table.texts.length > 0) {
      const joined = table.texts.map((r) => r.join(' ')).join('\n');
      blocks.push({
        kind: 'table',
        text: joined.replace(/\n/g, ' '),
        runs: [{ text: joined.replace(/\n/g, ' '), marks: 0 }],
        depth: 0,
        quoteDepth: 0,
        start: table.start,
        end,
        map: [0, table.start],
        breaks: [],
        rows: table.texts,
        cells: table.rows,
        page,
      });
    }
    table = undefined;
  };

  const parser: Parser = new Parser(
    {
      onopentag(name, attribs) {
        const css = styleOf(attribs.style);
        const isHidden = css.hidden || SKIP.has(name);
        const own = css.marks | (TAG_MARKS.get(name) ?? 0);
        const breakBefore = css.breakBefore;
        const breakAfter = css.breakAfter;
        if (!VOID.has(name)) {
          marks = (stack[stack.length - 1]?.marks ?? 0) | own;
          stack.push({ name, marks, hidden: isHidden, breakAfter });
          if (isHidden) hidden++;
          // htmlparser2 searches its stack of open elements on every close tag: markup nested this deep is no filing,
          // and reading on would cost depth × tags. It is read as plain text instead.
          if (stack.length > MAX_DEPTH) throw TOO_DEEP;
        }
        if (hidden > 0) return;
        if (breakBefore) {
          flush();
          page++;
        }
        if (name === 'table') {
          if (table) {
            table.depth++;
            return;
          }
          flush();
          table = { rows: [], texts: [], start: parser.startIndex, row: undefined, rowTexts: undefined, cell: undefined, depth: 0 };
          return;
        }
        if (table && table.depth === 0) {
          if (name === 'tr') {
            endRow();
            table.row = [];
            table.rowTexts = [];
          } else if (name === 'td' || name === 'th') {
            endCell();
            if (!table.row) {
              table.row = [];
              table.rowTexts = [];
            }
            table.cell = new BlockText();
          }
          return;
        }
        if (table) return;
        if (/^h[1-6]$/.test(name)) {
          flush();
          heading = Number(name[1]);
        } else if (BLOCK.has(name)) flush();
        if (name === 'hr' && breakAfter) page++;
      },
      ontext(data) {
        if (hidden > 0 || data.length === 0) return;
        const at = parser.startIndex;
        if (table) {
          if (!table.cell) {
            if (/^\s*$/.test(data)) return;
            if (!table.row) {
              table.row = [];
              table.rowTexts = [];
            }
            table.cell = new BlockText();
          }
          table.cell.add(data, at, marks);
          return;
        }
        if (blockStart < 0) {
          if (/^\s*$/.test(data)) return;
          blockStart = at;
        }
        text.add(data, at, marks);
        blockEnd = parser.endIndex + 1;
      },
      onclosetag(name) {
        if (VOID.has(name)) return;
        // Pop to the matching element (htmlparser2 closes implied elements itself; this keeps the stack honest). A
        // close tag with no open element near the top is a stray: looking deeper would make stray tags quadratic.
        let k = stack.length - 1;
        while (k >= 0 && stack.length - k <= 64 && stack[k]!.name !== name) k--;
        if (k < 0 || stack[k]!.name !== name) return;
        let pageBreak = false;
        while (stack.length > k) {
          const open = stack.pop()!;
          if (open.hidden) hidden--;
          if (open.breakAfter) pageBreak = true;
        }
        marks = stack[stack.length - 1]?.marks ?? 0;
        if (hidden > 0) return;
        if (name === 'table' && table) {
          if (table.depth > 0) table.depth--;
          else endTable(parser.endIndex + 1);
        } else if (table && table.depth === 0) {
          if (name === 'td' || name === 'th') endCell();
          else if (name === 'tr') endRow();
        } else if (!table) {
          if (/^h[1-6]$/.test(name)) {
            flush();
            heading = 0;
          } else if (BLOCK.has(name)) flush();
        }
        if (pageBreak) {
          if (table) endTable(parser.endIndex + 1);
          flush();
          page++;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  try {
    parser.write(html);
    parser.end();
  } catch (e) {
    // The one plain-text reading of HTML (parse/html.ts): block tags end a paragraph, scripts and styles are dropped.
    if (e === TOO_DEEP) return htmlAsText(html);
    // htmlparser2 does not throw on malformed markup; a failure here is ours: keep what was read.
  }
  endTable(html.length);
  flush();
  return blocks;
}

/** Deeper than any filing nests its elements (real ones stay under about 30). */
const MAX_DEPTH = 400;
const TOO_DEEP = new Error('markup nested too deep');
interface Css {
  readonly marks: number;
  readonly hidden: boolean;
  readonly breakBefore: boolean;
  readonly breakAfter: boolean;
}
const NO_CSS: Css = { marks: 0, hidden: false, breakBefore: false, breakAfter: false };
/** Filing agents repeat the same few style strings on every span: each is read once. */
const styles = new Map<string, Css>();

function styleOf(raw: string | undefined): Css {
  if (!raw) return NO_CSS;
  let css = styles.get(raw);
  if (css) return css;
  const style = raw.toLowerCase();
  let marks = 0;
  if (/font-weight\s*:\s*(?:bold|[6-9]00)/.test(style)) marks |= Mark.Strong;
  if (/font-style\s*:\s*italic/.test(style)) marks |= Mark.Emphasis;
  if (/text-decoration[^;]*underline/.test(style)) marks |= Mark.Underline;
  if (/text-decoration[^;]*line-through/.test(style)) marks |= Mark.Strike;
  css = {
    marks,
    hidden: /display\s*:\s*none/.test(style),
    breakBefore: /page-break-before\s*:\s*always|break-before\s*:\s*page/.test(style),
    breakAfter: /page-break-after\s*:\s*always|break-after\s*:\s*page/.test(style),
  };
  if (styles.size > 10_000) styles.clear();
  styles.set(raw, css);
  return css;
}
