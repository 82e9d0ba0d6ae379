/**
 * A response skeleton for a staff letter: front matter naming the letter, the Re block, an opening paragraph,
 * every caption and comment repeated in bold with a "Response:" placeholder, and a closing. What `corresp new` and
 * the editor's "New Response from Staff Letter…" write. Pure: the caller decides where it goes.
 */
import { longDate } from '../letters/dates';
import { dueBasisText, dueDateOf } from '../letters/due';
import type { StaffComment, StaffLetter } from '../letters/model';
import { staffLetterOf, type LetterFile } from '../letters/read';
import { importedPath, importLetter } from './importLetter';
import { escapeMarkdownInline } from './markdownText';
import * as path from 'node:path';

export interface SkeletonOptions {
  /** The staff letter's path as the draft should name it (relative to the draft). */
  readonly staffLetterPath: string;
}

function quote(text: string): string {
  return `**${escapeMarkdownInline(text.trim())}**`;
}

/** One comment repeated in bold with its response placeholder (what a skeleton and "insert missing" write). */
export function commentSkeleton(comment: StaffComment, withCaptions: boolean, captionLevel = 3, present: readonly string[] = []): string {
  const out: string[] = [];
  if (withCaptions) {
    // Captions the draft already has where this answer goes are not written twice.
    const have = new Set(
      present.map((t) =>
        t
          .toLowerCase()
          .replace(/[^\p{L}\p{N}]+/gu, ' ')
          .trim(),
      ),
    );
    const kept = comment.caption.length - comment.captionsBefore.length;
    comment.captionsBefore.forEach((c, i) => {
      if (
        !have.has(
          c.title
            .toLowerCase()
            .replace(/[^\p{L}\p{N}]+/gu, ' ')
            .trim(),
        )
      )
        out.push(`${'#'.repeat(Math.min(6, captionLevel + kept + i))} ${escapeMarkdownInline(c.title)}`);
    });
  }
  const paragraphs = comment.paragraphs.length > 0 ? comment.paragraphs : [comment.text];
  paragraphs.forEach((p, i) => {
    const bullet = /^- /.exec(p);
    if (i === 0) out.push(`**${comment.number}. ${escapeMarkdownInline(p.trim())}**`);
    else if (bullet) out.push(`- ${quote(p.slice(2))}`);
    else out.push(quote(p));
  });
  out.push('Response: [Response]');
  return out.join('\n\n');
}

export function responseSkeleton(letter: StaffLetter, options: SkeletonOptions): string {
  const due = dueDateOf(letter, undefined);
  const lines: string[] = [];
  lines.push('---');
  lines.push('corresp: response');
  lines.push(`staff-letter: ${JSON.stringify(options.staffLetterPath)}`);
  if (due) lines.push(`# due: ${due.date} (${dueBasisText(due)}); set "due:" to override`);
  lines.push('---');
  lines.push('');
  lines.push('[Date]');
  lines.push('');
  lines.push('VIA EDGAR');
  lines.push('');
  const office = letter.signatory?.office;
  const addressee = [
    letter.signatory?.name,
    'Division of Corporation Finance',
    office,
    'U.S. Securities and Exchange Commission',
    '100 F Street, N.E.',
    'Washington, D.C. 20549',
  ].filter(Boolean);
  lines.push(addressee.map((l) => escapeMarkdownInline(l!)).join('\\\n'));
  lines.push('');
  const re = [
    `**Re: ${escapeMarkdownInline(letter.company ?? '[Company]')}**`,
    ...letter.filings.map((f) => escapeMarkdownInline(f.filed ? `${f.description}, filed ${f.filed}` : f.description)),
    ...(letter.fileNumber ? [`File No. ${letter.fileNumber}`] : []),
  ];
  lines.push(re.join('\\\n'));
  lines.push('');
  lines.push(`Dear ${letter.signatory?.name ? escapeMarkdownInline(letter.signatory.name) : '[Name]'}:`);
  lines.push('');
  const dated = letter.date ? `dated ${longDate(letter.date)}` : '[dated …]';
  const filing = letter.filings[0]?.description ?? '[filing]';
  lines.push(
    `This letter sets forth the responses of ${escapeMarkdownInline(letter.company ?? '[Company]')} (the “Company”) to the comments of the staff (the “Staff”) of the Division of Corporation Finance of the Securities and Exchange Commission contained in your letter ${dated} regarding the Company’s ${escapeMarkdownInline(filing)}. For your convenience, each comment is repeated below in bold, followed by the Company’s response.`,
  );
  for (const comment of letter.comments) {
    lines.push('');
    lines.push(commentSkeleton(comment, true));
  }
  if (letter.asksAcknowledgment) {
    // The staff letter asks for it (letters before late 2016): the "Tandy" acknowledgment, in the staff's terms.
    lines.push('');
    lines.push('In connection with responding to the Staff’s comments, the Company acknowledges that:');
    lines.push('');
    lines.push('- the Company is responsible for the adequacy and accuracy of the disclosure in the filing;');
    lines.push(
      '- Staff comments or changes to disclosure in response to Staff comments do not foreclose the Commission from taking any action with respect to the filing; and',
    );
    lines.push(
      '- the Company may not assert Staff comments as a defense in any proceeding initiated by the Commission or any person under the federal securities laws of the United States.',
    );
  }
  lines.push('');
  lines.push('* * *');
  lines.push('');
  lines.push('If you have any questions regarding this response, please contact [Name] at [telephone] or [email].');
  lines.push('');
  lines.push('Very truly yours,');
  lines.push('');
  lines.push('/s/ [Name]\\\n[Name]\\\n[Title]');
  lines.push('');
  return lines.join('\n');
}

/** What New Response from Staff Letter… creates: the staff letter as Markdown (imported when it is not), the draft. */
export interface NewResponsePlan {
  /** The staff letter the draft names: the letter itself, or its Markdown import beside it (with its text). */
  readonly staff: { readonly path: string; readonly text?: string };
  readonly draft: { readonly path: string; readonly text: string };
  readonly comments: number;
}

/**
 * The plan for a response to the staff letter at `source` (an absolute path): a letter that is not Markdown is
 * imported beside it first; the draft is `response-to-<name>.md` in the same folder and names the letter by a
 * relative path. Nothing is written here: the editor's command writes, asking before replacing a file.
 */
export function newResponsePlan(file: LetterFile, source: string): NewResponsePlan {
  const imported = file.kind !== 'markdown' ? importLetter(file, { sourceName: path.basename(source) }) : undefined;
  const staffPath = imported ? importedPath(source) : source;
  const draftPath = path.join(path.dirname(source), `response-to-${path.basename(source).replace(/\.[^.]+$/, '')}.md`);
  const letter = staffLetterOf(file);
  const relative = `./${path.relative(path.dirname(draftPath), staffPath).split(path.sep).join('/')}`;
  return {
    staff: { path: staffPath, ...(imported ? { text: imported.markdown } : {}) },
    draft: { path: draftPath, text: responseSkeleton(letter, { staffLetterPath: relative }) },
    comments: letter.comments.length,
  };
}
