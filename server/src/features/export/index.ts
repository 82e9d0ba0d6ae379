/**
 * Export: a response draft (Corresp Markdown) → the letter the SEC receives (EDGAR HTML or EDGAR ASCII) or a Word
 * draft for counsel and auditors. One model (model.ts) read from the Markdown, three renderers. Pure: text or bytes
 * in, text or bytes out, plus notes on whatever could not be carried over; the CLI does the writing.
 */
import { longDate } from '../../letters/dates';
import { frontMatterOf, readLetterText, responseOf, type LetterFile } from '../../letters/read';
import { importLetter } from '../importLetter';
import type { DocxTemplate } from '../../parse/docx';
import { renderAscii } from './ascii';
import { renderDocx, type DocxOptions } from './docx';
import { renderEdgarHtml } from './edgarHtml';
import { readDraft, type ExportDraft, type ExportRefusal } from './model';

export { EDGAR_HTML, EDGAR_VALUES, edgarAllows, escapeEdgarHtml, renderEdgarHtml } from './edgarHtml';
export { ASCII_WIDTH, renderAscii, Transliterator, wrapWords, type AsciiResult, type LostCharacter } from './ascii';
export { LETTER_PAGE, renderDocx, type DocxOptions } from './docx';
export { readDraft, type ExportBlock, type ExportDraft, type ExportRefusal, type Inline, type ReadDraftOptions } from './model';

export type ExportFormat = 'html' | 'txt' | 'docx';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['html', 'txt', 'docx'];

export interface ExportOptions {
  /** Withhold `[[confidential: …]]` text as "[***]" (default). The unredacted copy is for Word drafts only. */
  readonly redact?: boolean;
  /** HTML TITLE / Word document title. */
  readonly title?: string;
  /** Word: the staff-letter path to record in the `corresp-staff-letter` property, as seen from the output file. */
  readonly staffLetterPath?: string;
  /** Word: a firm's reference document (its styles and page setup). */
  readonly reference?: DocxTemplate;
}

/**
 * A Word draft's document properties, from the letter: its front matter (`title`, `author`, `company`, `due`,
 * `staff-letter`) first, then what the letter says (the company, the staff letter's date). The custom properties
 * let Corresp read the document back as this draft: `corresp: response`, `corresp-staff-letter`, `corresp-due`.
 */
export function wordProperties(markdown: string, options: ExportOptions = {}): DocxOptions {
  const file = readLetterText('draft.md', markdown);
  const fm = frontMatterOf(file.frontMatter);
  const data = fm?.data ?? {};
  const text = (key: string) => (typeof data[key] === 'string' && (data[key] as string).trim().length > 0 ? (data[key] as string).trim() : undefined);
  const draft = responseOf(file);
  const company = text('company') ?? draft.company;
  const dated = draft.answersLetterDated;
  const title =
    options.title ?? text('title') ?? `${company ? `${company}: ` : ''}Response to the SEC staff’s comment letter${dated ? ` of ${longDate(dated)}` : ''}`;
  const staffLetter = options.staffLetterPath ?? fm?.staffLetter?.path;
  return {
    title,
    ...((text('author') ?? company) ? { author: (text('author') ?? company)! } : {}),
    ...(company ? { company } : {}),
    subject: 'Response to SEC staff comments',
    properties: {
      corresp: fm?.declaredKind ?? 'response',
      ...(staffLetter ? { 'corresp-staff-letter': staffLetter } : {}),
      ...(fm?.due ? { 'corresp-due': fm.due } : {}),
    },
    ...(options.reference ? { reference: options.reference } : {}),
  };
}

/**
 * `refused`: the draft must not be exported (a confidential span whose end is not where the writer surely meant it);
 * the text or bytes are then empty, and nothing may be written.
 */
export type ExportResult =
  | { readonly format: 'html' | 'txt'; readonly text: string; readonly notes: readonly string[]; readonly refused?: ExportRefusal }
  | { readonly format: 'docx'; readonly bytes: Uint8Array; readonly notes: readonly string[]; readonly refused?: ExportRefusal };

/** EDGAR HTML of a response draft (empty text when `refused`). */
export function exportHtml(markdown: string, options: ExportOptions = {}): { text: string; notes: readonly string[]; refused?: ExportRefusal } {
  const draft = readDraft(markdown, { redact: true });
  if (draft.refused) return { text: '', notes: [], refused: draft.refused };
  return { text: renderEdgarHtml(draft, options.title !== undefined ? { title: options.title } : {}), notes: draft.notes };
}

/** EDGAR ASCII of a response draft; characters with no ASCII equivalent are listed in the notes (empty when `refused`). */
export function exportAscii(markdown: string): { text: string; notes: readonly string[]; refused?: ExportRefusal } {
  const draft = readDraft(markdown, { redact: true });
  if (draft.refused) return { text: '', notes: [], refused: draft.refused };
  const result = renderAscii(draft);
  return { text: result.text, notes: [...draft.notes, ...lostNotes(result.lost)] };
}

/** A Word document of a response draft (no bytes when `refused`). */
export async function exportDocx(
  markdown: string,
  options: ExportOptions = {},
): Promise<{ bytes: Uint8Array; notes: readonly string[]; refused?: ExportRefusal }> {
  const draft = readDraft(markdown, { redact: options.redact !== false });
  if (draft.refused) return { bytes: new Uint8Array(0), notes: [], refused: draft.refused };
  const bytes = await renderDocx(draft, wordProperties(markdown, options));
  return { bytes, notes: [...draft.notes, ...imageNotes(draft)] };
}

export async function exportDraft(markdown: string, format: ExportFormat, options: ExportOptions = {}): Promise<ExportResult> {
  switch (format) {
    case 'html':
      return { format, ...exportHtml(markdown, options) };
    case 'txt':
      return { format, ...exportAscii(markdown) };
    case 'docx':
      return { format, ...(await exportDocx(markdown, options)) };
  }
}

function lostNotes(lost: ReturnType<typeof renderAscii>['lost']): string[] {
  if (lost.length === 0) return [];
  const list = lost.map((l) => `“${l.char}” (${l.code}) ×${l.count}`).join(', ');
  return [`characters with no ASCII equivalent were replaced by “?”: ${list}`];
}

function imageNotes(draft: ExportDraft): string[] {
  let images = 0;
  const visit = (blocks: ExportDraft['blocks']) => {
    for (const b of blocks) {
      if (b.kind === 'paragraph' || b.kind === 'heading') images += b.content.filter((i) => i.kind === 'image').length;
      else if (b.kind === 'quote') visit(b.children);
      else if (b.kind === 'list') b.items.forEach(visit);
      else if (b.kind === 'table') for (const row of b.rows) for (const cell of row) images += cell.filter((i) => i.kind === 'image').length;
    }
  };
  visit(draft.blocks);
  return images > 0 ? [`${images} image${images === 1 ? ' is' : 's are'} not embedded in the Word draft (their alt text stands in)`] : [];
}

/**
 * Why `name` (a file name, no folders) cannot be an EDGAR document of this format, or undefined when it can:
 * at most 32 characters, a letter or digit first, then lower-case letters, digits, periods, hyphens and
 * underscores, ending in .htm (HTML) or .txt (ASCII). EDGAR Filer Manual Vol. II §5.1.1.
 */
export function edgarFileNameProblem(name: string, format: 'html' | 'txt'): string | undefined {
  const ext = format === 'html' ? '.htm' : '.txt';
  if (!name.toLowerCase().endsWith(ext)) {
    const hint = format === 'html' && /\.html$/i.test(name) ? ` (EDGAR takes .htm, not .html)` : '';
    return `an EDGAR ${format === 'html' ? 'HTML' : 'ASCII'} document must be named *${ext}${hint}`;
  }
  if (name.length > 32) return `EDGAR file names are at most 32 characters including the extension (this one has ${name.length})`;
  if (/[A-Z]/.test(name)) return `EDGAR file names use lower-case letters (try ${name.toLowerCase()})`;
  if (!/^[a-z0-9]/.test(name)) return 'EDGAR file names start with a letter or a digit';
  const bad = [...new Set(name.replace(/[a-z0-9._-]/g, ''))];
  if (bad.length > 0) {
    const shown = bad.map((c) => (c === ' ' ? 'space' : `“${c}”`)).join(', ');
    return `EDGAR file names use lower-case letters, digits, periods, hyphens and underscores only (not ${shown})`;
  }
  return undefined;
}

/** What the editor's Export for EDGAR… receives: the EDGAR file's text, or why it must not be written. */
export interface EditorExport {
  readonly text: string;
  readonly notes: readonly string[];
  readonly refused?: ExportRefusal;
}

/**
 * The EDGAR file (HTML or ASCII) of a letter as it is in the editor, redacted: a Markdown draft as written, any other
 * letter through its Corresp Markdown. The extension asks about open items first and writes the file itself.
 */
export async function exportForEditor(file: LetterFile, format: 'html' | 'txt'): Promise<EditorExport | null> {
  if (file.failure) throw new Error(file.failure);
  const markdown = file.kind === 'markdown' ? file.text : importLetter(file).markdown;
  const result = await exportDraft(markdown, format, { redact: true });
  if (result.format === 'docx') return null;
  return { text: result.text, notes: result.notes, ...(result.refused ? { refused: result.refused } : {}) };
}
