/**
 * Placeholders: what drafts hold where an answer will go (TODO, TBD, "[Response]", "[●]", an empty body), and
 * blanks left inside a written answer ("[●] million"). Decides whether a response counts as an answer. Pure.
 */
import { memos } from './memos';

/** Bracketed blanks: "[●]", "[•]", "[ ]", "[__]", "[X]", "[Response]", "[insert …]", "[Company to provide]". */
// Reliability: "\s*[…]*\s*" became "\s*(?:[…]+\s*)?" and "\s*(?:\*\*)?\s*" became "\s*(?:\*\*\s*)?": the same language,
// without n² ways to split a run of n spaces between two \s* when the match fails ("[" + 100,000 spaces).
// A note to the drafters in brackets ("[NTD: confirm with auditors before filing]", "[Note to draft: …]", "[TODO: …]")
// and an answer still to be written ("[Response to be provided]", "[to be confirmed]") are blanks too.
const BRACKET_BLANK_RE =
  /\[(?:\s*(?:[●•◆■□*_xX.…-]+\s*)?|\s*(?:response|insert[^\]]{0,80}|to come|tbd|tbc|todo|company to [^\]]{0,60}|[a-z ]{0,40}to (?:be )?(?:provide|confirm|update|come|provided|confirmed|updated|determined|drafted|completed|added|inserted|discussed|finali[sz]ed)[^\]]{0,40}|placeholder[^\]]{0,40}|●[^\]]{0,60}|(?:ntd|note to (?:draft|drafters?|client|company|[a-z]{1,20})|tbd|tbc|todo|fixme|drafting note)\b[^\]]{0,200})\s*)\]/gi;
/** "TODO", "TBD", "NTD", "FIXME", "XX" (two or more X standing alone: a figure or a name to come). */
const WORD_PLACEHOLDER_RE = /\b(?:TODO|TBD|TBC|TK|NTD|FIXME|XX+)\b/g;
/**
 * A drafter's note that runs to the end of its sentence: "TBD – awaiting finance team input.", "TODO: draft",
 * "NTD: confirm with auditors". Only for judging whether an answer says anything (its words are not the answer's).
 */
const NOTE_RE = /\b(?:TODO|TBD|TBC|TK|NTD|FIXME|note to (?:draft|drafters?|client|company))\b\s*(?:[:–—-]\s*)?[^.!?\n]*[.!?]?/gi;
/** What firms write for an answer to come: "Response to follow.", "Company to provide.", "(to be provided)". */
const PENDING_RE =
  /(?:\b(?:the\s+)?(?:response|answer|company|client|management|registrant|issuer|we)\s+(?:will\s+|to\s+)(?:follow|come|provide|confirm|respond|update|supply|advise)\b(?:\s+(?:later|shortly|separately|under separate cover))?|\(\s*(?:to be [a-z]+|to come|to follow|tbd|tbc|pending)\s*\)|\bto be (?:provided|confirmed|drafted|determined|completed|added|inserted|updated|finali[sz]ed)\b|\b(?:to come|to follow|pending|draft response|awaiting [^.!?\n]{0,80})\b)\.?/gi;
/**
 * The "Response:" label opening a body, only where it is a label (followed by a colon, a stop or a dash, or alone):
 * "Response to follow." is the placeholder itself, not a label followed by "to follow".
 */
const LABEL_RE =
  /^\s*(?:(?:\*\*|__|[*_])\s*)?(?:company(?:['’]s)?\s+|our\s+)?responses?(?:\s+to\s+comments?\s*(?:no\.?\s*)?\d+)?\s*(?:\*\*|__|[*_])?\s*(?:[:.–—-]|$)\s*(?:\*\*|__|[*_])?\s*/i;

export interface Blank {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** `extra`: a team's own placeholder patterns (from .corresp.yaml), on top of the built-in ones. */
function globalOf(re: RegExp): RegExp {
  return re.global ? re : new RegExp(re.source, `${re.flags}g`);
}

export interface BlankOptions {
  /** The letter requests confidential treatment (Rule 83): "[*]" marks an omission, not a blank. */
  readonly redaction?: boolean;
  /** Figures left open for a later filing ("$XXX.X million", "$[•]", "[●]%") are not blanks (a filed letter). */
  readonly figures?: boolean;
}

/**
 * Brackets that are never blanks: an ellipsis or alteration inside a quotation ("[…]", "[. . .]", "enjoin[]") and
 * the omission mark of a confidential-treatment request ("[***]", "[* * *]"; "[*]" where the letter asks for it).
 */
function neverBlank(text: string, at: number, match: string, options: BlankOptions): boolean {
  const inner = match.slice(1, -1).trim();
  if (/^(?:…|\.(?:\s*\.){2,})$/.test(inner)) return true;
  if (inner.length === 0 && (/[\p{L}]/u.test(text[at - 1] ?? '') || /[\p{L}]/u.test(text[at + match.length] ?? ''))) return true;
  if (/^\*(?:\s*\*)+$/.test(inner)) return true;
  return inner === '*' && options.redaction === true;
}

/** "$XXX.X", "XX,XXX.X", "XX.X%", "$X.X billion", "$[•]", "[●]%", "[ ] million": a figure to come, not a word. */
function isFigure(text: string, at: number, match: string): boolean {
  const before = text.slice(Math.max(0, at - 2), at);
  const after = text.slice(at + match.length, at + match.length + 12);
  if (/^X+$/.test(match) && (/[.,]$/.test(before) || /^[.,]X/.test(after))) return true;
  return /\$\s?$|[.,]$/.test(before) || /^(?:\.\d|\s?%|\s?(?:million|billion|thousand)\b|[.,]X)/i.test(after);
}

/** Blanks to fill inside a response's text (offsets into `text`). */
export function blanksIn(text: string, extra: readonly RegExp[] = [], options: BlankOptions = {}): Blank[] {
  const out: Blank[] = [];
  for (const re of [BRACKET_BLANK_RE, WORD_PLACEHOLDER_RE, ...extra.map(globalOf)]) {
    const isExtra = re !== BRACKET_BLANK_RE && re !== WORD_PLACEHOLDER_RE;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const blank = { text: m[0], start: m.index, end: m.index + m[0].length };
      if (m[0].length === 0) re.lastIndex++;
      if (!isExtra && re === BRACKET_BLANK_RE && neverBlank(text, m.index, m[0], options)) continue;
      if (!isExtra && options.figures && isFigure(text, m.index, m[0])) continue;
      if (!isExtra || !out.some((b) => b.start < blank.end && blank.start < b.end)) out.push(blank);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * True when the response says nothing yet: empty, or only placeholders and punctuation once its label is gone. An
 * answer whose words were omitted for confidential treatment ("[***]") says something: it was given in confidence.
 */
export function isPlaceholder(text: string, extra: readonly RegExp[] = [], options: BlankOptions = {}): boolean {
  if (extra.length > 0) return judgePlaceholder(text, extra, options);
  // A draft asks this of most of its blocks on every keystroke, and most blocks did not change: remember by text.
  // The tables (memos.ts) are bounded by characters and hold copies of the texts.
  const m = memos();
  return (options.redaction ? m.placeholdersRedacted : m.placeholders).get(text, (copy) => judgePlaceholder(copy, extra, options));
}

function judgePlaceholder(text: string, extra: readonly RegExp[], options: BlankOptions): boolean {
  if (/\[\s*\*(?:\s*\*)+\s*\]/.test(text) || (options.redaction && text.includes('[*]'))) return false;
  // Reliability: the label goes once, and only as a label. Stripping "Response" from "Response to follow." (after the
  // draft had already taken its "Response:" label off) left "to follow." and the placeholder read as an answer.
  let rest = text.replace(LABEL_RE, '');
  for (const re of extra) rest = rest.replace(globalOf(re), ' ');
  rest = rest.replace(BRACKET_BLANK_RE, ' ').replace(NOTE_RE, ' ').replace(PENDING_RE, ' ').replace(WORD_PLACEHOLDER_RE, ' ');
  return !/[A-Za-z0-9]{2,}/.test(rest);
}
