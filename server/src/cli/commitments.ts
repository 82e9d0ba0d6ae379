/**
 * `corresp commitments [file|folder…] [--staff <letter>] [--format text|json|csv|md]`: every commitment in the responses
 * named (drafts and filed letters, any format Corresp reads): the sentence, the comment it answers, the filing or
 * period it names, the proposed text that goes with it, and the hints (commitment.no-target, .no-proposed-text).
 *
 * Which responses and staff letters: the workspace is `corresp check`'s (files, folders and globs, the one
 * .gitignore-aware walker, each folder's .corresp.yaml, the editor's letter index). A Corresp draft's staff letter is
 * the one its thread has (its front matter names it). A filed response (EDGAR HTML, text, PDF) is paired with a
 * staff letter in its own folder by `analysis/filedThread.ts` (a file is a response or a staff letter by its name,
 * else by its words; the one dated as the response says it answers, else the latest one before it in name order,
 * else the one dated last on or before it, or the folder's only one). A PDF with a .txt of the same name beside it
 * is read from the text. --staff names the staff letter for every response instead.
 *
 * Exit status: 0, or 2 for usage errors and unreadable input.
 */
import type { Problem } from '../features/diagnostics';
import * as path from 'node:path';
import { analyseDocument } from '../analysis/letter';
import { filedKindOf, filedResponsesOf, type FiledLetter } from '../analysis/filedThread';
import type { LetterDocument } from '../analysis/thread';
import { commitmentProblems, commitmentsOf, type Commitment } from '../commitments';
import type { ResponseDraft, StaffLetter } from '../letters/model';
import { frontMatterOf, isCorrespMarkdown, letterKindOf, responseOf, staffLetterOf, type LetterFile } from '../letters/read';
import { LineIndex } from '../text/lineIndex';
import { splitGlob } from '../workspace/discover';
import { LetterIndex, uriToPath } from '../workspace/letterIndex';
import { statOf } from '../workspace/walk';
import { openWorkspace, type OpenWorkspace } from './check';
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
  readonly problems: readonly Problem[];
}

/**
 * Finds the responses `paths` name (files, folders and globs), pairs them with their staff letters, and reads their
 * commitments. The workspace is `corresp check`'s (`openWorkspace`: the one .gitignore-aware walker, the folders'
 * configuration, the editor's letter index): a draft's staff letter comes from its thread, as the editor has it; the
 * filed letters the index lists are paired folder by folder (`filedResponsesOf`).
 */
export async function collectCommitments(paths: readonly string[], io: Io, options: { staff?: string } = {}): Promise<ResponseCommitments[]> {
  const ws = await openWorkspace(paths, io, options.staff !== undefined ? { staff: options.staff } : {});
  const { index, configs } = ws;
  const given = ws.given ? await staffOf(ws, ws.given.uri, ws.given.written) : undefined;

  const out = new Map<string, ResponseCommitments>();
  const add = async (doc: LetterDocument, staff: ResponseCommitments['staff'], draftOf?: ResponseDraft) => {
    const abs = uriToPath(doc.uri);
    if (out.has(abs)) return;
    const settings = await configs.settingsFor(abs);
    const draft = draftOf ?? index.remembering(() => responseOf(doc.file, staff?.letter, settings.placeholders ?? []));
    const commitments = commitmentsOf({ file: doc.file, draft }, staff?.letter);
    const problems = commitmentProblems(commitments, { draft, ...(staff?.letter ? { staff: staff.letter } : {}) });
    out.set(abs, { path: abs, shown: ws.shown(doc.uri), file: doc.file, draft, ...(staff ? { staff } : {}), commitments, problems });
  };

  // Drafts (Markdown or Word naming their staff letter): read with their thread, as `corresp check` reads them.
  for (const { found, doc } of ws.docs) {
    if (found.role !== 'response' || !(isCorrespMarkdown(found.file) || frontMatterOf(found.file.frontMatter)?.staffLetter)) continue;
    const { analysis } = await analyseDocument(index, doc, await configs.settingsFor(found.path));
    const link = analysis.staff;
    const staff =
      link?.path !== undefined
        ? { shown: link.path, ...(link.letter ? { letter: link.letter } : {}), ...(link.failure ? { failure: link.failure } : {}) }
        : undefined;
    await add(doc, staff, analysis.draft);
  }
  // Filed letters: each folder the index listed that holds a file the arguments select, its letters paired in name order.
  const selects = await selectorsOf(paths, io.cwd);
  const folders = new Map<string, string[]>();
  // (A file named on the command line is taken even where the walker would not look: .gitignore, dist/.)
  const named = ws.docs.filter((d) => d.found.explicit).map((d) => d.doc.uri);
  for (const uri of new Set([...index.listed(), ...named])) {
    const dir = path.dirname(uriToPath(uri));
    if (!folders.has(dir)) folders.set(dir, []);
    folders.get(dir)!.push(uri);
  }
  for (const [, uris] of [...folders].sort((x, y) => (x[0] < y[0] ? -1 : 1))) {
    if (!uris.some((u) => selects(uriToPath(u)))) continue;
    for (const pair of await filedThreadIn(index, uris, given !== undefined)) {
      if (!selects(uriToPath(pair.response.uri))) continue;
      const staff = given ?? (pair.staff ? await staffOf(ws, pair.staff.uri) : undefined);
      await add(pair.response, staff);
    }
  }
  return [...out.values()].sort((a, b) => (a.shown < b.shown ? -1 : a.shown > b.shown ? 1 : 0));
}

/** A staff letter as the commitments reader shows it: the path as written (or relative to the working folder), the letter or why not. */
async function staffOf(ws: OpenWorkspace, uri: string, written?: string): Promise<NonNullable<ResponseCommitments['staff']>> {
  const doc = await ws.index.letter(uri, true);
  const shown = written ?? ws.shown(uri);
  if ('failure' in doc) return { shown, failure: doc.failure };
  if (doc.file.failure) return { shown, failure: doc.file.failure };
  return { shown, letter: doc.letter ?? ws.index.remembering(() => staffLetterOf(doc.file)) };
}

const LETTER_EXT = /\.(?:htm|html|txt|pdf|md|markdown)$/i;

/**
 * The filed responses among one folder's letter files, each with the staff letter it answers (`filedResponsesOf`).
 * Corresp Markdown is left to its front matter; a PDF with its text beside it is read from the text.
 */
async function filedThreadIn(
  index: LetterIndex,
  uris: readonly string[],
  staffGiven: boolean,
): Promise<{ response: LetterDocument; staff?: LetterDocument }[]> {
  const nameOf = (u: string) => path.basename(uriToPath(u));
  const names = uris.filter((u) => LETTER_EXT.test(nameOf(u))).sort((a, b) => (nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0));
  const set = new Set(names);
  const letters: FiledLetter<LetterDocument>[] = [];
  for (const uri of names) {
    if (/\.pdf$/i.test(uri) && set.has(uri.replace(/\.pdf$/i, '.txt'))) continue;
    const doc = await index.letter(uri);
    if ('failure' in doc || doc.file.failure || doc.file.kind === 'markdown') continue;
    // With --staff the index holds every other letter as a response: the words say what it is.
    const kind = filedKindOf(nameOf(uri), () => (staffGiven ? letterKindOf(doc.file) : doc.kind));
    if (kind === 'staff-letter') {
      const letter = doc.letter ?? index.remembering(() => staffLetterOf(doc.file));
      if (letter.comments.length === 0 && !letter.date) continue;
      letters.push({ item: doc, kind, ...(letter.date ? { date: letter.date } : {}) });
    } else {
      const draft = index.filedDraft(doc);
      letters.push({
        item: doc,
        kind,
        ...(draft.date ? { date: draft.date } : {}),
        ...(draft.answersLetterDated ? { answers: draft.answersLetterDated } : {}),
      });
    }
  }
  return filedResponsesOf(letters);
}

/** Which files the arguments select: a file itself, everything under a folder, what a glob matches under its folder. */
async function selectorsOf(paths: readonly string[], cwd: string): Promise<(file: string) => boolean> {
  const tests: ((file: string) => boolean)[] = [];
  for (const arg of paths) {
    const abs = path.resolve(cwd, arg);
    const stat = await statOf(abs);
    if (stat && 'file' in stat) tests.push((file) => file === abs);
    else if (stat && 'dir' in stat) tests.push((file) => isInside(abs, file));
    else {
      const glob = splitGlob(abs);
      tests.push((file) => isInside(glob.base, file) && glob.pattern.test(path.relative(glob.base, file).split(path.sep).join('/')));
    }
  }
  return (file) => tests.some((t) => t(file));
}

function isInside(folder: string, file: string): boolean {
  const rel = path.relative(folder, file);
  return rel.length > 0 && !rel.startsWith('..') && !path.isAbsolute(rel);
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
  const owner = (p: Problem) => {
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
