/**
 * Hover: on an anchor, the staff's comment (number, caption path, full text, its requests as a checklist, the
 * citations it makes and whether it is answered); on "prior comment N", that earlier comment and the start of how
 * it was answered then; on a citation, what it points to. Works in drafts and staff letters alike.
 */
import { describeCitation, findCitations, type Citation, type Supersession } from '../citations';
import { sourceOffset } from '../parse/blocks';
import type { ResponseAnchor, StaffComment } from '../letters/model';
import { longDate } from '../letters/dates';
import { staffLetterOfThread, type LetterDocument, type Thread } from '../analysis/thread';
import { excerpt } from '../text/excerpt';
import { escapeMarkdown } from './markdownText';

export interface HoverResult {
  readonly markdown: string;
  readonly start: number;
  readonly end: number;
}

export function hoverAt(thread: Thread, offset: number): HoverResult | undefined {
  const doc = thread.doc;
  const draft = doc.draft;
  const staff = staffLetterOfThread(thread);

  // The number of an anchor: the comment(s) it answers.
  const onNumber = draft?.anchors.find((a) => offset >= a.numberSpan.start && offset <= a.numberSpan.end);
  if (onNumber) return anchorHover(thread, onNumber);

  // "prior comment N", in a draft or a staff letter.
  const refs = draft ? draft.priorRefs : (doc.letter?.comments.flatMap((c) => c.priorRefs) ?? []);
  const ref = refs.find((r) => offset >= r.start && offset <= r.end);
  if (ref) {
    const prior = thread.prior?.letter;
    if (!prior) {
      const date = staff?.priorLetterDate ?? ref.letterDate;
      return {
        markdown: `**Prior comment ${ref.numbers.join(', ')}**\n\n*The prior letter${date ? ` (${longDate(date)})` : ''} is not in the workspace; import it to see its comments here.*`,
        start: ref.start,
        end: ref.end,
      };
    }
    const parts = ref.numbers.map((n) => {
      const comment = prior.comments.find((c) => c.number === n);
      if (!comment) return `**Prior comment ${n}**\n\nThe ${prior.date ? longDate(prior.date) : 'prior'} letter has no comment ${n}.`;
      const answer = answerThen(thread.priorResponse, n);
      return (
        commentMarkdown(comment, `Staff letter of ${prior.date ? longDate(prior.date) : 'an earlier date'}`) +
        (answer ? `\n\n**Answered then:** ${escapeMarkdown(excerpt(answer, 300))}` : '')
      );
    });
    return { markdown: parts.join('\n\n---\n\n'), start: ref.start, end: ref.end };
  }

  // A staff comment's number in a staff letter: the comment and who answers it.
  if (doc.kind === 'staff-letter' && doc.letter) {
    const comment = doc.letter.comments.find((c) => offset >= c.head.start && offset <= Math.min(c.head.end, c.head.start + 6));
    if (comment) {
      const answers = thread.answeredBy.map((d) => d.draft?.anchors.find((a) => a.numbers.includes(comment.number))).filter(Boolean);
      return {
        markdown: commentMarkdown(
          comment,
          thread.answeredBy.length > 0 ? `Answered in ${answers.length} of ${thread.answeredBy.length} draft(s)` : 'No response draft names this letter yet',
        ),
        start: comment.head.start,
        end: comment.head.start + String(comment.number).length,
      };
    }
  }

  // A citation (also inside a repeated comment).
  const found = citationAt(doc, offset);
  if (found) return { markdown: citationMarkdown(found.citation), start: found.start, end: found.end };

  // Anywhere else on an anchor: the comment(s) it answers.
  const anchor = draft?.anchors.find((a) => offset >= a.start && offset <= a.end);
  if (anchor) return anchorHover(thread, anchor);
  return undefined;
}

/**
 * The hover on a draft while the workspace is still being read (a cold start of a large repository): only what
 * depends on the draft and its staff letter alone, the same then as once every letter is read: an anchor's comment
 * (with the staff letter read) and a citation. Undefined elsewhere (a "prior comment N" needs the prior letter, which
 * may not be read yet; a staff letter's hover counts the drafts answering it): the caller waits for the reading.
 */
export function provisionalHoverAt(thread: Thread, offset: number): HoverResult | undefined {
  const draft = thread.doc.kind === 'response' ? thread.doc.draft : undefined;
  if (!draft) return undefined;
  const h = hoverAt(thread, offset);
  if (!h) return undefined;
  const found = citationAt(thread.doc, offset);
  if (found && found.start === h.start && found.end === h.end) return h;
  const onAnchor = draft.anchors.some((a) => a.numberSpan.start === h.start && a.numberSpan.end === h.end);
  return onAnchor && staffLetterOfThread(thread) ? h : undefined;
}

function anchorHover(thread: Thread, anchor: ResponseAnchor): HoverResult {
  const staff = staffLetterOfThread(thread);
  const numbers = thread.coverage?.answers.get(anchor) ?? anchor.numbers;
  const parts: string[] = [];
  for (const n of numbers.length > 0 ? numbers : anchor.numbers) {
    const comment = staff?.comments.find((c) => c.number === n);
    parts.push(comment ? commentMarkdown(comment, statusLine(thread, n, anchor)) : `**Comment ${n}**\n\nThe staff letter has no comment ${n}.`);
  }
  if (!staff)
    parts.push(
      thread.staff?.failure ? `*The staff letter cannot be read: ${escapeMarkdown(thread.staff.failure)}.*` : '*No staff letter is named in the front matter.*',
    );
  return { markdown: parts.join('\n\n---\n\n'), start: anchor.numberSpan.start, end: anchor.numberSpan.end };
}

function statusLine(thread: Thread, n: number, anchor: ResponseAnchor): string {
  const status = thread.coverage?.comments.find((c) => c.number === n)?.status;
  const staffDate = staffLetterOfThread(thread)?.date;
  const label =
    status === 'answered' ? 'answered' : status === 'placeholder' ? 'placeholder only' : anchor.response.placeholder ? 'placeholder only' : 'answered';
  return `${label[0]!.toUpperCase()}${label.slice(1)}${staffDate ? ` · staff letter of ${longDate(staffDate)}` : ''}`;
}

export function commentMarkdown(comment: StaffComment, status?: string): string {
  const lines: string[] = [];
  lines.push(`**Comment ${comment.number}**${comment.caption.length ? ` · ${comment.caption.map(escapeMarkdown).join(' › ')}` : ''}`);
  lines.push('');
  for (const p of comment.paragraphs.length > 0 ? comment.paragraphs : [comment.text]) {
    lines.push(/^- /.test(p) ? `> • ${escapeMarkdown(p.slice(2))}` : `> ${escapeMarkdown(p)}`);
    lines.push('>');
  }
  if (lines[lines.length - 1] === '>') lines.pop();
  if (comment.asks.length > 0) {
    lines.push('');
    lines.push('**Requests**');
    lines.push('');
    for (const ask of comment.asks) lines.push(`- ☐ ${escapeMarkdown(ask)}`);
  }
  const citations = findCitations(comment.text);
  if (citations.length > 0) {
    lines.push('');
    lines.push('**Citations**');
    lines.push('');
    for (const c of dedupe(citations)) lines.push(`- ${citationLine(c)}`);
  }
  if (status) {
    lines.push('');
    lines.push(`*${escapeMarkdown(status)}*`);
  }
  return lines.join('\n');
}

function dedupe(citations: readonly Citation[]): Citation[] {
  const seen = new Set<string>();
  return citations.filter((c) => {
    const key = describeCitation(c).label;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function citationLine(c: Citation): string {
  const d = describeCitation(c);
  const text = d.title ? `**${escapeMarkdown(d.label)}**: ${escapeMarkdown(d.title)}` : `**${escapeMarkdown(d.label)}**`;
  const status =
    d.status === 'superseded' && d.supersededBy
      ? ` (superseded${supersededText(d.supersededBy)})`
      : d.status === 'unknown'
        ? ' (not in the reference tables)'
        : '';
  return `${text}${status}${d.link ? ` · [public text](${d.link})` : ''}`;
}

function supersededText(s: Supersession): string {
  return `${s.by ? ` by ${escapeMarkdown(s.by)}` : ''}${s.via ? ` via ${escapeMarkdown(s.via)}` : ''}`;
}

export function citationMarkdown(c: Citation): string {
  const d = describeCitation(c);
  const lines = [d.title ? `**${escapeMarkdown(d.label)}**: ${escapeMarkdown(d.title)}` : `**${escapeMarkdown(d.label)}**`];
  if (d.status === 'superseded' && d.supersededBy) lines.push('', `*Superseded${supersededText(d.supersededBy)}.*`);
  else if (d.status === 'unknown') {
    // The findings (the same check reports) say why; the generic line only when there are none.
    if (d.notes.length === 0) lines.push('', '*Not in the bundled reference tables.*');
  } else lines.push('', `*Status: ${d.status}*`);
  for (const note of d.notes) lines.push('', escapeMarkdown(note));
  if (d.link) lines.push('', `[Public text (eCFR)](${d.link})`);
  return lines.join('\n');
}

/** The citation under an offset, with its source range. */
export function citationAt(doc: LetterDocument, offset: number): { citation: Citation; start: number; end: number } | undefined {
  for (const block of doc.file.blocks) {
    if (offset < block.start || offset > block.end) continue;
    if (block.kind === 'code' || block.kind === 'html') return undefined;
    for (const c of findCitations(block.text)) {
      const start = sourceOffset(block, c.start);
      const end = sourceOffset(block, c.end);
      if (offset >= start && offset <= end) return { citation: c, start, end };
    }
  }
  return undefined;
}

/** How a comment was answered in a response document, for "Answered then". */
function answerThen(response: LetterDocument | undefined, n: number): string | undefined {
  const draft = response?.draft;
  const anchor = draft?.anchors.find((a) => a.numbers.includes(n));
  return anchor && !anchor.response.placeholder ? anchor.response.text : undefined;
}
