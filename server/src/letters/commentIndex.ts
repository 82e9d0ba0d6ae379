/**
 * Which staff comments a text repeats. An inverted index of each comment's word pairs, built once per staff letter,
 * ranks every comment by how much of a text it contains in one pass over the text's pairs, instead of comparing the
 * text with each comment in turn (which made each keystroke in a 1,000-comment draft compare suspicious anchors with
 * all 1,000 comments). Scores are exactly `containment(text, comment.text, maxWords)`.
 */
import type { StaffComment } from './model';
import { bigrams, wordNorms } from './words';

interface PairIndex {
  /** For each word pair, the comments (by index) whose text holds it, each once. */
  readonly postings: Map<string, number[]>;
}

const indexes = new WeakMap<readonly StaffComment[], PairIndex>();

function indexOf(comments: readonly StaffComment[]): PairIndex {
  let index = indexes.get(comments);
  if (!index) {
    const postings = new Map<string, number[]>();
    comments.forEach((c, i) => {
      for (const pair of new Set(bigrams(wordNorms(c.text)))) {
        const list = postings.get(pair);
        if (list) list.push(i);
        else postings.set(pair, [i]);
      }
    });
    index = { postings };
    indexes.set(comments, index);
  }
  return index;
}

export interface RankedComment {
  readonly comment: StaffComment;
  /** Fraction (0–1) of the text's word pairs (its first `maxWords` words) that the comment holds. */
  readonly score: number;
}

/** Comments holding any of the text's word pairs, best first. */
export function rankComments(text: string, comments: readonly StaffComment[], maxWords = 400): RankedComment[] {
  if (comments.length === 0) return [];
  const pairs = bigrams(wordNorms(text, maxWords));
  if (pairs.length === 0) return [];
  const { postings } = indexOf(comments);
  const counts = new Map<number, number>();
  for (const pair of pairs) {
    for (const i of postings.get(pair) ?? []) counts.set(i, (counts.get(i) ?? 0) + 1);
  }
  return [...counts]
    .map(([i, n]) => ({ comment: comments[i]!, score: n / pairs.length }))
    .sort((a, b) => b.score - a.score || a.comment.number - b.comment.number);
}
