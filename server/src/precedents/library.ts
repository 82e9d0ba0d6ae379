/**
 * A library of letters as the precedent search needs it: what each file says (a staff letter's comments with their
 * captions and tags, a response's facts), which staff letter each response answers, which letters form one thread,
 * and which files are the same letter twice (a PDF and its text beside it).
 *
 * Threads are paired as the workspace pairs them: a Markdown draft names its staff letter in front matter; a filed
 * response answers the staff letter of the date it names ("your letter dated …"), else the latest earlier staff
 * letter of the same filer (File No., else company); a staff letter continues the thread of the letter its "prior
 * comment" sentence dates, or of the response it says it reviewed.
 *
 * Owns: summaries, pairing, threads, duplicates. Must not: read files (the store hands it `LetterFile`s). Pure,
 * never throws.
 */
import * as path from 'node:path';
import { coverageOf, type Coverage } from '../letters/coverage';
import type { ResponseDraft, StaffLetter } from '../letters/model';
import { frontMatterOf, isCorrespMarkdown, letterKindOf, responseOf, staffLetterOf, type LetterFile } from '../letters/read';
import { TextTable } from '../text/memo';
import { tagsOf } from './tags';

export interface CommentSummary {
  readonly number: number;
  readonly caption: readonly string[];
  readonly text: string;
  readonly tags: readonly string[];
}

/** What one letter file says, as far as precedents go. */
export interface LetterSummary {
  /** `other`: not a letter (a README, notes), or a file that cannot be read. */
  readonly role: 'staff-letter' | 'response' | 'other';
  readonly company?: string;
  readonly fileNumber?: string;
  /** ISO date of the letter. */
  readonly date?: string;
  /** The filing reviewed ("Form 10-K for the Fiscal Year Ended December 31, 2023"). */
  readonly filing?: string;
  readonly priorLetterDate?: string;
  readonly respondsTo?: string;
  /** A response: the date of the staff letter it answers, when it says. */
  readonly answersLetterDated?: string;
  /** A Markdown draft: the staff letter its front matter names (absolute path). */
  readonly staffLetterPath?: string;
  /** A staff letter's comments (none for a response). */
  readonly comments: readonly CommentSummary[];
}

const OTHER: LetterSummary = { role: 'other', comments: [] };

/**
 * The summary of a file (`file.path` absolute). Markdown counts only with Corresp front matter; a staff letter in
 * another format only when it reads as one (a date, and a company or File No.), so notes and READMEs stay out.
 */
export function summaryOf(file: LetterFile, read?: { readonly kind: 'staff-letter' | 'response'; readonly letter?: StaffLetter }): LetterSummary {
  if (file.failure) return OTHER;
  if (file.kind === 'markdown' && !isCorrespMarkdown(file)) return OTHER;
  // `read`: the letter's kind and staff letter as the reader worked them out already (the analysis cache keeps them).
  const staffLetter = (read?.kind ?? letterKindOf(file)) === 'staff-letter' ? (read?.letter ?? staffLetterOf(file)) : undefined;
  if (!staffLetter || !signedByStaff(file, staffLetter)) {
    const draft = responseOf(file);
    const fm = frontMatterOf(file.frontMatter);
    return {
      role: 'response',
      ...(draft.company ? { company: draft.company } : {}),
      ...(draft.date ? { date: draft.date } : {}),
      ...(draft.answersLetterDated ? { answersLetterDated: draft.answersLetterDated } : {}),
      ...(fm?.staffLetter && fm.staffLetter.path.trim() ? { staffLetterPath: path.resolve(path.dirname(file.path), fm.staffLetter.path) } : {}),
      comments: [],
    };
  }
  if (file.kind !== 'markdown' && !(staffLetter.date && (staffLetter.company || staffLetter.fileNumber))) return OTHER;
  return staffSummaryOf(staffLetter);
}

/**
 * Whether a letter the letters layer reads as a staff letter is one: signed by an office of the Division, or giving
 * the response time, or saying the review is complete. A filed response that repeats the staff's comments can read as
 * a staff letter (74 of the 146 real responses do): its comments would come in twice, dated as the response.
 * A Corresp Markdown letter says what it is in its front matter.
 */
function signedByStaff(file: LetterFile, letter: StaffLetter): boolean {
  if (file.kind === 'markdown') return true;
  return !!(letter.signatory?.office || letter.responseDays || letter.noReview);
}

export function staffSummaryOf(letter: StaffLetter): LetterSummary {
  return {
    role: 'staff-letter',
    ...(letter.company ? { company: letter.company } : {}),
    ...(letter.fileNumber ? { fileNumber: letter.fileNumber } : {}),
    ...(letter.date ? { date: letter.date } : {}),
    ...(letter.filings[0] ? { filing: letter.filings[0].description } : {}),
    ...(letter.priorLetterDate ? { priorLetterDate: letter.priorLetterDate } : {}),
    ...(letter.respondsTo ? { respondsTo: letter.respondsTo } : {}),
    comments: letter.comments.filter((c) => c.text.trim().length > 0).map((c) => ({ number: c.number, caption: c.caption, text: c.text, tags: tagsOf(c) })),
  };
}

/**
 * The company's answer to each comment of `staff`, as filed (the anchor's response text), by comment number. `read` is
 * the response's reading against `staff` (and its coverage) when one was kept (the analysis cache's `draftReading`).
 */
export function answersOf(
  response: LetterFile,
  staff: StaffLetter,
  read?: { readonly draft: ResponseDraft; readonly coverage?: Coverage },
): Map<number, string> {
  const out = new Map<number, string>();
  if (response.failure) return out;
  const coverage = read?.coverage ?? coverageOf(read?.draft ?? responseOf(response, staff), staff);
  for (const c of coverage.comments) {
    if (c.status !== 'answered') continue;
    const text = c.anchors
      .map((a) => a.response.text.trim())
      .filter(Boolean)
      .join('\n\n');
    if (text) out.set(c.number, text);
  }
  return out;
}

// ── Filers, pairing, threads ─────────────────────────────────────────────────────────────────────────────────────

const SUFFIXES = /\b(?:the|inc|incorporated|corp|corporation|co|company|ltd|limited|plc|llc|lp|l\.p|sa|s\.a|nv|n\.v|ag|se)\b/g;

/**
 * Company names' keys already worked out (a library compares a filer's letters with each other: the same names),
 * bounded; a name is kept as a fresh copy, never as a slice holding its letter's text alive.
 */
const companyKeys = new TextTable<string | undefined>(256 * 1024);

/** A company name compared loosely: lower case, no punctuation, no "Inc."/"Corporation"/"plc". */
export function companyKey(name: string | undefined): string | undefined {
  return name ? companyKeys.get(name, companyKeyOf) : undefined;
}

function companyKeyOf(name: string): string | undefined {
  const key = name
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[.,]/g, ' ')
    .replace(SUFFIXES, ' ')
    .replace(/[^a-z0-9]+/g, '');
  return key || undefined;
}

function fileNumberKey(no: string | undefined): string | undefined {
  if (!no) return undefined;
  const key = no.replace(/\s+/g, '').replace(/^0+/, '');
  return key || undefined;
}

/** Whether two letters are of the same filer: same File No. when both say, else the same company. */
export function sameFiler(a: LetterSummary, b: LetterSummary): boolean {
  const fa = fileNumberKey(a.fileNumber);
  const fb = fileNumberKey(b.fileNumber);
  if (fa && fb) return fa === fb;
  const ca = companyKey(a.company);
  const cb = companyKey(b.company);
  return !!ca && ca === cb;
}

/** The key that says which filer a letter is: File No. when it has one, else its company, else its file. */
export function filerKeyOf(s: LetterSummary, file: string): string {
  return fileNumberKey(s.fileNumber) ?? (companyKey(s.company) ? `company:${companyKey(s.company)}` : `file:${file}`);
}

export interface LibraryFile {
  /** Absolute path. */
  readonly path: string;
  readonly summary: LetterSummary;
}

export interface Pairing {
  /** Response path → the staff letter path it answers. */
  readonly answers: ReadonlyMap<string, string>;
  /** Staff letter path → its thread's id (the path of the thread's first letter). */
  readonly threads: ReadonlyMap<string, string>;
  /** Staff letter path → the path of the same letter read from another file (kept instead). */
  readonly duplicates: ReadonlyMap<string, string>;
}

const PDF_LAST = (p: string) => (/\.pdf$/i.test(p) ? 1 : 0);

function byPath(a: LibraryFile, b: LibraryFile): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** Staff letters by filer (File No. and company) and by folder, to find a letter's neighbours without a scan. */
class StaffIndex {
  private readonly byFileNo = new Map<string, LibraryFile[]>();
  private readonly byCompany = new Map<string, LibraryFile[]>();
  private readonly byFolder = new Map<string, LibraryFile[]>();

  constructor(readonly letters: readonly LibraryFile[]) {
    const push = (m: Map<string, LibraryFile[]>, k: string | undefined, f: LibraryFile) => {
      if (k === undefined) return;
      const list = m.get(k);
      if (list) list.push(f);
      else m.set(k, [f]);
    };
    for (const f of letters) {
      push(this.byFileNo, fileNumberKey(f.summary.fileNumber), f);
      push(this.byCompany, companyKey(f.summary.company), f);
      push(this.byFolder, path.dirname(f.path), f);
    }
  }

  /** Staff letters of the same filer as `s`. */
  sameFiler(s: LetterSummary): LibraryFile[] {
    const found = new Set<LibraryFile>();
    const fileNo = fileNumberKey(s.fileNumber);
    const company = companyKey(s.company);
    for (const f of fileNo ? (this.byFileNo.get(fileNo) ?? []) : []) if (sameFiler(f.summary, s)) found.add(f);
    for (const f of company ? (this.byCompany.get(company) ?? []) : []) if (sameFiler(f.summary, s)) found.add(f);
    return [...found].sort(byPath);
  }

  inFolder(folder: string): readonly LibraryFile[] {
    return this.byFolder.get(folder) ?? [];
  }
}

/** Pairs a library's responses with staff letters, groups staff letters into threads, and finds duplicates. */
export function pairLibrary(files: readonly LibraryFile[]): Pairing {
  const sorted = [...files].sort(byPath);
  const staff = sorted.filter((f) => f.summary.role === 'staff-letter');
  const responses = sorted.filter((f) => f.summary.role === 'response');

  // The same letter twice (a PDF and its text, or copied into two folders): same filer, same date. (The staff do not
  // send one filer two letters a day; a PDF's text can differ from pdftotext's by a comment, so comments are not compared.)
  const duplicates = new Map<string, string>();
  const kept = new Map<string, LibraryFile>();
  for (const f of [...staff].sort((a, b) => PDF_LAST(a.path) - PDF_LAST(b.path) || byPath(a, b))) {
    const s = f.summary;
    if (!s.date || s.comments.length === 0) continue;
    const key = `${filerKeyOf(s, f.path)}|${s.date}`;
    const first = kept.get(key);
    if (first) duplicates.set(f.path, first.path);
    else kept.set(key, f);
  }
  const originals = new StaffIndex(staff.filter((f) => !duplicates.has(f.path)));
  const byStaffPath = new Map(staff.map((f) => [f.path, f]));

  const answers = new Map<string, string>();
  const responsesTo = new Map<string, LibraryFile[]>();
  for (const r of responses) {
    const target = answeredLetter(r, originals, byStaffPath);
    if (!target) continue;
    const s = duplicates.get(target.path) ?? target.path;
    answers.set(r.path, s);
    responsesTo.set(s, [...(responsesTo.get(s) ?? []), r]);
  }

  // Threads: union of staff letters linked by "prior comment" dates and by the response a letter reviewed.
  const parent = new Map<string, string>(originals.letters.map((f) => [f.path, f.path]));
  const find = (p: string): string => {
    let root = p;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(p, root);
    return root;
  };
  for (const b of originals.letters) {
    for (const a of linkedLetters(b.path, b.summary, originals, responsesTo)) {
      const ra = find(a.path);
      const rb = find(b.path);
      if (ra !== rb) parent.set(ra > rb ? ra : rb, ra > rb ? rb : ra);
    }
  }
  const threads = new Map<string, string>();
  for (const f of originals.letters) threads.set(f.path, find(f.path));
  for (const [dup, original] of duplicates) threads.set(dup, threads.get(original) ?? original);
  return { answers, threads, duplicates };
}

/** The staff letter a response answers. */
function answeredLetter(r: LibraryFile, staff: StaffIndex, byPath: ReadonlyMap<string, LibraryFile>): LibraryFile | undefined {
  const s = r.summary;
  if (s.staffLetterPath) {
    const named = byPath.get(s.staffLetterPath);
    if (named) return named;
  }
  const folder = path.dirname(r.path);
  let candidates: readonly LibraryFile[] = staff.sameFiler(s);
  if (candidates.length === 0) candidates = staff.inFolder(folder);
  if (candidates.length === 0) return undefined;
  const sameFolderFirst = (list: readonly LibraryFile[]) => list.find((f) => path.dirname(f.path) === folder) ?? list[0];
  if (s.answersLetterDated) {
    const dated = candidates.filter((f) => f.summary.date === s.answersLetterDated);
    if (dated.length > 0) return sameFolderFirst(dated);
  }
  if (s.date) {
    const earlier = candidates.filter((f) => f.summary.date && f.summary.date <= s.date!);
    const latest = earlier.reduce<string | undefined>((m, f) => (m === undefined || f.summary.date! > m ? f.summary.date! : m), undefined);
    if (latest) return sameFolderFirst(earlier.filter((f) => f.summary.date === latest));
  }
  // No dates to go by: the staff letter filed just before it in its folder.
  const before = candidates.filter((f) => path.dirname(f.path) === folder && f.path < r.path);
  return before[before.length - 1];
}

/**
 * Staff letters of the same filer a letter is linked to: of the same date, the one its prior comments date or that
 * dates it, the one whose response it says it reviewed, the one that reviewed its response, and for a letter that
 * closes the review, the letter before it.
 */
function linkedLetters(
  letterPath: string | undefined,
  s: LetterSummary,
  staff: StaffIndex,
  responsesTo: ReadonlyMap<string, readonly LibraryFile[]>,
): LibraryFile[] {
  const responseDates = (p: string) => (responsesTo.get(p) ?? []).map((r) => r.summary.date);
  const same = staff.sameFiler(s);
  // A letter without comments ("we have completed our review") closes the review of the filer's letter before it.
  const closes =
    s.comments.length === 0 && s.date
      ? same.filter((a) => a.summary.date && a.summary.date < s.date!).sort((a, b) => (a.summary.date! < b.summary.date! ? 1 : -1))[0]
      : undefined;
  return same.filter((a) => {
    if (a === closes) return true;
    const ad = a.summary.date;
    if (ad && (ad === s.priorLetterDate || ad === s.date)) return true;
    if (s.date && a.summary.priorLetterDate === s.date) return true;
    if (s.respondsTo && responseDates(a.path).includes(s.respondsTo)) return true;
    return !!(letterPath && a.summary.respondsTo && responseDates(letterPath).includes(a.summary.respondsTo));
  });
}

/**
 * A library's staff letters and responses arranged once to find the threads a letter belongs to (`threadsOf`): built
 * per pairing, so that asking for every staff letter of a workspace (the precedent library's warm-up) is not a pass
 * over the whole library each time.
 */
export class LibraryThreads {
  private readonly staff: StaffIndex;
  private readonly responsesTo = new Map<string, LibraryFile[]>();

  constructor(
    files: readonly LibraryFile[],
    private readonly pairing: Pairing,
  ) {
    this.staff = new StaffIndex(files.filter((f) => f.summary.role === 'staff-letter' && pairing.threads.has(f.path) && !pairing.duplicates.has(f.path)));
    const byPath = new Map(files.map((f) => [f.path, f]));
    for (const [r, s] of pairing.answers) {
      const f = byPath.get(r);
      if (!f) continue;
      const list = this.responsesTo.get(s);
      if (list) list.push(f);
      else this.responsesTo.set(s, [f]);
    }
  }

  /**
   * The threads of the library a letter belongs to, whether or not the library holds it: its own file's thread, the
   * thread of the same letter read from another file, and the threads it continues or that continue it.
   */
  threadsOf(letterPath: string, summary: LetterSummary): Set<string> {
    const out = new Set<string>();
    const own = this.pairing.threads.get(letterPath);
    if (own) out.add(own);
    for (const f of linkedLetters(letterPath, summary, this.staff, this.responsesTo)) out.add(this.pairing.threads.get(f.path)!);
    return out;
  }
}
