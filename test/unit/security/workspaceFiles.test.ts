/**
 * A repository must not steer the server out of the workspace, nor hang it with its auxiliary files (issue 17):
 * the boundary is checked on real paths (a link to a file or a folder outside is refused), with no workspace folder
 * the boundary is the open document's folder, and `.corresp.yaml` and `.gitignore` are read only when they are
 * regular files of bounded size (a link to /dev/zero, a FIFO, a huge file are refused without being read).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfig, MAX_CONFIG_BYTES } from '../../../server/src/workspace/config';
import { discoverLetters } from '../../../server/src/workspace/discover';
import { readHead, readSmallTextFile } from '../../../server/src/workspace/files';
import { coalesceChanges } from '../../../server/src/workspace/fileChanges';
import { FsHost } from '../../../server/src/workspace/fsHost';
import { LetterIndex, pathToUri } from '../../../server/src/workspace/letterIndex';

const STAFF = '---\ncorresp: staff-letter\ndate: 2024-05-01\ncompany: Outside Corp.\n---\n\n**1. SECRET OUTSIDE COMMENT about revenue recognition.**\n';
const DRAFT = (staff: string) => `---\ncorresp: response\nstaff-letter: ${staff}\n---\n\n**1. We note something.**\n\nResponse: Fine.\n`;

function layout(): { root: string; ws: string; outside: string } {
  const root = mkdtempSync(path.join(tmpdir(), 'corresp-boundary-'));
  const ws = path.join(root, 'ws');
  const outside = path.join(root, 'outside');
  mkdirSync(ws);
  mkdirSync(outside);
  writeFileSync(path.join(outside, 'staff.md'), STAFF);
  symlinkSync(path.join(outside, 'staff.md'), path.join(ws, 'linked.md'));
  symlinkSync(outside, path.join(ws, 'linkdir'));
  return { root, ws, outside };
}

function host(folders: string[], open: Record<string, string> = {}): FsHost {
  const buffers = new Map(Object.entries(open).map(([file, text]) => [pathToUri(file), { text, version: 1 }]));
  return new FsHost({ folders: () => folders, buffers: { get: (uri) => buffers.get(uri), uris: () => [...buffers.keys()] } });
}

describe('the workspace boundary, on real paths', () => {
  it('does not read a letter outside the workspace through a link to a file or to a folder', async () => {
    const { ws } = layout();
    const h = host([ws]);
    for (const name of ['linked.md', 'linkdir/staff.md']) {
      const read = await h.readBytes(pathToUri(path.join(ws, name)));
      expect(read).toEqual({ failure: expect.stringContaining('outside the workspace folder') });
    }
    // A draft naming them gets no staff letter, and never the outside letter's words.
    for (const staff of ['./linked.md', './linkdir/staff.md']) {
      writeFileSync(path.join(ws, 'draft.md'), DRAFT(staff));
      const index = new LetterIndex(host([ws]));
      await index.scan();
      const doc = index.get(pathToUri(path.join(ws, 'draft.md')))!;
      const t = await index.thread(doc);
      expect(t.staff?.failure).toContain('outside the workspace folder');
      expect(t.staff?.doc).toBeUndefined();
      expect(JSON.stringify(t)).not.toContain('SECRET OUTSIDE');
    }
  });

  it('reads a link that stays inside, and a workspace folder that is itself a link', async () => {
    const { root, ws } = layout();
    mkdirSync(path.join(ws, 'letters'));
    writeFileSync(path.join(ws, 'letters', 'staff.md'), STAFF);
    symlinkSync(path.join(ws, 'letters', 'staff.md'), path.join(ws, 'inside.md'));
    symlinkSync(ws, path.join(root, 'ws-link'));
    expect('bytes' in (await host([ws]).readBytes(pathToUri(path.join(ws, 'inside.md'))))).toBe(true);
    expect('bytes' in (await host([path.join(root, 'ws-link')]).readBytes(pathToUri(path.join(root, 'ws-link', 'letters', 'staff.md'))))).toBe(true);
  });

  it('with no workspace folder, the boundary is the open document’s folder', async () => {
    const { root, ws } = layout();
    writeFileSync(path.join(root, 'above.md'), STAFF);
    writeFileSync(path.join(ws, 'beside.md'), STAFF);
    const draft = path.join(ws, 'draft.md');
    const h = host([], { [draft]: DRAFT('../above.md') });
    expect(h.inWorkspace(pathToUri(path.join(ws, 'beside.md')))).toBe(true);
    expect(h.inWorkspace(pathToUri(path.join(root, 'above.md')))).toBe(false);
    expect('bytes' in (await h.readBytes(pathToUri(path.join(ws, 'beside.md'))))).toBe(true);
    expect(await h.readBytes(pathToUri(path.join(ws, 'linked.md')))).toEqual({ failure: expect.stringContaining('outside') });
    const index = new LetterIndex(h);
    const doc = index.updateOpen(pathToUri(draft), DRAFT('../above.md'), 1)!;
    expect((await index.thread(doc)).staff?.failure).toContain('outside the workspace folder');
    // And no folder, no open document: nothing is inside.
    expect(host([]).inWorkspace(pathToUri(path.join(ws, 'beside.md')))).toBe(false);
  });
});

describe('auxiliary files: regular files of bounded size only', () => {
  const fifo = (file: string) => execFileSync('mkfifo', [file]);

  it('reads a regular file, refuses a device, a FIFO, a folder and a file over the limit without reading them', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'corresp-aux-'));
    writeFileSync(path.join(dir, 'ok'), 'node_modules/\n');
    writeFileSync(path.join(dir, 'big'), 'x'.repeat(5000));
    symlinkSync('/dev/zero', path.join(dir, 'zero'));
    fifo(path.join(dir, 'fifo'));
    expect(await readSmallTextFile(path.join(dir, 'ok'), 1000)).toEqual({ text: 'node_modules/\n' });
    expect(await readSmallTextFile(path.join(dir, 'big'), 1000)).toEqual({ failure: expect.stringContaining('too large') });
    expect(await readSmallTextFile(path.join(dir, 'zero'), 1000)).toEqual({ failure: 'it is not a regular file' });
    expect(await readSmallTextFile(path.join(dir, 'fifo'), 1000)).toEqual({ failure: 'it is not a regular file' });
    expect(await readSmallTextFile(dir, 1000)).toMatchObject({ folder: true });
    expect(await readSmallTextFile(path.join(dir, 'none'), 1000)).toMatchObject({ missing: true });
  });

  it('a .gitignore linked to /dev/zero or a FIFO does not hang the walk or read without end', async () => {
    for (const target of ['zero', 'fifo'] as const) {
      const dir = mkdtempSync(path.join(tmpdir(), 'corresp-gitignore-'));
      mkdirSync(path.join(dir, '.git'));
      writeFileSync(path.join(dir, 'draft.md'), DRAFT('./staff.md'));
      writeFileSync(path.join(dir, 'staff.md'), STAFF);
      if (target === 'zero') symlinkSync('/dev/zero', path.join(dir, '.gitignore'));
      else fifo(path.join(dir, '.gitignore'));
      const found = await discoverLetters(['.'], dir);
      expect(found.ok).toBe(true);
      if (found.ok) expect(found.letters.map((d) => path.basename(d.path))).toContain('draft.md');
    }
  });

  it('a .corresp.yaml that is a device, a FIFO or too large is a problem on its first line, not read', async () => {
    for (const kind of ['zero', 'fifo', 'huge'] as const) {
      const dir = mkdtempSync(path.join(tmpdir(), 'corresp-config-'));
      mkdirSync(path.join(dir, '.git'));
      const file = path.join(dir, '.corresp.yaml');
      if (kind === 'zero') symlinkSync('/dev/zero', file);
      else if (kind === 'fifo') fifo(file);
      else writeFileSync(file, `# ${'x'.repeat(MAX_CONFIG_BYTES)}\n`);
      const found = await findConfig(dir);
      expect(found.problems).toEqual([
        { line: 1, column: 1, message: expect.stringMatching(kind === 'huge' ? /^cannot be read: too large/ : /^cannot be read: it is not a regular file$/) },
      ]);
    }
  });
});

describe('the start-up scan and file-watch events', () => {
  it('reads a file’s head, or all of it only when it is small and its head passes, on disk', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'corresp-head-'));
    const write = (name: string, text: string) => {
      writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    };
    const decode = (b: Uint8Array) => new TextDecoder().decode(b);
    const letter = '---\ncorresp: response\n---\n' + 'Response: we will. '.repeat(1000);
    const yes = { below: 64 * 1024, when: () => true };
    const no = { below: 64 * 1024, when: () => false };
    // Smaller than the head: whole, asked or not.
    const small = write('small.md', 'tiny');
    expect(await readHead(small, 8192)).toEqual({ bytes: new TextEncoder().encode('tiny'), whole: true });
    // Larger than the head: whole only when asked, small enough, and its head passes.
    const mid = write('mid.md', letter);
    const all = await readHead(mid, 8192, yes);
    expect('bytes' in all && all.whole && decode(all.bytes)).toBe(letter);
    for (const head of [await readHead(mid, 8192), await readHead(mid, 8192, no), await readHead(mid, 8192, { ...yes, below: 10_000 })]) {
      expect('bytes' in head && !head.whole && decode(head.bytes)).toBe(letter.slice(0, 8192));
    }
    // A folder and a missing file: why, not bytes.
    expect(await readHead(dir, 8192, yes)).toEqual({ failure: 'it is a folder, not a file' });
    expect('failure' in (await readHead(path.join(dir, 'gone.md'), 8192, yes))).toBe(true);
    // A FIFO (no writer) and a device named like letters: refused at once, not waited on or read (the read is
    // synchronous, so a blocking open or read would hang the whole process, this test with it).
    execFileSync('mkfifo', [path.join(dir, 'pipe.md')]);
    symlinkSync('/dev/zero', path.join(dir, 'zero.md'));
    expect(await readHead(path.join(dir, 'pipe.md'), 8192, yes)).toEqual({ failure: 'it is not a regular file' });
    expect(await readHead(path.join(dir, 'zero.md'), 8192, yes)).toEqual({ failure: 'it is not a regular file' });
  });

  it('sniffs each Markdown file from its head, a few files at a time, and reads only Corresp letters whole', async () => {
    const files = new Map<string, Uint8Array>();
    const enc = (t: string) => new TextEncoder().encode(t);
    for (let i = 0; i < 200; i++) files.set(pathToUri(`/ws/notes/note-${i}.md`), enc(`# Notes ${i}\n\n${'Plain Markdown, not a letter. '.repeat(2000)}\n`));
    files.set(pathToUri('/ws/t/staff.md'), enc(STAFF));
    files.set(pathToUri('/ws/t/draft.md'), enc(DRAFT('./staff.md')));
    let open = 0;
    let most = 0;
    const whole: string[] = [];
    const wholeAtSniff: string[] = [];
    let headBytes = 0;
    const io = async <T>(fn: () => T): Promise<T> => {
      most = Math.max(most, ++open);
      await new Promise((r) => setTimeout(r, 1));
      open--;
      return fn();
    };
    const index = new LetterIndex({
      listFiles: async () => [...files.keys()],
      readBytes: (uri) => io(() => (whole.push(uri), { bytes: files.get(uri)! })),
      // As the real host: the head, or the whole file when it is small and its head passes `when`.
      readHead: (uri, n, all) =>
        io(() => {
          const bytes = files.get(uri)!;
          const head = bytes.subarray(0, n);
          const entire = bytes.length <= n || (!!all && bytes.length <= all.below && all.when(head));
          if (entire) wholeAtSniff.push(uri);
          headBytes += entire ? bytes.length : head.length;
          return { bytes: entire ? bytes : head, whole: entire };
        }),
      openText: () => undefined,
      inWorkspace: () => true,
    });
    await index.scan();
    expect(index.drafts().map((d) => d.uri)).toEqual([pathToUri('/ws/t/draft.md')]);
    // The two letters read whole at their sniff (one read each), the rest only sniffed.
    expect(wholeAtSniff.sort()).toEqual([pathToUri('/ws/t/draft.md'), pathToUri('/ws/t/staff.md')]);
    expect(whole).toEqual([]);
    expect(most).toBeLessThanOrEqual(4);
    // 200 files of 60 KB: 8 KB of each read, not 12 MB.
    expect(headBytes).toBeLessThan(200 * 8192 + STAFF.length + DRAFT('./staff.md').length + 1);
  });

  it('handles each file once per batch of watch events, as its last event says', () => {
    const a = 'file:///ws/a.md';
    const b = 'file:///ws/b.md';
    const events = Array.from({ length: 40 }, (_, i) => [
      { uri: a, deleted: false },
      { uri: b, deleted: i === 39 },
    ]).flat();
    expect(coalesceChanges(events)).toEqual([
      { uri: a, deleted: false },
      { uri: b, deleted: true },
    ]);
  });

  it('a file saved with the text it had keeps its document version: nothing is checked again', async () => {
    const files = new Map<string, string>([
      [pathToUri('/ws/t/staff.md'), STAFF],
      [pathToUri('/ws/t/draft.md'), DRAFT('./staff.md')],
    ]);
    const index = new LetterIndex({
      listFiles: async () => [...files.keys()],
      readBytes: async (uri) => ({ bytes: new TextEncoder().encode(files.get(uri)!) }),
      openText: () => undefined,
      inWorkspace: () => true,
    });
    await index.scan();
    const uri = pathToUri('/ws/t/draft.md');
    const doc = index.get(uri);
    for (let i = 0; i < 40; i++) expect(await index.changedOnDisk(uri, false)).toBe(false);
    expect(index.get(uri)).toBe(doc);
    files.set(uri, `${DRAFT('./staff.md')}\nMore.\n`);
    expect(await index.changedOnDisk(uri, false)).toBe(true);
    expect(index.get(uri)).not.toBe(doc);
  });
});
