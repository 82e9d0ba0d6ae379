/**
 * What a staff comment asks for, sentence by sentence ("Tell us …", "Provide us with …", "Please revise …"), and
 * the earlier comments it refers back to ("prior comment 1", "our prior comment number 4 in our letter dated May
 * 22, 2024"). Pure; linear in the text.
 */
import { DATE_PATTERN, parseLetterDate } from './dates';
import { sentences } from './words';

const REQUEST_LEAD =
  /^(?:(?:also|further|additionally|in addition|in this regard|alternatively|if (?:so|not|true|applicable)|as part of your response|to the extent[^,]{0,120}|for each[^,]{0,120}|with a view[^,]{0,80}|similarly[^,]{0,120}|given[^,]{0,160}|in future filings|in your response)\s*(?:,\s*)?){0,3}(?:please\s+)?(?:tell|provide|confirm|clarify|revise|explain|describe|indicate|disclose|discuss|quantify|reconcile|advise|expand|identify|help us|address|consider|ensure|remove|include|file|amend|state|show|list|present|update|supplementally|define|delete|elaborate|specify|justify|summarize|highlight|balance|substantiate|furnish|submit|refile|restate|separately|enhance|clearly|briefly|quantitatively|qualitatively|also|further|disaggregate|reconsider|represent|let us know|send us)\b/i;

/** The request sentences of a comment; bullets that follow a request ending in ":" are requests of their own. */
export function asksOf(paragraphs: readonly string[]): string[] {
  const asks: string[] = [];
  let listLead = false;
  for (const paragraph of paragraphs) {
    const bullet = /^(?:- |\((?:[a-z]{1,2}|\d{1,2}|[ivx]{1,5})\) |[a-z]\. )/.exec(paragraph);
    if (bullet) {
      const item = paragraph.slice(bullet[0].length).trim();
      if (listLead || isRequest(item)) asks.push(capitalise(item));
      continue;
    }
    listLead = false;
    for (const s of sentences(paragraph)) {
      if (isRequest(s.text)) {
        asks.push(s.text);
        listLead = /:$/.test(s.text);
      }
    }
  }
  return asks;
}

export function isRequest(sentence: string): boolean {
  const s = sentence.trim();
  // Reliability: REQUEST_LEAD's lead phrases ("given[^,]{0,160}", up to three, each then "\s*") backtracked O(n²) and
  // worse over a long run of spaces ("Given" + 20,000 spaces took a minute). It reads the sentence with each run of
  // whitespace as one space (as comment paragraphs already are), and only its first 600 characters: a match (three
  // lead phrases, "please", the verb) ends within about 530.
  if (REQUEST_LEAD.test(s.replace(/\s+/g, ' ').slice(0, 600))) return true;
  // "We note …, please tell us …" / "… and tell us …": a request inside a longer sentence.
  if (/\bplease\b(?! note that)(?! refer)(?! see)/i.test(s) && !/^please (?:refer|see)\b/i.test(s)) return true;
  return /\b(?:tell us|provide us|advise us|explain to us|describe to us|help us understand|confirm to us)\b/i.test(s);
}

function capitalise(s: string): string {
  return s.length > 0 ? s[0]!.toUpperCase() + s.slice(1) : s;
}

export interface FoundPriorRef {
  readonly numbers: number[];
  readonly start: number;
  readonly end: number;
  readonly letterDate?: string;
}

const PRIOR_RE = /\bprior\s+comments?\s+(?:(?:number|nos?\.|#)\s*)?(\d{1,3})((?:\s*(?:,|and|&|through|to|-|–)\s*(?:and\s+)?(?:number\s+)?\d{1,3})*)/gi;
const LETTER_DATED_RE = new RegExp(`^[^.]{0,40}?(?:letter dated|in our|of our|from our)\\s+(${DATE_PATTERN}),?(?:\\s+letter)?`, 'i');

/** Every "prior comment N" in `text`, with offsets into `text`. */
export function priorRefsIn(text: string): FoundPriorRef[] {
  const out: FoundPriorRef[] = [];
  PRIOR_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = PRIOR_RE.exec(text)) !== null) {
    const numbers = [Number(m[1])];
    const rest = m[2] ?? '';
    const range = /^\s*(?:through|to|-|–)\s*(\d{1,3})$/.exec(rest);
    if (range) {
      const to = Number(range[1]);
      for (let n = numbers[0]! + 1; n <= to && n - numbers[0]! < 50; n++) numbers.push(n);
    } else {
      for (const n of rest.matchAll(/\d{1,3}/g)) numbers.push(Number(n[0]));
    }
    const after = LETTER_DATED_RE.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 120));
    const letterDate = after ? parseLetterDate(after[1]!) : undefined;
    out.push({ numbers, start: m.index, end: m.index + m[0].length, ...(letterDate ? { letterDate } : {}) });
  }
  return out;
}
