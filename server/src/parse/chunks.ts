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
const FENCE_OPEN_RE = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const HTML_OPEN: ReadonlyArray<readonly [RegExp, RegExp]> = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:\s|>|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];

/** Target size for pieces cut at weak seams. */
const WEAK_SEAM_BYTES = 2048;

export interface Split {
  readonly chunks: readonly Chunk[];
  /** Link reference and footnote definition lines (outside code and HTML): the only Markdown one piece sees in another. */
  readonly definitions: string;
}

const DEFINITION_RE = /^ {0,3}\[[^\]\n]{1,999}\]:/;

export function splitChunks(text: string, from = 0): Split {
  const chunks: Chunk[] = [];
  const definitions: string[] = [];
  let chunkStart = from;
  let prevBlank = true;
  let fence: { char: string; length: number } | undefined;
  let htmlEnd: RegExp | undefined;
  let pos = from;
  while (pos < text.length) {
    let eol = text.indexOf('\n', pos);
    const cr = text.indexOf('\r', pos);
    if (cr !== -1 && (eol === -1 || cr < eol)) eol = cr;
    const lineEnd = eol === -1 ? text.length : eol;
    const next = eol === -1 ? text.length : text[eol] === '\r' && text[eol + 1] === '\n' ? eol + 2 : eol + 1;
    const line = text.slice(pos, lineEnd);
    const blank = line.trim().length === 0;

    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.length) fence = undefined;
    } else if (htmlEnd) {
      if (htmlEnd.test(line)) htmlEnd = undefined;
    } else {
      if (!blank && prevBlank && pos > chunkStart && /^[^ \t]/.test(line)) {
        if (STRONG_SEAM_RE.test(line) || pos - chunkStart >= WEAK_SEAM_BYTES) {
          chunks.push({ start: chunkStart, end: pos });
          chunkStart = pos;
        }
      }
      if (line.includes(']:') && DEFINITION_RE.test(line)) definitions.push(line);
      const open = FENCE_OPEN_RE.exec(line);
      if (open && !(open[1]![0] === '`' && open[2]!.includes('`'))) fence = { char: open[1]![0]!, length: open[1]!.length };
      else {
        for (const [start, end] of HTML_OPEN) {
          if (start.test(line)) {
            // The end condition may be met on the opening line itself ("<!-- comment 1 -->").
            const rest = line.replace(start, '');
            if (!end.test(rest)) htmlEnd = end;
            break;
          }
        }
      }
    }
    prevBlank = blank;
    pos = next;
  }
  if (chunkStart < text.length || chunks.length === 0) chunks.push({ start: chunkStart, end: text.length });
  return { chunks, definitions: definitions.join('\n') };
}

