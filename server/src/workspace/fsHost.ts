/**
 * The letter index's IO on disk, for the language server and the CLI alike: lists letter files under the workspace
 * folders (or the folders a command was given) with the one .gitignore-aware walker (`walk.ts`), skipping dependency
 * and build folders, reads bytes from disk, and serves open editor buffers. The index reaches the file system only
 * here.
 *
 * The workspace boundary (the editor's; the CLI reads what it is told, `readOutside`): a letter is read only when its
 * real path (symbolic links resolved) lies inside the real path of a workspace folder, so a link inside the workspace
 * (to a file or a folder) cannot make the server read and show a letter outside it. With no workspace folder (a single
 * file opened), the boundary is the folder of each open document: letters beside it or below it are read, nothing above.
 */
import { realpathSync } from 'node:fs';
import * as path from 'node:path';
import { caseMismatchOf, readBytes, readHead, type HeadResult, type ReadResult, type ReadWhole } from './files';
import { pathToUri, uriToPath, type IndexHost } from './letterIndex';
import { walk } from './walk';

const LETTER_EXT = /\.(?:md|markdown|txt|pdf|htm|html|docx)$/i;
/** Folders no letter lives in (besides .git and node_modules, which the walker never enters, and hidden folders). */
const SKIP_DIRS = new Set(['dist', 'out', 'build', '.tools', '.vscode-test', 'coverage', '.cache']);

export interface OpenBuffers {
  get(uri: string): { readonly text: string; readonly version: number } | undefined;
  /** The open documents' URIs (their folders are the boundary when there is no workspace folder). */
  uris?(): readonly string[];
}

const NO_BUFFERS: OpenBuffers = { get: () => undefined };

export interface FsHostOptions {
  /** The folders to list letters under: the editor's workspace folders, or the CLI's arguments. */
  readonly folders: () => readonly string[];
  /** The editor's unsaved buffers (none for the CLI). */
  readonly buffers?: OpenBuffers;
  readonly maxFiles?: number;
  /** In an untrusted workspace PDFs (the largest parser surface) are not read until the user trusts it. */
  readonly trusted?: () => boolean;
  /**
   * Letters outside the folders may be read (the CLI reads the staff letter a draft names wherever it is); the
   * editor reads only inside its workspace folders.
   */
  readonly readOutside?: boolean;
}

export class FsHost implements IndexHost {
  constructor(private readonly options: FsHostOptions) {}

  async listFiles(): Promise<string[]> {
    const out: string[] = [];
    const seen = new Set<string>();
    const maxFiles = this.options.maxFiles ?? 20_000;
    for (const folder of this.options.folders()) {
      const walked = await walk(folder, {
        accept: (rel) => LETTER_EXT.test(rel) && !path.posix.basename(rel).startsWith('~$'), // ~$x.docx: Word's lock file
        enter: (name) => !SKIP_DIRS.has(name) && !name.startsWith('.'),
        maxDepth: 13,
        maxFiles: maxFiles - out.length,
      });
      if (walked.ok)
        for (const file of walked.files)
          if (!seen.has(file)) {
            seen.add(file);
            out.push(pathToUri(file));
          }
      if (out.length >= maxFiles) break;
    }
    return out;
  }

  async readBytes(uri: string): Promise<ReadResult> {
    if (!uri.startsWith('file:')) return { failure: 'only files on disk can be read' };
    if (this.options.trusted && !this.options.trusted() && /\.pdf$/i.test(uri)) {
      return { failure: 'PDF letters are not read in an untrusted workspace (trust the folder to read them)' };
    }
    const file = uriToPath(uri);
    // Reliability: the boundary is checked on real paths (a link inside the workspace may lead out of it).
    if (!this.insideBoundary(file)) return { failure: OUTSIDE };
    return readBytes(file);
  }

  /** The first bytes of a file, to sniff its front matter, or all of it when `whole` says so (same boundary as readBytes). */
  async readHead(uri: string, maxBytes: number, whole?: ReadWhole): Promise<HeadResult> {
    if (!uri.startsWith('file:')) return { failure: 'only files on disk can be read' };
    const file = uriToPath(uri);
    if (!this.insideBoundary(file)) return { failure: OUTSIDE };
    return readHead(file, maxBytes, whole);
  }

  /** The boundary's folders: the workspace folders, or with none the folders of the open documents. */
  private boundaries(): string[] {
    const folders = this.options.folders();
    if (folders.length > 0) return folders.map((f) => path.resolve(f));
    const dirs = new Set<string>();
    for (const uri of this.options.buffers?.uris?.() ?? []) if (uri.startsWith('file:')) dirs.add(path.dirname(path.resolve(uriToPath(uri))));
    return [...dirs];
  }

  private readonly realFolders = new Map<string, string | undefined>();

  /** Whether the file's real path is inside a boundary folder's real path (always, for the CLI). */
  private insideBoundary(file: string): boolean {
    if (this.options.readOutside) return true;
    const real = realOrUndefined(file);
    // A file that cannot be resolved is not read here; the read says why (no such file, a loop …).
    if (real === undefined) return true;
    for (const folder of this.boundaries()) {
      if (!this.realFolders.has(folder)) {
        if (this.realFolders.size > 100) this.realFolders.clear();
        this.realFolders.set(folder, realOrUndefined(folder));
      }
      if (inside(this.realFolders.get(folder) ?? folder, real)) return true;
    }
    return false;
  }

  openText(uri: string): { readonly text: string; readonly version: number } | undefined {
    return (this.options.buffers ?? NO_BUFFERS).get(uri);
  }

  caseMismatch(uri: string): Promise<string | undefined> {
    return caseMismatchOf(uriToPath(uri));
  }

  inWorkspace(uri: string): boolean {
    if (!uri.startsWith('file:')) return false;
    if (this.options.readOutside) return true;
    const file = path.resolve(uriToPath(uri));
    return this.boundaries().some((f) => inside(f, file));
  }
}

const OUTSIDE = 'it is outside the workspace folder (through a symbolic link), and Corresp reads letters only inside it';

/** Whether `file` lies inside `folder` (both absolute). */
function inside(folder: string, file: string): boolean {
  const rel = path.relative(folder, file);
  return rel.length > 0 && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * The real path (links resolved), or undefined when it cannot be resolved (the read then says why). Resolved
 * synchronously, as the files are read (`openFile.ts`): one call per letter at a start; the same realpath(3).
 */
function realOrUndefined(file: string): string | undefined {
  try {
    return realpathSync.native(file);
  } catch {
    return undefined;
  }
}
