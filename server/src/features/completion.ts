/**
 * Completion: after an anchor's number position (`<!-- comment `, a "Comment " heading, `**` at the start of a
 * paragraph), the comments not yet answered, with a preview; after "prior comment ", the prior letter's comments;
 * after "ASC ", "ASC 810-", "ASC 810-10-", and "Item "/"Rule " in an S-K/S-X context, the topics, subtopics,
 * sections, items and rules, with titles.
 */
import { ascSections, ascSubtopics, ascTopics, citationCompletionContext, regulationItems } from '../citations';
import type { StaffComment } from '../letters/model';
import { staffLetterOfThread, type Thread } from '../analysis/thread';
import { excerpt } from '../text/excerpt';
import { escapeMarkdown, escapeSnippetBold } from './markdownText';
import { commentMarkdown } from './hover';

export interface CompletionEntry {
  readonly label: string;
  readonly detail?: string;
  /** Markdown. */
  readonly documentation?: string;
  readonly insertText: string;
  /** Replace [replaceStart, offset) with insertText. */
  readonly replaceStart: number;
  readonly kind: 'comment' | 'reference' | 'value';
  readonly sortText?: string;
  /** Snippet syntax ($1, ${1:…}) in insertText. */
  readonly snippet?: boolean;
}

const ANCHOR_CONTEXT = /(?:<!--\s*comments?\s*|^#{1,6}\s*(?:(?:company['’]?s?\s+)?responses?\s+to\s+)?comments?\s*(?:no\.?\s*)?|^\*\*)(\d{0,3})$/i;
const PRIOR_CONTEXT = /\bprior\s+comments?\s+(?:number\s+)?(\d{0,3})$/i;

/**
 * Completion in a draft while the workspace is still being read (a cold start of a large repository): where the answer
 * depends on the draft and its staff letter alone, the same then as once every letter is read: the comments after an
 * anchor's number position (with the staff letter read), and citations (the tables are built in). Undefined after
 * "prior comment " (the prior letter may not be read yet) or without the staff letter: the caller waits for the reading.
 */
export function provisionalCompletionsAt(thread: Thread, offset: number, maxItems = 200): CompletionEntry[] | undefined {
  if (thread.doc.kind !== 'response' || !thread.doc.draft) return undefined;
  const prefix = linePrefix(thread, offset);
  if (ANCHOR_CONTEXT.test(prefix)) return staffLetterOfThread(thread) ? completionsAt(thread, offset, maxItems) : undefined;
  if (PRIOR_CONTEXT.test(prefix)) return undefined;
  return completionsAt(thread, offset, maxItems);
}

/** The line's text before the offset: what the completion contexts are read from. */
function linePrefix(thread: Thread, offset: number): string {
  return thread.doc.file.text.slice(thread.doc.lines.lineStart(thread.doc.lines.lineAt(offset)), offset);
}

export function completionsAt(thread: Thread, offset: number, maxItems = 200): CompletionEntry[] {
  const text = thread.doc.file.text;
  const lineStart = thread.doc.lines.lineStart(thread.doc.lines.lineAt(offset));
  const prefix = text.slice(lineStart, offset);

  const anchor = ANCHOR_CONTEXT.exec(prefix);
  if (anchor && thread.doc.draft) {
    const staff = staffLetterOfThread(thread);
    if (!staff) return [];
    const replaceStart = offset - anchor[1]!.length;
    const bold = /^\*\*\d{0,3}$/.test(prefix);
    const status = new Map(thread.coverage?.comments.map((c) => [c.number, c.status]) ?? []);
    return staff.comments
      .filter((c) => status.get(c.number) !== 'answered')
      .map((c) => ({
        label: String(c.number),
        detail: `${status.get(c.number) === 'placeholder' ? 'placeholder · ' : ''}${c.caption[c.caption.length - 1] ?? 'Comment'}`,
        documentation: commentMarkdown(c),
        insertText: bold ? `${c.number}. ${escapeSnippetBold(c.paragraphs[0] ?? c.text)}**\n\nResponse: \${0:[Response]}` : String(c.number),
        replaceStart,
        kind: 'comment' as const,
        sortText: String(c.number).padStart(4, '0'),
        ...(bold ? { snippet: true } : {}),
      }));
  }

  const prior = PRIOR_CONTEXT.exec(prefix);
  if (prior) {
    const letter = thread.prior?.letter;
    if (!letter) return [];
    return letter.comments.map((c: StaffComment) => ({
      label: String(c.number),
      detail: excerpt(c.text, 60),
      documentation: commentMarkdown(c, letter.date ? `Staff letter of ${letter.date}` : undefined),
      insertText: String(c.number),
      replaceStart: offset - prior[1]!.length,
      kind: 'reference' as const,
      sortText: String(c.number).padStart(4, '0'),
    }));
  }

  const before = text.slice(Math.max(0, lineStart - 4000), lineStart);
  const ctx = citationCompletionContext(prefix, before);
  if (!ctx) return [];
  const replaceStart = lineStart + ctx.replaceFrom;
  const entries: CompletionEntry[] = [];
  switch (ctx.kind) {
    case 'asc-topic':
      for (const t of ascTopics())
        entries.push({
          label: t.number,
          detail: t.title + (t.status === 'superseded' ? ' (superseded)' : ''),
          documentation: `${escapeMarkdown(t.area)} · source: ${escapeMarkdown(t.source)}`,
          insertText: t.number,
          replaceStart,
          kind: 'value',
          sortText: t.number,
        });
      break;
    case 'asc-subtopic':
      for (const s of ascSubtopics(ctx.topic))
        entries.push({
          label: s.subtopic,
          detail: s.title + (s.status === 'superseded' ? ' (superseded)' : ''),
          documentation: `ASC ${s.code} · source: ${escapeMarkdown(s.source)}`,
          insertText: s.subtopic,
          replaceStart,
          kind: 'value',
          sortText: s.subtopic,
        });
      break;
    case 'asc-section':
      for (const s of ascSections(`${ctx.topic}-${ctx.subtopic}`))
        entries.push({ label: s.number, detail: s.name, insertText: s.number, replaceStart, kind: 'value', sortText: s.number });
      break;
    case 'regulation-item':
      for (const i of regulationItems(ctx.regulation))
        entries.push({
          label: i.item,
          detail: i.title,
          documentation: `${escapeMarkdown(i.cfr)} · ${escapeMarkdown(i.group)}`,
          insertText: i.item,
          replaceStart,
          kind: 'value',
          sortText: i.item.padStart(8, '0'),
        });
      break;
  }
  const partial = ctx.partial;
  return entries.filter((e) => e.label.startsWith(partial)).slice(0, maxItems);
}
