/**
 * Plain text → blocks: typed or pasted letters, pdftotext output, and the lines pdf.js gives (see pdf.ts).
 * Owns line segmentation: which lines form a paragraph, where a numbered comment, a bullet or a caption starts, and
 * joining a paragraph that a page break or a stray blank line split. Page furniture goes first (furniture.ts).
 * Runs in one pass over the lines; never throws.
 */
import { BlockText, Mark, type Block } from './blocks';
import { findFurniture, furnitureContext } from './furniture';

interface Line {
  /** Content without indentation or trailing space. */
  readonly text: string;
  /** Source offset of `text`. */
  readonly offset: number;
  /** When furniture was cut out of the line: its remaining pieces (text and source offset), joined by spaces. */
  readonly pieces?: ReadonlyArray<readonly [string, number]>;
  /** Indentation in columns. */
  readonly indent: number;
  readonly page: number;
}

const NUMBERED_RE = /^(\d{1,3})[.)](?=\s|$|[A-Z“"])/;
const BULLET_RE = /^([•●▪◦■□‣⁃∙·►➢✓]|[\uF000-\uF0FF]|[-–—*])(?=\s|$)/;
const SUB_RE = /^(\((?:[a-z]{1,2}|\d{1,2}|[ivxl]{1,6})\)|(?:[a-z]|[ivx]{1,4})[.)])(?=\s)/;
const TERMINAL_RE = /[.:;?!]["”’)\]]?$/;
/** Closing boilerplate that starts a paragraph of its own even without a blank line before it. */
const CLOSING_START_RE = /^(?:You may contact|We remind you|Please contact|We urge all persons|In closing|In responding to our comments?|Sincerely|If you have any questions)/;
/** Captions that name a form, an exhibit or a part of a filing, often in sentence case. */
const CAPTION_LEAD_RE = /^(?:Form \d|Forms? [0-9A-Z-]+ |Schedule \d|Schedule 1[34][ACDGF]|Schedule TO|Amendment No|Registration Statement|Draft Registration|Offering Statement|Definitive|Preliminary|Annual Report|Quarterly Report|Current Report|Proxy Statement|Prospectus|Exhibit|Item \d|Items \d|Note \d|Notes to|Part [IVX]+\b|Section \d|Appendix|Annex|Response Letter)/;

/** A line that could be a caption: short, title-like, no sentence end. */
export function isCaptionLike(text: string): boolean {
  const t = text.trim();
  if (t.length < 3 || t.length > 140) return false;
  if (/[.;:,]$/.test(t) && !/\b(?:Inc|Co|Corp|Ltd|No)\.$/.test(t)) return false;
  if (/^[a-z(]/.test(t) || BULLET_RE.test(t)) return false;
  const words = t.split(/\s+/);
  if (words.length > 18) return false;
  if (/, pages? [A-Z]?-?\d/.test(t)) return true;
  if (CAPTION_LEAD_RE.test(t) && words.length <= 14) return true;
  // Title case: most longer words start with a capital (or are numbers / citations).
  const long = words.filter((w) => w.replace(/[^A-Za-z]/g, '').length > 3);
  if (long.length === 0) return /^[A-Z0-9]/.test(t);
  const capital = long.filter((w) => /^[^a-z]*[A-Z0-9]/.test(w)).length;
  return capital / long.length >= 0.6;
}

export interface TextSource {
  readonly text: string;
}

/** Splits `text` into blocks. Page breaks are form feeds (as pdftotext writes them). */
export function textToBlocks(text: string): Block[] {
  const raw = splitLines(text);
  const fates = findFurniture(
    raw.map((l) => l.content),
    new Set(raw.flatMap((l, i) => (l.pageStart ? [i] : []))),
    furnitureContext(raw.map((l) => l.content)),
  );

  const lines: Array<Line | null | typeof SEAM> = [];
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i]!;
    const fate = fates[i]!;
    let content = r.content;
    let base = r.offset;
    if (fate.kind === 'drop') {
      // Furniture leaves a page seam: a paragraph break after a finished sentence, nothing otherwise.
      if (lines[lines.length - 1] !== SEAM) lines.push(SEAM);
      continue;
    }
    if (fate.kind === 'pieces') {
      const pieces = fate.pieces.map(([a, b]) => [content.slice(a, b), base + a] as const);
      lines.push({ text: pieces.map((p) => p[0]).join(' '), offset: pieces[0]![1], indent: fate.pieces[0]![0], page: r.page, pieces });
      continue;
    }
    if (fate.kind === 'part') {
      base += fate.from;
      content = content.slice(fate.from, fate.to);
    }
    const lead = content.length - content.trimStart().length;
    const trimmed = content.trim();
    if (trimmed.length === 0) lines.push(null);
    else lines.push({ text: trimmed, offset: base + lead, indent: fate.kind === 'part' ? fate.from + lead : lead, page: r.page });
  }
  return mergeSplitParagraphs(segment(lines));
}

/** Where page furniture was removed. */
const SEAM = 'seam' as const;

interface RawLine {
  content: string;
  offset: number;
  page: number;
  pageStart: boolean;
}

function splitLines(text: string): RawLine[] {
  const out: RawLine[] = [];
  let page = 1;
  let pos = 0;
  const re = /\r\n|\r|\n/g;
  for (;;) {
    const m = re.exec(text);
    const end = m ? m.index : text.length;
    let content = text.slice(pos, end);
    let offset = pos;
    let pageStart = false;
    if (content.includes('\f')) {
      const ff = content.lastIndexOf('\f');
      page += content.split('\f').length - 1;
      content = content.slice(ff + 1);
      offset += ff + 1;
      pageStart = true;
    }
    out.push({ content: content.replace(/\t/g, '    '), offset, page, pageStart });
    if (!m) break;
    pos = m.index + m[0].length;
  }
  return out;
}

interface Building {
  kind: 'paragraph' | 'listItem';
  marker?: string;
  markerIndent: number;
  /** Column where the block's text runs (after a marker; of the second line for a paragraph). */
  textIndent: number;
  text: BlockText;
  start: number;
  end: number;
  page: number;
  last: string;
  caption: boolean;
  re: boolean;
  lines: number;
}

function segment(lines: ReadonlyArray<Line | null | typeof SEAM>): Block[] {
  const blocks: Block[] = [];
  let cur: Building | undefined;
  let blankBefore = true;

  const flush = () => {
    if (cur && !cur.text.isEmpty) {
      blocks.push(
        cur.text.build(cur.kind, cur.start, cur.end, {
          depth: cur.kind === 'listItem' ? 1 : 0,
          page: cur.page,
          ...(cur.marker ? { marker: cur.marker } : {}),
        }),
      );
    }
    cur = undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === SEAM) {
      if (cur && TERMINAL_RE.test(cur.last.replace(/\*+$/, ''))) {
        flush();
        blankBefore = true;
      }
      continue;
    }
    if (line === null || line === undefined) {
      // Inside a Re: block a blank line is layout, not a paragraph break, when the next line is indented like it.
      if (!(cur?.re && nextIsFilingLine(lines, i))) {
        flush();
        blankBefore = true;
      }
      continue;
    }
    const marker = listMarker(line.text);
    const prevEnds = cur !== undefined && TERMINAL_RE.test(cur.last.replace(/\*+$/, ''));
    const after = lines[i + 1];
    const next = after === SEAM ? null : after;
    const captionLike = isCaptionLike(stripStars(line.text)) && !marker;
    const nextIsBreak = next === null || next === undefined || !!listMarker(next.text) || isCaptionLike(stripStars(next.text));

    let startNew = cur === undefined || blankBefore;
    if (!startNew && cur) {
      if (cur.re) startNew = /^(dear|ladies)\b/i.test(line.text);
      else if (marker && (marker.marker === '-' || prevEnds || cur.caption || /(?:;|\b(?:and|or))$/.test(cur.last) || (cur.lines === 1 && isCaptionLike(cur.last)))) startNew = true;
      else if (captionLike && (prevEnds || cur.caption) && nextIsBreak) startNew = true;
      else if (cur.kind === 'listItem' && prevEnds && line.indent <= cur.markerIndent && !marker) startNew = true;
      // A finished sentence, then a line set well left of the block's text column, or the letter's closing words.
      else if (prevEnds && cur.lines >= 1 && line.indent + 4 <= cur.textIndent) startNew = true;
      else if (prevEnds && CLOSING_START_RE.test(line.text)) startNew = true;
      else if (cur.caption) startNew = true;
      else if (/^(dear|ladies and gentlemen|sincerely|very truly yours|respectfully)/i.test(line.text)) startNew = true;
    }

    if (startNew) {
      flush();
      const isRe = /^(\*\*)?\s*Re:/.test(line.text);
      cur = {
        kind: marker ? 'listItem' : 'paragraph',
        markerIndent: line.indent,
        textIndent: marker ? line.indent + marker.length + (/^\s*/.exec(line.text.slice(marker.length))![0].length) : 0,
        text: new BlockText(),
        start: line.offset,
        end: line.offset + line.text.length,
        page: line.page,
        last: line.text,
        caption: (captionLike || (!!marker && isCaptionLike(line.text.slice(marker.length)))) && !isRe && nextIsBreak,
        re: isRe,
        lines: 0,
        ...(marker ? { marker: marker.marker } : {}),
      };
      if (marker && !line.pieces) {
        const body = line.text.slice(marker.length).replace(/^\s+/, '');
        addLine(cur.text, body, line.offset + (line.text.length - body.length), false);
      } else addPieces(cur.text, line, false, false);
    } else if (cur) {
      const joinNoSpace = /\S-$/.test(cur.last) && /^[a-z0-9(]/.test(line.text);
      addPieces(cur.text, line, !joinNoSpace, joinNoSpace);
      if (cur.kind === 'paragraph' && cur.lines === 1) cur.textIndent = line.indent;
      cur.end = line.offset + line.text.length;
      cur.last = line.text;
      cur.caption = false;
    }
    cur!.lines++;
    blankBefore = false;
  }
  flush();
  return blocks;
}

function nextIsFilingLine(lines: ReadonlyArray<Line | null | typeof SEAM>, i: number): boolean {
  const next = lines[i + 1];
  return !!next && next !== SEAM && /^(Form|Amendment|Registration|Schedule|Filed|File No|Response|Definitive|Preliminary|Draft|Offering|Post-Effective)/i.test(next.text);
}

function listMarker(text: string): { marker: string; length: number } | undefined {
  let m = NUMBERED_RE.exec(text);
  if (m) return { marker: `${m[1]}.`, length: m[0].length };
  m = BULLET_RE.exec(text);
  if (m) return { marker: '-', length: m[0].length };
  m = SUB_RE.exec(text);
  if (m) return { marker: m[1]!, length: m[0].length };
  return undefined;
}

function stripStars(s: string): string {
  return s.replace(/\*\*/g, '');
}

function addPieces(text: BlockText, line: Line, breakBefore: boolean, noSpace: boolean): void {
  if (!line.pieces) return addLine(text, line.text, line.offset, breakBefore, noSpace);
  line.pieces.forEach(([piece, offset], i) => {
    if (i > 0) text.add(' ', offset - 1);
    addLine(text, piece, offset, i === 0 && breakBefore, noSpace);
  });
}

/** Adds one source line; `**` pairs (Markdown-style bold in a text file) become strong marks. */
function addLine(text: BlockText, line: string, offset: number, breakBefore: boolean, noSpace = false): void {
  if (breakBefore) text.lineBreak(offset - 1);
  else if (noSpace) {
    // A word hyphenated across lines: join without a space.
  }
  let bold = false;
  let pos = 0;
  while (pos <= line.length) {
    const star = line.indexOf('**', pos);
    const end = star === -1 ? line.length : star;
    if (end > pos) text.add(line.slice(pos, end), offset + pos, bold ? Mark.Strong : Mark.None);
    if (star === -1) break;
    bold = !bold;
    pos = star + 2;
  }
}

/**
 * Joins a paragraph that a page break or a blank line split mid-sentence: the first part does not end a
 * sentence and the second starts in lower case ("Tell us" ⏎⏎ "more about recent events").
 */
function mergeSplitParagraphs(blocks: Block[]): Block[] {
  const out: Block[] = [];
  for (const block of blocks) {
    const prev = out[out.length - 1];
    if (
      prev &&
      (prev.kind === 'paragraph' || prev.kind === 'listItem') &&
      block.kind === 'paragraph' &&
      prev.text.length >= 40 &&
      !TERMINAL_RE.test(prev.text) &&
      /^[a-z]/.test(block.text) &&
      !/^cc:/i.test(block.text)
    ) {
      out[out.length - 1] = joinBlocks(prev, block);
    } else out.push(block);
  }
  return out;
}

function joinBlocks(a: Block, b: Block): Block {
  const shift = a.text.length + 1;
  const map = [...a.map];
  for (let i = 0; i < b.map.length; i += 2) map.push(b.map[i]! + shift, b.map[i + 1]!);
  return {
    ...a,
    text: `${a.text} ${b.text}`,
    runs: [...a.runs, { text: ' ', marks: 0 }, ...b.runs],
    end: b.end,
    map,
    breaks: [...a.breaks, a.text.length, ...b.breaks.map((x) => x + shift)],
  };
}
