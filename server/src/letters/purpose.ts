/**
 * What a response letter that answers no comment by number is for. Not every letter a company files in a comment
 * thread answers the comments: some ask for more time ("we respectfully request an extension until August 17,
 * 2016"), some ask the staff to accelerate a registration statement's effectiveness (Rule 461) or withdraw such a
 * request, some supplement an earlier answer or confirm a telephone call with the staff, some cover an amendment.
 * Read from the letter's opening paragraphs, sentence by sentence. Pure; bounded by the paragraphs it reads.
 */
import type { Block } from '../parse/blocks';
import { DATE_PATTERN, parseLetterDate } from './dates';
import type { LetterPurpose, Span } from './model';
import { countWords } from '../text/wordCount';
import { sentences } from './words';

// Each is tried on one sentence at a time (split where a sentence ends, not at "No." or "Inc."), so the bounded
// [\s\S]{0,n} runs stay within it.
const ACCELERATION_RE =
  /\brequest(?:s|ed|ing)?\b[\s\S]{0,300}?\b(?:acceleration|accelerated?|(?:declared|made|become|becomes) effective|effective date|effectiveness)\b|\bRule 461\b[\s\S]{0,300}?\beffective/i;
const WITHDRAWAL_RE = /\bwithdraws?\b[\s\S]{0,200}?\b(?:request|acceleration|registration statement)\b/i;
const DEADLINE = '(?:no later than|on or before|on or about|by|until)';
const TIME_RE = [
  /\brequests?\b[\s\S]{0,120}?\b(?:extension|additional time|more time)\b/i,
  /\brequest(?:s|ed)?\b[\s\S]{0,40}?\bto extend\b/i,
  /\b(?:consented|agreed) to an extension\b/i,
  new RegExp(
    `\\b(?:will|intends? to|expects? to|anticipates?|plans? to)\\b[\\s\\S]{0,60}?\\b(?:respond|submit(?:ting)? (?:a |its |our |the (?:company['’]s )?)?responses?|provid(?:e|ing) (?:a |its |our )?responses?)\\b[\\s\\S]{0,160}?\\b${DEADLINE}\\s`,
    'i',
  ),
  new RegExp(`\\bresponses?\\b[\\s\\S]{0,60}?\\bwill be (?:submitted|provided|filed|sent|delivered)\\b[\\s\\S]{0,80}?\\b${DEADLINE}\\s`, 'i'),
];
/** The present request, over one reported from an earlier letter ("On July 27, 2016, MMC requested …"). */
const PRESENT_REQUEST_RE =
  /\b(?:hereby|respectfully|now|further|we|company|[A-Z]{2,})\s+(?:respectfully\s+)?requests?\b|\bwill (?:respond|submit|provide|be submitted)\b|\b(?:consented|agreed) to\b|\banticipates? (?:submitting|that)\b/i;
const UNTIL_RE = new RegExp(`\\b(?:until|to|through|no later than|on or before|on or about|by)\\s+(?:[A-Z][a-z]+day,?\\s+)?(${DATE_PATTERN})`, 'g');
const SUPPLEMENTAL_RE =
  /\bsupplement(?:al|s|ing)?\b[\s\S]{0,80}?\b(?:letter|response|information|submission|analysis)\b|\bin further response\b|\b(?:telephone|phone|oral|verbal)\b[\s\S]{0,40}?\b(?:call|conversation|comment|discussion)s?\b|\b(?:calls?|conversations?|discussions?|meetings?)\s+(?:with|held with)\s+(?:the\s+|members of the\s+)?staff\b|\b(?:during|following|after)\s+(?:our|the)\s+(?:\w+\s+){0,4}(?:call|conversation|discussion|meeting)\b|\bfollow-up questions\b|\b(?:concurrently|simultaneously)\b[\s\S]{0,60}?\bfil(?:ing|ed|es)\b|\baccompanying (?:amendment|registration statement|pre-effective)\b|\bthis (?:letter )?(?:will )?confirms? that\b|\bExxon Capital\b|\bShearman & Sterling\b/i;

/** Why a letter that answers no comment by number was written, from its opening paragraphs; undefined when it answers. */
export function purposeOf(
  blocks: readonly Block[],
  from: number,
  to: number,
):
  | (Span & { readonly kind: LetterPurpose; readonly until?: string; /** The letter asks now (not recalls an earlier request). */ readonly present?: boolean })
  | undefined {
  // A letter says what it is for in its opening paragraphs; later ones may be answers in prose.
  const end = Math.min(blocks.length, to, from + 10);
  let read = 0;
  let first: (Span & { kind: LetterPurpose }) | undefined;
  let until: string | undefined;
  let present = false;
  let asks = false;
  for (let i = from; i < end; i++) {
    const b = blocks[i]!;
    if (b.kind !== 'paragraph' && b.kind !== 'listItem') continue;
    if (countWords(b.text, 8) >= 8 && ++read > 4) break;
    const span = { start: b.start, end: b.end };
    for (const s of sentences(b.text.slice(0, 4000))) {
      // The first sentence that says what the letter is for decides; within it a withdrawal withdraws a request
      // for acceleration, and a request for acceleration is not one for more time.
      const kind: LetterPurpose | undefined = WITHDRAWAL_RE.test(s.text)
        ? 'withdrawal'
        : ACCELERATION_RE.test(s.text)
          ? 'acceleration'
          : TIME_RE.some((re) => re.test(s.text))
            ? 'time-request'
            : SUPPLEMENTAL_RE.test(s.text)
              ? 'supplemental'
              : undefined;
      if (kind && !first) first = { kind, ...span };
      if (kind === 'time-request' && first?.kind === 'time-request') {
        // The date asked for: the latest date the sentence names after "until", "to", "no later than" …; a request
        // made now wins over one the letter recalls.
        const now = PRESENT_REQUEST_RE.test(s.text);
        asks ||= now;
        UNTIL_RE.lastIndex = 0;
        let m: RegExpExecArray | null;
        while ((m = UNTIL_RE.exec(s.text)) !== null) {
          const iso = parseLetterDate(m[1]!);
          if (!iso) continue;
          if ((now && !present) || !until || (now === present && iso > until)) until = iso;
          present ||= now;
        }
      }
    }
  }
  if (!first) return undefined;
  return first.kind === 'time-request' ? { ...first, ...(until ? { until } : {}), present: asks } : first;
}
