/**
 * Counting words: the one place a "how many words" is measured. Two measures, named for what they count:
 * - `countWords`: whitespace-separated tokens (as `text.trim().split(/\s+/)` counts them, '' having none), counting no
 *   further than a limit. The readers' "is this short?" tests (a caption of at most 10 words, an anchor's text of
 *   fewer than 6) ask it of every block on every keystroke, hence the limit and no allocation.
 * - `countWordsWithLetters`: tokens holding a letter or digit, what a reader calls the words of a letter (a lone "—",
 *   "*" or "$" is none); the report's word counts.
 * Pure; no memo tables.
 */

/** Whether a UTF-16 code unit is whitespace as `\s` in a JavaScript regular expression has it. */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * How many whitespace-separated tokens `text` has (as `text.trim().split(/\s+/)` counts them, '' having none), counting
 * no further than `limit`: callers ask "fewer than 6?", and a draft asks it of every block on every keystroke.
 */
export function countWords(text: string, limit = Infinity): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const space = isSpace(text.charCodeAt(i));
    if (!space && !inWord) {
      if (++n >= limit) return n;
    }
    inWord = !space;
  }
  return n;
}

/** Words as a word processor counts them: runs of non-space holding a letter or digit ("850-10-50-1" is one). */
export function countWordsWithLetters(text: string): number {
  return text.split(/\s+/).filter((t) => /[\p{L}\p{N}]/u.test(t)).length;
}
