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
import type { ResponseDraft, StaffLetter } from '../letters/model';
import { frontMatterOf, isCorrespMarkdown, isCorrespWord, letterKindOf, readLetterBytes, readLetterText, responseOf, sourceKindOf, staffLetterOf, type LetterFile } from '../letters/read';
import { MarkdownParser } from '../parse/markdown';
import { decodeText } from '../text/decode';
import { LineIndex } from '../text/lineIndex';
import type { LetterDocument, StaffLetterLink, Thread } from '../features/context';
import type { ReadResult } from './files';

export interface IndexHost {
  /** Letter-like files (.md, .txt, .pdf, .htm, .html, .docx) under the workspace folders, as URIs. */
  listFiles(): Promise<string[]>;
  readBytes(uri: string): Promise<ReadResult>;
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

  /** A team's extra placeholder patterns for a document (from .corresp.yaml), when the host knows them. */
  placeholdersFor: (uri: string) => readonly RegExp[] = () => NO_PLACEHOLDERS;

  constructor(private readonly host: IndexHost) {}

  /** Finds every Corresp Markdown and Word letter in the workspace (other formats are read when a thread needs them). */
  async scan(): Promise<void> {
    this.files = await this.host.listFiles();
    await Promise.all(
      this.files
        .filter((u) => sourceKindOf(uriToPath(u)) === 'markdown' || sourceKindOf(uriToPath(u)) === 'docx')
        .map(async (uri) => {
          if (this.entries.get(uri)?.open) return;
          await this.loadFromDisk(uri, true);
        }),
    );
  }

  /** The editor changed (or opened) a document. Returns its analysed document, or undefined if not a letter. */
  updateOpen(uri: string, text: string, version: number): LetterDocument | undefined {
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
  async changedOnDisk(uri: string, deleted: boolean): Promise<void> {
    if (deleted) {
      this.files = this.files.filter((f) => f !== uri);
      if (!this.entries.get(uri)?.open) {
        this.entries.delete(uri);
        this.parsers.delete(uri);
      }
      this.failures.set(uri, 'no such file');
      return;
    }
    if (!this.files.includes(uri)) this.files.push(uri);
    this.failures.delete(uri);
    if (this.entries.get(uri)?.open) return;
    this.entries.delete(uri);
    await this.loadFromDisk(uri, true);
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

  private async loadFromDisk(uri: string, scanning = false): Promise<LetterDocument | { failure: string }> {
    const pending = this.loading.get(uri);
    if (pending) return pending;
    const job = (async () => {
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
      const staffLetter = staff?.doc && !staff.failure ? staff.doc.letter : undefined;
      const staffDoc = staffLetter ? staff?.doc : undefined;
      const extra = this.placeholdersFor(doc.uri);
      const cached = this.draftCache.get(doc.uri);
      if (cached && cached.doc === doc && cached.staff === staffDoc && cached.extra === extra) {
        draft = cached.draft;
        coverage = cached.coverage;
      } else {
        draft = responseOf(doc.file, staffLetter, extra);
        coverage = staffLetter ? coverageOf(draft, staffLetter) : undefined;
        this.draftCache.set(doc.uri, { doc, staff: staffDoc, extra, draft, ...(coverage ? { coverage } : {}) });
      }
      letter = staffLetter;
    }
    const withDraft: LetterDocument = draft ? { ...doc, draft } : doc;
    const prior = letter ? await this.priorLetterOf(letter, staff?.doc ?? doc) : undefined;
    const priorAnswer = prior ? await this.responseTo(prior) : undefined;
    const priorResponse = priorAnswer && priorAnswer.kind === 'response' ? { ...priorAnswer, draft: responseOf(priorAnswer.file, prior?.letter) } : priorAnswer;
    const staffUri = doc.kind === 'staff-letter' ? doc.uri : staff?.doc?.uri;
    const answeredBy = staffUri ? this.drafts().filter((d) => d.uri !== doc.uri && this.staffUriOf(d) === staffUri) : [];
    const later = letter?.date ? this.laterLetters(letter) : [];
    return {
      doc: withDraft,
      ...(staff ? { staff } : {}),
      ...(prior ? { prior } : {}),
      ...(priorResponse ? { priorResponse } : {}),
      ...(coverage ? { coverage } : {}),
      answeredBy,
      later,
    };
  }

  /** The staff letter whose date the letter's "references to prior comments" sentence names. */
  private async priorLetterOf(letter: StaffLetter, near: LetterDocument): Promise<LetterDocument | undefined> {
    const date = letter.priorLetterDate ?? letter.comments.flatMap((c) => c.priorRefs).find((r) => r.letterDate)?.letterDate;
    if (!date) return undefined;
    const matches = (d: LetterDocument) =>
      d.kind === 'staff-letter' && d.letter?.date === date && d.letter.source !== 'response' && sameCompany(d.letter, letter);
    const known = this.documents().find(matches);
    if (known) return known;
    // Not indexed yet: look at the letter files next to it (PDF, text, HTML staff letters are read lazily).
    const dir = path.dirname(uriToPath(near.uri));
    const candidates = this.files.filter((f) => path.dirname(uriToPath(f)) === dir && !this.entries.has(f)).slice(0, 40);
    for (const uri of candidates) {
      const doc = await this.letter(uri);
      if (!('failure' in doc) && matches(doc)) return doc;
    }
    return undefined;
  }

  /** The response to a staff letter: a draft naming it, or a filed response that says it answers its date. */
  private async responseTo(staff: LetterDocument): Promise<LetterDocument | undefined> {
    const draft = this.drafts().find((d) => this.staffUriOf(d) === staff.uri);
    if (draft) return draft;
    const date = staff.letter?.date;
    if (!date) return undefined;
    const found = this.documents().find((d) => d.kind === 'response' && d.file.kind !== 'markdown' && responseOf(d.file).answersLetterDated === date);
    if (found) return found;
    const dir = path.dirname(uriToPath(staff.uri));
    for (const uri of this.files.filter((f) => path.dirname(uriToPath(f)) === dir && !this.entries.has(f)).slice(0, 40)) {
      const doc = await this.letter(uri);
      if (!('failure' in doc) && doc.kind === 'response' && responseOf(doc.file).answersLetterDated === date) return doc;
    }
    return undefined;
  }

  private laterLetters(letter: StaffLetter): LetterDocument[] {
    const out: LetterDocument[] = [];
    for (const d of this.documents()) {
      if (d.kind === 'staff-letter' && d.letter && d.letter.priorLetterDate === letter.date && sameCompany(d.letter, letter)) {
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

function sameCompany(a: StaffLetter, b: StaffLetter): boolean {
  if (a.fileNumber && b.fileNumber) return a.fileNumber.replace(/^0+/, '') === b.fileNumber.replace(/^0+/, '');
  if (a.company && b.company) return a.company.toLowerCase().replace(/[^a-z0-9]/g, '') === b.company.toLowerCase().replace(/[^a-z0-9]/g, '');
  return true;
}
