/**
 * Which letters a command works on, from the files, folders and globs it was given, and the folders their threads
 * are looked for in (`roots`; `corresp check`, `report` and `commitments` then build threads with the editor's letter
 * index). IO only; what the letters say is the letters and analysis layers' business.
 *
 * - A file named on the command line is always taken.
 * - A folder is walked (`walk.ts`, the walker the server's scan uses too: .gitignore files, .git/info/exclude, never
 *   .git or node_modules) for Markdown files that are Corresp letters: front matter with `staff-letter:` or
 *   `corresp:`, and Word files whose
 *   document properties say the same (`corresp-staff-letter`, `corresp`). Response drafts are taken; staff letters
 *   found on the way are kept as context (a thread's prior letter).
 * - A glob ("threads/**\/*.md", quoted so the shell leaves it alone) selects like a folder, among the files under
 *   its fixed leading folders that match it.
 *
 * Never throws: a path that cannot be read is a one-line `failure` naming it.
 */
import * as path from 'node:path';
import pMap from 'p-map';
import picomatch from 'picomatch';
import {
  frontMatterOf,
  isCorrespMarkdown,
  isCorrespWord,
  sniffHead,
  letterKindOf,
  sourceKindOf,
  staffLetterOf,
  type LetterFile,
  type ReadOptions,
} from '../letters/read';
import { readFrontMatter } from '../parse/markdown';
import { decodeText } from '../text/decode';
import { describeFsError, loadLetter, readBytes } from './files';
import { statOf, walk } from './walk';
import { readInto, withOpenFile } from './openFile';
import { readingInBulk, readLetterThrough, summaryOf } from './analysisCache';

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
  /** The folders the letters' threads are looked for in: each folder argument, a glob's fixed folder, a named file's folder. */
  readonly roots: readonly string[];
}

export type Failure = { readonly ok: false; readonly failure: string };

const GLOB_CHARS = /[*?[\]{}]/;
/** Only this much of a Markdown file found in a folder is read to see whether its front matter makes it a letter. */
const SNIFF_BYTES = 64 * 1024;

export async function discoverLetters(args: readonly string[], cwd: string, read: ReadOptions = {}): Promise<({ readonly ok: true } & Discovery) | Failure> {
  const letters: FoundLetter[] = [];
  const staffLetters: FoundLetter[] = [];
  const empty: string[] = [];
  const seen = new Set<string>();
  const roots: string[] = [];
  const root = (dir: string) => {
    if (!roots.includes(dir)) roots.push(dir);
  };
  const shownOf = (abs: string) => toPosix(path.relative(cwd, abs)) || '.';

  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    const stat = await statOf(abs);
    if (stat && 'failure' in stat && !GLOB_CHARS.test(arg)) return { ok: false, failure: `${arg}: ${stat.failure}` };
    if (stat && 'file' in stat) {
      if (seen.has(abs)) continue;
      seen.add(abs);
      root(path.dirname(abs));
      const file = await loadLetter(abs, read);
      if (file.failure) return { ok: false, failure: `${arg}: ${file.failure}` };
      letters.push({ path: abs, shown: arg, explicit: true, file, role: isDeclaredStaffLetter(file) ? 'staff-letter' : 'response' });
      continue;
    }
    let candidates: string[];
    if (stat && 'dir' in stat) {
      root(abs);
      const walked = await walk(abs);
      if (!walked.ok) return walked;
      candidates = walked.files;
    } else {
      const glob = splitGlob(abs);
      const base = await statOf(glob.base);
      if (!base || !('dir' in base)) {
        empty.push(arg);
        continue;
      }
      root(glob.base);
      const walked = await walk(glob.base, { accept: (rel) => glob.pattern.test(rel), maxDepth: glob.maxDepth });
      if (!walked.ok) return walked;
      candidates = walked.files;
    }
    let drafts = 0;
    const letterFiles = candidates.filter((candidate) => {
      const kind = sourceKindOf(candidate);
      if (kind !== 'markdown' && kind !== 'docx') return false;
      return !(kind === 'docx' && path.basename(candidate).startsWith('~$')); // Word's lock file
    });
    // Read several at once (in worker threads when the process has them), taken in the folder's order below.
    const readings = await readingInBulk(() =>
      pMap(
        letterFiles,
        async (candidate) => {
          const sniffed = sourceKindOf(candidate) === 'docx' ? await sniffWord(candidate) : await sniffCorresp(candidate);
          if (typeof sniffed === 'string' || !sniffed.letter) return { sniffed };
          const bytes = sniffed.bytes;
          return { sniffed, file: bytes ? await readLetterThrough(candidate, bytes, read) : await loadLetter(candidate, read) };
        },
        { concurrency: DISCOVER_CONCURRENCY },
      ),
    );
    for (const [i, candidate] of letterFiles.entries()) {
      const { sniffed, file } = readings[i]!;
      if (typeof sniffed === 'string') return { ok: false, failure: `${shownOf(candidate)}: ${sniffed}` };
      if (!sniffed.letter || !file) continue;
      if (file.failure) return { ok: false, failure: `${shownOf(candidate)}: ${file.failure}` };
      if (!isCorrespMarkdown(file)) continue;
      const found: FoundLetter = {
        path: candidate,
        shown: shownOf(candidate),
        explicit: false,
        file,
        role: summaryOf(file).kind === 'staff-letter' ? 'staff-letter' : 'response',
      };
      if (found.role === 'response') {
        drafts++;
        if (!seen.has(candidate)) letters.push(found);
      } else if (!staffLetters.some((s) => s.path === candidate)) staffLetters.push(found);
      seen.add(candidate);
    }
    if (drafts === 0) empty.push(arg);
  }
  return { ok: true, letters, staffLetters: staffLetters.filter((s) => !letters.some((l) => l.path === s.path)), empty, roots };
}

/** Letter files a folder's discovery reads at once. */
const DISCOVER_CONCURRENCY = 8;

/** A Markdown file whose front matter declares `corresp: staff-letter`. */
export function isDeclaredStaffLetter(file: LetterFile): boolean {
  return frontMatterOf(file.frontMatter)?.declaredKind === 'staff-letter';
}

/** Whether a file is a Corresp letter, with its bytes when the sniff read it whole; a string says why it cannot be read. */
type Sniffed = { readonly letter: boolean; readonly bytes?: Uint8Array } | string;

/** A Markdown file this small is read whole at its sniff (one open instead of two when it is a letter). */
const READ_WHOLE_BELOW = 64 * 1024;

/**
 * Whether a Markdown file's front matter makes it a Corresp letter, from its first bytes, with the whole file when it
 * is small (read once); a string says why it cannot be read.
 */
async function sniffCorresp(file: string): Promise<Sniffed> {
  try {
    // Read synchronously, as the server's scan reads (`openFile.ts`): a few KB a file, a thousand files.
    return withOpenFile(file, (fd, stat): Sniffed => {
      if (!stat.isFile()) return stat.isDirectory() ? 'it is a folder, not a file' : 'it is not a regular file';
      const whole = stat.size <= READ_WHOLE_BELOW;
      const buffer = readInto(fd, new Uint8Array(whole ? stat.size : SNIFF_BYTES));
      // Binary or not is judged from the head, as `decodeText` judges it (the whole file is not decoded for that).
      const head = sniffHead(buffer);
      if (head.binary) return { letter: false };
      // Read whole and plainly opening with Corresp front matter: read as a letter at once (its front matter comes
      // with the reading, from the cache when warm), and the caller's `isCorrespMarkdown` on the letter read has the
      // last word.
      if (whole && buffer.length === stat.size && head.corresp) return { letter: true, bytes: buffer };
      const decoded = decodeText(buffer.subarray(0, SNIFF_BYTES));
      const fm = readFrontMatter(decoded.text);
      // A front matter still open 64 KB in may name its staff letter further on: read whole, as the server's scan reads
      // it, and the caller's `isCorrespMarkdown` decides.
      if (!fm) return { letter: head.corresp };
      const stub: LetterFile = { path: file, kind: 'markdown', text: decoded.text, blocks: [], frontMatter: fm, notes: [] };
      const letter = isCorrespMarkdown(stub);
      // The whole file as it was when sniffed (a file that grew meanwhile is read again by loadLetter).
      return letter && whole && buffer.length === stat.size ? { letter, bytes: buffer } : { letter };
    });
  } catch (e) {
    return describeFsError(e);
  }
}

/** Whether a Word file in a folder is a Corresp letter: its document properties name a staff letter (or `corresp`). */
async function sniffWord(file: string): Promise<Sniffed> {
  const read = await readBytes(file);
  if ('failure' in read) return read.failure;
  return { letter: isCorrespWord(read.bytes) };
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

/**
 * A glob over forward-slash paths, by picomatch: `**` any folders, `*` and `?` within a name, `[abc]`, `[!abc]`,
 * `{a,b}`. Dot files match as any other (`dot`), `[!…]` negates as in a shell (`posix`), and paths are always
 * forward-slash, Windows or not (`windows: false`: the walker gives relative paths with `/`).
 */
export function globToRegExp(glob: string): RegExp {
  return picomatch.makeRe(glob, { dot: true, posix: true, windows: false });
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

// ── Roles ────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * A letter checked in the wrong role: a staff letter (not a Corresp draft) checked against one, its own --staff
 * included: the staff's boilerplate is no answer. The message says what to run instead.
 */
export function wrongRoleOf(found: FoundLetter, given: { path: string; shown: string } | undefined): string | undefined {
  if (!given || isCorrespMarkdown(found.file)) return undefined;
  // (A filed response that repeats the comments may be its own --staff: it stands in for a lost staff letter.)
  if (looksLikeStaffLetter(found.file)) {
    return staffLetterNotResponse(found.shown, given.path === found.path);
  }
  return undefined;
}

/** What to say of a staff letter checked as a response: what to run instead. */
export function staffLetterNotResponse(shown: string, alsoStaff = false): string {
  return `${shown}: this is a staff letter, not a response${alsoStaff ? ' (it is also the --staff letter)' : ''}: start the response with \`corresp new ${shown}\`, then check the draft`;
}

/** A letter that reads as the staff's, with numbered comments (not some other text). */
export function looksLikeStaffLetter(file: LetterFile): boolean {
  return letterKindOf(file) === 'staff-letter' && staffLetterOf(file).comments.length > 0;
}
