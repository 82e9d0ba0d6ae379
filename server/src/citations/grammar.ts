/**
 * Shared lexical pieces of the citation grammar: anchored (sticky) regular expressions with bounded
 * quantifiers, and the helpers that run them at an offset.
 *
 * Owns: the small vocabulary every parser uses (spaces, conjunctions, range words, paragraph designators).
 * Must not: scan a whole text, know about any one citation family, or use a pattern that can backtrack
 * more than a constant amount: every quantifier here is bounded, so one attempt costs O(1).
 */

/** Runs a sticky regex at `pos`; null when it does not match exactly there. */
export function at(re: RegExp, text: string, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  return re.exec(text);
}

/** Spaces between words; a line break with the next line's indentation counts (pdftotext output). */
export const WS = '[ \\t\\u00a0]{0,40}(?:\\r?\\n[ \\t\\u00a0]{0,80})?';
/** At least one space or a line break. */
export const WS1 = '(?:[ \\t\\u00a0]{1,40}(?:\\r?\\n[ \\t\\u00a0]{0,80})?|\\r?\\n[ \\t\\u00a0]{0,80})';
/** A hyphen joining number groups, possibly at a line end ("ASC 280-10-50-\n30(a)"). */
export const HYPHEN = '[-\\u2010\\u2011](?:[ \\t]{0,3}\\r?\\n[ \\t\\u00a0]{0,80})?';

/** "and", "or", ", and", ",", "&" between the members of a list; the match ends at the next member. */
export const LIST_JOIN = new RegExp(`(?:${WS},${WS}(?:(?:and|or)${WS1})?|${WS1}(?:and|or|&)${WS1})`, 'y');

/** "through", "to", an en or em dash between the ends of a range. */
export const RANGE_JOIN = new RegExp(`(?:${WS1}(?:through|thru|to)${WS1}|${WS}[\\u2013\\u2014]${WS})`, 'y');

/** Parenthesised designators: "(a)", "(b)(2)(ii)", "(A)". */
export const PARENS = /(?:\((?:[a-zA-Z]{1,4}|\d{1,3})\)){1,8}/y;

/** " of " (with an optional "the") introducing what a paragraph, item or rule belongs to. */
export const OF = new RegExp(`${WS1}of${WS1}(?:the${WS1})?`, 'y');

/** Splits "(b)(2)(ii)" into ["b", "2", "ii"]. */
export function parenParts(s: string): string[] {
  const out: string[] = [];
  const re = /\(([a-zA-Z0-9]{1,4})\)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) out.push(m[1]!);
  return out;
}

export function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9]/.test(c);
}

/** Removes the line breaks and indentation a designator was split by: "50-\n   30(a)" → "50-30(a)". */
export function unbreak(s: string): string {
  return s.replace(/\s+/g, '');
}
