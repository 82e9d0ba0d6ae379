/**
 * The reviewer's report: every thread of staff letters and response drafts, every comment with its caption,
 * status, response length, citations, due date and days left, a coverage bar per letter and a summary; rendered
 * as one self-contained HTML page (inline CSS, no scripts, nothing external, every piece of letter text escaped,
 * readable printed in black and white) or as Markdown. Each comment carries its topic tags (precedents/tags.ts), and each
 * response its commitments (what it promises for later, the comment, the filing named, proposed text or not). Also the per-letter analysis `corresp check` shares: the
 * diagnostics with a team's configuration (extra placeholders, due-date rules, severities) applied.
 *
 * Pure: letters in, data and strings out. The CLI reads the files; the extension can render the same HTML in a
 * webview.
 */
import type { Problem } from './diagnostics';
import { describeCitation, findCitations } from '../citations';
import type { CommentStatus, Coverage } from '../letters/coverage';
import { longDate } from '../letters/dates';
import { analysePieces, type LetterAnalysis, type StaffLink } from '../analysis/letter';
import type { AnalysisSettings } from '../analysis/settings';
import type { LetterDocument } from '../analysis/thread';
import { dueBasisText, type DueStatus, type DueThread } from '../letters/due';
import type { ResponseDraft, StaffLetter } from '../letters/model';
import type { LetterFile } from '../letters/read';
import { priorLetterAmong, sameFiler as sameFilerOf } from '../letters/thread';
import { LineIndex } from '../text/lineIndex';
import { diagnosticsOf } from './diagnostics';
import { commentOpenItems, letterOpenItems } from './openItems';
import { commitmentsOf } from '../commitments';
import { withoutLabel } from './commitmentsView';
import { tagsOf, topicTag } from '../precedents/tags';
import { countWordsWithLetters } from '../text/wordCount';
import { excerpt } from '../text/excerpt';
import { escapeHtml } from './htmlText';
import { escapeMarkdownLine } from './markdownText';

/** Characters of a comment the report shows. */
const REPORT_EXCERPT = 240;

// ── Analysis of one letter, with a team's settings ──────────────────────────────────────────────────────────────

export type { AnalysisSettings } from '../analysis/settings';

export interface LetterInput {
  /** The file's path as shown to the user. */
  readonly path: string;
  readonly file: LetterFile;
  /** A response draft (checked against its staff letter) or a staff letter checked on its own. */
  readonly role: 'response' | 'staff-letter';
  /** A response's staff letter: read, or why not; absent when the draft names none. */
  readonly staff?: StaffLink;
  /** The staff letter's identity (its URI): drafts of one letter share it. */
  readonly staffId?: string;
  /** The earlier staff letter "prior comment N" refers to, when at hand (see `priorLetterOf`). */
  readonly prior?: StaffLetter;
  /** A response's thread as due dates need it: other responses to its staff letter, later staff letters. */
  readonly dueThread?: DueThread;
  readonly settings?: AnalysisSettings;
}

export type { DueState } from '../letters/due';

/** A response's due date and where it stands (see `dueStatusOf`: the editor and `corresp check` judge the same way). */
export type DueInfo = DueStatus;

export interface AnalysedLetter {
  readonly input: LetterInput;
  /** The response as read (for a response). */
  readonly draft?: ResponseDraft;
  /** The staff letter: a response's, when it could be read, or the file itself for a staff letter. */
  readonly letter?: StaffLetter;
  readonly coverage?: Coverage;
  /** Every diagnostic, severities applied, in document order. */
  readonly problems: readonly Problem[];
  readonly due?: DueInfo;
}

/** An analysed letter as the report and `corresp check` take it: the analysis, its diagnostics, its paths as shown. */
export function reportLetterOf(a: LetterAnalysis, path: string): AnalysedLetter {
  const input: LetterInput = {
    path,
    file: a.file,
    role: a.role,
    ...(a.staff ? { staff: a.staff } : {}),
    ...(a.staffUri ? { staffId: a.staffUri } : {}),
    ...(a.prior ? { prior: a.prior } : {}),
    ...(a.dueThread ? { dueThread: a.dueThread } : {}),
    settings: a.settings,
  };
  return {
    input,
    ...(a.draft ? { draft: a.draft } : {}),
    ...(a.letter ? { letter: a.letter } : {}),
    ...(a.coverage ? { coverage: a.coverage } : {}),
    problems: diagnosticsOf(a),
    ...(a.due ? { due: a.due } : {}),
  };
}

/**
 * A letter given with its context rather than found in a workspace (the corpus runs, tests): the same analysis
 * (`analysePieces`) and diagnostics. `today` (ISO) enables the due-date diagnostics.
 */
export function analyseLetter(input: LetterInput, today?: string): AnalysedLetter {
  const analysis = analysePieces(input, input.settings ?? {}, today);
  return { ...reportLetterOf(analysis, input.path), input };
}

/** The staff letters of a workspace as the report lists them: identity (URI), path as shown, letter. */
export interface StaffLetterAtHand {
  readonly id: string;
  readonly path: string;
  readonly letter: StaffLetter;
}

/**
 * The staff letters of a workspace that join the report though no draft answers them yet: the Corresp Markdown and
 * Word staff letters among `docs` (a PDF, text or HTML letter is read only when a thread needs it, so it is not
 * listed: what a report holds must not depend on what happened to be read).
 */
export function staffLettersAtHand(docs: readonly LetterDocument[], shown: (uri: string) => string): StaffLetterAtHand[] {
  const out: StaffLetterAtHand[] = [];
  for (const d of docs) {
    if (d.kind === 'staff-letter' && d.letter && (d.file.kind === 'markdown' || d.file.kind === 'docx'))
      out.push({ id: d.uri, path: shown(d.uri), letter: d.letter });
  }
  return out;
}

/**
 * The report of a workspace's letters: the analysed letters (drafts, and staff letters named on their own) and the
 * staff letters at hand (those with no draft yet join the report), the drafts' own staff letters among them. One
 * function for `corresp report` and Show Coverage.
 */
export function workspaceReport(
  letters: readonly { readonly analysis: LetterAnalysis; readonly path: string }[],
  staffAtHand: readonly StaffLetterAtHand[],
  shown: (uri: string) => string,
  options: { readonly today?: string; readonly title?: string; readonly generator?: string } = {},
): Report {
  const staffLetters = new Map<string, StaffLetterAtHand>();
  for (const s of staffAtHand) staffLetters.set(s.id, s);
  for (const { analysis } of letters) {
    if (analysis.role === 'response' && analysis.staffUri && analysis.letter && !staffLetters.has(analysis.staffUri)) {
      staffLetters.set(analysis.staffUri, { id: analysis.staffUri, path: shown(analysis.staffUri), letter: analysis.letter });
    }
  }
  return reportModel({
    letters: letters.map((l) => reportLetterOf(l.analysis, l.path)),
    staffLetters: [...staffLetters.values()],
    ...(options.today ? { today: options.today } : {}),
    ...(options.title ? { title: options.title } : {}),
    ...(options.generator ? { generator: options.generator } : {}),
  });
}

/** Whether two staff letters are about the same filer (one File No. however zero-padded, or else one company). */
export const sameFiler = sameFilerOf;

/**
 * The letter among `known` that `letter`'s "prior comment N" refers to: the one of the date it names, same filer;
 * or, when it names none, the latest earlier letter of the same filer (the editor's workspace index uses the same rule).
 */
export function priorLetterOf(letter: StaffLetter | undefined, known: readonly StaffLetter[]): StaffLetter | undefined {
  return priorLetterAmong(letter, known, (k) => k);
}

// ── The report model ────────────────────────────────────────────────────────────────────────────────────────────

export type ReportStatus = CommentStatus | 'no-draft';

export interface ReportComment {
  readonly number: number;
  /** Caption path, outermost first. */
  readonly caption: readonly string[];
  /** The start of the staff's comment. */
  readonly excerpt: string;
  readonly status: ReportStatus;
  /** Words of the written response, as a word processor counts them (0 for a placeholder or a missing one). */
  readonly words: number;
  /** Canonical labels of the citations in the response ("ASC 350-20-35-30"), " (superseded)" when so. */
  readonly citations: readonly string[];
  /** 1-based line of the answer's anchor in the draft. */
  readonly line?: number;
  /** What is still open for this comment (missing, placeholder, blank, drift, citation), one line each. */
  readonly open?: readonly string[];
  /** The staff comment's topic tags ("non-gaap"), see precedents/tags.ts. */
  readonly tags: readonly string[];
}

/** A promise the response makes for later (see commitments/). */
export interface ReportCommitment {
  readonly comments: readonly number[];
  /** The promise, flattened (at most a few sentences). */
  readonly text: string;
  /** The filing or period named, as written; absent when it names none. */
  readonly target?: string;
  readonly proposed: boolean;
  /** 1-based line in the response. */
  readonly line: number;
}

export interface ReportCounts {
  readonly total: number;
  readonly answered: number;
  readonly placeholder: number;
  readonly missing: number;
}

export interface ReportLetter {
  /** "Staff letter of August 16, 2017". */
  readonly title: string;
  readonly date?: string;
  readonly company?: string;
  readonly filing?: string;
  readonly fileNumber?: string;
  readonly staffPath?: string;
  /** Why the staff letter could not be read, or that the draft names none. */
  readonly staffProblem?: string;
  /** The response draft; absent for a staff letter no draft in the paths answers. */
  readonly draftPath?: string;
  readonly comments: readonly ReportComment[];
  readonly counts: ReportCounts;
  readonly due?: DueInfo;
  /** A later staff letter in the thread answers this round's response: it was sent. */
  readonly followedBy?: string;
  readonly diagnostics: { readonly errors: number; readonly warnings: number; readonly notes: number };
  /** What is open in the letter outside its answers (skeleton blanks, the staff letter, the acknowledgment). */
  readonly open?: readonly string[];
  /** Another draft in the paths answers the same staff letter (this one is not counted again). */
  readonly duplicateOf?: string;
  /** The response's commitments, in document order (none for a staff letter without a draft). */
  readonly commitments: readonly ReportCommitment[];
}

export interface ReportThread {
  readonly title: string;
  readonly fileNumber?: string;
  /** Oldest first. */
  readonly letters: readonly ReportLetter[];
}

export interface ReportSummary extends ReportCounts {
  readonly threads: number;
  readonly letters: number;
  readonly drafts: number;
  /** Staff letters no draft in the paths answers (their comments are not in the totals). */
  readonly withoutDraft: number;
  readonly overdue: number;
  readonly dueSoon: number;
  readonly errors: number;
  readonly warnings: number;
  /** Commitments in the drafts. */
  readonly commitments: number;
}

export interface Report {
  readonly title: string;
  /** ISO date the report is as of. */
  readonly today?: string;
  /** "corresp 0.1.0". */
  readonly generator?: string;
  readonly summary: ReportSummary;
  readonly threads: readonly ReportThread[];
}

export interface ReportInputs {
  readonly letters: readonly AnalysedLetter[];
  /** Every staff letter at hand (named by the drafts or found in the paths), `path` as shown: letters with no draft yet join the report. */
  readonly staffLetters?: readonly { readonly id: string; readonly path: string; readonly letter: StaffLetter }[];
  readonly today?: string;
  readonly title?: string;
  readonly generator?: string;
}

interface Round {
  readonly id: string;
  readonly letter?: StaffLetter;
  readonly staffPath?: string;
  readonly analysed?: AnalysedLetter;
}

/** Threads and rounds from analysed letters: drafts of one staff letter, and letters linked by their prior-letter date. */
export function reportModel(inputs: ReportInputs): Report {
  const rounds: Round[] = [];
  const answeredIds = new Set<string>();
  const shownPath = new Map((inputs.staffLetters ?? []).map((s) => [s.id, s.path]));
  for (const a of inputs.letters) {
    if (a.input.role !== 'response') continue;
    const id = a.input.staffId ?? `draft:${a.input.path}`;
    answeredIds.add(id);
    const staffPath = (a.input.staffId ? shownPath.get(a.input.staffId) : undefined) ?? a.input.staff?.path;
    rounds.push({ id, ...(a.letter ? { letter: a.letter } : {}), ...(staffPath ? { staffPath } : {}), analysed: a });
  }
  const unanswered = new Map<string, { path: string; letter: StaffLetter }>();
  for (const s of inputs.staffLetters ?? []) if (!answeredIds.has(s.id)) unanswered.set(s.id, s);
  for (const a of inputs.letters) {
    if (a.input.role === 'staff-letter' && a.letter && !answeredIds.has(a.input.staffId ?? a.input.path)) {
      unanswered.set(a.input.staffId ?? a.input.path, { path: a.input.path, letter: a.letter });
    }
  }
  for (const [id, s] of unanswered) if (!sameLetterAmong(s.letter, rounds)) rounds.push({ id, letter: s.letter, staffPath: s.path });

  // Union rounds into threads: same staff letter, or a letter whose prior letter is another round's.
  const parent = rounds.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const join = (i: number, j: number) => {
    parent[find(i)] = find(j);
  };
  for (let i = 0; i < rounds.length; i++) {
    for (let j = 0; j < rounds.length; j++) {
      if (i !== j && rounds[i]!.id === rounds[j]!.id) join(i, j);
    }
    // The same rule as "prior comment N" everywhere: the letter it names, or the latest earlier one of the filing.
    const prior = priorLetterAmong(rounds[i]!.letter, rounds, (r) => r.letter);
    if (prior) join(i, rounds.indexOf(prior));
  }
  const groups = new Map<number, Round[]>();
  rounds.forEach((r, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), r]);
  });

  const threads: ReportThread[] = [];
  for (const group of groups.values()) {
    group.sort((a, b) => (a.letter?.date ?? '9999').localeCompare(b.letter?.date ?? '9999') || pathOf(a).localeCompare(pathOf(b)));
    const letters = markDuplicateDrafts(
      group.map((r) => roundOf(r, group)),
      group,
    );
    const latest = [...group].reverse().find((r) => r.letter)?.letter;
    const company = latest?.company ?? group.find((r) => r.analysed?.draft?.company)?.analysed?.draft?.company;
    threads.push({
      title: company ?? pathOf(group[0]!),
      ...(latest?.fileNumber ? { fileNumber: latest.fileNumber } : {}),
      letters,
    });
  }
  threads.sort((a, b) => a.title.localeCompare(b.title) || (a.letters[0]?.date ?? '').localeCompare(b.letters[0]?.date ?? ''));

  const all = threads.flatMap((t) => t.letters);
  // Two drafts of one staff letter count once (the other is a line in the report, not a second set of comments).
  const drafted = all.filter((l) => l.draftPath !== undefined && l.duplicateOf === undefined);
  const sum = (f: (l: ReportLetter) => number) => drafted.reduce((n, l) => n + f(l), 0);
  const summary: ReportSummary = {
    threads: threads.length,
    letters: all.length,
    drafts: drafted.length,
    withoutDraft: all.length - drafted.length,
    total: sum((l) => l.counts.total),
    answered: sum((l) => l.counts.answered),
    placeholder: sum((l) => l.counts.placeholder),
    missing: sum((l) => l.counts.missing),
    overdue: drafted.filter((l) => !l.followedBy && l.due?.state === 'overdue').length,
    dueSoon: drafted.filter((l) => !l.followedBy && (l.due?.state === 'due-soon' || l.due?.state === 'due-today')).length,
    errors: sum((l) => l.diagnostics.errors),
    warnings: sum((l) => l.diagnostics.warnings),
    commitments: sum((l) => l.commitments.length),
  };
  return {
    title: inputs.title ?? 'Comment letter responses',
    ...(inputs.today ? { today: inputs.today } : {}),
    ...(inputs.generator ? { generator: inputs.generator } : {}),
    summary,
    threads,
  };
}

/**
 * A staff letter already in the report under another file: the same date, File No. (or company) and comments, as a
 * PDF and the Markdown imported from it (`source:`), or its text beside it. One letter, one round.
 */
function sameLetterAmong(letter: StaffLetter, rounds: readonly Round[]): boolean {
  const key = (l: StaffLetter) => `${l.date ?? '?'}|${l.fileNumber ?? l.company ?? '?'}|${l.comments.length}|${l.comments[0]?.text.slice(0, 60) ?? ''}`;
  const k = key(letter);
  return rounds.some((r) => r.letter && key(r.letter) === k);
}

/** Later drafts answering the same staff letter as an earlier one in the thread: marked, counted once. */
function markDuplicateDrafts(letters: ReportLetter[], group: readonly Round[]): ReportLetter[] {
  const firstDraft = new Map<string, string>();
  return letters.map((l, i) => {
    const id = group[i]!.id;
    const kind = group[i]!.analysed?.input.file.kind;
    if (!l.draftPath || !group[i]!.analysed?.input.staffId || (kind !== 'markdown' && kind !== 'docx')) return l;
    const first = firstDraft.get(id);
    if (first === undefined) {
      firstDraft.set(id, l.draftPath);
      return l;
    }
    return { ...l, duplicateOf: first };
  });
}

function pathOf(r: Round): string {
  return r.analysed?.input.path ?? r.staffPath ?? r.id;
}

function roundOf(r: Round, thread: readonly Round[]): ReportLetter {
  const letter = r.letter;
  const a = r.analysed;
  const later = letter?.date
    ? thread.find((o) => o.letter?.date && o.letter.date > letter.date! && priorLetterAmong(o.letter, thread, (x) => x.letter)?.letter === letter)
    : undefined;
  const lines = a ? new LineIndex(a.input.file.text) : undefined;
  const comments: ReportComment[] = [];
  if (a?.coverage) {
    for (const c of a.coverage.comments) {
      const written = c.anchors.filter((x) => !x.response.placeholder);
      const text = written.map((x) => x.response.text).join('\n\n');
      const citations: string[] = [];
      for (const cit of findCitations(text)) {
        const d = describeCitation(cit);
        const label = d.status === 'superseded' ? `${d.label} (superseded)` : d.label;
        if (!citations.includes(label)) citations.push(label);
      }
      comments.push({
        number: c.number,
        caption: c.comment.caption,
        excerpt: excerpt(c.comment.text, REPORT_EXCERPT),
        status: c.status,
        words: countWordsWithLetters(text),
        citations,
        ...(c.anchors[0] && lines ? { line: lines.positionAt(c.anchors[0].start).line + 1 } : {}),
        ...(lines ? { open: commentOpenItems(c, a.problems, lines) } : {}),
        tags: tagsOf(c.comment),
      });
    }
  } else if (!a && letter) {
    for (const c of [...letter.comments].sort((x, y) => x.number - y.number)) {
      if (comments.some((k) => k.number === c.number)) continue;
      comments.push({
        number: c.number,
        caption: c.caption,
        excerpt: excerpt(c.text, REPORT_EXCERPT),
        status: 'no-draft',
        words: 0,
        citations: [],
        tags: tagsOf(c),
      });
    }
  }
  const count = (s: ReportStatus) => comments.filter((c) => c.status === s).length;
  const staff = a?.input.staff;
  const staffProblem = staff?.failure ? `The staff letter cannot be read: ${staff.failure}.` : a && !staff ? 'The draft names no staff letter.' : undefined;
  const severityCount = (s: string[]) => (a ? a.problems.filter((p) => s.includes(p.severity)).length : 0);
  const due = a?.due;
  const commitments: ReportCommitment[] =
    a?.draft && lines
      ? commitmentsOf({ file: a.input.file, draft: a.draft }, letter).map((c) => ({
          comments: c.comments,
          text: excerpt(withoutLabel(c.text), 400),
          ...(c.target ? { target: c.target.text.replace(/\s+/g, ' ').trim() } : {}),
          proposed: !!c.proposed,
          line: lines.positionAt(c.start).line + 1,
        }))
      : [];
  return {
    title: letter?.date ? `Staff letter of ${longDate(letter.date)}` : letter ? 'Staff letter (undated)' : 'Response draft',
    ...(letter?.date ? { date: letter.date } : {}),
    ...(letter?.company ? { company: letter.company } : {}),
    ...(letter?.filings[0] ? { filing: letter.filings[0].description } : {}),
    ...(letter?.fileNumber ? { fileNumber: letter.fileNumber } : {}),
    ...(r.staffPath ? { staffPath: r.staffPath } : {}),
    ...(staffProblem ? { staffProblem } : {}),
    ...(a ? { draftPath: a.input.path } : {}),
    comments,
    counts: { total: comments.length, answered: count('answered'), placeholder: count('placeholder'), missing: count('missing') },
    ...(due ? { due } : {}),
    ...(later?.letter?.date ? { followedBy: later.letter.date } : {}),
    diagnostics: { errors: severityCount(['error']), warnings: severityCount(['warning']), notes: severityCount(['information', 'hint']) },
    ...(a && lines ? { open: letterOpenItems(a.coverage?.comments ?? [], a.problems, lines) } : {}),
    commitments,
  };
}

// ── Words for statuses and due dates (shared by both renderings) ────────────────────────────────────────────────

const STATUS: Record<ReportStatus, { icon: string; word: string }> = {
  answered: { icon: '✔', word: 'Answered' },
  placeholder: { icon: '◐', word: 'Placeholder only' },
  missing: { icon: '✘', word: 'Missing' },
  'no-draft': { icon: '–', word: 'No draft' },
};

function percent(c: ReportCounts): number {
  return c.total === 0 ? 100 : Math.round((c.answered / c.total) * 100);
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

function coverageText(c: ReportCounts): string {
  if (c.total === 0) return 'No comments to answer';
  const parts = [`${c.answered} of ${c.total} answered (${percent(c)}%)`];
  if (c.placeholder) parts.push(`${c.placeholder} placeholder only`);
  if (c.missing) parts.push(`${c.missing} missing`);
  return parts.join(' · ');
}

function dueText(l: ReportLetter): string | undefined {
  const d = l.due;
  if (!d) return undefined;
  const basis =
    d.basis === 'business-days' ? ` (${d.days} business days after the letter)` : d.basis === 'front-matter' ? ' (front matter)' : ` (${dueBasisText(d)})`;
  if (d.state === 'sent')
    return `Was due ${longDate(d.date)}${basis}; sent ${d.sent ? longDate(d.sent) : '(the letter is undated)'}${d.timeAsked ? ' (more time was asked for)' : ''}`;
  if (d.state === 'sent-late')
    return `Was due ${longDate(d.date)}${basis}; sent ${longDate(d.sent!)}, ${plural(d.businessDaysLate ?? 0, 'business day')} later (no extension in the thread)`;
  if (l.followedBy) return `Was due ${longDate(d.date)}${basis}; the staff replied on ${longDate(l.followedBy)}`;
  const left =
    d.daysLeft < 0
      ? `OVERDUE by ${plural(-d.daysLeft, 'day')}`
      : d.daysLeft === 0
        ? 'DUE TODAY'
        : d.state === 'due-soon'
          ? `DUE SOON: ${plural(d.daysLeft, 'day')} left`
          : `${plural(d.daysLeft, 'day')} left`;
  return `Due ${longDate(d.date)}${basis}: ${left}`;
}

/** Topic tags as words ("Non-GAAP measures, Income taxes"). */
function topicsText(tags: readonly string[]): string {
  return tags.map((t) => topicTag(t)?.label ?? t).join(', ');
}

function commentsOfCommitment(c: ReportCommitment): string {
  return c.comments.length ? c.comments.join(', ') : '–';
}

function diagnosticsText(l: ReportLetter): string {
  const d = l.diagnostics;
  return `${plural(d.errors, 'error')}, ${plural(d.warnings, 'warning')}, ${plural(d.notes, 'note')}`;
}

function summaryRows(r: Report): [string, string][] {
  const s = r.summary;
  const rows: [string, string][] = [
    ['Threads', String(s.threads)],
    ['Staff letters', `${s.letters}${s.withoutDraft ? ` (${s.withoutDraft} without a response draft)` : ''}`],
    ['Response drafts', String(s.drafts)],
    ['Comments', coverageText(s)],
    ['Overdue', String(s.overdue)],
    ['Due soon or today', String(s.dueSoon)],
    ['Diagnostics', `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}`],
    ['Commitments', String(s.commitments)],
  ];
  return rows;
}

// ── HTML ────────────────────────────────────────────────────────────────────────────────────────────────────────

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1b1f24; background: #fff; margin: 0 auto; max-width: 64rem; padding: 1.5rem; line-height: 1.45; font-size: 15px; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #1b1f24; padding-bottom: .2rem; }
h3 { font-size: 1.1rem; margin: 1.5rem 0 .4rem; }
h4 { font-size: 1rem; margin: 1.2rem 0 .3rem; }
.meta, .files, .filing { color: #444; margin: .2rem 0; }
.file { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; word-break: break-all; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; }
th, td { border: 1px solid #9aa1a9; padding: .35rem .5rem; vertical-align: top; text-align: left; }
th { background: #eef0f2; }
td.num, th.num { text-align: right; white-space: nowrap; }
.caption { font-weight: 600; }
.excerpt { color: #333; font-size: .92em; }
.status { white-space: nowrap; font-weight: 600; }
.status .meta { font-weight: normal; }
.cite { white-space: nowrap; }
.status-answered { color: #176b2c; }
.status-placeholder { color: #8a5a00; }
.status-missing { color: #b3261e; }
.status-no-draft { color: #555; }
.bar { display: flex; height: .9rem; border: 1px solid #1b1f24; margin: .4rem 0 .2rem; max-width: 28rem; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.seg { display: block; height: 100%; }
.seg-answered { background: #2e7d32; }
.seg-placeholder { background: repeating-linear-gradient(45deg, #f0a500 0 3px, #fff 3px 6px); }
.seg-missing { background: #fff; }
.coverage-text { font-weight: 600; }
.due { margin: .3rem 0; padding: .3rem .5rem; border-left: 4px solid #9aa1a9; }
.due-overdue { border-left-color: #b3261e; font-weight: 600; }
.due-due-today, .due-due-soon { border-left-color: #f0a500; font-weight: 600; }
.problem { color: #b3261e; font-weight: 600; }
tr.comment-open td { background: #fff4e5; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
ul.open { margin: .3rem 0 0; padding-left: 1.1rem; font-weight: normal; color: #8a1c14; font-size: .9em; }
.open-items li { margin: .15rem 0; }
.summary table { width: auto; min-width: 24rem; }
.toc ol { padding-left: 1.2rem; }
.toc a { color: inherit; }
footer { margin-top: 2rem; color: #555; font-size: .85em; border-top: 1px solid #9aa1a9; padding-top: .4rem; }
@page { margin: 16mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  .toc { display: none; }
  .letter { break-before: page; }
  h2, h3 { break-after: avoid; }
  tr, .due, .coverage { break-inside: avoid; }
  thead { display: table-header-group; }
  th { background: none; }
}
`;

export function renderReportHtml(report: Report): string {
  const e = escapeHtml;
  const out: string[] = [];
  const asOf = report.today ? `As of ${longDate(report.today)}` : '';
  out.push('<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">');
  out.push('<meta name="viewport" content="width=device-width, initial-scale=1">');
  out.push(`<title>${e(report.title)}${report.today ? ` (${e(report.today)})` : ''}</title>`);
  out.push(`<style>${CSS}</style>`, '</head>', '<body>');
  out.push('<header>', `<h1>${e(report.title)}</h1>`);
  if (asOf) out.push(`<p class="meta">${e(asOf)}</p>`);
  out.push('</header>');

  out.push('<section class="summary" aria-labelledby="summary">', '<h2 id="summary">Summary</h2>');
  out.push(bar(report.summary));
  out.push('<table>', '<tbody>');
  for (const [k, v] of summaryRows(report)) out.push(`<tr><th scope="row">${e(k)}</th><td>${e(v)}</td></tr>`);
  out.push('</tbody>', '</table>');
  if (report.threads.length === 0) out.push('<p>No response drafts or staff letters were found.</p>');
  out.push('</section>');
  out.push(...openItemsHtml(report));

  if (report.threads.length > 0) {
    out.push('<nav class="toc" aria-label="Contents">', '<ol>');
    report.threads.forEach((t, i) => {
      out.push(`<li><a href="#thread-${i + 1}">${e(t.title)}</a><ol>`);
      t.letters.forEach((l, j) => out.push(`<li><a href="#letter-${i + 1}-${j + 1}">${e(l.title)}</a>: ${e(coverageText(l.counts))}</li>`));
      out.push('</ol></li>');
    });
    out.push('</ol>', '</nav>');
  }

  report.threads.forEach((t, i) => {
    out.push(`<section class="thread" id="thread-${i + 1}" aria-labelledby="thread-${i + 1}-title">`);
    t.letters.forEach((l, j) => {
      out.push(`<article class="letter" id="letter-${i + 1}-${j + 1}">`);
      // The thread's name heads each letter so that every printed page says whose letter it is.
      out.push(
        `<h2${j === 0 ? ` id="thread-${i + 1}-title"` : ''}>${e(t.title)}${t.fileNumber ? ` <span class="meta">File No. ${e(t.fileNumber)}</span>` : ''}</h2>`,
      );
      out.push(`<h3>${e(l.title)}${t.letters.length > 1 ? ` <span class="meta">(letter ${j + 1} of ${t.letters.length} in this thread)</span>` : ''}</h3>`);
      if (l.filing) out.push(`<p class="filing">${e(l.filing)}</p>`);
      out.push(
        `<p class="files">Staff letter: ${l.staffPath ? `<span class="file">${e(visibleControls(l.staffPath))}</span>` : 'none named'} · Response draft: ${l.draftPath ? `<span class="file">${e(visibleControls(l.draftPath))}</span>` : 'none in these paths'}</p>`,
      );
      if (l.staffProblem) out.push(`<p class="problem">⚠ ${e(l.staffProblem)}</p>`);
      const due = dueText(l);
      if (due)
        out.push(
          `<p class="due due-${l.followedBy ? 'answered' : l.due!.state}">${l.due && !l.followedBy && l.due.state !== 'open' && l.due.state !== 'sent' ? '⚠ ' : ''}${e(due)}</p>`,
        );
      out.push('<div class="coverage">', bar(l.counts), '</div>');
      if (l.draftPath) out.push(`<p class="meta">Diagnostics: ${e(diagnosticsText(l))}</p>`);
      if (l.duplicateOf)
        out.push(`<p class="problem">⚠ ${e(`${l.draftPath} answers the same staff letter as ${l.duplicateOf}; it is not counted again.`)}</p>`);
      if (l.open?.length) out.push(`<ul class="open open-letter">${l.open.map((x) => `<li>${e(x)}</li>`).join('')}</ul>`);
      if (l.comments.length > 0) {
        out.push(
          '<table class="comments">',
          '<thead><tr><th class="num" scope="col">No.</th><th scope="col">Caption and comment</th><th scope="col">Status</th><th class="num" scope="col">Words</th><th scope="col">Citations</th></tr></thead>',
          '<tbody>',
        );
        for (const c of l.comments) {
          const s = STATUS[c.status];
          out.push(
            `<tr class="comment comment-${c.status}${c.open?.length ? ' comment-open' : ''}">` +
              `<td class="num">${c.number}</td>` +
              `<td>${c.caption.length ? `<div class="caption">${e(c.caption.join(' › '))}</div>` : ''}<div class="excerpt">${e(c.excerpt)}</div>${c.tags.length ? `<div class="meta topics">Topics: ${e(topicsText(c.tags))}</div>` : ''}</td>` +
              `<td class="status status-${c.status}"><span aria-hidden="true">${s.icon}</span> ${e(s.word)}${c.line ? `<div class="meta">line ${c.line}</div>` : ''}${c.open?.length ? `<ul class="open">${c.open.map((x) => `<li>${e(x)}</li>`).join('')}</ul>` : ''}</td>` +
              `<td class="num">${c.status === 'answered' ? c.words : '–'}</td>` +
              `<td>${c.citations.length ? c.citations.map((x) => `<span class="cite">${e(x)}</span>`).join('<br>') : '–'}</td>` +
              '</tr>',
          );
        }
        out.push('</tbody>', '</table>');
      }
      if (l.commitments.length > 0) {
        out.push(`<h4>Commitments (${l.commitments.length})</h4>`);
        out.push(
          '<table class="commitments">',
          '<thead><tr><th class="num" scope="col">Comment</th><th scope="col">Promise</th><th scope="col">Filing or period named</th><th scope="col">Proposed text</th></tr></thead>',
          '<tbody>',
        );
        for (const c of l.commitments) {
          out.push(
            `<tr class="commitment"><td class="num">${e(commentsOfCommitment(c))}</td><td>${e(c.text)}<div class="meta">line ${c.line}</div></td>` +
              `<td>${c.target ? e(c.target) : '<span class="problem">none named</span>'}</td><td>${c.proposed ? 'set out' : '–'}</td></tr>`,
          );
        }
        out.push('</tbody>', '</table>');
      }
      out.push('</article>');
    });
    out.push('</section>');
  });
  out.push(
    `<footer>${e([report.generator ? `Generated by ${report.generator}` : 'Generated by corresp', asOf].filter(Boolean).join(' · '))}. Status words: ${Object.values(
      STATUS,
    )
      .map((s) => `${s.icon} ${e(s.word)}`)
      .join(', ')}.</footer>`,
  );
  out.push('</body>', '</html>', '');
  return out.join('\n');
}

function bar(c: ReportCounts): string {
  const text = coverageText(c);
  if (c.total === 0) return `<p class="coverage-text">${escapeHtml(text)}</p>`;
  const w = (n: number) => `${((n / c.total) * 100).toFixed(2)}%`;
  const segs = (
    [
      ['answered', c.answered],
      ['placeholder', c.placeholder],
      ['missing', c.missing],
    ] as const
  )
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `<span class="seg seg-${k}" style="width:${w(n)}"></span>`)
    .join('');
  return `<div class="bar" role="img" aria-label="${escapeHtml(text)}">${segs}</div><p class="coverage-text">${escapeHtml(text)}</p>`;
}

// ── Markdown ────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * A file name or front-matter path as written, for Markdown: its line breaks and other controls shown as `\n`, `\r`,
 * `\xHH`, `\uHHHH` (a path is one line and a reader must see what was written; collapsing them to spaces hid them),
 * then escaped as any text.
 */
export function escapeMarkdownPath(text: string): string {
  return escapeMarkdownLine(visibleControls(text));
}

/** Controls (C0, DEL, C1), bidi controls and the line and paragraph separators written visibly. */
export function visibleControls(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (ch) => {
    if (ch === '\n') return '\\n';
    if (ch === '\r') return '\\r';
    if (ch === '\t') return '\\t';
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

function mdBar(c: ReportCounts, width = 20): string {
  if (c.total === 0) return '';
  const a = Math.round((c.answered / c.total) * width);
  const p = Math.min(width - a, Math.round((c.placeholder / c.total) * width));
  return `\`[${'█'.repeat(a)}${'▒'.repeat(p)}${'░'.repeat(width - a - p)}]\` `;
}

export function renderReportMarkdown(report: Report): string {
  const m = escapeMarkdownLine;
  const out: string[] = [];
  out.push(`# ${m(report.title)}`, '');
  if (report.today) out.push(`As of ${longDate(report.today)}.`, '');
  out.push('## Summary', '');
  out.push(`${mdBar(report.summary)}${m(coverageText(report.summary))}`, '');
  out.push('| | |', '|---|---|');
  for (const [k, v] of summaryRows(report)) out.push(`| ${m(k)} | ${m(v)} |`);
  out.push('');
  if (report.threads.length === 0) out.push('No response drafts or staff letters were found.', '');
  out.push('## Open items', '');
  const items = openItemLines(report);
  out.push(...(items.length ? items.map((x) => `- ${m(x)}`) : ['None: every comment is answered and nothing is left to fill.']), '');
  for (const t of report.threads) {
    out.push(`## ${m(t.title)}${t.fileNumber ? ` (File No. ${m(t.fileNumber)})` : ''}`, '');
    t.letters.forEach((l, j) => {
      out.push(`### ${m(l.title)}${t.letters.length > 1 ? ` (letter ${j + 1} of ${t.letters.length})` : ''}`, '');
      if (l.filing) out.push(`- Filing: ${m(l.filing)}`);
      out.push(`- Staff letter: ${l.staffPath ? escapeMarkdownPath(l.staffPath) : 'none named'}`);
      out.push(`- Response draft: ${l.draftPath ? escapeMarkdownPath(l.draftPath) : 'none in these paths'}`);
      if (l.staffProblem) out.push(`- **Problem:** ${m(l.staffProblem)}`);
      const due = dueText(l);
      if (due) out.push(`- ${m(due)}`);
      out.push(`- Coverage: ${mdBar(l.counts)}${m(coverageText(l.counts))}`);
      if (l.draftPath) out.push(`- Diagnostics: ${m(diagnosticsText(l))}`);
      if (l.duplicateOf) out.push(`- **Another draft:** ${m(`${l.draftPath} answers the same staff letter as ${l.duplicateOf}; it is not counted again.`)}`);
      for (const x of l.open ?? []) out.push(`- **Open:** ${m(x)}`);
      out.push('');
      if (l.comments.length > 0) {
        out.push('| No. | Caption and comment | Status | Words | Citations |', '|---:|---|---|---:|---|');
        for (const c of l.comments) {
          const s = STATUS[c.status];
          const caption = c.caption.length ? `**${m(c.caption.join(' › '))}**: ` : '';
          const topics = c.tags.length ? ` _(${m(topicsText(c.tags))})_` : '';
          out.push(
            `| ${c.number} | ${caption}${m(c.excerpt)}${topics} | ${c.open?.length ? '**' : ''}${s.icon} ${m(s.word)}${c.line ? ` (line ${c.line})` : ''}${c.open?.length ? `**<br>${c.open.map(m).join('<br>')}` : ''} | ${c.status === 'answered' ? c.words : '–'} | ${c.citations.length ? c.citations.map(m).join('; ') : '–'} |`,
          );
        }
        out.push('');
      }
      if (l.commitments.length > 0) {
        out.push(`#### Commitments (${l.commitments.length})`, '');
        out.push('| Comment | Promise | Filing or period named | Proposed text |', '|---:|---|---|---|');
        for (const c of l.commitments)
          out.push(
            `| ${commentsOfCommitment(c)} | ${m(c.text)} (line ${c.line}) | ${c.target ? m(c.target) : '**none named**'} | ${c.proposed ? 'set out' : '–'} |`,
          );
        out.push('');
      }
    });
  }
  out.push(`_${m(report.generator ? `Generated by ${report.generator}` : 'Generated by corresp')}._`, '');
  return out.join('\n');
}

// ── Open items (both renderings) ────────────────────────────────────────────────────────────────────────────────

/** Every open item of the report, one line each: "Thread, staff letter of …: comment 3: placeholder only (line 44)". */
function openItemLines(report: Report): string[] {
  const out: string[] = [];
  for (const t of report.threads) {
    for (const l of t.letters) {
      if (!l.draftPath) continue;
      const where = `${t.title}, ${l.title.replace(/^Staff letter/, 'staff letter')} (${l.draftPath})`;
      if (l.duplicateOf) out.push(`${where}: another draft of the same letter (${l.duplicateOf})`);
      for (const x of l.open ?? []) out.push(`${where}: ${x}`);
      for (const c of l.comments) for (const x of c.open ?? []) out.push(`${where}: comment ${c.number}: ${x}`);
    }
  }
  return out;
}

function openItemsHtml(report: Report): string[] {
  const items = openItemLines(report);
  return [
    '<section class="open-items" aria-labelledby="open-items">',
    '<h2 id="open-items">Open items</h2>',
    items.length ? `<ul>${items.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul>` : '<p>None: every comment is answered and nothing is left to fill.</p>',
    '</section>',
  ];
}
