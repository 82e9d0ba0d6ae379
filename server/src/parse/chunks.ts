/**
 * Seams: where a Markdown document can be cut into pieces that parse alone exactly as they parse together, so
 * that an edit re-parses only the piece it touched. A seam is a line at column 0 after a blank line, outside a
 * fenced code block and outside an HTML block that may hold blank lines (comments, <pre>, <script> …): at such a line
 * CommonMark has closed every open block. Comment anchors and headings always cut; other seams cut once a piece is
 * a few kilobytes, so the pieces stay few and stable under edits. One pass over the lines.
 */

import { freshString } from '../text/fresh';

export interface Chunk {
  readonly start: number;
  readonly end: number;
}

const STRONG_SEAM_RE = /^(?:#{1,6}(?:\s|$)|<!--|\*\*\d|__\d|\d{1,3}[.)](?:\s|$)|comments?\b|response|-{3,}\s*$|\*{3,}\s*$|_{3,}\s*$)/i;
// Reliability: `[^]*`, not `.*`: "." stops at U+2028/U+2029, which micromark reads as ordinary characters, so a fence
// whose info string held one was missed (and the line backtracked in O(n²) over a long run of backticks).
const FENCE_OPEN_RE = /^ {0,3}(`{3,}|~{3,})([^]*)$/;
/** A closing fence: only spaces and tabs may follow (CommonMark); `\s` also took U+00A0 and closed it too early. */
const FENCE_CLOSE_RE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
/** Lines after which a link definition may start (nothing is left open that it would continue). */
const CLOSED_LINE_RE = /^ {0,3}(?:#{1,6}(?:[ \t]|$)|(?:-[ \t]*){3,}$|(?:\*[ \t]*){3,}$|(?:_[ \t]*){3,}$)/;
const QUOTE_PREFIX_RE = /^(?: {0,3}>[ \t]?)+/;
/** Block-quote and list markers opening a line ("> ", "- ", "1. ", nested). */
const CONTAINER_PREFIX_RE = /^(?: {0,3}(?:>[ \t]?|(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)))+/;
const HTML_OPEN: ReadonlyArray<readonly [RegExp, RegExp]> = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[ \t]|>|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

/**
 * HTML blocks that a blank line ends (CommonMark kinds 6 and 7): inside one a fence or comment opener is HTML text, so
 * the splitter must not take "```" there for a fence (it did, and cut the document inside the real fence after it).
 */
const HTML_BLOCK_6_RE =
  /^ {0,3}<\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[ \t]|\/?>|$)/i;
/** Kind 7 (any other complete tag alone on its line); it cannot interrupt a paragraph. */
const HTML_BLOCK_7_RE =
  /^ {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t]*=[ \t]*(?:[^ \t"'=<>`]+|'[^'\n]*'|"[^"\n]*"))?)*[ \t]*\/?>|<\/[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*$/;

/** Target size for pieces cut at weak seams. */
const WEAK_SEAM_BYTES = 2048;

export interface Split {
  readonly chunks: readonly Chunk[];
  /** Link reference and footnote definition lines (outside code and HTML): the only Markdown one piece sees in another. */
  readonly definitions: string;
  /** The definition lines of each chunk (what `splitChunksAfterEdit` keeps of the chunks it does not scan again). */
  readonly chunkDefinitions?: readonly (readonly string[])[];
}

// Reliability: a label holds no unescaped bracket and is not blank ("[[foo]: /a" is text), as CommonMark has it.
const DEFINITION_RE = /^ {0,3}\[(?![ \t]*\])(?:[^[\]\\\n]|\\[^\n]){1,999}\]:/;
/** After the label: a destination, an optional title, nothing else ("[foo]: /a b" is text); or nothing yet. */
const DEFINITION_REST_RE = /^[ \t]*(?:(?:<[^<>\n]*>|[^ \t<][^ \t]*)(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^()]*\)))?)?[ \t]*$/;

export function splitChunks(text: string, from = 0): Split {
  const { chunks, definitions } = scan(text, from, false);
  return { chunks, definitions: joinDefinitions(definitions), chunkDefinitions: definitions };
}

/** A version as `splitChunksAfterEdit` needs it: its text, where its body starts, and its split. */
export interface SplitVersion {
  readonly text: string;
  readonly from: number;
  readonly split: Split;
}

/**
 * The split of `text` given the split of the version before it and what the two share (`head` characters at the
 * start, `tail` at the end, never overlapping): equal to `splitChunks(text, from)`, but only the lines from a seam
 * before the edit to the first seam after it that the old version also had are scanned. At a seam every block is
 * closed, so the scan is in the state it starts in; past the edit the text is the old text moved by the edit's
 * length, so from a shared seam on, the rest of the split is the old one moved. A keystroke in a 1 MB draft scanned
 * every line of it (7 ms) before.
 */
export function splitChunksAfterEdit(prev: SplitVersion, text: string, from: number, head: number, tail: number): Split {
  const old = prev.split;
  const oldDefinitions = old.chunkDefinitions;
  if (from !== prev.from || head < from || !oldDefinitions || old.chunks.length === 0) return splitChunks(text, from);
  // The last old seam at or before the edit, and the one before it: that seam's first line ends before the edit (a
  // line never runs past the next seam), so cutting there does not depend on anything the edit changed.
  let k = lastStartAtOrBefore(old.chunks, head);
  if (k > 0) k--;
  const restart = old.chunks[k]!.start;
  const delta = text.length - prev.text.length;
  const shared = text.length - tail;
  let resumeAt = -1;
  const scanned = scan(text, restart, k > 0, (cut) => {
    if (cut < shared) return false;
    const j = lastStartAtOrBefore(old.chunks, cut - delta);
    if (j < 0 || old.chunks[j]!.start !== cut - delta) return false;
    resumeAt = j;
    return true;
  });
  const chunks = old.chunks.slice(0, k);
  const definitions = oldDefinitions.slice(0, k);
  chunks.push(...scanned.chunks);
  definitions.push(...scanned.definitions);
  if (resumeAt >= 0) {
    for (let j = resumeAt; j < old.chunks.length; j++) {
      const c = old.chunks[j]!;
      chunks.push(delta === 0 ? c : { start: c.start + delta, end: c.end + delta });
      definitions.push(oldDefinitions[j]!);
    }
  }
  return { chunks, definitions: joinDefinitions(definitions), chunkDefinitions: definitions };
}

/** The index of the last chunk starting at or before `at` (-1 when none does). */
function lastStartAtOrBefore(chunks: readonly Chunk[], at: number): number {
  let lo = 0;
  let hi = chunks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (chunks[mid]!.start <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

const NO_DEFINITIONS: readonly string[] = [];

// Reliability: one blank line between definitions, so that one cannot continue another (a footnote's text took in
// the link definition after it).
function joinDefinitions(byChunk: readonly (readonly string[])[]): string {
  let out = '';
  for (const defs of byChunk) for (const d of defs) out = out.length === 0 ? d : `${out}\n\n${d}`;
  return out;
}

/**
 * The scan: the chunks from `from` (a seam, or the body's start) with the definition lines of each. `stop` is asked at
 * each cut whether the rest is known (the scan then ends there, the chunk before the cut pushed).
 */
function scan(text: string, from: number, chunksBefore: boolean, stop?: (cut: number) => boolean): { chunks: Chunk[]; definitions: (readonly string[])[] } {
  const chunks: Chunk[] = [];
  const byChunk: (readonly string[])[] = [];
  let definitions: string[] = [];
  let chunkStart = from;
  let prevBlank = true;
  // Whether the previous line was a link definition, and whether a paragraph is open that a next line would continue
  // (a link definition cannot interrupt one).
  let prevDef = false;
  let paraOpen = false;
  /** Inside a list: an indented line continues an item's paragraph rather than starting indented code. */
  let inList = false;
  /** The open paragraph is at the top level (not in a list item or quote, where "===" is lazy text, not an underline). */
  let paraTop = false;
  // A definition whose destination is on the next line ("[foo]:" ⏎ "/url"): the next line goes with it.
  let defOpen = false;
  let fence: { char: string; length: number } | undefined;
  let htmlEnd: RegExp | undefined;
  /** In an HTML block that the next blank line ends. */
  let htmlToBlank = false;
  /**
   * A fence or an HTML block (comment, <pre> …) opened inside a list item or quote and not closed on its line: the
   * container's end closes it, at the next seam, and where a piece ends there instead the block runs on over the blank
   * lines to the piece's end (one character later than in the whole parse). That seam is not cut.
   */
  let containedOpen = false;
  let pos = from;
  // Reliability: the next CR is looked for again only once passed: searching from every line to the end of a text
  // without CRs was O(lines × length) (1.3 s for 100,000 blank lines).
  let cr = -2;
  while (pos < text.length) {
    let eol = text.indexOf('\n', pos);
    if (cr !== -1 && cr < pos) cr = text.indexOf('\r', pos);
    if (cr !== -1 && (eol === -1 || cr < eol)) eol = cr;
    const lineEnd = eol === -1 ? text.length : eol;
    const next = eol === -1 ? text.length : text[eol] === '\r' && text[eol + 1] === '\n' ? eol + 2 : eol + 1;
    const line = text.slice(pos, lineEnd);
    // Reliability: blank as CommonMark has it (spaces and tabs only); trim() also took U+00A0, form feeds and
    // U+2028 for blank and cut a paragraph that micromark reads as one.
    const blank = /^[ \t]*$/.test(line);
    let isDef = false;
    let closed = false;
    let opens = false;

    if (fence) {
      const close = FENCE_CLOSE_RE.exec(line);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) {
        fence = undefined;
        closed = true;
      }
    } else if (htmlEnd) {
      if (htmlEnd.test(line)) {
        htmlEnd = undefined;
        closed = true;
      }
    } else if (htmlToBlank) {
      htmlToBlank = !blank;
    } else {
      if (!blank && prevBlank && pos > chunkStart && /^[^ \t]/.test(line)) {
        if (containedOpen) containedOpen = false;
        else if (STRONG_SEAM_RE.test(line) || pos - chunkStart >= WEAK_SEAM_BYTES) {
          chunks.push({ start: chunkStart, end: pos });
          byChunk.push(definitions.length === 0 ? NO_DEFINITIONS : definitions);
          definitions = [];
          chunkStart = pos;
          if (stop?.(pos)) return { chunks, definitions: byChunk };
        }
      }
      // Reliability: a line is a definition only where one can start (after a blank line, a definition, a heading,
      // a rule or a closed fence); inside a paragraph "[foo]: /url" is text, and collecting it defined [foo] for
      // every other piece. Definitions in a block quote count too: they are the document's.
      const inner = /^ {0,3}>/.test(line) ? line.replace(QUOTE_PREFIX_RE, '') : line;
      if (defOpen) {
        // (Always the chunk's own last definition: a blank line ends a definition, and a seam comes after one.)
        defOpen = false;
        if (!blank) definitions[definitions.length - 1] = freshString(`${definitions[definitions.length - 1]}\n${inner}`);
        isDef = !blank;
      } else if (
        inner.includes(']:') &&
        DEFINITION_RE.test(inner) &&
        (/^ {0,3}\[\^/.test(inner) || DEFINITION_REST_RE.test(inner.slice(DEFINITION_RE.exec(inner)![0].length))) &&
        // A footnote definition opens a container, which may interrupt a paragraph; a link definition may not.
        (/^ {0,3}\[\^/.test(inner) || (inner === line ? !paraOpen || prevDef : prevBlank || prevDef))
      ) {
        // Memory safety: a fresh copy, not a slice: a split after an edit keeps the definitions of the chunks it does
        // not scan again, and a slice would keep the whole version it was cut from alive.
        definitions.push(freshString(inner));
        // A footnote's text is a paragraph that the next line may continue; a link definition is closed.
        isDef = !/^ {0,3}\[\^/.test(inner);
        defOpen = isDef && /\]:[ \t]*$/.test(inner);
      }
      closed = CLOSED_LINE_RE.test(line);
      const open = FENCE_OPEN_RE.exec(line);
      if (open && !(open[1]![0] === '`' && open[2]!.includes('`'))) {
        fence = { char: open[1]![0]!, length: open[1]!.length };
        opens = true;
      } else {
        for (const [start, end] of HTML_OPEN) {
          if (start.test(line)) {
            opens = true;
            // The end condition may be met on the opening line itself ("<!-- comment 1 -->").
            const rest = line.replace(start, '');
            if (!end.test(rest)) htmlEnd = end;
            else closed = true;
            break;
          }
        }
        // Kind 7 cannot interrupt a paragraph, nor a definition (micromark reads the line after one as its text).
        if (!opens && !isDef && (HTML_BLOCK_6_RE.test(line) || (!paraOpen && !prevDef && HTML_BLOCK_7_RE.test(line)))) {
          htmlToBlank = true;
          opens = true;
        }
      }
    }
    // A list item that cannot interrupt a top-level paragraph (an ordered one not starting at 1, or an empty one) is
    // that paragraph's text.
    const listLine: boolean =
      /^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/.test(line) &&
      !(paraOpen && paraTop && (/^ {0,3}(?!1[.)])\d{1,9}[.)]/.test(line) || /^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]*$/.test(line)));
    if (listLine) inList = true;
    else if (!blank && prevBlank && /^[^ \t]/.test(line)) inList = false;
    const quoted = /^ {0,3}>/.test(line);
    const inner: string = quoted || listLine ? line.replace(CONTAINER_PREFIX_RE, '') : line;
    // Reliability: fast-check seed 370618259 ("\n- <!-- We⏎⏎# We⏎⏎-->"): the comment in the list item ran one
    // character further in its piece than in the whole document.
    if (!fence && !htmlEnd && !htmlToBlank && (quoted || listLine || (inList && /^[ \t]/.test(line)))) {
      const opened = quoted || listLine ? inner : line.replace(/^[ \t]+/, '');
      const html = HTML_OPEN.find(([start]) => start.test(opened));
      if (FENCE_OPEN_RE.test(opened) || (html && !html[1].test(opened.replace(html[0], '')))) containedOpen = true;
    }
    // Whether a paragraph is now open.
    if (blank || isDef || closed || opens || fence || htmlEnd || htmlToBlank) paraOpen = false;
    // In a block quote or list item: text opens a paragraph there; nothing (an empty item), a blank, a heading, a rule,
    // a fence or HTML does not.
    else if (quoted || listLine) {
      if (!/^(?: {4}| {0,3}\t)/.test(inner)) {
        paraOpen = !(
          /^[ \t]*$/.test(inner) ||
          CLOSED_LINE_RE.test(inner) ||
          FENCE_OPEN_RE.test(inner) ||
          HTML_OPEN.some(([start]) => start.test(inner)) ||
          HTML_BLOCK_6_RE.test(inner)
        );
        paraTop = false;
      }
    } else if (/^(?: {4}| {0,3}\t)/.test(line)) {
      // An indented line is a list item's text, or code, or the open paragraph going on.
      if (!paraOpen && inList) paraTop = false;
      paraOpen ||= inList;
    } else if (paraOpen && paraTop && /^ {0,3}=+[ \t]*$/.test(line))
      paraOpen = false; // a setext underline ends it
    else {
      if (!paraOpen) paraTop = !listLine && !inList && !/^ {0,3}>/.test(line);
      paraOpen = true;
    }
    prevBlank = blank;
    prevDef = isDef;
    pos = next;
  }
  if (chunkStart < text.length || (chunks.length === 0 && !chunksBefore)) {
    chunks.push({ start: chunkStart, end: text.length });
    byChunk.push(definitions.length === 0 ? NO_DEFINITIONS : definitions);
  }
  return { chunks, definitions: byChunk };
}
