/**
 * Plain text → blocks: typed or pasted letters, pdftotext output, and the lines pdf.js gives (see pdf.ts).
 * Owns line segmentation: which lines form a paragraph, where a numbered comment, a bullet or a caption starts, and
 * joining a paragraph that a page break or a stray blank line split. Page furniture goes first (furniture.ts).
 * Runs in one pass over the lines; never throws.
 */
import { BlockText, Mark, type Block, type Run } from './blocks';
import { findFurniture, refineTextFurniture, textFurnitureContext } from './furniture';
import { countWords } from '../text/wordCount';

interface Line {
  /** Content without indentation or trailing space. */
  readonly text: string;
  /** Source offset of `text`. */
  readonly offset: number;
  /** When furniture was cut out of the line: its remaining pieces (text and source offset), joined by spaces. */
  readonly pieces?: ReadonlyArray<readonly [string, number]>;
  /** A tab-separated table row: its cells (text and source offset). */
  readonly cells?: ReadonlyArray<readonly [string, number]>;
  /** Indentation in columns. */
  readonly indent: number;
  /** Where the line's text ends in the source, when its pieces are not one run (furniture cut out, lines joined). */
  readonly end?: number;
  readonly page: number;
}

const NUMBERED_RE = /^(\d{1,3})[.)](?=\s|$|[A-Z“"])/;
const BULLET_RE = /^([•●▪◦■□‣⁃∙·►➢✓]|[\uF000-\uF0FF]|[-–—*])(?=\s|$)/;
const SUB_RE = /^(\((?:[a-z]{1,2}|\d{1,2}|[ivxl]{1,6})\)|(?:[a-z]|[ivx]{1,4})[.)])(?=\s)/;
const TERMINAL_RE = /[.:;?!]["”’)\]]?$/;
/** Closing boilerplate that starts a paragraph of its own even without a blank line before it. */
const CLOSING_START_RE =
  /^(?:You may contact|We remind you|Please contact|We urge all persons|In closing|In responding to our comments?|Sincerely|If you have any questions)/;
/** Captions that name a form, an exhibit or a part of a filing, often in sentence case. */
const CAPTION_LEAD_RE =
  /^(?:Form \d|Forms? [0-9A-Z-]+ |Schedule \d|Schedule 1[34][ACDGF]|Schedule TO|Amendment No|Registration Statement|Draft Registration|Offering Statement|Definitive|Preliminary|Annual Report|Quarterly Report|Current Report|Proxy Statement|Prospectus|Exhibit|Item \d|Items \d|Note \d|Notes to|Part [IVX]+\b|Section \d|Appendix|Annex|Response Letter)/;

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

/** Words a title cannot end with: a caption line ending in one goes on, on the next line. */
const CAPTION_WRAP_END_RE =
  /(?:\b(?:of|and|or|the|a|an|to|in|on|for|with|by|from|at|as|its|their|our|your|under|between|into|upon|than|versus|vs\.)|[,&/(–—-]|\bpages?)$/i;

/**
 * Whether `next` continues the caption `line` (one caption wrapped over two lines): the first ends where a title
 * cannot ("… Results of", "… Operations,", "…, page"), or the second starts in lower case or is only the page.
 */
export function wrapsCaption(line: string, next: string): boolean {
  const a = stripStars(line).trim();
  const b = stripStars(next).trim();
  return CAPTION_WRAP_END_RE.test(a) || /^[a-z(]/.test(b) || /^(?:pages?\s*[A-Z]{0,2}-?\d+\S*|[A-Z]{0,2}-?\d{1,3})$/i.test(b);
}

/** A short title line under a caption ("2023 Compared with 2022"): a stacked caption of its own, not a sentence. */
function isTitleLine(text: string): boolean {
  const t = text.trim();
  return /^[A-Z0-9“"(]/.test(t) && !/[.;:]$/.test(t) && countWords(t, 11) <= 10 && t.length <= 90;
}

export interface TextSource {
  readonly text: string;
}

/** Splits `text` into blocks. Page breaks are form feeds (as pdftotext writes them). */
export function textToBlocks(text: string): Block[] {
  const raw = splitLines(text);
  const contents = raw.map((l) => l.content);
  const ctx = textFurnitureContext(contents);
  const pageBreaks = new Set(raw.flatMap((l, i) => (l.pageStart ? [i] : [])));
  const fates = findFurniture(contents, pageBreaks, ctx);
  refineTextFurniture(contents, fates, ctx, pageBreaks);

  const lines: Array<Line | null | typeof SEAM> = [];
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i]!;
    const fate = fates[i]!;
    // Reliability: text and offsets come from the line as written. Furniture is judged on the tab-expanded line
    // (a tab as four spaces), whose columns are mapped back: offsets from the expanded line put every block of a
    // line indented with a tab three characters late per tab, past the end of the text at the end of a file.
    let content = r.raw;
    let base = r.offset;
    const at = (col: number) => rawIndex(r.raw, col);
    if (fate.kind === 'drop') {
      // Furniture leaves a page seam: a paragraph break after a finished sentence, nothing otherwise.
      if (lines[lines.length - 1] !== SEAM) lines.push(SEAM);
      continue;
    }
    if (fate.kind === 'moved') continue; // its words were joined into an earlier line
    if (fate.kind === 'pieces') {
      const pieces = fate.pieces.map(([a, b]) => [content.slice(at(a), at(b)), base + at(a)] as const);
      lines.push({ text: pieces.map((p) => p[0]).join(' '), offset: pieces[0]![1], indent: fate.pieces[0]![0], page: r.page, pieces, end: piecesEnd(pieces) });
      continue;
    }
    if (fate.kind === 'joined') {
      const pieces = fate.pieces.map(([l, a, b]) => {
        const from = raw[l]!;
        return [from.raw.slice(rawIndex(from.raw, a), rawIndex(from.raw, b)), from.offset + rawIndex(from.raw, a)] as const;
      });
      lines.push({
        text: pieces.map((p) => p[0]).join(' '),
        offset: Math.min(...pieces.map((p) => p[1])),
        indent: fate.pieces[0]![1],
        page: r.page,
        pieces,
        end: piecesEnd(pieces),
      });
      continue;
    }
    if (fate.kind === 'part') {
      base += at(fate.from);
      content = content.slice(at(fate.from), at(fate.to));
    }
    const lead = content.length - content.trimStart().length;
    const indent = (fate.kind === 'part' ? fate.from : 0) + width(content.slice(0, lead));
    const trimmed = content.trim();
    // A tab after the first word: a row of a tab-separated table (as word processors paste them).
    if (fate.kind === 'keep' && /\S\t|\t\S.*\t/.test(r.raw)) {
      const cells: Array<[string, number]> = [];
      let at = 0;
      for (const cell of r.raw.split('\t')) {
        cells.push([cell.trim(), r.offset + at + (cell.length - cell.trimStart().length)]);
        at += cell.length + 1;
      }
      lines.push({ text: trimmed, offset: base + lead, indent, page: r.page, cells });
      continue;
    }
    if (trimmed.length === 0) lines.push(null);
    else lines.push({ text: trimmed, offset: base + lead, indent, page: r.page });
  }
  return mergeSplitParagraphs(segment(lines));
}

function piecesEnd(pieces: ReadonlyArray<readonly [string, number]>): number {
  let end = 0;
  for (const [t, o] of pieces) end = Math.max(end, o + t.length);
  return end;
}

function lineEnd(line: Line): number {
  return line.end ?? line.offset + line.text.length;
}

/** Columns of `s` with each tab as four spaces (how the importer measures indentation). */
function width(s: string): number {
  let w = s.length;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 9) w += 3;
  return w;
}

/** The index in `raw` where column `col` of its tab-expanded form falls. */
function rawIndex(raw: string, col: number): number {
  if (col <= 0) return 0;
  let c = 0;
  for (let i = 0; i < raw.length; i++) {
    c += raw.charCodeAt(i) === 9 ? 4 : 1;
    if (c >= col) return i + 1;
  }
  return raw.length;
}

/** Where page furniture was removed. */
const SEAM = 'seam' as const;

interface RawLine {
  content: string;
  /** The line as written, tabs kept (tables are tab-separated). */
  raw: string;
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
    out.push({ content: content.replace(/\t/g, '    '), raw: content, offset, page, pageStart });
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
  /** A page seam came since the block's last line, which does not end a sentence. */
  let afterSeam = false;

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
      if (cur && TERMINAL_RE.test(trimEndStars(cur.last))) {
        flush();
        blankBefore = true;
      } else if (cur) afterSeam = true;
      continue;
    }
    if (line && line.cells) {
      flush();
      const rows: Array<ReadonlyArray<readonly [string, number]>> = [];
      let j = i;
      while (j < lines.length) {
        const l = lines[j];
        if (!l || l === SEAM || !l.cells) break;
        rows.push(l.cells);
        j++;
      }
      blocks.push(tableBlock(rows, lines[i] as Line, lines[j - 1] as Line));
      i = j - 1;
      blankBefore = false;
      continue;
    }
    if (line === null || line === undefined) {
      // Inside a Re: block a blank line is layout, not a paragraph break, when the next line is indented like it; so
      // is the gap below a page's running head when the sentence before the page break goes on.
      if (!(cur?.re && nextIsFilingLine(lines, i, cur.textIndent)) && !afterSeam) {
        flush();
        blankBefore = true;
      }
      continue;
    }
    const seamBefore = afterSeam;
    afterSeam = false;
    const marker = listMarker(line.text);
    const prevEnds = cur !== undefined && TERMINAL_RE.test(trimEndStars(cur.last));
    const after = lines[i + 1];
    const next = after === SEAM ? null : after;
    // A caption wrapped after a comma ("… Results of Operations," ⏎ "page 22") is caption-like too.
    const captionLike =
      !marker &&
      (isCaptionLike(stripStars(line.text)) ||
        (/,$/.test(line.text) && !!next && wrapsCaption(line.text, next.text) && isCaptionLike(stripStars(line.text).slice(0, -1))));
    const nextIsBreak =
      next === null ||
      next === undefined ||
      !!listMarker(next.text) ||
      isCaptionLike(stripStars(next.text)) ||
      (captionLike && (wrapsCaption(line.text, next.text) || isTitleLine(stripStars(next.text)) || /^[A-Z"“(]/.test(next.text)));

    let startNew = cur === undefined || blankBefore;
    // A caption wrapped over two lines is one caption ("… Results of Operations of" ⏎ "GE O&G, page 200").
    const wrapped = !startNew && !!cur?.caption && !marker && wrapsCaption(cur.last, line.text);
    if (!startNew && cur && !wrapped) {
      if (cur.re) startNew = /^(dear|ladies)\b/i.test(line.text);
      else if (
        marker &&
        (marker.marker === '-' || prevEnds || cur.caption || /(?:;|\b(?:and|or))$/.test(cur.last) || (cur.lines === 1 && isCaptionLike(cur.last)))
      )
        startNew = true;
      // A numbered title alone on its line ("6. Unpaid losses and loss expenses" ⏎ "c) Loss Development Tables").
      else if (marker && cur.lines === 1 && cur.kind === 'listItem' && /^\d/.test(cur.marker ?? '') && isTitleLine(cur.text.current.text)) startNew = true;
      // A number at the list's marker column, left of its text column: the next item, even when the one before
      // does not end a sentence (its last words displaced by page furniture, or no full stop: "… Interpretations").
      else if (marker && /^\d/.test(marker.marker) && cur.kind === 'listItem' && line.indent <= cur.markerIndent + 2 && line.indent + 4 <= cur.textIndent)
        startNew = true;
      else if (captionLike && (prevEnds || cur.caption) && nextIsBreak) startNew = true;
      else if (cur.kind === 'listItem' && prevEnds && line.indent <= cur.markerIndent && !marker) startNew = true;
      // A finished sentence, then a line set well left of the block's text column, or the letter's closing words.
      else if (prevEnds && cur.lines >= 1 && line.indent + 4 <= cur.textIndent) startNew = true;
      else if (prevEnds && CLOSING_START_RE.test(line.text)) startNew = true;
      // The closing set left of a list item's text column ("Disclosure Interpretations" ⏎ "In closing, we remind you").
      else if (cur.kind === 'listItem' && line.indent + 2 <= cur.textIndent && CLOSING_START_RE.test(line.text)) startNew = true;
      else if (cur.caption) startNew = true;
      else if (/^(dear|ladies and gentlemen|sincerely|very truly yours|respectfully)/i.test(line.text)) startNew = true;
    }

    if (startNew) {
      // A short title right under a caption is a caption too ("Management's Discussion …" ⏎ "2023 Compared with 2022").
      const underCaption = !blankBefore && !!cur?.caption && !marker && isTitleLine(stripStars(line.text));
      flush();
      const isRe = /^(\*\*)?\s*Re:/i.test(line.text);
      cur = {
        kind: marker ? 'listItem' : 'paragraph',
        markerIndent: line.indent,
        textIndent: marker ? line.indent + marker.length + width(/^\s*/.exec(line.text.slice(marker.length))![0]) : 0,
        text: new BlockText(),
        start: line.offset,
        end: lineEnd(line),
        page: line.page,
        last: line.text,
        caption:
          (captionLike || underCaption || (!!marker && isCaptionLike(line.text.slice(marker.length)))) &&
          !isRe &&
          (nextIsBreak || (underCaption && !!next && isTitleLine(stripStars(next.text)))),
        re: isRe,
        lines: 0,
        ...(marker ? { marker: marker.marker } : {}),
      };
      if (marker && !line.pieces) {
        const body = line.text.slice(marker.length).replace(/^\s+/, '');
        addLine(cur.text, body, line.offset + (line.text.length - body.length), false);
      } else if (marker && line.pieces && line.pieces[0]![0].length >= marker.length && line.text.startsWith(line.pieces[0]![0].slice(0, marker.length))) {
        // The marker opens the first piece (a line put back together around page furniture): not part of the text.
        const [first, offset] = line.pieces[0]!;
        const cut = first.length - first.slice(marker.length).trimStart().length;
        const pieces: Array<readonly [string, number]> = [[first.slice(cut), offset + cut], ...line.pieces.slice(1)];
        addPieces(cur.text, { ...line, pieces: pieces.filter((p) => p[0].length > 0) }, false, false);
      } else addPieces(cur.text, line, false, false);
    } else if (cur) {
      // A hyphen ending the line joins its word to the next line's ("non-" ⏎ "GAAP", "S-" ⏎ "K", "Rule 3-" ⏎ "05").
      const joinNoSpace = /\S-$/.test(cur.last) && !/\s-$/.test(cur.last) && /^[\p{L}\p{N}(]/u.test(line.text);
      addPieces(cur.text, line, !joinNoSpace, joinNoSpace);
      if (cur.kind === 'paragraph' && cur.lines === 1) cur.textIndent = line.indent;
      // Across a page break the text column can move (page 1 sets a comment's text at column 56, page 2 at 6).
      else if (cur.kind === 'listItem' && seamBefore) cur.textIndent = line.indent;
      cur.end = Math.max(cur.end, lineEnd(line));
      cur.last = line.text;
      cur.caption = wrapped;
    }
    cur!.lines++;
    blankBefore = false;
  }
  flush();
  return blocks;
}

function tableBlock(rows: ReadonlyArray<ReadonlyArray<readonly [string, number]>>, first: Line, last: Line): Block {
  const all = new BlockText();
  const cells: Run[][][] = [];
  const texts: string[][] = [];
  for (const row of rows) {
    const rowRuns: Run[][] = [];
    const rowText: string[] = [];
    for (const [cell, offset] of row) {
      const one = new BlockText();
      addLine(one, cell, offset, false);
      addLine(all, cell, offset, false);
      all.add(' ', offset + cell.length);
      const built = one.current;
      rowRuns.push(built.runs);
      rowText.push(built.text);
    }
    cells.push(rowRuns);
    texts.push(rowText);
  }
  return all.build('table', first.offset, last.offset + last.text.length, { rows: texts, cells, page: first.page });
}

function nextIsFilingLine(lines: ReadonlyArray<Line | null | typeof SEAM>, i: number, reIndent?: number): boolean {
  let j = i + 1;
  while (j < lines.length && lines[j] === null) j++; // blank lines between the registrants of one Re block
  const next = lines[j];
  if (!next || next === SEAM || /^(dear|ladies|gentlemen)\b/i.test(next.text)) return false;
  // A line set at the Re block's text column ("Re:    Acme Corp." … "       Acme Holdings, L.P.") goes on with it.
  return (
    /^(Form|Amendment|Registration|Schedule|Filed|File No|Response|Definitive|Preliminary|Draft|Offering|Post-Effective)/i.test(next.text) ||
    (reIndent !== undefined && Math.abs(next.indent - reIndent) <= 1)
  );
}

function listMarker(text: string): { marker: string; length: number } | undefined {
  if (/^(?:\*\s*){2,}$/.test(text)) return undefined; // "* * *": a separator, not a bullet
  let m = NUMBERED_RE.exec(text);
  if (m) return { marker: `${m[1]}.`, length: m[0].length };
  m = BULLET_RE.exec(text);
  if (m) return { marker: '-', length: m[0].length };
  m = SUB_RE.exec(text);
  if (m) return { marker: m[1]!, length: m[0].length };
  return undefined;
}

/**
 * `s` without trailing asterisks. Reliability: a loop, not replace(/\*+$/), which retries at every asterisk of an inner
 * run ("****…x") and is O(n²) in the line's length.
 */
function trimEndStars(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 42) end--;
  return end === s.length ? s : s.slice(0, end);
}

function stripStars(s: string): string {
  return s.replace(/\*\*|<\/?u>/g, '');
}

function addPieces(text: BlockText, line: Line, breakBefore: boolean, noSpace: boolean): void {
  if (!line.pieces) return addLine(text, line.text, line.offset, breakBefore, noSpace);
  line.pieces.forEach(([piece, offset], i) => {
    if (i > 0) text.add(' ', offset - 1);
    addLine(text, piece, offset, i === 0 && breakBefore, noSpace);
  });
}

/**
 * Adds one source line. Text files made from Markdown or HTML carry inline markup: `**bold**`, `*emphasis*`,
 * `<u>additions</u>`, `<s>`/`<del>`/`~~deletions~~`, and backslash escapes (`US\$`); they become marks, not text.
 */
function addLine(text: BlockText, line: string, offset: number, breakBefore: boolean, noSpace = false): void {
  if (breakBefore) text.lineBreak(offset - 1);
  else if (noSpace) {
    // A word hyphenated across lines: join without a space.
  }
  for (const piece of inlinePieces(line)) text.add(piece.text, offset + piece.at, piece.marks);
}

const TAG_MARKS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^<(\/)?(?:u|ins)>/i, Mark.Underline],
  [/^<(\/)?(?:s|del|strike)>/i, Mark.Strike],
  [/^<(\/)?(?:b|strong)>/i, Mark.Strong],
  [/^<(\/)?(?:i|em)>/i, Mark.Emphasis],
];

/** Splits a line into marked pieces (offsets into the line). Unbalanced markers stay as text. */
export function inlinePieces(line: string): Array<{ text: string; at: number; marks: number }> {
  const out: Array<{ text: string; at: number; marks: number }> = [];
  const emphasis = emphasisSpans(line);
  let marks = 0;
  let from = 0;
  const flush = (to: number) => {
    if (to > from) out.push({ text: line.slice(from, to), at: from, marks });
  };
  const bold = (line.match(/\*\*/g) ?? []).length % 2 === 0;
  const strikes = (line.match(/~~/g) ?? []).length % 2 === 0;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '\\' && i + 1 < line.length && /[!-/:-@[-`{-~]/.test(line[i + 1]!)) {
      flush(i);
      from = i + 1;
      i++;
      continue;
    }
    if (c === '*' && line[i + 1] === '*' && bold) {
      flush(i);
      marks ^= Mark.Strong;
      from = i + 2;
      i++;
      continue;
    }
    if (c === '~' && line[i + 1] === '~' && strikes) {
      flush(i);
      marks ^= Mark.Strike;
      from = i + 2;
      i++;
      continue;
    }
    if (c === '*' && emphasis.has(i)) {
      flush(i);
      marks ^= Mark.Emphasis;
      from = i + 1;
      continue;
    }
    if (c === '<') {
      const rest = line.slice(i, i + 10);
      let matched = false;
      for (const [re, mark] of TAG_MARKS) {
        const m = re.exec(rest);
        if (!m) continue;
        flush(i);
        marks = m[1] ? marks & ~mark : marks | mark;
        from = i + m[0].length;
        i += m[0].length - 1;
        matched = true;
        break;
      }
      if (matched) continue;
    }
  }
  flush(line.length);
  return out;
}

/** Offsets of single asterisks that open or close an emphasis ("ASC 805, *Business Combinations*"). */
function emphasisSpans(line: string): Set<number> {
  const at = new Set<number>();
  if (!line.includes('*')) return at;
  const re = /(^|[\s(“"])\*(?![\s*])([^*\n]{1,200}?)(?<![\s*])\*(?=$|[\s.,;:!?)”"])/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(line)) !== null) {
    const open = m.index + m[1]!.length;
    at.add(open);
    at.add(open + 1 + m[2]!.length);
  }
  return at;
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
