/**
 * The analysis cache: what reading a letter file produced (its `LetterFile`: the text a PDF or Word file yields,
 * the blocks, front matter, notes and findings), kept on disk by the SHA-256 of the file's bytes, how it was read
 * (the source kind, Word's tracked-changes view) and the build of Corresp that read it. A file read again with the
 * same content by the same build is not parsed again: pdf.js, remark, mammoth and rehype run once per content.
 *
 * Where: the CLI's cache folder (`cacheDirOf`: --cache, $CORRESP_CACHE_DIR, $XDG_CACHE_HOME/corresp, ~/.cache/corresp;
 * the precedent library shares it) and, for the language server, the folder the extension gives it (its global
 * storage). Inside it: `analysis/<build>/<2 hex>/<sha256>-<how>.bin`, each entry a magic, the SHA-1 of its payload
 * and the payload (`v8.serialize` of { key, file, summary }, the blocks packed: `packedBlocks.ts`; a letter whose text
 * is its bytes decoded, as a Markdown or text letter's is, keeps no text: it is decoded from the file again, whose bytes
 * the key names; Dates in front matter, undefined and -0 survive as they were). The summary is what the index holds of every letter whether open or not: staff letter or response, and a
 * staff letter's `StaffLetter` (`summaryOf`), so a warm start reads neither Markdown nor the letter's structure.
 * Beside them, `<sha256 of the key>-reading.bin`: a draft's reading against its staff letter (`draftReading`), keyed
 * by both files' content keys and the team's extra placeholders, so a warm start does not read every draft again.
 *
 * What it must not do: change a result. A changed file has another hash; another build another folder; an entry
 * that is truncated, corrupt, from another key or of the wrong shape is deleted and the file read again; a reading
 * that failed (a PDF over its time budget on a busy machine) is never stored. It never throws: a cache folder that
 * cannot be written is a cache that does not remember. It is bounded: `prune()` removes the least recently used
 * entries (by mtime, which a hit refreshes) beyond `maxBytes`, oldest builds first.
 */
import { createHash } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import type { ResponseDraft, StaffComment, StaffLetter } from '../letters/model';
import type { CommentCoverage, Coverage } from '../letters/coverage';
import { blocksFromText, letterKindOf, readLetterBytes, sourceKindOf, staffLetterOf, type LetterFile, type ReadOptions } from '../letters/read';
import { keepLetterFacts, letterFactsFromBlocks, letterFactsOf, type LetterFacts } from '../letters/letterFacts';
import { ReaderPool } from './readerPool';
import { packBlocks, unpackBlocks } from './packedBlocks';
import { readInto, withOpenFile } from './openFile';

declare const CORRESP_BUILD: string;
declare const CORRESP_VERSION: string;

/** Bumped by hand when the entry format changes; the build id changes with any source change of the readers. */
const FORMAT = 5;
/** A hit refreshes an entry's mtime (for pruning) when it is older than this. */
const TOUCH_AFTER_MS = 24 * 60 * 60 * 1000;
const MAGIC = Buffer.from('CRA1');
const HEADER = MAGIC.length + 20;
/** Entries serialised and written at once. */
const WRITERS = 2;
/** Default bound on the cache's size on disk. */
export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;

/**
 * The user's cache folder for Corresp: `option` (--cache), else $CORRESP_CACHE_DIR, else $XDG_CACHE_HOME/corresp,
 * else the platform's own (~/Library/Caches/corresp on macOS, %LOCALAPPDATA%\corresp\Cache on Windows,
 * ~/.cache/corresp elsewhere).
 */
export function cacheDirOf(option: string | undefined, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (option) return path.resolve(option);
  if (env.CORRESP_CACHE_DIR) return path.resolve(env.CORRESP_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return path.join(path.resolve(env.XDG_CACHE_HOME), 'corresp');
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'corresp');
  if (platform === 'win32' && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, 'corresp', 'Cache');
  return path.join(os.homedir(), '.cache', 'corresp');
}

/** The build that reads letters: the bundle's source hash (esbuild defines it), else the version, else "dev". */
export function correspBuild(): string {
  if (typeof CORRESP_BUILD === 'string') return CORRESP_BUILD;
  return typeof CORRESP_VERSION === 'string' ? `v${CORRESP_VERSION}` : 'dev';
}

export interface AnalysisCacheOptions {
  /** The build whose readings are kept (default: this one). Tests pass their own. */
  readonly build?: string;
  readonly maxBytes?: number;
}

export interface CacheInfo {
  readonly dir: string;
  readonly entries: number;
  readonly bytes: number;
  /** Entries of this build (the rest are from other versions of Corresp, removed first when pruning). */
  readonly current: number;
  readonly builds: readonly string[];
}

export interface CacheStats {
  hits: number;
  misses: number;
  /** Entries found unreadable (truncated, corrupt, wrong key) and read again. */
  bad: number;
  writes: number;
  /** Drafts' readings against their staff letters taken from the cache, and read afresh (`draftReading`). */
  readingHits: number;
  readingMisses: number;
  /** Drafts' readings written. */
  readingWrites: number;
  /** Drafts' coverages of their staff letters taken from the cache with their readings. */
  coverageHits: number;
}

interface Entry {
  readonly key: string;
  readonly file: Omit<LetterFile, 'path'>;
  readonly summary: LetterSummary;
}

/**
 * What the index and the CLI ask of every letter they hold, kept beside its reading: staff letter or response, and
 * for a staff letter the `StaffLetter` itself (pure functions of the file, so as safe to keep as the file).
 */
export interface LetterSummary {
  readonly kind: 'staff-letter' | 'response';
  readonly letter?: StaffLetter;
  /**
   * A response's blanks, citation problems and acknowledgment at source offsets (`letters/letterFacts.ts`): what its
   * checks read, so that a warm start decodes none of its blocks and scans none of them for citations.
   */
  readonly facts?: LetterFacts;
}

/** The summary of each letter read through a cache (by identity): asked for again, it is not computed again. */
const summaries = new WeakMap<LetterFile, LetterSummary>();
/** Where each letter read through a cache is kept, and its key: its blocks can be read back from there. */
const entries = new WeakMap<LetterFile, { readonly path: string; readonly key: string }>();

/**
 * How to read a letter's blocks back from its cache entry, synchronously (for a closed letter whose blocks were let
 * go: `closedLetters.ts`): a function holding only the entry's path and key (never the letter), given the letter's
 * text, which gives undefined when the entry is gone or bad; undefined when the letter did not come through a cache.
 */
export function cachedBlocksOf(file: LetterFile): ((text: string) => LetterFile['blocks'] | undefined) | undefined {
  const at = entries.get(file);
  if (!at) return undefined;
  const { path: entryPath, key } = at;
  // The letter's text is given back by the caller, which holds it (an entry may keep no text: `entryPayload`).
  return (text) => {
    try {
      const entry = decodeEntry(readFileSync(entryPath), 'now', () => text);
      if (!entry || entry.key !== key || !isLetterFile(entry.file)) return undefined;
      return entry.file.blocks;
    } catch {
      return undefined;
    }
  };
}

function summarise(file: LetterFile): LetterSummary {
  const kind = letterKindOf(file);
  return kind === 'staff-letter' ? { kind, letter: staffLetterOf(file) } : { kind, facts: letterFactsFromBlocks(file.blocks, file.kind === 'markdown') };
}

/** A letter file's kind and staff letter: from the cache when the file came from it, else computed now. */
export function summaryOf(file: LetterFile): LetterSummary {
  let summary = summaries.get(file);
  if (!summary) {
    summary = summarise(file);
    summaries.set(file, summary);
  }
  return summary;
}

/** `to` stands for `from` (the same reading, its blocks held otherwise): its summary and entry go with it. */
export function sameReading(from: LetterFile, to: LetterFile): void {
  const summary = summaries.get(from);
  if (summary) summaries.set(to, summary);
  const facts = letterFactsOf(from);
  if (facts) keepLetterFacts(to, facts);
  const at = entries.get(from);
  if (at) entries.set(to, at);
}

export class AnalysisCache {
  readonly root: string;
  readonly build: string;
  readonly maxBytes: number;
  readonly stats: CacheStats = { hits: 0, misses: 0, bad: 0, writes: 0, readingHits: 0, readingMisses: 0, readingWrites: 0, coverageHits: 0 };
  private readonly writes = new Set<Promise<void>>();

  constructor(
    /** The cache folder (analysis entries go under `analysis/`). */
    readonly dir: string,
    options: AnalysisCacheOptions = {},
  ) {
    this.root = path.join(dir, 'analysis');
    this.build = sanitize(options.build ?? correspBuild());
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  }

  /**
   * Reads a letter from its bytes through the cache: the stored reading of this content when there is a good one,
   * else `readLetterBytes` (whose result is stored, unless it failed). `hash` is the SHA-256 (hex) of `bytes` when
   * the caller has it already.
   */
  async readLetter(file: string, bytes: Uint8Array, options: ReadOptions = {}, hash?: string): Promise<LetterFile> {
    const kind = sourceKindOf(file) ?? 'sniffed';
    const sha = hash ?? createHash('sha256').update(bytes).digest('hex');
    const how = `${kind}${options.changes === 'original' ? '.original' : ''}`;
    const key = `${FORMAT}/${this.build}/${sha}/${how}`;
    const entryPath = path.join(this.root, this.build, sha.slice(0, 2), `${sha}-${how}.bin`);
    const stored = await this.load(entryPath, key, bytes);
    if (stored) {
      this.stats.hits++;
      const { blocks, ...rest } = stored.file;
      const summary = stored.summary;
      const letter: LetterFile =
        (blocks as unknown) instanceof Uint8Array ? withUnreadBlocks({ path: file, ...rest }, blocks as unknown as Uint8Array) : { path: file, ...stored.file };
      summaries.set(letter, summary);
      if (summary.facts) keepLetterFacts(letter, summary.facts);
      entries.set(letter, { path: entryPath, key });
      return letter;
    }
    this.stats.misses++;
    const fresh = await readFresh(file, bytes, options, key);
    if (!fresh.read.failure) {
      if (fresh.payload) this.queue.push({ what: 'letter', entryPath, key, payload: fresh.payload });
      else {
        const summary = summaryOf(fresh.read);
        // What its checks read, as a worker's reading keeps it: held as a summary, its blocks need not come back.
        if (summary.facts) keepLetterFacts(fresh.read, summary.facts);
        this.queue.push({ what: 'letter', entryPath, key, read: fresh.read, summary, bytes });
      }
      this.pump();
      entries.set(fresh.read, { path: entryPath, key });
    }
    return fresh.read;
  }

  /**
   * A draft's reading against its staff letter (`responseOf`, with a team's extra placeholders), and its coverage of
   * that letter, kept like a letter's: by the content keys of the two files (their bytes' hashes and how they were
   * read), the placeholders and the build, so a warm start neither reads every draft against its letter again nor
   * compares every answer with its comment again. Synchronous (the index reads drafts synchronously; an entry is a
   * few KB). Undefined when either file did not come through a cache (an open document: its text is the editor's), or
   * no good entry is stored; the caller then reads the draft and `storeDraftReading`s it. The coverage comes back
   * only when `letter` (the staff letter read from `staff`) is given and the entry holds one: its comments are then
   * `letter`'s own, its anchors the reading's.
   */
  draftReading(
    draft: LetterFile,
    staff: LetterFile | undefined,
    extra: readonly RegExp[],
    letter?: StaffLetter,
  ): { readonly draft: ResponseDraft; readonly coverage?: Coverage } | undefined {
    const at = this.readingEntry(draft, staff, extra);
    if (!at) return undefined;
    let raw: Buffer;
    try {
      raw = readFileSync(at.entryPath);
    } catch {
      this.stats.readingMisses++;
      return undefined;
    }
    const entry = decodeEntry(raw) as unknown as { key?: unknown; draft?: unknown; coverage?: unknown } | undefined;
    if (!entry || entry.key !== at.key || !isResponseDraft(entry.draft) || (entry.coverage !== undefined && !isStoredCoverage(entry.coverage))) {
      this.stats.bad++;
      this.stats.readingMisses++;
      void fs.rm(at.entryPath, { force: true }).catch(() => undefined);
      return undefined;
    }
    this.stats.readingHits++;
    const coverage = letter && entry.coverage ? restoredCoverage(entry.coverage, letter) : undefined;
    if (coverage) this.stats.coverageHits++;
    return { draft: entry.draft, ...(coverage ? { coverage } : {}) };
  }

  /**
   * Keeps a draft's reading (see `draftReading`), with its coverage of `letter` when given, written in the
   * background (over the entry kept without a coverage, when there was one).
   */
  storeDraftReading(
    draft: LetterFile,
    staff: LetterFile | undefined,
    extra: readonly RegExp[],
    reading: ResponseDraft,
    covered?: { readonly coverage: Coverage; readonly letter: StaffLetter },
  ): void {
    const at = this.readingEntry(draft, staff, extra);
    if (!at) return;
    const coverage = covered ? storedCoverage(covered.coverage, covered.letter) : undefined;
    if (covered && !coverage) return;
    this.queue.push({
      what: 'reading',
      entryPath: at.entryPath,
      key: at.key,
      payload: v8.serialize({ key: at.key, draft: reading, ...(coverage ? { coverage } : {}) }),
    });
    this.pump();
  }

  private readingEntry(draft: LetterFile, staff: LetterFile | undefined, extra: readonly RegExp[]): { entryPath: string; key: string } | undefined {
    const draftKey = entries.get(draft)?.key;
    const staffKey = staff ? entries.get(staff)?.key : 'none';
    if (!draftKey || !staffKey) return undefined;
    const key = `${FORMAT}/${this.build}/reading/${draftKey}|${staffKey}|${extra.map((r) => `${r.source}/${r.flags}`).join('\u0001')}`;
    const sha = createHash('sha256').update(key).digest('hex');
    return { entryPath: path.join(this.root, this.build, sha.slice(0, 2), `${sha}-reading.bin`), key };
  }

  /** Waits for the entries being written (the CLI calls it before it exits). */
  async flush(): Promise<void> {
    while (this.writes.size > 0 || this.queue.length > 0) {
      this.pump();
      await Promise.all([...this.writes]);
    }
  }

  private async load(entryPath: string, key: string, bytes: Uint8Array): Promise<Entry | undefined> {
    // Read synchronously (`openFile.ts`): an entry is a file of the user's own cache folder, read whole; a warm start
    // reads a thousand.
    const read = readEntry(entryPath);
    if (!read) return undefined;
    const { raw, mtimeMs } = read;
    const entry = decodeEntry(raw, 'later', () => textOfBytes(bytes));
    if (!entry || entry.key !== key || !isLetterFile(entry.file) || !isSummary(entry.summary)) {
      this.stats.bad++;
      await fs.rm(entryPath, { force: true }).catch(() => undefined);
      return undefined;
    }
    // A hit is a use: pruning removes the entries used least recently (to the day: a touch per hit would cost more).
    if (Date.now() - mtimeMs > TOUCH_AFTER_MS) {
      const now = new Date();
      void fs.utimes(entryPath, now, now).catch(() => undefined);
    }
    return entry;
  }

  /**
   * Entries to write. At most `WRITERS` are serialised and written at once, each when a slot frees (a cold start
   * reads a thousand letters: serialising them all at once would hold every payload in memory together). A letter
   * read in a worker comes with its entry's payload serialised already.
   */
  private readonly queue: PendingEntry[] = [];
  private writing = 0;

  private pump(): void {
    while (this.writing < WRITERS && this.queue.length > 0) {
      const next = this.queue.shift()!;
      this.writing++;
      const job = this.write(next).finally(() => {
        this.writing--;
        this.writes.delete(job);
        this.pump();
      });
      this.writes.add(job);
    }
  }

  private async write(pending: PendingEntry): Promise<void> {
    const { entryPath, key } = pending;
    try {
      let payload: Uint8Array;
      if ('payload' in pending) payload = pending.payload;
      else {
        payload = entryPayload(key, pending.read, pending.summary, pending.bytes);
      }
      const sum = createHash('sha1').update(payload).digest();
      await fs.mkdir(path.dirname(entryPath), { recursive: true });
      const tmp = `${entryPath}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      await fs.writeFile(tmp, Buffer.concat([MAGIC, sum, payload]));
      await fs.rename(tmp, entryPath);
      if (pending.what === 'letter') this.stats.writes++;
      else this.stats.readingWrites++;
    } catch {
      // A cache that cannot be written does not remember; the reading stands.
    }
  }

  /** Entries on disk: how many, how large, of which builds. */
  async info(): Promise<CacheInfo> {
    const all = await this.entries();
    return {
      dir: this.dir,
      entries: all.length,
      bytes: all.reduce((n, e) => n + e.size, 0),
      current: all.filter((e) => e.build === this.build).length,
      builds: [...new Set(all.map((e) => e.build))].sort(),
    };
  }

  /** Removes every analysis entry (of every build). Returns what was removed. */
  async clear(): Promise<{ entries: number; bytes: number }> {
    await this.flush();
    const all = await this.entries();
    await fs.rm(this.root, { recursive: true, force: true });
    return { entries: all.length, bytes: all.reduce((n, e) => n + e.size, 0) };
  }

  /** Keeps the cache within `maxBytes`: other builds' entries go first, then the least recently used. */
  async prune(): Promise<{ removed: number }> {
    await this.flush();
    const all = await this.entries();
    let total = all.reduce((n, e) => n + e.size, 0);
    if (total <= this.maxBytes) return { removed: 0 };
    all.sort((a, b) => Number(a.build === this.build) - Number(b.build === this.build) || a.mtimeMs - b.mtimeMs);
    let removed = 0;
    for (const e of all) {
      if (total <= this.maxBytes * 0.9) break;
      await fs.rm(e.file, { force: true }).catch(() => undefined);
      total -= e.size;
      removed++;
    }
    return { removed };
  }

  private async entries(): Promise<{ file: string; build: string; size: number; mtimeMs: number }[]> {
    const out: { file: string; build: string; size: number; mtimeMs: number }[] = [];
    for (const build of await list(this.root)) {
      for (const shard of await list(path.join(this.root, build))) {
        const dir = path.join(this.root, build, shard);
        for (const name of await list(dir)) {
          const file = path.join(dir, name);
          try {
            const st = await fs.stat(file);
            if (st.isFile()) out.push({ file, build, size: st.size, mtimeMs: st.mtimeMs });
          } catch {
            // Removed meanwhile.
          }
        }
      }
    }
    return out;
  }
}

/** An entry to write: a letter's reading (serialised here or, read in a worker, there) or a draft's reading. */
type PendingEntry = { readonly what: 'letter' | 'reading'; readonly entryPath: string; readonly key: string } & (
  { readonly read: LetterFile; readonly summary: LetterSummary; readonly bytes: Uint8Array } | { readonly payload: Uint8Array }
);

/** The cache this process reads letters through (the CLI's or the server's), or none. */
let processCache: AnalysisCache | undefined;

/** Sets (or, with undefined, removes) the cache the process's read paths go through. */
export function useAnalysisCache(cache: AnalysisCache | undefined): void {
  processCache = cache;
}

export function currentAnalysisCache(): AnalysisCache | undefined {
  return processCache;
}

/**
 * The cache for a folder unless the environment turns it off (`CORRESP_CACHE=off`, for a user who wants every file
 * read afresh, and for measuring the cold path).
 */
export function analysisCacheIn(dir: string, env: NodeJS.ProcessEnv = process.env): AnalysisCache | undefined {
  if (/^(?:off|0|false|no)$/i.test(env.CORRESP_CACHE ?? '')) return undefined;
  const max = Number(env.CORRESP_CACHE_MAX_MB);
  return new AnalysisCache(dir, Number.isFinite(max) && max > 0 ? { maxBytes: max * 1024 * 1024 } : {});
}

/** The worker threads this process reads letters in when they come in bulk (the CLI's or the server's), or none. */
let processPool: ReaderPool | undefined;

/** Sets (or, with undefined, removes) the pool the process's read paths use for bulk reads. */
export function useReaderPool(pool: ReaderPool | undefined): void {
  processPool = pool;
}

export function currentReaderPool(): ReaderPool | undefined {
  return processPool;
}

/** Bulk reads under way (a scan, a folder's discovery): while there is one, letters are read in the workers. */
let bulk = 0;

/**
 * Runs `read`, a reading of many letters at once (the index's scan, the CLI's folders), with the letters not in the
 * cache read in the process's worker threads; a lone read (a file changed, a staff letter opened) stays on the main
 * thread, where it costs no worker start.
 */
export async function readingInBulk<T>(read: () => Promise<T>): Promise<T> {
  bulk++;
  try {
    return await read();
  } finally {
    // The last bulk read done: the workers' heaps are not held through what follows (a start's first checks).
    if (--bulk === 0) processPool?.bulkEnded();
  }
}

/**
 * A letter read from its bytes, not from the cache: in a worker when reads come in bulk (and then with the cache
 * entry's payload, serialised there), else here. A worker that cannot read it leaves it to this thread.
 */
async function readFresh(file: string, bytes: Uint8Array, options: ReadOptions, key: string): Promise<{ read: LetterFile; payload?: Uint8Array }> {
  const pool = processPool;
  if (pool && ReaderPool.reads(file) && (pool.running || bulk > 0)) {
    const payload = await pool.read(file, bytes, options, key);
    const entry = payload ? decodePayload(payload, bytes) : undefined;
    if (payload && entry && isLetterFile(entry.file) && isSummary(entry.summary)) {
      const read: LetterFile = { path: file, ...entry.file };
      summaries.set(read, entry.summary);
      // What its checks read is known already: they scan none of its blocks again.
      if (entry.summary.facts) keepLetterFacts(read, entry.summary.facts);
      return { read, payload };
    }
  }
  return { read: await readLetterBytes(file, bytes, undefined, options) };
}

/**
 * A letter's cache entry as written (by this thread or a reader worker): its blocks packed (`packedBlocks.ts`), and its
 * text left out when it is `bytes` read as UTF-8 (`textFromBytes`: a Markdown, text or HTML letter's, most often; a
 * PDF's, a Word letter's, or one read as Windows-1252 or UTF-16, is kept), which the reading gives back from the same
 * bytes the same way. `bytes` are the file's, whose hash is the key: a third of the entries' size on disk.
 */
export function entryPayload(key: string, read: LetterFile, summary: LetterSummary, bytes: Uint8Array): ReturnType<typeof v8.serialize> {
  const { path: _path, text, ...file } = read;
  // A staff letter's blocks serialised apart: a warm start holds the letter as a summary and never decodes them.
  const packed = packBlocks(file.blocks, text);
  const blocks = v8.serialize(packed);
  const fromBytes = read.kind !== 'pdf' && read.kind !== 'docx' && textOfBytes(bytes) === text;
  return v8.serialize({ key, file: { ...file, ...(fromBytes ? { textFromBytes: true } : { text }), blocks }, summary });
}

/** A file's bytes read as UTF-8, as the readers read a UTF-8 file (a byte-order mark dropped). */
function textOfBytes(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

function decodePayload(payload: Uint8Array, bytes: Uint8Array): Entry | undefined {
  try {
    return unpacked(v8.deserialize(payload) as Entry, 'now', () => textOfBytes(bytes));
  } catch {
    return undefined;
  }
}

/**
 * An entry read back, its text given back when it was left out (`textOf`: the file's bytes decoded, or the text the
 * caller holds) and its blocks unpacked (undefined when they are not what `entryPayload` wrote); a reading's as it is.
 * A staff letter's blocks, serialised apart, are decoded `now`, or left serialised for `later` (`withUnreadBlocks`).
 */
function unpacked(entry: Entry | undefined, blocksWhen: 'now' | 'later', textOf?: () => string | undefined): Entry | undefined {
  if (!entry || typeof entry !== 'object' || !entry.file || typeof entry.file !== 'object') return entry;
  let file = entry.file;
  const stored = file as unknown as { textFromBytes?: unknown; text?: unknown };
  if (stored.textFromBytes === true && stored.text === undefined) {
    const text = textOf?.();
    if (typeof text !== 'string') return undefined;
    const { textFromBytes: _given, ...rest } = stored;
    file = { ...(rest as Omit<Entry['file'], 'text'>), text };
  }
  const storedBlocks = file.blocks as unknown;
  if (storedBlocks instanceof Uint8Array && blocksWhen === 'later') return { ...entry, file };
  const blocks =
    typeof file.text === 'string' ? unpackBlocks(storedBlocks instanceof Uint8Array ? v8.deserialize(storedBlocks) : storedBlocks, file.text) : undefined;
  return blocks ? { ...entry, file: { ...file, blocks } } : undefined;
}

/** Letters read from the cache whose blocks were not decoded, with everything else they hold (by letter, weakly). */
const unread = new WeakMap<LetterFile, Omit<LetterFile, 'blocks'>>();

/**
 * A letter from an entry whose blocks were left serialised: its `blocks` are decoded when first asked for (from the
 * bytes read, or, should they not decode, read again from its text by the same reader), and until then
 * `blocksUnread` gives the rest of it, so holding it as a summary (`closedLetters.ts`) decodes nothing.
 */
function withUnreadBlocks(rest: Omit<LetterFile, 'blocks'>, serialised: Uint8Array): LetterFile {
  let blocks: LetterFile['blocks'] | undefined;
  const letter = { ...rest } as LetterFile;
  Object.defineProperty(letter, 'blocks', {
    enumerable: true,
    get(): LetterFile['blocks'] {
      if (!blocks) {
        let decoded: LetterFile['blocks'] | undefined;
        try {
          decoded = unpackBlocks(v8.deserialize(serialised), rest.text);
        } catch {
          decoded = undefined;
        }
        blocks = decoded ?? blocksFromText(rest);
        unread.delete(letter);
      }
      return blocks;
    },
  });
  unread.set(letter, rest);
  return letter;
}

/** The letter without its blocks, when they were never decoded from its cache entry (else undefined). */
export function blocksUnread(letter: LetterFile): Omit<LetterFile, 'blocks'> | undefined {
  return unread.get(letter);
}

/** Letters this process has read through `readLetterThrough` (for progress on a terminal). */
export const readCount = { letters: 0 };

/** Reads a letter from its bytes through the process's cache when there is one: the call the read paths make. */
export async function readLetterThrough(file: string, bytes: Uint8Array, options: ReadOptions = {}, hash?: string): Promise<LetterFile> {
  try {
    return await (processCache ? processCache.readLetter(file, bytes, options, hash) : (await readFresh(file, bytes, options, '')).read);
  } finally {
    readCount.letters++;
  }
}

function decodeEntry(raw: Buffer, blocksWhen: 'now' | 'later' = 'now', textOf?: () => string | undefined): Entry | undefined {
  if (raw.length <= HEADER || !raw.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const payload = raw.subarray(HEADER);
  const sum = createHash('sha1').update(payload).digest();
  if (!sum.equals(raw.subarray(MAGIC.length, HEADER))) return undefined;
  try {
    return unpacked(v8.deserialize(payload) as Entry, blocksWhen, textOf);
  } catch {
    return undefined;
  }
}

/** The shape a stored reading must have before it is trusted (the checksum says it is whole; this that it is ours). */
function isLetterFile(v: unknown): v is Omit<LetterFile, 'path'> {
  if (!v || typeof v !== 'object') return false;
  const f = v as Record<string, unknown>;
  return (
    typeof f.kind === 'string' &&
    typeof f.text === 'string' &&
    (Array.isArray(f.blocks) || f.blocks instanceof Uint8Array) &&
    Array.isArray(f.notes) &&
    f.failure === undefined
  );
}

/** The shape a stored draft reading must have before it is trusted. */
function isResponseDraft(v: unknown): v is ResponseDraft {
  if (!v || typeof v !== 'object') return false;
  const d = v as Record<string, unknown>;
  return d.kind === 'response' && Array.isArray(d.anchors) && Array.isArray(d.prose) && Array.isArray(d.problems) && typeof d.bodyStart === 'number';
}

/**
 * A coverage as an entry keeps it: each comment as its index in the staff letter (the letter is read again from its own
 * entry, and the comments must be that letter's objects); the anchors are the reading's, kept in the same payload.
 */
interface StoredCoverage extends Omit<Coverage, 'comments'> {
  readonly comments: ReadonlyArray<Omit<CommentCoverage, 'comment'> & { readonly comment: number }>;
}

function storedCoverage(coverage: Coverage, letter: StaffLetter): StoredCoverage | undefined {
  const indexOf = new Map<StaffComment, number>(letter.comments.map((c, i) => [c, i]));
  const comments: Array<StoredCoverage['comments'][number]> = [];
  for (const c of coverage.comments) {
    const at = indexOf.get(c.comment);
    // A comment that is not the letter's own (never expected): the coverage is not kept.
    if (at === undefined) return undefined;
    comments.push({ ...c, comment: at });
  }
  return { ...coverage, comments };
}

function restoredCoverage(stored: StoredCoverage, letter: StaffLetter): Coverage | undefined {
  const comments: CommentCoverage[] = [];
  for (const c of stored.comments) {
    const comment = letter.comments[c.comment];
    if (!comment || comment.number !== c.number) return undefined;
    comments.push({ ...c, comment });
  }
  return { ...stored, comments };
}

function isStoredCoverage(v: unknown): v is StoredCoverage {
  if (!v || typeof v !== 'object') return false;
  const c = v as Record<string, unknown>;
  return (
    Array.isArray(c.comments) &&
    c.comments.every(
      (x) => !!x && typeof x === 'object' && Number.isInteger((x as { comment?: unknown }).comment) && Array.isArray((x as { anchors?: unknown }).anchors),
    ) &&
    Array.isArray(c.problems) &&
    typeof c.answered === 'number' &&
    c.total === c.comments.length &&
    c.answers instanceof Map &&
    Array.isArray(c.proseMatches)
  );
}

function isSummary(v: unknown): v is LetterSummary {
  if (!v || typeof v !== 'object') return false;
  const s = v as Record<string, unknown>;
  if (s.kind === 'response') return s.letter === undefined && (s.facts === undefined || isLetterFacts(s.facts));
  return s.kind === 'staff-letter' && !!s.letter && typeof s.letter === 'object' && Array.isArray((s.letter as Record<string, unknown>).comments);
}

function isLetterFacts(v: unknown): boolean {
  if (!v || typeof v !== 'object') return false;
  const f = v as Record<string, unknown>;
  const placed = (x: unknown) =>
    !!x && typeof x === 'object' && Number.isInteger((x as Record<string, unknown>).start) && Number.isInteger((x as Record<string, unknown>).end);
  return (
    Array.isArray(f.blanks) &&
    f.blanks.every((b) => placed(b) && typeof (b as Record<string, unknown>).text === 'string') &&
    Array.isArray(f.citations) &&
    f.citations.every((c) => placed(c) && !!(c as Record<string, unknown>).problem && typeof (c as Record<string, unknown>).problem === 'object') &&
    (f.acknowledgment === null || placed(f.acknowledgment))
  );
}

async function list(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch {
    return [];
  }
}

function sanitize(build: string): string {
  return build.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 64) || 'dev';
}

/** An entry's bytes and its mtime (for pruning), through one descriptor; undefined when it cannot be read. */
function readEntry(entryPath: string): { readonly raw: Buffer; readonly mtimeMs: number } | undefined {
  try {
    return withOpenFile(entryPath, (fd, stat) => {
      if (!stat.isFile()) return undefined;
      // A file cut short meanwhile is read as it is: its checksum fails and it is read again from the letter.
      const read = readInto(fd, Buffer.allocUnsafe(stat.size));
      return { raw: Buffer.from(read.buffer, read.byteOffset, read.byteLength), mtimeMs: stat.mtimeMs };
    });
  } catch {
    return undefined;
  }
}
