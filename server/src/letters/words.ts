/**
 * Word-level tools the letters layer compares text with: tokens that ignore case, punctuation and quote styles,
 * sentence splitting that knows "U.S." and "No. 74", how much of one text another contains, and a bounded word
 * diff for quote drift. All linear or bounded in the input; pure (results remembered in the tables of `memos.ts`).
 */
import { diffArrays } from 'diff';
import { memos } from './memos';

export interface Word {
  /** Normalised form: lower case, letters and digits only. */
  readonly norm: string;
  /** As written. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Words of `text` with offsets: runs of letters and digits (with inner apostrophes, typographic or not: "company´s"),
 * so that "2000)(expressing" and "2000) (expressing", or "U.S.-designated" split across a line, compare equal. A
 * letter run and a digit run are two words ("Step1" and "Step 1" compare equal); a trademark sign typed as letters
 * ("EnergyTM") is not a word; "[sic]" added inside a quotation is not a word of it. At most `limit` words.
 */
export function words(text: string, limit = Infinity): Word[] {
  const out: Word[] = [];
  eachWord(text, limit, (norm, token, at) => out.push({ norm, text: token, start: at, end: at + token.length }));
  return out;
}

/** The normalised forms of `words(text, limit)` alone (comparisons need no offsets: no object per word). */
export function wordNorms(text: string, limit = Infinity): string[] {
  const out: string[] = [];
  eachWord(text, limit, (norm) => out.push(norm));
  return out;
}

/** A word at a position: a letter run (with inner apostrophes, typographic or not) or a digit run. */
const WORD_AT = /\p{L}+(?:['’‘´`]\p{L}+)*|\p{N}+/uy;

const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAsciiDigit = (c: number): boolean => c >= 48 && c <= 57;

/**
 * Where the word starting at `i` ends, or -1 when none starts there: the words of `WORD_AT` found left to right,
 * with plain ASCII runs measured by character codes (most of a letter's words; the Unicode expression costs more)
 * and anything else, or a run that might go on past ASCII ("company’s", "café", "10¹"), left to the expression.
 */
function wordEnd(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c < 128) {
    const letters = isAsciiLetter(c);
    if (!letters && !isAsciiDigit(c)) return -1;
    let j = i + 1;
    while (j < text.length && (letters ? isAsciiLetter(text.charCodeAt(j)) : isAsciiDigit(text.charCodeAt(j)))) j++;
    const next = j < text.length ? text.charCodeAt(j) : 0;
    if (next < 128 && !(letters && (next === 39 || next === 96))) return j;
  }
  WORD_AT.lastIndex = i;
  const m = WORD_AT.exec(text);
  return m ? i + m[0].length : -1;
}

/** The one word scanner: calls `take` with each word's normal form, its text and offset, until `limit` words. */
function eachWord(text: string, limit: number, take: (norm: string, token: string, at: number) => number): void {
  // Letter runs (with inner apostrophes) and digit runs are words of their own.
  for (let at = 0; at < text.length;) {
    const end = wordEnd(text, at);
    if (end < 0) {
      const c = text.charCodeAt(at);
      const low = at + 1 < text.length ? text.charCodeAt(at + 1) : 0;
      at += c >= 0xd800 && c <= 0xdbff && low >= 0xdc00 && low <= 0xdfff ? 2 : 1; // one code point
      continue;
    }
    let token = text.slice(at, end);
    const from = at;
    at = end;
    // "[sic]" added inside a quotation.
    if (token.length === 3 && text.charCodeAt(from - 1) === 91 && text.charCodeAt(from + 3) === 93 && /^sic$/i.test(token)) continue;
    // "EnergyTM", "ServiceSM": the mark typed as capitals after a lower-case word.
    if (token.length > 2 && (token.endsWith('TM') || token.endsWith('SM')) && /\p{Ll}/u.test(token[token.length - 3]!)) token = token.slice(0, -2);
    const norm = normWord(token);
    if (norm.length > 0 && take(norm, token, from) >= limit) break;
  }
}

/** Letters and digits of ASCII only: such a token's normal form is its lower case (most words of a letter). */
const PLAIN_ASCII = /^[A-Za-z0-9]+$/;

export function normWord(token: string): string {
  if (PLAIN_ASCII.test(token)) return token.toLowerCase();
  return token
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/'s$/, 's')
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]/gu, '');
}

export function bigrams(ws: readonly string[]): string[] {
  if (ws.length === 1) return [ws[0]!];
  const out: string[] = [];
  for (let i = 0; i + 1 < ws.length; i++) out.push(`${ws[i]} ${ws[i + 1]}`);
  return out;
}

/** The word pairs of a text, remembered (callers compare many parts with the same few wholes). */
function pairSet(whole: string): Set<string> {
  return memos().pairSets.get(whole, (copy) => new Set(bigrams(wordNorms(copy))));
}

/**
 * Fraction (0–1) of `part`'s word pairs that also occur in `whole`. Remembered by the two texts (`memos.ts`): a draft
 * is re-read on every keystroke and almost every repeated comment and staff comment is the same text as before.
 */
export function containment(part: string, whole: string, maxWords = 400): number {
  // A comment repeated word for word (a draft `corresp new` began, most repeats): every pair is there, nothing to count.
  if (part === whole) return wordNorms(part, 1).length > 0 ? 1 : 0;
  return memos()
    .containment(maxWords)
    .get(whole, part, (wholeCopy, partCopy) => {
      const a = wordNorms(partCopy, maxWords);
      if (a.length === 0) return 0;
      const set = pairSet(wholeCopy);
      const pairs = bigrams(a);
      let hit = 0;
      for (const p of pairs) if (set.has(p)) hit++;
      return hit / pairs.length;
    });
}

export interface WordChange {
  /** The response's words at this place ('' when the response left words out). */
  readonly draft: string;
  /** The staff's words at this place ('' when the response added words). */
  readonly staff: string;
  /** Offsets in the draft text of the changed words (an insertion point when `draft` is ''). */
  readonly start: number;
  readonly end: number;
}

export interface WordDiff {
  readonly changes: readonly WordChange[];
  /** True when the texts differ too much for a word-by-word account. */
  readonly tooDifferent: boolean;
}

/** The diff of a text with itself (a comment repeated word for word). */
const NO_CHANGES: WordDiff = Object.freeze({ changes: Object.freeze([]), tooDifferent: false });

/**
 * Word diff of a repeated comment against the staff's text (jsdiff's `diffArrays`, Myers' O((N+M)·D) algorithm,
 * stopped at `maxEdits` so that any input stays cheap). Case, punctuation and quote style do not count as differences.
 */
export function wordDiff(draftText: string, staffText: string, maxEdits = 60): WordDiff {
  if (draftText === staffText) return NO_CHANGES;
  const key = maxEdits === 60 ? draftText : `${maxEdits}\u0000${draftText}`;
  // Computed from the tables' copies of the texts: the changes' words are cut from them, not from the document.
  return memos().diffs.get(staffText, key, (staffCopy, keyCopy) =>
    computeWordDiff(maxEdits === 60 ? keyCopy : keyCopy.slice(keyCopy.indexOf('\u0000') + 1), staffCopy, maxEdits),
  );
}

/**
 * The word diff itself: jsdiff's array diff (Myers, stopped past `maxEdits` edits: `undefined`, "too different") over
 * the normalised words, then each run of removed and added words between two common runs is one change, located in
 * the draft by its words' offsets. Words split or joined differently are no change.
 */
function computeWordDiff(draftText: string, staffText: string, maxEdits: number): WordDiff {
  const a = words(draftText);
  const b = words(staffText);
  const parts = diffArrays(
    a.map((w) => w.norm),
    b.map((w) => w.norm),
    { maxEditLength: maxEdits },
  );
  if (!parts) return { changes: [], tooDifferent: true };
  const changes: WordChange[] = [];
  let ai = 0;
  let bi = 0;
  for (let k = 0; k < parts.length;) {
    if (!parts[k]!.added && !parts[k]!.removed) {
      ai += parts[k]!.count;
      bi += parts[k]!.count;
      k++;
      continue;
    }
    const a0 = ai;
    const b0 = bi;
    for (; k < parts.length && (parts[k]!.added || parts[k]!.removed); k++) {
      if (parts[k]!.removed) ai += parts[k]!.count;
      else bi += parts[k]!.count;
    }
    const change = changeOf(draftText, a.slice(a0, ai), staffText, b.slice(b0, bi), a, a0);
    if (change) changes.push(change);
  }
  return { changes, tooDifferent: false };
}

/**
 * One change: the draft's words `dels` where the staff wrote `ins`, at the draft word `at` (an insertion point when the
 * draft left words out: before that word, or after the last). Undefined for the same letters split or joined
 * differently ("nonexclusive" / "non exclusive", "non- GAAP" / "nonGAAP").
 */
function changeOf(
  draftText: string,
  dels: readonly Word[],
  staffText: string,
  ins: readonly Word[],
  draft: readonly Word[],
  at: number,
): WordChange | undefined {
  if (dels.length > 0 && ins.length > 0 && dels.map((w) => w.norm).join('') === ins.map((w) => w.norm).join('')) return undefined;
  const start = dels.length > 0 ? dels[0]!.start : at < draft.length ? draft[at]!.start : (draft[draft.length - 1]?.end ?? 0);
  return {
    draft: spanOf(draftText, dels),
    staff: spanOf(staffText, ins),
    start,
    end: dels.length > 0 ? dels[dels.length - 1]!.end : start,
  };
}

/** The words as written, with what stands between them ("250-10-S99-6", not "250 10 S 99 6"). */
function spanOf(text: string, ws: readonly Word[]): string {
  return ws.length === 0 ? '' : text.slice(ws[0]!.start, ws[ws.length - 1]!.end).replace(/\s+/g, ' ');
}

const ABBREVIATIONS = new Set([
  'mr',
  'ms',
  'mrs',
  'dr',
  'no',
  'nos',
  'inc',
  'co',
  'corp',
  'ltd',
  'llc',
  'llp',
  'l.p',
  'u.s',
  'e.g',
  'i.e',
  'etc',
  'vs',
  'v',
  'jr',
  'sr',
  'st',
  'approx',
  'fig',
  'sec',
  'reg',
  'rev',
  'ex',
  'pp',
  'p',
  'para',
  'paras',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'cf',
  'n.e',
  'n.w',
  'u.s.c',
  'c.f.r',
  'esq',
]);

export interface Sentence {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Splits prose into sentences at ". ", "? ", "! " before a capital, a quote or a digit, skipping abbreviations. */
export function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const re = /[.?!]["”’)]*(?=\s+["“‘(]?[A-Z0-9])/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const end = m.index + m[0].length;
    if (m[0][0] === '.') {
      const before = /([A-Za-z.]+)$/.exec(text.slice(Math.max(start, m.index - 12), m.index));
      const word = before ? before[1]!.toLowerCase() : '';
      if (ABBREVIATIONS.has(word) || /^[a-z]$/.test(word) || /^([a-z]\.)+[a-z]$/.test(word)) continue;
    }
    push(start, end);
    start = end;
  }
  push(start, text.length);
  return out;

  function push(a: number, b: number): void {
    const raw = text.slice(a, b);
    const lead = raw.length - raw.trimStart().length;
    const t = raw.trim();
    if (t.length > 0) out.push({ text: t, start: a + lead, end: a + lead + t.length });
  }
}
