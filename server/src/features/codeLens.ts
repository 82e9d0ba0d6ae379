/**
 * Code lens above each anchor: "Comment 3 · answered · open staff comment".
 */
import { staffLetterOfThread, type Thread } from '../analysis/thread';

export interface Lens {
  readonly start: number;
  readonly end: number;
  readonly title: string;
  /** Set when clicking it should open the staff comment: the staff letter and the comment's offset. */
  readonly open?: { readonly uri: string; readonly offset: number };
}

export function codeLenses(thread: Thread): Lens[] {
  const draft = thread.doc.draft;
  if (!draft) return [];
  const staff = staffLetterOfThread(thread);
  const staffDoc = thread.staff?.doc;
  return draft.anchors.map((a) => {
    const numbers = thread.coverage?.answers.get(a) ?? a.numbers;
    const statuses = numbers.map((n) => thread.coverage?.comments.find((c) => c.number === n)?.status ?? 'no such comment');
    const status = statuses.length > 0 ? [...new Set(statuses)].join(', ') : 'no such comment';
    const comment = staff?.comments.find((c) => c.number === numbers[0]);
    const title = `Comment${a.numbers.length > 1 ? 's' : ''} ${a.numbers.join(', ')} · ${status}${comment && staffDoc ? ' · open staff comment' : ''}`;
    return { start: a.start, end: a.end, title, ...(comment && staffDoc ? { open: { uri: staffDoc.uri, offset: comment.head.start } } : {}) };
  });
}
