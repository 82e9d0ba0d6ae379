/**
 * `corresp similar <staff-letter or draft> [--comment N] [--library <folder>…] [--limit K] [--tag T]
 * [--other-companies] [--format text|json|md] [--cache <folder>]`: for each staff comment (or comment N), the most
 * similar comments of the library, with the company, date, caption, the staff's words (the words shared with the
 * comment marked: «…» in text, bold in Markdown), the score and the company's answer when the library holds it.
 *
 * The library: the workspace (the folder of the working folder's .corresp.yaml, else its repository root, else the
 * letter's folder), the folders its `library:` key lists, the folders added with `corresp library add`, and
 * --library. The store is brought up to date first (only changed files are read). The letter's own thread is left
 * out; with --other-companies, its company too. Exit 0; 2 for usage errors and unreadable input. Never the network.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { StaffLetter } from '../letters/model';
import { frontMatterOf, letterKindOf, staffLetterOf } from '../letters/read';
import { sameFiler, staffSummaryOf, type LetterSummary } from '../precedents/library';
import { excerpt, findPrecedents, type Precedent, type PrecedentEntry } from '../precedents/similar';
import { tagsOf, TOPIC_TAGS, topicTag } from '../precedents/tags';
import { loadLetter, resolveFrom } from '../workspace/files';
import { addedFolders, cacheDirOf, folderProblem, PrecedentStore, repositoryRootOf } from '../workspace/precedentStore';
import { findConfig } from '../workspace/config';
import { DIAGNOSTIC_CODES } from '../features/diagnostics';
import { escapeMarkdown as md } from '../features/markdownText';
import { formatOf, UsageError, type Io } from './io';

const USAGE =
  'usage: corresp similar <staff-letter or draft> [--comment N] [--library <folder>…] [--limit K] [--tag T] [--other-companies] [--format text|json|md] [--cache <folder>]';

/** How much of an answer the text format shows. */
const ANSWER_EXCERPT = 400;

export interface LibraryFolders {
  readonly workspace: string;
  /** Every folder of the library, absolute, each once, with where it comes from. */
  readonly folders: readonly { readonly folder: string; readonly from: 'workspace' | '.corresp.yaml' | 'library add' | '--library' }[];
}

/**
 * The library's folders: the workspace (the folder of the .corresp.yaml that applies to the working folder, else its
 * repository root, else `fallback`: the letter's folder), the folders its `library:` key lists, the folders added
 * with `library add`, and --library.
 */
export async function libraryFolders(fallback: string, cacheDir: string, extra: readonly string[], io: Io): Promise<LibraryFolders> {
  const config = await findConfig(io.cwd, { codes: Object.keys(DIAGNOSTIC_CODES) });
  for (const p of config.problems) io.err(`corresp: ${config.path ?? '.corresp.yaml'}:${p.line}:${p.column}: ${p.message}`);
  const workspace = config.path ? path.dirname(config.path) : ((await repositoryRootOf(io.cwd)) ?? fallback);
  const out: { folder: string; from: LibraryFolders['folders'][number]['from'] }[] = [];
  const seen = new Set<string>();
  const push = (folder: string, from: LibraryFolders['folders'][number]['from']) => {
    const abs = path.resolve(folder);
    if (seen.has(abs)) return;
    seen.add(abs);
    out.push({ folder: abs, from });
  };
  push(workspace, 'workspace');
  for (const f of config.config.library) push(path.resolve(workspace, f), '.corresp.yaml');
  for (const f of await addedFolders(cacheDir)) push(f, 'library add');
  for (const f of extra) push(path.resolve(io.cwd, f), '--library');
  const usable: typeof out = [];
  for (const f of out) {
    const problem = await folderProblem(f.folder);
    if (problem && f.from === '--library') throw new UsageError(`--library ${path.relative(io.cwd, f.folder) || f.folder}: ${problem}`);
    if (problem) io.err(`corresp: library folder ${f.folder} (from ${f.from}): ${problem}; left out`);
    else usable.push(f);
  }
  return { workspace, folders: usable };
}

function positiveInt(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${name} must be a whole number from 1 (got “${value}”)`);
  return Number(value);
}

function parse(argv: readonly string[]) {
  try {
    return parseArgs({
      args: [...argv],
      options: {
        comment: { type: 'string' },
        library: { type: 'string', multiple: true },
        limit: { type: 'string' },
        tag: { type: 'string' },
        format: { type: 'string' },
        cache: { type: 'string' },
        'other-companies': { type: 'boolean' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]!.replace(/^Unknown option/, 'unknown option'));
  }
}

/** The staff letter a file stands for: itself, or the staff letter a draft's front matter names. */
async function staffLetterFor(file: string, io: Io): Promise<{ path: string; letter: StaffLetter }> {
  const abs = path.resolve(io.cwd, file);
  const loaded = await loadLetter(abs);
  if (loaded.failure) throw new UsageError(`${file}: ${loaded.failure}`);
  const named = frontMatterOf(loaded.frontMatter)?.staffLetter?.path;
  if (letterKindOf(loaded) === 'response' && named && named.trim()) {
    const staffPath = resolveFrom(abs, named);
    const staff = await loadLetter(staffPath);
    if (staff.failure) throw new UsageError(`${file}: its staff letter ${named}: ${staff.failure}`);
    return { path: staffPath, letter: staffLetterOf(staff) };
  }
  return { path: abs, letter: staffLetterOf(loaded) };
}

export async function runSimilar(argv: readonly string[], io: Io): Promise<number> {
  const args = parse(argv);
  const v = args.values;
  const format = formatOf(v.format, ['text', 'json', 'md']);
  const file = args.positionals[0];
  if (!file || args.positionals.length > 1) throw new UsageError(USAGE);
  const only = positiveInt(v.comment, '--comment');
  const limit = positiveInt(v.limit, '--limit') ?? 5;
  if (v.tag !== undefined && !topicTag(v.tag)) throw new UsageError(`--tag must be one of ${TOPIC_TAGS.map((t) => t.id).join(', ')} (got “${v.tag}”)`);

  const { path: staffPath, letter } = await staffLetterFor(file, io);
  const comments = only === undefined ? letter.comments : letter.comments.filter((c) => c.number === only);
  if (only !== undefined && comments.length === 0)
    throw new UsageError(`${file}: no comment ${only} (the letter has ${letter.comments.map((c) => c.number).join(', ') || 'none'})`);

  const cacheDir = cacheDirOf(v.cache ? path.resolve(io.cwd, v.cache) : undefined);
  const { folders } = await libraryFolders(path.dirname(staffPath), cacheDir, v.library ?? [], io);
  const store = await PrecedentStore.open(cacheDir);
  try {
    const update = await store.update(folders.map((f) => f.folder));
    const library = store.library();
    const summary = staffSummaryOf(letter);
    const threads = store.threadsOf(staffPath, summary);
    const roots = folders.map((f) => f.folder + path.sep);
    const exclude = (e: PrecedentEntry): boolean =>
      e.file === staffPath ||
      threads.has(e.thread) ||
      !roots.some((r) => e.file.startsWith(r)) ||
      (v['other-companies'] === true && sameFiler(entrySummary(e), summary));
    const rows = comments.map((c) => ({
      comment: c,
      tags: tagsOf(c),
      precedents: findPrecedents(c, library, { limit, exclude, ...(v.tag !== undefined ? { tag: v.tag } : {}) }),
    }));
    const shown = (f: string) => toPosix(path.relative(io.cwd, f)) || f;
    const libraryLine = `library: ${update.comments} comments in ${folders.length} folder${folders.length === 1 ? '' : 's'} (${update.read} file${update.read === 1 ? '' : 's'} read, ${update.seconds.toFixed(1)} s${update.unreadable.length ? `; ${update.unreadable.length} unreadable` : ''})`;
    io.err(libraryLine);
    if (format === 'json') {
      io.out(
        JSON.stringify(
          {
            file,
            staffLetter: shown(staffPath),
            library: { folders: folders.map((f) => ({ folder: shown(f.folder), from: f.from })), comments: update.comments },
            comments: rows.map((r) => ({
              number: r.comment.number,
              caption: r.comment.caption,
              tags: r.tags,
              precedents: r.precedents.map((p) => precedentJson(p, shown)),
            })),
          },
          null,
          2,
        ),
      );
    } else if (format === 'md') {
      io.out(markdown(file, rows, shown).trimEnd());
    } else {
      io.out(text(file, rows, shown).trimEnd());
    }
    return 0;
  } finally {
    store.close();
  }
}

function entrySummary(e: PrecedentEntry): LetterSummary {
  return { role: 'staff-letter', ...(e.company ? { company: e.company } : {}), ...(e.fileNumber ? { fileNumber: e.fileNumber } : {}), comments: [] };
}

function precedentJson(p: Precedent, shown: (f: string) => string) {
  const e = p.entry;
  return {
    company: e.company ?? null,
    fileNumber: e.fileNumber ?? null,
    date: e.date ?? null,
    filing: e.filing ?? null,
    file: shown(e.file),
    comment: e.number,
    caption: e.caption,
    tags: e.tags,
    score: p.score,
    sharedSentences: p.sharedSentences,
    text: p.text,
    shared: p.segments.filter((s) => s.shared).map((s) => s.text),
    answer: p.answer ?? null,
  };
}

interface Row {
  readonly comment: { readonly number: number; readonly caption: readonly string[] };
  readonly tags: readonly string[];
  readonly precedents: readonly Precedent[];
}

function facts(p: Precedent): string {
  const e = p.entry;
  return [e.company ?? '(company unknown)', e.date, e.filing, `comment ${e.number}`].filter(Boolean).join(' · ');
}

function text(file: string, rows: readonly Row[], shown: (f: string) => string): string {
  const out: string[] = [];
  for (const r of rows) {
    out.push(`${file}: comment ${r.comment.number}. ${r.comment.caption.join(' > ') || '(no caption)'}${r.tags.length ? `  [${r.tags.join(', ')}]` : ''}`);
    if (r.precedents.length === 0) out.push('  no similar comment in the library');
    r.precedents.forEach((p, i) => {
      out.push(
        `  ${i + 1}. ${facts(p)} · score ${p.score}${p.sharedSentences ? ` · ${p.sharedSentences} sentence${p.sharedSentences === 1 ? '' : 's'} shared` : ''}`,
      );
      if (p.entry.caption.length) out.push(`     ${p.entry.caption.join(' > ')}`);
      out.push(`     ${shown(p.entry.file)}${p.entry.tags.length ? `  [${p.entry.tags.join(', ')}]` : ''}`);
      out.push(...indent(p.segments.map((s) => (s.shared ? `«${s.text}»` : s.text)).join(''), '     '));
      out.push(p.answer ? `     Answer: ${excerpt(p.answer, ANSWER_EXCERPT)}` : '     Answer: not in the library');
    });
    out.push('');
  }
  return out.join('\n');
}

function indent(textBlock: string, pad: string): string[] {
  return textBlock
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l, i, all) => l.length > 0 || (i > 0 && all[i - 1]!.length > 0))
    .map((l) => (l.length ? pad + l : ''));
}

function markdown(file: string, rows: readonly Row[], shown: (f: string) => string): string {
  const out: string[] = [`# Precedents for ${md(file)}`, ''];
  for (const r of rows) {
    out.push(`## Comment ${r.comment.number}. ${md(r.comment.caption.join(' > ') || '(no caption)')}`, '');
    if (r.tags.length) out.push(`Tags: ${r.tags.join(', ')}`, '');
    if (r.precedents.length === 0) out.push('No similar comment in the library.', '');
    r.precedents.forEach((p, i) => {
      out.push(`### ${i + 1}. ${md(facts(p))}`, '');
      out.push(
        `Score ${p.score}${p.sharedSentences ? `, ${p.sharedSentences} sentence${p.sharedSentences === 1 ? '' : 's'} shared` : ''}; \`${shown(p.entry.file).replace(/`/g, "'")}\`${p.entry.tags.length ? `; tags: ${p.entry.tags.join(', ')}` : ''}`,
        '',
      );
      if (p.entry.caption.length) out.push(`*${md(p.entry.caption.join(' > '))}*`, '');
      const marked = p.segments.map((s) => (s.shared ? `**${md(s.text).replace(/\n\s*\n/g, '**\n\n**')}**` : md(s.text))).join('');
      out.push(...quote(marked), '');
      if (p.answer) out.push('Answer:', '', ...quote(md(p.answer)), '');
      else out.push('Answer: not in the library.', '');
    });
  }
  return out.join('\n');
}

function quote(block: string): string[] {
  return block.split('\n').map((l) => (l.trim() ? `> ${l.trim()}` : '>'));
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
