/**
 * Page furniture: what a letter repeats at every page break (the addressee, the company, the date, "Page 3"),
 * bare page numbers, and the template residue SEC letters since about 2018 carry ("FirstName LastName…",
 * "Comapany Name…"), which pdftotext merges into the body text. Works on lines, so plain text, pdftotext output,
 * PDF lines and HTML blocks share it; `findPageFurniture` reads documents whose page breaks are marked (EDGAR HTML):
 * what recurs next to the breaks, page numbers, dated running heads, letterhead footers and Rule 83 legends. Decides
 * what to drop or keep; does not build blocks.
 */

export interface FurnitureLine {
  /** The line's text (may hold several layout columns separated by runs of spaces). */
  readonly text: string;
}

/** What to do with one line: keep it, drop it, or keep only [keepFrom, keepTo) of it. */
export type LineFate =
  | { readonly kind: 'keep' }
  | { readonly kind: 'drop' }
  | { readonly kind: 'part'; readonly from: number; readonly to: number }
  /** Keep only these [from, to) pieces of the line, joined by single spaces (body text freed of interleaved furniture). */
  | { readonly kind: 'pieces'; readonly pieces: ReadonlyArray<readonly [number, number]> }
  /**
   * One printed line that pdftotext spread over several text lines around the template residue: these [line, from,
   * to) pieces of this and the following lines, in reading order, joined by single spaces (see refineTextFurniture).
   */
  | { readonly kind: 'joined'; readonly pieces: ReadonlyArray<readonly [number, number, number]> }
  /** Nothing of this line stays here, and it leaves no page seam: its words moved into an earlier line's 'joined'
   * fate, or it is template residue pdftotext printed inside a paragraph. */
  | { readonly kind: 'moved' };

const MONTH =
  '(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?)';
const DATE_RE = new RegExp(`^${MONTH} \\d{1,2}, ?\\d{4}$`);
const PAGE_RE = /^(?:page\s+\d{1,3}(?:\s+of\s+\d{1,3})?|-\s*\d{1,3}\s*-|\d{1,3})$/i;
const DATE_PAGE_RE = new RegExp(`^(?:.{0,80}?\\s)?${MONTH} \\d{1,2}, ?\\d{4}\\s+Page \\d{1,3}$`);
const TEMPLATE_RE = /FirstName\s*LastName|Comapany\s*Name|^Comapany\b/;

function norm(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}

function key(s: string): string {
  return norm(s)
    .toLowerCase()
    .replace(/^(mr|ms|mrs|dr)\.?\s+/, '');
}

/** Columns of a layout line: runs of text separated by 4+ spaces, with their offsets. */
function columns(text: string): Array<[number, number]> {
  const cols: Array<[number, number]> = [];
  const re = /\S+(?: {1,3}\S+)*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) cols.push([m.index, m.index + m[0].length]);
  return cols;
}

export interface FurnitureContext {
  /** Normalised lines of the letterhead and address block (before the salutation), which running heads repeat. */
  readonly header: ReadonlySet<string>;
  /** Words of the address block and the date, which the template residue glues to body words. */
  readonly words: ReadonlySet<string>;
  /** Words the address block writes in lower case ("plc" of "Eaton Corporation plc"), for pdftotext's page header. */
  readonly lowerWords?: ReadonlySet<string>;
}

export function furnitureContext(lines: readonly string[]): FurnitureContext {
  const header = new Set<string>();
  const words = new Set<string>(['firstname', 'lastname', 'comapany', 'company', 'name', 'page']);
  const limit = Math.min(lines.length, 60);
  let inAddress = false;
  for (let i = 0; i < limit; i++) {
    const text = norm(lines[i]!.replace(/\*\*/g, ''));
    if (/^(dear|ladies and gentlemen)\b/i.test(text)) break;
    if (/^Re:/.test(text)) inAddress = false;
    for (const [a, b] of columns(lines[i]!)) {
      const col = norm(lines[i]!.slice(a, b).replace(/\*\*/g, ''));
      if (col.length > 0 && col.length <= 80) header.add(key(col));
      if (DATE_RE.test(col)) inAddress = true;
      if (inAddress) {
        for (const w of col.toLowerCase().split(/[\s,]+/)) {
          if (/^[a-z]\.$/.test(w)) words.add(w); // an initial keeps its dot: "A." is furniture, "a" is not
          const word = w.replace(/[.]$/, '');
          if (word.length >= 2 && !STOPWORDS.has(word)) words.add(word);
        }
      }
    }
  }
  return { header, words };
}

function isFurnitureText(text: string, ctx: FurnitureContext): boolean {
  const t = norm(text);
  if (t.length === 0) return false;
  if (PAGE_RE.test(t) || DATE_RE.test(t) || DATE_PAGE_RE.test(t)) return true;
  if (TEMPLATE_RE.test(t)) return true;
  return t.length <= 80 && ctx.header.has(key(t));
}

/**
 * Decides the fate of every line. `pageBreaks` holds indices of lines that begin a new page (pdftotext's form feed);
 * running heads are found whether or not page breaks are marked, by the "Page N" line they end with.
 */
export function findFurniture(lines: readonly string[], pageBreaks: ReadonlySet<number>, ctx = furnitureContext(lines)): LineFate[] {
  const fates: LineFate[] = lines.map(() => ({ kind: 'keep' }));
  const isBlank = (i: number) => lines[i]!.trim().length === 0;

  // Skip the letterhead: furniture only exists after the first page's address block.
  let bodyStart = 0;
  for (let i = 0; i < Math.min(lines.length, 80); i++) {
    // Reliability: `\s*(?:\*\*\s*)?`, not `\s*(\*\*)?\s*` (same lines): two adjacent \s* split a run of n spaces n² ways.
    if (/^\s*(?:\*\*\s*)?(dear|ladies and gentlemen)\b/i.test(lines[i]!)) {
      bodyStart = i + 1;
      break;
    }
  }

  for (let i = bodyStart; i < lines.length; i++) {
    const text = lines[i]!;
    const t = norm(text);
    if (t.length === 0) continue;

    // Template residue: drop it, keeping any other layout column on the line (a signature, "Sincerely,").
    if (TEMPLATE_RE.test(t) || DATE_PAGE_RE.test(t) || PAGE_RE.test(t)) {
      fates[i] = keepNonFurnitureColumns(text, ctx);
      if (PAGE_RE.test(t) || DATE_PAGE_RE.test(t) || /^Page \d/i.test(t)) dropRunningHeadAbove(i);
      continue;
    }
    // A running head at the top of a page without a "Page N" line (some letters number only in the footer).
    if (pageBreaks.has(i) && isFurnitureText(t, ctx)) {
      let j = i;
      while (j < lines.length && (isBlank(j) || isFurnitureText(lines[j]!, ctx)) && j - i < 6) {
        fates[j] = { kind: 'drop' };
        j++;
      }
      i = j - 1;
    }
  }
  cleanTemplateOverlay(lines, fates, ctx);
  return fates;

  function dropRunningHeadAbove(i: number): void {
    let j = i - 1;
    let taken = 0;
    while (j >= bodyStart && taken < 5) {
      if (isBlank(j)) {
        j--;
        continue;
      }
      const fate = keepNonFurnitureColumns(lines[j]!, ctx);
      if (fate.kind === 'keep') break;
      fates[j] = fate;
      taken++;
      j--;
    }
  }
}

/** Keeps the columns of a layout line that are not furniture; drops the line when none is left. */
function keepNonFurnitureColumns(text: string, ctx: FurnitureContext): LineFate {
  const cols = columns(text);
  const keep = cols.filter(([a, b]) => !isFurnitureText(stripTemplate(text.slice(a, b)), ctx) && !TEMPLATE_RE.test(text.slice(a, b)));
  if (keep.length === cols.length) return isFurnitureText(text, ctx) ? { kind: 'drop' } : { kind: 'keep' };
  if (keep.length === 0) return { kind: 'drop' };
  return { kind: 'part', from: keep[0]![0], to: keep[keep.length - 1]![1] };
}

function stripTemplate(s: string): string {
  return s.replace(/FirstName\s*LastName|Comapany\s*Name/g, '').trim() || s;
}

/**
 * Around the template residue, pdftotext interleaves furniture with body text ("May 22,Refer", "2024toPage",
 * "Item210(e)"): lines made only of furniture words go, and furniture glued to body words is cut away.
 */
function cleanTemplateOverlay(lines: readonly string[], fates: LineFate[], ctx: FurnitureContext): void {
  const marks: number[] = [];
  for (let i = 0; i < lines.length; i++) if (TEMPLATE_RE.test(norm(lines[i]!))) marks.push(i);
  let c = 0;
  while (c < marks.length) {
    let d = c;
    while (d + 1 < marks.length && marks[d + 1]! - marks[d]! <= 10) d++;
    // Reliability: the overlay is the page header pdftotext merged into the page, so it holds that header's "Page";
    // template residue without one (two stray pairs ten lines apart) left the body between them stripped of its
    // numbers and date-like words ("1." of a comment, "may"), and the letter of its comments.
    let page = false;
    for (let i = Math.max(0, marks[c]! - 2); i <= Math.min(lines.length - 1, marks[d]! + 2) && !page; i++) page = lines[i]!.includes('Page');
    for (let i = marks[c]!; i <= marks[d]! && page; i++) {
      if (fates[i]!.kind === 'drop' || /, pages? [A-Z]?-?\d/.test(lines[i]!)) continue;
      const fate = cleanLine(lines[i]!, ctx);
      if (fate) fates[i] = fate;
    }
    c = d + 1;
  }
}

function cleanLine(text: string, ctx: FurnitureContext): LineFate | undefined {
  const tokens: Array<[number, number]> = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) tokens.push([m.index, m.index + m[0].length]);
  if (tokens.length === 0) return undefined;
  const pieces: Array<[number, number]> = [];
  let changed = false;
  for (const [a, b] of tokens) {
    const token = text.slice(a, b);
    // Reliability: a comment or list number opening the line ("1.", "(2)") and a word in lower case ("may", "group")
    // are body text: the header's dates, names and page numbers are capitalised or bare numbers.
    const kept = (a === tokens[0]![0] && /^\(?\d{1,3}[.)]$/.test(token)) || /^\p{Ll}/u.test(token);
    if (!kept && furnitureWords(token, ctx)) {
      changed = true;
      continue;
    }
    // Strip a furniture prefix or suffix glued to a body word ("22,Refer", "2024toPage").
    let s = a;
    let e = b;
    for (let k = b - 1; k > a; k--) {
      if (boundary(text, k) && furnitureWords(text.slice(a, k), ctx)) {
        s = k;
        break;
      }
    }
    for (let k = s + 1; k < e; k++) {
      if (boundary(text, k) && furnitureWords(text.slice(k, e), ctx)) {
        e = k;
        break;
      }
    }
    // A page number dropped between a word and the number it precedes ("Item210(e)" → "Item 10(e)").
    const glued = /^([A-Za-z]{3,})([2-9])(\d)/.exec(text.slice(s, e));
    if (glued) {
      pieces.push([s, s + glued[1]!.length]);
      s += glued[1]!.length + 1;
      changed = true;
    }
    if (s !== a || e !== b) changed = true;
    if (e > s) pieces.push([s, e]);
  }
  if (!changed) return undefined;
  return pieces.length === 0 ? { kind: 'drop' } : { kind: 'pieces', pieces };
}

/** Between a digit or punctuation and a letter, or a lower- and an upper-case letter: where glued words meet. */
function boundary(text: string, k: number): boolean {
  const a = text[k - 1]!;
  const b = text[k]!;
  return (/[0-9,.]/.test(a) && /[A-Za-z]/.test(b)) || (/[a-z]/.test(a) && /[A-Z]/.test(b)) || (/[A-Za-z]/.test(a) && /[0-9]/.test(b));
}

/** True when `token` is made only of furniture words (address-block words, date parts, template words). */
function furnitureWords(token: string, ctx: FurnitureContext): boolean {
  if (/^[A-Za-z]\.,?$/.test(token)) return ctx.words.has(token.toLowerCase().replace(/,$/, ''));
  // Reliability: trailing punctuation is cut by a loop, not replace(/[,.;:]+$/) (O(n²) on an inner run of commas), and
  // a long token is refused before it is lowercased: callers try every prefix of a glued token (cleanLine).
  let stop = token.length;
  while (stop > 0 && ',.;:'.includes(token[stop - 1]!)) stop--;
  if (stop > 160) return false; // lowercasing never shortens, so t.length > 80 below
  const t = token.slice(0, stop).toLowerCase();
  if (t.length === 0 || t.length > 80) return t.length === 0;
  // ok[i]: t[0..i) splits into furniture words.
  const ok = new Uint8Array(t.length + 1);
  ok[0] = 1;
  for (let i = 1; i <= t.length; i++) {
    for (let j = Math.max(0, i - 40); j < i && !ok[i]; j++) {
      if (!ok[j]) continue;
      const w = t.slice(j, i).replace(/,$/, '');
      if (ctx.words.has(w) || /^\d{1,2}$/.test(w) || MONTHS.has(w)) ok[i] = 1;
    }
  }
  return ok[t.length] === 1;
}

const STOPWORDS = new Set(['of', 'the', 'and', 'for', 'to', 'in', 'on', 'at', 'by', 'or', 'an', 'as', 'is', 'we', 'our', 'your', 'with', 'from']);
const MONTHS = new Set(['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']);

// ── pdftotext output: the 2018+ template's page header, read token by token ──────────────────────────────────────

/**
 * Template words as pdftotext leaves them: "FirstName", "LastNameTony", "Comapany", "NameDoorDash". They never occur
 * in a letter's own words, so one on a line marks it as part of the page header, whatever else the line holds.
 */
const TEMPLATE_TOKEN_RE = /FirstName|LastName|Comapany/;
/** The template's "Name" field glued to the company's name ("NameDoorDash", "Name3M"). */
const NAME_FIELD_RE = /^Name[\p{Lu}\d]/u;
/** How far around the template words the page header's other lines (name, company, date, "Page 3") reach. */
const HEADER_REACH = 6;
const MONTH_WORD_RE = /^(?:january|february|march|april|may|june|july|august|september|october|november|december)$/i;

/** Tokens of a line with their columns. */
function tokensOf(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const re = /\S+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) out.push([m.index, m.index + m[0].length]);
  return out;
}

/** The columns of a line that its fate keeps. */
function keptColumns(text: string, fate: LineFate): Array<[number, number]> {
  switch (fate.kind) {
    case 'keep':
      return tokensOf(text);
    case 'part':
      return tokensOf(text.slice(fate.from, fate.to)).map(([a, b]) => [a + fate.from, b + fate.from]);
    case 'pieces':
      return fate.pieces.map(([a, b]) => [a, b]);
    default:
      return [];
  }
}

/**
 * pdftotext -layout output only, after `findFurniture`: what the template's page header leaves that the line-level
 * rules miss.
 *
 * - A page number alone on a line right after a caption ending in "page" ("…Results of Operations, page" ⏎ "78") is
 *   the caption's, not the page's.
 * - Around lines holding a template word ("FirstName", "Capital OneLastNameRichard D. Fairbank"), the header's words
 *   (the addressee, the company, the letter's date, "Page 3", glued to body words or not) go and the body words
 *   stay: read token by token, so that "December 31, 2022" in the body is not taken for the header's date.
 * - There pdftotext also spreads one printed line over several text lines ("statements" ⏎ "to provide … context" ⏎
 *   "additional"): consecutive lines whose words sit in different columns are put back together in column order.
 */
export function refineTextFurniture(lines: readonly string[], fates: LineFate[], ctx: FurnitureContext, pageBreaks: ReadonlySet<number> = new Set()): void {
  let bodyStart = 0;
  for (let i = 0; i < Math.min(lines.length, 80); i++) {
    if (/^\s*(?:\*\*\s*)?(dear|ladies and gentlemen)\b/i.test(lines[i]!)) {
      bodyStart = i + 1;
      break;
    }
  }
  // A caption's page number on the next line.
  for (let i = bodyStart + 1; i < lines.length; i++) {
    if (fates[i]!.kind !== 'drop' || !/^\s*\d{1,3}\s*$/.test(lines[i]!)) continue;
    if (fates[i - 1]!.kind === 'keep' && /,\s*pages?$/i.test(lines[i - 1]!.trim())) fates[i] = { kind: 'keep' };
  }

  const marks: number[] = [];
  for (let i = bodyStart; i < lines.length; i++) if (TEMPLATE_TOKEN_RE.test(lines[i]!)) marks.push(i);
  let c = 0;
  while (c < marks.length) {
    let d = c;
    while (d + 1 < marks.length && marks[d + 1]! - marks[d]! <= 10) d++;
    let from = marks[c]!;
    let to = marks[d]!;
    const cleaned = new Map<number, Array<[number, number]>>();
    const clean = (i: number) => {
      let kept = cleaned.get(i);
      if (!kept) cleaned.set(i, (kept = cleanHeaderLine(lines, i, ctx)));
      return kept;
    };
    // The header's other lines: nothing but its words, right before and after the template words.
    while (from - 1 >= bodyStart && marks[c]! - (from - 1) <= HEADER_REACH && lines[from - 1]!.trim() !== '' && clean(from - 1).length === 0) from--;
    while (to + 1 < lines.length && to + 1 - marks[d]! <= HEADER_REACH && lines[to + 1]!.trim() !== '' && clean(to + 1).length === 0) to++;
    // The template is an overlay: pdftotext prints it wherever its lines fall, often inside a paragraph. Its lines
    // leave a page seam (a paragraph break after a finished sentence) only from the page break on.
    let pageBreak = to + 1;
    for (let i = from; i <= to; i++) if (pageBreaks.has(i)) pageBreak = Math.min(pageBreak, i);
    for (let i = from; i <= to; i++) {
      if (lines[i]!.trim() === '') continue;
      // Read afresh from the line itself: the line rules took the body's own dates ("December 31,") for the header's.
      const kept = clean(i);
      const gone: LineFate = i < pageBreak ? { kind: 'moved' } : { kind: 'drop' };
      fates[i] =
        kept.length === 0
          ? gone
          : kept.length === tokensOf(lines[i]!).length && sameColumns(kept, tokensOf(lines[i]!))
            ? { kind: 'keep' }
            : { kind: 'pieces', pieces: kept };
    }
    reflow(lines, fates, Math.max(bodyStart, from - 1), Math.min(lines.length - 1, to + 2));
    c = d + 1;
  }
}

function sameColumns(a: ReadonlyArray<readonly [number, number]>, b: ReadonlyArray<readonly [number, number]>): boolean {
  return a.every(([x, y], i) => b[i]![0] === x && b[i]![1] === y);
}

/** The header's page number near line `i`: a "Page" on it or next to it that has no number of its own. */
function pageNearby(lines: readonly string[], i: number): boolean {
  for (let j = Math.max(0, i - 1); j <= Math.min(lines.length - 1, i + 1); j++)
    if (/Page(?!\s+\d)/.test(lines[j]!) || (j === i && /Page/.test(lines[j]!))) return true;
  return false;
}

/**
 * The body words of line `i` of a page-header region, as [from, to) columns: template words, the addressee's and
 * company's words, the letter's own date and the page number go, also when glued to a body word ("22,Refer",
 * "2024toPage", "Oneof", "improvingXuvalue"); words in lower case, other dates and numbers in a sentence stay.
 */
function cleanHeaderLine(lines: readonly string[], i: number, ctx: FurnitureContext): Array<[number, number]> {
  const text = lines[i]!;
  const out: Array<[number, number]> = [];
  const page = pageNearby(lines, i);
  // The token before, and whether it was the body's: "in 30 plants" and "December 31," hold their numbers.
  let prev: { token: string; body: boolean } | undefined;
  for (const [a, b] of tokensOf(text)) {
    const token = text.slice(a, b);
    // Reliability: trailing punctuation cut by a loop, not /[,.;:]+$/ (O(n²) on an inner run of commas).
    let stop = token.length;
    while (stop > 0 && ',.;:'.includes(token[stop - 1]!)) stop--;
    const bare = token.slice(0, stop);
    const template = /FirstName|LastName|Comapany/.exec(token) ?? (NAME_FIELD_RE.test(token) ? { index: 0 } : null);
    let spans: Array<[number, number]>;
    if (template) {
      // Everything from the template word on is the header's; a word in lower case glued before it is the body's.
      spans = template.index > 0 && /^\p{Ll}/u.test(token) ? [[a, a + template.index]] : [];
    } else if (/^\d{1,4}$/.test(bare)) {
      // A number: the letter's day or year, or the page number, unless a sentence or another date holds it.
      const inSentence = !!prev?.body && (/^\p{Ll}/u.test(prev.token) || MONTH_WORD_RE.test(prev.token.replace(/[,.]$/, '')) || /[,;]$/.test(prev.token));
      spans = !inSentence && (ctx.words.has(bare) || (page && bare.length <= 2)) ? [] : [[a, b]];
    } else if (MONTH_WORD_RE.test(bare)) {
      // Only the letter's own month is the header's: "December 31, 2022" in a comment stays.
      spans = ctx.words.has(bare.toLowerCase()) ? [] : [[a, b]];
    } else if (/^[^\p{L}\p{N}]+$/u.test(token) && prev && !prev.body) {
      // "&" of "Marsh & McLennan" between the header's words.
      spans = [];
    } else if (/^\p{Ll}/u.test(token)) {
      // In lower case: the letter's own words, but for a company's "plc" right after the header's other words.
      spans = ctx.lowerWords?.has(bare) && prev && !prev.body ? [] : unglue(text, a, b, ctx, page);
    } else if (
      furnitureWords(token, ctx) &&
      !(prev?.body && /^\p{Ll}/u.test(prev.token) && /[,.;:]$/.test(token) && text[a - 1] === ' ' && text[a - 2] !== ' ')
    )
      spans = [];
    else spans = unglue(text, a, b, ctx, page);
    spans = spans.filter(([x, y]) => y > x);
    out.push(...spans);
    prev = { token: spans.length > 0 ? text.slice(spans[spans.length - 1]![0], spans[spans.length - 1]![1]) : token, body: spans.length > 0 };
  }
  return out;
}

/**
 * A token's body parts, without header words glued before, after or inside it: "22,Refer" → "Refer", "2024toPage"
 * → "to", "Oneof" → "of", "Incwhere" → "where", "improvingXuvalue" → "improving" and "value".
 */
function unglue(text: string, a: number, b: number, ctx: FurnitureContext, page: boolean): Array<[number, number]> {
  let s = a;
  let e = b;
  // A page number dropped between a word and the number it precedes ("Item210(e)" → "Item" and "10(e)").
  const glued = page ? /^([A-Za-z]{3,})([2-9])(\d)/.exec(text.slice(a, b)) : null;
  if (glued)
    return [
      [a, a + glued[1]!.length],
      [a + glued[1]!.length + 1, b],
    ];
  // Before: after a digit or punctuation, before a capital; a capitalised header word run into a word in lower
  // case ("Oneof", "Augustperformance", "Pagecontributed"); the day before a number ("16,4(g)(ii)").
  const stripBefore = () => {
    // Reliability: header words are short; a run-on token is not searched beyond them (linear time).
    for (let k = Math.min(e - 1, s + 80); k > s; k--) {
      const prefix = text.slice(s, k);
      if (/^\p{Ll}/u.test(prefix) || !furnitureWords(prefix, ctx)) continue;
      const rest = text.slice(k, e);
      const intoLower = /\p{Lu}/u.test(prefix[0]!) && /\p{Ll}/u.test(text[k - 1]!) && /^\p{Ll}{2,}[,.;:)"”’]*$/u.test(rest);
      const dayBefore = /^\d{1,2},$/.test(prefix) && /^\d/.test(rest) && !/^\d{3}\b/.test(rest);
      if (boundary(text, k) || intoLower || dayBefore) {
        s = k;
        return;
      }
    }
  };
  stripBefore();
  // After ("2024toPage", "isCare", "Pageof2").
  for (let k = Math.max(s + 1, e - 80); k < e; k++) {
    if (boundary(text, k) && /^[\p{Lu}\d]/u.test(text[k]!) && furnitureWords(text.slice(k, e), ctx)) {
      e = k;
      break;
    }
  }
  stripBefore();
  // Inside a word in lower case ("improvingXuvalue"): the parts on either side are two words.
  const body = text.slice(s, e);
  const inner = /\p{Ll}(?=\p{Lu})/u.exec(body);
  if (inner && /^\p{Ll}/u.test(body)) {
    const at = s + inner.index + 1;
    for (let k = at + 1; k <= Math.min(e - 2, at + 80); k++) {
      if (/^\p{Ll}{2,}/u.test(text.slice(k, e)) && furnitureWords(text.slice(at, k), ctx))
        return [
          [s, at],
          [k, e],
        ];
    }
  }
  return [[s, e]];
}

/**
 * Puts a printed line back together: within [from, to], a kept line whose words all sit in columns the group leaves
 * empty (within two columns), starting right of the group's first word, belongs to it; the group's words are read
 * in column order.
 */
function reflow(lines: readonly string[], fates: LineFate[], from: number, to: number): void {
  let i = from;
  while (i <= to) {
    if (!keepsWords(fates[i]!) || keptColumns(lines[i]!, fates[i]!).length === 0) {
      i++;
      continue;
    }
    const group: number[] = [i];
    const taken = keptColumns(lines[i]!, fates[i]!);
    // Fragments continue the line's text, right of where it starts (after a comment's number: "2.      We note").
    const text = taken.find(([a, b]) => !/^\(?\d{1,3}[.)]$|^[•●▪◦■-]$/.test(lines[i]!.slice(a, b)));
    const left = text?.[0] ?? taken[0]?.[0] ?? 0;
    let j = i + 1;
    while (j <= to) {
      const fate = fates[j]!;
      if (fate.kind === 'drop' || fate.kind === 'moved') {
        j++;
        continue;
      }
      if (!keepsWords(fate) || lines[j]!.trim().length === 0) break;
      const cols = keptColumns(lines[j]!, fate);
      // Reliability: two full lines of body text overlap everywhere; a displaced fragment fits in the other's gaps.
      const fits =
        cols.length > 0 &&
        cols[0]![0] > left &&
        cols.every(([a, b]) => taken.every(([x, y]) => overlap(a, b, x, y) <= Math.min(2, Math.floor((Math.min(b - a, y - x) - 1) / 2))));
      if (!fits) break;
      group.push(j);
      taken.push(...cols);
      j++;
    }
    if (group.length > 1) {
      const pieces = group.flatMap((g) => keptColumns(lines[g]!, fates[g]!).map(([a, b]) => [g, a, b] as [number, number, number]));
      pieces.sort((p, q) => p[1] - q[1] || p[0] - q[0]);
      fates[group[0]!] = { kind: 'joined', pieces };
      for (const g of group.slice(1)) fates[g] = { kind: 'moved' };
    }
    i = j;
  }
}

/** Columns two spans share (0 when they do not meet). */
function overlap(a: number, b: number, x: number, y: number): number {
  return Math.max(0, Math.min(b, y) - Math.max(a, x));
}

function keepsWords(fate: LineFate): boolean {
  return fate.kind === 'keep' || fate.kind === 'part' || fate.kind === 'pieces';
}

/**
 * The furniture context of pdftotext output: the letterhead and address block, without the Re block's filing lines
 * ("Form 10-Q/A for the Quarterly Period Ended June 30, 2021"), which a letter repeats as a caption at the top of a
 * page, where they are not a running head.
 */
export function textFurnitureContext(lines: readonly string[]): FurnitureContext {
  const ctx = furnitureContext(lines);
  const header = new Set(ctx.header);
  // The letter's date, whole: a one-digit day ("September 5, 2019") is the header's too; and the address block's
  // words in lower case.
  const words = new Set(ctx.words);
  const lowerWords = new Set<string>();
  const reLines: string[] = [];
  let inRe = false;
  for (let i = 0; i < Math.min(lines.length, 60); i++) {
    if (/^\s*(?:\*\*\s*)?(?:dear|ladies and gentlemen)\b/i.test(lines[i]!)) break;
    for (const [a, b] of columns(lines[i]!)) {
      const col = norm(lines[i]!.slice(a, b).replace(/\*\*/g, ''));
      if (/^Re:/i.test(col)) {
        inRe = true;
        continue;
      }
      if (
        inRe &&
        /^(?:Form|Forms|Amendment|Registration|Draft|Schedule|Definitive|Preliminary|Annual|Quarterly|Current|Offering|Post-Effective|Proxy|Response|Filed|Submitted|Furnished|File No)/i.test(
          col,
        )
      )
        reLines.push(key(col));
      if (DATE_RE.test(col)) for (const part of col.toLowerCase().split(/[\s,]+/)) if (part) words.add(part.replace(/\.$/, ''));
      if (!inRe)
        for (const w of col.split(/[\s,]+/))
          if (/^\p{Ll}{2,}\.?$/u.test(w) && words.has(w.replace(/\.$/, '')) && !STOPWORDS.has(w)) lowerWords.add(w.replace(/\.$/, ''));
    }
  }
  // The Re block's filing lines are not running heads ("Form 10-Q/A …" repeated as a caption at the top of a page).
  for (const k of reLines) header.delete(k);
  // Running heads write the company without its final stop ("Vistra Energy Corp") and the addressee by surname
  // ("Mr. Gross"; key() drops the "Mr.").
  for (const h of [...header]) {
    if (/\.$/.test(h)) header.add(h.slice(0, -1));
    const person = /^(?:[a-z][a-z'’-]+\.? ){1,3}([a-z][a-z'’-]{2,})$/.exec(h);
    if (person && !/\b(?:inc|corp|co|ltd|llc|plc|company|corporation|group|holdings|street|avenue|suite)\b/.test(h)) header.add(person[1]!);
  }
  return { header, words, lowerWords };
}

// ── Furniture at page breaks (EDGAR HTML converted from Word or Workiva) ──────────────────────────────────────────

/** One block of a paged document: its text, its 1-based page, and whether it is content whatever it says. */
export interface PagedLine {
  readonly text: string;
  readonly page: number;
  /** List items, tables and numbered paragraphs: never furniture. */
  readonly content?: boolean;
}

const LEGEND_RE = /^(?:FOIA\s+)?confidential(?:\s+treatment)?\s+(?:has\s+been\s+|is\s+being\s+)?requested\b/i;
const CONTACT_RE =
  /\b(?:tel(?:ephone)?|phone|fax|facsimile|main)\b\.?:?\s*\+?\s*\(?\d|\b[TF]\s*\+\s*\d|\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b|\bwww\.|\.com\b|@[a-z0-9-]+\.[a-z]/i;
const PAGE_FORM_RE = /^(?:page\s*\|?\s*\d{1,3}(?:\s+of\s+\d{1,3})?|\d{1,3}\s*\|\s*page|-\s*\d{1,3}\s*-|\d{1,3}(?:\s+of\s+\d{1,3})?|[A-Z]{1,4}-?\d{1,4})$/i;
/** "Response:", "Caterpillar Response:", "Comment No. 3", "1. We note": the letter's own labels and numbers, never furniture. */
const LABEL_LIKE_RE =
  /^\W*(?:(?:the\s+)?(?:company|management|staff)(?:['’]s)?\s+)?(?:comments?|responses?|answers?|questions?)\b|^\W*(?:[\p{L}&.'’-]+\s+){0,4}(?:comments?|responses?|answers?)\s*(?:no\.?\s*)?\d{0,3}\s*[:.\-–—]?\s*$|^\(?\d{1,3}[.)]\s/iu;
const ZONE = 4;
const ZONE_CHARS = 300;

function zoneKey(text: string): string {
  const t = norm(text).toLowerCase();
  // Page numbers and Bates numbers change from page to page: "Page 3 <May 9, 2017>", "EA-003".
  const numbered = /\bpage\b/.test(t) || /\b[a-z]{2,}-\d{2,}\b/.test(t) || countTokens(t) <= 2;
  return (numbered ? t.replace(/\d+/g, '#') : t).replace(/[^\p{L}\p{N}#]+/gu, ' ').trim();
}

function countTokens(t: string): number {
  return t.split(' ').filter((w) => w.length > 0).length;
}

/**
 * Words of the letterhead and the addressee: the lines before the "Re:" block (or the salutation), which running
 * heads repeat. Not the Re block's: a caption names the filing too ("Form 10-K for the Fiscal Year Ended …").
 */
function headWords(lines: readonly PagedLine[], bodyStart: number): FurnitureContext {
  const words = new Set<string>();
  for (let i = 0; i < Math.min(lines.length, Math.max(bodyStart, 0), 60); i++) {
    const t = norm(lines[i]!.text);
    if (/^re\b\s*[:.]/i.test(t)) break;
    for (const raw of t.toLowerCase().split(/[\s,<>|()]+/)) {
      const w = raw.replace(/[.:;]+$/, '');
      if (w.length >= 2 && !STOPWORDS.has(w) && !MONTHS.has(w) && !/^\d+$/.test(w)) words.add(w);
    }
  }
  return { header: new Set(), words };
}

/** Every token a letterhead word, a date part, a page word or a small word ("Securities and Exchange Commission"). */
function letterheadWords(text: string, ctx: FurnitureContext, paged = false): boolean {
  let any = paged;
  for (const raw of norm(text)
    .toLowerCase()
    .split(/[\s,<>|()]+/)) {
    const w = raw.replace(/[.:;]+$/, '');
    if (w.length === 0 || /^[-–—&/]$/.test(w)) continue;
    if (STOPWORDS.has(w) || w === 'page' || MONTHS.has(w) || /^\d{1,4}$/.test(w) || /^[a-z]\.?$/.test(w)) continue;
    if (!ctx.words.has(w) && !ctx.words.has(`${w}.`)) return false;
    any = true;
  }
  return any;
}

/** Whether line i is a title above a numbered comment: a numbered line or list item follows within three short lines. */
function captionAt(lines: readonly PagedLine[], i: number): boolean {
  for (let j = i + 1; j < Math.min(lines.length, i + 4); j++) {
    const t = norm(lines[j]!.text);
    if (lines[j]!.content === true || /^\(?\d{1,3}[.)]/.test(t)) return true;
    if (t.length > 160) return false;
  }
  return false;
}

/** An address or contact line is names and numbers ("10 HUDSON YARDS NEW YORK, NY 10001 TELEPHONE …"), not a sentence. */
function mostlyCapitalised(text: string): boolean {
  const ws = text.split(/\s+/).filter((w) => /^\p{L}/u.test(w) && !STOPWORDS.has(w.toLowerCase()));
  return ws.length > 0 && ws.filter((w) => /^\p{Lu}/u.test(w)).length / ws.length >= 0.6;
}

const DATE_ANYWHERE_RE = new RegExp(`\\b${MONTH} \\d{1,2}, ?\\d{4}\\b`);

/**
 * Page furniture of a document whose page breaks are known (Word's and Workiva's EDGAR HTML mark them): the short
 * blocks next to a page break that recur at other page breaks (a running head with the addressee and the date,
 * "Page 3 <May 9, 2017>", a law firm's office cities, a confidentiality footer), page numbers, a dated running head
 * made of letterhead words, a letterhead address or telephone line at a page's foot, and Rule 83 legends wherever
 * they stand. Nothing before the salutation is dropped (the letterhead is read for the date and the addressee).
 * Returns the indices of the lines to drop.
 */
export function findPageFurniture(lines: readonly PagedLine[]): Set<number> {
  const drop = new Set<number>();
  let bodyStart = -1;
  for (let i = 0; i < Math.min(lines.length, 120); i++) {
    if (/^\s*(?:\*\*\s*)?(dear|ladies and gentlemen|gentlemen)\b/i.test(lines[i]!.text)) {
      bodyStart = i + 1;
      break;
    }
  }
  // Pages: [first, last] indices.
  const pages: Array<[number, number]> = [];
  for (let i = 0; i < lines.length; i++) {
    const last = pages[pages.length - 1];
    if (last && lines[last[0]]!.page === lines[i]!.page) last[1] = i;
    else pages.push([i, i]);
  }
  if (bodyStart < 0) bodyStart = pages.length > 0 ? Math.min(pages[0]![1] + 1, ZONE) : 0;
  const ctx = headWords(lines, bodyStart);
  const eligible = (i: number) => {
    const l = lines[i]!;
    const t = norm(l.text);
    return !l.content && t.length > 0 && t.length <= ZONE_CHARS && !LABEL_LIKE_RE.test(t);
  };

  // Zones: the lines nearest each page break, from the break outwards.
  const zones: number[][] = [];
  pages.forEach(([first, last], p) => {
    const top: number[] = [];
    for (let i = first; i <= last && top.length < ZONE; i++) top.push(i);
    const bottom: number[] = [];
    for (let i = last; i >= first && bottom.length < ZONE && !top.includes(i); i--) bottom.push(i);
    if (p > 0) zones.push(top.filter(eligible));
    if (p < pages.length - 1 || pages.length > 1) zones.push(bottom.filter(eligible));
  });
  const pagesOf = new Map<string, Set<number>>();
  for (const zone of zones) {
    for (const i of zone) {
      const k = zoneKey(lines[i]!.text);
      if (k.length === 0) continue;
      const set = pagesOf.get(k) ?? new Set<number>();
      set.add(lines[i]!.page);
      pagesOf.set(k, set);
    }
  }
  // The letterhead and the addressee (page 1's top, before the Re block; protected themselves) count as a page a
  // running head repeats.
  for (let i = 0; i < Math.min(bodyStart, lines.length); i++) {
    if (/^re\b\s*[:.]/i.test(norm(lines[i]!.text))) break;
    const k = zoneKey(lines[i]!.text);
    const set = pagesOf.get(k);
    if (set) set.add(lines[i]!.page);
  }
  const breaks = pages.length - 1;

  for (const zone of zones) {
    const hit = new Set<number>();
    for (const i of zone) {
      const t = norm(lines[i]!.text);
      // A title right above a numbered comment (or above its other captions) is a caption, however often the letter
      // repeats it; and what a running head is recurs at (nearly) every page break, not at some.
      const caption = captionAt(lines, i);
      const recurring = !caption && (pagesOf.get(zoneKey(t))?.size ?? 0) >= Math.max(2, Math.ceil(0.75 * breaks));
      const paged = PAGE_FORM_RE.test(t) || DATE_RE.test(t) || DATE_PAGE_RE.test(t) || TEMPLATE_RE.test(t);
      // "Page 5 <May 9, 2017>", "Securities and Exchange Commission March 5, 2024 Page 2": a page number or the
      // date with nothing but letterhead words.
      const pageNumbered = /\bpage\s*\d/i.test(t);
      const runningHead = (pageNumbered || (!caption && DATE_ANYWHERE_RE.test(t))) && letterheadWords(t, ctx, pageNumbered);
      const contact = CONTACT_RE.test(t) && countTokens(t) <= 30 && !/[a-z][.?!]$/.test(t) && mostlyCapitalised(t);
      if (recurring || paged || runningHead || contact) hit.add(i);
    }
    // A name or an address line of the running head beside its date or page number ("Mr. John Cash").
    for (const i of zone) {
      if (hit.has(i) || !letterheadWords(lines[i]!.text, ctx)) continue;
      if (hit.has(i - 1) || hit.has(i + 1)) hit.add(i);
    }
    for (const i of hit) if (i >= bodyStart) drop.add(i);
  }

  // Legends, wherever a conversion left them: "CONFIDENTIAL TREATMENT REQUESTED BY … PURSUANT TO 17 C.F.R. 200.83",
  // with the Bates line that may follow it ("BY ELECTRONIC ARTS INC.: EA-003").
  for (let i = Math.max(0, bodyStart); i < lines.length; i++) {
    const t = norm(lines[i]!.text);
    if (lines[i]!.content || t.length > ZONE_CHARS || !LEGEND_RE.test(t)) continue;
    drop.add(i);
    const next = i + 1 < lines.length ? norm(lines[i + 1]!.text) : '';
    if (next.length > 0 && next.length <= 100 && !lines[i + 1]!.content && next === next.toUpperCase() && /^BY\b|\b[A-Z]{2,}-\d{2,}\b|\bPURSUANT\b/.test(next))
      drop.add(i + 1);
  }
  return drop;
}
