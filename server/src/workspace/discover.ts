/**
 * Which letters a command works on, from the files, folders and globs it was given, and everything they need read
 * from disk: their staff letters (named in the front matter or with --staff) and the configuration that applies
 * to each. IO only; what the letters say is the letters and features layers' business.
 *
 * - A file named on the command line is always taken.
 * - A folder is walked (honouring .gitignore files, .git/info/exclude, and never entering .git or node_modules) for
 *   Markdown files that are Corresp letters: front matter with `staff-letter:` or `corresp:`, and Word files whose
 *   document properties say the same (`corresp-staff-letter`, `corresp`). Response drafts are taken; staff letters
 *   found on the way are kept as context (a thread's prior letter).
 * - A glob ("threads/**\/*.md", quoted so the shell leaves it alone) selects like a folder, among the files under
 *   its fixed leading folders that match it.
 *
 * Never throws: a path that cannot be read is a one-line `failure` naming it.
 */
import { promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { StaffLetter } from '../letters/model';
import { frontMatterOf, isCorrespMarkdown, isCorrespWord, letterKindOf, sourceKindOf, staffLetterOf, type LetterFile, type ReadOptions } from '../letters/read';
import { readFrontMatter } from '../parse/markdown';
import { decodeText } from '../text/decode';
import { findConfig, type FoundConfig } from './config';
import { describeFsError, loadLetter, readBytes, readSmallTextFile, resolveFrom } from './files';

export interface FoundLetter {
  /** Absolute path. */
  readonly path: string;
  /** As the user wrote it (a named file) or relative to the working folder (a found one), with forward slashes. */
  readonly shown: string;
  /** Named on the command line (rather than found in a folder or by a glob). */
  readonly explicit: boolean;
  readonly file: LetterFile;
  /** What it holds: a Corresp staff letter (declared in its front matter), or a response (everything else). */
  readonly role: 'response' | 'staff-letter';
}

export interface Discovery {
  /** The letters to work on, in the order given (a folder's in path order), each once. */
  readonly letters: readonly FoundLetter[];
  /** Corresp staff letters met in folders and globs: context for threads, not themselves checked. */
  readonly staffLetters: readonly FoundLetter[];
  /** Folder and glob arguments that held no response draft. */
  readonly empty: readonly string[];
}

export type Failure = { readonly ok: false; readonly failure: string };

const GLOB_CHARS = /[*?[\]{}]/;
/** Only this much of a Markdown file found in a folder is read to see whether its front matter makes it a letter. */
const SNIFF_BYTES = 64 * 1024;
const NEVER_ENTER = new Set(['.git', 'node_modules']);

export async function discoverLetters(args: readonly string[], cwd: string, read: ReadOptions = {}): Promise<({ readonly ok: true } & Discovery) | Failure> {
  const letters: FoundLetter[] = [];
  const staffLetters: FoundLetter[] = [];
  const empty: string[] = [];
  const seen = new Set<string>();
  const shownOf = (abs: string) => toPosix(path.relative(cwd, abs)) || '.';

  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    const stat = await statOf(abs);
    if (stat && 'failure' in stat && !GLOB_CHARS.test(arg)) return { ok: false, failure: `${arg}: ${stat.failure}` };
    if (stat && 'file' in stat) {
      if (seen.has(abs)) continue;
      seen.add(abs);
      const file = await loadLetter(abs, read);
      if (file.failure) return { ok: false, failure: `${arg}: ${file.failure}` };
      letters.push({ path: abs, shown: arg, explicit: true, file, role: isDeclaredStaffLetter(file) ? 'staff-letter' : 'response' });
      continue;
    }
    let candidates: string[];
    if (stat && 'dir' in stat) {
      const walked = await walk(abs, () => true);
      if (!walked.ok) return walked;
      candidates = walked.files;
    } else {
      const glob = splitGlob(abs);
      const base = await statOf(glob.base);
      if (!base || !('dir' in base)) {
        empty.push(arg);
        continue;
      }
      const walked = await walk(glob.base, (rel) => glob.pattern.test(rel), glob.maxDepth);
      if (!walked.ok) return walked;
      candidates = walked.files;
    }
    let drafts = 0;
    for (const candidate of candidates) {
      const kind = sourceKindOf(candidate);
      if (kind !== 'markdown' && kind !== 'docx') continue;
      if (kind === 'docx' && path.basename(candidate).startsWith('~$')) continue; // Word's lock file
      const sniffed = kind === 'docx' ? await sniffWord(candidate) : await sniffCorresp(candidate);
      if (typeof sniffed === 'string') return { ok: false, failure: `${shownOf(candidate)}: ${sniffed}` };
      if (!sniffed) continue;
      const file = await loadLetter(candidate, read);
      if (file.failure) return { ok: false, failure: `${shownOf(candidate)}: ${file.failure}` };
      if (!isCorrespMarkdown(file)) continue;
      const found: FoundLetter = { path: candidate, shown: shownOf(candidate), explicit: false, file, role: letterKindOf(file) === 'staff-letter' ? 'staff-letter' : 'response' };
      if (found.role === 'response') {
        drafts++;
        if (!seen.has(candidate)) letters.push(found);
      } else if (!staffLetters.some((s) => s.path === candidate)) staffLetters.push(found);
      seen.add(candidate);
    }
    if (drafts === 0) empty.push(arg);
  }
  return { ok: true, letters, staffLetters: staffLetters.filter((s) => !letters.some((l) => l.path === s.path)), empty };
}

/** A Markdown file whose front matter declares `corresp: staff-letter`. */
export function isDeclaredStaffLetter(file: LetterFile): boolean {
  return frontMatterOf(file.frontMatter)?.declaredKind === 'staff-letter';
}

type Stat = { file: true } | { dir: true } | { failure: string } | undefined;

async function statOf(abs: string): Promise<Stat> {
  try {
    const s = await fs.stat(abs);
    if (s.isDirectory()) return { dir: true };
    if (s.isFile()) return { file: true };
    return { failure: 'it is not a regular file or folder' };
  } catch (e) {
    return { failure: describeFsError(e) };
  }
}

/** Whether a Markdown file's front matter makes it a Corresp letter, from its first bytes; a string says why it cannot be read. */
async function sniffCorresp(file: string): Promise<boolean | string> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, 'r');
    const buffer = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    const decoded = decodeText(buffer.subarray(0, bytesRead));
    if (decoded.binary) return false;
    const fm = readFrontMatter(decoded.text);
    if (!fm) return false;
    const stub: LetterFile = { path: file, kind: 'markdown', text: decoded.text, blocks: [], frontMatter: fm, notes: [] };
    return isCorrespMarkdown(stub);
  } catch (e) {
    return describeFsError(e);
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Whether a Word file in a folder is a Corresp letter: its document properties name a staff letter (or `corresp`). */
async function sniffWord(file: string): Promise<boolean | string> {
  const read = await readBytes(file);
  if ('failure' in read) return read.failure;
  return isCorrespWord(read.bytes);
}

// ── Walking folders with .gitignore ──────────────────────────────────────────────────────────────────────────────

interface Rules {
  readonly base: string;
  readonly ig: Ignore;
}

/** Files under `root` (absolute, sorted), skipping what git ignores; `accept` sees the path relative to `root`. */
async function walk(root: string, accept: (rel: string) => boolean, maxDepth = Infinity): Promise<{ ok: true; files: string[] } | Failure> {
  const files: string[] = [];
  const inherited = await rulesAbove(root);
  const visit = async (dir: string, rules: readonly Rules[], depth: number): Promise<Failure | undefined> => {
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (e) {
      if (dir === root) return { ok: false, failure: `${dir}: ${describeFsError(e)}` };
      return undefined; // a sub-folder we may not enter: git would not see into it either
    }
    const own = await rulesIn(dir);
    const active = own ? [...rules, own] : rules;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const abs = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        // Follow links to files; never links to folders (loops, and git does not follow them either).
        const s = await statOf(abs);
        isFile = !!s && 'file' in s;
        isDir = false;
      }
      if (isDir && NEVER_ENTER.has(entry.name)) continue;
      if (!isDir && !isFile) continue;
      if (ignored(abs, isDir, active)) continue;
      if (isDir) {
        if (depth + 1 < maxDepth) {
          const failed = await visit(abs, active, depth + 1);
          if (failed) return failed;
        }
      } else if (accept(toPosix(path.relative(root, abs)))) files.push(abs);
    }
    return undefined;
  };
  const failed = await visit(root, inherited, 0);
  return failed ?? { ok: true, files };
}

function ignored(abs: string, isDir: boolean, rules: readonly Rules[]): boolean {
  let out = false;
  // Deeper .gitignore files override shallower ones; within one file the last matching rule wins.
  for (const { base, ig } of rules) {
    const rel = toPosix(path.relative(base, abs));
    if (!rel || rel.startsWith('../') || rel === '..' || path.isAbsolute(rel)) continue;
    const r = ig.test(isDir ? `${rel}/` : rel);
    if (r.ignored) out = true;
    else if (r.unignored) out = false;
  }
  return out;
}

async function rulesIn(dir: string): Promise<Rules | undefined> {
  const text = await readOr(path.join(dir, '.gitignore'));
  return text.trim() ? { base: dir, ig: ignore().add(text) } : undefined;
}

/**
 * The ignore rules above `dir` that apply inside it: the repository's .git/info/exclude (lowest precedence), then
 * the .gitignore files from the repository root (the nearest folder with .git, `dir` included) down to `dir`'s
 * parent. `dir`'s own .gitignore is read by the walk. Outside a repository only the walked folder's files apply.
 */
async function rulesAbove(dir: string): Promise<Rules[]> {
  const chain: string[] = [];
  let cur = dir;
  let root: string | undefined;
  for (;;) {
    chain.unshift(cur);
    const git = await statOf(path.join(cur, '.git'));
    if (git && !('failure' in git)) {
      root = cur;
      break;
    }
    const parent = path.dirname(cur);
    if (parent === cur) break;
    cur = parent;
  }
  if (!root) return [];
  const out: Rules[] = [];
  const exclude = await readOr(path.join(root, '.git', 'info', 'exclude'));
  if (exclude.trim()) out.push({ base: root, ig: ignore().add(exclude) });
  for (const d of chain.slice(0, -1)) {
    const r = await rulesIn(d);
    if (r) out.push(r);
  }
  return out;
}

/** Largest ignore file read (a real one is a few KB). */
const MAX_IGNORE_BYTES = 1024 * 1024;

/** An ignore file's text, or '' when it is missing, not a regular file (a link to /dev/zero, a FIFO) or too large. */
async function readOr(file: string): Promise<string> {
  const read = await readSmallTextFile(file, MAX_IGNORE_BYTES);
  return 'text' in read ? read.text : '';
}

// ── Globs ───────────────────────────────────────────────────────────────────────────────────────────────────────

/** "/repo/threads/**\/*.md" → base "/repo/threads", a pattern for paths relative to it, and how deep it can reach. */
export function splitGlob(absGlob: string): { base: string; pattern: RegExp; maxDepth: number } {
  const parts = toPosix(absGlob).split('/');
  const firstGlob = parts.findIndex((p) => GLOB_CHARS.test(p));
  const baseParts = parts.slice(0, firstGlob);
  const rest = parts.slice(firstGlob);
  const base = baseParts.join('/') || '/';
  return {
    base: path.resolve(base),
    pattern: globToRegExp(rest.join('/')),
    maxDepth: rest.includes('**') || rest.some((p) => p.includes('**')) ? Infinity : rest.length,
  };
}

/** A glob over forward-slash paths: `**` any folders, `*` and `?` within a name, `[abc]`, `{a,b}`. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atStart = i === 0 || glob[i - 1] === '/';
        const atEnd = i + 2 === glob.length || glob[i + 2] === '/';
        if (atStart && atEnd) {
          if (glob[i + 2] === '/') {
            re += '(?:[^/]+/)*';
            i += 2;
          } else {
            re += '.*';
            i += 1;
          }
          continue;
        }
        re += '[^/]*';
        i += 1;
        continue;
      }
      re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        let body = glob.slice(i + 1, close);
        if (body.startsWith('!')) body = `^${body.slice(1)}`;
        re += `[${body.replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) re += '|';
    else re += c.replace(/[.+^$()|\\/]/g, '\\$&');
  }
  re += ')'.repeat(braces);
  return new RegExp(`^${re}$`);
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

// ── Loading what the letters need ───────────────────────────────────────────────────────────────────────────────

export interface LoadedStaff {
  /** As written in the front matter or given with --staff. */
  readonly shown: string;
  /** Absolute path: the staff letter's identity (two drafts of one letter share it). */
  readonly path: string;
  readonly letter?: StaffLetter;
  readonly failure?: string;
}

export interface LoadedLetter extends FoundLetter {
  /** For a response: its staff letter; absent when it names none (and there is no --staff). */
  readonly staff?: LoadedStaff;
  readonly config: FoundConfig;
}

export interface Loaded {
  readonly letters: readonly LoadedLetter[];
  /** Every staff letter read (named by the drafts, found in folders, or given): where prior letters come from. */
  readonly known: readonly { readonly path: string; readonly letter: StaffLetter }[];
  readonly empty: readonly string[];
}

/**
 * Reads each response's staff letter (once per file) and each letter's configuration. A staff letter that cannot
 * be read is a diagnostic of its draft (not a failure), except one given with --staff. A file named on the command
 * line that is no Corresp letter and has no staff letter is a failure, as is a configuration file with problems.
 */
export async function loadLetters(discovery: Discovery, options: { cwd: string; staff?: string; read?: ReadOptions }): Promise<({ readonly ok: true } & Loaded) | Failure> {
  const staffCache = new Map<string, { letter?: StaffLetter; failure?: string }>();
  const readStaff = async (abs: string) => {
    let cached = staffCache.get(abs);
    if (!cached) {
      const file = await loadLetter(abs, options.read ?? {});
      cached = file.failure ? { failure: file.failure } : { letter: staffLetterOf(file) };
      staffCache.set(abs, cached);
    }
    return cached;
  };
  const configCache = new Map<string, Promise<FoundConfig>>();
  const configFor = (dir: string) => {
    let c = configCache.get(dir);
    if (!c) configCache.set(dir, (c = findConfig(dir)));
    return c;
  };

  let given: LoadedStaff | undefined;
  if (options.staff !== undefined) {
    const abs = path.resolve(options.cwd, options.staff);
    const read = await readStaff(abs);
    if (read.failure) return { ok: false, failure: `${options.staff}: ${read.failure}` };
    given = { shown: options.staff, path: abs, letter: read.letter! };
  }

  const letters: LoadedLetter[] = [];
  for (const found of discovery.letters) {
    const config = await configFor(path.dirname(found.path));
    if (config.problems.length > 0) {
      const shown = toPosix(path.relative(options.cwd, config.path!)) || config.path!;
      return { ok: false, failure: config.problems.map((p) => `${shown}:${p.line}:${p.column}: ${p.message}`).join('\n') };
    }
    const role = given ? 'response' : found.role;
    if (role === 'staff-letter') {
      staffCache.set(found.path, { letter: staffLetterOf(found.file) });
      letters.push({ ...found, role, config });
      continue;
    }
    const fm = frontMatterOf(found.file.frontMatter);
    let staff: LoadedStaff | undefined = given;
    if (!staff && fm?.staffLetter) {
      const abs = resolveFrom(found.path, fm.staffLetter.path);
      if (abs === found.path) staff = { shown: fm.staffLetter.path, path: abs, failure: 'it is this draft itself' };
      else staff = { shown: fm.staffLetter.path, path: abs, ...(await readStaff(abs)) };
    }
    if (!staff && !isCorrespMarkdown(found.file)) {
      const where = found.file.kind === 'docx' ? 'in a custom document property corresp-staff-letter (File › Properties › Custom)' : 'in the front matter (staff-letter: path)';
      return { ok: false, failure: `${found.shown}: no staff letter: name it ${where} or pass --staff <file>` };
    }
    letters.push({ ...found, role, ...(staff ? { staff } : {}), config });
  }

  for (const s of discovery.staffLetters) if (!staffCache.has(s.path)) staffCache.set(s.path, { letter: staffLetterOf(s.file) });
  const known = [...staffCache].filter(([, v]) => v.letter).map(([p, v]) => ({ path: p, letter: v.letter! }));
  return { ok: true, letters, known, empty: discovery.empty };
}
