/**
 * The analysis of one letter with a team's settings, from its thread: which staff letter it answers (read, or why
 * not), the response as read with the team's placeholders, coverage, the prior letter "prior comment N" refers to,
 * and the due date with where the response stands (`dueStatusOf`, with the team's response time, firm holidays and
 * due-soon warning, and what the rest of the thread says). The one analysis the Problems panel, the status bar, the
 * Comment Letters view, Show Coverage, `corresp check` and `corresp report` all start from. Pure.
 */
import { coverageOf, type Coverage } from '../letters/coverage';
import { dueStatusOf, type DueStatus, type DueThread } from '../letters/due';
import type { ResponseDraft, StaffLetter } from '../letters/model';
import { responseOf, staffLetterOf, type LetterFile } from '../letters/read';
import type { AnalysisSettings } from './settings';
import { otherDraftsOf, type OtherDraft } from './otherDrafts';
import { threadOf, type LetterDocument, type StaffLink, type Thread, type ThreadSource } from './thread';

export type { StaffLink } from './thread';
export type { OtherDraft } from './otherDrafts';

export interface LetterAnalysis {
  readonly file: LetterFile;
  /** A response draft (checked against its staff letter) or a staff letter checked on its own. */
  readonly role: 'response' | 'staff-letter';
  /** A response's staff letter; absent when it names none. */
  readonly staff?: StaffLink;
  /** The staff letter's URI (drafts of one letter share it), when the draft names one. */
  readonly staffUri?: string;
  /** The staff letter: a response's, when it could be read, or the letter itself. */
  readonly letter?: StaffLetter;
  /** The response as read, with the team's placeholders. */
  readonly draft?: ResponseDraft;
  readonly coverage?: Coverage;
  /** The earlier staff letter "prior comment N" refers to. */
  readonly prior?: StaffLetter;
  /** The thread's other responses to the staff letter and its later staff letters (extensions, reminders). */
  readonly dueThread?: DueThread;
  /** The due date and where the response stands, as of `today` (absent without a date or a due date). */
  readonly due?: DueStatus;
  /** Other drafts of the workspace answering the same staff letter (`otherDraftsOf`): one letter, one response. */
  readonly otherDrafts?: readonly OtherDraft[];
  readonly settings: AnalysisSettings;
  /** Today (ISO): enables the due-date judgement. */
  readonly today?: string;
}

/** A thread's staff letter as the analysis takes it: read, or why not. */
export function staffLinkOf(thread: Thread): StaffLink | undefined {
  const s = thread.staff;
  if (!s) return undefined;
  return {
    ...(s.path !== undefined ? { path: s.path } : {}),
    ...(s.doc?.letter && !s.failure ? { letter: s.doc.letter } : {}),
    ...(s.failure ? { failure: s.failure } : {}),
  };
}

/** One letter of a workspace analysed with a team's settings (its thread built with the same placeholders). */
export function analyseThread(thread: Thread, settings: AnalysisSettings, today?: string): LetterAnalysis {
  const doc = thread.doc;
  const prior = thread.prior?.letter;
  if (doc.kind === 'staff-letter') {
    return {
      file: doc.file,
      role: 'staff-letter',
      settings,
      ...(doc.letter ? { letter: doc.letter } : {}),
      ...(prior ? { prior } : {}),
      ...(today ? { today } : {}),
    };
  }
  const staff = staffLinkOf(thread);
  const otherDrafts = otherDraftsOf(thread);
  return judged({
    file: doc.file,
    role: 'response',
    settings,
    ...(staff ? { staff } : {}),
    ...(thread.staff?.uri ? { staffUri: thread.staff.uri } : {}),
    ...(staff?.letter ? { letter: staff.letter } : {}),
    ...(doc.draft ? { draft: doc.draft } : {}),
    ...(thread.coverage ? { coverage: thread.coverage } : {}),
    ...(prior ? { prior } : {}),
    ...(thread.dueThread ? { dueThread: thread.dueThread } : {}),
    ...(otherDrafts.length > 0 ? { otherDrafts } : {}),
    ...(today ? { today } : {}),
  });
}

/** A letter given with its context rather than found in a workspace (the corpus runs, single-letter tools). */
export interface LetterPieces {
  readonly file: LetterFile;
  readonly role: 'response' | 'staff-letter';
  readonly staff?: StaffLink;
  readonly prior?: StaffLetter;
  readonly dueThread?: DueThread;
}

/** The same analysis from a letter's pieces: the response read with the team's placeholders, its coverage. */
export function analysePieces(pieces: LetterPieces, settings: AnalysisSettings, today?: string): LetterAnalysis {
  const { file, prior, dueThread } = pieces;
  const context = { file, settings, ...(prior ? { prior } : {}), ...(today ? { today } : {}) };
  if (pieces.role === 'staff-letter') return { ...context, role: 'staff-letter', letter: staffLetterOf(file) };
  const letter = pieces.staff?.letter;
  const draft = responseOf(file, letter, settings.placeholders ?? []);
  const coverage = letter ? coverageOf(draft, letter) : undefined;
  return judged({
    ...context,
    role: 'response',
    ...(pieces.staff ? { staff: pieces.staff } : {}),
    ...(letter ? { letter } : {}),
    draft,
    ...(coverage ? { coverage } : {}),
    ...(dueThread ? { dueThread } : {}),
  });
}

/** A response's due date and where it stands, with the team's rules and what the thread says. */
function judged(a: LetterAnalysis): LetterAnalysis {
  if (!a.letter || !a.draft || !a.today) return a;
  const due = dueStatusOf({
    staff: a.letter,
    draft: a.draft,
    filed: a.file.kind !== 'markdown',
    today: a.today,
    ...(a.settings.due ? { rules: a.settings.due } : {}),
    ...(a.dueThread ? { thread: a.dueThread } : {}),
    ...(a.settings.warnDaysBefore !== undefined ? { warnDaysBefore: a.settings.warnDaysBefore } : {}),
  });
  return due ? { ...a, due } : a;
}

/** A document of a workspace: its thread, built with the team's placeholders, and its analysis with the team's settings. */
export async function analyseDocument(
  source: ThreadSource,
  doc: LetterDocument,
  settings: AnalysisSettings,
  today?: string,
): Promise<{ readonly thread: Thread; readonly analysis: LetterAnalysis }> {
  const thread = await threadOf(source, doc, settings.placeholders ? { placeholders: settings.placeholders } : {});
  return { thread, analysis: analyseThread(thread, settings, today) };
}
