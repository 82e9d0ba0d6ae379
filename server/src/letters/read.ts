/**
 * One letter file → the model: picks the importer by extension (and content), decodes bytes, says whether the file
 * is a staff letter or a response, and builds either, rebuilding a staff letter from a response that repeats the
 * comments when one stands in for it. Takes bytes or text, never a path to open: IO is the workspace's job.
 * Never throws.
 */
import type { Block } from '../parse/blocks';
import { docxProperties, readDocx, type DocxRead, type TrackedChangesView } from '../parse/docx';
import { htmlToBlocks } from '../parse/html';
import { frontMatterRange, MarkdownParser, type FrontMatterText } from '../parse/markdown';
import { pdfToText } from '../parse/pdf';
import { textToBlocks } from '../parse/plainText';
import { decodeText } from '../text/decode';
import { DATE_PATTERN, parseIsoDate, parseLetterDate } from './dates';
import type { FrontMatter, LetterProblem, LetterProblemCode, LetterSource, ResponseDraft, StaffLetter } from './model';
import { staffLetterFromResponse } from './rebuild';
import { readResponse, RESPONSE_LABEL_RE } from './responseDraft';
import { readStaffLetter } from './staffLetter';

export type SourceKind = 'markdown' | 'text' | 'pdf' | 'html' | 'docx';

/** Larger files get a clear "too large to analyse" instead of a long wait. */
export const MAX_TEXT_BYTES = 8 * 1024 * 1024;
export const MAX_PDF_BYTES = 64 * 1024 * 1024;
/** A Word document carries its images (letterhead, exhibits), which are never unpacked: the file may be large. */
export const MAX_DOCX_BYTES = 64 * 1024 * 1024;

/** How letters are read: for Word documents, tracked changes as accepted (default) or as the original. */
export interface ReadOptions {
  readonly changes?: TrackedChangesView;
}

export interface LetterFile {
  readonly path: string;
  readonly kind: SourceKind;
  /** The text that offsets refer to (for a PDF: the text extracted from it). */
  readonly text: string;
  readonly blocks: readonly Block[];
  readonly frontMatter?: FrontMatterText;
  /** Set when the file cannot be read as a letter at all: why, in plain words. */
  readonly failure?: string;
  /** What decoding had to do (invalid UTF-8 replaced, UTF-16 without BOM …). */
  readonly notes: readonly string[];
  /** What the file itself says beside the letter: a Word document's tracked changes and comments. */
  readonly findings?: readonly LetterProblem<LetterProblemCode>[];
}

export function sourceKindOf(path: string): SourceKind | undefined {
  const ext = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase();
  switch (ext) {
    case 'md':
    case 'markdown':
    case 'mdown':
    case 'mkd':
      return 'markdown';
    case 'txt':
    case 'text':
      return 'text';
    case 'pdf':
      return 'pdf';
    case 'htm':
    case 'html':
    case 'xhtml':
      return 'html';
    // .docm and .doc are read only to say plainly why they are not (macros; the old binary format).
    case 'docx':
    case 'docm':
    case 'dotx':
    case 'doc':
      return 'docx';
    default:
      return undefined;
  }
}

function sniffKind(bytes: Uint8Array, text?: string): SourceKind {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'docx';
  if (bytes.length >= 5 && bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46) return 'pdf';
  const head = (text ?? new TextDecoder().decode(bytes.subarray(0, 2048))).slice(0, 2048).toLowerCase();
  if (/<(?:!doctype html|html|body|document>|div|p[\s>])/.test(head)) return 'html';
  if (/^---\r?\n/.test(head)) return 'markdown';
  return 'text';
}

/** Reads a letter from its bytes (any source kind, including PDF and Word). */
export async function readLetterBytes(path: string, bytes: Uint8Array, parser?: MarkdownParser, options: ReadOptions = {}): Promise<LetterFile> {
  const kind = sourceKindOf(path) ?? sniffKind(bytes);
  if (kind === 'docx') {
    if (bytes.length > MAX_DOCX_BYTES) return tooLarge(path, kind, bytes.length, MAX_DOCX_BYTES);
    return wordLetter(path, await readDocx(bytes, options.changes ? { changes: options.changes } : {}));
  }
  if (kind === 'pdf') {
    if (bytes.length > MAX_PDF_BYTES) return tooLarge(path, kind, bytes.length, MAX_PDF_BYTES);
    if (!(bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46)) {
      return { path, kind, text: '', blocks: [], notes: [], failure: 'not a PDF (it does not start with %PDF); nothing is extractable' };
    }
    const pdf = await pdfToText(bytes);
    if (pdf.failure) return { path, kind, text: pdf.text, blocks: [], notes: [], failure: pdf.failure };
    return { path, kind, text: pdf.text, blocks: textToBlocks(pdf.text), notes: [] };
  }
  if (bytes.length > MAX_TEXT_BYTES) return tooLarge(path, kind, bytes.length, MAX_TEXT_BYTES);
  const charset =
    kind === 'html' ? /<meta[^>]+charset\s*=\s*["']?(windows-1252|iso-8859-1|latin1)/i.exec(new TextDecoder().decode(bytes.subarray(0, 4096))) : null;
  const decoded = decodeText(bytes, charset ? 'windows-1252' : undefined);
  if (decoded.binary) return { path, kind, text: '', blocks: [], notes: [...decoded.notes], failure: 'a binary file, not a letter' };
  return { ...readLetterText(path, decoded.text, parser, kind), notes: decoded.notes };
}

/**
 * A letter's blocks read again from its text by the reader that made them (a PDF's text is read as the layout text
 * it is): how a letter held without its blocks gets them back when no stored reading is at hand.
 */
export function blocksFromText(letter: Pick<LetterFile, 'path' | 'text' | 'kind'>): LetterFile['blocks'] {
  return readLetterText(letter.path, letter.text, undefined, letter.kind === 'pdf' ? 'text' : letter.kind).blocks;
}

/** Reads a letter from text (an editor buffer, or decoded bytes). PDFs need `readLetterBytes`. */
export function readLetterText(path: string, text: string, parser?: MarkdownParser, kindHint?: SourceKind): LetterFile {
  const kind = kindHint ?? sourceKindOf(path) ?? sniffKind(new Uint8Array(), text);
  if (text.length > MAX_TEXT_BYTES) return tooLarge(path, kind, text.length, MAX_TEXT_BYTES);
  switch (kind) {
    case 'markdown': {
      const parsed = (parser ?? new MarkdownParser()).parse(text);
      return { path, kind, text, blocks: parsed.blocks, ...(parsed.frontMatter ? { frontMatter: parsed.frontMatter } : {}), notes: [] };
    }
    case 'html':
      return { path, kind, text, blocks: htmlToBlocks(text), notes: [] };
    case 'pdf':
      return { path, kind, text, blocks: [], notes: [], failure: 'a PDF must be read from its bytes' };
    case 'docx':
      return { path, kind, text, blocks: [], notes: [], failure: 'a Word document must be read from its bytes' };
    default:
      return { path, kind: 'text', text, blocks: textToBlocks(text), notes: [] };
  }
}

/**
 * A Word document as a letter: the HTML mammoth made of it is the text offsets refer to; its document properties
 * stand in for front matter (`corresp-staff-letter`, `corresp`, `corresp-due`, as `corresp export` writes them);
 * unaccepted tracked changes and Word comments are findings, never letter text.
 */
function wordLetter(path: string, read: DocxRead): LetterFile {
  if (read.failure) return { path, kind: 'docx', text: '', blocks: [], notes: [], failure: read.failure };
  const findings: LetterProblem<LetterProblemCode>[] = [];
  const c = read.changes;
  const revisions = c.insertions + c.deletions + c.moves + c.formatting;
  if (revisions > 0) {
    const parts = [
      c.insertions > 0 ? plural(c.insertions, 'insertion') : '',
      c.deletions > 0 ? plural(c.deletions, 'deletion') : '',
      c.moves > 0 ? plural(c.moves, 'move') : '',
      c.formatting > 0 ? plural(c.formatting, 'formatting change') : '',
    ].filter((p) => p.length > 0);
    const how = read.view === 'accepted' ? 'as if they were accepted (--changes original reads the text before them)' : 'as it was before them (the original)';
    findings.push({
      code: 'letter.tracked-changes',
      severity: 'warning',
      message: `This Word document has unaccepted tracked changes (${parts.join(', ')}); Corresp reads it ${how}.`,
      start: read.firstChange,
      end: read.firstChange,
      data: { insertions: c.insertions, deletions: c.deletions, moves: c.moves, formatting: c.formatting, view: read.view },
    });
  }
  for (const comment of read.comments) {
    const by = `${comment.author}${comment.date ? `, ${comment.date}` : ''}`;
    findings.push({
      code: 'letter.word-comment',
      severity: 'information',
      message: `Word comment (${by})${comment.on ? ` on “${comment.on}”` : ''}: ${comment.text.replace(/\n+/g, ' / ') || '(empty)'}`,
      start: comment.start,
      end: comment.end,
      data: { author: comment.author, ...(comment.date ? { date: comment.date } : {}) },
    });
  }
  const frontMatter = propertiesAsFrontMatter(read);
  return {
    path,
    kind: 'docx',
    text: read.html,
    blocks: read.blocks,
    ...(frontMatter ? { frontMatter } : {}),
    notes: [],
    ...(findings.length > 0 ? { findings } : {}),
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The custom document properties Corresp writes, as the front matter keys they stand for. */
const PROPERTY_KEYS: Readonly<Record<string, string>> = { 'corresp-staff-letter': 'staff-letter', corresp: 'corresp', 'corresp-due': 'due' };

/**
 * Whether a Word file is a Corresp letter by its document properties alone (`corresp-staff-letter` or `corresp`),
 * read without converting the document: how folders and the workspace tell drafts from other Word files.
 */
export function isCorrespWord(bytes: Uint8Array): boolean {
  const props = docxProperties(bytes);
  if (!props) return false;
  return Object.entries(props.custom).some(
    ([name, value]) => (name.toLowerCase() === 'corresp-staff-letter' || name.toLowerCase() === 'corresp') && value.trim().length > 0,
  );
}

function propertiesAsFrontMatter(read: DocxRead): FrontMatterText | undefined {
  const data: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(read.properties.custom)) {
    const key = PROPERTY_KEYS[name.toLowerCase()];
    if (key && value.trim().length > 0) data[key] = value.trim();
  }
  if (Object.keys(data).length === 0) return undefined;
  const yaml = Object.entries(data)
    .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
    .join('\n');
  return { yaml, start: 0, end: 0, yamlStart: 0, data, valueSpans: {}, errors: [] };
}

function tooLarge(path: string, kind: SourceKind, size: number, max: number): LetterFile {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return { path, kind, text: '', blocks: [], notes: [], failure: `too large to analyse (${mb(size)}; the limit is ${mb(max)})` };
}

/** The front matter as the model has it: the staff-letter path, the due date, the declared kind, when it was sent. */
export function frontMatterOf(fm: FrontMatterText | undefined): FrontMatter | undefined {
  if (!fm) return undefined;
  const data = fm.data;
  const pathKey = ['staff-letter', 'staff_letter', 'staffLetter', 'responds-to-letter'].find((k) => typeof data[k] === 'string');
  const kind = data.corresp;
  const dueRaw = data.due ?? data['due-date'] ?? data.due_date;
  const due =
    dueRaw instanceof Date ? dueRaw.toISOString().slice(0, 10) : typeof dueRaw === 'string' ? (parseIsoDate(dueRaw) ?? parseLetterDate(dueRaw)) : undefined;
  const dueKey = ['due', 'due-date', 'due_date'].find((k) => k in data);
  // When the response went out: `sent:` or `filed:` (ISO, or as letters write dates: "May 9, 2017").
  const sentRaw = data.sent ?? data.filed ?? data['sent-date'] ?? data['filed-date'];
  const sent =
    sentRaw instanceof Date
      ? sentRaw.toISOString().slice(0, 10)
      : typeof sentRaw === 'string'
        ? (parseIsoDate(sentRaw) ?? parseLetterDate(sentRaw))
        : undefined;
  return {
    start: fm.start,
    end: fm.end,
    data,
    ...(pathKey
      ? {
          staffLetter: {
            path: String(data[pathKey]).replace(/\\/g, '/'),
            start: fm.valueSpans[pathKey]?.start ?? fm.start,
            end: fm.valueSpans[pathKey]?.end ?? fm.end,
          },
        }
      : {}),
    ...(due ? { due } : {}),
    ...(dueKey && fm.valueSpans[dueKey] ? { dueSpan: fm.valueSpans[dueKey] } : {}),
    ...(kind === 'staff-letter' || kind === 'response' ? { declaredKind: kind } : {}),
    ...(sent ? { sent } : {}),
  };
}

/** Whether a Markdown file's opening could hold Corresp front matter (`corresp:` or `staff-letter:`). */
export function mayBeCorrespMarkdown(bytes: Uint8Array): boolean {
  return sniffHead(bytes).corresp;
}

/** A front matter opens the text: `---` alone on its first line, after a byte-order mark (as `frontMatterRange` reads it). */
const OPENS_FRONT_MATTER = /^\uFEFF?---[ \t]*(?:\r\n|\r|\n)/;
/** A line that names a Corresp letter's kind or its staff letter (a key of its front matter, when it is one). */
const CORRESP_KEY = /^\s*(?:corresp|staff[-_]?letter|staffLetter)\s*:/im;

/**
 * What a file's first 8 KB say: whether it is binary (as `decodeText` judges a whole file: from its head) and whether
 * it may be a Corresp letter (`mayBeCorrespMarkdown`), from one decoding of the head: it opens a front matter that has
 * a Corresp key in the head, or is still open at the head's end (its keys may come later: the file is then read whole
 * and its front matter has the last word, so that the editor's scan and `corresp check`'s folder sniff, which reads
 * 64 KB, take the same files for letters).
 */
export function sniffHead(bytes: Uint8Array): { readonly binary: boolean; readonly corresp: boolean } {
  const { text: head, binary } = decodeText(bytes.subarray(0, 8192)); // UTF-16 letters too
  return { binary, corresp: OPENS_FRONT_MATTER.test(head) && (CORRESP_KEY.test(head) || frontMatterRange(head) === undefined) };
}

/** A Markdown file is a Corresp letter when its front matter says so (names a staff letter, or `corresp:`). */
export function isCorrespMarkdown(file: LetterFile): boolean {
  const fm = frontMatterOf(file.frontMatter);
  if (fm && (fm.staffLetter || fm.declaredKind)) return true;
  // Front matter that does not parse but plainly means to be Corresp's: a letter, so the error can be shown.
  return !!file.frontMatter && file.frontMatter.errors.length > 0 && CORRESP_KEY.test(file.frontMatter.yaml);
}

const STAFF_CUES = [
  /\bwe have (?:reviewed|limited our review)\b/i,
  /\bplease respond to (?:this|these|the)\b/i,
  /\bwe remind you that the company\b/i,
  /\bwe urge all persons\b/i,
  /securities and exchange commission logo/i,
  /\bwe have not reviewed and will not review\b/i,
  /\bwe have completed our review\b/i,
  // The staff's own telephone numbers, in "You may contact … at (202) 551-3652".
  /\byou may contact\b[\s\S]{0,120}\b(?:\(202\)\s?|202-)551-\d{4}/i,
];
/**
 * The SEC's own address: in a staff letter it comes after the salutation (the signature's office), in a response
 * before it (the letter is addressed to the staff). Counted for whichever side of "Dear …" it stands on.
 */
const SEC_ADDRESS_CUES = [/^mail stop\b/i, /^office of [a-z]/i, /^division of corporation finance\b/i, /\b100 F Street\b/i];
const RESPONSE_CUES = [
  RESPONSE_LABEL_RE,
  /\brespectfully (?:advises?|submits?|requests?|notes?|acknowledges?) (?:the staff|that)\b/i,
  /\bin response to (?:the |your )?staff['’]s comments?\b/i,
  /^via edgar\b/i,
  /\bthe staff['’]s comments? (?:is|are) (?:repeated|reproduced|set forth|recited)\b/i,
  /\bthis letter (?:sets forth|responds|is being submitted|is intended to provide|is in response)\b/i,
  /\bsubmits? this letter in response\b/i,
  /\bwe are writing to respond\b/i,
  /\brequest(?:s)? (?:to extend|an extension|additional time|acceleration)\b/i,
  /\bthe company (?:acknowledges|confirms|advises)\b/i,
  /\b(?:thank you for|we (?:have )?received|in (?:further |partial )?response to|responds? to) (?:your|the staff['’]s) (?:comment )?letter\b/i,
  /\bhereby (?:requests?|submits?|respectfully)\b/i,
  /\bwe withdraw the request\b/i,
  /\bfollowing the company['’]s discussions? with the staff\b/i,
  // The company names the staff and itself: "(the “Staff”)", "(the “Company”)"; it speaks of "the Staff's comment".
  /\(the\s+[“"](?:staff|company|registrant|commission)[”"]/i,
  /\bthe staff['’]s (?:comments?|letter)\b/i,
  /\b[Oo]n behalf of (?:our client|the [Cc]ompany|[A-Z][\w.&'’-]*(?:\s+[A-Z][\w.&'’-]*){0,5})\b/,
  /\b(?:comment letter|staff letter) dated\b/i,
  // The Commission's street address and an "Attention:" line: a letter addressed to the staff.
  /\b100 F Street\b/i,
  /^attn?(?:ention)?\s*[:.]/i,
];
/** The Commission as a letter's sender (its letterhead, before the date) or as its addressee (after the date). */
const SEC_ADDRESS_RE = /^(?:u\.s\.\s+|united states\s+)?securities and exchange commission\b|^division of corporation finance\b|^office of [a-z]/i;
const SALUTATION_RE = /^(?:dear|ladies and gentlemen|gentlemen|to whom)\b/i;

/** Whether a file holds a staff letter or a company response (front matter first, then the letter's own words). */
export function letterKindOf(file: LetterFile): 'staff-letter' | 'response' {
  const fm = frontMatterOf(file.frontMatter);
  if (fm?.declaredKind) return fm.declaredKind;
  if (fm?.staffLetter) return 'response';
  if (file.frontMatter && file.frontMatter.errors.length > 0 && /^\s*staff[-_]?letter\s*:|^\s*corresp\s*:\s*response/im.test(file.frontMatter.yaml))
    return 'response';
  let staff = 0;
  let response = 0;
  const blocks = file.blocks.slice(0, 400);
  // Before the salutation: the Commission heading the letter, above its date and anything else, sends it (the
  // staff); below a date or another letterhead, it receives it.
  const dateLine = new RegExp(`^(?:[A-Za-z]+,?\\s+)?${DATE_PATTERN}$`);
  let top = true;
  let head = true;
  for (const b of blocks) {
    const t = b.text.trim();
    if (head) {
      if (SALUTATION_RE.test(t)) head = false;
      else if (SEC_ADDRESS_RE.test(t)) {
        if (top) staff++;
        else response++;
      } else if (t.length > 0) top = false;
      if (dateLine.test(t)) top = false;
    }
    for (const re of STAFF_CUES) if (re.test(t)) staff++;
    for (const re of RESPONSE_CUES) if (re.test(t)) response++;
    // After the salutation, the Commission's office signs the staff's letter.
    if (!head) for (const re of SEC_ADDRESS_CUES) if (re.test(t)) staff++;
  }
  return response > staff ? 'response' : 'staff-letter';
}

function sourceOf(kind: SourceKind): LetterSource {
  return kind;
}

/**
 * The staff letter a file holds. A response that repeats the comments stands in: its repeated comments become
 * the letter's comments.
 */
export function staffLetterOf(file: LetterFile): StaffLetter {
  if (letterKindOf(file) === 'response') return staffLetterFromResponse(responseOf(file));
  const letter = readStaffLetter(file.blocks, sourceOf(file.kind));
  return withFrontMatterFacts(letter, file.frontMatter);
}

/** Front matter of an imported staff letter (date, company, prior letter …) overrides what the body suggests. */
function withFrontMatterFacts(letter: StaffLetter, fm: FrontMatterText | undefined): StaffLetter {
  if (!fm) return letter;
  const d = fm.data;
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? (parseIsoDate(v) ?? parseLetterDate(v)) : undefined);
  const date = iso(d.date);
  const prior = iso(d['prior-letter']);
  const respondsTo = iso(d['responds-to']);
  const days = typeof d['response-days'] === 'number' ? d['response-days'] : undefined;
  return {
    ...letter,
    ...(date ? { date } : {}),
    ...(typeof d.company === 'string' ? { company: d.company } : {}),
    ...(typeof d['file-no'] === 'string' ? { fileNumber: d['file-no'] } : {}),
    ...(prior ? { priorLetterDate: prior } : {}),
    ...(respondsTo ? { respondsTo } : {}),
    ...(days ? { responseDays: days } : {}),
  };
}

/** The response draft a file holds, judged against `staff` when it is known. */
export function responseOf(file: LetterFile, staff?: StaffLetter, extraPlaceholders: readonly RegExp[] = []): ResponseDraft {
  const fm = frontMatterOf(file.frontMatter);
  return readResponse(file.blocks, {
    ...(staff ? { staff } : {}),
    ...(fm ? { frontMatter: fm } : {}),
    markdown: file.kind === 'markdown',
    ...(extraPlaceholders.length > 0 ? { extraPlaceholders } : {}),
  });
}
