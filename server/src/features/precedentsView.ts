/**
 * Precedents in the editor ("how have others answered this?"): which staff comment the cursor is on (an anchor or
 * its answer in a draft, a comment in a staff letter), the line a hover ends with ("Precedents: 4 similar comments"
 * and the comment's topic tags), the list the Precedents view and Show Precedents show, and that list as a page
 * (company, date, caption, the staff's words with the shared words marked, the company's answer, a "Copy answer"
 * link).
 *
 * Owns: the editor's words for precedents. Must not: search or read files (a `PrecedentFinder` answers), or know
 * the protocol. Pure; offsets in, plain data and strings out.
 */
import { fileURLToPath } from 'node:url';
import type { StaffComment, StaffLetter } from '../letters/model';
import { longDate } from '../letters/dates';
import type { Precedent } from '../precedents/similar';
import { tagsOf, topicTag } from '../precedents/tags';
import { staffLetterOfThread, type Thread } from '../analysis/thread';
import { escapeMarkdown } from './markdownText';
import { escapeHtml } from './htmlText';

/** Precedents shown per comment. */
export const PRECEDENT_LIMIT = 10;

/** What answers "the precedents of this comment": the server's library (see workspace/precedentLibrary.ts). */
export interface PrecedentFinder {
  find(comment: { readonly text: string }, staff: { readonly path?: string; readonly letter: StaffLetter }, limit: number): Precedent[];
  /** How many `find` would give, without their texts (for the hover). */
  count(comment: { readonly text: string }, staff: { readonly path?: string; readonly letter: StaffLetter }, limit: number): number;
}

/** The staff comments the cursor is on, with the staff letter they belong to. */
export interface CommentsUnder {
  readonly staffUri?: string;
  readonly letter: StaffLetter;
  readonly comments: readonly StaffComment[];
}

/**
 * The staff comments at `offset`: in a draft, those of the anchor the offset is in (its number, the repeated comment
 * or the answer); in a staff letter, the comment whose text holds it.
 */
export function commentsUnder(thread: Thread, offset: number): CommentsUnder | undefined {
  const letter = staffLetterOfThread(thread);
  if (!letter) return undefined;
  const doc = thread.doc;
  if (doc.kind === 'staff-letter') {
    const comment = letter.comments.find((c) => offset >= c.start && offset <= c.end);
    return comment ? { staffUri: doc.uri, letter, comments: [comment] } : undefined;
  }
  const anchor = doc.draft?.anchors.find((a) => offset >= a.start && offset <= Math.max(a.end, a.extent.end, a.response.end));
  if (!anchor) return undefined;
  const numbers = thread.coverage?.answers.get(anchor) ?? anchor.numbers;
  const comments = (numbers.length > 0 ? numbers : anchor.numbers)
    .map((n) => letter.comments.find((c) => c.number === n))
    .filter((c): c is StaffComment => !!c);
  return comments.length > 0 ? { ...(thread.staff?.uri ? { staffUri: thread.staff.uri } : {}), letter, comments } : undefined;
}

/** Where the library stands: `untrusted` when precedents are off (an untrusted folder). */
export interface LibraryState {
  readonly state: 'off' | 'loading' | 'ready' | 'failed' | 'untrusted';
  readonly message?: string;
}

/**
 * The lines a comment's hover ends with ("" when the hover is not on a comment): its topics, and in a trusted folder
 * "Precedents: N similar comments" with a link to `command` (given the hover's own position).
 */
export function precedentsHoverLines(
  thread: Thread,
  offset: number,
  finder: PrecedentFinder | undefined,
  library: LibraryState,
  link: { command: string; args: unknown },
): string {
  const under = commentsUnder(thread, offset);
  if (!under) return '';
  const staffPath = fileOf(under.staffUri);
  const found = finder && library.state === 'ready' ? precedentCounts(under, finder, staffPath) : new Map<number, number>();
  const md = precedentsHoverMarkdown(under, found, link, library.state === 'loading' || library.state === 'off', library.state !== 'untrusted');
  return md ? `\n\n---\n\n${md}` : '';
}

/** What corresp/precedents answers: the list for the comment at `offset` and its page (`copy` makes "Copy answer" hrefs). */
export function precedentsAt(
  thread: Thread,
  offset: number,
  finder: PrecedentFinder | undefined,
  library: LibraryState,
  copy: (answer: string) => string,
  shown: (file: string) => string,
): PrecedentsResult & { readonly html: string } {
  const under = commentsUnder(thread, offset);
  if (!under)
    return {
      title: 'No staff comment under the cursor',
      comments: [],
      note: 'Put the cursor on a comment anchor or its answer in a draft, or on a comment in a staff letter.',
      html: '',
    };
  const note =
    library.state === 'untrusted'
      ? 'Precedents are off in an untrusted folder.'
      : library.state === 'failed'
        ? `The precedent library cannot be loaded: ${library.message ?? 'unknown error'}`
        : library.state !== 'ready'
          ? 'The precedent library is loading…'
          : undefined;
  const comments =
    finder && library.state === 'ready'
      ? precedentsOf(under, finder, fileOf(under.staffUri))
      : under.comments.map((c) => ({ number: c.number, caption: c.caption, tags: tagsOf(c), precedents: [] }));
  const result: PrecedentsResult = { title: precedentsTitle(under.letter), comments, ...(note ? { note } : {}) };
  return { ...result, html: renderPrecedentsHtml(result, copy, shown) };
}

/** A file: URI's path (the library knows files by path). */
function fileOf(uri: string | undefined): string | undefined {
  if (!uri?.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

/** Topic tags as the user reads them ("Non-GAAP measures, Income taxes"). */
export function tagLabels(tags: readonly string[]): string[] {
  return tags.map((t) => topicTag(t)?.label ?? t);
}

/** How many precedents each comment under the cursor has (the hover's count). */
export function precedentCounts(under: CommentsUnder, finder: PrecedentFinder, staffPath: string | undefined, limit = PRECEDENT_LIMIT): Map<number, number> {
  return new Map(under.comments.map((c) => [c.number, finder.count(c, { ...(staffPath ? { path: staffPath } : {}), letter: under.letter }, limit)]));
}

/** The lines a hover on a comment ends with: its topics, and how many precedents the library has, with a link. */
export function precedentsHoverMarkdown(
  under: CommentsUnder,
  found: ReadonlyMap<number, number | readonly unknown[]>,
  link?: { command: string; args: unknown },
  libraryLoading = false,
  withPrecedents = true,
): string {
  const lines: string[] = [];
  for (const c of under.comments) {
    const prefix = under.comments.length > 1 ? `Comment ${c.number}: ` : '';
    const tags = tagLabels(tagsOf(c));
    if (tags.length > 0) lines.push(`${prefix}**Topics:** ${tags.map(escapeMarkdown).join(', ')}`);
    if (!withPrecedents) continue;
    const got = found.get(c.number);
    const n = typeof got === 'number' ? got : (got?.length ?? 0);
    const words = libraryLoading ? 'the library is loading…' : n === 0 ? 'no similar comment in the library' : `${n} similar comment${n === 1 ? '' : 's'}`;
    const href =
      link && n > 0
        ? ` · [Show precedents](command:${link.command}?${encodeURIComponent(JSON.stringify([link.args]))} "Open the similar comments beside the draft")`
        : '';
    lines.push(`${prefix}**Precedents:** ${words}${href}`);
  }
  return lines.join('\n\n');
}

// ── The list (Precedents view, Show Precedents) ────────────────────────────────────────────────────────────────

export interface PrecedentItem {
  readonly company?: string;
  readonly date?: string;
  readonly filing?: string;
  readonly fileNumber?: string;
  /** The letter file it comes from (absolute path) and the comment's number there. */
  readonly file: string;
  readonly number: number;
  readonly caption: readonly string[];
  readonly tags: readonly string[];
  readonly score: number;
  readonly sharedSentences: number;
  /** The staff's words, with the runs shared with the comment asked about marked. */
  readonly segments: readonly { readonly text: string; readonly shared: boolean }[];
  readonly answer?: string;
}

export interface CommentPrecedents {
  readonly number: number;
  readonly caption: readonly string[];
  readonly tags: readonly string[];
  readonly precedents: readonly PrecedentItem[];
}

export interface PrecedentsResult {
  /** Whose comments: "Staff letter of August 16, 2017 (21Vianet Group, Inc.)". */
  readonly title: string;
  readonly comments: readonly CommentPrecedents[];
  /** Why there is nothing to show (no comment under the cursor, the library still loading). */
  readonly note?: string;
}

export function precedentsOf(under: CommentsUnder, finder: PrecedentFinder, staffPath: string | undefined, limit = PRECEDENT_LIMIT): CommentPrecedents[] {
  return under.comments.map((c) => ({
    number: c.number,
    caption: c.caption,
    tags: tagsOf(c),
    precedents: finder.find(c, { ...(staffPath ? { path: staffPath } : {}), letter: under.letter }, limit).map(itemOf),
  }));
}

function itemOf(p: Precedent): PrecedentItem {
  const e = p.entry;
  return {
    ...(e.company ? { company: e.company } : {}),
    ...(e.date ? { date: e.date } : {}),
    ...(e.filing ? { filing: e.filing } : {}),
    ...(e.fileNumber ? { fileNumber: e.fileNumber } : {}),
    file: e.file,
    number: e.number,
    caption: e.caption,
    tags: e.tags,
    score: p.score,
    sharedSentences: p.sharedSentences,
    segments: p.segments,
    ...(p.answer ? { answer: p.answer } : {}),
  };
}

export function precedentsTitle(letter: StaffLetter): string {
  return `${letter.date ? `Staff letter of ${longDate(letter.date)}` : 'Staff letter'}${letter.company ? ` (${letter.company})` : ''}`;
}

/** One precedent's heading line: "Caterpillar Inc. · March 11, 2024 · Form 10-K … · comment 1". */
export function precedentFacts(p: PrecedentItem): string {
  return [p.company ?? '(company unknown)', p.date ? longDate(p.date) : undefined, p.filing, `comment ${p.number}`].filter(Boolean).join(' · ');
}

const CSS = `
body { font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 13px); line-height: 1.45; max-width: 60em; margin: 0 auto; padding: 0 1em 2em; }
h1 { font-size: 1.3em; } h2 { font-size: 1.15em; margin-top: 1.6em; border-bottom: 1px solid #8884; } h3 { font-size: 1em; margin: 1.2em 0 .3em; }
.meta, .caption { opacity: .8; } .caption { font-style: italic; }
blockquote { margin: .4em 0; padding: .2em .8em; border-left: 3px solid #8886; white-space: pre-wrap; }
mark { background: #f5d90a66; color: inherit; padding: 0 1px; }
.answer { border-left-color: #3c9a5f; }
a.copy { display: inline-block; margin: .3em 0 .8em; padding: .15em .6em; border: 1px solid #8888; border-radius: 3px; text-decoration: none; }
.tags span { display: inline-block; margin-right: .4em; padding: 0 .4em; border: 1px solid #8886; border-radius: 3px; font-size: .9em; }
`;

/**
 * The precedents as a page (the Show Precedents webview): no scripts; "Copy answer" is a command link (`copy`
 * makes its href) so the editor copies the text.
 */
export function renderPrecedentsHtml(result: PrecedentsResult, copy: (answer: string) => string, shown: (file: string) => string = (f) => f): string {
  const e = escapeHtml;
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>Precedents</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
  ];
  out.push(`<h1>Precedents: ${e(result.title)}</h1>`);
  if (result.note) out.push(`<p class="meta">${e(result.note)}</p>`);
  for (const c of result.comments) {
    out.push(`<section aria-label="Comment ${c.number}">`, `<h2>Comment ${c.number}${c.caption.length ? `. ${e(c.caption.join(' › '))}` : ''}</h2>`);
    if (c.tags.length)
      out.push(
        `<p class="tags">Topics: ${tagLabels(c.tags)
          .map((t) => `<span>${e(t)}</span>`)
          .join('')}</p>`,
      );
    if (c.precedents.length === 0) out.push('<p>No similar comment in the library.</p>');
    c.precedents.forEach((p, i) => {
      out.push(`<article class="precedent">`, `<h3>${i + 1}. ${e(precedentFacts(p))}</h3>`);
      if (p.caption.length) out.push(`<div class="caption">${e(p.caption.join(' › '))}</div>`);
      out.push(
        `<div class="meta">${e(shown(p.file))}${p.sharedSentences ? ` · ${p.sharedSentences} sentence${p.sharedSentences === 1 ? '' : 's'} shared` : ''}${p.tags.length ? ` · ${e(tagLabels(p.tags).join(', '))}` : ''}</div>`,
      );
      out.push(
        `<blockquote class="staff" aria-label="The staff's words (shared words marked)">${p.segments.map((s) => (s.shared ? `<mark>${e(s.text)}</mark>` : e(s.text))).join('')}</blockquote>`,
      );
      if (p.answer) {
        out.push(`<div><strong>The company's answer</strong></div>`, `<blockquote class="answer">${e(p.answer)}</blockquote>`);
        out.push(`<a class="copy" href="${e(copy(p.answer))}" title="Copy the company's answer to the clipboard">Copy answer</a>`);
      } else out.push('<p class="meta">The answer is not in the library.</p>');
      out.push('</article>');
    });
    out.push('</section>');
  }
  out.push('</body>', '</html>', '');
  return out.join('\n');
}

/** Whether a hover is a comment's (an anchor's number, a staff comment's number): those end with precedents. */
export function isCommentHover(thread: Thread, hover: { readonly start: number; readonly end: number }): boolean {
  const draft = thread.doc.draft;
  if (draft?.anchors.some((a) => a.numberSpan.start === hover.start && a.numberSpan.end === hover.end)) return true;
  return thread.doc.kind === 'staff-letter' && !!thread.doc.letter?.comments.some((c) => c.head.start === hover.start);
}
