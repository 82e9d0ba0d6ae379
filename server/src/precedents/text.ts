/**
 * The words of a staff comment as the precedent search sees them: search terms (lower case, without the staff's
 * formula words, plurals folded), whole sentences as keys (a sentence the staff reuse word for word across
 * companies), and the runs of words a precedent shares with the comment it was found for (to mark them).
 *
 * Owns: tokenising, the stop list, sentence keys, shared-run marking. Must not: know about letters, files or the
 * index. Pure, linear in the text, never throws.
 */
import { hash32 } from '../text/hash';

/** A sentence must have this many words to count as shared ("Refer to Item 303(b) of Regulation S-K." has 9). */
export const SENTENCE_MIN_WORDS = 8;

/** English function words and the staff's formula words: present in most comments, so they say nothing about one. */
const STOP = new Set(
  (
    'a about above after again all also am an and any are as at be been before being below between both but by can could did do does doing ' +
    'during each either etc few for from further had has have having he her here hers him his how i if in into is it its itself just may me ' +
    'might more most must my no nor not now of off on once only or other our ours out over own same she should so some such than that the ' +
    'their theirs them then there these they this those through to too under until up upon us very was we were what when where whether which ' +
    'while who whom why will with within would yet you your yours ' +
    // the staff's formula: "Please revise … to disclose …; tell us …; refer to …; we note …"
    'please note noted revise revised provide disclose disclosed disclosure disclosures tell refer reference comment comments response ' +
    'responses letter explain clarify describe discuss address include included including additional appear appears future filing filings ' +
    'page pages form item example regard regarding related consider considered consideration'
  ).split(' '),
);

const WORD_RE = /[A-Za-z0-9]+/g;

/** The search term for one word, or undefined when the word carries no meaning for search. */
export function termOf(word: string): string | undefined {
  let t = word.toLowerCase();
  if (t.length < 2 || t.length > 40 || STOP.has(t)) return undefined;
  // Bare numbers are page numbers, amounts and years: noise between companies (citations become tags instead).
  if (/^\d+$/.test(t)) return undefined;
  if (t.length > 4) {
    if (t.endsWith('ies')) t = `${t.slice(0, -3)}y`;
    else if (t.endsWith('s') && !/(?:ss|us|is)$/.test(t)) t = t.slice(0, -1);
  }
  return STOP.has(t) ? undefined : t;
}

/**
 * Term → how often it occurs in the text. With `isName`, a capitalised word whose term it accepts is left out: the
 * names of a company's products, places and people say nothing about another company's letters.
 */
export function termCounts(text: string, isName?: (term: string) => boolean): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(WORD_RE)) {
    const t = termOf(m[0]);
    if (!t) continue;
    const c = m[0].charCodeAt(0);
    if (isName && c >= 65 && c <= 90 && isName(t)) continue;
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  return counts;
}

/** The text's sentences, each as its lower-cased words (sentences end at . ? ! before a capital, or a paragraph). */
export function sentenceWords(text: string): string[][] {
  const out: string[][] = [];
  for (const para of text.split(/\n\s*\n|\n(?=- )/)) {
    for (const sentence of para.split(/(?<=[.?!][”"’)]?)\s+(?=[A-Z(“"‘0-9])/)) {
      const words = sentence.toLowerCase().match(WORD_RE);
      if (words && words.length > 0) out.push(words);
    }
  }
  return out;
}

/** Keys of the text's whole sentences of at least SENTENCE_MIN_WORDS words (normalised: lower case, words only). */
export function sentenceKeys(text: string): number[] {
  const keys = new Set<number>();
  for (const words of sentenceWords(text)) if (words.length >= SENTENCE_MIN_WORDS) keys.add(hash32(words.join(' ')));
  return [...keys];
}

/** A piece of a precedent's text, marked when its words also stand, in the same order, in the comment searched. */
export interface Segment {
  readonly text: string;
  readonly shared: boolean;
}

/** Words in a row that make a shared run: a run of fewer words is chance ("of the company"). */
const RUN = 3;

/**
 * The text cut into segments, the runs of at least three words it shares with `query` (the same words in the same
 * order, compared in lower case) marked. Linear: word triples of the query go into a set, the text is read once.
 */
export function markShared(query: string, text: string): Segment[] {
  const qWords = query.toLowerCase().match(WORD_RE) ?? [];
  const triples = new Set<string>();
  for (let i = 0; i + RUN <= qWords.length; i++) triples.add(qWords.slice(i, i + RUN).join(' '));
  const words = [...text.matchAll(WORD_RE)].map((m) => ({ start: m.index, end: m.index + m[0].length, lower: m[0].toLowerCase() }));
  const covered = new Uint8Array(words.length);
  for (let i = 0; i + RUN <= words.length; i++) {
    if (triples.has(`${words[i]!.lower} ${words[i + 1]!.lower} ${words[i + 2]!.lower}`)) covered.fill(1, i, i + RUN);
  }
  const segments: Segment[] = [];
  let at = 0;
  for (let i = 0; i < words.length;) {
    if (!covered[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < words.length && covered[j + 1]) j++;
    const start = words[i]!.start;
    const end = words[j]!.end;
    if (start > at) segments.push({ text: text.slice(at, start), shared: false });
    segments.push({ text: text.slice(start, end), shared: true });
    at = end;
    i = j + 1;
  }
  if (at < text.length) segments.push({ text: text.slice(at), shared: false });
  return segments;
}

/** The share of the text's words that lie in shared segments (0–1). */
export function sharedShare(segments: readonly Segment[]): number {
  let shared = 0;
  let all = 0;
  for (const s of segments) {
    const n = s.text.match(WORD_RE)?.length ?? 0;
    all += n;
    if (s.shared) shared += n;
  }
  return all === 0 ? 0 : shared / all;
}
