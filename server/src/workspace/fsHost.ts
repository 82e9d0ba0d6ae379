/**
 * The language server's IO: lists letter files under the workspace folders (skipping dependency and build
 * folders), reads bytes from disk, and serves open editor buffers. The index reaches the file system only here.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { readBytes, type ReadResult } from './files';
import { pathToUri, uriToPath, type IndexHost } from './letterIndex';

const LETTER_EXT = /\.(?:md|markdown|txt|pdf|htm|html|docx)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', 'build', '.tools', '.vscode-test', 'coverage', '.cache']);

export interface OpenBuffers {
  get(uri: string): { readonly text: string; readonly version: number } | undefined;
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

  readBytes(uri: string): Promise<ReadResult> {
    if (!uri.startsWith('file:')) return Promise.resolve({ failure: 'only files on disk can be read' });
    if (!this.trusted() && /\.pdf$/i.test(uri)) return Promise.resolve({ failure: 'PDF letters are not read in an untrusted workspace (trust the folder to read them)' });
    return readBytes(uriToPath(uri));
  }

  openText(uri: string): { readonly text: string; readonly version: number } | undefined {
    return this.buffers.get(uri);
  }

  inWorkspace(uri: string): boolean {
    if (!uri.startsWith('file:')) return false;
    const file = path.resolve(uriToPath(uri));
    const folders = this.folders();
    if (folders.length === 0) return true;
    return folders.some((f) => {
      const rel = path.relative(path.resolve(f), file);
      return rel.length > 0 && !rel.startsWith('..') && !path.isAbsolute(rel);
    });
  }
}
