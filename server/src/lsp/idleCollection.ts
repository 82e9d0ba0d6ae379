/**
 * Memory given back once the server goes idle after a burst of work. A cold start of a large workspace leaves the
 * server's heap full of what reading every letter made and let go (worker answers decoded, drafts read against their
 * staff letters, cache entries written): on 500 threads 241 MB of heap for 88 MB still in use, and V8 collected none
 * of it while the server sat idle (RSS 389-423 MB half a minute after its last publish, where a full collection
 * brings it to 239-267 MB). So, every couple of seconds, the server looks at its own thread: once it has been idle
 * for two looks in a row (the event loop busy under 5% of the time) and its heap holds much more than after the last
 * collection, it runs one full collection. A writer who pauses for four seconds may wait for it (about 0.1-0.2 s on
 * a 500-thread workspace) once; typing, checks and background work keep the loop busy and put it off.
 *
 * The collector is V8's own (`gc`): exposed at launch (`--expose-gc`: the extension starts the server so), or, in
 * Node itself, exposed for a new context by setting the flag at run time, which Node allows. Other embedders may
 * have frozen V8's flags, and there setting one is a fatal error, not an exception: the flag is never set in them,
 * and without `--expose-gc` there is no collector and nothing is done.
 *
 * The collection compacts the heap (`fullCollector`): after a cold start, the objects the server keeps (the letters'
 * summaries, read one by one among a great deal of garbage) lie scattered over its heap's pages, and a collection that
 * does not move them gives back only the pages left wholly empty: on 500 threads, 123-154 MB of heap kept for 81 MB in
 * use. Compacted, 85-115 MB.
 *
 * Must not: run while the server works, or run again before the heap has grown again.
 */
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import * as v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface IdleCollectionOptions {
  /** How often the server looks (ms). */
  readonly everyMs?: number;
  /** How many looks in a row must find it idle. */
  readonly idleLooks?: number;
  /** The share of a look's time the event loop may be busy and still count as idle. */
  readonly maxBusy?: number;
  /** How much the heap must hold above what the last collection left (bytes). */
  readonly growth?: number;
}

const DEFAULTS: Required<IdleCollectionOptions> = { everyMs: 2_000, idleLooks: 2, maxBusy: 0.05, growth: 48 * 1024 * 1024 };

export interface IdleCollectionStats {
  /** Collections run. */
  collections: number;
  /** Heap bytes in use after the last one. */
  heapAfter: number;
}

/** One collection: heap bytes in use before and after, and how long it took (ms). */
export interface Collected {
  readonly before: number;
  readonly after: number;
  readonly ms: number;
}

export class IdleCollection {
  private readonly o: Required<IdleCollectionOptions>;
  private last: EventLoopUtilization;
  private idleLooks = 0;
  private timer: NodeJS.Timeout | undefined;
  readonly stats: IdleCollectionStats;

  constructor(
    /** Runs a full collection (`fullCollector()`); none: nothing is done. */
    private readonly collect: (() => void) | undefined,
    options: IdleCollectionOptions = {},
    /** Heap bytes in use now. */
    private readonly heapUsed: () => number = () => v8.getHeapStatistics().used_heap_size,
    /** The event loop's utilisation since the process started (`performance.eventLoopUtilization`). */
    private readonly utilisation: (since?: EventLoopUtilization) => EventLoopUtilization = (since) => performance.eventLoopUtilization(since),
    /** Hears of each collection (the server logs it). */
    private readonly onCollected?: (c: Collected) => void,
  ) {
    this.o = { ...DEFAULTS, ...options };
    this.last = this.utilisation();
    this.stats = { collections: 0, heapAfter: this.heapUsed() };
  }

  /** Looks every `everyMs` from now on (the timer never keeps the process alive). */
  start(): void {
    if (!this.collect || this.timer) return;
    this.timer = setInterval(() => this.look(), this.o.everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One look (the timer's; tests call it): whether it collected. */
  look(): boolean {
    const now = this.utilisation();
    const busy = this.utilisation(this.last).utilization;
    this.last = now;
    this.idleLooks = busy <= this.o.maxBusy ? this.idleLooks + 1 : 0;
    if (!this.collect || this.idleLooks < this.o.idleLooks) return false;
    const before = this.heapUsed();
    if (before - this.stats.heapAfter < this.o.growth) return false;
    const t0 = performance.now();
    this.collect();
    const ms = performance.now() - t0;
    this.stats.collections++;
    this.stats.heapAfter = this.heapUsed();
    this.onCollected?.({ before, after: this.stats.heapAfter, ms });
    // What the collection itself took is not the writer's work: the next looks start afresh.
    this.last = this.utilisation();
    this.idleLooks = 0;
    return true;
  }
}

/** V8's flag that makes a full collection compact the whole heap. */
export const COMPACT_FLAG = '--compact-on-every-full-gc';

/** The collector, and whether its collections compact the heap. */
export type FullCollector = (() => void) & { readonly compacts: boolean };

/**
 * V8's full collection for this process (`gc`), compacting the heap where it can; undefined where `gc` is not exposed.
 * It compacts when the process was launched with `COMPACT_FLAG` (then all its full collections compact: the extension
 * no longer launches it so, as one that came while typing cost the keystroke 30-40 ms more; BENCHMARKS.md, stop 28)
 * or, in Node itself, by setting the flag for its own two collections and clearing it after (V8's collections while
 * the server works are left as they are). In an embedder that may have frozen V8's flags (Electron, NW.js) no flag is
 * ever set: there, setting one is a fatal error, not an exception. `versions`, `execArgv`, `setFlags`: the process's
 * (tests give others).
 */
export function fullCollector(
  versions: NodeJS.ProcessVersions = process.versions,
  execArgv: readonly string[] = process.execArgv,
  setFlags: (flags: string) => void = (flags) => v8.setFlagsFromString(flags),
): FullCollector | undefined {
  const embedder = 'electron' in versions || 'nw' in versions;
  let gc: unknown = (globalThis as { gc?: unknown }).gc;
  if (typeof gc !== 'function') {
    // Electron (VS Code's runtime, which starts the server with --expose-gc) and NW.js may freeze V8's flags.
    if (embedder) return undefined;
    try {
      // The flag makes V8 give a new context its `gc`; this process's own contexts are left as they are.
      setFlags('--expose-gc');
      gc = runInNewContext('gc');
    } catch {
      return undefined;
    }
  }
  if (typeof gc !== 'function') return undefined;
  const collect = gc as () => void;
  // Twice: the second gives back the pages the first's sweeping emptied (once, a 500-thread server's heap kept
  // 223 MB of pages for 88 MB in use; twice, 133 MB).
  const twice = () => {
    collect();
    collect();
  };
  if (execArgv.includes(COMPACT_FLAG)) return Object.assign(twice, { compacts: true });
  if (embedder) return Object.assign(twice, { compacts: false });
  // A full collection that does not move objects gives back only the pages left wholly empty; after a cold start the
  // objects kept (letters' summaries, read one by one among much more that was let go) lie scattered over most pages.
  // V8's flags are the process's: a reader worker collecting in the same instant compacts too (harmless, and rare: the
  // collection runs only when the server is idle, and the workers stop as soon as the reading ends).
  const compacting = () => {
    try {
      setFlags(COMPACT_FLAG);
    } catch {
      // Refused: the collections below do not compact.
    }
    try {
      twice();
    } finally {
      try {
        setFlags(`--no-${COMPACT_FLAG.slice(2)}`);
      } catch {
        // As above.
      }
    }
  };
  return Object.assign(compacting, { compacts: true });
}
