/**
 * What the "Comment Letters" view and the status bar show: threads > letters > comments with their status, and
 * for the active draft "3/5 answered, due Aug 30". Plain data; the client draws it.
 */
import * as path from 'node:path';
import { daysBetween, longDate, shortDate } from '../letters/dates';
import type { DueRules } from '../letters/due';
import { analyseThread, type LetterAnalysis } from '../analysis/letter';
import { staffLetterOfThread, type Thread } from '../analysis/thread';
import type { Position } from '../text/lineIndex';
import { NodeDeltas, type NodesUpdate } from './nodeDeltas';

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

/** The drafts' threads by staff letter, one node each (a draft with none is its own group), in the order first met. */
function groupThreads(threads: readonly Thread[]): Map<string, Thread[]> {
  const groups = new Map<string, Thread[]>();
  for (const t of threads) {
    const key = t.staff?.uri ?? t.doc.uri;
    const members = groups.get(key);
    if (members) members.push(t);
    else groups.set(key, [t]);
  }
  return groups;
}

function sortedNodes<T extends ThreadNode>(nodes: T[]): T[] {
  return nodes.sort((a, b) => a.label.localeCompare(b.label) || a.description.localeCompare(b.description));
}

/** One staff letter's node: the letter, then each draft answering it with its coverage. */
function threadNode(key: string, members: readonly Thread[]): ThreadNode {
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
  return { id: key, label: staff?.company ?? fileNameOf(key), description: staff?.date ? `letter of ${longDate(staff.date)}` : '', letters };
}

/** A thread node with a position (line and character) for every comment, as the editor reveals them. */
export type PlacedThreadNode = Omit<ThreadNode, 'letters'> & {
  readonly letters: readonly (Omit<LetterNode, 'comments'> & { readonly comments: readonly (CommentNode & { readonly position: Position })[] })[];
};

/** What the Comment Letters view is sent (`nodeDeltas.ts`). */
export type ThreadsUpdate = NodesUpdate<PlacedThreadNode>;

/**
 * The view's nodes kept between asks: the editor asks again after every publish (at every keystroke's diagnostics),
 * and on a repository of 500 threads each answer was 4.4 MB of nodes built again (120-160 ms of the server's time,
 * during which the next keystroke waited). A node is built again only when something it is made of is another object
 * than last time (the staff letter's document, each draft's version and coverage: a changed file or version makes
 * new ones), and a caller that names the version it holds gets only what changed since.
 */
export class ThreadsViewState {
  private nodes = new Map<string, { readonly made: readonly unknown[]; readonly node: PlacedThreadNode }>();
  private readonly deltas = new NodeDeltas<PlacedThreadNode>();

  update(threads: readonly Thread[], position: (uri: string, offset: number) => Position, since?: string): ThreadsUpdate {
    const next = new Map<string, { readonly made: readonly unknown[]; readonly node: PlacedThreadNode }>();
    for (const [key, members] of groupThreads(threads)) {
      // What the node is made of: the staff letter's document (its letter, its lines), and each draft's version
      // (a thread's document is a new object at every ask; its lines are the version's) and coverage.
      const staff = members[0]!.staff;
      const made: unknown[] = [staff?.doc, staff?.doc?.lines, staff?.failure];
      for (const t of members) made.push(t.doc.uri, t.doc.version, t.doc.lines, t.coverage, t.staff?.failure);
      const known = this.nodes.get(key);
      next.set(key, known && sameObjects(known.made, made) ? known : { made, node: placed(threadNode(key, members), position) });
    }
    this.nodes = next;
    const order = sortedNodes([...next.values()].map((n) => n.node)).map((n) => n.id);
    return this.deltas.answer(new Map([...next].map(([id, n]) => [id, n.node] as const)), order, since);
  }
}

function sameObjects(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function placed(node: ThreadNode, position: (uri: string, offset: number) => Position): PlacedThreadNode {
  return { ...node, letters: node.letters.map((l) => ({ ...l, comments: l.comments.map((k) => ({ ...k, position: position(k.uri, k.offset) })) })) };
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
