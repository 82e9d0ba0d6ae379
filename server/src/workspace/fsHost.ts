/**
 * The language server's IO: lists letter files under the workspace folders (skipping dependency and build
 * folders), reads bytes from disk, and serves open editor buffers. The index reaches the file system only here.
 *
 * The workspace boundary: a letter is read only when its real path (symbolic links resolved) lies inside the real path
 * of a workspace folder, so a link inside the workspace (to a file or a folder) cannot make the server read and show a
 * letter outside it. With no workspace folder (a single file opened), the boundary is the folder of each open document:
 * letters beside it or below it are read, nothing above it.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { readBytes, readHead, type ReadResult } from './files';
import { pathToUri, uriToPath, type IndexHost } from './letterIndex';

const LETTER_EXT = /\.(?:md|markdown|txt|pdf|htm|html|docx)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', 'build', '.tools', '.vscode-test', 'coverage', '.cache']);

export interface OpenBuffers {
  get(uri: string): { readonly text: string; readonly version: number } | undefined;
  /** The open documents' URIs (their folders are the boundary when there is no workspace folder). */
  uris?(): readonly string[];
}

export class FsHost implements IndexHost {
  constructor(
    private readonly folders: () => readonly string[],
    private readonly buffers: OpenBuffers,
    private readonly maxFiles = 20_000,
    /** In an untrusted workspace PDFs (the largest parser surface) are not read until the user trusts it. */
    private readonly trusted: () => boolean = () => true,
  ) {}

  async listFiles(): Promise<string[]> {
    const out: string[] = [];
    const visit = async (dir: string, depth: number): Promise<void> => {
      if (out.length >= this.maxFiles || depth > 12) return;
      let entries: import('node:fs').Dirent[];
      try {
        entries = await fs.readdir(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (out.length >= this.maxFiles) return;
        if (e.isDirectory()) {
          if (!SKIP_DIRS.has(e.name) && !e.name.startsWith('.')) await visit(path.join(dir, e.name), depth + 1);
        } else if (e.isFile() && LETTER_EXT.test(e.name) && !e.name.startsWith('~$')) out.push(pathToUri(path.join(dir, e.name))); // ~$x.docx: Word's lock file
      }
    };
    for (const folder of this.folders()) await visit(folder, 0);
    return out;
  }

  async readBytes(uri: string): Promise<ReadResult> {
    if (!uri.startsWith('file:')) return { failure: 'only files on disk can be read' };
    if (!this.trusted() && /\.pdf$/i.test(uri)) return { failure: 'PDF letters are not read in an untrusted workspace (trust the folder to read them)' };
    const file = uriToPath(uri);
    // Reliability: the boundary is checked on real paths (a link inside the workspace may lead out of it).
    const real = await realOrUndefined(file);
    if (real !== undefined && !(await this.insideReal(real))) return { failure: 'it is outside the workspace folder (through a symbolic link), and Corresp reads letters only inside it' };
    return readBytes(file);
  }

  /** The first bytes of a file, to sniff its front matter (same boundary as readBytes). */
  async readHead(uri: string, maxBytes: number): Promise<ReadResult> {
    if (!uri.startsWith('file:')) return { failure: 'only files on disk can be read' };
    const file = uriToPath(uri);
    const real = await realOrUndefined(file);
    if (real !== undefined && !(await this.insideReal(real))) return { failure: 'it is outside the workspace folder (through a symbolic link), and Corresp reads letters only inside it' };
    return readHead(file, maxBytes);
  }

  /** The boundary's folders: the workspace folders, or with none the folders of the open documents. */
  private boundaries(): string[] {
    const folders = this.folders();
    if (folders.length > 0) return folders.map((f) => path.resolve(f));
    const dirs = new Set<string>();
    for (const uri of this.buffers.uris?.() ?? []) if (uri.startsWith('file:')) dirs.add(path.dirname(path.resolve(uriToPath(uri))));
    return [...dirs];
  }

  private readonly realFolders = new Map<string, Promise<string | undefined>>();

  private async insideReal(real: string): Promise<boolean> {
    for (const folder of this.boundaries()) {
      let known = this.realFolders.get(folder);
      if (!known) {
        known = realOrUndefined(folder);
        if (this.realFolders.size > 100) this.realFolders.clear();
        this.realFolders.set(folder, known);
      }
      const root = (await known) ?? folder;
      if (inside(root, real)) return true;
    }
    return false;
  }

  openText(uri: string): { readonly text: string; readonly version: number } | undefined {
    return this.buffers.get(uri);
  }

  inWorkspace(uri: string): boolean {
    if (!uri.startsWith('file:')) return false;
    const file = path.resolve(uriToPath(uri));
    return this.boundaries().some((f) => inside(f, file));
  }
}

/** Whether `file` lies inside `folder` (both absolute). */
function inside(folder: string, file: string): boolean {
  const rel = path.relative(folder, file);
  return rel.length > 0 && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** The real path (links resolved), or undefined when it cannot be resolved (the read then says why). */
async function realOrUndefined(file: string): Promise<string | undefined> {
  try {
    return await fs.realpath(file);
  } catch {
    return undefined;
  }
}
