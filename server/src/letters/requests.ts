/**
 * What a staff comment asks for, sentence by sentence ("Tell us …", "Provide us with …", "Please revise …", "You should
 * describe …", "If material, discuss …"; an observation such as "We note …" or "It appears that …" is not one), and
 * the earlier comments it refers back to ("prior comment 1", "our prior comment number 4 in our letter dated May
 * 22, 2024"). Pure; linear in the text.
 */
import { DATE_PATTERN, parseLetterDate } from './dates';
import { sentences } from './words';

const REQUEST_LEAD =
  /^(?:(?:also|further|additionally|in addition|in this regard|alternatively|if (?:so|not|true|applicable)|as part of your response|to the extent[^,]{0,120}|for each[^,]{0,120}|with a view[^,]{0,80}|similarly[^,]{0,120}|given[^,]{0,160}|in future filings|in your response)\s*(?:,\s*)?){0,3}(?:please\s+)?(?:tell|provide|confirm|clarify|revise|explain|describe|indicate|disclose|discuss|quantify|reconcile|advise|expand|identify|help us|address|consider|ensure|remove|include|file|amend|state|show|list|present|update|supplementally|define|delete|elaborate|specify|justify|summarize|highlight|balance|substantiate|furnish|submit|refile|restate|separately|enhance|clearly|briefly|quantitatively|qualitatively|also|further|disaggregate|reconsider|represent|let us know|send us)\b/i;

/** "You should describe …", "the company should also revise …": a request put as what the filer should do. */
const SHOULD_RE =
  /^(?:(?:also|further|additionally|in addition|for example|for instance|in this regard)\s*,?\s*)?(?:you|the company|the registrant|your (?:disclosure|response|analysis|revised disclosure|discussion|filing))\s+(?:also\s+|further\s+)?should\b/i;
/** An opening phrase a request can follow ("If material, discuss …", "On page 29, clarify …", "Where you address …, revise …"). */
const INTRO_RE =
  /^(?:if|in|on|where|when|wherever|to|for|as|with|given|since|because|unless|once|after|before|regarding|here|there|at|under|within|beginning|throughout|separately|similarly|alternatively|accordingly|otherwise|additionally|also|further|finally|moreover|specifically|consequently|therefore)\b/i;
/** The verbs of a request that cannot be anything else after such an opening (not "state", "file", "present"). */
const IMPERATIVE_RE =
  /^(?:please\s+)?(?:also\s+|further\s+|then\s+)?(?:tell|provide|confirm|clarify|revise|explain|describe|disclose|discuss|quantify|reconcile|advise|expand|identify|address|consider|ensure|remove|amend|elaborate|specify|justify|summarize|substantiate|furnish|refile|enhance|disaggregate|reconsider|help us)\b/i;

/** Whether a clause after one of the sentence's first three commas is a request, and what opens it is a phrase. */
function requestAfterOpening(s: string): boolean {
  if (!INTRO_RE.test(s)) return false;
  let from = 0;
  for (let k = 0; k < 3; k++) {
    const comma = s.indexOf(',', from);
    if (comma < 0 || comma > 240) return false;
    if (IMPERATIVE_RE.test(s.slice(comma + 1).trimStart())) return true;
    from = comma + 1;
  }
  return false;
}

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
  const head = s.replace(/\s+/g, ' ').slice(0, 600);
  if (REQUEST_LEAD.test(head) || SHOULD_RE.test(head) || requestAfterOpening(head)) return true;
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

const PRIOR_RE =
  /\bprior\s+comments?\s+(?:(?:number|nos?\.|#)\s*)?(\d{1,3}|NUM)((?:\s*(?:,|and|&|through|to|-|–)\s*(?:and\s+)?(?:number\s+)?(?:\d{1,3}|NUM))*)/gi;
/**
 * In a staff letter, "your response to comment 8" and "the revisions made in response to comments 25 and 26" are
 * the prior letter's comments too, with or without "prior".
 */
const RESPONSE_TO_RE =
  /\b(?:responses?|reply|replies)\s+to\s+(?:our\s+)?(?:prior\s+|previous\s+|earlier\s+)?comments?\s+(?:(?:number|nos?\.|#)\s*)?(\d{1,3}|NUM)((?:\s*(?:,|and|&|through|to|-|–)\s*(?:and\s+)?(?:number\s+)?(?:\d{1,3}|NUM))*)/gi;
const NUMBER_WORDS = [
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
];
const NUM = `(?:${NUMBER_WORDS.join('|')})\\b`;
const PRIOR_FORMS = new RegExp(PRIOR_RE.source.replace(/NUM/g, NUM), 'gi');
const RESPONSE_FORMS = new RegExp(RESPONSE_TO_RE.source.replace(/NUM/g, NUM), 'gi');

/** "5" or "five" → 5. */
function numberOf(word: string): number {
  return /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS.indexOf(word.toLowerCase()) + 1;
}
const LETTER_DATED_RE = new RegExp(`^[^.]{0,40}?(?:letter dated|in our|of our|from our|issued in our)\\s+(${DATE_PATTERN}),?(?:\\s+letter)?`, 'i');

/**
 * Every "prior comment N" ("prior comments 2 and 3", "prior comment one") in `text`, with offsets into `text`. In a
 * staff letter's own words (`staff`), also "your response to comment 8" and "in response to comments five and six".
 */
export function priorRefsIn(text: string, options: { staff?: boolean } = {}): FoundPriorRef[] {
  const out: FoundPriorRef[] = [];
  for (const re of options.staff ? [PRIOR_FORMS, RESPONSE_FORMS] : [PRIOR_FORMS]) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      // "response to prior comment 3" is read once: the span of "prior comment 3" is already there.
      const start = re === RESPONSE_FORMS ? m.index + m[0].search(/comments?\b/i) : m.index;
      const end = m.index + m[0].length;
      if (out.some((r) => r.start < end && start < r.end)) continue;
      const numbers = [numberOf(m[1]!)];
      const rest = m[2] ?? '';
      const range = new RegExp(`^\\s*(?:through|to|-|–)\\s*(\\d{1,3}|${NUM})$`, 'i').exec(rest);
      if (range) {
        const to = numberOf(range[1]!);
        for (let n = numbers[0]! + 1; n <= to && n - numbers[0]! < 50; n++) numbers.push(n);
      } else {
        for (const n of rest.matchAll(new RegExp(`\\d{1,3}|${NUM}`, 'gi'))) numbers.push(numberOf(n[0]));
      }
      const after = LETTER_DATED_RE.exec(text.slice(end, end + 120));
      const letterDate = after ? parseLetterDate(after[1]!) : undefined;
      out.push({ numbers, start, end, ...(letterDate ? { letterDate } : {}) });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
