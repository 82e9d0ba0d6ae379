/**
 * Reading letters in worker threads (dist/reader-worker.mjs, built by `npm test`) makes reading faster, never
 * different: real letters of every kind the workers take give the same `LetterFile` and summary as this thread's
 * reading; the pool is bounded, falls back to this thread when its bundle is missing or it is closed, and
 * `corresp check` says the same with workers and without.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as v8 from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { readLetterBytes } from '../../../server/src/letters/read';
import {
  AnalysisCache,
  currentAnalysisCache,
  currentReaderPool,
  readingInBulk,
  readLetterThrough,
  summaryOf,
  useAnalysisCache,
  useReaderPool,
} from '../../../server/src/workspace/analysisCache';
import { unpackBlocks } from '../../../server/src/workspace/packedBlocks';
import { ReaderPool, readerPoolFor } from '../../../server/src/workspace/readerPool';
import { FIXTURES } from '../../helpers';

const WORKER = pathToFileURL(path.resolve(__dirname, '..', '..', '..', 'dist', 'reader-worker.mjs'));

/** Real letters the workers read: Corresp Markdown (staff letter and draft), pdftotext text, EDGAR HTML, Word. */
const REAL = [
  'docx/staff-letter-2017-08-16.md',
  'docx/word-draft.docx',
  'real/a-0000000000-16-092800/staff.txt',
  'real/a-0000000000-16-092800/response.htm',
  'real/abbv-0000000000-22-010309/response.htm',
  'threads/bkr_0000000000-17-014455/01-staff.txt',
  'threads/bkr_0000000000-17-014455/02-response.htm',
];

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

describe('letters read in worker threads', () => {
  it('read the same as on this thread, for every kind the workers take', async () => {
    const pool = new ReaderPool(WORKER, 2);
    try {
      const results = await Promise.all(
        REAL.map(async (rel) => {
          const file = path.join(FIXTURES, rel);
          const bytes = new Uint8Array(readFileSync(file));
          const payload = await pool.read(file, bytes, {}, 'key');
          expect(payload, rel).toBeDefined();
          const stored = v8.deserialize(payload!) as { key: string; file: { blocks: unknown; text?: string; textFromBytes?: true }; summary: object };
          // Byte for byte the cache entry: its blocks packed (`packedBlocks.ts`), a staff letter's serialised apart, and
          // no text when the text is the file's bytes decoded (the file has it); a Word letter's (mammoth's HTML) kept.
          if (rel.endsWith('.docx')) expect(stored.file.text, rel).toBeDefined();
          else expect([stored.file.text, stored.file.textFromBytes], rel).toEqual([undefined, true]);
          const { textFromBytes: _fromBytes, ...kept } = stored.file;
          const text = kept.text ?? new TextDecoder('utf-8').decode(bytes);
          const blocks = kept.blocks instanceof Uint8Array ? v8.deserialize(kept.blocks) : kept.blocks;
          const entry = { ...stored, file: { ...kept, text, blocks: unpackBlocks(blocks, text) } };
          const here = await readLetterBytes(file, bytes);
          const { path: _path, ...expected } = here;
          return { rel, entry, expected, summary: summaryOf(here) };
        }),
      );
      for (const r of results) {
        expect(r.entry.key, r.rel).toBe('key');
        expect(r.entry.file, r.rel).toEqual(r.expected);
        expect(r.entry.summary, r.rel).toEqual(r.summary);
      }
      expect(pool.stats.inWorkers).toBe(REAL.length);
      // Bounded: never more workers than its size, however many reads were asked at once.
      expect(pool.stats.started).toBeLessThanOrEqual(2);
    } finally {
      await pool.close();
    }
  });

  it('fall back to this thread when the worker bundle is missing, and after the pool is closed', async () => {
    const file = path.join(FIXTURES, REAL[0]!);
    const bytes = new Uint8Array(readFileSync(file));
    const missing = new ReaderPool(pathToFileURL(path.join(os.tmpdir(), 'no-such-reader-worker.mjs')), 2);
    expect(await missing.read(file, bytes, {}, '')).toBeUndefined();
    expect(readerPoolFor({}, undefined)).toBeUndefined();
    const pool = new ReaderPool(WORKER, 1);
    await pool.close();
    expect(await pool.read(file, bytes, {}, '')).toBeUndefined();
  });

  it('answer a read whose worker dies under it with undefined (read on this thread), and start another for the next', async () => {
    const file = path.join(FIXTURES, REAL[0]!);
    const bytes = new Uint8Array(readFileSync(file));
    const pool = new ReaderPool(WORKER, 1);
    try {
      const reading = pool.read(file, bytes, {}, '');
      // The worker exits (a crash, an out-of-memory kill) while it holds the job.
      const slots = (pool as unknown as { slots: { worker: { terminate(): Promise<number> } }[] }).slots;
      expect(slots.length).toBe(1);
      await slots[0]!.worker.terminate();
      expect(await reading).toBeUndefined();
      expect(pool.stats.fellBack).toBe(1);
      expect(await pool.read(file, bytes, {}, '')).toBeDefined();
      expect(pool.stats.started).toBe(2);
    } finally {
      await pool.close();
    }
  });

  it('are sized by the machine unless CORRESP_READERS says otherwise', async () => {
    expect(readerPoolFor({ CORRESP_READERS: '0' }, WORKER)).toBeUndefined();
    expect(readerPoolFor({ CORRESP_READERS: '3' }, WORKER)?.size).toBe(3);
    const cores = os.availableParallelism();
    expect(readerPoolFor({}, WORKER)?.size).toBe(cores >= 2 ? Math.min(4, cores) : undefined);
  });

  it('are used by the read path for reads in bulk, through the cache, whose entries then read back the same', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'corresp-pool-test-'));
    made.push(dir);
    const pool = new ReaderPool(WORKER, 2);
    const cache = new AnalysisCache(dir, { build: 'pool-test' });
    const before = { cache: currentAnalysisCache(), pool: currentReaderPool() };
    useAnalysisCache(cache);
    useReaderPool(pool);
    try {
      const files = REAL.map((rel) => path.join(FIXTURES, rel));
      // A lone read stays on this thread (no worker started for one file).
      await readLetterThrough(files[0]!, new Uint8Array(readFileSync(files[0]!)));
      expect(pool.stats.started).toBe(0);
      await cache.flush();
      rmSync(path.join(dir, 'analysis'), { recursive: true, force: true });
      const read = await readingInBulk(() => Promise.all(files.map((f) => readLetterThrough(f, new Uint8Array(readFileSync(f))))));
      expect(pool.stats.inWorkers).toBe(REAL.length);
      await cache.flush();
      expect(cache.stats.writes).toBe(REAL.length + 1);
      useReaderPool(undefined);
      const again = await Promise.all(files.map((f) => readLetterThrough(f, new Uint8Array(readFileSync(f)))));
      expect(cache.stats.hits).toBe(REAL.length);
      for (const [i, f] of files.entries()) {
        expect(again[i], f).toEqual(read[i]);
        expect(summaryOf(again[i]!), f).toEqual(summaryOf(read[i]!));
      }
    } finally {
      useReaderPool(before.pool);
      useAnalysisCache(before.cache);
      await pool.close();
    }
  });

  it('stop once the bulk reads are over, not a while after (their heaps are not held through a start’s first checks)', async () => {
    const pool = new ReaderPool(WORKER, 2);
    const before = { cache: currentAnalysisCache(), pool: currentReaderPool() };
    useAnalysisCache(undefined);
    useReaderPool(pool);
    try {
      const files = REAL.slice(0, 4).map((rel) => path.join(FIXTURES, rel));
      const readAll = () => readingInBulk(() => Promise.all(files.map((f) => readLetterThrough(f, new Uint8Array(readFileSync(f))))));
      await readAll();
      expect(pool.stats.started).toBe(2);
      // Idle workers wait two seconds for more work while a bulk read is under way; once it is over, a tenth of one.
      await new Promise((r) => setTimeout(r, 600));
      expect(pool.running, 'workers still running 0.6 s after the bulk reads ended').toBe(false);
      // A later bulk read starts them again, and reads the same.
      const again = await readAll();
      expect(pool.stats.started).toBe(4);
      expect(again.map((f) => f.blocks.length)).toEqual(
        (await Promise.all(files.map((f) => readLetterBytes(f, new Uint8Array(readFileSync(f)))))).map((f) => f.blocks.length),
      );
    } finally {
      useReaderPool(before.pool);
      useAnalysisCache(before.cache);
      await pool.close();
    }
  });

  it('leave `corresp check` saying the same, byte for byte (the bundle, on real threads)', () => {
    const cli = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.mjs');
    const check = (readers: string) =>
      spawnSync(process.execPath, [cli, 'check', path.join(FIXTURES, 'parity'), '--format', 'json', '--today', '2026-12-02'], {
        encoding: 'utf8',
        env: { ...process.env, CORRESP_CACHE: 'off', CORRESP_READERS: readers },
      });
    const here = check('0');
    const workers = check('2');
    expect((JSON.parse(here.stdout) as unknown[]).length).toBeGreaterThan(1);
    expect(workers.stdout).toBe(here.stdout);
    expect(workers.status).toBe(here.status);
  });
});
