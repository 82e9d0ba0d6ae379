/**
 * The corpus evaluation (`npm run corpus -- <folder>…`): every response in every real thread checked against the
 * staff letter it answers, exactly as `corresp check` would check it, with every warning and error listed with the
 * text it points at; every staff letter's comments; and, for each response that answers by number, the cut test
 * (remove one answer, and exactly that comment must become missing). Not part of `npm test`: it reads folders the
 * tests must not (../shared). Results feed ACCURACY.md.
 *
 * A folder is a thread when it holds files named `NN-staff.*` / `NN-response.*` in filing order (the layout of
 * ../shared/fixtures/threads), or a `staff.*` + `response.*` pair (../shared/fixtures/real); a folder of such
 * folders is walked.
 */
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { analyseLetter, priorLetterOf, type AnalysedLetter } from '../../server/src/features/report';
import { readLetterBytes, responseOf, staffLetterOf, letterKindOf, type LetterFile } from '../../server/src/letters/read';
import { coverageOf } from '../../server/src/letters/coverage';
import type { StaffLetter } from '../../server/src/letters/model';
import { threadResponseOf, type ThreadResponse } from '../../server/src/letters/due';
import { staffLetterAnswered } from '../../server/src/letters/thread';
import { LineIndex } from '../../server/src/text/lineIndex';

export interface CorpusOptions {
  /** Read staff letters from their PDF (pdf.js) rather than the pdftotext output beside it. */
  readonly pdf?: boolean;
  /** Today's date for the due-date checks (ISO); the machine's date by default, as a user would run it. */
  readonly today: string;
  /** Skip the cut test (faster). */
  readonly noCut?: boolean;
}

export interface Finding {
  readonly code: string;
  readonly severity: string;
  readonly message: string;
  readonly line: number;
  /** The source line the finding starts on (trimmed, HTML tags removed, at most 160 characters). */
  readonly context: string;
}

export interface StaffResult {
  readonly file: string;
  readonly date?: string;
  readonly fileNumber?: string;
  readonly company?: string;
  readonly comments: number;
  readonly numbers: readonly number[];
  readonly captions: readonly (readonly string[])[];
  readonly noReview: boolean;
  readonly findings: readonly Finding[];
  /** Information and hints, counted by code. */
  readonly notes: Readonly<Record<string, number>>;
  readonly priorLetterDate?: string;
  readonly failure?: string;
}

export interface ResponseResult {
  readonly file: string;
  readonly staff?: string;
  readonly date?: string;
  readonly anchors: number;
  readonly total: number;
  readonly answered: number;
  readonly placeholder: readonly number[];
  readonly missing: readonly number[];
  readonly findings: readonly Finding[];
  /** Information and hints, counted by code. */
  readonly notes: Readonly<Record<string, number>>;
  /** The cut test: comments cut, and those where the result was not exactly "that comment missing". */
  readonly cut?: { readonly tried: number; readonly failed: readonly { readonly number: number; readonly missing: readonly number[] }[] };
  readonly failure?: string;
}

export interface ThreadResult {
  readonly folder: string;
  readonly staff: readonly StaffResult[];
  readonly responses: readonly ResponseResult[];
}

interface Entry {
  readonly order: number;
  readonly role: 'staff' | 'response';
  readonly path: string;
}

const LETTER_RE = /^(?:(\d+)-)?(staff|response)\.(pdf|txt|htm|html|md|docx)$/i;

/** Thread folders under the given paths. */
export function threadFolders(paths: readonly string[]): string[] {
  const out: string[] = [];
  const visit = (dir: string, depth: number) => {
    const names = readdirSync(dir).sort();
    if (names.some((n) => LETTER_RE.test(n))) {
      out.push(dir);
      return;
    }
    if (depth > 3) return;
    for (const n of names) {
      const p = path.join(dir, n);
      if (!n.startsWith('.') && statSync(p).isDirectory()) visit(p, depth + 1);
    }
  };
  for (const p of paths) visit(path.resolve(p), 0);
  return out;
}

function entriesOf(dir: string, pdf: boolean): Entry[] {
  const byOrder = new Map<string, Entry[]>();
  for (const name of readdirSync(dir).sort()) {
    const m = LETTER_RE.exec(name);
    if (!m) continue;
    const key = `${m[1] ?? (m[2]!.toLowerCase() === 'staff' ? '0' : '1')}-${m[2]!.toLowerCase()}`;
    const list = byOrder.get(key) ?? [];
    list.push({
      order: Number(m[1] ?? (m[2]!.toLowerCase() === 'staff' ? 0 : 1)),
      role: m[2]!.toLowerCase() as 'staff' | 'response',
      path: path.join(dir, name),
    });
    byOrder.set(key, list);
  }
  const out: Entry[] = [];
  for (const list of byOrder.values()) {
    // One file per letter: a staff letter's PDF or its text beside it, as asked.
    const pick = list.find((e) => e.role === 'staff' && (pdf ? /\.pdf$/i : /\.txt$/i).test(e.path)) ?? list.find((e) => !/\.pdf$/i.test(e.path)) ?? list[0]!;
    out.push(pick);
  }
  return out.sort((a, b) => a.order - b.order);
}

async function read(file: string): Promise<LetterFile> {
  return readLetterBytes(file, new Uint8Array(readFileSync(file)));
}

function contextOf(file: LetterFile, lines: LineIndex, offset: number): string {
  const line = lines.positionAt(offset).line;
  const start = lines.offsetAt({ line, character: 0 });
  const end = lines.offsetAt({ line: line + 1, character: 0 });
  let t = file.text.slice(start, Math.min(end, start + 2000));
  if (file.kind === 'html')
    t = t
      .replace(/<[^>]*>?/g, ' ')
      .replace(/&nbsp;|&#160;/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/&#8217;|&rsquo;/g, '’');
  t = t.replace(/\s+/g, ' ').trim();
  // For HTML a line can be a whole paragraph: show the words around the offset instead.
  if (t.length > 160) {
    const at = offset - start;
    const raw = file.text.slice(Math.max(start, start + at - 60), Math.min(end, start + at + 200));
    t = (file.kind === 'html' ? raw.replace(/<[^>]*>?/g, ' ') : raw)
      .replace(/&nbsp;|&#160;/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 160);
  }
  return t;
}

function notesOf(analysed: AnalysedLetter): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of analysed.problems)
    if (p.severity === 'information' || p.severity === 'hint') out[`${p.severity} ${p.code}`] = (out[`${p.severity} ${p.code}`] ?? 0) + 1;
  return out;
}

function findingsOf(analysed: AnalysedLetter, file: LetterFile): Finding[] {
  const lines = new LineIndex(file.text);
  return analysed.problems
    .filter((p) => p.severity === 'error' || p.severity === 'warning')
    .map((p) => ({
      code: p.code,
      severity: p.severity,
      message: p.message,
      line: lines.positionAt(p.start).line + 1,
      context: contextOf(file, lines, p.start),
    }));
}

/** Cut each answer in turn (its blocks removed) and check that exactly its comment becomes missing. */
function cutTest(file: LetterFile, letter: StaffLetter): ResponseResult['cut'] {
  const draft = responseOf(file, letter);
  const coverage = coverageOf(draft, letter);
  const failed: { number: number; missing: number[] }[] = [];
  let tried = 0;
  for (const c of coverage.comments) {
    if (c.status !== 'answered' || c.anchors.length !== 1) continue;
    const a = c.anchors[0]!;
    // Only single-comment anchors: cutting a combined answer removes several comments at once, by design.
    if (a.numbers.length !== 1 || (coverage.answers.get(a) ?? []).length !== 1) continue;
    tried++;
    const kept = file.blocks.filter((b) => b.end <= a.extent.start || b.start >= a.extent.end);
    const cutDraft = responseOf({ ...file, blocks: kept }, letter);
    const cutCoverage = coverageOf(cutDraft, letter);
    const missing = cutCoverage.comments.filter((x) => x.status !== 'answered').map((x) => x.number);
    if (missing.length !== 1 || missing[0] !== c.number) failed.push({ number: c.number, missing });
  }
  return { tried, failed };
}

export async function evaluateThread(dir: string, options: CorpusOptions): Promise<ThreadResult> {
  const entries = entriesOf(dir, options.pdf ?? false);
  const staffResults: StaffResult[] = [];
  const responses: ResponseResult[] = [];
  const known: StaffLetter[] = [];
  const staffSeen: { path: string; letter: StaffLetter }[] = [];
  /** Responses so far to each staff letter (by path), as due dates see them. */
  const answers = new Map<string, ThreadResponse[]>();
  let current: { path: string; letter: StaffLetter } | undefined;
  for (const e of entries) {
    const file = await read(e.path);
    const rel = path.basename(e.path);
    if (e.role === 'staff') {
      if (file.failure) {
        staffResults.push({ file: rel, comments: 0, numbers: [], captions: [], noReview: false, findings: [], notes: {}, failure: file.failure });
        continue;
      }
      const letter = staffLetterOf(file);
      const prior = priorLetterOf(letter, known);
      const analysed = analyseLetter({ path: rel, file, role: 'staff-letter', ...(prior ? { prior } : {}) }, options.today);
      staffResults.push({
        file: rel,
        ...(letter.date ? { date: letter.date } : {}),
        ...(letter.fileNumber ? { fileNumber: letter.fileNumber } : {}),
        ...(letter.company ? { company: letter.company } : {}),
        ...(letter.priorLetterDate ? { priorLetterDate: letter.priorLetterDate } : {}),
        comments: letter.comments.length,
        numbers: letter.comments.map((c) => c.number),
        captions: letter.comments.map((c) => c.caption),
        noReview: !!letter.noReview,
        findings: findingsOf(analysed, file),
        notes: notesOf(analysed),
      });
      known.push(letter);
      current = { path: rel, letter };
      staffSeen.push(current);
      continue;
    }
    if (file.failure) {
      responses.push({ file: rel, anchors: 0, total: 0, answered: 0, placeholder: [], missing: [], findings: [], notes: {}, failure: file.failure });
      continue;
    }
    const kind = letterKindOf(file);
    // The latest staff letter before it, unless that one has no comments and the response names an earlier one.
    const staff = staffLetterAnswered(responseOf(file), staffSeen, (s) => s.letter) ?? current;
    const earlier = staff ? (answers.get(staff.path) ?? []) : [];
    const prior = staff ? priorLetterOf(staff.letter, known) : undefined;
    const analysed = analyseLetter(
      {
        path: rel,
        file,
        role: 'response',
        ...(staff ? { staff: { path: staff.path, letter: staff.letter }, staffId: staff.path } : {}),
        ...(prior ? { prior } : {}),
        ...(staff ? { dueThread: { responses: earlier, staffLetters: known.filter((k) => k.remindsOf === staff.letter.date) } } : {}),
      },
      options.today,
    );
    if (staff && analysed.draft) answers.set(staff.path, [...earlier, threadResponseOf(analysed.draft, file.kind !== 'markdown')]);
    const cov = analysed.coverage;
    const result: ResponseResult = {
      file: rel,
      ...(staff ? { staff: staff.path } : {}),
      ...(analysed.draft?.date ? { date: analysed.draft.date } : {}),
      anchors: analysed.draft?.anchors.length ?? 0,
      total: cov?.total ?? 0,
      answered: cov?.answered ?? 0,
      placeholder: cov?.comments.filter((c) => c.status === 'placeholder').map((c) => c.number) ?? [],
      missing: cov?.comments.filter((c) => c.status === 'missing').map((c) => c.number) ?? [],
      findings: findingsOf(analysed, file),
      notes: notesOf(analysed),
      ...(kind !== 'response' ? { failure: 'read as a staff letter' } : {}),
    };
    const answersByNumber = (analysed.draft?.anchors.length ?? 0) > 0;
    const cut = staff && answersByNumber && !options.noCut ? cutTest(file, staff.letter) : undefined;
    responses.push(cut ? { ...result, cut } : result);
  }
  return { folder: dir, staff: staffResults, responses };
}

export { existsSync };
