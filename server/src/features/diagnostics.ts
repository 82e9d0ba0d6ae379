/**
 * Diagnostics for a letter: everything the editor's Problems panel and `corresp check` report, with stable dotted
 * codes and severities a user can change or switch off per code (or per code family: "citation"). Gathers the
 * front matter, the staff letter link, coverage, the due date, "prior comment N" references and citations. Editor
 * vocabulary, no protocol types: offsets, not positions.
 */
import { spanSet } from '../text/sorted';
import type { CommitmentProblemCode } from '../commitments/hints';
import { effectiveOf, type CitationProblem } from '../citations';
import type { Block } from '../parse/blocks';
import { citationProblemsIn } from '../citations/inBlocks';
import { letterFactsOf, placedCitationsOf, type PlacedCitation } from '../letters/letterFacts';
import { coverageOf, type Coverage } from '../letters/coverage';
import { longDate, parseLetterDate } from '../letters/dates';
import { dueBasisText, dueStatusOf, type DueRules, type DueThread } from '../letters/due';
import type { LetterProblem, LetterProblemCode, PriorCommentRef, ResponseDraft, Severity, Span, StaffLetter } from '../letters/model';
import { frontMatterOf, type LetterFile } from '../letters/read';
import { memos } from '../letters/memos';
import type { LetterAnalysis, OtherDraft, StaffLink } from '../analysis/letter';
import type { SeveritySetting } from '../analysis/settings';
import type { DueStatus } from '../letters/due';
import { acknowledgmentProblems, applyIgnoreMarkers, narrowDrift, skeletonBlankProblems } from './gate';

export type { SeveritySetting } from '../analysis/settings';
export type { StaffLink } from '../analysis/letter';

/** What the table says of a code: its default severity and what it means. */
export interface CodeInfo {
  readonly severity: Severity;
  readonly description: string;
}

/** Every code Corresp reports, with its default severity and what it means (for settings and docs). */
export const DIAGNOSTIC_CODES = {
  'comment.missing': { severity: 'error', description: 'A staff comment has no response.' },
  'response.placeholder': { severity: 'warning', description: 'A response is only a placeholder (TODO, TBD, [Response], [●] or empty).' },
  'response.empty': { severity: 'error', description: 'A repeated comment with nothing after it: it has no response yet.' },
  'response.blank': {
    severity: 'warning',
    description:
      'A blank is left to fill inside a written response ([●], TBD, [NTD: …]); figures left open in proposed disclosure and Rule 83 omission marks are not blanks.',
  },
  'draft.skeleton-blank': {
    severity: 'warning',
    description: 'A blank of the letter itself is left to fill ([Date], Dear [Name]:, [Title], [telephone], [email], /s/ [Name]).',
  },
  'draft.duplicate-response': { severity: 'warning', description: 'Two response drafts answer the same staff letter.' },
  'response.acknowledgment-missing': {
    severity: 'warning',
    description: 'The staff letter asks for the company\'s written acknowledgment (the "Tandy" statement) and the response does not give it.',
  },
  'response.acknowledgment-obsolete': {
    severity: 'hint',
    description: 'The response gives the "Tandy" acknowledgment the staff letter does not ask for (the staff stopped asking for it in 2016).',
  },
  'anchor.no-such-comment': { severity: 'error', description: 'An anchor names a comment the staff letter does not have.' },
  'anchor.duplicate': { severity: 'warning', description: 'A comment is answered more than once.' },
  'anchor.out-of-order': { severity: 'warning', description: "Anchors are not in the staff letter's order." },
  'anchor.misnumbered': { severity: 'warning', description: 'An anchor repeats the words of a different comment than its number.' },
  'quote.drift': { severity: 'warning', description: "A repeated comment's words differ from the staff's." },
  'draft.no-anchors': { severity: 'error', description: 'The response answers no comment by number.' },
  'response.unnumbered': {
    severity: 'information',
    description: 'A filed letter that answers no comment by number: a request for time or acceleration, a supplemental letter, or an answer in prose.',
  },
  'coverage.summary': { severity: 'information', description: 'How many comments are answered, on the front matter.' },
  'staff-letter.unreadable': { severity: 'error', description: 'The staff letter named in the front matter is missing or unreadable.' },
  'staff-letter.not-named': { severity: 'warning', description: 'A response draft does not name its staff letter.' },
  'frontmatter.invalid': { severity: 'error', description: 'The front matter is not valid YAML.' },
  'config.invalid': { severity: 'error', description: 'The .corresp.yaml configuration has a key or value Corresp cannot use (shown on the file, by line).' },
  'letter.unreadable': { severity: 'error', description: 'The letter itself cannot be analysed (too large, binary, no text).' },
  'letter.encoding': { severity: 'information', description: 'The file had to be decoded specially (invalid UTF-8, UTF-16 without BOM).' },
  'letter.tracked-changes': {
    severity: 'warning',
    description: 'A Word document has unaccepted tracked changes (read as accepted unless --changes original).',
  },
  'letter.word-comment': { severity: 'information', description: 'A Word comment in a .docx letter, shown where it is anchored (a note, not letter text).' },
  'letter.numbering-gap': { severity: 'warning', description: "The staff letter's comment numbers skip a number." },
  'prior-comment.unknown': { severity: 'warning', description: '"prior comment N" names a comment the prior letter does not have.' },
  'response.overdue': { severity: 'warning', description: 'The response due date has passed.' },
  'response.due-soon': { severity: 'warning', description: 'The response is due within due.warn-days-before days (set in .corresp.yaml).' },
  'response.sent-late': { severity: 'information', description: 'The response was sent after its due date and the thread shows no extension covering it.' },
  'citation.unknown-topic': { severity: 'warning', description: 'An ASC topic that does not exist.' },
  'citation.unknown-subtopic': {
    severity: 'warning',
    description:
      "An ASC subtopic that does not exist (numbers transposed, or a three-digit subtopic that names no topic); one only missing from Corresp's table is information.",
  },
  'citation.unknown-section': { severity: 'warning', description: 'An ASC section number the Codification does not use ("99" for "S99").' },
  'citation.superseded': { severity: 'information', description: 'A superseded ASC topic or subtopic, with what replaced it.' },
  'citation.malformed-range': { severity: 'warning', description: 'A citation range that ends before it starts or leaves its section.' },
  'citation.stray-hyphen': { severity: 'information', description: 'A citation written with a stray hyphen ("ASC-250-10-50-7").' },
  'commitment.no-target': {
    severity: 'information',
    description: 'A commitment that names no filing or period ("in future filings", "beginning with our Form 10-Q for …").',
  },
  'commitment.no-proposed-text': {
    severity: 'information',
    description: 'A promise to revise with no proposed text where the staff asked to see the revised disclosure.',
  },
  // Every code the letters layer and the commitment hints report must be a key: tsc names one that is missing.
} as const satisfies Readonly<Record<string, CodeInfo>> & Readonly<Record<LetterProblemCode | CommitmentProblemCode, CodeInfo>>;

/** A code of the table: the literal union every code a problem can carry is checked against. */
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** A problem of a letter as the features report it: its code one of the table's. */
export type Problem = LetterProblem<DiagnosticCode>;

export function isDiagnosticCode(code: string): code is DiagnosticCode {
  return Object.hasOwn(DIAGNOSTIC_CODES, code);
}

/** The table's entry for a code, when it is one of Corresp's. */
export function codeInfo(code: string): CodeInfo | undefined {
  return isDiagnosticCode(code) ? DIAGNOSTIC_CODES[code] : undefined;
}

/** The severity in force for a code: an exact setting, then the code family's ("citation"), then the default. */
export function severityFor(code: string, fallback: Severity, settings: Readonly<Record<string, SeveritySetting>> = {}): SeveritySetting {
  if (settings[code]) return settings[code]!;
  const family = code.split('.')[0]!;
  if (settings[family]) return settings[family]!;
  if (settings[`${family}.*`]) return settings[`${family}.*`]!;
  return fallback;
}

export function applySeverities(problems: readonly Problem[], settings: Readonly<Record<string, SeveritySetting>> = {}): Problem[] {
  const out: Problem[] = [];
  for (const p of problems) {
    const s = severityFor(p.code, p.severity, settings);
    if (s === 'off') continue;
    out.push(s === p.severity ? p : { ...p, severity: s });
  }
  return out;
}

export interface DraftContext {
  readonly file: LetterFile;
  readonly draft: ResponseDraft;
  readonly staff?: StaffLink;
  /** The staff letter "prior comment N" refers to, when the thread has it. */
  readonly prior?: StaffLetter;
  /** Today (ISO), for the due date; omitted means no due-date check. */
  readonly today?: string;
  /** A team's due-date rules (business days, firm holidays) from .corresp.yaml. */
  readonly dueRules?: DueRules;
  /** The thread's other responses to the staff letter and its later staff letters (extensions, reminders). */
  readonly dueThread?: DueThread;
  /** Warn this many calendar days before the due date (response.due-soon); none when undefined. */
  readonly warnDaysBefore?: number;
  readonly severities?: Readonly<Record<string, SeveritySetting>>;
  /** Coverage already computed for this draft and letter (the server's index has it); computed when absent. */
  readonly coverage?: Coverage;
  /** The due date already judged (the analysis has it); judged here when absent. */
  readonly due?: DueStatus;
  /** Other drafts answering the same staff letter (the analysis has them): `draft.duplicate-response`. */
  readonly otherDrafts?: readonly OtherDraft[];
}

/** Every diagnostic of an analysed letter (Problems panel, `corresp check`, the report), severities applied. */
export function diagnosticsOf(a: LetterAnalysis): readonly Problem[] {
  const severities = a.settings.severities;
  if (a.role === 'staff-letter') return a.letter ? staffLetterDiagnostics(a.file, a.letter, a.prior, severities) : [...fileProblems(a.file)];
  if (!a.draft) return [...fileProblems(a.file)];
  return draftDiagnostics({
    file: a.file,
    draft: a.draft,
    ...(a.staff ? { staff: a.staff } : {}),
    ...(a.prior ? { prior: a.prior } : {}),
    ...(a.coverage ? { coverage: a.coverage } : {}),
    ...(a.today ? { today: a.today } : {}),
    ...(a.settings.due ? { dueRules: a.settings.due } : {}),
    ...(a.dueThread ? { dueThread: a.dueThread } : {}),
    ...(a.settings.warnDaysBefore !== undefined ? { warnDaysBefore: a.settings.warnDaysBefore } : {}),
    ...(severities ? { severities } : {}),
    ...(a.due ? { due: a.due } : {}),
    ...(a.otherDrafts ? { otherDrafts: a.otherDrafts } : {}),
  }).problems;
}

export interface DraftReport {
  readonly problems: readonly Problem[];
  readonly coverage?: Coverage;
}

/**
 * One staff letter, one response: a draft that another draft answers the same staff letter as says which (at its
 * front matter, with a link to each other draft), so that neither is counted twice unnoticed.
 */
function duplicateResponseProblems(ctx: DraftContext, at: Span): Problem[] {
  const others = ctx.otherDrafts ?? [];
  if (others.length === 0 || !ctx.staff?.letter) return [];
  const staffShown = ctx.staff.path ?? 'its staff letter';
  return [
    {
      code: 'draft.duplicate-response',
      severity: 'warning',
      message: `${others.map((o) => o.path).join(', ')} also answer${others.length === 1 ? 's' : ''} ${staffShown}: keep one draft per staff letter.`,
      start: at.start,
      end: at.end,
      related: others.map((o) => ({ uri: o.uri, start: o.start, end: o.end, message: `${o.path} answers ${staffShown} too` })),
    },
  ];
}

/** All diagnostics for a response draft. */
export function draftDiagnostics(ctx: DraftContext): DraftReport {
  const { file, draft } = ctx;
  const out: Problem[] = [...fileProblems(file)];
  const fm = draft.frontMatter;
  const fmStart = file.frontMatter?.start ?? 0;
  const fmHead = { start: fmStart, end: Math.min(file.text.length, fmStart + 3) };

  if (ctx.staff?.failure) {
    const at = fm?.staffLetter ?? fmHead;
    out.push({
      code: 'staff-letter.unreadable',
      severity: 'error',
      // ("…; did you mean ./Staff.pdf?" ends the sentence itself.)
      message: `Staff letter ${ctx.staff.path ? `“${ctx.staff.path}” ` : ''}cannot be read: ${ctx.staff.failure}${ctx.staff.failure.endsWith('?') ? '' : '.'}`,
      start: at.start,
      end: at.end,
      data: { path: ctx.staff.path ?? null },
    });
  } else if (!ctx.staff && fm?.declaredKind === 'response' && !fm.staffLetter) {
    out.push({
      code: 'staff-letter.not-named',
      severity: 'warning',
      message: 'This response does not name its staff letter: add `staff-letter: path/to/letter.pdf` to the front matter.',
      ...fmHead,
    });
  }

  let coverage: Coverage | undefined;
  const letter = ctx.staff?.letter;
  if (letter) {
    coverage = ctx.coverage ?? coverageOf(draft, letter);
    out.push(...coverage.problems);
    if (fm && coverage.total > 0) {
      const missing = coverage.comments.filter((c) => c.status === 'missing').map((c) => c.number);
      const placeholder = coverage.comments.filter((c) => c.status === 'placeholder').map((c) => c.number);
      out.push({
        code: 'coverage.summary',
        severity: 'information',
        message:
          `${coverage.answered} of ${coverage.total} staff comments answered` +
          (missing.length ? `; missing: ${missing.join(', ')}` : '') +
          (placeholder.length ? `; placeholder only: ${placeholder.join(', ')}` : '') +
          '.',
        ...fmHead,
        data: { answered: coverage.answered, total: coverage.total },
      });
    }
    if (ctx.today) out.push(...dueProblems(ctx, letter));
    if (letter.source !== 'response') out.push(...acknowledgmentProblems(file, draft, letter));
  }
  out.push(...skeletonBlankProblems(file, draft));
  out.push(...duplicateResponseProblems(ctx, file.frontMatter ? fmHead : { start: 0, end: 0 }));

  out.push(...priorCommentProblems(draft.priorRefs, ctx.prior));
  // The staff's repeated words are theirs: a citation inside a repeated comment is not the writer's to fix.
  const quotes = draft.anchors.flatMap((a) => (a.quote ? [a.quote] : []));
  out.push(...letterCitationProblems(file, letter ? periodOf(letter) : undefined, quotes));
  const decided = applyIgnoreMarkers(file, out).map((p) => (p.code === 'quote.drift' ? narrowDrift(file.text, p) : p));
  return { problems: applySeverities(sorted(decided), ctx.severities), ...(coverage ? { coverage } : {}) };
}

/**
 * The response is overdue, due within the team's warning window, or was sent after its due date with no extension
 * the thread shows (a note, not a warning: the staff often agree more time by phone). A sent letter is judged by the
 * day it was sent, for ever.
 */
function dueProblems(ctx: DraftContext, letter: StaffLetter): Problem[] {
  const fm = ctx.draft.frontMatter;
  if (!ctx.today) return [];
  const due =
    ctx.due ??
    dueStatusOf({
      staff: letter,
      draft: ctx.draft,
      filed: ctx.file.kind !== 'markdown',
      today: ctx.today,
      ...(ctx.dueRules ? { rules: ctx.dueRules } : {}),
      ...(ctx.dueThread ? { thread: ctx.dueThread } : {}),
      ...(ctx.warnDaysBefore !== undefined ? { warnDaysBefore: ctx.warnDaysBefore } : {}),
    });
  if (!due) return [];
  const fmStart = ctx.file.frontMatter?.start ?? 0;
  const at = fm?.dueSpan ?? { start: fmStart, end: Math.min(ctx.file.text.length, fmStart + 3) };
  const basis = due.basis === 'front-matter' ? '' : ` (${dueBasisText(due)})`;
  switch (due.state) {
    case 'overdue':
      return [
        {
          code: 'response.overdue',
          severity: 'warning',
          message: due.timeAsked
            ? `The response was due ${longDate(due.date)}${basis}; the thread asked for more time without a date: set \`due:\` to the date the staff agreed.`
            : `The response was due ${longDate(due.date)}${basis}; ask the staff for more time if it is not sent.`,
          ...at,
          data: { due: due.date },
        },
      ];
    case 'due-soon':
    case 'due-today':
      if (ctx.warnDaysBefore === undefined) return [];
      return [
        {
          code: 'response.due-soon',
          severity: 'warning',
          message: `The response is due ${due.daysLeft === 0 ? 'today' : `in ${due.daysLeft} day${due.daysLeft === 1 ? '' : 's'}`}, ${longDate(due.date)}${basis}.`,
          ...at,
          data: { due: due.date, daysLeft: due.daysLeft },
        },
      ];
    case 'sent-late':
      return [
        {
          code: 'response.sent-late',
          severity: 'information',
          message:
            `Sent ${longDate(due.sent!)}, ${due.businessDaysLate} business day${due.businessDaysLate === 1 ? '' : 's'} after the due date, ${longDate(due.date)}${basis}. ` +
            'The thread shows no request for more time; the staff may have agreed one by phone.',
          ...at,
          data: { due: due.date, sent: due.sent! },
        },
      ];
    default:
      return [];
  }
}

/** Diagnostics for a staff letter open in the editor: its own prior-comment references and citations. */
export function staffLetterDiagnostics(
  file: LetterFile,
  letter: StaffLetter,
  prior?: StaffLetter,
  severities?: Readonly<Record<string, SeveritySetting>>,
): Problem[] {
  const refs = letter.comments.flatMap((c) => c.priorRefs);
  return applySeverities(
    sorted([...fileProblems(file), ...letter.problems, ...priorCommentProblems(refs, prior), ...citationProblems(file.blocks, periodOf(letter))]),
    severities,
  );
}

function fileProblems(file: LetterFile): Problem[] {
  const out: Problem[] = [];
  if (file.failure) out.push({ code: 'letter.unreadable', severity: 'error', message: `This file cannot be analysed: ${file.failure}.`, start: 0, end: 0 });
  for (const note of file.notes) out.push({ code: 'letter.encoding', severity: 'information', message: `This file was ${note}.`, start: 0, end: 0 });
  out.push(...(file.findings ?? []));
  for (const e of file.frontMatter?.errors ?? []) {
    out.push({ code: 'frontmatter.invalid', severity: 'error', message: `Front matter: ${e.message}`, start: e.start, end: e.end });
  }
  return out;
}

function priorCommentProblems(refs: readonly PriorCommentRef[], prior: StaffLetter | undefined): Problem[] {
  if (!prior || prior.comments.length === 0) return [];
  const known = new Set(prior.comments.map((c) => c.number));
  const out: Problem[] = [];
  for (const ref of refs) {
    if (ref.letterDate && prior.date && ref.letterDate !== prior.date) continue;
    const unknown = ref.numbers.filter((n) => !known.has(n));
    if (unknown.length === 0) continue;
    out.push({
      code: 'prior-comment.unknown',
      severity: 'warning',
      message: `The prior letter${prior.date ? ` (${longDate(prior.date)})` : ''} has no comment ${unknown.join(', ')}; its comments are ${[...known].sort((a, b) => a - b).join(', ')}.`,
      start: ref.start,
      end: ref.end,
      data: { numbers: unknown },
    });
  }
  return out;
}

/**
 * The start of the period a letter concerns (ISO), for judging whether a superseding standard was in force: the
 * fiscal year of an annual report ("Fiscal Year Ended December 31, 2016" → 2016-01-01), the end of another
 * period, or the letter's date.
 */
export function periodOf(letter: StaffLetter): string | undefined {
  for (const f of letter.filings) {
    const m = /(fiscal year|year|quarter(?:ly period)?|period)s?\s+ended\s+([A-Z][a-z]+\.? \d{1,2}, ?\d{4})/i.exec(f.description);
    const end = m ? parseLetterDate(m[2]!) : undefined;
    if (!end) continue;
    if (/year/i.test(m![1]!)) {
      const d = new Date(`${end}T00:00:00Z`);
      d.setUTCFullYear(d.getUTCFullYear() - 1);
      d.setUTCDate(d.getUTCDate() + 1);
      return d.toISOString().slice(0, 10);
    }
    return end;
  }
  return letter.date;
}

/**
 * Problems of the citations in a block's text, remembered by the text: after an edit only the blocks whose text
 * changed are scanned again (the cache is bounded, and a block's text is the whole key).
 */
function citationProblemsOf(text: string): readonly CitationProblem[] {
  // The table (letters/memos.ts) is bounded by characters and holds a copy of the text, which the problems are cut from.
  return memos().citations.get(text, (copy) => citationProblemsIn(copy)) as readonly CitationProblem[];
}

/**
 * Citation problems, located in the source through each block's text map; supersession judged as of `asOf`. A
 * citation that starts inside one of the `skip` ranges (the staff's comments a response repeats) is not reported.
 */
export function citationProblems(blocks: readonly Block[], asOf?: string, skip: readonly Span[] = []): Problem[] {
  // Kept with each block (a keystroke elsewhere, or the analysis cache's entry for a closed letter: citations/inBlocks.ts).
  return placedCitationProblems(placedCitationsOf(blocks, citationProblemsOf), asOf, skip);
}

/** `citationProblems` of a letter: from what its cache entry knew when it has no blocks decoded (`letterFacts.ts`), else from its blocks. */
export function letterCitationProblems(file: LetterFile, asOf?: string, skip: readonly Span[] = []): Problem[] {
  const known = letterFactsOf(file)?.citations;
  return known ? placedCitationProblems(known, asOf, skip) : citationProblems(file.blocks, asOf, skip);
}

function placedCitationProblems(placed: readonly PlacedCitation[], asOf: string | undefined, skip: readonly Span[]): Problem[] {
  const out: Problem[] = [];
  const skipped = spanSet(skip).has;
  for (const { problem: p, start, end, fix } of placed) {
    if (skipped(start)) continue;
    const effective = p.code === 'citation.superseded' && p.supersededBy ? effectiveOf(p.supersededBy.via) : undefined;
    if (effective && asOf && asOf <= effective.beginsAfter) {
      // Superseded later: in force for the period this letter concerns. Worth a hint, not a warning.
      out.push({
        code: p.code,
        severity: 'hint',
        message: `${p.message.replace(/\.$/, '')}, effective for periods beginning after ${longDate(effective.beginsAfter)}; it was in force for the period this letter concerns.`,
        start,
        end,
      });
      continue;
    }
    out.push({
      code: p.code,
      severity: p.severity,
      message: p.message,
      start,
      end,
      ...(p.fix && fix ? { data: { fix: { title: p.fix.title, start: fix.start, end: fix.end, newText: p.fix.newText } } } : {}),
    });
  }
  return out;
}

function sorted(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.start - b.start || a.end - b.end);
}

export { frontMatterOf };
