/**
 * Worker threads that read letters during a cold start (`readerWorker.ts`, bundled as dist/reader-worker.mjs beside
 * the server and the CLI): the Markdown, text, HTML and Word readers run on every core the machine has while the
 * main thread reads files and answers the editor. Bounded (at most `size` workers, one job each at a time, the rest
 * queued), used only when reads come in bulk (a scan: several in flight, or a worker already running), stopped when
 * idle, and cancellable (`close` ends the workers; their jobs fall back to this thread, so nothing is lost). A worker
 * that cannot start, dies or throws makes its file be read here instead: the pool can make reading faster, never
 * different (a test compares its readings with this thread's).
 *
 * What it must not do: read PDFs (they have their own worker with time and heap budgets), hold letters, or keep the
 * process alive.
 */
import { existsSync } from 'node:fs';
import * as os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { sourceKindOf, type ReadOptions, type SourceKind } from '../letters/read';
import type { ReaderAnswer, ReaderJob } from './readerWorker';

/** An idle worker is stopped after this long (each holds its own heap and the readers' code). */
const IDLE_MS = 2_000;
/**
 * Once no bulk read is under way, an idle worker is stopped after this long: its heap (100-110 MB after a 500-thread
 * scan) was held through the start's first checks, the server's RSS at its last publish counting two of them.
 */
const IDLE_AFTER_BULK_MS = 100;
/** At most this many workers, whatever the machine (reading is also bounded by the disk and the main thread). */
const MAX_WORKERS = 4;

/** The kinds a worker reads (PDFs have their own worker). */
const POOLED: ReadonlySet<SourceKind> = new Set(['markdown', 'text', 'html', 'docx']);

interface Job {
  readonly job: ReaderJob;
  readonly resolve: (payload: Uint8Array | undefined) => void;
}

interface Slot {
  readonly worker: Worker;
  busy?: Job | undefined;
  idle?: NodeJS.Timeout | undefined;
}

export interface ReaderPoolStats {
  /** Files read in a worker. */
  inWorkers: number;
  /** Files a worker could not read (fell back to the main thread). */
  fellBack: number;
  /** Workers started. */
  started: number;
}

export class ReaderPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private idleMs = IDLE_MS;
  private closed = false;
  private broken = false;
  readonly stats: ReaderPoolStats = { inWorkers: 0, fellBack: 0, started: 0 };

  constructor(
    /** The worker bundle. */
    private readonly url: URL,
    /** At most this many workers. */
    readonly size: number,
  ) {}

  /** Whether a file of this name is one the workers read. */
  static reads(file: string): boolean {
    const kind = sourceKindOf(file);
    return kind !== undefined && POOLED.has(kind);
  }

  /** Whether a worker is running now (a read then costs no worker start). */
  get running(): boolean {
    return this.slots.length > 0;
  }

  /**
   * Reads a letter in a worker: the `v8.serialize`d `{ key, file, summary }`, or undefined when no worker could read
   * it (closed, not built, crashed): the caller reads it itself.
   */
  read(file: string, bytes: Uint8Array, options: ReadOptions, key: string): Promise<Uint8Array | undefined> {
    if (this.closed || this.broken) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      // The bytes are copied to the worker (the caller keeps its own: the cache hashes them, the index compares them).
      this.queue.push({ job: { id: this.nextId++, path: file, bytes, options: { ...options }, key }, resolve });
      this.pump();
    });
  }

  /**
   * The bulk reads are over (the scan is done): workers idle now are stopped soon rather than after `IDLE_MS`, and
   * busy ones once their job is done and nothing more is queued.
   */
  bulkEnded(): void {
    this.idleMs = IDLE_AFTER_BULK_MS;
    for (const slot of this.slots) if (!slot.busy) this.idleLater(slot);
  }

  /** Stops every worker; queued and running jobs answer undefined (read on the main thread). */
  async close(): Promise<void> {
    this.closed = true;
    for (const q of this.queue.splice(0)) q.resolve(undefined);
    await Promise.all(this.slots.splice(0).map((s) => this.stop(s)));
  }

  private pump(): void {
    // Reads again: idle workers wait the usual time for the next.
    if (this.queue.length > 0) this.idleMs = IDLE_MS;
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.busy);
      if (!slot && this.slots.length < this.size) slot = this.start();
      if (!slot) return;
      const next = this.queue.shift()!;
      clearTimeout(slot.idle);
      slot.busy = next;
      slot.worker.postMessage(next.job);
    }
  }

  private start(): Slot | undefined {
    let worker: Worker;
    try {
      worker = new Worker(this.url);
    } catch {
      this.giveUp();
      return undefined;
    }
    worker.unref(); // never keeps the command running
    this.stats.started++;
    const slot: Slot = { worker };
    worker.on('message', (answer: ReaderAnswer) => {
      const job = slot.busy;
      if (!job || job.job.id !== answer.id) return;
      slot.busy = undefined;
      if (answer.payload) this.stats.inWorkers++;
      else this.stats.fellBack++;
      job.resolve(answer.payload);
      this.idleLater(slot);
      this.pump();
    });
    const lost = (e?: Error & { code?: string }) => {
      const i = this.slots.indexOf(slot);
      if (i < 0) return;
      this.slots.splice(i, 1);
      if (slot.busy) {
        this.stats.fellBack++;
        slot.busy.resolve(undefined);
        slot.busy = undefined;
      }
      // A bundle that is not there (a test run from sources) or cannot load: no workers from now on.
      if (e && (e.code === 'ERR_MODULE_NOT_FOUND' || /Cannot find module/.test(e.message))) this.giveUp();
      this.pump();
    };
    worker.on('error', lost);
    worker.on('exit', () => lost());
    this.slots.push(slot);
    return slot;
  }

  private giveUp(): void {
    this.broken = true;
    for (const q of this.queue.splice(0)) {
      this.stats.fellBack++;
      q.resolve(undefined);
    }
  }

  private idleLater(slot: Slot): void {
    clearTimeout(slot.idle);
    slot.idle = setTimeout(() => {
      if (slot.busy) return;
      const i = this.slots.indexOf(slot);
      if (i >= 0) this.slots.splice(i, 1);
      void this.stop(slot);
    }, this.idleMs);
    slot.idle.unref();
  }

  private async stop(slot: Slot): Promise<void> {
    clearTimeout(slot.idle);
    if (slot.busy) {
      this.stats.fellBack++;
      slot.busy.resolve(undefined);
      slot.busy = undefined;
    }
    await slot.worker.terminate().catch(() => undefined);
  }
}

/** reader-worker.mjs beside this module: dist/ for the bundles (esbuild.mjs builds it); absent when run from sources. */
export function readerWorkerUrl(): URL | undefined {
  try {
    const url = new URL('./reader-worker.mjs', import.meta.url);
    return existsSync(fileURLToPath(url)) ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The pool a process reads letters with, or none: as many workers as the machine has cores (at most four), none on
 * a single core; `CORRESP_READERS=N` sets the number (0: read every letter on the main thread).
 */
export function readerPoolFor(env: NodeJS.ProcessEnv = process.env, url: URL | undefined = readerWorkerUrl()): ReaderPool | undefined {
  if (!url) return undefined;
  const asked = env.CORRESP_READERS === undefined || env.CORRESP_READERS === '' ? undefined : Number(env.CORRESP_READERS);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const size = asked !== undefined && Number.isInteger(asked) && asked >= 0 ? Math.min(asked, 16) : cores >= 2 ? Math.min(MAX_WORKERS, cores) : 0;
  return size > 0 ? new ReaderPool(url, size) : undefined;
}
