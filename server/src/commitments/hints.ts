/**
 * Hints that make commitments checkable, as LetterProblems the editor and `corresp check` can show: a promise that
 * names no filing or period (`commitment.no-target`), and a promise to revise where the staff asked to see the revised
 * disclosure but the answer gives none (`commitment.no-proposed-text`). Information level, each with a short why.
 * They fire only where the letter leaves the gap: a promise that takes its filing from an earlier one in the same
 * answer or from the letter's scope statement, that carries proposed text, or that only continues existing
 * disclosure gets no `no-target`; an answer with proposed text anywhere (or in an appendix) gets no
 * `no-proposed-text`. The codes are registered with the others in features/diagnostics.ts (DIAGNOSTIC_CODES). Pure.
 */
import type { LetterProblem, ResponseDraft, StaffLetter } from '../letters/model';
import { sentences } from '../letters/words';
import type { Commitment } from './model';

/**
 * A staff request to see the disclosure itself: "provide us with your proposed disclosure", "show us what your
 * revised disclosure will look like", "include your proposed revisions", "provide draft disclosure".
 */
const ASKS_FOR_TEXT_RE =
  /\b(?:provide|show|submit|furnish|include|give|send)\s+(?:to\s+)?(?:us\s+)?(?:with\s+)?(?:(?:your|the|a|any|an)\s+)?(?:(?:example|sample|draft|copy)\s+(?:of\s+)?(?:the\s+|your\s+)?)?(?:proposed|draft|revised|intended|future|sample|illustrative|expanded|enhanced)\s+(?:[\w-]+\s+){0,3}?(?:disclosures?|language|revisions?|text|presentations?|tables?|reconciliations?|discussions?|wording)\b|\bshow us (?:what|how)\b[^.]{0,80}\b(?:disclos|revis|look|present)|\bproposed (?:revised |expanded |draft )?disclosures? in your response\b|\bin your response,? (?:please )?(?:provide|include) (?:your |the )?(?:proposed|draft|revised)/i;

/** Verbs of a promise that changes the filing's words (not one that removes or renames, which needs no draft). */
const REVISING = new Set<Commitment['action']>(['add', 'revise']);

export interface HintContext {
  readonly draft: ResponseDraft;
  readonly staff?: StaffLetter;
}

/** The codes of the commitment hints (each in the one table of diagnostic codes). */
export type CommitmentProblemCode = 'commitment.no-target' | 'commitment.no-proposed-text';

/** The commitment hints for a response, as problems (information severity; settings may change or silence them). */
export function commitmentProblems(commitments: readonly Commitment[], context: HintContext): LetterProblem<CommitmentProblemCode>[] {
  const out: LetterProblem<CommitmentProblemCode>[] = [];
  // Proposed text anywhere in an answer covers every promise in it.
  const answersWithText = new Set<string>();
  for (const c of commitments) if (c.proposed) answersWithText.add(answerKey(c));
  const askedFor = (c: Commitment) => c.comments.some((n) => asksForText(requestText(n, c, context)));
  const hinted = new Set<string>();

  for (const c of commitments) {
    // Continuing what the filings already say, and filing or sending a document, need no period named.
    if (!c.target && !c.proposed && c.action !== 'continue' && c.action !== 'file') {
      out.push({
        code: 'commitment.no-target',
        severity: 'information',
        message:
          'This commitment names no filing or period. Say where it will appear (“in future filings”, “beginning with our Form 10-Q for the quarter ending …”): the staff reads the next filing against it, and an open promise is hard to keep or check.',
        start: c.start,
        end: c.end,
        data: { commitment: c.text.slice(0, 200) },
      });
    }
    const key = answerKey(c);
    if (REVISING.has(c.action) && !c.proposed && !answersWithText.has(key) && !hinted.has(key) && askedFor(c)) {
      hinted.add(key); // once per answer: the staff asked once
      out.push({
        code: 'commitment.no-proposed-text',
        severity: 'information',
        message: `The staff asked to see the revised disclosure${c.comments.length ? ` (comment ${c.comments.join(', ')})` : ''}, and this answer promises a revision without it. Set out the text you will file (“we propose to disclose the following: …”, additions underlined): without it the staff usually asks again in another letter.`,
        start: c.start,
        end: c.end,
        data: { comments: [...c.comments] },
      });
    }
  }
  return out;
}

function answerKey(c: Commitment): string {
  return c.anchor ? `a${c.anchor.start}` : `c${c.comments.join(',')}`;
}

/** What the staff asked in comment `n`: the staff letter's comment, or the comment the draft repeats. */
function requestText(n: number, c: Commitment, context: HintContext): string {
  const comment = context.staff?.comments.find((x) => x.number === n);
  if (comment) return comment.text;
  const anchor = context.draft.anchors.find((a) => c.anchor && a.start === c.anchor.start);
  return anchor?.quote?.text ?? '';
}

/** Whether a comment asks to see the proposed disclosure itself (not only to revise future filings). */
export function asksForText(comment: string): boolean {
  if (comment.length === 0) return false;
  for (const s of sentences(comment.length > 20_000 ? comment.slice(0, 20_000) : comment)) if (ASKS_FOR_TEXT_RE.test(s.text)) return true;
  return false;
}
