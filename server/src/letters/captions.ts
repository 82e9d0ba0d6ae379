/**
 * Captions: the headings a staff letter writes above its comments, mirroring the filing ("Form 10-K …" >
 * "Item 5. Operating and Financial Review" > "Critical Accounting Policies" > "Goodwill, page 84"). Owns their rank
 * and how a run of captions before a comment extends the caption path. Pure.
 *
 * The path rule: a caption nests under the one before it in the same run; a run that starts with a ranked caption
 * ("Item 7.", "Note 4.", "Notes to …", a form) keeps the ancestors it plainly sits under; a run that starts with an
 * unranked title keeps only the form it is under. That reproduces what a reader sees (comment 3 of the 2017 seed
 * letter sits under "Discussion of Non-GAAP Financial Measures, page 5", not under the "Item 3." above comment 1).
 */
import { isCaptionLike } from '../parse/plainText';
import type { Caption } from './model';

const FORM_RE = /^(?:Forms? \d|Forms? [0-9A-Z]+-|Form [A-Z0-9-]+ (?:for|filed)|Schedule (?:TO|1[34][A-Z]|\d)|Amendment No|Amended |Registration Statement|Draft Registration|Draft Offering|Offering Statement|Definitive|Preliminary|Annual Report|Quarterly Report|Current Report|Proxy Statement|Post-Effective|Response Letter|Supplemental Response)/i;
const PART_RE = /^Part [IVX]+\b/i;
const ITEM_RE = /^(?:Items? \d|Management['’]s Discussion|(?:Consolidated |Combined )?Financial Statements|Exhibits?$|Exhibit \d|General$|Risk Factors|Business$|Prospectus Summary|Summary$|Executive Compensation|Selected Financial Data|Cover Page|Signatures$)/i;
const NOTES_RE = /^Notes? to (?:the )?(?:Consolidated |Combined |Condensed |Unaudited |Audited )*(?:Financial Statements|Statements)/i;
const NOTE_RE = /^(?:Note \d|Note [A-Z]\b|\d{1,2}\. [A-Z]|[A-Z]\. [A-Z]|Section \d|\([a-z]\) [A-Z])/;
const PAGE_RE = /,?\s*pages? [A-Z]{0,2}-?\d+(?:\s*(?:-|–|through|and|to)\s*[A-Z]{0,2}-?\d+)?\s*$/i;

export function captionRank(title: string): number {
  const t = title.trim();
  if (FORM_RE.test(t)) return 0;
  if (PART_RE.test(t)) return 1;
  if (NOTES_RE.test(t)) return 2.5;
  if (ITEM_RE.test(t)) return 2;
  if (NOTE_RE.test(t)) return 3;
  if (PAGE_RE.test(t)) return 5;
  return 4;
}

/** Whether a short block could be a caption at all (the reader still requires it to stand right before a comment). */
export function looksLikeCaption(text: string): boolean {
  const t = text.replace(/\*\*/g, '').trim();
  if (t.length === 0 || t.length > 160) return false;
  if (/^(dear|re:|sincerely|very truly|cc:|response\b|comment\b|\/s\/)/i.test(t)) return false;
  if (PAGE_RE.test(t) && !/[.;:]$/.test(t)) return true;
  return isCaptionLike(t);
}

/** Extends a caption path with the run of captions written before one comment. */
export function extendPath(path: readonly Caption[], run: readonly Caption[]): Caption[] {
  const stack = [...path];
  let runStart = stack.length;
  run.forEach((caption, i) => {
    if (i === 0) {
      // An unranked title starting a run keeps only the form it sits under; a ranked one pops to its level.
      if (caption.rank >= 4) while (stack.length > 0 && stack[stack.length - 1]!.rank > 0) stack.pop();
      else while (stack.length > 0 && stack[stack.length - 1]!.rank >= caption.rank) stack.pop();
      runStart = stack.length;
    } else {
      // Later captions of the run nest under earlier ones unless they are siblings (same or higher rank).
      while (stack.length > runStart && stack[stack.length - 1]!.rank >= caption.rank) stack.pop();
    }
    stack.push(caption);
  });
  return stack;
}

export function makeCaption(title: string, start: number, end: number): Caption {
  const clean = title.replace(/\*\*/g, '').replace(/\s+/g, ' ').trim();
  return { title: clean, rank: captionRank(clean), start, end };
}
