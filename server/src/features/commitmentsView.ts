/**
 * What the Commitments view shows: every promise the workspace's responses make to the staff ("we will revise our
 * disclosure in future filings"), grouped by thread: thread > commitment, each with the comment it answers, the
 * filing or period it names, whether it sets out proposed text, the hints about it, and a stable key the editor
 * keeps its open / checked mark under. Drafts and the filed responses their threads hold (the earlier round's
 * promises are the ones the next filing must keep).
 *
 * Owns: the view's plain data. Must not: find commitments (commitments/ does), read files, or know the protocol.
 */
import { fileNameOf, type ViewNode } from './threadsView';
import { hash32 } from '../text/hash';
import { commitmentProblems, commitmentsOf, type Commitment } from '../commitments';
import { longDate } from '../letters/dates';
import type { StaffLetter } from '../letters/model';
import type { Position } from '../text/lineIndex';
import { NodeDeltas, type NodesUpdate } from './nodeDeltas';
import { staffLetterOfThread, type LetterDocument, type Thread } from '../analysis/thread';

export interface CommitmentNode {
  /** Stable across edits elsewhere in the letter: the file and the promise's words. */
  readonly key: string;
  readonly uri: string;
  readonly offset: number;
  readonly end: number;
  /** The promise, flattened. */
  readonly text: string;
  readonly comments: readonly number[];
  /** The filing or period named, as written ("future filings, beginning with our Form 10-Q …"), when named. */
  readonly target?: string;
  /** Where the target came from when the sentence itself names none. */
  readonly inherited?: 'answer' | 'letter';
  readonly proposed: boolean;
  readonly conditional: boolean;
  readonly action: Commitment['action'];
  /** The hint codes on it (commitment.no-target, commitment.no-proposed-text). */
  readonly hints: readonly string[];
}

/** A response of a thread: its description is "draft" or "filed August 29, 2017". */
export interface CommitmentResponseNode extends ViewNode {
  readonly uri: string;
  readonly commitments: readonly CommitmentNode[];
}

export interface CommitmentThreadNode extends ViewNode {
  readonly id: string;
  readonly responses: readonly CommitmentResponseNode[];
}

/** A short, stable hash of a string, as hex. */
function hashOf(text: string): string {
  return hash32(text).toString(16).padStart(8, '0');
}

/** A promise as the user reads it: without the answer's label it may start with ("Response: The Company will …"). */
export function withoutLabel(text: string): string {
  return text.replace(/^(?:[A-Z][\w.,&'’ -]{0,60} )?Responses?:\s+/, '');
}

/**
 * The nodes of a response worked out last, by its file (each version of a document is its own object): asked for again
 * with the same reading and staff letter they are the same. The view asks again whenever diagnostics change, so at
 * every keystroke while it shows; on 500 threads, working out every response's commitments again took 0.6 s of the
 * server's one thread at each ask. Weak: the nodes go with the version.
 */
const nodesKept = new WeakMap<
  LetterDocument['file'],
  Array<{ readonly uri: string; readonly draft: LetterDocument['draft']; readonly staff: StaffLetter | undefined; readonly nodes: CommitmentNode[] }>
>();

/**
 * How many readings of one file are kept: a response is listed as its own thread's draft and as the next thread's
 * earlier response (read without its staff letter), so one would be replaced at every ask.
 */
const READINGS_KEPT = 4;

/** The commitments of one response document, as the view lists them. */
export function commitmentNodesOf(doc: LetterDocument, thread: Thread | undefined): CommitmentNode[] {
  if (doc.kind !== 'response') return [];
  const staff = thread ? staffLetterOfThread(thread) : undefined;
  let kept = nodesKept.get(doc.file);
  const hit = kept?.find((k) => k.uri === doc.uri && k.draft === doc.draft && k.staff === staff);
  if (hit) return hit.nodes;
  const nodes = nodesOf(doc, staff);
  if (!kept) nodesKept.set(doc.file, (kept = []));
  if (kept.length >= READINGS_KEPT) kept.shift();
  kept.push({ uri: doc.uri, draft: doc.draft, staff, nodes });
  return nodes;
}

function nodesOf(doc: LetterDocument, staff: StaffLetter | undefined): CommitmentNode[] {
  const found = commitmentsOf({ file: doc.file, ...(doc.draft ? { draft: doc.draft } : {}) }, staff);
  const problems = doc.draft ? commitmentProblems(found, { draft: doc.draft, ...(staff ? { staff } : {}) }) : [];
  const seen = new Map<string, number>();
  return found.map((c) => {
    const text = withoutLabel(c.text.replace(/\s+/g, ' ').trim());
    const base = `${doc.uri}#${hashOf(text)}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return {
      key: n === 1 ? base : `${base}.${n}`,
      uri: doc.uri,
      offset: c.start,
      end: c.end,
      text,
      comments: c.comments,
      ...(c.target ? { target: c.target.text.replace(/\s+/g, ' ').trim() } : {}),
      ...(c.target?.inherited ? { inherited: c.target.inherited } : {}),
      proposed: !!c.proposed,
      conditional: c.conditional,
      action: c.action,
      hints: problems.filter((p) => p.start === c.start && p.end === c.end).map((p) => p.code),
    };
  });
}

/** Threads > responses > commitments, for the drafts' threads (each draft and the filed response to the prior letter). */
export function commitmentThreads(
  threads: readonly Thread[],
  priorThread: (doc: LetterDocument) => Thread | undefined = () => undefined,
): CommitmentThreadNode[] {
  const groups = new Map<string, { label: string; description: string; responses: Map<string, CommitmentResponseNode>; date?: string }>();
  for (const t of threads) {
    const staff = staffLetterOfThread(t);
    const id = t.staff?.uri ?? t.doc.uri;
    let g = groups.get(id);
    if (!g) {
      g = {
        label: staff?.company ?? t.doc.draft?.company ?? fileNameOf(t.doc.uri),
        description: staff?.date ? `letter of ${longDate(staff.date)}` : '',
        responses: new Map(),
        ...(staff?.date ? { date: staff.date } : {}),
      };
      groups.set(id, g);
    }
    const add = (doc: LetterDocument, thread: Thread | undefined, description: string) => {
      if (g!.responses.has(doc.uri)) return;
      const commitments = commitmentNodesOf(doc, thread);
      if (commitments.length > 0) g!.responses.set(doc.uri, { uri: doc.uri, label: fileNameOf(doc.uri), description, commitments });
    };
    if (t.priorResponse) {
      const date = t.priorResponse.draft?.date;
      add(t.priorResponse, priorThread(t.priorResponse), `earlier response${date ? ` of ${longDate(date)}` : ''}`);
    }
    add(t.doc, t, t.doc.file.kind === 'markdown' || t.doc.file.kind === 'docx' ? 'draft' : 'filed');
  }
  return [...groups.entries()]
    .map(([id, g]) => ({ id, label: g.label, description: g.description, responses: [...g.responses.values()] }))
    .filter((g) => g.responses.length > 0)
    .sort((a, b) => a.label.localeCompare(b.label) || a.description.localeCompare(b.description));
}

/** A commitment as the editor gets it: with its line and character. */
export type PlacedCommitment = CommitmentNode & { readonly position: Position };
export type PlacedCommitmentResponse = Omit<CommitmentResponseNode, 'commitments'> & { readonly commitments: readonly PlacedCommitment[] };
export type PlacedCommitmentThread = Omit<CommitmentThreadNode, 'responses'> & { readonly responses: readonly PlacedCommitmentResponse[] };

/** What the Commitments view is sent (`nodeDeltas.ts`). */
export type CommitmentsUpdate = NodesUpdate<PlacedCommitmentThread>;

/**
 * The Commitments view's thread nodes kept between asks, as the Comment Letters view's are (`ThreadsViewState`): the
 * editor asks again whenever diagnostics change, and on 500 threads every answer was 4.2 MB (7,000 commitments). A
 * thread's node is placed again only when its label, description or a response's commitments (kept per version,
 * reading and staff letter: `commitmentNodesOf`) are other than last time; a caller naming the version it holds gets
 * the changed nodes only.
 */
export class CommitmentsViewState {
  private kept = new Map<string, { readonly source: CommitmentThreadNode; readonly node: PlacedCommitmentThread }>();
  private readonly deltas = new NodeDeltas<PlacedCommitmentThread>();

  update(threads: readonly Thread[], position: (uri: string, offset: number) => Position, since?: string): CommitmentsUpdate {
    const next = new Map<string, { readonly source: CommitmentThreadNode; readonly node: PlacedCommitmentThread }>();
    for (const source of commitmentThreads(threads)) {
      const known = this.kept.get(source.id);
      next.set(source.id, known && sameThread(known.source, source) ? known : { source, node: placedThread(source, position) });
    }
    this.kept = next;
    return this.deltas.answer(new Map([...next].map(([id, n]) => [id, n.node] as const)), [...next.keys()], since);
  }
}

function sameThread(a: CommitmentThreadNode, b: CommitmentThreadNode): boolean {
  return (
    a.label === b.label &&
    a.description === b.description &&
    a.responses.length === b.responses.length &&
    a.responses.every((r, i) => {
      const o = b.responses[i]!;
      return r.uri === o.uri && r.label === o.label && r.description === o.description && r.commitments === o.commitments;
    })
  );
}

function placedThread(t: CommitmentThreadNode, position: (uri: string, offset: number) => Position): PlacedCommitmentThread {
  return { ...t, responses: t.responses.map((r) => ({ ...r, commitments: r.commitments.map((c) => ({ ...c, position: position(c.uri, c.offset) })) })) };
}
