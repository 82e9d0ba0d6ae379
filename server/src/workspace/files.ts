/**
 * Reading and writing files on disk for the CLI and the server: the only place that touches the file system.
 * Turns every way a path can fail (missing, a folder, a symlink loop, no permission, too large) into a plain
 * sentence instead of an exception. Writes only where a user asked for it (a CLI `-o` path), never over an existing
 * file unless told to.
 */
import { constants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { MAX_DOCX_BYTES, MAX_PDF_BYTES, MAX_TEXT_BYTES, readLetterBytes, sourceKindOf, type LetterFile, type ReadOptions } from '../letters/read';

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
  return readLetterBytes(file, read.bytes, undefined, options);
}

export async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file, constants.F_OK);
    return true;
  } catch {
    return false;
  }
}

/** Writes `text` to `file`, refusing to replace an existing file unless `force`. */
export async function writeNew(file: string, text: string, force: boolean): Promise<{ ok: true } | { ok: false; failure: string }> {
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, text, { encoding: 'utf8', flag: force ? 'w' : 'wx' });
    return { ok: true };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return { ok: false, failure: 'the file already exists (use --force to replace it)' };
    return { ok: false, failure: describeFsError(e) };
  }
}

/** Resolves a staff-letter path written in a draft's front matter, relative to the draft's folder. */
export function resolveFrom(draftPath: string, written: string): string {
  return path.resolve(path.dirname(draftPath), written);
}
