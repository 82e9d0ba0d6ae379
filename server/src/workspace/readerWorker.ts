/**
 * The worker thread that reads letters (bundled as dist/reader-worker.mjs): the Markdown, text, HTML and Word
 * readers of `readLetterBytes` and the letter's summary (`summaryOf`: staff letter or response, and the staff
 * letter's structure), off the main thread, so that a cold start parses on every core. One message in
 * (`{ id, path, bytes, options, key }`), one out (`{ id, payload }`): the payload is the serialised
 * `{ key, file, summary }` (`entryPayload`), byte for byte what the analysis cache stores, so the main thread deserialises it once and
 * writes the same bytes as the cache entry. PDFs are not read here (they have their own worker and budgets).
 * Holds nothing between messages.
 */
import { parentPort } from 'node:worker_threads';
import { readLetterBytes, type ReadOptions } from '../letters/read';
import { entryPayload, summaryOf } from './analysisCache';

export interface ReaderJob {
  readonly id: number;
  readonly path: string;
  readonly bytes: Uint8Array;
  readonly options: ReadOptions;
  /** The cache key the payload carries (empty without a cache). */
  readonly key: string;
}

export interface ReaderAnswer {
  readonly id: number;
  readonly payload?: Uint8Array;
  /** The reader threw (a defect): the main thread reads the file itself and meets the same error there. */
  readonly error?: string;
}

parentPort?.on('message', (job: ReaderJob) => {
  void readLetterBytes(job.path, job.bytes, undefined, job.options).then(
    (read) => {
      const payload = entryPayload(job.key, read, summaryOf(read), job.bytes);
      // Transferred, not copied; a small Buffer may sit in Node's shared pool, which must not be handed over.
      const whole = payload.byteOffset === 0 && payload.byteLength === payload.buffer.byteLength;
      const bytes = whole ? new Uint8Array(payload.buffer) : new Uint8Array(payload);
      parentPort!.postMessage({ id: job.id, payload: bytes } satisfies ReaderAnswer, [bytes.buffer]);
    },
    (e: unknown) => parentPort!.postMessage({ id: job.id, error: (e as Error)?.message ?? String(e) } satisfies ReaderAnswer),
  );
});
