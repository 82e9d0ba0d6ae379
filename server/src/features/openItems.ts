/**
 * What is still open in a response, as the reviewer's report lists it: per comment (missing, placeholder, no
 * response, a blank, a drifted quote, a bad citation) and for the letter as a whole (the skeleton's blanks, an
 * unreadable staff letter, the acknowledgment the staff asked for). Each item is one short line with its line in the
 * draft. Pure: reads an analysis, never changes it.
 */
import type { Problem } from './diagnostics';
import type { CommentCoverage } from '../letters/coverage';
import type { LineIndex } from '../text/lineIndex';

/** Codes that are open items of a comment when they fall within its answer. */
const COMMENT_CODES: Readonly<Record<string, string>> = {
  'response.blank': 'blank',
  'quote.drift': 'quote drift',
  'citation.unknown-topic': 'citation',
  'citation.unknown-subtopic': 'citation',
  'citation.unknown-section': 'citation',
  'citation.malformed-range': 'citation',
  'anchor.misnumbered': 'numbering',
};

/** Codes that are open items of the letter wherever they are. */
const LETTER_CODES: Readonly<Record<string, string>> = {
  'draft.skeleton-blank': 'skeleton blank',
  'response.blank': 'blank',
  'staff-letter.unreadable': 'staff letter',
  'staff-letter.not-named': 'staff letter',
  'response.acknowledgment-missing': 'acknowledgment',
  'draft.duplicate-response': 'another draft',
  'letter.unreadable': 'unreadable',
  'frontmatter.invalid': 'front matter',
};

function item(kind: string, p: Problem, lines: LineIndex): string {
  return `${kind}: ${p.message.replace(/^A blank (?:of the letter )?is left to fill: /, '')} (line ${lines.positionAt(p.start).line + 1})`;
}

/** A comment's open items: its status first, then the findings inside its answer (warnings and errors only). */
export function commentOpenItems(c: CommentCoverage, problems: readonly Problem[], lines: LineIndex): string[] {
  const out: string[] = [];
  if (c.status === 'missing') out.push(`missing (belongs at line ${lines.positionAt(c.insertAt).line + 1})`);
  else if (c.status === 'placeholder') {
    const empty = c.anchors.every((a) => a.response.text.length === 0);
    out.push(`${empty ? 'no response' : 'placeholder only'} (line ${lines.positionAt(c.anchors[0]!.start).line + 1})`);
  }
  for (const p of problems) {
    const kind = COMMENT_CODES[p.code];
    if (!kind || (p.severity !== 'error' && p.severity !== 'warning')) continue;
    if (c.anchors.some((a) => p.start >= a.start && p.start < Math.max(a.extent.end, a.end))) out.push(item(kind, p, lines));
  }
  return out;
}

/** The letter's open items outside its comments' answers. */
export function letterOpenItems(comments: readonly CommentCoverage[], problems: readonly Problem[], lines: LineIndex): string[] {
  const inAnswer = (p: Problem) => comments.some((c) => c.anchors.some((a) => p.start >= a.start && p.start < Math.max(a.extent.end, a.end)));
  const out: string[] = [];
  for (const p of problems) {
    const kind = LETTER_CODES[p.code];
    if (!kind || (p.code === 'response.blank' && inAnswer(p))) continue;
    out.push(item(kind, p, lines));
  }
  return out;
}
