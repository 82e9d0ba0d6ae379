/**
 * Where things are: go to definition (an anchor → the staff comment; "prior comment 1" → that comment; the
 * staff-letter path → the letter) and find references (a staff comment → every response that answers it and every
 * later "prior comment N" that names it, across the thread). Cross-document results carry the target's line index.
 */
import type { PriorCommentRef, StaffComment } from '../letters/model';
import type { LineIndex } from '../text/lineIndex';
import { staffLetterOfThread, type LetterDocument, type Thread } from '../analysis/thread';

export interface TargetRange {
  readonly uri: string;
  readonly start: number;
  readonly end: number;
  readonly lines: LineIndex;
}

function commentRange(doc: LetterDocument, comment: StaffComment): TargetRange {
  return { uri: doc.uri, start: comment.head.start, end: comment.head.end, lines: doc.lines };
}

export function definitionAt(thread: Thread, offset: number): TargetRange[] {
  const doc = thread.doc;
  const draft = doc.draft;
  const staffDoc = doc.kind === 'response' ? thread.staff?.doc : undefined;
  const staff = staffLetterOfThread(thread);
  const fm = draft?.frontMatter;
  if (fm?.staffLetter && offset >= fm.staffLetter.start && offset <= fm.staffLetter.end && staffDoc) {
    return [{ uri: staffDoc.uri, start: 0, end: 0, lines: staffDoc.lines }];
  }
  // "prior comment 1" (also inside a repeated comment) goes to the prior letter.
  const ref = priorRefAt(thread, offset);
  if (ref && thread.prior?.letter) {
    return thread.prior.letter.comments.filter((c) => ref.numbers.includes(c.number)).map((c) => commentRange(thread.prior!, c));
  }
  if (draft && staffDoc && staff) {
    const anchor = draft.anchors.find((a) => offset >= a.start && offset <= a.end);
    if (anchor) {
      const numbers = thread.coverage?.answers.get(anchor) ?? anchor.numbers;
      return staff.comments.filter((c) => numbers.includes(c.number)).map((c) => commentRange(staffDoc, c));
    }
  }
  return [];
}

/**
 * Go to definition in a draft while the workspace is still being read: its staff letter (the front matter's path) and
 * an anchor's comments, which depend on the draft and its staff letter alone. Undefined on "prior comment N" (the prior
 * letter may not be read yet) or without the staff letter read: the caller waits for the reading.
 */
export function provisionalDefinitionAt(thread: Thread, offset: number): TargetRange[] | undefined {
  if (thread.doc.kind !== 'response' || !thread.doc.draft || !staffLetterOfThread(thread) || !thread.staff?.doc) return undefined;
  if (priorRefAt(thread, offset)) return undefined;
  return definitionAt(thread, offset);
}

export function priorRefAt(thread: Thread, offset: number): PriorCommentRef | undefined {
  const refs = thread.doc.draft ? thread.doc.draft.priorRefs : (thread.doc.letter?.comments.flatMap((c) => c.priorRefs) ?? []);
  return refs.find((r) => offset >= r.start && offset <= r.end);
}

/** The staff comment a position is about: an anchor in a draft, or a comment in a staff letter. */
export function commentAt(thread: Thread, offset: number): { staffDoc: LetterDocument; comment: StaffComment } | undefined {
  const doc = thread.doc;
  if (doc.kind === 'staff-letter' && doc.letter) {
    const comment = doc.letter.comments.find((c) => offset >= c.start && offset <= c.end);
    return comment ? { staffDoc: doc, comment } : undefined;
  }
  const staffDoc = thread.staff?.doc;
  const anchor = doc.draft?.anchors.find((a) => offset >= a.start && offset <= a.extent.end);
  if (!anchor || !staffDoc?.letter) return undefined;
  const n = (thread.coverage?.answers.get(anchor) ?? anchor.numbers)[0];
  const comment = staffDoc.letter.comments.find((c) => c.number === n);
  return comment ? { staffDoc, comment } : undefined;
}

/**
 * Every place that answers or mentions a staff comment: its own range (when asked), the anchors of every draft
 * answering it, and "prior comment N" references to it in later letters and their responses.
 */
export function referencesTo(
  staffDoc: LetterDocument,
  comment: StaffComment,
  drafts: readonly LetterDocument[],
  later: readonly LetterDocument[],
  includeDeclaration: boolean,
): TargetRange[] {
  const out: TargetRange[] = [];
  if (includeDeclaration) out.push(commentRange(staffDoc, comment));
  for (const d of drafts) {
    for (const a of d.draft?.anchors ?? []) {
      if (a.numbers.includes(comment.number)) out.push({ uri: d.uri, start: a.numberSpan.start, end: a.numberSpan.end, lines: d.lines });
    }
  }
  for (const d of later) {
    const refs = d.draft ? d.draft.priorRefs : (d.letter?.comments.flatMap((c) => c.priorRefs) ?? []);
    for (const r of refs) {
      if (r.numbers.includes(comment.number) && (!r.letterDate || r.letterDate === staffDoc.letter?.date))
        out.push({ uri: d.uri, start: r.start, end: r.end, lines: d.lines });
    }
  }
  return out;
}

export interface DocumentLinkTarget {
  readonly start: number;
  readonly end: number;
  readonly target: string;
  readonly tooltip: string;
}

/** The staff-letter path in the front matter, as a link. */
export function documentLinks(thread: Thread): DocumentLinkTarget[] {
  const fm = thread.doc.draft?.frontMatter ?? undefined;
  const link = thread.staff;
  if (!fm?.staffLetter || !link?.uri) return [];
  // The value span includes any quotes; link the path itself.
  const raw = thread.doc.file.text.slice(fm.staffLetter.start, fm.staffLetter.end);
  const lead = raw.length - raw.replace(/^["']/, '').length;
  const tail = raw.length - raw.replace(/["']\s*$/, '').length;
  return [
    {
      start: fm.staffLetter.start + lead,
      end: fm.staffLetter.end - tail,
      target: link.uri,
      tooltip: link.failure ? `Staff letter (cannot be read: ${link.failure})` : 'Open the staff letter',
    },
  ];
}

/**
 * Find references at an offset, gathered across the thread: the staff comment there (or the prior comment a
 * "prior comment N" names) → every draft that answers it (this one too, while it is not saved under its letter)
 * and every later letter that names it. `threadFor` builds the thread of another letter.
 */
export async function referencesAt(
  thread: Thread,
  offset: number,
  threadFor: (doc: LetterDocument) => Promise<Thread>,
  includeDeclaration: boolean,
): Promise<TargetRange[]> {
  const ref = priorRefAt(thread, offset);
  const prior = thread.prior;
  const target =
    ref && prior?.letter ? { staffDoc: prior, comment: prior.letter.comments.find((c) => ref.numbers.includes(c.number)) } : commentAt(thread, offset);
  if (!target?.comment) return [];
  const staffThread = target.staffDoc.uri === thread.doc.uri ? thread : await threadFor(target.staffDoc);
  const drafts = await Promise.all(staffThread.answeredBy.map(async (d) => (await threadFor(d)).doc));
  const doc = thread.doc;
  if (doc.kind === 'response' && doc.draft && !drafts.some((d) => d.uri === doc.uri) && thread.staff?.doc?.uri === target.staffDoc.uri) drafts.push(doc);
  const later = await Promise.all(staffThread.later.map(async (d) => (await threadFor(d)).doc));
  return referencesTo(target.staffDoc, target.comment, drafts, later, includeDeclaration);
}
