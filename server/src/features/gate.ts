/**
 * The pre-filing gate: what must be done before a response goes to the SEC, found the same way in the editor, in
 * `corresp check` and at `corresp export`. Finds the letter's own blanks outside the answers (the skeleton's "[Date]",
 * "Dear [Name]:", "[Title]", "[telephone]", "[email]", "/s/ [Name]"), the "Tandy" acknowledgment the staff asked for
 * (or one it no longer asks for), applies the writer's inline decisions (`<!-- corresp-ignore quote.drift -->` for
 * the next block), narrows a drifted quote to its first differing words, says which problems block filing, and
 * writes the short pre-filing checklist. Pure: offsets in, problems out; no IO, no protocol types.
 */
import { spanSet } from '../text/sorted';
import type { Problem } from './diagnostics';
import type { Block } from '../parse/blocks';
import { acknowledgmentBlockOf, letterFactsOf, placedBlanksOf } from '../letters/letterFacts';
import type { ResponseDraft, Severity, Span, StaffLetter } from '../letters/model';
import type { LetterFile } from '../letters/read';

export { blocksFiling, UNFINISHED_CODES } from './gateCodes';

/**
 * The letter's blanks outside its answers: the skeleton's ("[Date]", "[Name]", "[telephone]") anywhere but the
 * staff's repeated words, and in a Markdown draft any other blank ("[●]") in the opening or closing. Blanks inside
 * an answer are the answer's (response.blank, from coverage).
 */
export function skeletonBlankProblems(file: LetterFile, draft: ResponseDraft): Problem[] {
  // Known from the analysis cache's entry for a letter read from it (its blocks then stay unread), else from the blocks.
  const blanks = letterFactsOf(file)?.blanks ?? placedBlanksOf(file.blocks, file.kind === 'markdown');
  if (blanks.length === 0) return [];
  const quotes = spanSet(draft.anchors.flatMap((a) => (a.quote ? (a.quote.parts ?? [a.quote]) : [])));
  const answers = spanSet(draft.anchors.map((a) => a.response));
  const out: Problem[] = [];
  for (const f of blanks) {
    if (quotes.has(f.start)) continue;
    if (!f.skeleton && answers.has(f.start)) continue;
    out.push(
      f.skeleton
        ? { code: 'draft.skeleton-blank', severity: 'warning', message: `A blank of the letter is left to fill: ${f.text}`, start: f.start, end: f.end }
        : { code: 'response.blank', severity: 'warning', message: `A blank is left to fill: ${f.text}`, start: f.start, end: f.end },
    );
  }
  return out;
}

/**
 * Whether any block of the letter can hold the acknowledgment: a Markdown draft's blocks are its source without the
 * markup, so one whose source has neither "foreclose" nor "assert" (markup and line breaks do not fall inside a word;
 * a word spelt with a character reference, `&#102;oreclose`, is the one way past this) has none, and its blocks are
 * not each tested (a warm start takes them from the cache with no kept facts: 500 drafts' blocks tested cost 45 ms).
 * Other kinds' text is not their blocks' source (a PDF's hyphenated line ends, Word's HTML), so their blocks are
 * tested. Held to the blocks by test/unit/gate/acknowledgment.test.ts.
 */
function mayHoldAcknowledgment(file: LetterFile): boolean {
  return file.kind !== 'markdown' || /foreclose|assert/i.test(file.text);
}

/**
 * The acknowledgment the staff letter asks for and the response leaves out (a warning, at the closing), or gives
 * when the letter no longer asks for it (a hint: the staff stopped asking for it in late 2016).
 */
export function acknowledgmentProblems(file: LetterFile, draft: ResponseDraft, letter: StaffLetter): Problem[] {
  // Known from the analysis cache's entry for a letter read from it (its blocks then stay unread), else from the blocks.
  const known = letterFactsOf(file);
  const given = known ? (known.acknowledgment ?? undefined) : mayHoldAcknowledgment(file) ? acknowledgmentBlockOf(file.blocks) : undefined;
  // A filed letter may have sent it in a letter of its own (or asked for more time first): only a draft is told.
  const drafting = file.kind === 'markdown' || file.kind === 'docx';
  if (letter.asksAcknowledgment && !given && drafting && draft.anchors.length > 0) {
    const at = Math.min(draft.closingStart, file.text.length);
    return [
      {
        code: 'response.acknowledgment-missing',
        severity: 'warning',
        message:
          'The staff letter asks for a written statement acknowledging that the company is responsible for the adequacy and accuracy of its disclosure, that staff comments do not foreclose Commission action, and that staff comments are no defense; the response does not give it.',
        start: at,
        end: at,
      },
    ];
  }
  if (!letter.asksAcknowledgment && given && letter.comments.length > 0) {
    return [
      {
        code: 'response.acknowledgment-obsolete',
        severity: 'hint',
        message: 'The staff letter does not ask for the “Tandy” acknowledgment (the staff stopped asking for it in 2016); it can go.',
        start: given.start,
        end: given.end,
      },
    ];
  }
  return [];
}

// ── The writer's decisions: corresp-ignore ──────────────────────────────────────────────────────────────────────

const IGNORE_RE = /<!--\s*corresp-ignore\b([^>]{0,400}?)-->/g;

export interface IgnoreMarker {
  /** The marker itself. */
  readonly start: number;
  readonly end: number;
  /** The codes it names (a family such as "quote" or "citation.*" names them all); empty: every code. */
  readonly codes: readonly string[];
  /** Where it applies: the paragraph it sits in, or else the next block. */
  readonly applies: Span;
}

/** `<!-- corresp-ignore quote.drift response.blank -->` markers of a Markdown letter, and the blocks they cover. */
export function ignoreMarkers(file: LetterFile): IgnoreMarker[] {
  // Every marker opens an HTML comment: a text with none is passed over by one search for "<!--", which (its first
  // character rare in a letter) is ten times faster than a search for "corresp-ignore" and is run on every keystroke.
  if (file.kind !== 'markdown' || !file.text.includes('<!--')) return [];
  const out: IgnoreMarker[] = [];
  IGNORE_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = IGNORE_RE.exec(file.text)) !== null) {
    const start = m.index;
    const end = m.index + m[0].length;
    const codes = m[1]!.split(/[\s,]+/).filter((c) => /^[a-z][\w.*-]*$/i.test(c));
    const applies = coveredBy(file.blocks, start, end);
    if (applies) out.push({ start, end, codes, applies });
  }
  return out;
}

function coveredBy(blocks: readonly Block[], start: number, end: number): Span | undefined {
  const within = blocks.find((b) => b.kind !== 'html' && b.start <= start && end <= b.end);
  if (within) return { start: within.start, end: within.end };
  const next = blocks.find((b) => b.start >= end && b.kind !== 'html' && b.kind !== 'break');
  return next ? { start: next.start, end: next.end } : undefined;
}

function names(codes: readonly string[], code: string): boolean {
  if (codes.length === 0) return true;
  const family = code.split('.')[0]!;
  return codes.some((c) => c === code || c === family || c === `${family}.*`);
}

/** The problems left once the writer's markers have accepted theirs (the diagnostic starts in the covered block). */
export function applyIgnoreMarkers(file: LetterFile, problems: readonly Problem[]): Problem[] {
  const markers = ignoreMarkers(file);
  if (markers.length === 0) return [...problems];
  return problems.filter((p) => !markers.some((k) => p.start >= k.applies.start && p.start < k.applies.end && names(k.codes, p.code)));
}

// ── quote.drift: the differing words ────────────────────────────────────────────────────────────────────────────

/**
 * A drifted quote's range narrowed to its first differing words in the source (`data.first`: the draft's words, or
 * when words were left out, the words either side), so the editor underlines the difference, not the paragraph.
 */
export function narrowDrift(text: string, problem: Problem): Problem {
  const first = (problem.data as { first?: { words?: string } } | undefined)?.first;
  if (problem.code !== 'quote.drift' || !first?.words) return problem;
  const tokens = first.words.match(/[\p{L}\p{N}]+/gu);
  if (!tokens || tokens.length === 0 || tokens.length > 12) return problem;
  const re = new RegExp(tokens.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^\\p{L}\\p{N}]{1,12}'), 'u');
  const slice = text.slice(problem.start, problem.end);
  const m = re.exec(slice);
  if (!m) return problem;
  return { ...problem, start: problem.start + m.index, end: problem.start + m.index + m[0].length };
}

// ── The pre-filing checklist ───────────────────────────────────────────────────────────────────────────────────

export interface ChecklistInput {
  readonly problems: readonly { readonly code: string; readonly severity: Severity }[];
  readonly answered: number;
  readonly total: number;
  /** The letter's text (for omission marks and the Rule 83 legend). */
  readonly text: string;
  /** The due date line, when the staff letter sets one ("due July 12, 2017, 3 business days from today"). */
  readonly due?: string;
}

/** The short list a lawyer reads before filing: each line starts with ✓ or ✗ (or • for what only a person can judge). */
export function preFilingChecklist(input: ChecklistInput): string[] {
  const count = (codes: readonly string[]) => input.problems.filter((p) => codes.includes(p.code)).length;
  const mark = (ok: boolean) => (ok ? '✓' : '✗');
  const blanks = count(['response.blank', 'draft.skeleton-blank']);
  const drift = count(['quote.drift']);
  const open = input.total - input.answered;
  const redactions = (input.text.match(/\[\[confidential:|\[\*{3}\]|\[\* \* \*\]/gi) ?? []).length;
  const legend = /<!--\s*confidential-treatment\s*:|rule 83|confidential treatment requested/i.test(input.text);
  const lines = [
    `${mark(open === 0 && count(['comment.missing', 'response.placeholder', 'response.empty']) === 0)} comments answered: ${input.answered} of ${input.total}`,
    `${mark(drift === 0)} repeated comments match the staff's words${drift ? `: ${drift} drifted` : ''}`,
    `${mark(blanks === 0)} no blanks left to fill${blanks ? `: ${blanks}` : ''}`,
    redactions > 0
      ? `${mark(legend)} confidential treatment: ${redactions} redaction${redactions === 1 ? '' : 's'}${legend ? ', Rule 83 legend present' : '; no request for confidential treatment, so no Rule 83 legend (add <!-- confidential-treatment: Requester Name -->)'}`
      : `• confidential treatment: none requested`,
    input.due ? `• due date: ${input.due}` : '• due date: the staff letter sets none',
  ];
  return lines;
}
