/**
 * Memory per keystroke (issue 17): what outlives a parse must not keep the document version it was cut from alive.
 * Measured with the V8 heap after a full GC (never a clock): a slice of a string keeps its parent; `freshString`
 * copies; a draft typed into hundreds of times keeps a bounded heap; the memo tables stay within their bounds and drop
 * what typing left behind. The long run (20,000 edits through the real server) is `npm run bench -- --only=soak`.
 */
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { draftDiagnostics } from '../../../server/src/features/diagnostics';
import { TextMemos, withMemos } from '../../../server/src/letters/memos';
import { containment, wordDiff } from '../../../server/src/letters/words';
import { MarkdownParser } from '../../../server/src/parse/markdown';
import { freshString } from '../../../server/src/text/fresh';
import { MemoClock, TextPairTable, TextTable } from '../../../server/src/text/memo';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { letterFactsOf } from '../../../server/src/letters/letterFacts';
import { readLetterBytes } from '../../../server/src/letters/read';
import { AnalysisCache } from '../../../server/src/workspace/analysisCache';
import { closedLetter } from '../../../server/src/workspace/closedLetters';
import { fullCollector } from '../../../server/src/lsp/idleCollection';
import { MemoryWorkspace } from '../../features/harness';
import { FIXTURES } from '../../helpers';
// @ts-expect-error: the benchmark's generator is plain JavaScript.
import { responseDraft, staffLetter } from '../../bench/generate.mjs';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

function heapMB(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1048576;
}

/** A 20 MB text made flat (one sequential string), as an editor's document version is. */
function bigText(): string {
  const s = `${'abcdefghij'.repeat(2_000_000)}x`.slice(0, -1);
  s.charCodeAt(5);
  return s;
}

describe('memory: what outlives a parse holds only itself', () => {
  it('a slice keeps its whole text alive; a fresh copy does not (heap after GC)', () => {
    // The text is made and cut in a function of its own: the interpreter's temporaries of a frame that is still
    // running would keep it alive whatever the slices do.
    const pieces = (copy: (s: string) => string): string[] => {
      const text = bigText();
      const kept: string[] = [];
      for (let i = 0; i < 1000; i++) kept.push(copy(text.slice(i * 100, i * 100 + 2000)));
      return kept;
    };
    const retained = (copy: (s: string) => string): number => {
      const before = heapMB();
      const kept = pieces(copy);
      const after = heapMB();
      expect(kept.join('').length).toBe(2_000_000);
      return after - before;
    };
    // The measurement can tell: 1,000 slices of 2,000 characters keep the 20 MB text.
    expect(retained((s) => s)).toBeGreaterThan(15);
    // Their fresh copies keep their own 2 MB.
    expect(retained(freshString)).toBeLessThan(5);
  });

  it('a fresh copy is the same text, lone surrogates and all', () => {
    for (const s of ['', 'a', 'twelve chars', 'thirteen char', 'x'.repeat(5000), '\ud800 lone \udfff surrogates and more', 'é漢字👩‍💻'.repeat(10)])
      expect(freshString(s)).toBe(s);
  });

  it('a draft with link definitions typed into all over keeps none of its old versions (the split after an edit)', () => {
    // 40 pieces of 10,000 characters with a link definition each, two-byte text (as most letters are); a keystroke in
    // each piece in turn. The split after an edit keeps the definitions of the pieces it does not scan again: kept as
    // slices, each would hold the version it was cut from (40 versions of 800 KB); kept as copies, their own lines.
    const parser = new MarkdownParser();
    const piece = (i: number) =>
      `## Comment ${i + 1}\n\nWe note your “response” ${'and answer '.repeat(1000)}[${i}].\n\n[${i}]: https://example.invalid/${i}\n`;
    let text = Array.from({ length: 40 }, (_, i) => piece(i)).join('\n');
    parser.parse(text);
    const before = heapMB();
    for (let i = 0; i < 40; i++) {
      const at = text.indexOf(`[${i}]: `) - 3;
      text = `${text.slice(0, at)}x${text.slice(at)}`;
      parser.parse(text);
    }
    expect(heapMB() - before).toBeLessThan(12);
  });

  it('a draft typed into 260 times keeps a bounded heap (parser, index, memo tables)', async () => {
    const letter = staffLetter({ comments: 60, seed: 11 });
    const text0: string = responseDraft(letter.model, { targetBytes: 48 * 1024, staffPath: './staff-letter.md', seed: 5 });
    const ws = await new MemoryWorkspace({ 'staff-letter.md': letter.md, 'response.md': text0 }).ready();
    let text = text0;
    let at = text.indexOf('Response: ', text.length >> 1) + 10;
    const edit = async (i: number) => {
      text = text.slice(0, at) + 'abcdefghij'[i % 10] + text.slice(at);
      at++;
      ws.edit('response.md', text);
      const t = await ws.thread('response.md');
      withMemos(ws.index.memos, () =>
        draftDiagnostics({
          file: t.doc.file,
          draft: t.doc.draft!,
          ...(t.staff?.doc?.letter ? { staff: { path: t.staff.path!, letter: t.staff.doc.letter } } : {}),
          today: '2024-01-01',
        }),
      );
    };
    for (let i = 0; i < 60; i++) await edit(i);
    const warm = heapMB();
    for (let i = 60; i < 260; i++) await edit(i);
    const grown = heapMB() - warm;
    // Before the fix each version stayed alive through its pieces and the memo tables' keys: 200 versions of a
    // 50,000-character (two-byte) draft, about 20 MB. After: the tables' working set, a few MB at most.
    expect(grown).toBeLessThan(8);
    expect(ws.index.memos.chars).toBeLessThan(ws.index.memos.maxChars);
  });
});

describe('memo tables: bounded by characters, swept by age, computed from their own copies', () => {
  it('never holds more than its bound, and keeps the recently used', () => {
    const table = new TextTable<number>(10_000);
    for (let i = 0; i < 1000; i++) table.get(`${i} ${'x'.repeat(100)}`, (k) => k.length);
    expect(table.chars).toBeLessThanOrEqual(10_000);
    expect(table.size).toBeGreaterThan(50);
  });

  it('drops what the last analyses did not use', () => {
    const clock = new MemoClock();
    const table = new TextTable<number>(1_000_000, clock);
    const pairs = new TextPairTable<number>(1_000_000, clock);
    table.get('kept kept kept kept', () => 1);
    pairs.get('whole text of a comment', 'kept part of it', () => 1);
    for (let i = 0; i < 40; i++) {
      clock.now++;
      table.get('kept kept kept kept', () => 1);
      pairs.get('whole text of a comment', 'kept part of it', () => 1);
      table.get(`typed ${i} typed typed`, () => 2);
      pairs.get('whole text of a comment', `typed ${i} typed typed`, () => 2);
      table.sweep(8);
      pairs.sweep(8);
    }
    expect(table.size).toBe(1 + 9);
    let computed = 0;
    pairs.get('whole text of a comment', 'typed 5 typed typed', () => ++computed);
    pairs.get('whole text of a comment', 'kept part of it', () => ++computed);
    expect(computed).toBe(1);
  });

  it('a word diff remembered holds the table’s copies, not the document', () => {
    const memos = new TextMemos(1_000_000);
    const staff = 'We note your disclosure of revenue by segment on page 41.';
    const compare = () => {
      const doc = `${'filler '.repeat(1_500_000)}We note your disclosure of revenues by segment on page 42.`;
      const part = doc.slice(doc.length - 58);
      withMemos(memos, () => containment(part, staff));
      return withMemos(memos, () => wordDiff(part, staff));
    };
    const before = heapMB();
    const diff = compare();
    expect(diff.changes.map((c) => c.draft)).toEqual(['revenues', '42']);
    // The 21 MB document is gone: the tables hold only their 58-character copies.
    expect(heapMB() - before).toBeLessThan(4);
  });
});

describe('closed letters: held as summaries', () => {
  /**
   * The example draft read afresh through an analysis cache in a new folder (its entry written), and the folder. The
   * caller takes `read` out (and clears it) so that nothing else holds the reading.
   */
  async function readAfresh(): Promise<{ dir: string; bytes: Uint8Array; read?: Awaited<ReturnType<typeof readLetterBytes>> }> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'corresp-closed-'));
    const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, '../../examples/response-2017-08-16.md')));
    const cache = new AnalysisCache(dir, { build: 'b' });
    const read = await cache.readLetter('response.md', bytes);
    await cache.flush();
    return { dir, bytes, read };
  }

  it('a response read afresh (a cold start) and closed lets its blocks go, and gives the same ones back', async () => {
    const fresh = await readAfresh();
    const { dir, bytes } = fresh;
    try {
      let read: Awaited<ReturnType<typeof readLetterBytes>> | undefined = fresh.read!;
      delete fresh.read;
      const expected = structuredClone((await readLetterBytes('response.md', bytes)).blocks);
      const weak = new WeakRef(read.blocks);
      const held = closedLetter(read);
      read = undefined;
      // A WeakRef's target is kept to the end of the job that made it.
      await new Promise((r) => setTimeout(r, 0));
      gc();
      expect(weak.deref(), 'the blocks read are collected').toBeUndefined();
      expect(letterFactsOf(held), 'what its checks read is kept').toBeDefined();
      expect(held.blocks).toStrictEqual(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('blocks read again once are not kept (a cold start’s first check of each draft); blocks read again twice are', async () => {
    const fresh = await readAfresh();
    const { dir } = fresh;
    try {
      let read: Awaited<ReturnType<typeof readLetterBytes>> | undefined = fresh.read!;
      delete fresh.read;
      const held = closedLetter(read);
      // Asked for while the reading that made them holds them (as the scan's reading): not kept.
      const first = new WeakRef(held.blocks);
      read = undefined;
      await new Promise((r) => setTimeout(r, 0));
      gc();
      expect(first.deref(), 'blocks asked for while still held are not kept').toBeUndefined();
      // Read again once (a cold start's first check of the draft): not kept either.
      const once = new WeakRef(held.blocks);
      await new Promise((r) => setTimeout(r, 0));
      gc();
      expect(once.deref(), 'blocks read again once are not kept').toBeUndefined();
      // Read again twice (asked for check after check): kept, and the next ask finds them after a collection.
      const twice = new WeakRef(held.blocks);
      await new Promise((r) => setTimeout(r, 0));
      gc();
      expect(twice.deref(), 'blocks read again twice are kept').toBeDefined();
      expect(held.blocks).toBe(twice.deref());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the heap given back after a cold start', () => {
  /** Old-space pages V8 keeps beyond what is in use after a full collection (MB): what RSS holds for nothing. */
  function keptForNothingMB(collect: () => void): number {
    // What a cold start does: what is kept (a letter's summary) is allocated among much more that is let go.
    const kept: object[] = [];
    const garbage: object[] = [];
    for (let i = 0; i < 1_500_000; i++) {
      const o = { n: i, text: `letter ${i}` };
      if (i % 10 === 0) kept.push(o);
      else garbage.push(o);
    }
    garbage.length = 0;
    collect();
    const old = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'old_space')!;
    expect(kept.length).toBe(150_000);
    return (old.space_size - old.space_used_size) / 1048576;
  }

  it('the idle collection compacts the heap: survivors scattered over its pages do not keep them all', () => {
    // A plain full collection, twice (as the collector runs it), and the server's idle one.
    const plain = () => {
      gc();
      gc();
    };
    const collector = fullCollector()!;
    expect(collector.compacts).toBe(true);
    const scattered = keptForNothingMB(plain);
    plain();
    const compacted = keptForNothingMB(collector);
    // Measured: 70-78 MB of old space kept for nothing without compaction, under 1 MB with it.
    expect(compacted).toBeLessThan(scattered / 4);
    expect(compacted).toBeLessThan(10);
  });
});
