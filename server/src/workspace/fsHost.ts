/**
 * The letter index's IO on disk, for the language server and the CLI alike: lists letter files under the workspace
 * folders (or the folders a command was given) with the one .gitignore-aware walker (`walk.ts`), skipping dependency
 * and build folders, reads bytes from disk, and serves open editor buffers. The index reaches the file system only
 * here.
 */
import * as path from 'node:path';
import { readBytes, type ReadResult } from './files';
import { pathToUri, uriToPath, type IndexHost } from './letterIndex';
import { walk } from './walk';

const LETTER_EXT = /\.(?:md|markdown|txt|pdf|htm|html|docx)$/i;
/** Folders no letter lives in (besides .git and node_modules, which the walker never enters, and hidden folders). */
const SKIP_DIRS = new Set(['dist', 'out', 'build', '.tools', '.vscode-test', 'coverage', '.cache']);

export interface OpenBuffers {
  get(uri: string): { readonly text: string; readonly version: number } | undefined;
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
      if (walked.ok) for (const file of walked.files) if (!seen.has(file)) {
          seen.add(file);
          out.push(pathToUri(file));
        }
      if (out.length >= maxFiles) break;
    }
    return out;
  }

  readBytes(uri: string): Promise<ReadResult> {
    if (!uri.startsWith('file:')) return Promise.resolve({ failure: 'only files on disk can be read' });
    if (this.options.trusted && !this.options.trusted() && /\.pdf$/i.test(uri)) {
      return Promise.resolve({ failure: 'PDF letters are not read in an untrusted workspace (trust the folder to read them)' });
    }
    return readBytes(uriToPath(uri));
  }

  openText(uri: string): { readonly text: string; readonly version: number } | undefined {
    return (this.options.buffers ?? NO_BUFFERS).get(uri);
  }

  inWorkspace(uri: string): boolean {
    if (!uri.startsWith('file:')) return false;
    if (this.options.readOutside) return true;
    const file = path.resolve(uriToPath(uri));
    const folders = this.options.folders();
    if (folders.length === 0) return true;
    return folders.some((f) => {
      const rel = path.relative(path.resolve(f), file);
      return rel.length > 0 && !rel.startsWith('..') && !path.isAbsolute(rel);
    });
  }
}
