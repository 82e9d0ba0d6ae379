/**
 * One staff letter, one response: the other drafts of a workspace that answer the same staff letter as a draft (so
 * that neither is counted twice unnoticed). The one rule `corresp check` and the editor's Problems panel share
 * (`draft.duplicate-response`): both letters are drafts (Markdown or Word, not filed letters: a thread's filed request
 * for more time and its answer are both responses), the draft's staff letter is read, and the other names the same
 * staff letter (the thread's `answeredBy`). Pure: reads a thread, never the disk.
 */
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { LetterDocument, Thread } from './thread';

/** Another draft answering the same staff letter: where it is, and its path as shown beside the draft (relative to its folder). */
export interface OtherDraft {
  readonly uri: string;
  readonly path: string;
  /** Where its front matter starts (what the related-information link points at). */
  readonly start: number;
  readonly end: number;
}

const isDraft = (d: LetterDocument) => d.kind === 'response' && (d.file.kind === 'markdown' || d.file.kind === 'docx');

/** The other drafts that answer the staff letter `thread`'s draft answers (none for a staff letter, a filed letter, or an unread staff letter). */
export function otherDraftsOf(thread: Thread): readonly OtherDraft[] {
  const doc = thread.doc;
  if (!isDraft(doc) || !thread.staff?.uri || !thread.staff.doc?.letter || thread.staff.failure) return [];
  const here = path.posix.dirname(URI.parse(doc.uri).path);
  return thread.answeredBy
    .filter((o) => o.uri !== doc.uri && isDraft(o))
    .map((o) => {
      const start = o.file.frontMatter?.start ?? 0;
      return { uri: o.uri, path: relativeTo(here, o.uri), start, end: o.file.frontMatter ? Math.min(o.file.text.length, start + 3) : start };
    })
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A file's path from a folder (both from URIs), with forward slashes. */
function relativeTo(folder: string, uri: string): string {
  return path.posix.relative(folder, URI.parse(uri).path);
}
