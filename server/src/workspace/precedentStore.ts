/**
 * The precedent library on disk: the cache folder that holds the search index, what each letter file said (by
 * content hash), the comments' and answers' texts, the text extracted from each PDF (read once), and the folders a
 * user added with `corresp library add`. The only IO of precedents.
 *
 * Cache folder: --cache, else $CORRESP_CACHE_DIR, else $XDG_CACHE_HOME/corresp, else ~/.cache/corresp (the
 * extension will pass its storage folder). Inside it:
 *   library.json          folders added with `corresp library add`
 *   analysis/             what each letter file read to (a PDF's text, blocks), by content hash: the analysis
 *                         cache the CLI and the server share (`analysisCache.ts`)
 *   precedents/manifest.json  every file read: size, mtime, hash, what it said (comments without their texts), answers
 *   precedents/index.json     the search index (`PrecedentSearch.serialize`)
 *   precedents/texts.dat      comments' and answers' texts, UTF-8, read on demand by offset
 *
 * `update` reads only files whose size or mtime changed (and re-parses only those whose content hash changed),
 * removes files that are gone, pairs threads again, and writes back what changed. Never the network. Never throws on
 * a bad file: an unreadable letter is skipped and counted.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, promises as fs, readSync, type Dirent } from 'node:fs';
import * as path from 'node:path';
import { analysisCacheIn, summaryOf as readingSummaryOf, type AnalysisCache } from './analysisCache';
import { readLetterBytes, staffLetterOf, type LetterFile } from '../letters/read';
import { answersOf, filerKeyOf, LibraryThreads, pairLibrary, summaryOf, type LetterSummary, type LibraryFile, type Pairing } from '../precedents/library';
import { loadMiniSearchPrecedents, MiniSearchPrecedents } from '../precedents/miniSearch';
import type { PrecedentSearch, SearchDocument } from '../precedents/search';
import type { PrecedentEntry, PrecedentLibrary } from '../precedents/similar';
import { describeFsError } from './files';

const MANIFEST_FORMAT = 'corresp-precedents-manifest/3';
const LETTER_EXTENSIONS = new Set(['.pdf', '.txt', '.htm', '.html', '.md']);
const NEVER_ENTER = new Set(['node_modules', '.git']);
/** A folder with more letter files than this is not walked further (a library, not a disk). */
const MAX_FILES = 500_000;
/** Files stat'ed and read at once. */
const READ_BATCH = 32;

/** The cache folder for the CLI (one rule for the precedent library and the analysis cache: `analysisCache.ts`). */
export { cacheDirOf } from './analysisCache';

/** The repository root above a folder (the first folder up with .git), if any. */
export async function repositoryRootOf(dir: string): Promise<string | undefined> {
  let at = path.resolve(dir);
  for (;;) {
    try {
      await fs.stat(path.join(at, '.git'));
      return at;
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return undefined;
      at = parent;
    }
  }
}

// ── Folders a user added ─────────────────────────────────────────────────────────────────────────────────────────

export async function addedFolders(cacheDir: string): Promise<string[]> {
  try {
    const data = JSON.parse(await fs.readFile(path.join(cacheDir, 'library.json'), 'utf8')) as { folders?: unknown };
    return Array.isArray(data.folders) ? data.folders.filter((f): f is string => typeof f === 'string') : [];
  } catch {
    return [];
  }
}

export async function saveAddedFolders(cacheDir: string, folders: readonly string[]): Promise<void> {
  await writeAtomic(path.join(cacheDir, 'library.json'), `${JSON.stringify({ folders: [...new Set(folders)].sort() }, null, 2)}\n`);
}

/** Whether a path is a folder; else why not, in plain words. */
export async function folderProblem(folder: string): Promise<string | undefined> {
  try {
    const stat = await fs.stat(folder);
    return stat.isDirectory() ? undefined : 'it is a file, not a folder';
  } catch (e) {
    return describeFsError(e) === 'no such file' ? 'no such folder' : describeFsError(e);
  }
}

// ── The manifest ─────────────────────────────────────────────────────────────────────────────────────────────────

/** A span of texts.dat: [byte offset, byte length]. */
type Ref = [number, number];

interface StoredComment {
  readonly id: number;
  readonly number: number;
  readonly caption: readonly string[];
  readonly tags: readonly string[];
  readonly ref: Ref;
}

interface StoredFile {
  size: number;
  mtimeMs: number;
  hash: string;
  summary: Omit<LetterSummary, 'comments'>;
  comments: StoredComment[];
  /** Could not be read as a letter: why. */
  failure?: string;
}

interface StoredAnswers {
  readonly response: string;
  readonly responseHash: string;
  readonly staffHash: string;
  readonly byNumber: Record<string, Ref>;
}

interface Manifest {
  format: string;
  nextId: number;
  files: Record<string, StoredFile>;
  answers: Record<string, StoredAnswers>;
  /** Bytes of texts.dat no longer referred to. */
  deadBytes: number;
  /** From the last pairing: staff letter → its thread's id, and duplicate → the file kept instead. */
  threads: Record<string, string>;
  duplicates: Record<string, string>;
}

function emptyManifest(): Manifest {
  return { format: MANIFEST_FORMAT, nextId: 1, files: {}, answers: {}, deadBytes: 0, threads: {}, duplicates: {} };
}

/**
 * The manifest as written: the files' facts as JSON, their comments as columns of integers (base64) with the captions
 * and tag sets they share written once. A library of 50,000 comments parses in a fraction of the time nested JSON takes.
 */
interface WrittenManifest extends Omit<Manifest, 'files'> {
  readonly files: [string, Omit<StoredFile, 'comments'>][];
  readonly captions: (readonly string[])[];
  readonly tagSets: (readonly string[])[];
  /** Per comment: file index, id, number, text offset, text length, caption index, tag set index. */
  readonly comments: string;
}

const COLUMNS = 7;

function writeManifest(m: Manifest): string {
  const captions: (readonly string[])[] = [];
  const tagSets: (readonly string[])[] = [];
  const captionIndex = new Map<string, number>();
  const tagIndex = new Map<string, number>();
  const intern = (list: (readonly string[])[], index: Map<string, number>, value: readonly string[]) => {
    const key = value.join('\u0001');
    let i = index.get(key);
    if (i === undefined) {
      i = list.length;
      list.push(value);
      index.set(key, i);
    }
    return i;
  };
  const entries = Object.entries(m.files);
  const total = entries.reduce((n, [, f]) => n + f.comments.length, 0);
  const cols = new Int32Array(total * COLUMNS);
  let at = 0;
  const files: [string, Omit<StoredFile, 'comments'>][] = entries.map(([file, f], fi) => {
    for (const c of f.comments) {
      cols.set([fi, c.id, c.number, c.ref[0], c.ref[1], intern(captions, captionIndex, c.caption), intern(tagSets, tagIndex, c.tags)], at);
      at += COLUMNS;
    }
    const { comments: _comments, ...facts } = f;
    return [file, facts];
  });
  const written: WrittenManifest = { ...m, files, captions, tagSets, comments: Buffer.from(cols.buffer).toString('base64') };
  return JSON.stringify(written);
}

function readManifest(text: string): Manifest | undefined {
  const w = JSON.parse(text) as WrittenManifest;
  if (w.format !== MANIFEST_FORMAT || !Array.isArray(w.files) || typeof w.comments !== 'string') return undefined;
  const bytes = Buffer.from(w.comments, 'base64');
  const cols = new Int32Array(bytes.byteLength >> 2);
  new Uint8Array(cols.buffer).set(bytes.subarray(0, cols.byteLength));
  const files: Record<string, StoredFile> = {};
  const list = w.files.map(([file, facts]) => {
    const f: StoredFile = { ...facts, comments: [] };
    files[file] = f;
    return f;
  });
  for (let i = 0; i + COLUMNS <= cols.length; i += COLUMNS) {
    const f = list[cols[i]!];
    if (!f) return undefined;
    f.comments.push({
      id: cols[i + 1]!,
      number: cols[i + 2]!,
      ref: [cols[i + 3]!, cols[i + 4]!],
      caption: w.captions[cols[i + 5]!] ?? [],
      tags: w.tagSets[cols[i + 6]!] ?? [],
    });
  }
  const { captions: _c, tagSets: _t, comments: _m, files: _f, ...rest } = w;
  return { ...rest, files };
}

export interface UpdateReport {
  /** Letter files in the library's folders. */
  readonly files: number;
  readonly read: number;
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
  readonly unreadable: readonly { readonly file: string; readonly failure: string }[];
  readonly comments: number;
  readonly seconds: number;
}

/** The precedent library of a cache folder. Open with `PrecedentStore.open`, then `update` and `library`. */
const noPause = (): Promise<void> => Promise.resolve();

export class PrecedentStore {
  private search: PrecedentSearch;
  private dirty = false;
  private textFd: number | undefined;
  private readonly pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Texts appended and not yet written, by offset. */
  private readonly pendingTexts = new Map<number, string>();
  private textBytes = 0;
  private entries: { get(id: number): (PrecedentEntry & { readonly ref: Ref; readonly answerRef?: Ref | undefined }) | undefined } | undefined;
  private pairing: Pairing | undefined;

  private constructor(
    readonly cacheDir: string,
    private manifest: Manifest,
    search: PrecedentSearch | undefined,
  ) {
    this.search = search ?? new MiniSearchPrecedents();
    this.analysis = analysisCacheIn(cacheDir);
  }

  private readonly analysis: AnalysisCache | undefined;

  private static dir(cacheDir: string): string {
    return path.join(cacheDir, 'precedents');
  }

  /** Opens the store (an empty one when the cache holds none, or one of another version). */
  static async open(cacheDir: string): Promise<PrecedentStore> {
    const dir = PrecedentStore.dir(cacheDir);
    let manifest = emptyManifest();
    let search: PrecedentSearch | undefined;
    try {
      const m = readManifest(await fs.readFile(path.join(dir, 'manifest.json'), 'utf8'));
      if (m) {
        const loaded = loadMiniSearchPrecedents(await fs.readFile(path.join(dir, 'index.json'), 'utf8'));
        if (loaded) {
          manifest = m;
          search = loaded;
        }
      }
    } catch {
      // No index yet, or a damaged one: start afresh (the letters are all still on disk).
    }
    const store = new PrecedentStore(cacheDir, manifest, search);
    if (!search) {
      store.dirty = true;
      try {
        await fs.rm(path.join(dir, 'texts.dat'), { force: true });
      } catch (e) {
        throw new CacheError(`cannot write the cache folder (${dir}): ${describeFsError(e)}`);
      }
    }
    store.textBytes = await sizeOf(path.join(dir, 'texts.dat'));
    return store;
  }

  /** Every file the store knows (absolute paths). */
  knownFiles(): string[] {
    return Object.keys(this.manifest.files);
  }

  /**
   * Brings the store up to date with the letter files under `folders`: new and changed files read, vanished ones
   * removed, threads paired again, answers found. Writes the store back when anything changed. `pause` is awaited
   * before each letter is read (and each answer found): the editor's server passes one that waits while the writer
   * types, so that a keystroke never queues behind a letter being read on the same thread.
   */
  async update(folders: readonly string[], pause: () => Promise<void> = noPause): Promise<UpdateReport> {
    const started = performance.now();
    const listed = new Set<string>();
    for (const folder of folders) for (const f of await listLetterFiles(folder)) listed.add(f);
    let read = 0;
    let added = 0;
    let changed = 0;
    let removed = 0;
    const unreadable: { file: string; failure: string }[] = [];
    // Stat and read in batches (the disk works while letters are parsed); parse one at a time.
    const files = [...listed].sort();
    for (let at = 0; at < files.length; at += READ_BATCH) {
      const batch = await Promise.all(files.slice(at, at + READ_BATCH).map((file) => this.readIfChanged(file)));
      for (const got of batch) {
        if ('failure' in got) {
          unreadable.push({ file: got.file, failure: got.failure });
          continue;
        }
        if (!('bytes' in got)) continue;
        const { file, stat, bytes } = got;
        const known = this.manifest.files[file];
        const hash = createHash('sha256').update(bytes).digest('hex');
        this.dirty = true;
        if (known && known.hash === hash) {
          known.size = stat.size;
          known.mtimeMs = stat.mtimeMs;
          continue;
        }
        read++;
        await pause();
        const letter = await this.readLetter(file, bytes, hash);
        // The kind and staff letter the analysis cache kept with the reading (a staff letter's blocks are not decoded).
        const summary = summaryOf(letter, readingSummaryOf(letter));
        if (known) {
          this.forgetFile(file);
          changed++;
        } else added++;
        const { comments, ...facts } = summary;
        this.filesVersion++;
        this.manifest.files[file] = {
          size: stat.size,
          mtimeMs: stat.mtimeMs,
          hash,
          summary: facts,
          comments: comments.map((c) => ({ id: this.manifest.nextId++, number: c.number, caption: c.caption, tags: c.tags, ref: this.appendText(c.text) })),
          ...(letter.failure ? { failure: letter.failure } : {}),
        };
        if (letter.failure) unreadable.push({ file, failure: letter.failure });
      }
    }
    // Files under the folders that are gone.
    const roots = folders.map((f) => path.resolve(f) + path.sep);
    for (const file of Object.keys(this.manifest.files)) {
      if (!listed.has(file) && roots.some((r) => file.startsWith(r))) {
        this.forgetFile(file);
        this.filesVersion++;
        delete this.manifest.files[file];
        removed++;
        this.dirty = true;
      }
    }
    if (this.dirty) {
      await this.reconcile(pause);
      await this.save();
    }
    if (this.analysis && this.analysis.stats.writes + this.analysis.stats.misses > 0) await this.analysis.prune();
    this.entries = undefined;
    const comments = Object.entries(this.manifest.files).reduce(
      (n, [file, f]) => n + (listed.has(file) && !this.manifest.duplicates[file] ? f.comments.length : 0),
      0,
    );
    return { files: listed.size, read, added, changed, removed, unreadable, comments, seconds: (performance.now() - started) / 1000 };
  }

  /** A file's bytes when its size or mtime differ from what the manifest knows; `unchanged` when they do not. */
  private async readIfChanged(
    file: string,
  ): Promise<
    { file: string; failure: string } | { file: string; unchanged: true } | { file: string; stat: { size: number; mtimeMs: number }; bytes: Uint8Array }
  > {
    try {
      const stat = await fs.stat(file);
      const known = this.manifest.files[file];
      if (known && known.size === stat.size && known.mtimeMs === stat.mtimeMs) {
        return known.failure ? { file, failure: known.failure } : { file, unchanged: true };
      }
      return { file, stat: { size: stat.size, mtimeMs: stat.mtimeMs }, bytes: new Uint8Array(await fs.readFile(file)) };
    } catch (e) {
      return { file, failure: describeFsError(e) };
    }
  }

  /** Reads a letter through the analysis cache in the same folder: a PDF's text (and any letter's blocks) read once per content. */
  private readLetter(file: string, bytes: Uint8Array, hash: string): Promise<LetterFile> {
    return this.analysis ? this.analysis.readLetter(file, bytes, {}, hash) : readLetterBytes(file, bytes);
  }

  /** Removes a file's comments from the index and marks its texts dead. */
  private forgetFile(file: string): void {
    const f = this.manifest.files[file];
    if (!f) return;
    for (const c of f.comments) {
      if (this.search.has(c.id)) this.search.remove(this.documentOf(c));
      this.manifest.deadBytes += c.ref[1];
    }
    f.comments = [];
    const answers = this.manifest.answers[file];
    if (answers) {
      for (const ref of Object.values(answers.byNumber)) this.manifest.deadBytes += ref[1];
      delete this.manifest.answers[file];
    }
  }

  private documentOf(c: StoredComment): SearchDocument {
    return { id: c.id, text: this.readText(c.ref) };
  }

  private libraryFiles(): LibraryFile[] {
    return Object.entries(this.manifest.files).map(([file, f]) => ({
      path: file,
      summary: { ...f.summary, comments: f.comments.map((c) => ({ number: c.number, caption: c.caption, tags: c.tags, text: '' })) },
    }));
  }

  private pairingNow(): Pairing {
    this.pairing ??= pairLibrary(this.libraryFiles());
    return this.pairing;
  }

  /** After files changed: pair again, find answers that changed, and make the index hold exactly the originals' comments. */
  private async reconcile(pause: () => Promise<void>): Promise<void> {
    this.pairing = undefined;
    const pairing = this.pairingNow();
    this.manifest.threads = Object.fromEntries(pairing.threads);
    this.manifest.duplicates = Object.fromEntries(pairing.duplicates);
    const wanted = new Map<string, string>(); // staff letter → response (the latest response that answers it)
    for (const [response, staff] of [...pairing.answers].sort((a, b) => (a[0] < b[0] ? -1 : 1))) wanted.set(staff, response);
    for (const [staff, stored] of Object.entries(this.manifest.answers)) {
      const response = wanted.get(staff);
      const current = response ? this.manifest.files[response] : undefined;
      const staffFile = this.manifest.files[staff];
      if (!current || !staffFile || stored.response !== response || stored.responseHash !== current.hash || stored.staffHash !== staffFile.hash) {
        for (const ref of Object.values(stored.byNumber)) this.manifest.deadBytes += ref[1];
        delete this.manifest.answers[staff];
      }
    }
    for (const [staff, response] of wanted) {
      if (this.manifest.answers[staff]) continue;
      const staffFile = this.manifest.files[staff];
      const responseFile = this.manifest.files[response];
      if (!staffFile || !responseFile || staffFile.comments.length === 0) continue;
      await pause();
      const [staffLetter, responseLetter] = await Promise.all([this.reread(staff, staffFile.hash), this.reread(response, responseFile.hash)]);
      if (!staffLetter || !responseLetter) continue;
      const byNumber: Record<string, Ref> = {};
      // The staff letter the analysis cache kept with its reading, and the response's reading against it when the
      // index kept one (a draft of the workspace): neither is worked out again.
      const kept = readingSummaryOf(staffLetter);
      const keptLetter = kept.kind === 'staff-letter' ? kept.letter : undefined;
      const letter = keptLetter ?? staffLetterOf(staffLetter);
      const reading = keptLetter ? this.analysis?.draftReading(responseLetter, staffLetter, [], keptLetter) : undefined;
      for (const [n, text] of answersOf(responseLetter, letter, reading)) byNumber[String(n)] = this.appendText(text);
      this.manifest.answers[staff] = { response, responseHash: responseFile.hash, staffHash: staffFile.hash, byNumber };
    }
    for (const [file, f] of Object.entries(this.manifest.files)) {
      const original = !pairing.duplicates.has(file);
      for (const c of f.comments) {
        const has = this.search.has(c.id);
        if (original && !has) this.search.add(this.documentOf(c));
        else if (!original && has) this.search.remove(this.documentOf(c));
      }
    }
  }

  /** A file read again (for answers), when it still has the content the manifest knows. */
  private async reread(file: string, hash: string): Promise<LetterFile | undefined> {
    try {
      const bytes = new Uint8Array(await fs.readFile(file));
      if (createHash('sha256').update(bytes).digest('hex') !== hash) return undefined;
      return await this.readLetter(file, bytes, hash);
    } catch {
      return undefined;
    }
  }

  // ── Texts ──

  private appendText(text: string): Ref {
    const buf = Buffer.from(text, 'utf8');
    const ref: Ref = [this.textBytes + this.pendingBytes, buf.length];
    this.pending.push(buf);
    this.pendingTexts.set(ref[0], text);
    this.pendingBytes += buf.length;
    return ref;
  }

  private readText(ref: Ref): string {
    const [offset, length] = ref;
    if (offset >= this.textBytes) return this.pendingTexts.get(offset) ?? '';
    this.textFd ??= openSync(path.join(PrecedentStore.dir(this.cacheDir), 'texts.dat'), 'r');
    const buf = Buffer.alloc(length);
    readSync(this.textFd, buf, 0, length, offset);
    return buf.toString('utf8');
  }

  private async flushTexts(): Promise<void> {
    if (this.pendingBytes === 0) return;
    const dir = PrecedentStore.dir(this.cacheDir);
    try {
      await fs.mkdir(dir, { recursive: true });
      await fs.appendFile(path.join(dir, 'texts.dat'), Buffer.concat(this.pending));
    } catch (e) {
      throw new CacheError(`cannot write the cache folder (${dir}): ${describeFsError(e)}`);
    }
    this.textBytes += this.pendingBytes;
    this.pending.length = 0;
    this.pendingTexts.clear();
    this.pendingBytes = 0;
  }

  /** Rewrites texts.dat with only the texts still referred to, when more than half of it is dead. */
  private async compactTexts(): Promise<void> {
    if (this.manifest.deadBytes < 1_000_000 || this.manifest.deadBytes < this.textBytes / 2) return;
    const chunks: Buffer[] = [];
    let at = 0;
    const move = (ref: Ref): Ref => {
      const buf = Buffer.from(this.readText(ref), 'utf8');
      chunks.push(buf);
      const moved: Ref = [at, buf.length];
      at += buf.length;
      return moved;
    };
    const files = Object.values(this.manifest.files).map((f) => ({ ...f, comments: f.comments.map((c) => ({ ...c, ref: move(c.ref) })) }));
    const answers = Object.entries(this.manifest.answers).map(
      ([k, a]) => [k, { ...a, byNumber: Object.fromEntries(Object.entries(a.byNumber).map(([n, r]) => [n, move(r)])) }] as const,
    );
    const dir = PrecedentStore.dir(this.cacheDir);
    await writeAtomic(path.join(dir, 'texts.dat'), Buffer.concat(chunks));
    this.closeText();
    Object.keys(this.manifest.files).forEach((k, i) => (this.manifest.files[k] = files[i]!));
    this.manifest.answers = Object.fromEntries(answers);
    this.manifest.deadBytes = 0;
    this.textBytes = at;
  }

  private async save(): Promise<void> {
    await this.flushTexts();
    await this.compactTexts();
    const dir = PrecedentStore.dir(this.cacheDir);
    await writeAtomic(path.join(dir, 'index.json'), this.search.serialize());
    await writeAtomic(path.join(dir, 'manifest.json'), writeManifest(this.manifest));
    this.dirty = false;
  }

  private closeText(): void {
    if (this.textFd !== undefined) closeSync(this.textFd);
    this.textFd = undefined;
  }

  close(): void {
    this.closeText();
  }

  // ── Queries ──

  /** The entries of the store, by id (built once per update). */
  /**
   * Where each comment id lies (built once per update, with each file's facts), and an entry made when first asked
   * for: a query asks for every comment it touches (to leave some out), so entries are small and of one shape.
   */
  private entryMap() {
    if (this.entries) return this.entries;
    interface FileFacts {
      readonly file: string;
      readonly stored: StoredFile;
      readonly thread: string;
      readonly filer: string;
      readonly answers: Record<string, Ref> | undefined;
    }
    const facts: FileFacts[] = [];
    const fileOf = new Int32Array(this.manifest.nextId).fill(-1);
    const indexOf = new Int32Array(this.manifest.nextId);
    for (const [file, f] of Object.entries(this.manifest.files)) {
      if (this.manifest.duplicates[file] || f.comments.length === 0) continue;
      const fi = facts.length;
      facts.push({
        file,
        stored: f,
        thread: this.manifest.threads[file] ?? file,
        filer: filerKeyOf(f.summary as LetterSummary, file),
        answers: this.manifest.answers[file]?.byNumber,
      });
      f.comments.forEach((c, i) => {
        fileOf[c.id] = fi;
        indexOf[c.id] = i;
      });
    }
    const made: ((PrecedentEntry & { ref: Ref; answerRef?: Ref | undefined }) | undefined)[] = [];
    const get = (id: number): (PrecedentEntry & { ref: Ref; answerRef?: Ref | undefined }) | undefined => {
      const fi = id >= 0 && id < fileOf.length ? fileOf[id]! : -1;
      if (fi < 0) return undefined;
      return (made[id] ??= make(id, fi));
    };
    const make = (id: number, fi: number): PrecedentEntry & { ref: Ref; answerRef?: Ref | undefined } => {
      const f = facts[fi]!;
      const c = f.stored.comments[indexOf[id]!]!;
      const s = f.stored.summary;
      const answerRef = f.answers?.[String(c.number)];
      return {
        id,
        file: f.file,
        number: c.number,
        caption: c.caption,
        company: s.company,
        fileNumber: s.fileNumber,
        filing: s.filing,
        date: s.date,
        tags: c.tags,
        thread: f.thread,
        filer: f.filer,
        answered: answerRef !== undefined,
        ref: c.ref,
        answerRef,
      };
    };
    this.entries = { get };
    return this.entries;
  }

  /** The library for queries: synchronous from here on. */
  library(): PrecedentLibrary {
    const entries = this.entryMap();
    return {
      search: this.search,
      entry: (id) => entries.get(id),
      text: (id) => {
        const e = entries.get(id);
        return e ? this.readText(e.ref) : '';
      },
      answer: (id) => {
        const ref = entries.get(id)?.answerRef;
        return ref ? this.readText(ref) : undefined;
      },
    };
  }

  /** The threads of the library a letter belongs to (to leave them out of its precedents). */
  threadsOf(file: string, summary: LetterSummary): Set<string> {
    const pairing = this.pairingNow();
    // Arranged once per pairing and set of files (a warm-up asks for every staff letter of the workspace).
    if (this.threads?.pairing !== pairing || this.threads.files !== this.filesVersion) {
      this.threads = { pairing, files: this.filesVersion, view: new LibraryThreads(this.libraryFiles(), pairing) };
    }
    return this.threads.view.threadsOf(file, summary);
  }

  /** The library's threads as last arranged (`threadsOf`), with the pairing and the version of the files they are of. */
  private threads: { readonly pairing: Pairing; readonly files: number; readonly view: LibraryThreads } | undefined;
  /** Counts the changes to the files the store holds (what `threadsOf`'s arrangement depends on besides the pairing). */
  private filesVersion = 0;

  /** Forgets every file under a folder (`corresp library remove`). */
  async forgetFolder(folder: string): Promise<number> {
    const root = path.resolve(folder) + path.sep;
    let n = 0;
    for (const file of Object.keys(this.manifest.files)) {
      if (!file.startsWith(root)) continue;
      this.forgetFile(file);
      this.filesVersion++;
      delete this.manifest.files[file];
      n++;
    }
    if (n > 0) {
      await this.reconcile(noPause);
      await this.save();
      this.entries = undefined;
    }
    return n;
  }

  /** Per folder: letters and comments the store holds under it. */
  countsUnder(folder: string): { letters: number; comments: number; answered: number } {
    const root = path.resolve(folder) + path.sep;
    let letters = 0;
    let comments = 0;
    let answered = 0;
    for (const [file, f] of Object.entries(this.manifest.files)) {
      if (!file.startsWith(root) || this.manifest.duplicates[file]) continue;
      if (f.summary.role === 'staff-letter' && f.comments.length > 0) letters++;
      comments += f.comments.length;
      answered += Object.keys(this.manifest.answers[file]?.byNumber ?? {}).length;
    }
    return { letters, comments, answered };
  }
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await fs.stat(file)).size;
  } catch {
    return 0;
  }
}

/** The cache folder cannot be written (a file in its place, no permission, a full disk): what to tell the user. */
export class CacheError extends Error {}

/** Writes a file whole or not at all (a temporary file renamed over it). */
async function writeAtomic(file: string, data: string | Buffer): Promise<void> {
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  try {
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw new CacheError(`cannot write the cache folder (${path.dirname(file)}): ${describeFsError(e)}`);
  }
}

/** Letter files (.pdf, .txt, .htm, .html, .md) under a folder, never entering .git, node_modules or hidden folders. */
export async function listLetterFiles(folder: string): Promise<string[]> {
  const out: string[] = [];
  const visit = async (dir: string) => {
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (out.length >= MAX_FILES) return;
      if (e.name.startsWith('.') || NEVER_ENTER.has(e.name)) continue;
      const p = path.join(dir, e.name);
      if (e.isDirectory()) await visit(p);
      else if (e.isFile() && LETTER_EXTENSIONS.has(path.extname(e.name).toLowerCase())) out.push(p);
    }
  };
  await visit(path.resolve(folder));
  return out;
}
