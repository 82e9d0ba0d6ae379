/**
 * Reading and writing files on disk for the CLI and the server: the only place that touches the file system.
 * Turns every way a path can fail (missing, a folder, a symlink loop, no permission, too large) into a plain
 * sentence instead of an exception. Writes only where a user asked for it (a CLI `-o` path), never over an existing
 * file unless told to, and never over a file the command read (its inputs), whatever the path says: the same file
 * reached through a symbolic link or a hard link is recognised by its device and inode.
 */
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { readLetterThrough } from './analysisCache';
import { readInto, withOpenFile } from './openFile';
import { MAX_DOCX_BYTES, MAX_PDF_BYTES, MAX_TEXT_BYTES, sourceKindOf, type LetterFile, type ReadOptions } from '../letters/read';

export type ReadResult = { readonly bytes: Uint8Array } | { readonly failure: string };

export async function readBytes(file: string): Promise<ReadResult> {
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) return { failure: 'it is a folder, not a file' };
    if (!stat.isFile()) return { failure: 'it is not a regular file' };
    const kind = sourceKindOf(file);
    const limit = kind === 'pdf' ? MAX_PDF_BYTES : kind === 'docx' ? MAX_DOCX_BYTES : MAX_TEXT_BYTES;
    if (stat.size > limit) {
      return { failure: `too large to analyse (${(stat.size / 1024 / 1024).toFixed(1)} MB; the limit is ${(limit / 1024 / 1024).toFixed(0)} MB)` };
    }
    return { bytes: new Uint8Array(await fs.readFile(file)) };
  } catch (e) {
    return { failure: describeFsError(e) };
  }
}

/** What `readHead` read: the first bytes of a file, or all of it (`whole`). */
export type HeadResult = { readonly bytes: Uint8Array; readonly whole: boolean } | { readonly failure: string };

/** When `readHead` goes on to read the whole file: one of at most `below` bytes whose head passes `when`. */
export interface ReadWhole {
  readonly below: number;
  when(head: Uint8Array): boolean;
}

/**
 * The first `maxBytes` of a regular file (the start-up scan sniffs front matter from a file's head, never reading
 * the whole of every Markdown file in a repository), or, when `whole` says so, all of it through the same handle (a
 * small letter is then opened once, not twice). Opened without blocking; a device or FIFO is refused. `whole` is
 * true only when every byte the file had when it was opened was read and no more were found.
 *
 * Read synchronously (`openFile.ts`): what one call reads is bounded (`maxBytes`, or `whole.below`: a few KB), and a
 * start reads a thousand such files; with the analysis cache's entries read the same way, a warm start of the
 * 500-thread benchmark took a fifth less time (BENCHMARKS.md, stop 23). Language servers read their files this way
 * (tsserver's reads are synchronous).
 */
export async function readHead(file: string, maxBytes: number, whole?: ReadWhole): Promise<HeadResult> {
  try {
    return withOpenFile(file, (fd, stat): HeadResult => {
      if (stat.isDirectory()) return { failure: 'it is a folder, not a file' };
      if (!stat.isFile()) return { failure: 'it is not a regular file' };
      // A byte more than the size when the file is smaller than the head: a file that grew meanwhile is not whole.
      const head = readInto(fd, new Uint8Array(Math.min(maxBytes, stat.size + 1)));
      if (stat.size < maxBytes) return { bytes: head, whole: head.length === stat.size };
      if (whole && stat.size <= whole.below && whole.when(head)) {
        // One byte more than the size: a file that grew meanwhile is not taken as whole.
        const all = new Uint8Array(stat.size + 1);
        all.set(head);
        const read = readInto(fd, all, head.length);
        if (read.length === stat.size) return { bytes: read, whole: true };
      }
      return { bytes: head, whole: false };
    });
  } catch (e) {
    return { failure: describeFsError(e) };
  }
}

/**
 * Reliability: an auxiliary file (`.corresp.yaml`, `.gitignore`, `.git/info/exclude`) read only when it is a regular
 * file of at most `maxBytes`. It is opened without blocking (a FIFO or `/dev/stdin` would wait for a writer for ever)
 * and judged on the opened descriptor (a `/dev/zero` or a device is refused, not read until memory runs out), and never
 * more than `maxBytes + 1` bytes are read (a file growing meanwhile is refused as too large). `missing` when there is
 * no such file (or a part of the path is not a folder).
 */
export async function readSmallTextFile(
  file: string,
  maxBytes: number,
): Promise<{ readonly text: string } | { readonly failure: string; readonly missing?: boolean; readonly folder?: boolean }> {
  let handle: import('node:fs/promises').FileHandle | undefined;
  try {
    handle = await fs.open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const stat = await handle.stat();
    if (stat.isDirectory()) return { failure: 'it is a folder, not a file', folder: true };
    if (!stat.isFile()) return { failure: 'it is not a regular file' };
    const tooLarge = (size: number) => ({ failure: `too large (${(size / 1024).toFixed(0)} KB; the limit is ${(maxBytes / 1024).toFixed(0)} KB)` });
    if (stat.size > maxBytes) return tooLarge(stat.size);
    const buffer = Buffer.alloc(maxBytes + 1);
    let read = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, read, buffer.length - read, read);
      if (bytesRead === 0) break;
      read += bytesRead;
      if (read > maxBytes) return tooLarge(read);
    }
    return { text: buffer.toString('utf8', 0, read) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') return { failure: 'it is a folder, not a file', folder: true };
    return { failure: describeFsError(e), ...(code === 'ENOENT' || code === 'ENOTDIR' ? { missing: true } : {}) };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

export function describeFsError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ELOOP':
      return 'a symbolic link loop';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a folder';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    default:
      return (e as Error)?.message ?? String(e);
  }
}

/** Reads and parses a letter file; when it cannot be read, `failure` says why (and there are no blocks). */
export async function loadLetter(file: string, options: ReadOptions = {}): Promise<LetterFile> {
  const read = await readBytes(file);
  if ('failure' in read) return { path: file, kind: sourceKindOf(file) ?? 'text', text: '', blocks: [], notes: [], failure: read.failure };
  return readLetterThrough(file, read.bytes, options);
}

export async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

export type WriteResult = { ok: true } | { ok: false; failure: string };

export const INPUT_FAILURE = 'that is one of the files this command reads; it is never written over (not even with --force): choose another output file';

/** Device and inode of what `file` names (symbolic links followed), or undefined when it names nothing. */
async function identity(file: string): Promise<{ dev: bigint; ino: bigint; real: string } | undefined> {
  try {
    const st = await fs.stat(file, { bigint: true });
    return { dev: st.dev, ino: st.ino, real: await fs.realpath(file).catch(() => path.resolve(file)) };
  } catch {
    return undefined;
  }
}

function sameFile(a: { dev: bigint; ino: bigint; real: string }, b: { dev: bigint; ino: bigint; real: string }): boolean {
  return (a.ino !== 0n && a.dev === b.dev && a.ino === b.ino) || a.real === b.real;
}

/**
 * Writes `content` to `file`, refusing to replace an existing file unless `force`, and refusing always when `file`
 * is (by path, symbolic link or hard link) one of `inputs`, the files the command read. Reliability: the file is
 * opened without truncating it and its identity checked on the open descriptor before a byte is written, so a link
 * swapped in between cannot make it write over an input either.
 */
export async function writeNew(file: string, content: string | Uint8Array, force: boolean, inputs: readonly string[] = []): Promise<WriteResult> {
  let handle: fs.FileHandle | undefined;
  try {
    const ids = (await Promise.all(inputs.map(identity))).filter((x): x is NonNullable<typeof x> => x !== undefined);
    const before = await identity(file);
    if (before && ids.some((id) => sameFile(id, before))) return { ok: false, failure: INPUT_FAILURE };
    await fs.mkdir(path.dirname(file), { recursive: true });
    handle = await fs.open(file, force ? constants.O_WRONLY | constants.O_CREAT : 'wx');
    const st = await handle.stat({ bigint: true });
    if (ids.some((id) => id.ino !== 0n && id.dev === st.dev && id.ino === st.ino)) return { ok: false, failure: INPUT_FAILURE };
    await handle.truncate(0);
    await handle.writeFile(content);
    return { ok: true };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return { ok: false, failure: 'the file already exists (use --force to replace it)' };
    return { ok: false, failure: describeFsError(e) };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Resolves a staff-letter path written in a draft's front matter, relative to the draft's folder. */
export function resolveFrom(draftPath: string, written: string): string {
  return path.resolve(path.dirname(draftPath), written);
}

/**
 * A file in the same folder whose name differs from `abs`'s only in letter case ("Staff.PDF" for "staff.pdf"), when
 * `abs` itself is missing: what a draft written on macOS or Windows names and a case-sensitive disk does not have.
 */
export async function caseMismatchOf(abs: string): Promise<string | undefined> {
  try {
    await fs.stat(abs);
    return undefined;
  } catch {
    try {
      const want = path.basename(abs).toLowerCase();
      const names = await fs.readdir(path.dirname(abs));
      return names.find((n) => n.toLowerCase() === want && n !== path.basename(abs));
    } catch {
      return undefined;
    }
  }
}

/**
 * A missing file's failure with the name a case-only mismatch suggests, in the folder the user wrote
 * (`./Staff.pdf`, `letters/Staff.pdf`; Windows separators read as `/`).
 */
export function withDidYouMean(failure: string, written: string, other: string | undefined): string {
  if (!other) return failure;
  const slash = Math.max(written.lastIndexOf('/'), written.lastIndexOf('\\'));
  const dir = slash >= 0 ? written.slice(0, slash + 1).replace(/\\/g, '/') : './';
  return `${failure}; did you mean ${dir}${other}?`;
}
