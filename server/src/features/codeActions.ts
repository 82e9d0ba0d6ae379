/**
 * Code actions: insert the response skeleton for a missing comment at its place in order (with its captions);
 * insert all missing ones; replace a drifted quote with the staff's exact words; anchor a prose paragraph to the
 * comment it matches; renumber a misnumbered anchor; the fixes citation checks offer. Each is a set of text edits
 * the user applies; nothing is written here.
 */
import type { Problem } from './diagnostics';
import { matchProse } from '../letters/coverage';
import { staffLetterOfThread, type Thread } from '../analysis/thread';
import type { Block } from '../parse/blocks';
import { commentSkeleton } from './newResponse';
import { escapeMarkdownInline } from './markdownText';

export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** A citation's own fix: replace a range with better text ("ASC-250" → "ASC 250"). */
export interface CitationFix {
  readonly title: string;
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/**
 * What a diagnostic carries for its quick fix, by code (the diagnostic's `data`: it comes back from the client with
 * the code action request, so a fix needs no server state). Read back with `fixDataOf`, never cast.
 */
export type FixData =
  | { readonly code: 'comment.missing'; readonly number: number }
  | { readonly code: 'quote.drift'; readonly staffText: string }
  | { readonly code: 'anchor.misnumbered'; readonly to: number }
  | { readonly code: `citation.${string}`; readonly fix: CitationFix };

function isRecord(v: unknown): v is Readonly<Record<string, unknown>> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function citationFixOf(v: unknown): CitationFix | undefined {
  if (!isRecord(v)) return undefined;
  const { title, start, end, newText } = v;
  return typeof title === 'string' && typeof start === 'number' && typeof end === 'number' && typeof newText === 'string'
    ? { title, start, end, newText }
    : undefined;
}

/** A problem's quick-fix data, checked field by field (it may have made a round trip through the client). */
export function fixDataOf(code: string, data: unknown): FixData | undefined {
  if (!isRecord(data)) return undefined;
  if (code === 'comment.missing') return typeof data.number === 'number' ? { code, number: data.number } : undefined;
  if (code === 'quote.drift') return typeof data.staffText === 'string' ? { code, staffText: data.staffText } : undefined;
  if (code === 'anchor.misnumbered') return typeof data.to === 'number' ? { code, to: data.to } : undefined;
  if (code.startsWith('citation.')) {
    const fix = citationFixOf(data.fix);
    return fix ? { code: `citation.${code.slice('citation.'.length)}`, fix } : undefined;
  }
  return undefined;
}

export interface CodeAction {
  readonly title: string;
  readonly kind: 'quickfix' | 'refactor';
  readonly edits: readonly TextEdit[];
  /** The diagnostic this fixes, when it fixes one. */
  readonly fixes?: Problem;
  readonly preferred?: boolean;
}

/** Actions for a range of the document, given the diagnostics there. */
export function codeActionsFor(thread: Thread, start: number, end: number, problems: readonly Problem[]): CodeAction[] {
  const actions: CodeAction[] = [];
  const doc = thread.doc;
  const text = doc.file.text;
  const staff = staffLetterOfThread(thread);
  const coverage = thread.coverage;

  const insertion = (at: number, body: string): TextEdit => {
    // Keep one blank line on each side of what is inserted.
    const before = text.slice(Math.max(0, at - 2), at);
    const lead = at === 0 ? '' : before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
    const after = text.slice(at, at + 2);
    const trail = at >= text.length ? '\n' : after.startsWith('\n\n') ? '' : after.startsWith('\n') ? '\n' : '\n\n';
    return { start: at, end: at, newText: `${lead}${body}${trail}` };
  };

  const missing = coverage?.comments.filter((c) => c.status === 'missing') ?? [];
  // The captions already where a missing answer goes: the draft's caption run there, or headings just above it.
  const captionsPresent = (c: { insertAt: number; captionsPresent?: readonly string[] }): readonly string[] => [
    ...(c.captionsPresent ?? []),
    ...headingsJustBefore(doc.file.blocks, c.insertAt),
  ];
  for (const p of problems) {
    const accept = doc.file.kind === 'markdown' ? acceptHere(text, doc.file.blocks, p) : undefined;
    if (accept) actions.push(accept);
    const data = fixDataOf(p.code, p.data);
    if (!data) continue;
    switch (data.code) {
      case 'comment.missing': {
        const c = staff ? coverage?.comments.find((x) => x.number === data.number) : undefined;
        if (c)
          actions.push({
            title: `Insert a response to comment ${data.number}`,
            kind: 'quickfix',
            edits: [insertion(c.insertAt, commentSkeleton(c.comment, true, 3, captionsPresent(c)))],
            fixes: p,
            preferred: true,
          });
        break;
      }
      case 'quote.drift': {
        // The diagnostic underlines the differing words: the anchor is the one whose quote holds them.
        const anchor = doc.draft?.anchors.find((a) => a.quote && a.quote.start <= p.start && p.start <= a.quote.end);
        // A quote in parts has answers between them: replacing its range would replace them too.
        if (anchor?.quote && !anchor.quote.parts)
          actions.push({
            title: 'Replace the repeated comment with the staff’s exact words',
            kind: 'quickfix',
            edits: [quoteReplacement(text, anchor.quote, data.staffText)],
            fixes: p,
            preferred: true,
          });
        break;
      }
      case 'anchor.misnumbered':
        actions.push({
          title: `Renumber as comment ${data.to}`,
          kind: 'quickfix',
          edits: [{ start: p.start, end: p.end, newText: String(data.to) }],
          fixes: p,
          preferred: true,
        });
        break;
      default:
        actions.push({
          title: data.fix.title,
          kind: 'quickfix',
          edits: [{ start: data.fix.start, end: data.fix.end, newText: data.fix.newText }],
          fixes: p,
          preferred: true,
        });
    }
  }

  if (missing.length > 1 && staff) {
    // Several inserts at one place go in comment order.
    const edits = missing.map((c) => insertion(c.insertAt, commentSkeleton(c.comment, true, 3, captionsPresent(c))));
    actions.push({ title: `Insert responses to all ${missing.length} missing comments`, kind: 'quickfix', edits });
  }

  // Anchor a prose paragraph under the cursor to the comment it matches.
  if (doc.draft && staff) {
    const paragraph = doc.draft.prose.find((p) => start <= p.end && end >= p.start);
    if (paragraph) {
      const matches = matchProse({ ...doc.draft, prose: [paragraph] }, staff.comments);
      const answered = new Set(coverage?.comments.filter((c) => c.status === 'answered').map((c) => c.number) ?? []);
      for (const m of matches) {
        if (answered.has(m.number)) continue;
        actions.push({
          title: `Anchor this paragraph to comment ${m.number}`,
          kind: 'quickfix',
          edits: [{ start: paragraph.start, end: paragraph.start, newText: `<!-- comment ${m.number} -->\n` }],
        });
      }
    }
  }
  return actions;
}

/** The staff's words in place of a drifted quote, keeping the draft's own markup around it. */
function quoteReplacement(text: string, quote: { start: number; end: number; text: string }, staffText: string): TextEdit {
  const original = text.slice(quote.start, quote.end);
  const closing = /(\*\*|__|\*|_)\s*$/.exec(original)?.[1] ?? '';
  const paragraphs = staffText.split(/\n\n|\n(?=- )/);
  if (paragraphs.length === 1 || !original.includes('\n')) {
    return {
      start: quote.start,
      end: quote.end - (closing ? original.length - original.lastIndexOf(closing) : 0),
      newText: escapeMarkdownInline(staffText.replace(/\n+/g, ' ')),
    };
  }
  const mark = closing || '';
  const rendered = paragraphs.map((p, i) => {
    const bullet = /^- /.test(p);
    const body = escapeMarkdownInline(bullet ? p.slice(2) : p);
    if (i === 0) return `${body}${mark}`;
    return bullet ? `- ${mark}${body}${mark}` : `${mark}${body}${mark}`;
  });
  return { start: quote.start, end: quote.end, newText: rendered.join('\n\n') };
}

/** Findings a writer may accept where they are (a staff typo kept on purpose, a blank filled at filing, …). */
const ACCEPTABLE =
  /^(?:quote\.drift|response\.blank|draft\.skeleton-blank|citation\.|anchor\.(?:out-of-order|duplicate|misnumbered)|prior-comment\.unknown|response\.acknowledgment-)/;

/** "Accept here": a `<!-- corresp-ignore code -->` line above the block the finding is in (Markdown only). */
function acceptHere(text: string, blocks: readonly Block[], p: Problem): CodeAction | undefined {
  if (!ACCEPTABLE.test(p.code)) return undefined;
  const block = blocks.find((b) => b.kind !== 'html' && b.start <= p.start && p.start < Math.max(b.end, b.start + 1));
  if (!block || blocks.some((b) => b.kind === 'code' && b.start <= p.start && p.start < b.end)) return undefined;
  const lineStart = text.lastIndexOf('\n', block.start - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart, block.start))?.[0] ?? '';
  return {
    title: `Accept this ${p.code} here (add <!-- corresp-ignore ${p.code} -->)`,
    kind: 'quickfix',
    edits: [{ start: lineStart, end: lineStart, newText: `${indent}<!-- corresp-ignore ${p.code} -->\n` }],
    fixes: p,
  };
}

/** The headings directly above an offset (nothing but headings between them and it), nearest last. */
function headingsJustBefore(blocks: readonly Block[], at: number): string[] {
  const out: string[] = [];
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i]!;
    if (b.end > at) continue;
    if (b.kind === 'heading') out.unshift(b.text);
    else if (b.kind !== 'html' && b.text.trim().length > 0) break;
  }
  return out;
}
