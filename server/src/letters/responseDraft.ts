/**
 * Blocks → ResponseDraft: where the draft anchors each answer to a staff comment, what it repeats of the comment,
 * and what it answers. Anchor forms are those real responses use: headings ("Comment 1", "Comment No. 1",
 * "Response to Comment 1", "Comments 3 and 4", "Comments 3-5"), a paragraph or list item that starts with the number
 * and repeats the comment ("**1. We note …**", "1. Staff's comment: …", "1.We note"), "Comment 1:" labels, and an
 * explicit `<!-- comment 1 -->`.
 *
 * A numbered paragraph is ambiguous (responses hold numbered lists of their own), so a plain one counts as an anchor
 * only when it repeats its staff comment's words (with the staff letter at hand) or, without a staff letter, when it
 * continues the numbering and reads like a staff comment. Set-off styling (bold, italics), labels and headings make
 * an anchor on their own. Never throws; one pass over the blocks.
 */
import { Mark, marksFrom, sourceOffset, type Block, type Run } from '../parse/blocks';
import { blockFact, placedFact } from '../parse/blockFacts';
import { looksLikeCaption, makeCaption } from './captions';
import { DATE_PATTERN, parseLetterDate } from './dates';
import type { AnchorForm, Caption, FrontMatter, PriorCommentRef, ResponseAnchor, ResponseBody, ResponseDraft, Span, StaffLetter } from './model';
import { blanksIn, isPlaceholder } from './placeholders';
import { isRequest, priorRefsIn } from './requests';
import { leadingNumber, readHeader, trimClosingStars } from './staffLetter';
import { rankComments } from './commentIndex';
import { purposeOf } from './purpose';
import {
  ANCHOR_WINDOW,
  ANY_COMMENT_MIN,
  FRAGMENT_MIN,
  LABEL_FOLLOWS_QUOTE_MIN,
  OWN_COMMENT_MIN,
  QUOTE_CONTINUES_MIN,
  QUOTE_PART_NEW_MAX,
  QUOTE_PART_PLAIN_MIN,
  QUOTE_PARTS_COMPLETE,
  SHORT_TITLE_MIN,
  STRONG_ANCHOR_MIN,
} from './thresholds';
import { countWords } from '../text/wordCount';
import { bigrams, containment, wordNorms } from './words';

export interface ReadResponseOptions {
  /** The staff letter the draft answers, when known: plain numbered paragraphs are judged against its comments. */
  readonly staff?: StaffLetter;
  readonly frontMatter?: FrontMatter;
  /** Markdown: captions are headings. Other sources: short title-like paragraphs. */
  readonly markdown?: boolean;
  /** A team's own placeholder patterns (from .corresp.yaml), on top of the built-in ones. */
  readonly extraPlaceholders?: readonly RegExp[];
}

interface Candidate {
  readonly index: number;
  readonly numbers: number[];
  readonly form: AnchorForm;
  readonly strong: boolean;
  readonly numberSpan: Span;
  /** Where the repeated comment starts in the anchor block's text; -1 when it is not in this block. */
  readonly quoteFrom: number;
  /** A "Response to Comment N" heading: what follows is the answer, not a repeat of the comment. */
  readonly responseHeading: boolean;
}

// Reliability: wherever an optional piece stood between two \s* ("\s*(?:no\.?)?\s*"), it now carries its own trailing
// \s* ("\s*(?:no\.?\s*)?"): the same language, but a run of n spaces no longer splits n² ways when the match fails.
const NUMS = '(\\d{1,3}(?:\\s*(?:,|&|and|through|to|-|–|—)\\s*(?:and\\s+)?\\d{1,3})*)';
const HTML_ANCHOR_RE = new RegExp(`^<!--\\s*(?:corresp\\s*:\\s*)?comments?\\s*(?:no\\.?\\s*|#\\s*)?${NUMS}\\s*-->`, 'i');
const HEADING_ANCHOR_RE = new RegExp(
  `^(?:((?:company(?:['’]s)?\\s+)?responses?\\s+to\\s+(?:staff(?:['’]s)?\\s+)?)|(?:staff(?:['’]s)?\\s+))?comments?\\s*(?:(?:no\\.?|nos\\.?|number|numbers|#)\\s*)?${NUMS}\\b\\s*(?:[:.–—)-].*)?$`,
  'i',
);
const LABEL_ANCHOR_RE = new RegExp(`^(?:staff(?:['’]s)?\\s+)?comments?\\s*(?:(?:no\\.?|number|#)\\s*)?${NUMS}\\s*[:.–—)]\\s*`, 'i');
const COMMENT_LABEL_RE = /^\s*(?:(?:\*\*|__|[*_])\s*)?(?:the\s+)?(?:staff(?:['’]s)?\s+)?comments?\s*(?:(?:\*\*|__|[*_])\s*)?[:.–—]\s*(?:\*\*|__|[*_])?\s*/i;
export const RESPONSE_LABEL_RE =
  /^\s*(?:(?:\*\*|__|[*_])\s*)?(?:(?:the\s+)?company(?:['’]s)?\s+|our\s+)?responses?(?:\s+to\s+comments?\s*(?:no\.?\s*)?\d+)?\s*(?:(?:\*\*|__|[*_])\s*)?(?:[:.–—]|$)\s*(?:\*\*|__|[*_])?\s*/i;
/** "Caterpillar Response:", "Management's Response:", "CAPITAL ONE RESPONSE:": a capitalised name before the label. */
const NAMED_RESPONSE_LABEL_RE =
  /^\s*(?:(?:\*\*|__|[*_])\s*)?(?:[A-Z][\w&.'’-]*\s+){1,4}(?:Response|RESPONSE)S?\s*(?:(?:\*\*|__|[*_])\s*)?:\s*(?:\*\*|__|[*_])?\s*/;
/** A response label inside the paragraph that repeats the comment, after a sentence: "… Please revise. Response: We …". */
const INLINE_RESPONSE_LABEL_RE =
  /[.?!:)"”’]\s*(?:\*\*|__|[*_])?\s*((?:(?:[A-Z][\w&.'’-]*\s+){1,4})?(?:Response|RESPONSE)S?\s*(?:\*\*|__|[*_])?\s*:\s*(?:\*\*|__|[*_])?\s*)/g;

/** The lead-in of the "Tandy" acknowledgment, with its terms in it or in the blocks just after. */
function isAcknowledgment(blocks: readonly Block[], i: number): boolean {
  const t = blocks[i]!.text;
  if (!/\backnowledges? that\b/i.test(t) || t.length > 1500) return false;
  return blocks.slice(i, i + 3).some((b) => /\bforeclose the commission\b|\badequacy and accuracy of the disclosure\b/i.test(b.text));
}

/** Length of the response label opening `text` ("Response:", "The Company's Response:", "Caterpillar Response:"); -1 if none. */
function responseLabelEnd(text: string): number {
  const m = RESPONSE_LABEL_RE.exec(text) ?? NAMED_RESPONSE_LABEL_RE.exec(text);
  return m ? m[0].length : -1;
}

/** What ends the body for certain: the sign-off and the invitation to call. */
const CLOSING_RE =
  /^(?:(?:\*\s*){2,}$|sincerely|very truly yours|yours (?:truly|sincerely|faithfully)|respectfully(?: submitted)?,?$|best regards|kind regards|regards,|cordially|if you have any (?:additional |further |other )?(?:questions|comments)|should you have any|please (?:do not hesitate|feel free|contact|call|direct))/i;
/**
 * What ends the body only when nothing like an answer follows: an answer may open the same way ("We appreciate the
 * Staff's comment.", "The Company acknowledges that it provides …", "Thank you for the clarification").
 */
const SOFT_CLOSING_RE =
  /^(?:(?:we|i) (?:trust|hope) that|thank you for|the company (?:hereby )?acknowledges that|in connection with (?:responding|the company['’]s responses?)|in responding to (?:your|the staff['’]s) comments|we appreciate|we would (?:be pleased|be happy|welcome the opportunity) to|(?:we|i) look forward to|if the staff has any|(?:the company|we) (?:respectfully )?believes? (?:that )?(?:it|we|this letter|the foregoing)(?: has| have)? (?:appropriately |adequately |fully )?(?:responded|responds|addresse[sd]))/i;
/** A courtesy anywhere in a paragraph ("… Please feel free to contact me at …"): the paragraph closes the letter. */
const COURTESY_RE =
  /\bplease (?:do not hesitate|feel free) to (?:contact|call)|\bplease contact the undersigned\b|\b(?:if|should) (?:you|the staff) (?:have|has) any (?:additional |further |other )?(?:questions|comments)\b|\b(?:discuss|questions (?:about|regarding|concerning|on)) (?:any of )?(?:the foregoing|our|these) responses\b|\backnowledges? that (?:the company|it|we) (?:is|are) responsible for the (?:adequacy|accuracy)\b/i;
/** The sign-off line itself: what follows it is the signature, then enclosures and appendices. */
const SIGN_OFF_RE =
  /^(?:sincerely|very truly yours|yours (?:truly|sincerely|faithfully)|respectfully(?: submitted)?|best regards|kind regards|regards|cordially)(?:\s+yours)?\s*,?$/i;
/** A paragraph that introduces proposed disclosure: "… we will revise our disclosure as follows [changes in bold]:". */
const PROPOSED_INTRO_RE = /\b(?:disclos\w*|revis\w*|as follows|the following|language|to read|footnote|note \d+|MD&A|table)\b[^]{0,200}:\s*$/i;
/** The answer speaking to the staff again after proposed disclosure. */
const ANSWER_VOICE_RE =
  /^(?:(?:we|the company|[A-Z][\w&.'’-]* (?:Inc\.|Corporation|Company)) (?:respectfully|believes?|notes?|advises?|acknowledges?|confirms?|considered|also (?:note|advise|will)|will (?:also|continue|include|provide|revise|expand|enhance))|in response|as (?:noted|discussed|described|stated) (?:above|below|in)|additionally,|in addition,|furthermore,|please)/i;
const STAFFISH_RE =
  /^(?:we (?:note|continue|acknowledge|are aware|noticed|have|understand|refer|remind|reissue)|please|tell us|provide|refer|you |your |it (?:appears|is unclear|remains)|in your|the disclosure|explain|describe|confirm|clarify|revise|advise|similarly|paragraph|asc |with a specific|on page|section|item|rule|in addition|as previously|as you|given|we are unable)/i;

export function parseNumbers(text: string): number[] {
  const out: number[] = [];
  const parts = text.split(/\s*(?:,|&|\band\b)\s*/i);
  for (const part of parts) {
    const range = /^(\d{1,3})\s*(?:through|to|-|–|—)\s*(\d{1,3})$/i.exec(part.trim());
    if (range) {
      const a = Number(range[1]);
      const b = Number(range[2]);
      for (let n = a; n <= b && n - a < 100; n++) out.push(n);
    } else if (/^\d{1,3}$/.test(part.trim())) out.push(Number(part.trim()));
  }
  return [...new Set(out)];
}

function numbersSpan(block: Block, text: string, at: number): Span {
  const start = sourceOffset(block, at);
  return { start, end: Math.max(start + 1, sourceOffset(block, at + text.length)) };
}

/**
 * The anchor a block may be (read once per parsed block and kept with it: `placedFact`), at `index`.
 * Performance: a keystroke in a 1,000-comment draft asks this of every block; the blocks it left alone answer from
 * what was kept.
 */
function candidateOf(block: Block, index: number): Candidate | undefined {
  const cand = placedFact(block, 'anchor candidate', (b) => readCandidate(b, 0), moveCandidate);
  return !cand || cand.index === index ? cand : { ...cand, index };
}

function moveCandidate(cand: Candidate | undefined, delta: number): Candidate | undefined {
  return cand && { ...cand, numberSpan: { start: cand.numberSpan.start + delta, end: cand.numberSpan.end + delta } };
}

function readCandidate(block: Block, index: number): Candidate | undefined {
  if (block.quoteDepth > 0) return undefined;
  const text = block.text;
  if (block.kind === 'html') {
    const m = HTML_ANCHOR_RE.exec(text.trim());
    if (!m) return undefined;
    const at = text.indexOf(m[1]!);
    const span = { start: block.start + Math.max(0, at), end: block.start + Math.max(0, at) + m[1]!.length };
    return { index, numbers: parseNumbers(m[1]!), form: 'html-comment', strong: true, numberSpan: span, quoteFrom: -1, responseHeading: false };
  }
  if (block.kind === 'heading') {
    const m = HEADING_ANCHOR_RE.exec(text.trim());
    if (m) return headingCandidate(block, index, m, 'heading');
  }
  if (block.kind === 'paragraph' && text.length <= 60 && /comment/i.test(text)) {
    // "Comment No. 1" alone on its line (underlined or bold, no colon): a heading in all but markup.
    const m = HEADING_ANCHOR_RE.exec(text.trim());
    if (m && /^[^\p{L}]*$/u.test(text.trim().slice(text.trim().indexOf(m[2]!) + m[2]!.length))) return headingCandidate(block, index, m, 'label');
  }
  if (block.kind === 'paragraph' || block.kind === 'heading' || (block.kind === 'listItem' && block.depth <= 1)) {
    const label = block.kind !== 'listItem' ? LABEL_ANCHOR_RE.exec(text) : null;
    if (label) {
      return {
        index,
        numbers: parseNumbers(label[1]!),
        form: 'label',
        strong: true,
        numberSpan: numbersSpan(block, label[1]!, text.indexOf(label[1]!)),
        quoteFrom: label[0].length,
        responseHeading: false,
      };
    }
    const lead = leadingNumber(block);
    if (!lead) return undefined;
    const num = String(lead.number);
    const numberAt = block.marker ? -1 : text.indexOf(num);
    const numberSpan = block.marker ? { start: block.start, end: block.start + block.marker.length } : numbersSpan(block, num, numberAt);
    let quoteFrom = lead.restStart;
    const afterLabel = COMMENT_LABEL_RE.exec(text.slice(quoteFrom));
    const labelled = !!afterLabel && afterLabel[0].length > 0;
    if (labelled) quoteFrom += afterLabel![0].length;
    const rest = text.slice(quoteFrom).trim();
    const styled = rest.length > 0 && (marksFrom(block, quoteFrom) & (Mark.Strong | Mark.Emphasis)) !== 0;
    // "1. Summary of Significant Accounting Policies", "1. Cancer:": a numbered caption or list heading, not an anchor.
    if (!labelled && rest.length > 0 && !isPlaceholder(rest) && countWords(rest, 13) <= 12 && !/[.?]$/.test(rest) && !STAFFISH_RE.test(rest)) {
      if (looksLikeCaption(rest) || /:$/.test(rest) || block.kind === 'heading') return undefined;
    }
    return {
      index,
      numbers: [lead.number],
      form: block.kind === 'heading' ? 'heading' : 'numbered',
      strong: styled || labelled || block.kind === 'heading',
      numberSpan,
      quoteFrom: rest.length > 0 ? quoteFrom : -1,
      responseHeading: false,
    };
  }
  return undefined;
}

/** The anchor a "Comment 1" / "Response to Comment 1" heading or label line makes (HEADING_ANCHOR_RE: 2 the numbers, 1 "Response to"). */
function headingCandidate(block: Block, index: number, m: RegExpExecArray, form: AnchorForm): Candidate {
  return {
    index,
    numbers: parseNumbers(m[2]!),
    form,
    strong: true,
    numberSpan: numbersSpan(block, m[2]!, block.text.indexOf(m[2]!)),
    quoteFrom: -1,
    responseHeading: !!m[1],
  };
}

function isCaption(block: Block, markdown: boolean): boolean {
  if (block.kind === 'heading') return true;
  if (markdown) return false;
  return blockFact(block, 'caption', readsAsCaption);
}

/** A plain-text or HTML letter's paragraph that reads as a caption (Markdown captions are headings). */
function readsAsCaption(block: Block): boolean {
  if (block.kind !== 'paragraph' && !(block.kind === 'listItem' && /^\d{1,2}\.$|^[A-Z]\.$/.test(block.marker ?? ''))) return false;
  return looksLikeCaption(block.text) && !RESPONSE_LABEL_RE.test(block.text) && !COMMENT_LABEL_RE.test(block.text);
}

function isCommentLabel(block: Block): boolean {
  return blockFact(block, 'comment label', readsAsCommentLabel);
}

function readsAsCommentLabel(block: Block): boolean {
  return (
    (block.kind === 'paragraph' || block.kind === 'heading') &&
    COMMENT_LABEL_RE.test(block.text) &&
    block.text.replace(COMMENT_LABEL_RE, '').trim().length === 0
  );
}

function isResponseLabel(block: Block): boolean {
  return blockFact(block, 'response label', readsAsResponseLabel);
}

function readsAsResponseLabel(block: Block): boolean {
  if (block.kind !== 'paragraph' && block.kind !== 'heading' && block.kind !== 'listItem') return false;
  const m = RESPONSE_LABEL_RE.exec(block.text) ?? NAMED_RESPONSE_LABEL_RE.exec(block.text);
  if (!m) return false;
  // "Response:" / "Response" alone / "Responses:" — not "Response dated June 12" or "Responses to Follow-up Questions".
  const after = block.text.slice(m[0].length);
  return /[:.–—]\s*(?:\*\*|__|[*_])?\s*$/.test(m[0]) || after.trim().length === 0;
}

/** Whether an answer says it answers several comments, `numbers` among them ("Comments 1 and 2", "these comments"). */
function answersSeveral(blocks: readonly Block[], anchor: ResponseAnchor, numbers: readonly number[]): boolean {
  const label = anchor.response.label ? (blocks.find((b) => b.start <= anchor.response.label!.start && anchor.response.label!.start < b.end)?.text ?? '') : '';
  const head = `${label} ${anchor.response.text.slice(0, 400)}`;
  if (/\b(?:these|both|the (?:above|foregoing|preceding)|each of (?:these|the above)) (?:two |three |four |five )?(?:staff )?comments\b/i.test(head))
    return true;
  const re = /\bcomments\s*(?:nos?\.?\s*|numbers?\s*|#\s*)?(\d{1,3}(?:\s*(?:,|&|and|through|to|-|–|—)\s*(?:and\s+)?\d{1,3})+)/gi;
  let m: RegExpExecArray | null;
  while ((m = re.exec(head)) !== null) {
    const named = parseNumbers(m[1]!);
    if (numbers.every((n) => named.includes(n))) return true;
  }
  return false;
}

/** A block that opens with a response label and goes on with the answer: "Response: The Company …". */
function opensWithLabel(block: Block): boolean {
  return blockFact(block, 'opens with label', (b) => responseLabelEnd(b.text) >= 0 && /^[^:]{0,40}:/.test(b.text));
}

/** Where a response label starts inside a paragraph after at least a few words of the quote (from `from`); -1 if none. */
function inlineLabelAt(text: string, from: number): number {
  INLINE_RESPONSE_LABEL_RE.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = INLINE_RESPONSE_LABEL_RE.exec(text)) !== null) {
    const at = m.index + m[0].length - m[1]!.length;
    if (countWords(text.slice(from, at), 4) >= 4) return at;
  }
  return -1;
}

/** Reads a response draft (or a filed response letter) from blocks. */
export function readResponse(blocks: readonly Block[], options: ReadResponseOptions = {}): ResponseDraft {
  const draft = readWithin(blocks, options, blocks.length);
  // Comments reproduced after the sign-off (an appendix "set forth in bold type on Appendix 1") with no answer
  // beside them are a copy for reference, not answers: the letter answers above, or in prose.
  const signOff = signOffOf(blocks, draft.bodyStart);
  if (signOff < blocks.length) {
    const after = draft.anchors.filter((a) => a.start >= blocks[signOff]!.end);
    if (after.length > 0 && after.every((a) => a.response.text.trim().length === 0)) return readWithin(blocks, options, signOff);
  }
  return draft;
}

/** The first sign-off line ("Sincerely,", "Very truly yours,") after the body starts; blocks.length when none. */
function signOffOf(blocks: readonly Block[], bodyStart: number): number {
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.start < bodyStart || b.text.length > 40) continue;
    if (SIGN_OFF_RE.test(b.text.trim())) return i;
  }
  return blocks.length;
}

/**
 * Reads the draft, taking anchors only from blocks before `limit`, in six steps: the anchors, where the body ends,
 * the caption runs and each anchor's segment, the prose outside them, the letterhead facts and "prior comment N"
 * references, and what a letter that is no answer is for.
 */
function readWithin(blocks: readonly Block[], options: ReadResponseOptions, limit: number): ResponseDraft {
  const { staff, frontMatter, markdown = false, extraPlaceholders = [] } = options;
  const header = readHeader(blocks);
  // A letter that asks for confidential treatment (Rule 83) marks its omissions with "[*]" or "[***]".
  const redaction = blocks.some((b) =>
    blockFact(
      b,
      'asks confidential treatment',
      (x) => x.text.length < 2000 && (x.text.includes('83') || /onfidential/i.test(x.text)) && /confidential treatment|\b200\.83\b|\bRule 83\b/i.test(x.text),
    ),
  );
  const staffText = new Map<number, string>();
  for (const c of staff?.comments ?? []) if (!staffText.has(c.number)) staffText.set(c.number, c.text);

  const accepted = acceptedAnchors(blocks, limit, staff, staffText);
  const closing = closingOf(blocks, accepted, header.bodyStart);
  const { captions, runStarts, runs } = captionRuns(blocks, accepted, header.bodyStart, markdown);
  const { anchors, inAnchor } = anchorSegments(blocks, accepted, runStarts, runs, closing, (cand, segEnd, run) =>
    keptAnchor(blocks, cand, segEnd, run, staffText, extraPlaceholders, { markdown, redaction }),
  );
  shareAnswers(blocks, anchors, markdown);
  const prose = proseOutside(blocks, header.bodyStart, closing, inAnchor);
  const answersLetterDated = answersLetterDatedOf(blocks, header.bodyStart, runStarts);
  const priorRefs = priorRefsOf(blocks);
  const { purpose, timeRequest } = purposeAndTimeRequest(blocks, accepted, runs, header.bodyStart, closing);

  const bodyStartOffset = blocks[header.bodyStart]?.start ?? 0;
  return {
    kind: 'response',
    ...(frontMatter ? { frontMatter } : {}),
    ...(header.date ? { date: header.date } : {}),
    ...(header.company ? { company: header.company } : {}),
    ...(answersLetterDated ? { answersLetterDated } : {}),
    anchors,
    captions,
    priorRefs,
    prose,
    bodyStart: bodyStartOffset,
    closingStart: closing < blocks.length ? blocks[closing]!.start : (blocks[blocks.length - 1]?.end ?? 0),
    ...(timeRequest ? { timeRequest } : {}),
    ...(purpose ? { purpose: { kind: purpose.kind, start: purpose.start, end: purpose.end } } : {}),
    problems: [],
  };
}

/** Step 1: the anchor candidates of the blocks before `limit` that are anchors, in document order. */
function acceptedAnchors(blocks: readonly Block[], limit: number, staff: StaffLetter | undefined, staffText: ReadonlyMap<number, string>): Candidate[] {
  const accepted: Candidate[] = [];
  let last = 0;
  for (let i = 0; i < limit; i++) {
    const block = blocks[i]!;
    const cand = candidateOf(block, i);
    if (!cand) continue;
    // "Comment No. 1" over "1. We note …": the numbered paragraph is the comment the label anchors, not a second anchor.
    const prev = accepted[accepted.length - 1];
    if (prev && prev.index === i - 1 && prev.quoteFrom < 0 && !prev.responseHeading && cand.form === 'numbered' && prev.numbers.join() === cand.numbers.join())
      continue;
    if (isAnchor(blocks, cand, block, i, staff, staffText, last)) {
      accepted.push(cand);
      last = Math.max(...cand.numbers);
    }
  }
  return accepted;
}

/**
 * Whether a candidate is an anchor: set-off styling unless the staff letter shows the words are another text's; a
 * plain numbered paragraph when it repeats a comment's words, or without a staff letter when it continues the
 * numbering (`last`) and reads like a staff comment.
 */
function isAnchor(
  blocks: readonly Block[],
  cand: Candidate,
  block: Block,
  i: number,
  staff: StaffLetter | undefined,
  staffText: ReadonlyMap<number, string>,
  last: number,
): boolean {
  if (cand.strong) {
    // Set-off styling alone is not enough when the staff letter is at hand and the words are another text's.
    if (!staff || cand.form !== 'numbered' || cand.quoteFrom < 0) return true;
    const { rest, placeholder, words } = restOf(block, cand.quoteFrom);
    const own = staffText.get(cand.numbers[0]!);
    if (placeholder) return true;
    if (words < 6) {
      // "**6. Unpaid losses and loss expenses**", "**1. Revenue.**": a numbered note title above a comment, or a
      // bold item of a numbered list in an answer, unless they are the words of the comment they number.
      return own !== undefined && blockContainment(block, cand.quoteFrom, own) >= SHORT_TITLE_MIN && containment(own, rest, ANCHOR_WINDOW) >= SHORT_TITLE_MIN;
    }
    // Its own comment first (the usual answer), then the best match among all comments (one pass over an index).
    if (own !== undefined && blockContainment(block, cand.quoteFrom, own) >= STRONG_ANCHOR_MIN) return true;
    if ((rankComments(rest, staff.comments, ANCHOR_WINDOW)[0]?.score ?? 0) >= STRONG_ANCHOR_MIN) return true;
    return staffText.size === 0;
  }
  const inBlock = cand.quoteFrom >= 0 ? restOf(block, cand.quoteFrom) : undefined;
  const rest = inBlock ? inBlock.rest : nextText(blocks, i);
  if (staff) {
    if (inBlock ? inBlock.blank || inBlock.placeholder : rest.trim().length === 0 || isPlaceholder(rest)) return cand.numbers.every((n) => staffText.has(n));
    // Resemblance means something only with enough words to compare.
    if ((inBlock ? inBlock.words : countWords(rest, 6)) < 6) return false;
    // An item of a numbered list in an answer ("1. Core operating income excluding catastrophe losses") may quote a
    // comment's words; a repeated comment is the comment, so a short fragment must be most of one.
    if (countWords(rest, 12) < 12 && !/[.?!:]["”’)]*$/.test(rest.trim())) {
      return rankComments(rest, staff.comments, ANCHOR_WINDOW).some(
        (r) => r.score >= FRAGMENT_MIN && containment(r.comment.text, rest, ANCHOR_WINDOW) >= FRAGMENT_MIN,
      );
    }
    const own = staffText.get(cand.numbers[0]!);
    if (own !== undefined && (inBlock ? blockContainment(block, cand.quoteFrom, own) : containment(rest, own, ANCHOR_WINDOW)) >= OWN_COMMENT_MIN) return true;
    return (rankComments(rest, staff.comments, ANCHOR_WINDOW)[0]?.score ?? 0) >= ANY_COMMENT_MIN;
  }
  const n = cand.numbers[0]!;
  if (n !== last + 1) return false;
  const followedByLabel = i + 1 < blocks.length && isResponseLabel(blocks[i + 1]!);
  const wordsCount = countWords(rest, 6);
  return followedByLabel || (wordsCount >= 6 && (STAFFISH_RE.test(rest.trim()) || isRequest(rest)));
}

/** A block's text from `from` (where a repeated comment starts), with what the anchor test asks of it, kept with the block. */
function restOf(block: Block, from: number): { readonly rest: string; readonly blank: boolean; readonly placeholder: boolean; readonly words: number } {
  return blockFact(block, `rest ${from}`, (b) => {
    const rest = b.text.slice(from);
    return { rest, blank: rest.trim().length === 0, placeholder: isPlaceholder(rest), words: countWords(rest, 6) };
  });
}

/**
 * `containment` of a block's text from `from` in `whole` (a staff comment's text: the same string at every keystroke
 * while the staff letter is unchanged), kept with the block. Performance: a lookup by identity, where the memo table
 * hashes and compares both texts. A few wholes per block at most (a staff letter edited: its new texts).
 */
function blockContainment(block: Block, from: number, whole: string): number {
  const known = blockFact(block, `containment ${from}`, () => new Map<string, number>());
  let score = known.get(whole);
  if (score === undefined) {
    score = containment(from > 0 ? block.text.slice(from) : block.text, whole, ANCHOR_WINDOW);
    if (known.size >= 8) known.clear();
    known.set(whole, score);
  }
  return score;
}

/** An anchor as built from its segment, with what it was built from (kept with the anchor's block). */
interface BuiltAnchor {
  readonly anchor: ResponseAnchor;
  /** The segment's blocks (their runs: a block and its moved copies share them) and where each was. */
  readonly runs: readonly (readonly Run[])[];
  readonly starts: readonly number[];
  readonly staff: string | undefined;
  readonly extraPlaceholders: readonly RegExp[];
  readonly markdown: boolean;
  readonly redaction: boolean;
}

/**
 * `buildAnchor`, or the anchor built at an earlier keystroke when its segment is the same blocks, all moved by the same
 * amount (or not at all), against the same staff comment and settings: moved to where it is now, with this reading's
 * captions. Performance: building every anchor joins every answer's text anew (a megabyte on a 1,000-comment
 * draft) and each new text is hashed again by the checks that follow; a keystroke changes one segment.
 */
function keptAnchor(
  blocks: readonly Block[],
  cand: Candidate,
  segEnd: number,
  run: Caption[],
  staffText: ReadonlyMap<number, string>,
  extraPlaceholders: readonly RegExp[],
  letter: { readonly markdown: boolean; readonly redaction: boolean },
): ResponseAnchor {
  const anchorBlock = blocks[cand.index]!;
  const slot = blockFact(anchorBlock, 'built anchor', () => ({ built: undefined as BuiltAnchor | undefined }));
  const staff = staffText.get(cand.numbers[0]!);
  const was = slot.built;
  if (
    was &&
    was.runs.length === segEnd - cand.index + 1 &&
    was.staff === staff &&
    samePatterns(was.extraPlaceholders, extraPlaceholders) &&
    was.markdown === letter.markdown &&
    was.redaction === letter.redaction
  ) {
    const delta = anchorBlock.start - was.starts[0]!;
    let same = true;
    for (let k = 0; same && k < was.runs.length; k++) {
      const b = blocks[cand.index + k]!;
      same = b.runs === was.runs[k] && b.start - was.starts[k]! === delta;
    }
    if (same) {
      const anchor = delta === 0 ? was.anchor : moveAnchor(was.anchor, delta);
      return { ...anchor, captionsBefore: run, extent: { start: run.length > 0 ? run[0]!.start : anchor.start, end: anchor.extent.end } };
    }
  }
  const anchor = buildAnchor(blocks, cand, segEnd, run, staffText, extraPlaceholders, letter);
  const segment = blocks.slice(cand.index, segEnd + 1);
  slot.built = {
    anchor,
    runs: segment.map((b) => b.runs),
    starts: segment.map((b) => b.start),
    staff,
    extraPlaceholders,
    markdown: letter.markdown,
    redaction: letter.redaction,
  };
  return anchor;
}

function samePatterns(a: readonly RegExp[], b: readonly RegExp[]): boolean {
  return a === b || (a.length === b.length && a.every((re, i) => re.source === b[i]!.source && re.flags === b[i]!.flags));
}

/** An anchor with every offset in it moved by `delta` (its captions are the reading's own, set by the caller). */
function moveAnchor(a: ResponseAnchor, delta: number): ResponseAnchor {
  const move = <T extends Span>(s: T): T => ({ ...s, start: s.start + delta, end: s.end + delta });
  const { label, ...body } = a.response;
  return {
    ...move(a),
    numberSpan: move(a.numberSpan),
    ...(a.quote ? { quote: { ...move(a.quote), ...(a.quote.parts ? { parts: a.quote.parts.map(move) } : {}) } } : {}),
    response: { ...move(body), blanks: a.response.blanks.map(move), ...(label ? { label: move(label) } : {}) },
    extent: move(a.extent),
  };
}

/** The text of the block after `i` without a leading "Comment:" label (the comment a bare label anchors). */
function nextText(blocks: readonly Block[], i: number): string {
  const next = blocks[i + 1];
  return next ? next.text.replace(COMMENT_LABEL_RE, '') : '';
}

/** Step 2: where the body ends, the closing after the last anchor (or after the opening when there is none); blocks.length when none. */
function closingOf(blocks: readonly Block[], accepted: readonly Candidate[], bodyStart: number): number {
  const lastAnchor = accepted.length > 0 ? accepted[accepted.length - 1]!.index : bodyStart - 1;
  // Reliability: whether every block from i on is short or closing, computed once from the end (at first need)
  // instead of re-testing the rest of the draft at every thematic break (O(n²) for a draft of breaks).
  let quietFrom: Uint8Array | undefined;
  const quietAfter = (i: number): boolean => {
    if (!quietFrom) {
      quietFrom = new Uint8Array(blocks.length + 1);
      quietFrom[blocks.length] = 1;
      for (let j = blocks.length - 1; j > lastAnchor; j--) {
        const x = blocks[j]!;
        const t = x.text.trim();
        // The sign-off closes the letter: what follows it (signature, exhibits, an appendix) is not the body's.
        if (t.length <= 40 && SIGN_OFF_RE.test(t)) quietFrom[j] = 1;
        else quietFrom[j] = quietFrom[j + 1]! && (CLOSING_RE.test(t) || SOFT_CLOSING_RE.test(t) || COURTESY_RE.test(t) || x.text.length < 200) ? 1 : 0;
      }
    }
    return quietFrom[i + 1] === 1;
  };
  // The last answer's first paragraph is its answer however it opens ("We appreciate the Staff's request and …").
  let answerSeen = accepted.length === 0;
  for (let i = lastAnchor + 1; i < blocks.length; i++) {
    const b = blocks[i]!;
    const t = b.text.trim();
    // The "Tandy" acknowledgment ("… the Company acknowledges that: the Company is responsible for the adequacy …")
    // closes the letter even straight after a comment left without an answer: it is nobody's answer.
    const hard = CLOSING_RE.test(t) || isAcknowledgment(blocks, i);
    const soft = !hard && (SOFT_CLOSING_RE.test(t) || COURTESY_RE.test(t));
    if (b.kind === 'break' || hard || (soft && answerSeen)) {
      // A thematic break or a courtesy ends the body only when nothing that looks like an answer follows it.
      if (!hard && (b.kind === 'break' ? accepted.length > 0 : true) && !quietAfter(i)) continue;
      return i;
    }
    if (!isResponseLabel(b) || responseLabelEnd(t) < t.length - 1) {
      if (soft || opensWithLabel(b) || ((marksFrom(b) & (Mark.Strong | Mark.Emphasis)) === 0 && countWords(t, 8) >= 8)) answerSeen = true;
    }
  }
  return blocks.length;
}

/**
 * Step 3a: the caption run directly above each anchor (comment labels skipped) and the block it starts at. Only
 * headings directly above count in Markdown; a heading separated by prose is part of the previous answer.
 */
function captionRuns(
  blocks: readonly Block[],
  accepted: readonly Candidate[],
  bodyStart: number,
  markdown: boolean,
): { captions: Caption[]; runStarts: number[]; runs: Caption[][] } {
  const captions: Caption[] = [];
  const runStarts: number[] = [];
  const runs: Caption[][] = [];
  for (let k = 0; k < accepted.length; k++) {
    const floor = k === 0 ? bodyStart : accepted[k - 1]!.index + 1;
    let j = accepted[k]!.index - 1;
    const run: Caption[] = [];
    while (j >= floor && (isCaption(blocks[j]!, markdown) || isCommentLabel(blocks[j]!)) && !candidateOf(blocks[j]!, j)) {
      if (!isCommentLabel(blocks[j]!)) {
        const b = blocks[j]!;
        run.unshift(makeCaption(b.marker && b.kind === 'listItem' ? `${b.marker} ${b.text}` : b.text, b.start, b.end));
      }
      j--;
    }
    runStarts.push(j + 1);
    runs.push(run);
    captions.push(...run);
  }
  return { captions, runStarts, runs };
}

/**
 * Step 3b: each anchor built over its segment, which runs to the next caption run or anchor (or to the closing
 * courtesies before a sign-off in between), and which blocks the anchors hold.
 */
function anchorSegments(
  blocks: readonly Block[],
  accepted: readonly Candidate[],
  runStarts: readonly number[],
  runs: readonly Caption[][],
  closing: number,
  build: (cand: Candidate, segEnd: number, run: Caption[]) => ResponseAnchor,
): { anchors: ResponseAnchor[]; inAnchor: Uint8Array } {
  const anchors: ResponseAnchor[] = [];
  const inAnchor = new Uint8Array(blocks.length);
  for (let k = 0; k < accepted.length; k++) {
    const cand = accepted[k]!;
    let segEnd = (k + 1 < accepted.length ? runStarts[k + 1]! : closing) - 1;
    // A letter's sign-off before the next anchor (an enclosed letter, an annex answering the same comments): this
    // answer ends at the closing courtesies before it.
    if (k + 1 < accepted.length) {
      let signOff = -1;
      for (let i = cand.index + 1; i <= segEnd && signOff < 0; i++) if (blocks[i]!.text.length <= 40 && SIGN_OFF_RE.test(blocks[i]!.text.trim())) signOff = i;
      if (signOff > 0) {
        let end = signOff;
        for (let i = signOff - 1; i > cand.index && i >= signOff - 4; i--) {
          const t = blocks[i]!.text.trim();
          if (blocks[i]!.kind === 'break' || CLOSING_RE.test(t) || SOFT_CLOSING_RE.test(t)) end = i;
        }
        segEnd = end - 1;
      }
    }
    for (let i = runStarts[k]!; i <= Math.max(cand.index, segEnd); i++) inAnchor[i] = 1;
    anchors.push(build(cand, Math.max(cand.index, segEnd), runs[k]!));
  }
  return { anchors, inAnchor };
}

/**
 * Step 3c: comments repeated back to back, then one answer for them all: each comment with nothing of its own after it
 * shares the answer that follows (in place). In a draft being written an empty answer may just not be written yet, so
 * there the answer must say it answers them ("Response to Comments 1 and 2", "these comments").
 */
function shareAnswers(blocks: readonly Block[], anchors: ResponseAnchor[], markdown: boolean): void {
  for (let k = anchors.length - 2; k >= 0; k--) {
    const a = anchors[k]!;
    const next = anchors[k + 1]!;
    if (a.response.text.length > 0 || a.response.label || next.response.text.length === 0 || next.response.placeholder) continue;
    if (markdown && !answersSeveral(blocks, next, a.numbers)) continue;
    anchors[k] = { ...a, response: { ...next.response, blanks: [] } };
  }
}

/** Step 4: paragraphs of the body outside every anchor (prose-only responses; "anchor this paragraph" fixes). */
function proseOutside(blocks: readonly Block[], bodyStart: number, closing: number, inAnchor: Uint8Array): Array<Span & { text: string }> {
  const prose: Array<Span & { text: string }> = [];
  for (let i = bodyStart; i < closing; i++) {
    const b = blocks[i]!;
    if (inAnchor[i] || (b.kind !== 'paragraph' && b.kind !== 'listItem')) continue;
    if (countWords(b.text, 8) < 8) continue;
    prose.push({ text: b.text, start: b.start, end: b.end });
  }
  return prose;
}

/**
 * Step 5a: the date of the staff letter the opening says this answers. Only the opening says it: a repeated
 * comment's "our letter dated May 13, 2024" is the staff's.
 */
function answersLetterDatedOf(blocks: readonly Block[], bodyStart: number, runStarts: readonly number[]): string | undefined {
  let answersLetterDated: string | undefined;
  const openingEnd = Math.min(blocks.length, bodyStart + 6, runStarts.length > 0 ? runStarts[0]! : blocks.length);
  for (let i = bodyStart; i < openingEnd && !answersLetterDated; i++) {
    answersLetterDated = letterDateNamedIn(blocks[i]!.text.replace(/\s+/g, ' '));
  }
  return answersLetterDated;
}

/** Step 5b: every "prior comment N" of the letter, located in the source. */
function priorRefsOf(blocks: readonly Block[]): PriorCommentRef[] {
  const priorRefs: PriorCommentRef[] = [];
  for (const b of blocks) {
    if (b.kind === 'code' || b.kind === 'html') continue;
    for (const ref of placedFact(b, 'prior comment refs', priorRefsOfBlock, movePriorRefs)) priorRefs.push(ref);
  }
  return priorRefs;
}

function priorRefsOfBlock(b: Block): readonly PriorCommentRef[] {
  return priorRefsIn(b.text).map((ref) => ({
    numbers: ref.numbers,
    start: sourceOffset(b, ref.start),
    end: sourceOffset(b, ref.end),
    ...(ref.letterDate ? { letterDate: ref.letterDate } : {}),
  }));
}

function movePriorRefs(refs: readonly PriorCommentRef[], delta: number): readonly PriorCommentRef[] {
  return refs.map((r) => ({ ...r, start: r.start + delta, end: r.end + delta }));
}

/**
 * Step 6: what a letter with no anchors is for (a request for time or acceleration, a supplemental letter: it may
 * be no answer at all), and the more time a letter asks for, in its body or before its first anchor.
 */
function purposeAndTimeRequest(
  blocks: readonly Block[],
  accepted: readonly Candidate[],
  runs: readonly Caption[][],
  bodyStart: number,
  closing: number,
): { purpose: ReturnType<typeof purposeOf>; timeRequest: ResponseDraft['timeRequest'] } {
  const purpose = accepted.length === 0 ? purposeOf(blocks, bodyStart, Math.max(closing + 2, bodyStart + 4)) : undefined;
  const opening = accepted.length > 0 ? purposeOf(blocks, bodyStart, accepted[0]!.index - (runs[0]?.length ?? 0)) : undefined;
  const asked = purpose?.kind === 'time-request' ? purpose : opening?.kind === 'time-request' && opening.present ? opening : undefined;
  const timeRequest = asked ? { start: asked.start, end: asked.end, ...(asked.until ? { until: asked.until } : {}) } : undefined;
  return { purpose, timeRequest };
}

function buildAnchor(
  blocks: readonly Block[],
  cand: Candidate,
  segEnd: number,
  run: Caption[],
  staffText: ReadonlyMap<number, string>,
  extraPlaceholders: readonly RegExp[] = [],
  letter: { readonly markdown: boolean; readonly redaction: boolean } = { markdown: true, redaction: false },
): ResponseAnchor {
  const anchorBlock = blocks[cand.index]!;
  const staff = staffText.get(cand.numbers[0]!);

  // Where the repeated comment starts: in the anchor block, or the next block for headings, html anchors and a bare number.
  let quoteStartBlock = -1;
  let quoteFrom = 0;
  if (!cand.responseHeading) {
    if (cand.quoteFrom >= 0) {
      quoteStartBlock = cand.index;
      quoteFrom = cand.quoteFrom;
    } else if (cand.index + 1 <= segEnd) {
      const next = blocks[cand.index + 1]!;
      const label = COMMENT_LABEL_RE.exec(next.text);
      const lead = leadingNumber(next);
      const styled = (marksFrom(next) & (Mark.Strong | Mark.Emphasis)) !== 0;
      // After a heading or an explicit anchor, the next block repeats the comment only when it is set off (bold,
      // italics, its number, a "Comment:" label) or a "Response:" label follows it; otherwise it is the answer.
      const labelFollows = cand.index + 2 <= segEnd && isResponseLabel(blocks[cand.index + 2]!);
      if (
        !isResponseLabel(next) &&
        (label ||
          (lead && cand.numbers.includes(lead.number)) ||
          styled ||
          (labelFollows && staff !== undefined && blockContainment(next, 0, staff) >= LABEL_FOLLOWS_QUOTE_MIN) ||
          cand.form === 'numbered')
      ) {
        quoteStartBlock = cand.index + 1;
        quoteFrom = label ? label[0].length : lead && cand.numbers.includes(lead.number) ? lead.restStart : 0;
      }
    }
  }

  // Where the answer starts: after a "Response:" label, or after the blocks that continue the quote.
  let labelBlock = -1;
  /** Where the label starts in its block's text (0 unless it follows the quote in the same paragraph). */
  let labelAt = 0;
  const searchFrom = quoteStartBlock >= 0 ? quoteStartBlock : cand.index;
  for (let i = searchFrom; i <= segEnd; i++) {
    if (isResponseLabel(blocks[i]!) && !(i === cand.index && cand.quoteFrom < 0 && cand.form !== 'numbered')) {
      labelBlock = i;
      break;
    }
    // The label can also open the block that holds the answer: "Response: The Company …".
    if (i > searchFrom && opensWithLabel(blocks[i]!)) {
      labelBlock = i;
      break;
    }
  }
  let quoteEndBlock = quoteStartBlock;
  const quoteMarks =
    quoteStartBlock >= 0 ? marksFrom(blocks[quoteStartBlock]!, quoteStartBlock === cand.index ? quoteFrom : 0) & (Mark.Strong | Mark.Emphasis) : 0;
  if (quoteStartBlock >= 0) {
    if (labelBlock > quoteStartBlock) quoteEndBlock = labelBlock - 1;
    else {
      for (let i = quoteStartBlock + 1; i <= segEnd; i++) {
        const b = blocks[i]!;
        // The answer's first heading ("Overview of the Company's Contacts with Sudan and Syria", "Games with
        // Services.") may share the quote's style or words: a title is not a paragraph of the comment.
        const title =
          b.kind !== 'listItem' &&
          countWords(b.text, 12) < 12 &&
          !/[.?!:;]["”’)]*$/.test(b.text.trim()) &&
          !(staff !== undefined && countWords(b.text, 3) >= 3 && blockContainment(b, 0, staff) >= QUOTE_CONTINUES_MIN);
        const sameStyle = quoteMarks !== 0 && (marksFrom(b) & quoteMarks) === quoteMarks && !title;
        const inStaff =
          staff !== undefined &&
          b.text.length > 0 &&
          (b.kind === 'listItem' || countWords(b.text, 6) >= 6) &&
          blockContainment(b, 0, staff) >= QUOTE_CONTINUES_MIN;
        if (sameStyle || inStaff) quoteEndBlock = i;
        else break;
      }
    }
    // "Management's Response:" in the paragraph that repeats the comment: the quote ends there, the answer begins.
    for (let i = quoteStartBlock; i <= quoteEndBlock; i++) {
      const at = inlineLabelAt(blocks[i]!.text, i === quoteStartBlock ? quoteFrom : 0);
      if (at > 0) {
        quoteEndBlock = i;
        labelBlock = i;
        labelAt = at;
        break;
      }
    }
  }

  // The comment repeated in parts (a lead-in, then each bullet or lettered request with its own answer): later
  // paragraphs in the quote's style, or word for word the staff's, are more of the quote, not of the answer.
  // Only while the quote so far leaves some of the comment out, and only words it does not hold yet: an answer that
  // restates a request it has already quoted is answering it.
  const partBlocks = new Set<number>();
  if (quoteStartBlock >= 0 && staff !== undefined) {
    // The quote's word pairs, kept as a set that grows with each part, and how many of the comment's pairs it holds
    // (incremental: re-reading the quote so far at every part would be quadratic in a long segment).
    // Built at the first candidate only: most answers hold none, and a draft is re-read at every keystroke.
    let held: Set<string> | undefined;
    let staffPairs: Set<string> | undefined;
    let covered = 0;
    const hold = (text: string) => {
      for (const pair of bigrams(wordNorms(text))) {
        if (held!.has(pair)) continue;
        held!.add(pair);
        if (staffPairs!.has(pair)) covered++;
      }
    };
    let answered = false;
    for (let i = Math.max(quoteEndBlock + 1, labelBlock); i <= segEnd && !(staffPairs && covered >= QUOTE_PARTS_COMPLETE * staffPairs.size); i++) {
      const b = blocks[i]!;
      const t = i === labelBlock ? b.text.slice(labelAt + Math.max(0, responseLabelEnd(b.text.slice(labelAt)))) : b.text;
      if (b.kind === 'break' || t.trim().length === 0) continue;
      if (b.kind === 'table' || i === labelBlock || isResponseLabel(b) || opensWithLabel(b)) {
        answered = true;
        continue;
      }
      // The style of its words, not of a bullet glyph before them ("•We note …").
      const sameStyle = quoteMarks !== 0 && (marksFrom(b, Math.max(0, b.text.search(/[\p{L}\p{N}]/u))) & quoteMarks) === quoteMarks;
      if (answered && countWords(t, 6) >= 6 && containment(t, staff, ANCHOR_WINDOW) >= (sameStyle ? QUOTE_CONTINUES_MIN : QUOTE_PART_PLAIN_MIN)) {
        if (!held) {
          held = new Set<string>();
          staffPairs = new Set(bigrams(wordNorms(staff, 1000)));
          for (let j = quoteStartBlock; j <= quoteEndBlock; j++) hold(blocks[j]!.text);
          if (covered >= QUOTE_PARTS_COMPLETE * staffPairs.size) break;
        }
        const pairs = bigrams(wordNorms(t, ANCHOR_WINDOW));
        const old = pairs.filter((p) => held!.has(p)).length;
        if (old < QUOTE_PART_NEW_MAX * pairs.length) {
          partBlocks.add(i);
          hold(t);
          continue;
        }
      }
      answered = true;
    }
  }

  let quote: (Span & { text: string; parts?: Span[] }) | undefined;
  if (quoteStartBlock >= 0) {
    const parts: string[] = [];
    const pieceOf = (i: number, from: number, to: number) => {
      const b = blocks[i]!;
      // Reliability: trimClosingStars, not /\s*\*\*$/ (O(n²) on an inner run of spaces).
      const t = trimClosingStars(b.text.slice(from, to).replace(/^\*\*\s*/, '')).trim();
      if (t.length > 0) parts.push(b.kind === 'listItem' && i !== cand.index && !/^\d/.test(b.marker ?? '') ? `- ${t}` : t);
    };
    for (let i = quoteStartBlock; i <= quoteEndBlock; i++) {
      const b = blocks[i]!;
      pieceOf(i, i === quoteStartBlock ? quoteFrom : 0, i === labelBlock && labelAt > 0 ? labelAt : b.text.length);
    }
    for (const i of partBlocks) pieceOf(i, 0, blocks[i]!.text.length);
    const first = blocks[quoteStartBlock]!;
    const start = sourceOffset(first, quoteStartBlock === cand.index || quoteFrom > 0 ? quoteFrom : 0);
    const last = blocks[quoteEndBlock]!;
    const end = quoteEndBlock === labelBlock && labelAt > 0 ? sourceOffset(last, labelAt) : last.end;
    if (parts.length > 0) {
      quote = {
        text: parts.join('\n\n'),
        start,
        end,
        ...(partBlocks.size > 0 ? { parts: [{ start, end }, ...[...partBlocks].map((i) => ({ start: blocks[i]!.start, end: blocks[i]!.end }))] } : {}),
      };
    }
  }

  // The answer: everything after the quote (and the label) to the end of the segment, but the parts of the quote.
  const bodyFrom = labelBlock >= 0 ? labelBlock : quoteStartBlock >= 0 ? quoteEndBlock + 1 : cand.index + 1;
  const parts: string[] = [];
  let start = -1;
  let end = -1;
  let labelSpan: Span | undefined;
  const blanks: Array<Span & { text: string }> = [];
  const blankOptions = { redaction: letter.redaction, figures: !letter.markdown };
  // Proposed disclosure ("we will revise our disclosure as follows:", a table, a block quote) leaves its figures open
  // for the filing it will go into: those are not blanks of the answer.
  let proposed = 0;
  for (let i = bodyFrom; i <= segEnd; i++) {
    const b = blocks[i]!;
    if (b.kind === 'break' || partBlocks.has(i)) continue;
    let from = 0;
    if (i === labelBlock) {
      from = labelAt + Math.max(0, responseLabelEnd(b.text.slice(labelAt)));
      labelSpan = { start: sourceOffset(b, labelAt), end: sourceOffset(b, from) };
    } else if (partBlocks.size > 0 && (isResponseLabel(b) || opensWithLabel(b))) from = Math.max(0, responseLabelEnd(b.text));
    const t = b.text.slice(from).trim();
    if (start < 0) start = i === labelBlock ? sourceOffset(b, from) : b.start;
    end = b.end;
    if (t.length === 0) continue;
    parts.push(t);
    if (proposed > 0 && ANSWER_VOICE_RE.test(t)) proposed = 0;
    if (b.kind !== 'table' && b.quoteDepth === 0 && proposed === 0) {
      for (const blank of blanksIn(b.text.slice(from), extraPlaceholders, blankOptions)) {
        blanks.push({ text: blank.text, start: sourceOffset(b, from + blank.start), end: sourceOffset(b, from + blank.end) });
      }
    }
    proposed = t.endsWith(':') && PROPOSED_INTRO_RE.test(t) ? 6 : Math.max(0, proposed - 1);
  }
  const text = parts.join('\n\n');
  const placeholder = isPlaceholder(text, extraPlaceholders, blankOptions);
  const tail = quote ? quote.end : anchorBlock.end;
  const response: ResponseBody = {
    text,
    placeholder,
    blanks: placeholder ? [] : blanks,
    start: start >= 0 ? start : tail,
    end: end >= 0 ? end : tail,
    ...(labelSpan ? { label: labelSpan } : {}),
  };
  const lastBlock = blocks[segEnd]!;
  return {
    numbers: cand.numbers,
    form: cand.form,
    start: anchorBlock.start,
    end: anchorBlock.end,
    numberSpan: cand.numberSpan,
    ...(quote ? { quote } : {}),
    response,
    captionsBefore: run,
    extent: { start: run.length > 0 ? run[0]!.start : anchorBlock.start, end: Math.max(anchorBlock.end, lastBlock.end) },
  };
}

// "your letter dated …", "your May 9, 2017 comment letter", "comments received by letter dated …", and "the comment
// letter (the “Comment Letter”) of the Staff … of the U.S. Securities and Exchange Commission, dated May 20, 2024"
// (a parenthesis or a name may stand between; a stop inside an abbreviation does not end the sentence).
const NAMED_LETTER_RES = [
  new RegExp(`\\bletter,?\\s+(?:to [^.]{0,80}?\\s+)?dated\\s+(${DATE_PATTERN})`, 'gi'),
  new RegExp(`\\bletter\\b(?:[^.;]|\\.(?=\\S)){0,200}?,\\s*dated\\s+(${DATE_PATTERN})`, 'gi'),
  new RegExp(`\\byour (${DATE_PATTERN}),? (?:comment )?letter`, 'gi'),
  new RegExp(`\\b(?:letter|comments?) (?:received )?(?:by letter )?dated (${DATE_PATTERN})`, 'gi'),
];

/** The date of the staff letter a response's opening says it answers; never the staff's own "our letter dated". */
function letterDateNamedIn(text: string): string | undefined {
  for (const re of NAMED_LETTER_RES) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      if (!/\bour\s+(?:comment\s+)?$/i.test(text.slice(Math.max(0, m.index - 20), m.index))) return parseLetterDate(m[1]!);
      re.lastIndex = m.index + 1;
    }
  }
  return undefined;
}
