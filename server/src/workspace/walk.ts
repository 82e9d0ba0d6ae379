/**
 * The one folder walker, for the language server's workspace scan and the CLI's folder and glob arguments: files
 * under a folder in path order, skipping what git ignores (.gitignore files at every level, the repository's
 * .git/info/exclude and the .gitignore files between the repository root and the folder), never entering .git or
 * node_modules, following links to files but never to folders. Bounded by depth and count when asked. Never throws:
 * a sub-folder that cannot be read is skipped (git would not see into it either); only the root failing is a failure.
 */
import { promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { describeFsError, readSmallTextFile } from './files';

const NEVER_ENTER = new Set(['.git', 'node_modules']);

export type Stat = { file: true } | { dir: true } | { failure: string } | undefined;

export async function statOf(abs: string): Promise<Stat> {
  try {
    const s = await fs.stat(abs);
    if (s.isDirectory()) return { dir: true };
    if (s.isFile()) return { file: true };
    return { failure: 'it is not a regular file or folder' };
  } catch (e) {
    return { failure: describeFsError(e) };
  }
}

export interface WalkOptions {
  /** Whether to take a file; sees its path relative to the root, with forward slashes. */
  readonly accept?: (rel: string) => boolean;
  /** Whether to enter a folder (by name) that git does not ignore; every folder but .git and node_modules when absent. */
  readonly enter?: (name: string) => boolean;
  /** How many folder levels below the root to look into. */
  readonly maxDepth?: number;
  /** Stop after this many files. */
  readonly maxFiles?: number;
}

export type Walked = { readonly ok: true; readonly files: string[] } | { readonly ok: false; readonly failure: string };

interface Rules {
  readonly base: string;
  readonly ig: Ignore;
}

/** Files under `root` (absolute, in path order), skipping what git ignores. */
export async function walk(root: string, options: WalkOptions = {}): Promise<Walked> {
  const { accept = () => true, enter = () => true, maxDepth = Infinity, maxFiles = Infinity } = options;
  const files: string[] = [];
  const inherited = await rulesAbove(root);
  const visit = async (dir: string, rules: readonly Rules[], depth: number): Promise<Walked | undefined> => {
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
      if (files.length >= maxFiles) return undefined;
      if (isDir && (NEVER_ENTER.has(entry.name) || !enter(entry.name))) continue;
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

/**
 * Reliability: an ignore file's text, or '' when it is missing, not a regular file (a link to /dev/zero, a FIFO or
 * /dev/stdin: read without end, or waited on for ever) or too large.
 */
async function readOr(file: string): Promise<string> {
  const read = await readSmallTextFile(file, MAX_IGNORE_BYTES);
  return 'text' in read ? read.text : '';
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
