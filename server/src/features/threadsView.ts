/**
 * What the "Comment Letters" view and the status bar show: threads > letters > comments with their status, and
 * for the active draft "3/5 answered, due Aug 30". Plain data; the client draws it.
 */
import * as path from 'node:path';
import { daysBetween, longDate, shortDate } from '../letters/dates';
import type { DueRules } from '../letters/due';
import { analyseThread, type LetterAnalysis } from '../analysis/letter';
import { staffLetterOfThread, type Thread } from '../analysis/thread';

export type CommentState = 'answered' | 'placeholder' | 'missing' | 'comment';

export interface CommentNode {
  readonly number: number;
  readonly state: CommentState;
  readonly caption: string;
  readonly excerpt: string;
  /** Where clicking goes: the answer in a draft, or the comment in the staff letter. */
  readonly uri: string;
  readonly offset: number;
}

/** What a node of the side-bar views (Comment Letters, Commitments) shows: its label and the grey text after it. */
export interface ViewNode {
  readonly label: string;
  readonly description: string;
}

export interface LetterNode extends ViewNode {
  readonly uri: string;
  readonly kind: 'staff-letter' | 'response';
  readonly comments: readonly CommentNode[];
}

export interface ThreadNode extends ViewNode {
  readonly id: string;
  readonly letters: readonly LetterNode[];
}

export interface DraftStatus {
  readonly answered: number;
  readonly total: number;
  readonly placeholder: number;
  readonly missing: number;
  readonly due?: string;
  readonly dueText?: string;
  readonly daysLeft?: number;
  readonly text: string;
  readonly tooltip: string;
}

/** A document's file name, as the views show it. */
export function fileNameOf(uri: string): string {
  return path.posix.basename(decodeURIComponent(uri));
}

/** Groups drafts' threads by staff letter: one node per staff letter, with the letter and each draft. */
export function threadNodes(threads: readonly Thread[]): ThreadNode[] {
  const groups = new Map<string, Thread[]>();
  for (const t of threads) {
    const key = t.staff?.uri ?? t.doc.uri;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  const out: ThreadNode[] = [];
  for (const [key, members] of groups) {
    const first = members[0]!;
    const staff = staffLetterOfThread(first);
    const staffDoc = first.staff?.doc;
    const letters: LetterNode[] = [];
    if (staffDoc && staff) {
      letters.push({
        uri: staffDoc.uri,
        kind: 'staff-letter',
        label: `Staff letter${staff.date ? ` of ${longDate(staff.date)}` : ''}`,
        description: fileNameOf(staffDoc.uri),
        comments: staff.comments.map((c) => ({
          number: c.number,
          state: 'comment',
          caption: c.caption[c.caption.length - 1] ?? '',
          excerpt: c.text.slice(0, 200),
          uri: staffDoc.uri,
          offset: c.head.start,
        })),
      });
    }
    for (const t of members) {
      const cov = t.coverage;
      letters.push({
        uri: t.doc.uri,
        kind: 'response',
        label: fileNameOf(t.doc.uri),
        description: cov ? `${cov.answered}/${cov.total} answered` : t.staff?.failure ? `staff letter unreadable` : 'no staff letter',
        comments: (cov?.comments ?? []).map((c) => ({
          number: c.number,
          state: c.status,
          caption: c.comment.caption[c.comment.caption.length - 1] ?? '',
          excerpt: c.comment.text.slice(0, 200),
          uri: t.doc.uri,
          offset: c.anchors[0]?.start ?? c.insertAt,
        })),
      });
    }
    out.push({
      id: key,
      label: staff?.company ?? fileNameOf(key),
      description: staff?.date ? `letter of ${longDate(staff.date)}` : '',
      letters,
    });
  }
  return out.sort((a, b) => a.label.localeCompare(b.label) || a.description.localeCompare(b.description));
}

/** The status bar of a draft, from its thread: the analysis with these due rules (see `draftStatusOf`). */
export function draftStatus(thread: Thread, today: string, rules?: DueRules): DraftStatus | undefined {
  return draftStatusOf(analyseThread(thread, rules ? { due: rules } : {}, today), today);
}

/** The status bar of an analysed draft: coverage and the due date the Problems panel and the report give too. */
export function draftStatusOf(a: LetterAnalysis, today: string): DraftStatus | undefined {
  const cov = a.coverage;
  if (a.role !== 'response' || !cov) return undefined;
  const status = a.due;
  const sent = status?.state === 'sent' || status?.state === 'sent-late';
  const due = status;
  const placeholder = cov.comments.filter((c) => c.status === 'placeholder').length;
  const missing = cov.comments.filter((c) => c.status === 'missing').length;
  const daysLeft = due && !sent ? daysBetween(today, due.date) : undefined;
  const dueText = due ? (sent ? (due.sent ? `sent ${shortDate(due.sent)}` : 'sent') : `due ${shortDate(due.date)}`) : undefined;
  return {
    answered: cov.answered,
    total: cov.total,
    placeholder,
    missing,
    ...(due ? { due: due.date, dueText: dueText!, ...(daysLeft !== undefined ? { daysLeft } : {}) } : {}),
    text: `Corresp ${cov.answered}/${cov.total} answered${dueText ? `, ${dueText}` : ''}`,
    tooltip:
      `${cov.answered} of ${cov.total} comments answered` +
      (placeholder ? `, ${placeholder} placeholder` : '') +
      (missing ? `, ${missing} missing` : '') +
      (due
        ? `. Due ${longDate(due.date)}${daysLeft !== undefined ? (daysLeft >= 0 ? ` (${daysLeft} day${daysLeft === 1 ? '' : 's'} left)` : ` (${-daysLeft} day${daysLeft === -1 ? '' : 's'} ago)`) : ''}${sent && due.sent ? `; sent ${longDate(due.sent)}` : ''}.`
        : '.'),
  };
}
