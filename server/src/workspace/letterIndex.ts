/**
 * The workspace's letters as threads: response draft > its staff letter > the prior letter that "prior comment N"
 * points to > the response to that. Holds the latest text of every letter (unsaved buffers win over disk), a
 * Markdown parser per document so edits re-parse only what changed, and the links between letters. Staff letters
 * in PDF, text or HTML are read lazily, when a thread needs them. A Word (.docx) file is a draft when its document
 * properties name its staff letter (`corresp-staff-letter`, as `corresp export` writes it); it is read at the scan,
 * checked like a Markdown draft, and never opened as text. All IO goes through the host.
 */
import * as path from 'node:path';
import pMap from 'p-map';
import { URI } from 'vscode-uri';
import { coverageOf, type Coverage } from '../letters/coverage';
import type { ResponseDraft, StaffLetter } from '../letters/model';
import {
  frontMatterOf,
  isCorrespMarkdown,
  mayBeCorrespMarkdown,
  isCorrespWord,
  letterKindOf,
  readLetterText,
  responseOf,
  sourceKindOf,
  staffLetterOf,
  type LetterFile,
  type ReadOptions,
} from '../letters/read';
import { MarkdownParser } from '../parse/markdown';
import { TextMemos, withMemos } from '../letters/memos';
import { decodeText } from '../text/decode';
import { currentAnalysisCache, currentReaderPool, readingInBulk, readLetterThrough, summaryOf } from './analysisCache';
import { closedLetter } from './closedLetters';
import { LineIndex } from '../text/lineIndex';
import { threadOf, type LetterDocument, type StaffLink, type Thread, type ThreadOptions, type ThreadSource } from '../analysis/thread';
import { withDidYouMean, type HeadResult, type ReadResult, type ReadWhole } from './files';

export interface IndexHost {
  /** Letter-like files (.md, .txt, .pdf, .htm, .html, .docx) under the workspace folders, as URIs. */
  listFiles(): Promise<string[]>;
  readBytes(uri: string): Promise<ReadResult>;
  /**
   * The first `maxBytes` of a file, when the host can read less than the whole (the scan sniffs front matter); all of
   * it (`whole`) when it is small and its head passes `whole.when`, so a letter is read in one go.
   */
  readHead?(uri: string, maxBytes: number, whole?: ReadWhole): Promise<HeadResult>;
  /** The editor's unsaved text of an open document. */
  openText(uri: string): { readonly text: string; readonly version: number } | undefined;
  /** Whether a URI is inside a workspace folder (letters outside are not read). */
  inWorkspace(uri: string): boolean;
  /** A file beside a missing one whose name differs only in letter case (its name), for "did you mean". */
  caseMismatch?(uri: string): Promise<string | undefined>;
}

/** Files the start-up scan reads at once: a few, or enough to keep the process's reader workers busy. */
const scanConcurrency = (): number => Math.max(4, 2 * (currentReaderPool()?.size ?? 0));
/** Bytes of a Markdown file's head that tell whether it has Corresp front matter (`mayBeCorrespMarkdown` reads 8 KB). */
const SNIFF_BYTES = 8192;
/** A letter this small is read whole at its sniff (one open, not two; the CLI's discovery does the same). */
const READ_WHOLE_BELOW = 64 * 1024;

interface Entry {
  readonly doc: LetterDocument;
  /** From an editor buffer (true) or the disk. */
  readonly open: boolean;
}

export function uriToPath(uri: string): string {
  return URI.parse(uri).fsPath;
}

export function pathToUri(file: string): string {
  return URI.file(file).toString();
}

export interface IndexOptions {
  /** A staff letter every response answers (the CLI's --staff): its URI and the path as the user wrote it. */
  readonly staff?: { readonly uri: string; readonly written: string };
  /** How letter files are read (Word tracked changes: as accepted, or the original). */
  readonly read?: ReadOptions;
}

export class LetterIndex implements ThreadSource {
  private readonly entries = new Map<string, Entry>();
  private readonly parsers = new Map<string, MarkdownParser>();
  private readonly loading = new Map<string, Promise<LetterDocument | { failure: string }>>();
  private readonly failures = new Map<string, string>();
  /** Letters the CLI named (seeded as responses): with --staff, they answer it whatever they name. */
  private readonly seededResponses = new Set<string>();
  private files: string[] = [];
  private versionCounter = 0;
  /** The draft and coverage of a response, computed against one version of its staff letter (by identity). */
  private readonly draftCache = new Map<
    string,
    { doc: LetterDocument; staff: LetterDocument | undefined; extra: readonly RegExp[]; draft: ResponseDraft; coverage?: Coverage }
  >();

  /**
   * Memory safety: the memo tables of the analysis of these letters (comparisons, placeholder verdicts, citation
   * problems), bounded by characters, swept after each analysis, owned here so that they go with the index.
   */
  readonly memos = new TextMemos();

  /** Runs a synchronous analysis step (diagnostics, the report) with this index's memo tables current. */
  remembering<T>(fn: () => T): T {
    return withMemos(this.memos, fn);
  }

  constructor(
    private readonly host: IndexHost,
    private readonly options: IndexOptions = {},
  ) {}

  /**
   * Finds every Corresp Markdown and Word letter in the workspace (other formats are read when a thread needs them).
   * `progress` hears how many of the files to read are read.
   */
  async scan(progress?: (done: number, total: number) => void): Promise<void> {
    this.setFiles(await this.host.listFiles());
    // Reliability: a few files at a time (not every file of the repository read at once), each Markdown file sniffed
    // from its head before it is read whole.
    const toRead = this.files.filter((u) => sourceKindOf(uriToPath(u)) === 'markdown' || sourceKindOf(uriToPath(u)) === 'docx');
    let done = 0;
    await readingInBulk(() =>
      pMap(
        toRead,
        async (uri) => {
          // Open in the editor, or read already by the caller.
          if (!this.entries.has(uri)) await this.loadFromDisk(uri, true);
          progress?.(++done, toRead.length);
        },
        { concurrency: scanConcurrency() },
      ),
    );
  }

  /** The editor changed (or opened) a document. Returns its analysed document, or undefined if not a letter. */
  updateOpen(uri: string, text: string, version: number): LetterDocument | undefined {
    this.forgetNotLetter(uri);
    const file = readLetterText(uriToPath(uri), text, this.parserFor(uri));
    return this.store(uri, file, version, true);
  }

  /** The editor closed a document: fall back to the disk version. */
  async closed(uri: string): Promise<void> {
    const entry = this.entries.get(uri);
    // The piece cache only pays off while a document is edited; a closed one is read afresh when it changes.
    this.parsers.delete(uri);
    if (entry?.open) {
      this.deleteEntry(uri);
      await this.loadFromDisk(uri);
    }
  }

  /** A file changed on disk (workspace/didChangeWatchedFiles). */
  /** Returns false when nothing changed for the index (an open document, or a file saved with the same text). */
  async changedOnDisk(uri: string, deleted: boolean): Promise<boolean> {
    this.forgetNotLetter(uri);
    if (deleted) {
      this.setFiles(this.files.filter((f) => f !== uri));
      if (!this.entries.get(uri)?.open) {
        this.deleteEntry(uri);
        this.parsers.delete(uri);
      }
      this.failures.set(uri, 'no such file');
      return true;
    }
    if (!this.files.includes(uri)) this.setFiles([...this.files, uri]);
    this.failures.delete(uri);
    if (this.entries.get(uri)?.open) return false;
    const previous = this.entries.get(uri)?.doc;
    this.deleteEntry(uri);
    await this.loadFromDisk(uri, true, false, previous);
    return this.entries.get(uri)?.doc !== previous;
  }

  get(uri: string): LetterDocument | undefined {
    return this.entries.get(uri)?.doc;
  }

  /** The letter files the last scan listed (and those changed on disk since), as URIs: read or not. */
  listed(): readonly string[] {
    return this.files;
  }

  /**
   * Changes to what the index holds (its entries, its file list, the files found not to be letters) count up, so that
   * the lists below and the neighbourhoods `lettersNear` has read are worked out once per state, not once per thread:
   * building 500 threads asked for them thousands of times.
   */
  private generation = 0;
  private lists_?: {
    readonly generation: number;
    readonly documents: readonly LetterDocument[];
    readonly drafts: readonly LetterDocument[];
    /** The drafts by the staff letter they name (`draftsAnswering`), worked out when first asked. */
    byStaff?: Map<string, LetterDocument[]>;
  };

  private setEntry(uri: string, entry: Entry): void {
    this.entries.set(uri, entry);
    if (entry.open) this.openUris.add(uri);
    else this.openUris.delete(uri);
    this.generation++;
  }

  private deleteEntry(uri: string): void {
    this.openUris.delete(uri);
    if (this.entries.delete(uri)) this.generation++;
  }

  /** The documents open in the editor (the memo tables keep what re-reading each of them needs). */
  private readonly openUris = new Set<string>();

  private setFiles(files: string[]): void {
    this.files = files;
    this.filesByFolder = undefined;
    this.generation++;
  }

  private forgetNotLetter(uri: string): void {
    if (this.notLetters.delete(uri)) this.generation++;
  }

  private lists(): NonNullable<LetterIndex['lists_']> {
    if (this.lists_?.generation !== this.generation) {
      const documents = [...this.entries.values()].map((e) => e.doc);
      const drafts = documents.filter(
        (d) => d.kind === 'response' && (d.file.kind === 'markdown' || (d.file.kind === 'docx' && !!frontMatterOf(d.file.frontMatter)?.staffLetter)),
      );
      this.lists_ = { generation: this.generation, documents, drafts };
    }
    return this.lists_;
  }

  /** Every response draft the index knows (open or on disk): Markdown, and Word files that name their staff letter. */
  drafts(): readonly LetterDocument[] {
    return this.lists().drafts;
  }

  documents(): readonly LetterDocument[] {
    return this.lists().documents;
  }

  /** Drafts whose staff letter is `uri` (to refresh them when it changes). */
  dependentsOf(uri: string): LetterDocument[] {
    return [...this.draftsAnswering(uri)];
  }

  /** The drafts whose staff letter is `staffUri`, in the order of `drafts()`: by staff letter once per state. */
  draftsAnswering(staffUri: string): readonly LetterDocument[] {
    const lists = this.lists();
    if (!lists.byStaff) {
      const byStaff = new Map<string, LetterDocument[]>();
      for (const d of lists.drafts) {
        const uri = this.staffUriOf(d);
        if (uri === undefined) continue;
        const list = byStaff.get(uri);
        if (list) list.push(d);
        else byStaff.set(uri, [d]);
      }
      lists.byStaff = byStaff;
    }
    return lists.byStaff.get(staffUri) ?? NO_DOCUMENTS;
  }

  private parserFor(uri: string): MarkdownParser {
    let parser = this.parsers.get(uri);
    if (!parser) {
      parser = new MarkdownParser();
      this.parsers.set(uri, parser);
    }
    return parser;
  }

  /**
   * A letter its caller has read already (the CLI reads the files it was named), held as the caller says it is: a
   * response (with --staff even plain Markdown is one) or a staff letter.
   */
  seed(uri: string, file: LetterFile, kind: LetterDocument['kind']): LetterDocument {
    this.forgetNotLetter(uri);
    if (kind === 'response') this.seededResponses.add(uri);
    return this.store(uri, file, ++this.versionCounter, false, kind)!;
  }

  private store(uri: string, file: LetterFile, version: number, open: boolean, given?: LetterDocument['kind']): LetterDocument | undefined {
    if (!given && file.kind === 'markdown' && !isCorrespMarkdown(file) && !file.failure) {
      // Plain Markdown: not a letter, left alone (but remembered as open so the disk copy does not come back).
      this.deleteEntry(uri);
      return undefined;
    }
    // Kind and staff letter: kept with the reading in the analysis cache when the file came from it.
    const summary = open ? { kind: letterKindOf(file), letter: undefined } : summaryOf(file);
    const kind = given ?? (this.options.staff && uri !== this.options.staff.uri ? 'response' : summary.kind);
    const letter = kind === summary.kind ? summary.letter : undefined;
    const doc: LetterDocument = {
      uri,
      version,
      // A closed letter is held as a summary: its blocks are let go and read again when asked for.
      file: open ? file : closedLetter(file),
      lines: new LineIndex(file.text),
      kind,
      ...(kind === 'staff-letter' ? { letter: letter ?? staffLetterOf(file) } : {}),
    };
    this.setEntry(uri, { doc, open });
    return doc;
  }

  private async loadFromDisk(uri: string, scanning = false, asStaff = false, previous?: LetterDocument): Promise<LetterDocument | { failure: string }> {
    const pending = this.loading.get(uri);
    if (pending) return pending;
    const job = (async () => {
      let sniffed: Uint8Array | undefined;
      if (scanning && !asStaff && sourceKindOf(uriToPath(uri)) === 'markdown' && this.host.readHead) {
        const head = await this.host.readHead(uri, SNIFF_BYTES, { below: READ_WHOLE_BELOW, when: mayBeCorrespMarkdown });
        if ('bytes' in head && !mayBeCorrespMarkdown(head.bytes)) return { failure: 'not a Corresp letter (no front matter naming a staff letter)' };
        if ('bytes' in head && head.whole) sniffed = head.bytes;
      }
      const read: ReadResult = sniffed ? { bytes: sniffed } : await this.host.readBytes(uri);
      if ('failure' in read) {
        this.failures.set(uri, read.failure);
        return { failure: read.failure };
      }
      // Most Markdown in a repository is not a letter: a glance at the front matter spares parsing it (taken already
      // when the sniff read the whole file).
      if (!sniffed && !asStaff && sourceKindOf(uriToPath(uri)) === 'markdown' && !mayBeCorrespMarkdown(read.bytes)) {
        return { failure: 'not a Corresp letter (no front matter naming a staff letter)' };
      }
      // A Word file is converted only when a thread asks for it or its properties make it a draft.
      if (scanning && sourceKindOf(uriToPath(uri)) === 'docx' && !isCorrespWord(read.bytes)) {
        return { failure: 'not a Corresp letter (no document property naming a staff letter)' };
      }
      // Reliability: a file saved (or touched, or checked out) with the text it had keeps its document version, so
      // nothing that depends on it is checked again.
      if (previous && sourceKindOf(uriToPath(uri)) === 'markdown' && !previous.file.failure && decodeText(read.bytes).text === previous.file.text) {
        this.setEntry(uri, { doc: previous, open: false });
        return previous;
      }
      // A file read from disk gets a throwaway parser (keeping a piece cache for every file would cost memory), or
      // comes from the analysis cache when this content was read before.
      const file = await readLetterThrough(uriToPath(uri), read.bytes, this.options.read);
      if (this.entries.get(uri)?.open) return this.entries.get(uri)!.doc;
      // A draft's staff letter is one even in plain Markdown (no front matter): the draft says what it is.
      const doc = this.store(
        uri,
        file,
        ++this.versionCounter,
        false,
        asStaff && file.kind === 'markdown' && !isCorrespMarkdown(file) ? 'staff-letter' : undefined,
      );
      return doc ?? { failure: 'not a Corresp letter (no front matter naming a staff letter)' };
    })();
    this.loading.set(uri, job);
    try {
      return await job;
    } finally {
      this.loading.delete(uri);
    }
  }

  /**
   * A letter by URI, loading it from disk when the index does not hold it yet (PDF, text, HTML letters). `asStaff`:
   * a draft names it as its staff letter, so plain Markdown is read as one.
   */
  async letter(uri: string, asStaff = false): Promise<LetterDocument | { failure: string }> {
    const known = this.entries.get(uri)?.doc;
    if (known) return known;
    const open = this.host.openText(uri);
    if (open) {
      const doc = this.updateOpen(uri, open.text, open.version);
      if (doc) return doc;
    }
    const kind = sourceKindOf(uriToPath(uri));
    if (!kind) return { failure: 'not a letter file (use .md, .txt, .pdf, .htm or .docx)' };
    return this.loadFromDisk(uri, false, asStaff);
  }

  /** Each document version's staff-letter URI, computed once (threads and views ask for it of every draft). */
  private readonly staffUris = new WeakMap<LetterDocument, string | null>();

  staffUriOf(doc: LetterDocument): string | undefined {
    if (this.givenStaffFor(doc)) return doc.uri === this.options.staff!.uri ? undefined : this.options.staff!.uri;
    const known = this.staffUris.get(doc);
    if (known !== undefined) return known ?? undefined;
    const fm = frontMatterOf(doc.file.frontMatter);
    const uri = fm?.staffLetter ? pathToUri(path.resolve(path.dirname(uriToPath(doc.uri)), fm.staffLetter.path)) : undefined;
    this.staffUris.set(doc, uri ?? null);
    return uri;
  }

  /** Resolves a draft's staff letter: the document, or why it cannot be read. */
  /** A missing staff letter's failure, with "did you mean ./Staff.pdf?" when a file differs only in letter case. */
  private async withCaseHint(uri: string, written: string, failure: string): Promise<string> {
    return withDidYouMean(failure, written, this.host.caseMismatch ? await this.host.caseMismatch(uri) : undefined);
  }

  /**
   * Whether the CLI's --staff letter is this document's staff letter: for the letters the command was named (seeded
   * as responses) and those that name none themselves; a draft found beside them that names its own keeps it.
   */
  private givenStaffFor(doc: LetterDocument): boolean {
    if (!this.options.staff) return false;
    return this.seededResponses.has(doc.uri) || !frontMatterOf(doc.file.frontMatter)?.staffLetter;
  }

  async staffLink(doc: LetterDocument): Promise<StaffLink | undefined> {
    const fm = frontMatterOf(doc.file.frontMatter);
    const given = this.givenStaffFor(doc);
    const written = given ? this.options.staff!.written : fm?.staffLetter?.path;
    if (written === undefined) return undefined;
    if (written.trim().length === 0) return { path: written, failure: 'the path is empty' };
    // The CLI's --staff naming the very letter checked: a filed response that repeats the comments stands in for its
    // lost staff letter.
    const uri = this.staffUriOf(doc) ?? (given ? this.options.staff?.uri : undefined);
    if (uri === undefined) return undefined;
    if (uri === doc.uri) {
      if (!given) return { path: written, uri, failure: 'it is this draft itself' };
      const self = doc.letter ? doc : { ...doc, letter: staffLetterOf(doc.file) };
      return { path: written, uri, doc: self, ...(self.letter ? { letter: self.letter } : {}) };
    }
    if (!this.host.inWorkspace(uri)) return { path: written, uri, failure: 'it is outside the workspace folder, and Corresp reads letters only inside it' };
    const known = this.failures.get(uri);
    if (known && !this.entries.has(uri) && !this.host.openText(uri)) return { path: written, uri, failure: await this.withCaseHint(uri, written, known) };
    const loaded = await this.letter(uri, true);
    if ('failure' in loaded) return { path: written, uri, failure: await this.withCaseHint(uri, written, loaded.failure) };
    if (loaded.file.failure) return { path: written, uri, doc: loaded, failure: loaded.file.failure };
    // A response draft named as the staff letter is read as the CLI reads it: its repeated comments are the letter.
    const staffDoc = loaded.kind === 'response' ? this.standIn(loaded) : loaded;
    return { path: written, uri, doc: staffDoc, ...(staffDoc.letter ? { letter: staffDoc.letter } : {}) };
  }

  /** A response draft named as a staff letter, with the letter its repeated comments make (once per version). */
  private readonly standIns = new WeakMap<LetterDocument, LetterDocument>();

  private standIn(doc: LetterDocument): LetterDocument {
    let known = this.standIns.get(doc);
    if (!known) {
      known = doc.letter ? doc : { ...doc, letter: withMemos(this.memos, () => staffLetterOf(doc.file)) };
      this.standIns.set(doc, known);
    }
    return known;
  }

  /** The thread around a document (`threadOf` over this index), with a team's extra placeholders. */
  thread(doc: LetterDocument, options: ThreadOptions = {}): Promise<Thread> {
    return threadOf(this, doc, options);
  }

  /** A response read against its staff letter, and its coverage: computed once per version of both (by identity). */
  readDraft(
    doc: LetterDocument,
    staffDoc: LetterDocument | undefined,
    extra: readonly RegExp[],
  ): { readonly draft: ResponseDraft; readonly coverage?: Coverage } {
    const cached = this.draftCache.get(doc.uri);
    if (cached && cached.doc === doc && cached.staff === staffDoc && samePlaceholders(cached.extra, extra)) return cached;
    const staffLetter = staffDoc?.letter;
    // Read already as another thread's prior response (the same reading when no extra placeholders are set).
    const known = extra.length === 0 ? this.plainReadings.get(doc)?.get(staffLetter ?? null) : undefined;
    // Or kept on disk from an earlier start (a file read from disk against a letter read from disk: same contents),
    // with its coverage of the letter.
    const cache = currentAnalysisCache();
    const staffFile = staffLetter ? staffDoc?.file : undefined;
    const stored = known ? { draft: known, ...this.coverageKept(known, staffLetter) } : cache?.draftReading(doc.file, staffFile, extra, staffLetter);
    const { draft, coverage } = withMemos(this.memos, () => {
      const d = stored?.draft ?? responseOf(doc.file, staffLetter, extra);
      return { draft: d, coverage: stored?.coverage ?? (staffLetter ? coverageOf(d, staffLetter) : undefined) };
    });
    // Kept (again, when the entry kept had no coverage: a prior response's reading, or one from the same letter's
    // stand-in) unless it came whole from the cache.
    if (!stored?.coverage && (!stored || coverage))
      cache?.storeDraftReading(doc.file, staffFile, extra, draft, staffLetter && coverage ? { coverage, letter: staffLetter } : undefined);
    // One analysis more: what the last few did not use (old versions of a paragraph being typed, a closed draft's
    // comparisons once its reading and coverage are kept) is dropped.
    this.memos.tick(this.openUris.size, this.entries.size);
    const entry = { doc, staff: staffDoc, extra, draft, ...(coverage ? { coverage } : {}) };
    this.draftCache.set(doc.uri, entry);
    return entry;
  }

  /** Files beside a letter that turned out not to be letters (plain Markdown, unreadable): not read again until they change. */
  private readonly notLetters = new Set<string>();

  /** The workspace's files by folder (what `lettersNear` looks through), worked out once per file list. */
  private filesByFolder: Map<string, string[]> | undefined;
  /** The folders whose letter files `lettersNear` has read, and in which state of the index (`generation`). */
  private readonly foldersRead = new Map<string, number>();

  /** The folder of a URI (parsing URIs was most of the cost of looking for letters beside another). */
  private readonly folders = new Map<string, string>();

  private folderOf(uri: string): string {
    let folder = this.folders.get(uri);
    if (folder === undefined) {
      // Bounded: the URIs of the files and letters held, and a margin for those since removed.
      if (this.folders.size > 2 * (this.files.length + this.entries.size) + 1000) this.folders.clear();
      folder = path.dirname(uriToPath(uri));
      this.folders.set(uri, folder);
    }
    return folder;
  }

  private filesIn(dir: string): readonly string[] {
    if (!this.filesByFolder) {
      this.filesByFolder = new Map();
      for (const f of this.files) {
        const folder = this.folderOf(f);
        const list = this.filesByFolder.get(folder);
        if (list) list.push(f);
        else this.filesByFolder.set(folder, [f]);
      }
    }
    return this.filesByFolder.get(dir) ?? [];
  }

  /** Letter documents in the index and, read now, the letter files beside `near` (PDF, text, HTML are read lazily). */
  async lettersNear(near: LetterDocument): Promise<readonly LetterDocument[]> {
    const dir = this.folderOf(near.uri);
    if (this.foldersRead.get(dir) === this.generation) return this.documents();
    const inFolder = this.filesIn(dir);
    const imported = this.importedIn(dir);
    const unread = inFolder.filter((f) => !this.entries.has(f) && !this.notLetters.has(f) && !imported.has(f));
    for (const uri of unread.slice(0, 40)) {
      const read = await this.letter(uri);
      if ('failure' in read) {
        this.notLetters.add(uri);
        this.generation++;
      }
    }
    if (unread.length <= 40) this.foldersRead.set(dir, this.generation);
    return this.documents();
  }

  /** The originals that letters imported to Markdown name (`source: letter.pdf`), by folder, once per state. */
  private imported?: { readonly generation: number; readonly byFolder: Map<string, Set<string>> };

  /** A folder's letter files that a letter imported from them stands for (the two are one letter, read once). */
  private importedIn(dir: string): ReadonlySet<string> {
    if (this.imported?.generation !== this.generation) {
      const byFolder = new Map<string, Set<string>>();
      for (const [uri, e] of this.entries) {
        const source = e.doc.file.kind === 'markdown' ? e.doc.file.frontMatter?.data.source : undefined;
        if (typeof source !== 'string') continue;
        const folder = this.folderOf(uri);
        let set = byFolder.get(folder);
        if (!set) byFolder.set(folder, (set = new Set()));
        set.add(pathToUri(path.resolve(folder, source)));
      }
      this.imported = { generation: this.generation, byFolder };
    }
    return this.imported.byFolder.get(dir) ?? NONE_IMPORTED;
  }

  /** Responses read with the default placeholders (by document version, then by the letter read against). */
  private readonly plainReadings = new WeakMap<LetterDocument, Map<StaffLetter | null, ResponseDraft>>();

  /** Coverages of letters that came from the cache with readings `filedDraft` took (by reading, weakly). */
  private readonly coverages = new WeakMap<ResponseDraft, { readonly letter: StaffLetter; readonly coverage: Coverage }>();

  private coverageKept(draft: ResponseDraft, letter: StaffLetter | undefined): { coverage?: Coverage } {
    const kept = this.coverages.get(draft);
    return kept && letter && kept.letter === letter ? { coverage: kept.coverage } : {};
  }

  filedDraft(doc: LetterDocument, against?: LetterDocument): ResponseDraft {
    const letter = against?.letter;
    // The draft's own reading against this letter with no extra placeholders is this very reading: taken, not redone.
    const own = this.draftCache.get(doc.uri);
    if (letter && own && own.doc === doc && own.staff?.letter === letter && own.extra.length === 0) return own.draft;
    let byLetter = this.plainReadings.get(doc);
    if (!byLetter) {
      byLetter = new Map();
      this.plainReadings.set(doc, byLetter);
    }
    let draft = byLetter.get(letter ?? null);
    if (!draft) {
      // Kept on disk as the draft's own reading is (`readDraft`): the same key when no extra placeholders are set.
      const cache = currentAnalysisCache();
      const staffFile = letter ? against?.file : undefined;
      const stored = cache?.draftReading(doc.file, staffFile, NO_EXTRA, letter);
      draft = stored?.draft;
      // Its coverage of the letter came with it: kept for the draft's own reading (`readDraft`), not computed again.
      if (draft && letter && stored?.coverage) this.coverages.set(draft, { letter, coverage: stored.coverage });
      if (!draft) {
        draft = withMemos(this.memos, () => responseOf(doc.file, letter));
        cache?.storeDraftReading(doc.file, staffFile, NO_EXTRA, draft);
      }
      // A few letters at most per response (none, its staff letter, a letter it is compared with in a thread).
      if (byLetter.size >= 4) byLetter.clear();
      byLetter.set(letter ?? null, draft);
    }
    return draft;
  }
}

const NONE_IMPORTED: ReadonlySet<string> = new Set();
const NO_DOCUMENTS: readonly LetterDocument[] = [];

/**
 * Two lists of extra placeholders that read a draft alike: the same patterns in the same order. Compared by what they
 * hold, not by identity: the editor's checks pass the team's list (an empty one of the folder's configuration when it
 * sets none) and other asks (the Commitments view's) none, and compared by identity each re-read every draft's reading
 * from the cache after the other (new objects, so the Comment Letters view sent every node again).
 */
function samePlaceholders(a: readonly RegExp[], b: readonly RegExp[]): boolean {
  return a === b || (a.length === b.length && a.every((r, i) => r.source === b[i]!.source && r.flags === b[i]!.flags));
}

/** No extra placeholders (the key of a reading with the default ones). */
const NO_EXTRA: readonly RegExp[] = [];
