/**
 * In-memory workspaces for feature tests: a map of file name → text becomes a letter index with the same host
 * interface the server uses, so every feature runs on threads without an editor or a disk.
 */
import * as path from 'node:path';
import { fixture } from '../helpers';
import type { Thread } from '../../server/src/analysis/thread';
import { LetterIndex, pathToUri, uriToPath, type IndexHost } from '../../server/src/workspace/letterIndex';

export const ROOT = path.resolve('/ws');

export class MemoryWorkspace {
  readonly files = new Map<string, string | Uint8Array>();
  readonly open = new Map<string, { text: string; version: number }>();
  readonly index: LetterIndex;

  constructor(files: Record<string, string | Uint8Array>) {
    for (const [name, text] of Object.entries(files)) this.files.set(this.uri(name), text);
    const host: IndexHost = {
      listFiles: async () => [...this.files.keys()],
      readBytes: async (uri) => {
        const content = this.files.get(uri);
        if (content === undefined) return { failure: 'no such file' };
        return { bytes: typeof content === 'string' ? new TextEncoder().encode(content) : content };
      },
      openText: (uri) => this.open.get(uri),
      inWorkspace: (uri) => uri.startsWith(pathToUri(ROOT) + '/'),
      // As FsHost: a missing file's neighbour whose name differs only in letter case.
      caseMismatch: async (uri) => {
        if (this.files.has(uri)) return undefined;
        const want = uri.toLowerCase();
        const other = [...this.files.keys()].find((u) => u.toLowerCase() === want);
        return other === undefined ? undefined : path.basename(uriToPath(other));
      },
    };
    this.index = new LetterIndex(host);
  }

  uri(name: string): string {
    return pathToUri(path.join(ROOT, name));
  }

  async ready(): Promise<this> {
    await this.index.scan();
    return this;
  }

  /** Opens (or edits) a document as the editor would. */
  edit(name: string, text: string): void {
    const uri = this.uri(name);
    const version = (this.open.get(uri)?.version ?? 0) + 1;
    this.open.set(uri, { text, version });
    this.index.updateOpen(uri, text, version);
  }

  async thread(name: string): Promise<Thread> {
    const uri = this.uri(name);
    const doc = this.index.get(uri) ?? (await this.index.letter(uri));
    if ('failure' in doc) throw new Error(`${name}: ${doc.failure}`);
    return this.index.thread(doc);
  }

  text(name: string): string {
    const uri = this.uri(name);
    const content = this.open.get(uri)?.text ?? this.files.get(uri) ?? '';
    return typeof content === 'string' ? content : new TextDecoder().decode(content);
  }
}

/** The example thread (the 2017 staff letter and a draft), plus any extra files. */
export async function exampleWorkspace(extra: Record<string, string> = {}): Promise<MemoryWorkspace> {
  const { readFileSync } = await import('node:fs');
  const ex = (f: string) => readFileSync(path.join(__dirname, '..', '..', 'examples', f), 'utf8');
  return new MemoryWorkspace({
    'staff-letter-2017-08-16.md': ex('staff-letter-2017-08-16.md'),
    'response-2017-08-16.md': ex('response-2017-08-16.md'),
    ...extra,
  }).ready();
}

/** Offset of the first occurrence of `needle` in a text (plus `delta`); fails loudly when absent. */
export function at(text: string, needle: string, delta = 0): number {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`“${needle}” not found`);
  return i + delta;
}

/** Applies text edits (offsets into `text`). */
export function applyEdits(text: string, edits: ReadonlyArray<{ start: number; end: number; newText: string }>): string {
  let out = text;
  // As LSP applies them: inserts at one position keep their order, so apply from the last edit backwards.
  const ordered = edits.map((e, i) => ({ e, i })).sort((a, b) => b.e.start - a.e.start || b.e.end - a.e.end || b.i - a.i);
  for (const { e } of ordered) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** A prior staff letter (July 7, 2017) in the same thread, and the company's response to it. */
export const PRIOR_LETTER = `---
corresp: staff-letter
date: 2017-07-07
company: 21Vianet Group, Inc.
file-no: 001-35126
---

July 7, 2017

**Re: 21Vianet Group, Inc.**\\
Form 20-F for the Fiscal Year Ended December 31, 2016\\
File No. 001-35126

Dear Mr. Wang:

We have reviewed your filing and have the following comments.

## Item 3. Key Information

1. Please tell us how you determined the bad debt allowances provided for trade receivables from two state-owned enterprise customers.

2. Please reconcile segment Adjusted EBITDA to the most directly comparable GAAP measure in your earnings releases.

3. Please disclose the tax effect of your non-GAAP adjustments as a separate reconciling item.

We remind you that the company and its management are responsible for the accuracy and adequacy of their disclosures.
`;

export const PRIOR_RESPONSE = `---
corresp: response
staff-letter: ./staff-letter-2017-07-07.md
---

**1. Please tell us how you determined the bad debt allowances provided for trade receivables from two state-owned enterprise customers.**

Response: The Company provided allowances after the two customers stopped paying in the fourth quarter of 2016.

**2. Please reconcile segment Adjusted EBITDA to the most directly comparable GAAP measure in your earnings releases.**

Response: The Company will include the reconciliation in future earnings releases.

**3. Please disclose the tax effect of your non-GAAP adjustments as a separate reconciling item.**

Response: The Company will disclose the tax effect separately.
`;

export { fixture };
