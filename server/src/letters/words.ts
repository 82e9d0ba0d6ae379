/**
 * Word-level tools the letters layer compares text with: tokens that ignore case, punctuation and quote styles,
 * sentence splitting that knows "U.S." and "No. 74", how much of one text another contains, and a bounded word
 * diff for quote drift. All linear or bounded in the input; pure (results remembered in the tables of `memos.ts`).
 */
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

/**
 * Word diff of a repeated comment against the staff's text (Myers' O((N+M)·D) algorithm, stopped at `maxEdits`
 * so that any input stays cheap). Case, punctuation and quote style do not count as differences.
 */
export function wordDiff(draftText: string, staffText: string, maxEdits = 60): WordDiff {
  const key = maxEdits === 60 ? draftText : `${maxEdits}\u0000${draftText}`;
  // Computed from the tables' copies of the texts: the changes' words are cut from them, not from the document.
  return memos().diffs.get(staffText, key, (staffCopy, keyCopy) =>
    computeWordDiff(maxEdits === 60 ? keyCopy : keyCopy.slice(keyCopy.indexOf('\u0000') + 1), staffCopy, maxEdits),
  );
}

function computeWordDiff(draftText: string, staffText: string, maxEdits: number): WordDiff {
  const a = words(draftText);
  const b = words(staffText);
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x]!.norm === b[y]!.norm) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    if (found >= 0) break;
  }
  if (found < 0) return { changes: [], tooDifferent: true };

  // Walk back through the trace to list deletions (draft-only words) and insertions (staff-only words).
  const edits: Array<{ kind: 'del' | 'ins'; ai: number; bi: number }> = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const vd = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && vd[offset + k - 1]! < vd[offset + k + 1]!) ? k + 1 : k - 1;
    const prevX = vd[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
    }
    if (x === prevX) edits.push({ kind: 'ins', ai: x, bi: prevY });
    else edits.push({ kind: 'del', ai: prevX, bi: y });
    x = prevX;
    y = prevY;
  }
  edits.reverse();

  // Group adjacent edits into changes.
  const changes: WordChange[] = [];
  let i = 0;
  while (i < edits.length) {
    const dels: number[] = [];
    const ins: number[] = [];
    let j = i;
    let lastA = -1;
    let lastB = -1;
    while (j < edits.length) {
      const e = edits[j]!;
      if (j > i && !((e.kind === 'del' && (lastA === -1 || e.ai === lastA + 1)) || (e.kind === 'ins' && (lastB === -1 || e.bi === lastB + 1)))) break;
      if (e.kind === 'del') {
        dels.push(e.ai);
        lastA = e.ai;
      } else {
        ins.push(e.bi);
        lastB = e.bi;
      }
      j++;
    }
    const first = edits[i]!;
    // The same letters split or joined differently ("nonexclusive" / "non exclusive", "non- GAAP" / "nonGAAP"): no change.
    if (dels.length > 0 && ins.length > 0 && dels.map((d) => a[d]!.norm).join('') === ins.map((x) => b[x]!.norm).join('')) {
      i = j;
      continue;
    }
    const anchor = dels.length > 0 ? a[dels[0]!]! : undefined;
    const at = anchor ? anchor.start : first.ai < n ? a[first.ai]!.start : n > 0 ? a[n - 1]!.end : 0;
    const end = dels.length > 0 ? a[dels[dels.length - 1]!]!.end : at;
    // The words as written, with what stands between them ("250-10-S99-6", not "250 10 S 99 6").
    const span = (text: string, ws: readonly Word[], idx: readonly number[]) =>
      idx.length === 0 ? '' : text.slice(ws[idx[0]!]!.start, ws[idx[idx.length - 1]!]!.end).replace(/\s+/g, ' ');
    changes.push({
      draft: span(draftText, a, dels),
      staff: span(staffText, b, ins),
      start: at,
      end,
    });
    i = j;
  }
  return { changes, tooDifferent: false };
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
