/**
 * `corresp commitments [file|folder…] [--staff <letter>] [--format text|json|csv|md]`: every commitment in the responses
 * named (drafts and filed letters, any format Corresp reads): the sentence, the comment it answers, the filing or
 * period it names, the proposed text that goes with it, and the hints (commitment.no-target, .no-proposed-text).
 *
 * Which responses and staff letters: a Corresp draft's staff letter is the one its front matter names (folders are
 * searched as `corresp check` searches them). A filed response (EDGAR HTML, text, PDF) is paired with a staff letter
 * in its own folder (a file is a response or a staff letter by its name, "response"/"corresp" or "staff"/"upload",
 * else by its words): the one dated as the response says it answers ("your letter dated …"), else the latest one
 * filed before it in name order (the NN-staff / NN-response layout of EDGAR threads), else (a response named before
 * its letter: response.htm, staff.txt) the one dated last on or before the response, or the folder's only one. A PDF
 * with a .txt of the same name beside it is read from the text. --staff names the staff letter for every response
 * instead.
 *
 * Exit status: 0, or 2 for usage errors and unreadable input.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { commitmentProblems, commitmentsOf, type Commitment } from '../commitments';
import type { LetterProblem, ResponseDraft, StaffLetter } from '../letters/model';
import { frontMatterOf, isCorrespMarkdown, letterKindOf, responseOf, sourceKindOf, staffLetterOf, type LetterFile } from '../letters/read';
import { LineIndex } from '../text/lineIndex';
import { discoverLetters, loadLetters } from '../workspace/discover';
import { DIAGNOSTIC_CODES } from '../features/diagnostics';
import { describeFsError, loadLetter, resolveFrom } from '../workspace/files';
import { formatOf, UsageError, type Io } from './io';
import type { Parsed } from './main';
import { countWords } from '../text/wordCount';

const USAGE = 'usage: corresp commitments [file|folder…] [--staff <staff-letter>] [--format text|json|csv|md]';

/** One response with its commitments, as both `commitments` and `verify` read them. */
export interface ResponseCommitments {
  readonly path: string;
  /** As shown to the user (relative to the working folder). */
  readonly shown: string;
  readonly file: LetterFile;
  readonly draft: ResponseDraft;
  readonly staff?: { readonly shown: string; readonly letter?: StaffLetter; readonly failure?: string };
  readonly commitments: readonly Commitment[];
  readonly problems: readonly LetterProblem[];
}

/** Finds the responses `paths` name (files and folders), pairs them with their staff letters, and reads their commitments. */
export async function collectCommitments(paths: readonly string[], io: Io, options: { staff?: string } = {}): Promise<ResponseCommitments[]> {
  const shownOf = (abs: string) => path.relative(io.cwd, abs).split(path.sep).join('/') || abs;
  const staffCache = new Map<string, { letter?: StaffLetter; failure?: string }>();
  const readStaff = async (abs: string) => {
    let s = staffCache.get(abs);
    if (!s) {
      const file = await loadLetter(abs);
      s = file.failure ? { failure: file.failure } : { letter: staffLetterOf(file) };
      staffCache.set(abs, s);
    }
    return s;
  };
  let given: ResponseCommitments['staff'];
  if (options.staff !== undefined) {
    const s = await readStaff(path.resolve(io.cwd, options.staff));
    if (s.failure) throw new UsageError(`${options.staff}: ${s.failure}`);
    given = { shown: options.staff, letter: s.letter! };
  }

  const found = new Map<string, { file: LetterFile; staffPath?: string; staffShown?: string }>();
  for (const arg of paths) {
    const abs = path.resolve(io.cwd, arg);
    let stat;
    try {
      stat = await fs.stat(abs);
    } catch (e) {
      throw new UsageError(`${arg}: ${describeFsError(e)}`);
    }
    if (stat.isFile()) {
      const file = await loadLetter(abs);
      if (file.failure) throw new UsageError(`${arg}: ${file.failure}`);
      const fm = frontMatterOf(file.frontMatter);
      if (fm?.staffLetter) found.set(abs, { file, staffPath: resolveFrom(abs, fm.staffLetter.path), staffShown: fm.staffLetter.path });
      else {
        const thread = await threadIn(path.dirname(abs));
        const pair = thread.find((t) => t.path === abs);
        found.set(abs, { file, ...(pair?.staff ? { staffPath: pair.staff, staffShown: shownOf(pair.staff) } : {}) });
      }
      continue;
    }
    if (!stat.isDirectory()) throw new UsageError(`${arg}: it is not a regular file or folder`);
    // Corresp drafts, found as `corresp check` finds them.
    const discovered = await discoverLetters([arg], io.cwd);
    if (discovered.ok) {
      const loaded = await loadLetters(discovered, { cwd: io.cwd, codes: Object.keys(DIAGNOSTIC_CODES) });
      if (loaded.ok) {
        for (const l of loaded.letters) {
          if (l.role !== 'response') continue;
          found.set(l.path, { file: l.file, ...(l.staff ? { staffPath: l.staff.path, staffShown: l.staff.shown } : {}) });
        }
      }
    }
    // Filed threads: every folder below, its letters in name order.
    for (const dir of await foldersUnder(abs)) {
      for (const t of await threadIn(dir)) {
        if (found.has(t.path)) continue;
        const file = await loadLetter(t.path);
        if (file.failure) continue;
        found.set(t.path, { file, ...(t.staff ? { staffPath: t.staff, staffShown: shownOf(t.staff) } : {}) });
      }
    }
  }

  const out: ResponseCommitments[] = [];
  for (const [abs, f] of found) {
    let staff = given;
    if (!staff && f.staffPath) {
      const s = await readStaff(f.staffPath);
      staff = { shown: f.staffShown ?? shownOf(f.staffPath), ...(s.letter ? { letter: s.letter } : {}), ...(s.failure ? { failure: s.failure } : {}) };
    }
    const draft = responseOf(f.file, staff?.letter);
    const commitments = commitmentsOf({ file: f.file, draft }, staff?.letter);
    const problems = commitmentProblems(commitments, { draft, ...(staff?.letter ? { staff: staff.letter } : {}) });
    out.push({ path: abs, shown: shownOf(abs), file: f.file, draft, ...(staff ? { staff } : {}), commitments, problems });
  }
  return out.sort((a, b) => (a.shown < b.shown ? -1 : a.shown > b.shown ? 1 : 0));
}

const LETTER_EXT = /\.(?:htm|html|txt|pdf|md|markdown)$/i;

/** Folders at and under `root` (not .git, node_modules or hidden ones), a few levels deep. */
async function foldersUnder(root: string, depth = 4): Promise<string[]> {
  const out = [root];
  if (depth === 0) return out;
  let entries;
  try {
    entries = await fs.readdir(root, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') out.push(...(await foldersUnder(path.join(root, e.name), depth - 1)));
  }
  return out;
}

/**
 * The filed responses in one folder, each with the staff letter it answers: the one dated as the response says
 * ("your letter dated …"), else the latest staff letter before it in name order. Corresp Markdown is left to its
 * front matter.
 */
async function threadIn(dir: string): Promise<{ path: string; staff?: string }[]> {
  let names: string[];
  try {
    names = (await fs.readdir(dir, { withFileTypes: true }))
      .filter((e) => e.isFile() && LETTER_EXT.test(e.name))
      .map((e) => e.name)
      .sort();
  } catch {
    return [];
  }
  const set = new Set(names);
  const letters: { path: string; kind: 'staff-letter' | 'response'; date?: string; answers?: string }[] = [];
  for (const name of names) {
    // A PDF with its text beside it is read from the text.
    if (/\.pdf$/i.test(name) && set.has(name.replace(/\.pdf$/i, '.txt'))) continue;
    const abs = path.join(dir, name);
    const file = await loadLetter(abs);
    if (file.failure || (sourceKindOf(abs) === 'markdown' && isCorrespMarkdown(file))) continue;
    // File names say it first (EDGAR threads: NN-staff, NN-response; CORRESP and UPLOAD documents); the words otherwise
    // (a response that repeats the comments can read like a staff letter).
    const kind = /response|corresp/i.test(name) ? 'response' : /staff|upload/i.test(name) ? 'staff-letter' : letterKindOf(file);
    if (kind === 'staff-letter') {
      const letter = staffLetterOf(file);
      if (letter.comments.length === 0 && !letter.date) continue;
      letters.push({ path: abs, kind, ...(letter.date ? { date: letter.date } : {}) });
    } else {
      const draft = responseOf(file);
      letters.push({
        path: abs,
        kind,
        ...(draft.date ? { date: draft.date } : {}),
        ...(draft.answersLetterDated ? { answers: draft.answersLetterDated } : {}),
      });
    }
  }
  const out: { path: string; staff?: string }[] = [];
  let latest: string | undefined;
  for (const l of letters) {
    if (l.kind === 'staff-letter') {
      latest = l.path;
      continue;
    }
    const dated = l.answers ? letters.find((s) => s.kind === 'staff-letter' && s.date === l.answers)?.path : undefined;
    const staff = dated ?? latest ?? earlierDated(letters, l.date);
    out.push({ path: l.path, ...(staff ? { staff } : {}) });
  }
  return out;
}

/**
 * A response named before its staff letter (response.htm beside staff.txt): the staff letter dated last on or before
 * the response, or the folder's only staff letter.
 */
function earlierDated(letters: readonly { path: string; kind: string; date?: string }[], date: string | undefined): string | undefined {
  const staff = letters.filter((l) => l.kind === 'staff-letter');
  const before = date ? staff.filter((l) => l.date !== undefined && l.date <= date).sort((a, b) => (a.date! < b.date! ? -1 : 1)) : [];
  return before[before.length - 1]?.path ?? (staff.length === 1 ? staff[0]!.path : undefined);
}

export async function runCommitments(args: Parsed, io: Io): Promise<number> {
  const format = formatOf(args.values.format, ['text', 'json', 'csv', 'md']);
  const paths = args.positionals.length > 0 ? args.positionals : ['.'];
  if (paths.some((p) => p.startsWith('-'))) throw new UsageError(USAGE);
  const responses = await collectCommitments(paths, io, typeof args.values.staff === 'string' ? { staff: args.values.staff } : {});
  const rows = responses.map(describeResponse);
  switch (format) {
    case 'json':
      io.out(JSON.stringify(rows, null, 2));
      break;
    case 'csv':
      io.out(toCsv(rows));
      break;
    case 'md':
      io.out(toMarkdown(rows));
      break;
    default:
      io.out(toText(rows));
  }
  return 0;
}

export interface DescribedCommitment {
  readonly line: number;
  readonly endLine: number;
  readonly comments: readonly number[];
  readonly answers: Commitment['answers'];
  readonly action: Commitment['action'];
  readonly conditional: boolean;
  readonly text: string;
  readonly target: Commitment['target'] | null;
  readonly proposed: {
    readonly form: string;
    readonly line: number;
    readonly words: number;
    readonly parts: number;
    readonly added: number;
    readonly text: string;
  } | null;
  /** The codes of the hints about this commitment (matched by its offsets, not its line: a filed letter may be one line). */
  readonly hints: readonly string[];
}

export interface DescribedResponse {
  readonly file: string;
  readonly staffLetter: string | null;
  readonly date: string | null;
  readonly commitments: readonly DescribedCommitment[];
  readonly hints: readonly { readonly code: string; readonly line: number; readonly message: string; readonly commitment: number | null }[];
}

function describeResponse(r: ResponseCommitments): DescribedResponse {
  const lines = new LineIndex(r.file.text);
  const lineOf = (offset: number) => lines.positionAt(offset).line + 1;
  // Each hint is about the commitment whose span it has (commitmentProblems gives a hint its commitment's offsets).
  const owner = (p: LetterProblem) => {
    const k = r.commitments.findIndex((c) => c.start === p.start && c.end === p.end);
    return k >= 0 ? k : r.commitments.findIndex((c) => p.start >= c.start && p.start < c.end);
  };
  const owners = r.problems.map(owner);
  return {
    file: r.shown,
    staffLetter: r.staff?.shown ?? null,
    date: r.draft.date ?? r.draft.frontMatter?.sent ?? null,
    commitments: r.commitments.map((c, k) => ({
      line: lineOf(c.start),
      endLine: lineOf(c.end),
      comments: c.comments,
      answers: c.answers,
      action: c.action,
      conditional: c.conditional,
      text: c.text,
      target: c.target ?? null,
      proposed: c.proposed
        ? {
            form: c.proposed.form,
            line: lineOf(c.proposed.start),
            words: countWords(c.proposed.text),
            parts: c.proposed.parts.length,
            added: c.proposed.parts.filter((p) => p.added).length,
            text: c.proposed.text,
          }
        : null,
      hints: r.problems.filter((_, j) => owners[j] === k).map((p) => p.code),
    })),
    hints: r.problems.map((p, j) => ({ code: p.code, line: lineOf(p.start), message: p.message, commitment: owners[j]! >= 0 ? owners[j]! : null })),
  };
}

/** "future filings, from the period ended 2025-03-31 (10-Q)" */
export function targetLabel(t: Commitment['target'] | null | undefined): string {
  if (!t) return 'no filing or period named';
  const forms = t.forms.length > 0 ? ` (${t.forms.join(', ')})` : '';
  const period = t.periodEnd
    ? t.kind === 'open' || t.onward
      ? `, from the period ended ${t.periodEnd}`
      : `, period ended ${t.periodEnd}`
    : t.next
      ? ', the next one'
      : '';
  const base = t.kind === 'open' ? 'future filings' : t.onward ? 'filings' : 'the filing';
  const from = t.inherited === 'answer' ? ' [from an earlier promise in this answer]' : t.inherited === 'letter' ? ' [from the letter’s opening]' : '';
  return `${base}${period}${forms}${from}`;
}

function proposedLabel(p: DescribedCommitment['proposed']): string {
  if (!p) return 'no proposed text';
  if (p.form === 'elsewhere') return 'proposed text in an appendix or exhibit';
  return `proposed text at line ${p.line}: ${p.words} words${p.added > 0 ? `, ${p.added} of ${p.parts} parts marked as added` : ''}`;
}

function toText(rows: readonly DescribedResponse[]): string {
  const out: string[] = [];
  let total = 0;
  for (const r of rows) {
    total += r.commitments.length;
    out.push(`${r.file}${r.staffLetter ? ` (answers ${r.staffLetter})` : ''}: ${r.commitments.length} commitment${r.commitments.length === 1 ? '' : 's'}`);
    r.commitments.forEach((c, k) => {
      out.push(
        `  line ${c.line}${c.comments.length ? `, comment ${c.comments.join(', ')}` : ''}: ${targetLabel(c.target)}; ${proposedLabel(c.proposed)}${c.conditional ? '; conditional' : ''}`,
      );
      out.push(`    ${c.text.length > 400 ? `${c.text.slice(0, 400)}…` : c.text}`);
      for (const h of r.hints) if (h.commitment === k) out.push(`    hint [${h.code}]: ${h.message}`);
    });
    for (const h of r.hints) if (h.commitment === null) out.push(`  line ${h.line}: hint [${h.code}]: ${h.message}`);
  }
  out.push(`${total} commitment${total === 1 ? '' : 's'} in ${rows.length} response${rows.length === 1 ? '' : 's'}`);
  return out.join('\n');
}

function csvField(v: string | number | boolean): string {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function toCsv(rows: readonly DescribedResponse[]): string {
  const header = [
    'file',
    'line',
    'comments',
    'target_kind',
    'target_forms',
    'target_period_end',
    'target_text',
    'target_inherited',
    'proposed',
    'proposed_words',
    'action',
    'conditional',
    'hints',
    'commitment',
  ];
  const lines = [header.join(',')];
  for (const r of rows) {
    for (const c of r.commitments) {
      const hints = c.hints.join(' ');
      lines.push(
        [
          r.file,
          c.line,
          c.comments.join(' '),
          c.target?.kind ?? '',
          c.target?.forms.join(' ') ?? '',
          c.target?.periodEnd ?? '',
          c.target?.text ?? '',
          c.target?.inherited ?? '',
          c.proposed?.form ?? '',
          c.proposed?.words ?? 0,
          c.action,
          c.conditional,
          hints,
          c.text,
        ]
          .map(csvField)
          .join(','),
      );
    }
  }
  return lines.join('\n');
}

function mdCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
}

function toMarkdown(rows: readonly DescribedResponse[]): string {
  const out = ['# Commitments', ''];
  for (const r of rows) {
    out.push(`## ${mdCell(r.file)}`, '');
    if (r.staffLetter) out.push(`Answers ${mdCell(r.staffLetter)}.`, '');
    if (r.commitments.length === 0) {
      out.push('No commitments.', '');
      continue;
    }
    out.push('| Line | Comment | Filing or period | Proposed text | Commitment |', '| ---: | --- | --- | --- | --- |');
    for (const c of r.commitments) {
      const hints = c.hints.map((h) => ` _(${h})_`).join('');
      out.push(
        `| ${c.line} | ${c.comments.join(', ') || '–'} | ${mdCell(targetLabel(c.target))} | ${mdCell(proposedLabel(c.proposed))} | ${mdCell(c.text.length > 300 ? `${c.text.slice(0, 300)}…` : c.text)}${hints} |`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}
