/**
 * The workspace's letters as threads: response draft > its staff letter > the prior letter that "prior comment N"
 * points to > the response to that. Holds the latest text of every letter (unsaved buffers win over disk), a
 * Markdown parser per document so edits re-parse only what changed, and the links between letters. Staff letters
 * in PDF, text or HTML are read lazily, when a thread needs them. A Word (.docx) file is a draft when its document
 * properties name its staff letter (`corresp-staff-letter`, as `corresp export` writes it); it is read at the scan,
 * checked like a Markdown draft, and never opened as text. All IO goes through the host.
 */
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { coverageOf, type Coverage } from '../letters/coverage';
import { threadResponseOf, type DueThread, type ThreadResponse } from '../letters/due';
import type { ResponseDraft, StaffLetter } from '../letters/model';
import { TextMemos, withMemos } from '../letters/memos';
import { frontMatterOf, isCorrespMarkdown, isCorrespWord, letterKindOf, readLetterBytes, readLetterText, responseOf, sourceKindOf, staffLetterOf, type LetterFile } from '../letters/read';
import { answers, namedPriorDate, priorLetterAmong, refersBack, responseAmong, sameFiler } from '../letters/thread';
import { MarkdownParser } from '../parse/markdown';
import { decodeText } from '../text/decode';
import { LineIndex } from '../text/lineIndex';
import type { LetterDocument, StaffLetterLink, Thread } from '../features/context';
import type { ReadResult } from './files';

export interface IndexHost {
  /** Letter-like files (.md, .txt, .pdf, .htm, .html, .docx) under the workspace folders, as URIs. */
  listFiles(): Promise<string[]>;
  readBytes(uri: string): Promise<ReadResult>;
  /** The first `maxBytes` of a file, when the host can read less than the whole (the scan sniffs front matter). */
  readHead?(uri: string, maxBytes: number): Promise<ReadResult>;
  /** The editor's unsaved text of an open document. */
  openText(uri: string): { readonly text: string; readonly version: number } | undefined;
  /** Whether a URI is inside a workspace folder (letters outside are not read). */
  inWorkspace(uri: string): boolean;
}

interface Entry {
  readonly doc: LetterDocument;
  /** From an editor buffer (true) or the disk. */
  readonly open: boolean;
}

const NO_PLACEHOLDERS: readonly RegExp[] = [];
/** Files the start-up scan reads at once. */
const SCAN_CONCURRENCY = 4;
/** Bytes of a Markdown file's head that tell whether it has Corresp front matter (`mayBeCorrespMarkdown` reads 8 KB). */
const SNIFF_BYTES = 8192;

export function uriToPath(uri: string): string {
  return URI.parse(uri).fsPath;
}

export function pathToUri(file: string): string {
  return URI.file(file).toString();
}

export class LetterIndex {
  private readonly entries = new Map<string, Entry>();
  private readonly parsers = new Map<string, MarkdownParser>();
  private readonly loading = new Map<string, Promise<LetterDocument | { failure: string }>>();
  private readonly failures = new Map<string, string>();
  private files: string[] = [];
  private versionCounter = 0;
  /** The draft and coverage of a response, computed against one version of its staff letter (by identity). */
  private readonly draftCache = new Map<string, { doc: LetterDocument; staff: LetterDocument | undefined; extra: readonly RegExp[]; draft: ResponseDraft; coverage?: Coverage }>();

  /**
   * Memory safety: the memo tables of the analysis of these letters (comparisons, placeholder verdicts, citation
   * problems), bounded by characters and owned here, so that they go (or are cleared) with the index.
   */
  readonly memos = new TextMemos();

  /** A team's extra placeholder patterns for a document (from .corresp.yaml), when the host knows them. */
  placeholdersFor: (uri: string) => readonly RegExp[] = () => NO_PLACEHOLDERS;

  constructor(private readonly host: IndexHost) {}

  /** Finds every Corresp Markdown and Word letter in the workspace (other formats are read when a thread needs them). */
  async scan(): Promise<void> {
    this.files = await this.host.listFiles();
    // Reliability: a few files at a time (not every file of the repository read at once), each Markdown file sniffed
    // from its head before it is read whole.
    const queue = this.files.filter((u) => sourceKindOf(uriToPath(u)) === 'markdown' || sourceKindOf(uriToPath(u)) === 'docx');
    const worker = async (): Promise<void> => {
      for (let uri = queue.shift(); uri !== undefined; uri = queue.shift()) {
        if (this.entries.get(uri)?.open) continue;
        await this.loadFromDisk(uri, true);
      }
    };
    await Promise.all(Array.from({ length: SCAN_CONCURRENCY }, worker));
  }

  /** The editor changed (or opened) a document. Returns its analysed document, or undefined if not a letter. */
  updateOpen(uri: string, text: string, version: number): LetterDocument | undefined {
    this.notLetters.delete(uri);
    const file = readLetterText(uriToPath(uri), text, this.parserFor(uri));
    return this.store(uri, file, version, true);
  }

  /** The editor closed a document: fall back to the disk version. */
  async closed(uri: string): Promise<void> {
    const entry = this.entries.get(uri);
    // The piece cache only pays off while a document is edited; a closed one is read afresh when it changes.
    this.parsers.delete(uri);
    if (entry?.open) {
      this.entries.delete(uri);
      await this.loadFromDisk(uri);
    }
  }

  /** A file changed on disk (workspace/didChangeWatchedFiles). */
  /** Returns false when nothing changed for the index (an open document, or a file saved with the same text). */
  async changedOnDisk(uri: string, deleted: boolean): Promise<boolean> {
    this.notLetters.delete(uri);
    if (deleted) {
      this.files = this.files.filter((f) => f !== uri);
      if (!this.entries.get(uri)?.open) {
        this.entries.delete(uri);
        this.parsers.delete(uri);
      }
      this.failures.set(uri, 'no such file');
      return true;
    }
    if (!this.files.includes(uri)) this.files.push(uri);
    this.failures.delete(uri);
    if (this.entries.get(uri)?.open) return false;
    const previous = this.entries.get(uri)?.doc;
    this.entries.delete(uri);
    await this.loadFromDisk(uri, true, previous);
    return this.entries.get(uri)?.doc !== previous;
  }

  get(uri: string): LetterDocument | undefined {
    return this.entries.get(uri)?.doc;
  }

  /** Every response draft the index knows (open or on disk): Markdown, and Word files that name their staff letter. */
  drafts(): LetterDocument[] {
    return [...this.entries.values()]
      .map((e) => e.doc)
      .filter((d) => d.kind === 'response' && (d.file.kind === 'markdown' || (d.file.kind === 'docx' && !!frontMatterOf(d.file.frontMatter)?.staffLetter)));
  }

  documents(): LetterDocument[] {
    return [...this.entries.values()].map((e) => e.doc);
  }

  /** Drafts whose staff letter is `uri` (to refresh them when it changes). */
  dependentsOf(uri: string): LetterDocument[] {
    return this.drafts().filter((d) => this.staffUriOf(d) === uri);
  }

  private parserFor(uri: string): MarkdownParser {
    let parser = this.parsers.get(uri);
    if (!parser) {
      parser = new MarkdownParser();
      this.parsers.set(uri, parser);
    }
    return parser;
  }

  private store(uri: string, file: LetterFile, version: number, open: boolean): LetterDocument | undefined {
    if (file.kind === 'markdown' && !isCorrespMarkdown(file) && !file.failure) {
      // Plain Markdown: not a letter, left alone (but remembered as open so the disk copy does not come back).
      this.entries.delete(uri);
      return undefined;
    }
    const kind = letterKindOf(file);
    const doc: LetterDocument = {
      uri,
      version,
      file,
      lines: new LineIndex(file.text),
      kind,
      ...(kind === 'staff-letter' ? { letter: staffLetterOf(file) } : {}),
    };
    this.entries.set(uri, { doc, open });
    return doc;
  }

  private async loadFromDisk(uri: string, scanning = false, previous?: LetterDocument): Promise<LetterDocument | { failure: string }> {
    const pending = this.loading.get(uri);
    if (pending) return pending;
    const job = (async () => {
      if (scanning && sourceKindOf(uriToPath(uri)) === 'markdown' && this.host.readHead) {
        const head = await this.host.readHead(uri, SNIFF_BYTES);
        if ('bytes' in head && !mayBeCorrespMarkdown(head.bytes)) return { failure: 'not a Corresp letter (no front matter naming a staff letter)' };
      }
      const read = await this.host.readBytes(uri);
      if ('failure' in read) {
        this.failures.set(uri, read.failure);
        return { failure: read.failure };
      }
      // Most Markdown in a repository is not a letter: a glance at the front matter spares parsing it.
      if (sourceKindOf(uriToPath(uri)) === 'markdown' && !mayBeCorrespMarkdown(read.bytes)) {
        return { failure: 'not a Corresp letter (no front matter naming a staff letter)' };
      }
      // A Word file is converted only when a thread asks for it or its properties make it a draft.
      if (scanning && sourceKindOf(uriToPath(uri)) === 'docx' && !isCorrespWord(read.bytes)) {
        return { failure: 'not a Corresp letter (no document property naming a staff letter)' };
      }
      // Reliability: a file saved (or touched, or checked out) with the text it had keeps its document version, so
      // nothing that depends on it is checked again.
      if (previous && sourceKindOf(uriToPath(uri)) === 'markdown' && !previous.file.failure && decodeText(read.bytes).text === previous.file.text) {
        this.entries.set(uri, { doc: previous, open: false });
        return previous;
      }
      // A file read from disk gets a throwaway parser: keeping a piece cache for every file would cost memory.
      const file = await readLetterBytes(uriToPath(uri), read.bytes);
      if (this.entries.get(uri)?.open) return this.entries.get(uri)!.doc;
      const doc = this.store(uri, file, ++this.versionCounter, false);
      return doc ?? { failure: 'not a Corresp letter (no front matter naming a staff letter)' };
    })();
    this.loading.set(uri, job);
    try {
      return await job;
    } finally {
      this.loading.delete(uri);
    }
  }

  /** A letter by URI, loading it from disk when the index does not hold it yet (PDF, text, HTML letters). */
  async letter(uri: string): Promise<LetterDocument | { failure: string }> {
    const known = this.entries.get(uri)?.doc;
    if (known) return known;
    const open = this.host.openText(uri);
    if (open) {
      const doc = this.updateOpen(uri, open.text, open.version);
      if (doc) return doc;
    }
    const kind = sourceKindOf(uriToPath(uri));
    if (!kind) return { failure: 'not a letter file (use .md, .txt, .pdf, .htm or .docx)' };
    return this.loadFromDisk(uri);
  }

  /** Each document version's staff-letter URI, computed once (threads and views ask for it of every draft). */
  private readonly staffUris = new WeakMap<LetterDocument, string | null>();

  private staffUriOf(doc: LetterDocument): string | undefined {
    const known = this.staffUris.get(doc);
    if (known !== undefined) return known ?? undefined;
    const fm = frontMatterOf(doc.file.frontMatter);
    const uri = fm?.staffLetter ? pathToUri(path.resolve(path.dirname(uriToPath(doc.uri)), fm.staffLetter.path)) : undefined;
    this.staffUris.set(doc, uri ?? null);
    return uri;
  }

  /** Resolves a draft's staff letter: the document, or why it cannot be read. */
  async staffLink(doc: LetterDocument): Promise<StaffLetterLink | undefined> {
    const fm = frontMatterOf(doc.file.frontMatter);
    if (!fm?.staffLetter) return undefined;
    const written = fm.staffLetter.path;
    if (written.trim().length === 0) return { written, failure: 'the path is empty' };
    const uri = this.staffUriOf(doc)!;
    if (uri === doc.uri) return { written, uri, failure: 'it is this draft itself' };
    if (!this.host.inWorkspace(uri)) return { written, uri, failure: 'it is outside the workspace folder, and Corresp reads letters only inside it' };
    const known = this.failures.get(uri);
    if (known && !this.entries.has(uri) && !this.host.openText(uri)) return { written, uri, failure: known };
    const loaded = await this.letter(uri);
    if ('failure' in loaded) return { written, uri, failure: loaded.failure };
    if (loaded.file.failure) return { written, uri, doc: loaded, failure: loaded.file.failure };
    return { written, uri, doc: loaded };
  }

  /** The thread around a document: its staff letter, prior letter and that letter's response. */
  async thread(doc: LetterDocument): Promise<Thread> {
    let staff: StaffLetterLink | undefined;
    let draft: ResponseDraft | undefined;
    let coverage: Coverage | undefined;
    let letter: StaffLetter | undefined = doc.letter;
    if (doc.kind === 'response') {
      staff = await this.staffLink(doc);
      if (staff?.doc && !staff.failure && staff.doc.kind === 'response') staff = { ...staff, doc: this.standIn(staff.doc) };
      const staffLetter = staff?.doc && !staff.failure ? staff.doc.letter : undefined;
      const staffDoc = staffLetter ? staff?.doc : undefined;
      const extra = this.placeholdersFor(doc.uri);
      const cached = this.draftCache.get(doc.uri);
      if (cached && cached.doc === doc && cached.staff === staffDoc && cached.extra === extra) {
        draft = cached.draft;
        coverage = cached.coverage;
      } else {
        const read = withMemos(this.memos, () => {
          const d = responseOf(doc.file, staffLetter, extra);
          return { d, c: staffLetter ? coverageOf(d, staffLetter) : undefined };
        });
        draft = read.d;
        coverage = read.c;
        // One analysis more: what the last few did not use (old versions of a paragraph being typed) is dropped.
        this.memos.tick(this.entries.size);
        this.draftCache.set(doc.uri, { doc, staff: staffDoc, extra, draft, ...(coverage ? { coverage } : {}) });
      }
      letter = staffLetter;
    }
    const withDraft: LetterDocument = draft ? { ...doc, draft } : doc;
    const prior = letter ? await this.priorLetterOf(letter, staff?.doc ?? doc) : undefined;
    const priorAnswer = prior ? await this.responseTo(prior) : undefined;
    const priorResponse = priorAnswer && priorAnswer.kind === 'response' ? { ...priorAnswer, draft: withMemos(this.memos, () => responseOf(priorAnswer.file, prior?.letter)) } : priorAnswer;
    const staffUri = doc.kind === 'staff-letter' ? doc.uri : staff?.doc?.uri;
    const answeredBy = staffUri ? this.drafts().filter((d) => d.uri !== doc.uri && this.staffUriOf(d) === staffUri) : [];
    const later = letter?.date ? this.laterLetters(letter) : [];
    const dueThread = doc.kind === 'response' && staff?.doc?.letter && !staff.failure ? await this.dueThreadOf(doc, staff.doc) : undefined;
    return {
      doc: withDraft,
      ...(staff ? { staff } : {}),
      ...(prior ? { prior } : {}),
      ...(priorResponse ? { priorResponse } : {}),
      ...(coverage ? { coverage } : {}),
      answeredBy,
      later,
      ...(dueThread ? { dueThread } : {}),
    };
  }

  /** A response draft named as a staff letter, as the CLI reads it: its repeated comments are the letter's (by version). */
  private readonly standIns = new WeakMap<LetterDocument, LetterDocument>();

  private standIn(doc: LetterDocument): LetterDocument {
    let known = this.standIns.get(doc);
    if (!known) {
      known = { ...doc, letter: withMemos(this.memos, () => staffLetterOf(doc.file)) };
      this.standIns.set(doc, known);
    }
    return known;
  }

  /** Files beside a letter that turned out not to be letters (plain Markdown, unreadable): not read again until they change. */
  private readonly notLetters = new Set<string>();

  /** Letter documents in the index and, read now, the letter files beside `near` (PDF, text, HTML are read lazily). */
  private async lettersNear(near: LetterDocument): Promise<LetterDocument[]> {
    const dir = path.dirname(uriToPath(near.uri));
    for (const uri of this.files.filter((f) => path.dirname(uriToPath(f)) === dir && !this.entries.has(f) && !this.notLetters.has(f)).slice(0, 40)) {
      const read = await this.letter(uri);
      if ('failure' in read) this.notLetters.add(uri);
    }
    return this.documents();
  }

  /**
   * The staff letter "prior comment N" refers to: the one of the date the letter names, same filer; when it names
   * none, the latest earlier staff letter of the same filing (the CLI's `priorLetterOf` applies the same rule).
   */
  private async priorLetterOf(letter: StaffLetter, near: LetterDocument): Promise<LetterDocument | undefined> {
    if (!namedPriorDate(letter) && !refersBack(letter)) return undefined;
    const staffOf = (d: LetterDocument) => (d.kind === 'staff-letter' ? d.letter : undefined);
    const known = priorLetterAmong(letter, this.documents(), staffOf);
    if (known && namedPriorDate(letter)) return known;
    // Not indexed yet, or a later-dated letter may be beside it: look at the letter files next to it.
    return priorLetterAmong(letter, await this.lettersNear(near), staffOf);
  }

  /** A filed response's reading (by document version), without a staff letter: its date and the letter it names. */
  private readonly filedDrafts = new WeakMap<LetterDocument, ResponseDraft>();

  private filedDraft(doc: LetterDocument): ResponseDraft {
    let draft = this.filedDrafts.get(doc);
    if (!draft) {
      draft = withMemos(this.memos, () => responseOf(doc.file));
      this.filedDrafts.set(doc, draft);
    }
    return draft;
  }

  /** Filed responses (EDGAR HTML, text, PDF) the index holds. */
  private filedResponses(): LetterDocument[] {
    return this.documents().filter((d) => d.kind === 'response' && d.file.kind !== 'markdown');
  }

  /**
   * The response to a staff letter: a draft naming it, or a filed response that says it answers its date (or else
   * the latest filed response of the filer dated after it and before the next staff letter).
   */
  private async responseTo(staff: LetterDocument): Promise<LetterDocument | undefined> {
    const draft = this.drafts().find((d) => this.staffUriOf(d) === staff.uri);
    if (draft) return draft;
    const letter = staff.letter;
    if (!letter?.date) return undefined;
    await this.lettersNear(staff);
    return responseAmong(letter, this.filedResponses(), (d) => this.filedDraft(d), this.nextLetterDate(letter));
  }

  /** The date of the next staff letter about the same filer (a filed response dated before it answers this one). */
  private nextLetterDate(letter: StaffLetter): string | undefined {
    return this.documents()
      .filter((d) => d.kind === 'staff-letter' && !!d.letter?.date && d.letter.date > letter.date! && d.letter.source !== 'response' && sameFiler(d.letter, letter))
      .map((d) => d.letter!.date!)
      .sort()[0];
  }

  /** What the thread says about a response's due date: other responses to its staff letter, later staff letters. */
  private async dueThreadOf(doc: LetterDocument, staff: LetterDocument): Promise<DueThread> {
    const letter = staff.letter;
    if (!letter?.date) return {};
    await this.lettersNear(staff);
    const responses: ThreadResponse[] = [];
    for (const d of this.drafts()) {
      if (d.uri === doc.uri || this.staffUriOf(d) !== staff.uri) continue;
      responses.push(threadResponseOf(withMemos(this.memos, () => responseOf(d.file, letter)), false));
    }
    const next = this.nextLetterDate(letter);
    for (const d of this.filedResponses()) {
      if (d.uri === doc.uri) continue;
      const filed = this.filedDraft(d);
      if (answers(letter, filed, next)) responses.push(threadResponseOf(filed, true));
    }
    const staffLetters = this.documents()
      .filter((d) => d.kind === 'staff-letter' && !!d.letter && d.letter.remindsOf === letter.date && sameFiler(d.letter, letter))
      .map((d) => d.letter!);
    return { responses, staffLetters };
  }

  /** The staff letters whose "prior comment N" refers to `letter` (the same rule as `priorLetterOf`), and their drafts. */
  private laterLetters(letter: StaffLetter): LetterDocument[] {
    const out: LetterDocument[] = [];
    const staffOf = (d: LetterDocument) => (d.kind === 'staff-letter' ? d.letter : undefined);
    // Only the same filer's letters can refer to it: the rule runs over those, not over the whole workspace.
    const filer = this.documents().filter((d) => d.kind === 'staff-letter' && !!d.letter && sameFiler(d.letter, letter));
    for (const d of filer) {
      if (d.letter !== letter && d.letter!.date && letter.date && d.letter!.date >= letter.date && priorLetterAmong(d.letter, filer, staffOf)?.letter === letter) {
        out.push(d);
        out.push(...this.drafts().filter((r) => this.staffUriOf(r) === d.uri));
      }
    }
    return out;
  }
}

/** Whether a Markdown file's opening could hold Corresp front matter (`corresp:` or `staff-letter:`). */
export function mayBeCorrespMarkdown(bytes: Uint8Array): boolean {
  const head = decodeText(bytes.subarray(0, 8192)).text; // UTF-16 letters too
  return /^\uFEFF?---[ \t]*\r?\n/.test(head) && /^\s*(?:corresp|staff[-_]?letter|staffLetter)\s*:/im.test(head);
}
