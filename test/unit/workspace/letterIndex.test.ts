/**
 * The letter index's own memo tables (`remembering`): an analysis run through the index remembers its comparisons
 * and citation checks in the index's tables, not in the process-wide ones, and finds them there the next time; the
 * tables are the index's, so they go with it. And the editor's "did you mean" for a staff letter named in the wrong
 * letter case, which the index asks its host for.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { analyseDocument } from '../../../server/src/analysis/letter';
import { diagnosticsOf } from '../../../server/src/features/diagnostics';
import { memos } from '../../../server/src/letters/memos';
import { analysisSettingsOf, DEFAULT_CONFIG } from '../../../server/src/workspace/config';
import { exampleWorkspace, MemoryWorkspace } from '../../features/harness';
import { fixtureBytes } from '../../helpers';
import { LetterIndex, pathToUri } from '../../../server/src/workspace/letterIndex';
import { currentAnalysisCache, useAnalysisCache } from '../../../server/src/workspace/analysisCache';

const SETTINGS = analysisSettingsOf(DEFAULT_CONFIG);
const DRAFT = 'response-2017-08-16.md';

async function analysed(ws: Awaited<ReturnType<typeof exampleWorkspace>>, name = DRAFT) {
  const doc = ws.index.get(ws.uri(name))!;
  return (await analyseDocument(ws.index, doc, SETTINGS)).analysis;
}

describe('LetterIndex.remembering', () => {
  it('remembers an analysis in the index’s own tables while it runs, finds it there again, and leaves the shared tables alone', async () => {
    const ws = await exampleWorkspace();
    // The draft open in the editor (a closed one comes with its blocks' citation problems: citations/inBlocks.ts).
    ws.edit(DRAFT, ws.text(DRAFT));
    const analysis = await analysed(ws);
    const shared = memos();
    expect(shared).not.toBe(ws.index.memos);
    const sharedChars = shared.citations.chars;

    let inside: unknown;
    const first = ws.index.remembering(() => {
      inside = memos();
      return diagnosticsOf(analysis);
    });
    expect(inside).toBe(ws.index.memos);
    expect(memos()).toBe(shared); // made current only while it runs
    expect(ws.index.memos.citations.chars).toBeGreaterThan(0); // the draft's blocks' citation checks, remembered
    expect(shared.citations.chars).toBe(sharedChars);

    // Within the index: the same analysis again finds every check remembered (nothing more is held) and says the same.
    const held = ws.index.memos.chars;
    expect(ws.index.remembering(() => diagnosticsOf(analysis))).toEqual(first);
    expect(ws.index.memos.chars).toBe(held);

    // Restored when the analysis throws.
    expect(() =>
      ws.index.remembering(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(memos()).toBe(shared);
  });

  it('keeps the tables with the index: another index starts empty, and clearing one clears only its own', async () => {
    // Computed here, not taken from an analysis cache another test of this worker left in use (a reading taken from
    // the cache with its coverage fills no table).
    const before = currentAnalysisCache();
    useAnalysisCache(undefined);
    onTestFinished(() => useAnalysisCache(before));
    const a = await exampleWorkspace();
    const analysis = await analysed(a);
    a.index.remembering(() => diagnosticsOf(analysis));
    const b = await exampleWorkspace();
    expect(b.index.memos).not.toBe(a.index.memos);
    expect(b.index.memos.chars).toBe(0);
    const other = await analysed(b);
    b.index.remembering(() => diagnosticsOf(other));
    expect(b.index.memos.chars).toBeGreaterThan(0);
    a.index.memos.clear();
    expect(a.index.memos.chars).toBe(0);
    expect(b.index.memos.chars).toBeGreaterThan(0);
  });

  it('keeps a closed draft’s comparisons only while they are recent: forty drafts read hold about what twenty do', async () => {
    // A cold start reads every draft against its staff letter once, and keeps its reading and coverage: the tables
    // need not keep its comparisons (they once did, for every letter held: 32 MB after a 500-thread cold start).
    const before = currentAnalysisCache();
    useAnalysisCache(undefined);
    onTestFinished(() => useAnalysisCache(before));
    const { readFileSync: read } = await import('node:fs');
    const ex = (f: string) => read(path.join(__dirname, '..', '..', '..', 'examples', f), 'utf8');
    // Forty threads whose words differ (each "the" made its own word), so that no comparison is shared.
    const vary = (text: string, i: number) => text.replace(/\bthe\b/g, `the${String.fromCharCode(97 + (i % 26))}${i}`);
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) {
      files[`t${i}/staff-letter-2017-08-16.md`] = vary(ex('staff-letter-2017-08-16.md'), i);
      files[`t${i}/${DRAFT}`] = vary(ex(DRAFT), i);
    }
    const ws = await new MemoryWorkspace(files).ready();
    const readDrafts = async (from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const analysis = (await analyseDocument(ws.index, ws.index.get(ws.uri(`t${i}/${DRAFT}`))!, SETTINGS)).analysis;
        expect(analysis.coverage?.comments.length, `t${i}`).toBeGreaterThan(0);
      }
    };
    await readDrafts(0, 20);
    const twenty = ws.index.memos.chars;
    await readDrafts(20, 40);
    expect(twenty).toBeGreaterThan(0);
    expect(ws.index.memos.chars).toBeLessThan(twenty * 1.3);
  });
});

describe('a staff letter named in the wrong letter case (the editor)', () => {
  it('says which file is meant: the index asks its host for the name that differs only in case', async () => {
    const ws = await exampleWorkspace();
    const draft = ws.text(DRAFT).replace('staff-letter: ./staff-letter-2017-08-16.md', 'staff-letter: ./Staff-Letter-2017-08-16.md');
    ws.edit(DRAFT, draft);
    const unreadable = diagnosticsOf(await analysed(ws)).find((p) => p.code === 'staff-letter.unreadable');
    expect(unreadable?.message).toBe('Staff letter “./Staff-Letter-2017-08-16.md” cannot be read: no such file; did you mean ./staff-letter-2017-08-16.md?');
    // A name that matches nothing in any case gets no suggestion.
    ws.edit(DRAFT, draft.replace('./Staff-Letter-2017-08-16.md', './staff-letter-2017-09-16.md'));
    expect(diagnosticsOf(await analysed(ws)).find((p) => p.code === 'staff-letter.unreadable')?.message).toBe(
      'Staff letter “./staff-letter-2017-09-16.md” cannot be read: no such file.',
    );
  });
});

describe('LetterIndex: the drafts answering a staff letter', () => {
  it('are the drafts that name it, in order, worked out again when a draft names another', async () => {
    const second = 'response-2017-08-16-b.md';
    const ws = await exampleWorkspace({ [second]: readFileSync(path.join(__dirname, '..', '..', '..', 'examples', DRAFT), 'utf8') });
    const staff = ws.uri('staff-letter-2017-08-16.md');
    const other = ws.uri('staff-letter-2017-09-16.md');
    const named = (uri: string) => ws.index.drafts().filter((d) => ws.index.staffUriOf(d) === uri);
    const check = () => {
      for (const uri of [staff, other]) expect(ws.index.draftsAnswering(uri)).toEqual(named(uri));
    };
    expect(
      ws.index
        .draftsAnswering(staff)
        .map((d) => path.basename(d.uri))
        .sort(),
    ).toEqual([DRAFT, second].sort());
    check();
    ws.edit(second, ws.text(second).replace('staff-letter: ./staff-letter-2017-08-16.md', 'staff-letter: ./staff-letter-2017-09-16.md'));
    expect(ws.index.draftsAnswering(staff).map((d) => path.basename(d.uri))).toEqual([DRAFT]);
    expect(ws.index.draftsAnswering(other).map((d) => path.basename(d.uri))).toEqual([second]);
    check();
  });
});

describe('LetterIndex: a letter imported to Markdown and its original', () => {
  it('are one letter: the original a Markdown staff letter names as its source is not read beside it', async () => {
    const examples = path.join(__dirname, '..', '..', '..', 'examples');
    const names = ['staff-letter-2017-08-16.md', 'staff-letter-2017-08-16.txt', DRAFT];
    const files = new Map(names.map((n) => [pathToUri(path.join('/ws', n)), new Uint8Array(readFileSync(path.join(examples, n)))]));
    const read: string[] = [];
    const index = new LetterIndex({
      // Listed, but not read at the scan (a text file is read when a thread asks for the letters beside a letter).
      listFiles: async () => [...files.keys()],
      readBytes: async (u) => (read.push(path.basename(u)), files.has(u) ? { bytes: files.get(u)! } : { failure: 'no such file' }),
      openText: () => undefined,
      inWorkspace: () => true,
    });
    await index.scan();
    const draft = index.drafts()[0]!;
    const thread = await index.thread(draft);
    expect(thread.staff?.uri).toBe(pathToUri('/ws/staff-letter-2017-08-16.md'));
    expect(read).not.toContain('staff-letter-2017-08-16.txt');
    expect(
      index
        .documents()
        .map((d) => path.basename(d.uri))
        .sort(),
    ).toEqual([DRAFT, 'staff-letter-2017-08-16.md']);
  });
});

describe('LetterIndex: what it works out once per state is worked out again when the state changes', () => {
  it('a prior letter that arrives on disk after the follow-up was read is found (real Caterpillar 2017 thread)', async () => {
    const folder = 'threads/cat_0000000000-17-022437';
    const uri = (n: string) => pathToUri(path.join('/ws', n));
    const files = new Map([[uri('03-staff.txt'), fixtureBytes(folder, '03-staff.txt')]]);
    const index = new LetterIndex({
      listFiles: async () => [...files.keys()],
      readBytes: async (u) => (files.has(u) ? { bytes: files.get(u)! } : { failure: 'no such file' }),
      openText: () => undefined,
      inWorkspace: () => true,
    });
    await index.scan();
    const followUp = await index.letter(uri('03-staff.txt'));
    if ('failure' in followUp) throw new Error(followUp.failure);
    // Asked twice: the folder's letters are read once and remembered for this state of the index.
    expect((await index.thread(followUp)).prior).toBeUndefined();
    expect((await index.thread(followUp)).prior).toBeUndefined();
    // The first letter and its response are checked out beside it.
    for (const n of ['01-staff.txt', '02-response.htm']) {
      files.set(uri(n), fixtureBytes(folder, n));
      await index.changedOnDisk(uri(n), false);
    }
    const thread = await index.thread(followUp);
    expect(thread.prior?.uri).toBe(uri('01-staff.txt'));
    expect(thread.priorResponse?.uri).toBe(uri('02-response.htm'));
  });
});

describe('LetterIndex: a draft read once per version of it and of its staff letter', () => {
  it('whatever list object says "no extra placeholders", and again when the list says other ones', async () => {
    const ws = await exampleWorkspace();
    const draft = ws.index.drafts()[0]!;
    // The editor's checks pass the folder's configuration's list (empty when it sets none); the Commitments view's
    // asks pass none. Read by identity, each re-read every draft after the other (and the view sent every node again).
    const plain = await ws.index.thread(draft);
    const configured = await ws.index.thread(draft, { placeholders: DEFAULT_CONFIG.placeholders });
    expect(DEFAULT_CONFIG.placeholders).toEqual([]);
    expect(configured.doc.draft).toBe(plain.doc.draft);
    expect(configured.coverage).toBe(plain.coverage);
    const team = await ws.index.thread(draft, { placeholders: [/\bpending review\b/i] });
    expect(team.doc.draft).not.toBe(plain.doc.draft);
    expect((await ws.index.thread(draft, { placeholders: [/\bpending review\b/i] })).doc.draft).toBe(team.doc.draft);
  });
});
