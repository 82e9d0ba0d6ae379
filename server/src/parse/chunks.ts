/**
 * Seams: where a Markdown document can be cut into pieces that parse alone exactly as they parse together, so
 * that an edit re-parses only the piece it touched. A seam is a line at column 0 after a blank line, outside a
 * fenced code block and outside an HTML block that may hold blank lines (comments, <pre>, <script> …): at such a line
 * CommonMark has closed every open block. Comment anchors and headings always cut; other seams cut once a piece is
 * a few kilobytes, so the pieces stay few and stable under edits. One pass over the lines.
 */

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
}

// Reliability: a label holds no unescaped bracket and is not blank ("[[foo]: /a" is text), as CommonMark has it.
const DEFINITION_RE = /^ {0,3}\[(?![ \t]*\])(?:[^[\]\\\n]|\\[^\n]){1,999}\]:/;
/** After the label: a destination, an optional title, nothing else ("[foo]: /a b" is text); or nothing yet. */
const DEFINITION_REST_RE = /^[ \t]*(?:(?:<[^<>\n]*>|[^ \t<][^ \t]*)(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^()]*\)))?)?[ \t]*$/;

export function splitChunks(text: string, from = 0): Split {
  const chunks: Chunk[] = [];
  const definitions: string[] = [];
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
          chunkStart = pos;
        }
      }
      // Reliability: a line is a definition only where one can start (after a blank line, a definition, a heading,
      // a rule or a closed fence); inside a paragraph "[foo]: /url" is text, and collecting it defined [foo] for
      // every other piece. Definitions in a block quote count too: they are the document's.
      const inner = /^ {0,3}>/.test(line) ? line.replace(QUOTE_PREFIX_RE, '') : line;
      if (defOpen) {
        defOpen = false;
        if (!blank) definitions[definitions.length - 1] += `\n${inner}`;
        isDef = !blank;
      } else if (
        inner.includes(']:') &&
        DEFINITION_RE.test(inner) &&
        (/^ {0,3}\[\^/.test(inner) || DEFINITION_REST_RE.test(inner.slice(DEFINITION_RE.exec(inner)![0].length))) &&
        // A footnote definition opens a container, which may interrupt a paragraph; a link definition may not.
        (/^ {0,3}\[\^/.test(inner) || (inner === line ? !paraOpen || prevDef : prevBlank || prevDef))
      ) {
        definitions.push(inner);
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
  if (chunkStart < text.length || chunks.length === 0) chunks.push({ start: chunkStart, end: text.length });
  // Reliability: one blank line between definitions, so that one cannot continue another (a footnote's text took in
  // the link definition after it).
  return { chunks, definitions: definitions.join('\n\n') };
}
