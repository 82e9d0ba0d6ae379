/**
 * Coverage of a response draft against its staff letter: for every staff comment, answered / placeholder /
 * missing, and what is wrong with the anchors (no such comment, duplicates, out of order, numbered as another
 * comment, a repeated comment whose words drifted from the staff's). Problems are located in the draft and carry
 * what their quick fixes need. Pure.
 */
import type { LetterProblem, LetterProblemCode, ResponseAnchor, ResponseDraft, StaffComment, StaffLetter } from './model';
import { rankComments } from './commentIndex';
import { longDate } from './dates';
import { COVERAGE_WINDOW, MISNUMBERED_MIN, OWN_QUOTE_MIN, PROSE_MATCH_MIN, PROSE_WINDOW, QUOTE_DRIFT_MIN } from './thresholds';
import { containment, wordDiff } from './words';
import { excerpt } from '../text/excerpt';

export type CommentStatus = 'answered' | 'placeholder' | 'missing';

export interface CommentCoverage {
  readonly number: number;
  readonly comment: StaffComment;
  readonly status: CommentStatus;
  /** The anchors that answer it, in document order. */
  readonly anchors: readonly ResponseAnchor[];
  /** Where a response to it belongs (after the previous comment's response), for a missing comment. */
  readonly insertAt: number;
  /** A missing comment's captions the draft already has where its answer belongs (not to be inserted again). */
  readonly captionsPresent?: readonly string[];
}

export interface ProseMatch {
  readonly number: number;
  readonly start: number;
  readonly end: number;
  readonly score: number;
}

export interface Coverage {
  readonly comments: readonly CommentCoverage[];
  readonly problems: readonly LetterProblem<LetterProblemCode>[];
  readonly answered: number;
  readonly total: number;
  /** Which comment each anchor answers (after resolving misnumbered anchors); undefined for no such comment. */
  readonly answers: ReadonlyMap<ResponseAnchor, readonly number[]>;
  /** Unanchored paragraphs that plainly match a comment's words. */
  readonly proseMatches: readonly ProseMatch[];
}

/**
 * Coverage of a draft against its staff letter, in six steps: which comments each anchor answers, duplicates and
 * order, quote drift, the status of every comment, missing and placeholder answers (or one diagnostic for a letter
 * with no anchors), blanks left to fill. Problems come in that order.
 */
export function coverageOf(draft: ResponseDraft, letter: StaffLetter): Coverage {
  const byNumber = new Map<number, StaffComment>();
  for (const c of letter.comments) if (!byNumber.has(c.number)) byNumber.set(c.number, c);
  const { answers, problems: anchorProblems } = answersOfAnchors(draft, letter, byNumber);
  const orderProblems = duplicateAndOrderProblems(draft, answers);
  const driftProblems = quoteDriftProblems(draft, letter, byNumber, answers);
  const { comments, answered } = commentStatuses(draft, letter, answers);
  const proseMatches = draft.anchors.length === 0 ? matchProse(draft, letter.comments) : [];
  const answerProblems =
    draft.anchors.length === 0 && letter.comments.length > 0 ? unanchoredProblems(draft, letter.comments.length, proseMatches) : unansweredProblems(comments);
  const problems = [...anchorProblems, ...orderProblems, ...driftProblems, ...answerProblems, ...blankProblems(draft)];
  return { comments, problems, answered, total: comments.length, answers, proseMatches };
}

/**
 * Step 1: which comments each anchor answers. A single-number anchor repeating another comment's words answers that
 * one (`anchor.misnumbered`); numbers the letter lacks answer nothing (`anchor.no-such-comment`).
 */
function answersOfAnchors(
  draft: ResponseDraft,
  letter: StaffLetter,
  byNumber: ReadonlyMap<number, StaffComment>,
): { answers: Map<ResponseAnchor, number[]>; problems: LetterProblem<LetterProblemCode>[] } {
  const problems: LetterProblem<LetterProblemCode>[] = [];
  let highestComment: number | undefined; // computed once, not once per unknown anchor (was O(anchors × comments))
  const answers = new Map<ResponseAnchor, number[]>();
  for (const anchor of draft.anchors) {
    let numbers = [...anchor.numbers];
    if (numbers.length === 1 && anchor.quote && letter.comments.length > 0) {
      const n = numbers[0]!;
      const own = byNumber.get(n);
      const ownScore = own ? containment(anchor.quote.text, own.text, COVERAGE_WINDOW) : 0;
      if (ownScore < OWN_QUOTE_MIN) {
        // The comment whose words it repeats, in one pass over the letter's index of word pairs.
        const top = rankComments(anchor.quote.text, letter.comments, COVERAGE_WINDOW)[0];
        const best = top && top.score > MISNUMBERED_MIN ? top.comment : undefined;
        if (best && best.number !== n) {
          problems.push({
            code: 'anchor.misnumbered',
            severity: 'warning',
            message: `Numbered ${n}, but it repeats the words of comment ${best.number}.`,
            start: anchor.numberSpan.start,
            end: anchor.numberSpan.end,
            data: { from: n, to: best.number },
          });
          numbers = [best.number];
        }
      }
    }
    const known = numbers.filter((n) => byNumber.has(n));
    const unknown = numbers.filter((n) => !byNumber.has(n));
    if (unknown.length > 0 && (letter.comments.length > 0 || letter.source !== 'response')) {
      highestComment ??= letter.comments.reduce((m, c) => Math.max(m, c.number), 0);
      const highest = highestComment;
      problems.push({
        code: 'anchor.no-such-comment',
        severity: 'error',
        message:
          highest > 0
            ? `The staff letter has no comment ${unknown.join(', ')} (its comments are 1–${highest}).`
            : `The staff letter has no numbered comments, so there is no comment ${unknown.join(', ')}.`,
        start: anchor.numberSpan.start,
        end: anchor.numberSpan.end,
        data: { numbers: unknown },
      });
    }
    answers.set(anchor, known);
  }
  return { answers, problems };
}

/** Step 2: comments answered twice (`anchor.duplicate`) and answers out of the staff letter's order (`anchor.out-of-order`). */
function duplicateAndOrderProblems(draft: ResponseDraft, answers: ReadonlyMap<ResponseAnchor, readonly number[]>): LetterProblem<LetterProblemCode>[] {
  const problems: LetterProblem<LetterProblemCode>[] = [];
  const seen = new Map<number, ResponseAnchor>();
  let highestSoFar = 0;
  for (const anchor of draft.anchors) {
    const numbers = answers.get(anchor)!;
    let annexed = false;
    for (const n of numbers) {
      const first = seen.get(n);
      // "Discover has provided its response in Annex A hereto": the answer in the annex is that answer, not a second
      // one, and the annex follows its own order.
      if (first && refersToAnnex(first)) {
        seen.set(n, anchor);
        annexed = true;
        continue;
      }
      if (first) {
        problems.push({
          code: 'anchor.duplicate',
          severity: 'warning',
          message: `Comment ${n} is answered twice; the first answer starts earlier in the draft.`,
          start: anchor.numberSpan.start,
          end: anchor.numberSpan.end,
          data: { number: n, first: first.start },
        });
      } else seen.set(n, anchor);
    }
    if (annexed) continue;
    const fresh = numbers.filter((n) => seen.get(n) === anchor);
    if (fresh.length > 0 && Math.min(...fresh) < highestSoFar) {
      problems.push({
        code: 'anchor.out-of-order',
        severity: 'warning',
        message: `Comment ${Math.min(...fresh)} comes after comment ${highestSoFar}; the staff letter's order is easier to follow.`,
        start: anchor.numberSpan.start,
        end: anchor.numberSpan.end,
        data: { number: Math.min(...fresh), after: highestSoFar },
      });
    }
    if (numbers.length > 0) highestSoFar = Math.max(highestSoFar, ...numbers);
  }
  return problems;
}

/** Step 3: repeated comments whose words differ from the staff's (`quote.drift`), page furniture and "[sic]" aside. */
function quoteDriftProblems(
  draft: ResponseDraft,
  letter: StaffLetter,
  byNumber: ReadonlyMap<number, StaffComment>,
  answers: ReadonlyMap<ResponseAnchor, readonly number[]>,
): LetterProblem<LetterProblemCode>[] {
  const problems: LetterProblem<LetterProblemCode>[] = [];
  let furnitureWords: Set<string> | undefined;
  const letterWords = () => (furnitureWords ??= letterFurnitureWords(letter));
  for (const anchor of draft.anchors) {
    const numbers = answers.get(anchor)!;
    if (!anchor.quote || numbers.length !== 1) continue;
    const comment = byNumber.get(numbers[0]!);
    if (!comment || comment.text.length === 0 || letter.source === 'response') continue;
    if (containment(anchor.quote.text, comment.text, COVERAGE_WINDOW) < QUOTE_DRIFT_MIN) continue;
    const raw = wordDiff(anchor.quote.text, comment.text);
    // What the staff letter's own page furniture left in the comment's text (its template's "FirstName LastName", the
    // addressee's name and the company's on every page) is no word of the comment the company should have repeated.
    // "[sic]" marks a staff word kept (or corrected) on purpose: neither it nor the word before it is a drift.
    const changes = raw.changes.filter((c) => (c.draft.length > 0 || !isLetterFurniture(c.staff, letterWords())) && !sicMarked(anchor.quote!.text, c));
    const diff = { tooDifferent: raw.tooDifferent, changes };
    if (!diff.tooDifferent && diff.changes.length === 0) continue;
    const shown = diff.changes
      .slice(0, 3)
      .map((c) => (c.draft && c.staff ? `“${c.draft}” for “${c.staff}”` : c.draft ? `“${c.draft}” added` : `“${c.staff}” left out`));
    problems.push({
      code: 'quote.drift',
      severity: 'warning',
      message: diff.tooDifferent
        ? `The repeated comment ${comment.number} differs from the staff's words in many places.`
        : `The repeated comment ${comment.number} differs from the staff's words: ${shown.join('; ')}${diff.changes.length > 3 ? ` (and ${diff.changes.length - 3} more)` : ''}.`,
      start: anchor.quote.start,
      end: anchor.quote.end,
      data: {
        number: comment.number,
        staffText: comment.text,
        changes: diff.changes.length,
        ...(diff.changes[0] ? { first: { words: driftWords(anchor.quote.text, diff.changes[0]) } } : {}),
      },
    });
  }
  return problems;
}

/** Step 4: answered / placeholder / missing for every comment in number order, with where a missing answer belongs. */
function commentStatuses(
  draft: ResponseDraft,
  letter: StaffLetter,
  answers: ReadonlyMap<ResponseAnchor, readonly number[]>,
): { comments: CommentCoverage[]; answered: number } {
  const comments: CommentCoverage[] = [];
  let answered = 0;
  const ordered = [...letter.comments].sort((a, b) => a.number - b.number);
  // Reliability: the anchors of each number and the numbers done are indexed once; searching every anchor for every
  // comment was O(comments × anchors), minutes for 10,000 comments.
  const anchorsOf = new Map<number, ResponseAnchor[]>();
  for (const a of draft.anchors) {
    for (const n of new Set(answers.get(a)!)) {
      const list = anchorsOf.get(n);
      if (list) list.push(a);
      else anchorsOf.set(n, [a]);
    }
  }
  const insertionPoint = insertionPoints(draft, answers);
  const done = new Set<number>();
  for (const comment of ordered) {
    if (done.has(comment.number)) continue;
    done.add(comment.number);
    const mine = anchorsOf.get(comment.number) ?? [];
    const status: CommentStatus = mine.length === 0 ? 'missing' : mine.some((a) => !a.response.placeholder) ? 'answered' : 'placeholder';
    if (status === 'answered') answered++;
    const insertAt = insertionPoint(comment.number);
    const present = status === 'missing' ? captionsAt(draft, comment, insertAt) : undefined;
    comments.push({
      number: comment.number,
      comment,
      status,
      anchors: mine,
      insertAt: present ? present.at : insertAt,
      ...(present ? { captionsPresent: present.titles } : {}),
    });
  }
  return { comments, answered };
}

/**
 * Step 5, a letter with no anchors: one plain diagnostic instead of one per comment. An error in a draft being
 * written (anchoring is what Corresp helps with there), information on a filed letter or on one that is no answer at
 * all (a request for more time or for acceleration, a supplemental letter).
 */
function unanchoredProblems(draft: ResponseDraft, commentCount: number, proseMatches: readonly ProseMatch[]): LetterProblem<LetterProblemCode>[] {
  const count = `${commentCount} staff comment${commentCount === 1 ? '' : 's'}`;
  const matched = [...new Set(proseMatches.map((m) => m.number))].sort((a, b) => a - b);
  const data = { matches: proseMatches.map((m) => ({ number: m.number, start: m.start, end: m.end })) };
  const at = { start: draft.frontMatter?.start ?? draft.bodyStart, end: draft.frontMatter ? draft.frontMatter.start + 3 : draft.bodyStart };
  if (draft.purpose) {
    return [
      {
        code: 'response.unnumbered',
        severity: 'information',
        message: purposeMessage(draft, count),
        start: draft.purpose.start,
        end: draft.purpose.start,
        data: { purpose: draft.purpose.kind, ...data },
      },
    ];
  }
  if (draft.frontMatter) {
    return [
      {
        code: 'draft.no-anchors',
        severity: 'error',
        message:
          `No comment anchors: this letter answers none of the ${count} by number` +
          (matched.length > 0 ? ` (some paragraphs match comments ${matched.join(', ')}; anchor them to count them).` : '.'),
        ...at,
        data,
      },
    ];
  }
  return [
    {
      code: 'response.unnumbered',
      severity: 'information',
      message:
        `Answers in prose, not by comment number` +
        (matched.length > 0
          ? `: its paragraphs match comment${matched.length === 1 ? '' : 's'} ${matched.join(', ')} of the ${count}.`
          : ` (none of its paragraphs repeats the words of the ${count}).`),
      ...at,
      data: { purpose: 'prose', ...data },
    },
  ];
}

/** Step 5, a letter with anchors: missing comments (`comment.missing`), empty answers and placeholders. */
function unansweredProblems(comments: readonly CommentCoverage[]): LetterProblem<LetterProblemCode>[] {
  const problems: LetterProblem<LetterProblemCode>[] = [];
  for (const c of comments) {
    if (c.status === 'missing') {
      problems.push({
        code: 'comment.missing',
        severity: 'error',
        message: `Comment ${c.number} is not answered${c.comment.caption.length ? ` (${c.comment.caption[c.comment.caption.length - 1]})` : ''}: ${excerpt(c.comment.text, 90)}`,
        start: c.insertAt,
        end: c.insertAt,
        data: { number: c.number, insertAt: c.insertAt },
      });
    } else if (c.status === 'placeholder') {
      for (const a of c.anchors) {
        if (a.response.text.length === 0) {
          // Nothing at all after the repeated comment: no answer, not a placeholder for one.
          problems.push({
            code: 'response.empty',
            severity: 'error',
            message: `Comment ${c.number} has no response: nothing follows the repeated comment.`,
            start: a.quote ? a.quote.end : a.end,
            end: a.quote ? a.quote.end : a.end,
            data: { number: c.number },
          });
          continue;
        }
        problems.push({
          code: 'response.placeholder',
          severity: 'warning',
          message: `The response to comment ${c.number} is only a placeholder.`,
          start: a.response.text.length > 0 ? a.response.start : a.start,
          end: a.response.text.length > 0 ? a.response.end : a.end,
          data: { number: c.number },
        });
      }
    }
  }
  return problems;
}

/** Step 6: blanks left to fill inside written answers (`response.blank`); a placeholder answer is reported as one. */
function blankProblems(draft: ResponseDraft): LetterProblem<LetterProblemCode>[] {
  const problems: LetterProblem<LetterProblemCode>[] = [];
  for (const anchor of draft.anchors) {
    if (anchor.response.placeholder) continue;
    for (const blank of anchor.response.blanks) {
      problems.push({
        code: 'response.blank',
        severity: 'warning',
        message: `A blank is left to fill: ${blank.text}`,
        start: blank.start,
        end: blank.end,
      });
    }
  }
  return problems;
}

/** A change that is "[sic]" itself, or the word just before a "[sic]" in the repeated comment. */
function sicMarked(quote: string, c: { draft: string; start: number; end: number }): boolean {
  if (/^\s*\[?\s*sic\s*\]?\s*$/i.test(c.draft)) return true;
  return c.draft.length > 0 && /^[\s*_]*\[sic\]/i.test(quote.slice(c.end, c.end + 12));
}

/** The draft's words that differ, or for words left out the words either side of the gap (to find in the source). */
function driftWords(quote: string, c: { draft: string; start: number; end: number }): string {
  if (c.draft.trim().length > 0) return c.draft;
  const before = /(\S+)\s*$/.exec(quote.slice(Math.max(0, c.start - 40), c.start))?.[1] ?? '';
  const after = /^\s*(\S+)/.exec(quote.slice(c.end, c.end + 40))?.[1] ?? '';
  return `${before} ${after}`.trim();
}

function purposeMessage(draft: ResponseDraft, count: string): string {
  switch (draft.purpose!.kind) {
    case 'time-request':
      return `A request for more time${draft.timeRequest?.until ? ` (until ${longDate(draft.timeRequest.until)})` : ''}, not an answer: none of the ${count} is answered yet.`;
    case 'acceleration':
      return `A request to accelerate effectiveness (Rule 461), not an answer to the ${count}.`;
    case 'withdrawal':
      return `A withdrawal of an earlier request, not an answer to the ${count}.`;
    default:
      return `A supplemental letter (after a call with the staff, or with an amendment), not an answer to the ${count} by number.`;
  }
}

/** The words a staff letter repeats as page furniture: its template's placeholders, the addressee's name, the company. */
function letterFurnitureWords(letter: StaffLetter): Set<string> {
  const set = new Set(['first', 'last', 'name', 'firstname', 'lastname', 'comapany', 'company', 'mr', 'ms', 'mrs', 'dr']);
  for (const text of [letter.company ?? '', letter.addressee?.[0] ?? '']) for (const w of furnitureTokens(text)) set.add(w);
  return set;
}

/** Words split where letters run into each other ("OneLastNameRichard" → one, last, name, richard), lower case. */
function furnitureTokens(text: string): string[] {
  return (text.match(/\p{Lu}?\p{Ll}+|\p{Lu}+(?!\p{Ll})|\p{N}+/gu) ?? []).map((w) => w.toLowerCase());
}

/** Words left out that are all the staff letter's furniture, with a name or a template word among them. */
function isLetterFurniture(text: string, known: ReadonlySet<string>): boolean {
  const tokens = furnitureTokens(text);
  const small = new Set(['of', 'the', 'and', 'inc', 'corp', 'co', 'llc', 'plc', 'ltd', 'd', 'e']);
  return (
    tokens.length > 0 &&
    tokens.every((t) => known.has(t) || small.has(t)) &&
    tokens.some((t) => known.has(t) && !['mr', 'ms', 'mrs', 'dr', 'company'].includes(t))
  );
}

function captionKey(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The missing comment's captions the draft already has between where its answer belongs and the next anchor (the
 * writer kept "Note 5. Income Taxes" and dropped the comment): its answer belongs under them, and they are not to be
 * written again.
 */
function captionsAt(draft: ResponseDraft, comment: StaffComment, at: number): { at: number; titles: string[] } | undefined {
  if (comment.caption.length === 0) return undefined;
  const wanted = new Set(comment.caption.map(captionKey));
  const next = draft.anchors.find((a) => a.start >= at)?.start ?? draft.closingStart;
  const found = draft.captions.filter((c) => c.start >= at && c.end <= Math.max(next, at) && wanted.has(captionKey(c.title)));
  if (found.length === 0) return undefined;
  return { at: found[found.length - 1]!.end, titles: found.map((c) => c.title) };
}

/** A short answer that points to an annex, appendix or exhibit of the letter for the answer itself. */
function refersToAnnex(anchor: ResponseAnchor): boolean {
  const t = anchor.response.text;
  return (
    t.length <= 600 &&
    /\b(?:annex|appendix|exhibit|attachment|schedule|enclosure|tab)\s+(?:[A-Z]|\d{1,2}|[IVX]{1,4})\b/.test(
      t.replace(/\b(Annex|Appendix|Exhibit|Attachment|Schedule|Enclosure|Tab)\b/gi, (w) => w.toLowerCase()),
    )
  );
}

/**
 * Where a response to comment n belongs: after the answer (ending last) to a lower comment, else before the answer
 * (starting first) to a higher one, else at the closing. Reliability: the same rule as a scan of every anchor per
 * comment, answered by binary search over anchors sorted by their highest (lowest) number with running maxima
 * (minima), so that all comments together cost O((anchors + comments) log anchors) instead of their product.
 */
function insertionPoints(draft: ResponseDraft, answers: ReadonlyMap<ResponseAnchor, readonly number[]>): (n: number) => number {
  const lows: Array<{ key: number; at: number }> = [];
  const highs: Array<{ key: number; at: number }> = [];
  for (const anchor of draft.anchors) {
    const nums = answers.get(anchor)!;
    if (nums.length === 0) continue;
    lows.push({ key: nums.reduce((m, x) => Math.max(m, x), -Infinity), at: anchor.extent.end });
    highs.push({ key: nums.reduce((m, x) => Math.min(m, x), Infinity), at: anchor.extent.start });
  }
  lows.sort((a, b) => a.key - b.key);
  highs.sort((a, b) => b.key - a.key);
  for (let i = 1; i < lows.length; i++) lows[i]!.at = Math.max(lows[i]!.at, lows[i - 1]!.at);
  for (let i = 1; i < highs.length; i++) highs[i]!.at = Math.min(highs[i]!.at, highs[i - 1]!.at);
  /** How many leading entries of `list` satisfy `ok` (ok holds for a prefix). */
  const count = (list: ReadonlyArray<{ key: number }>, ok: (key: number) => boolean): number => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ok(list[mid]!.key)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return (n) => {
    const below = count(lows, (k) => k < n);
    if (below > 0) return lows[below - 1]!.at;
    const above = count(highs, (k) => k > n);
    if (above > 0) return highs[above - 1]!.at;
    return draft.closingStart;
  };
}

/** Unanchored paragraphs whose words plainly match a comment (for prose-only responses). */
export function matchProse(draft: ResponseDraft, comments: readonly StaffComment[]): ProseMatch[] {
  const out: ProseMatch[] = [];
  for (const p of draft.prose) {
    let best: ProseMatch | undefined;
    // The few comments sharing most of the paragraph's word pairs (from the index), then both directions exactly.
    for (const { comment: c } of rankComments(p.text, comments, PROSE_WINDOW).slice(0, 5)) {
      const score = Math.max(containment(p.text, c.text, PROSE_WINDOW), containment(c.text, p.text, PROSE_WINDOW));
      if (score >= PROSE_MATCH_MIN && (!best || score > best.score)) best = { number: c.number, start: p.start, end: p.end, score };
    }
    if (best) out.push(best);
  }
  return out;
}
