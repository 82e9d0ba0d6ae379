/**
 * One language-server session: keeps the editor's documents in sync with the letter index, re-checks what an edit
 * touched (edits in a burst are checked once, the last version wins), publishes diagnostics for every response
 * draft in the workspace, and answers requests. A thin layer: each handler converts the protocol's shapes, calls a
 * feature on the letter's analysis (analysis/) and converts back; no product logic lives here. Every handler is
 * guarded: an exception is logged and that request fails; the server lives on. Honours cancellation by returning
 * empty results.
 */
import {
  ErrorCodes,
  FileChangeType,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type Connection,
  type DidChangeWatchedFilesParams,
  type InitializeParams,
  type InitializeResult,
  type Position,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import * as path from 'node:path';
import { analyseDocument, type LetterAnalysis } from '../analysis/letter';
import { withSeverities, type AnalysisSettings } from '../analysis/settings';
import { staffLetterOfThread, threadOf, type LetterDocument, type Thread } from '../analysis/thread';
import { codeActionsFor } from '../features/codeActions';
import { codeLenses } from '../features/codeLens';
import { completionsAt, provisionalCompletionsAt } from '../features/completion';
import { diagnosticsOf, DIAGNOSTIC_CODES, type Problem } from '../features/diagnostics';
import type { LineIndex } from '../text/lineIndex';
import { provisionalDiagnostics } from '../features/provisionalDiagnostics';
import type { LetterFile } from '../letters/read';
import { hoverAt, provisionalHoverAt, type HoverResult } from '../features/hover';
import { importPlan } from '../features/importLetter';
import { exportForEditor } from '../features/export';
import { definitionAt, documentLinks, provisionalDefinitionAt, referencesAt } from '../features/navigation';
import { newResponsePlan } from '../features/newResponse';
import { foldingRanges, outline } from '../features/outline';
import { renderReportHtml, staffLettersAtHand, workspaceReport } from '../features/report';
import { draftStatusOf, ThreadsViewState } from '../features/threadsView';
import { CONFIG_FILES, type FoundConfig } from '../workspace/config';
import { ConfigStore } from '../workspace/configs';
import { coalesceChanges } from '../workspace/fileChanges';
import { analysisCacheIn, cacheDirOf, currentAnalysisCache, useAnalysisCache, useReaderPool } from '../workspace/analysisCache';
import { readerPoolFor } from '../workspace/readerPool';
import { FsHost } from '../workspace/fsHost';
import { LetterIndex, pathToUri, uriToPath } from '../workspace/letterIndex';
import { codeAction, completionItem, diagnostic, documentSymbol, location, problemOf, range } from './convert';
import {
  exportRequest,
  importRequest,
  newResponseRequest,
  reportRequest,
  statusRequest,
  testThrowRequest,
  threadsRequest,
  type ThreadsResult,
} from './requests';
import { isCommentHover, precedentsAt, precedentsHoverLines, type LibraryState } from '../features/precedentsView';
import { CommitmentsViewState } from '../features/commitmentsView';
import { WorkspacePrecedents } from '../workspace/precedentLibrary';
import { commitmentsRequest, precedentsRequest } from './requests';
import { DEFAULT_SETTINGS, readSettings, type ServerSettings } from './settings';
import { afterStart, StartupProgress } from './startupProgress';
import { QuietMoments } from './quietMoments';

export interface SessionOptions {
  /** Today (ISO) for due dates; defaults to the machine's date. */
  readonly today?: () => string;
  /** Enables the test-only request that throws, to prove a failing handler does not take the server down. */
  readonly testHooks?: boolean;
}

function isoToday(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const NO_SETTINGS: AnalysisSettings = {};
/** How long the answer to `shutdown` waits at most for the analysis cache's entries still being written. */
const SHUTDOWN_FLUSH_MS = 1500;

export class Session {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly index: LetterIndex;
  /** The repository configuration (.corresp.yaml) in force for each folder, read once and on change. */
  private readonly configs: ConfigStore;
  private folders: string[] = [];
  private settings: ServerSettings = DEFAULT_SETTINGS;
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  /** Batches of checks running, and when the last one ended (performance.now()). */
  private checking = 0;
  private lastChecked = -Infinity;
  /** Quiet moments (no edit for a while, no check waiting), which background work waits for. */
  private readonly quiet = new QuietMoments(() => this.checking > 0 || this.pending.size > 0 || this.timer !== undefined);
  private published = new Set<string>();
  private configurationSupport = false;
  private readonly today: () => string;
  /** Settles once the workspace has been scanned; requests wait for it so they see every letter. */
  private readonly ready: Promise<void>;
  private markReady!: () => void;
  /** The workspace has been read (the scan ended, or failed): checks are full from now on. */
  private scanned = false;
  private trusted = true;
  private readonly configProblemsShown = new Set<string>();
  /** The editor's progress notification while the workspace is read and its drafts first checked. */
  private readonly startup: StartupProgress;
  /** The precedent library (loaded after the scan, off the typing path); none in an untrusted workspace. */
  private precedents: WorkspacePrecedents | undefined;
  /** The extension's storage folder for the precedent store (initializationOptions.storage). */
  private storage: string | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly options: SessionOptions = {},
  ) {
    this.today = options.today ?? isoToday;
    this.startup = new StartupProgress(connection);
    this.ready = new Promise((resolve) => {
      this.markReady = resolve;
    });
    this.configs = new ConfigStore({
      folders: () => this.folders,
      // In an untrusted workspace a .corresp.yaml gives only literal placeholders (no regular expression is run).
      trusted: () => this.trusted,
      codes: Object.keys(DIAGNOSTIC_CODES),
      onRead: (found) => void this.guardAsync('configuration problems', () => this.reportConfigProblems(found)),
    });
    const host = new FsHost({
      folders: () => this.folders,
      buffers: {
        get: (uri) => {
          const d = this.documents.get(uri);
          return d ? { text: d.getText(), version: d.version } : undefined;
        },
        uris: () => this.documents.keys(),
      },
      maxFiles: 20_000,
      trusted: () => this.trusted,
    });
    this.index = new LetterIndex(host);
  }

  listen(): void {
    this.listenLifecycle();
    this.listenDocuments();
    this.listenLanguage();
    this.listenCustom();
    this.documents.listen(this.connection);
    this.connection.listen();
  }

  // ── Handlers, one per method: convert, call the feature, convert back ────────────────────────────────────────

  private listenLifecycle(): void {
    const c = this.connection;
    c.onInitialize((p) => this.initialize(p));
    c.onInitialized(() => this.guardAsync('initialized', () => this.initialized()));
    c.onDidChangeConfiguration(() => this.guardAsync('configuration', () => this.loadSettings()));
    c.onDidChangeWatchedFiles((p) => this.guardAsync('watched files', () => this.filesChanged(p)));
    // What the start read and has not written yet is written before the editor lets the server go (the next start
    // then finds it), for at most SHUTDOWN_FLUSH_MS: an editor waits a little for the answer, not for ever.
    c.onShutdown(async () => {
      const writing = currentAnalysisCache()?.flush();
      if (writing) await Promise.race([writing.catch(() => undefined), new Promise((r) => setTimeout(r, SHUTDOWN_FLUSH_MS).unref?.())]);
    });
  }

  private listenDocuments(): void {
    this.documents.onDidOpen((e) => this.guard('open', () => this.changed(e.document)));
    this.documents.onDidChangeContent((e) => this.guard('change', () => this.changed(e.document)));
    this.documents.onDidClose((e) =>
      this.guardAsync('close', async () => {
        await this.index.closed(e.document.uri);
        this.schedule(e.document.uri);
      }),
    );
  }

  private listenLanguage(): void {
    const c = this.connection;
    c.onHover((p, token) =>
      this.request('hover', token, null, async () => {
        // While the workspace is read, a draft's anchors and citations are answered at once (`provisionalHoverAt`).
        const early = this.scanned ? undefined : await this.provisionalHover(p.textDocument.uri, p.position);
        if (early) return early;
        const t = await this.threadOf(p.textDocument.uri);
        if (!t || token.isCancellationRequested) return null;
        const h = hoverAt(t, t.doc.lines.offsetAt(p.position));
        return h ? this.hoverAnswer(t, h, p.textDocument.uri, p.position) : null;
      }),
    );
    c.onDefinition((p, token) =>
      this.request('definition', token, [], async () => {
        // While the workspace is read, a draft's staff letter and its anchors' comments are answered at once.
        const e = this.scanned ? undefined : await this.earlyThread(p.textDocument.uri);
        const early = e ? provisionalDefinitionAt(e, e.doc.lines.offsetAt(p.position)) : undefined;
        if (early) return early.map(location);
        const t = await this.threadOf(p.textDocument.uri);
        return t ? definitionAt(t, t.doc.lines.offsetAt(p.position)).map(location) : [];
      }),
    );
    c.onReferences((p, token) =>
      this.request('references', token, [], async () => {
        const t = await this.threadOf(p.textDocument.uri);
        if (!t) return [];
        const found = await referencesAt(t, t.doc.lines.offsetAt(p.position), (doc) => this.threadOfDocument(doc), p.context.includeDeclaration);
        return found.map(location);
      }),
    );
    c.onDocumentSymbol((p, token) =>
      this.request('symbols', token, [], async () => {
        const t = await this.ownThread(p.textDocument.uri);
        return t ? outline(t).map((s) => documentSymbol(t.doc.lines, s)) : [];
      }),
    );
    c.onFoldingRanges((p, token) =>
      this.request('folding', token, [], async () => {
        const t = await this.ownThread(p.textDocument.uri);
        return t
          ? foldingRanges(t, t.doc.lines).map((f) => ({ startLine: f.startLine, endLine: f.endLine, ...(f.kind === 'region' ? { kind: 'region' } : {}) }))
          : [];
      }),
    );
    c.onDocumentLinks((p, token) =>
      this.request('links', token, [], async () => {
        const t = await this.threadOf(p.textDocument.uri);
        return t ? documentLinks(t).map((l) => ({ range: range(t.doc.lines, l.start, l.end), target: l.target, tooltip: l.tooltip })) : [];
      }),
    );
    c.onCompletion((p, token) =>
      this.request('completion', token, [], async () => {
        // While the workspace is read, a draft's comment numbers and citations are completed at once.
        const e = this.scanned ? undefined : await this.earlyThread(p.textDocument.uri);
        if (e) {
          const at = e.doc.lines.offsetAt(p.position);
          const early = provisionalCompletionsAt(e, at);
          if (early) return early.map((x) => completionItem(e.doc.lines, at, x));
        }
        const t = await this.threadOf(p.textDocument.uri);
        if (!t) return [];
        const offset = t.doc.lines.offsetAt(p.position);
        return completionsAt(t, offset).map((x) => completionItem(t.doc.lines, offset, x));
      }),
    );
    c.onCodeAction((p, token) =>
      this.request('code actions', token, [], async () => {
        const t = await this.ownThread(p.textDocument.uri);
        if (!t) return [];
        const lines = t.doc.lines;
        const problems = p.context.diagnostics.map(problemOf).filter((x): x is NonNullable<typeof x> => !!x);
        return codeActionsFor(t, lines.offsetAt(p.range.start), lines.offsetAt(p.range.end), problems).map((a) =>
          codeAction(t.doc.uri, lines, a, p.context.diagnostics),
        );
      }),
    );
    c.onCodeLens((p, token) =>
      this.request('code lens', token, [], async () => {
        const t = this.settings.codeLens ? await this.ownThread(p.textDocument.uri) : undefined;
        if (!t) return [];
        return codeLenses(t).map((l) => {
          const target = l.open ? this.index.get(l.open.uri) : undefined;
          const open =
            l.open && target
              ? { title: l.title, command: 'corresp.openStaffComment', arguments: [{ uri: l.open.uri, position: target.lines.positionAt(l.open.offset) }] }
              : undefined;
          return { range: range(t.doc.lines, l.start, l.end), command: open ?? { title: l.title, command: '' } };
        });
      }),
    );
  }

  private listenCustom(): void {
    const c = this.connection;
    c.onRequest(threadsRequest, (p, token) =>
      this.request('threads', token, { version: '', delta: false, threads: [] }, () => this.threads(typeof p?.since === 'string' ? p.since : undefined)),
    );
    c.onRequest(statusRequest, (p, token) =>
      this.request('status', token, null, async () => {
        const a = await this.analysed(p.uri);
        return a ? (draftStatusOf(a.analysis, this.today()) ?? null) : null;
      }),
    );
    c.onRequest(importRequest, (p, token) =>
      this.request('import', token, null, async () => {
        const plan = importPlan(await this.letterFile(p.uri), uriToPath(p.uri));
        return { kind: plan.kind, markdown: plan.markdown, comments: plan.comments, uri: pathToUri(plan.path) };
      }),
    );
    c.onRequest(newResponseRequest, (p, token) =>
      this.request('new response', token, null, async () => {
        const plan = newResponsePlan(await this.letterFile(p.uri), uriToPath(p.uri));
        return {
          staff: { uri: pathToUri(plan.staff.path), ...(plan.staff.text !== undefined ? { text: plan.staff.text } : {}) },
          draft: { uri: pathToUri(plan.draft.path), text: plan.draft.text },
          comments: plan.comments,
        };
      }),
    );
    c.onRequest(exportRequest, (p, token) =>
      this.request('export', token, null, async () => exportForEditor(await this.letterFile(p.uri), p.format === 'txt' ? 'txt' : 'html')),
    );
    c.onRequest(reportRequest, (_p, token) => this.request('report', token, { html: '' }, async () => ({ html: await this.reportHtml(token) })));
    c.onRequest(precedentsRequest, (p, token) =>
      this.request('precedents', token, null, async () => {
        const t = await this.threadOf(p.uri);
        if (!t) return null;
        const copy = (answer: string) => `command:corresp.copyPrecedentAnswer?${encodeURIComponent(JSON.stringify([answer]))}`;
        return precedentsAt(t, t.doc.lines.offsetAt(p.position), this.precedents, this.libraryState(), copy, (f) => this.shown(pathToUri(f)));
      }),
    );
    c.onRequest(commitmentsRequest, (p, token) =>
      this.request('commitments', token, { version: '', delta: false, threads: [] }, async () => {
        await this.ready;
        const threads = await Promise.all(this.index.drafts().map((d) => this.index.thread(d)));
        const pos = (uri: string, offset: number) => this.index.get(uri)?.lines.positionAt(offset) ?? { line: 0, character: 0 };
        return this.commitmentsView.update(threads, pos, typeof p?.since === 'string' ? p.since : undefined);
      }),
    );
    if (this.options.testHooks) {
      c.onRequest(testThrowRequest, (_p, token) =>
        this.request('test throw', token, null, async () => {
          throw new Error('deliberate failure (test hook)');
        }),
      );
    }
  }

  /** The Comment Letters view: every draft's thread, offsets turned into positions (only what changed since `since`). */
  private async threads(since?: string): Promise<ThreadsResult> {
    await this.ready;
    const threads = await Promise.all(this.index.drafts().map((d) => this.threadOfDocument(d)));
    const position = (uri: string, offset: number) => this.index.get(uri)?.lines.positionAt(offset) ?? { line: 0, character: 0 };
    return this.threadsView.update(threads, position, since);
  }

  private readonly threadsView = new ThreadsViewState();
  private readonly commitmentsView = new CommitmentsViewState();

  /** Show Coverage: the report of every draft in the workspace, as `corresp report` builds it. */
  private async reportHtml(token: CancellationToken): Promise<string> {
    await this.ready;
    const today = this.today();
    const letters: { analysis: LetterAnalysis; path: string }[] = [];
    for (const d of this.index.drafts()) {
      if (token.isCancellationRequested) break;
      const a = await this.analysed(d.uri);
      if (a) letters.push({ analysis: a.analysis, path: this.shown(d.uri) });
    }
    const shown = (uri: string) => this.shown(uri);
    const report = this.index.remembering(() =>
      workspaceReport(letters, staffLettersAtHand(this.index.documents(), shown), shown, {
        today,
        title: 'Corresp coverage',
        generator: 'Corresp for VS Code',
      }),
    );
    return renderReportHtml(report);
  }

  /** A letter file for Import and New Response: read, or why it cannot be (the request fails with that). */
  private async letterFile(uri: string): Promise<LetterFile> {
    const doc = await this.index.letter(uri);
    if ('failure' in doc) throw new Error(doc.failure);
    if (doc.file.failure) throw new Error(doc.file.failure);
    return doc.file;
  }

  private async filesChanged(p: DidChangeWatchedFilesParams): Promise<void> {
    // Reliability: duplicate events (one save reported several times, a checkout touching each file often) are handled
    // once per file; the configuration is re-read once per batch; a file saved unchanged re-checks nothing.
    const changes = coalesceChanges(p.changes.map((c) => ({ uri: c.uri, deleted: c.type === FileChangeType.Deleted })));
    let configChanged = false;
    for (const change of changes) {
      if ((CONFIG_FILES as readonly string[]).includes(path.basename(uriToPath(change.uri)))) {
        configChanged = true;
        continue;
      }
      const before = this.index.get(change.uri);
      if (!(await this.index.changedOnDisk(change.uri, change.deleted))) continue;
      this.precedents?.changedSoon();
      this.schedule(change.uri);
      for (const d of this.index.dependentsOf(change.uri)) this.schedule(d.uri);
      this.draftMoved(before, this.index.get(change.uri));
    }
    if (configChanged) {
      this.configs.clear();
      this.precedents?.changedSoon();
      for (const d of this.index.drafts()) this.schedule(d.uri);
    }
  }

  // ── Letters, settings and analyses ──────────────────────────────────────────────────────────────────────────

  /** The team's settings for a document's folder (.corresp.yaml), with the user's own severities on top. */
  private async settingsFor(uri: string): Promise<AnalysisSettings> {
    const team = uri.startsWith('file:') ? await this.configs.settingsFor(uriToPath(uri)) : NO_SETTINGS;
    return withSeverities(team, this.settings.severities);
  }

  /** A path as the user reads it: relative to the workspace folder. */
  private shown(uri: string): string {
    const file = uriToPath(uri);
    const folder = this.folders.find((f) => !path.relative(f, file).startsWith('..'));
    return folder ? path.relative(folder, file) : file;
  }

  /** A bad .corresp.yaml gets diagnostics on its own lines (the defaults apply meanwhile). */
  private async reportConfigProblems(found: FoundConfig): Promise<void> {
    if (!found.path) return;
    const uri = pathToUri(found.path);
    if (found.problems.length === 0 && !this.configProblemsShown.has(uri)) return;
    this.configProblemsShown.add(uri);
    await this.connection.sendDiagnostics({
      uri,
      diagnostics: found.problems.map((p) => ({
        range: { start: { line: p.line - 1, character: p.column - 1 }, end: { line: p.line - 1, character: p.column + 20 } },
        severity: 1,
        code: 'config.invalid',
        source: 'corresp',
        message: p.message,
      })),
    });
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.folders = (params.workspaceFolders ?? []).map((f) => URI.parse(f.uri).fsPath);
    if (this.folders.length === 0 && params.rootUri) this.folders = [URI.parse(params.rootUri).fsPath];
    this.configurationSupport = !!params.capabilities.workspace?.configuration;
    const init = params.initializationOptions as { settings?: unknown; trusted?: boolean; cacheDir?: unknown; storage?: unknown } | undefined;
    if (init?.settings) this.settings = readSettings(init.settings);
    // Letters are read through the analysis cache: the extension's storage, or the user's cache folder for other editors.
    useAnalysisCache(analysisCacheIn(typeof init?.cacheDir === 'string' && init.cacheDir.length > 0 ? init.cacheDir : cacheDirOf(undefined)));
    // A cold start reads the workspace's letters on every core (workers stop when idle).
    useReaderPool(readerPoolFor());
    if (typeof init?.storage === 'string' && init.storage) this.storage = init.storage;
    if (init?.trusted === false) this.trusted = false;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentSymbolProvider: { label: 'Corresp' },
        foldingRangeProvider: true,
        documentLinkProvider: { resolveProvider: false },
        completionProvider: { triggerCharacters: [' ', '-', '*'], resolveProvider: false },
        codeActionProvider: { codeActionKinds: ['quickfix', 'refactor'] },
        codeLensProvider: { resolveProvider: false },
      },
      serverInfo: { name: 'corresp', version: typeof CORRESP_VERSION === 'string' ? CORRESP_VERSION : 'dev' },
    };
  }

  private async initialized(): Promise<void> {
    try {
      await this.loadSettings();
      await this.startup.begin();
      await this.index.scan((done, total) => this.startup.reading(done, total));
      const drafts = this.index.drafts();
      this.startup.checking(drafts.map((d) => d.uri));
      for (const d of drafts) this.schedule(d.uri);
    } catch (e) {
      this.startup.end();
      throw e;
    } finally {
      this.scanned = true;
      this.markReady();
      // Open documents were given only what could be said before the scan (`publishProvisional`): checked whole now.
      for (const d of this.documents.all()) this.schedule(d.uri);
    }
    // Kept within its bound once the scan has written what it read (in the background; never fails the session).
    void currentAnalysisCache()
      ?.prune()
      .catch(() => undefined);
    // The precedent library loads after the start, in the background: requests never wait for it.
    if (this.trusted) {
      this.precedents = new WorkspacePrecedents(
        this.storage,
        () => ({ workspace: this.folders, setting: this.settings.libraryPaths, added: cacheDirOf(undefined) }),
        (m) => this.connection.console.info(`corresp: ${m}`),
        () => this.quiet.wait(),
      );
      // After each update, the drafts' staff letters are placed in the library's threads (the first hover is then cheap).
      this.precedents.onUpdated = () =>
        void this.guardAsync('precedents', async () => {
          await this.quiet.wait();
          const threads = await Promise.all(this.index.drafts().map((d) => this.index.thread(d)));
          const staff = threads.flatMap((t) =>
            t.staff?.doc?.letter && t.staff.uri?.startsWith('file:') ? [{ path: uriToPath(t.staff.uri), letter: t.staff.doc.letter }] : [],
          );
          this.precedents?.warm(staff);
        });
      // Built once the drafts' first diagnostics are out (or after a minute at the latest): reading the library is
      // the same work as the scan again, and on one thread it would hold the drafts' diagnostics back.
      const library = this.precedents;
      void afterStart(this.startup.finished).then(() => library.refresh());
    }
  }

  private async loadSettings(): Promise<void> {
    if (!this.configurationSupport) return;
    try {
      const raw = await this.connection.workspace.getConfiguration('corresp');
      const before = this.settings.libraryPaths.join('\n');
      this.settings = readSettings(raw);
      if (this.settings.libraryPaths.join('\n') !== before) this.precedents?.changedSoon();
    } catch {
      // A client that cannot answer keeps the defaults.
    }
    for (const d of this.index.drafts()) this.schedule(d.uri);
    for (const d of this.documents.all()) this.schedule(d.uri);
  }

  private changed(document: TextDocument): void {
    this.quiet.edited();
    const before = this.index.get(document.uri);
    const doc = this.index.updateOpen(document.uri, document.getText(), document.version);
    this.schedule(document.uri);
    if (doc?.kind === 'staff-letter') for (const d of this.index.dependentsOf(document.uri)) this.schedule(d.uri);
    this.draftMoved(before, doc);
  }

  /**
   * A draft that came, went or now names another staff letter: the other drafts of the staff letter it answered and
   * of the one it answers are checked again (one letter, one response: `draft.duplicate-response`).
   */
  private draftMoved(before: LetterDocument | undefined, after: LetterDocument | undefined): void {
    const staffOf = (d: LetterDocument | undefined) => (d?.kind === 'response' ? this.index.staffUriOf(d) : undefined);
    const was = staffOf(before);
    const is = staffOf(after);
    if (was === is) return;
    const uri = (after ?? before)!.uri;
    for (const staff of [was, is]) if (staff) for (const d of this.index.dependentsOf(staff)) if (d.uri !== uri) this.schedule(d.uri);
  }

  private libraryState(): LibraryState {
    if (!this.trusted) return { state: 'untrusted' };
    const s = this.precedents?.status();
    return s ? { state: s.state, ...(s.message ? { message: s.message } : {}) } : { state: 'off' };
  }

  /** The letter document at `uri`, once the workspace is scanned (an open buffer the index has not seen is read). */
  private async documentAt(uri: string): Promise<LetterDocument | undefined> {
    await this.ready;
    const known = this.index.get(uri);
    if (known) return known;
    const open = this.documents.get(uri);
    return open ? this.index.updateOpen(uri, open.getText(), open.version) : undefined;
  }

  /** A document's thread, built with its folder's placeholders (the same thread the analysis reads). */
  private async threadOfDocument(doc: LetterDocument): Promise<Thread> {
    const settings = await this.settingsFor(doc.uri);
    return threadOf(this.index, doc, settings.placeholders ? { placeholders: settings.placeholders } : {});
  }

  private async threadOf(uri: string): Promise<Thread | undefined> {
    const doc = await this.documentAt(uri);
    return doc ? this.threadOfDocument(doc) : undefined;
  }

  /** A document's thread and its analysis with its folder's settings: what publish, status and report start from. */
  private async analysed(uri: string): Promise<{ readonly thread: Thread; readonly analysis: LetterAnalysis } | undefined> {
    const doc = await this.documentAt(uri);
    return doc ? analyseDocument(this.index, doc, await this.settingsFor(uri), this.today()) : undefined;
  }

  /**
   * Coalesces re-checks: whatever is pending when the timer fires is checked once, at its latest version. An edit
   * after a quiet spell is checked at once (a keystroke should not wait); one that comes while a check runs or within
   * `delay` of the last one waits `delay`, so that a burst of edits is checked once.
   */
  private schedule(uri: string): void {
    this.pending.add(uri);
    if (this.timer) return;
    const quiet = this.checking === 0 && performance.now() - this.lastChecked >= this.settings.delay;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        const batch = [...this.pending];
        this.pending.clear();
        this.checking++;
        void this.guardAsync('diagnostics', async () => {
          try {
            for (const u of batch) await this.publish(u);
          } finally {
            for (const u of batch) this.startup.published(u);
            this.checking--;
            this.lastChecked = performance.now();
          }
        });
      },
      quiet ? 0 : this.settings.delay,
    );
  }

  private async publish(uri: string): Promise<void> {
    // Before the workspace is read, an open draft gets what its own text and staff letter say (the full check follows).
    if (!this.scanned && this.documents.get(uri)) return this.publishProvisional(uri);
    const version = this.documents.get(uri)?.version;
    const a = await this.analysed(uri);
    if (!a) {
      if (this.published.delete(uri)) await this.connection.sendDiagnostics({ uri, ...(version !== undefined ? { version } : {}), diagnostics: [] });
      return;
    }
    // A newer version arrived while this one was being checked: its own check will publish.
    if (version !== undefined && this.documents.get(uri)?.version !== version) return;
    await this.send(
      uri,
      version,
      a.thread.doc.lines,
      this.index.remembering(() => diagnosticsOf(a.analysis)),
    );
    this.startup.published(uri);
  }

  /** A letter's problems sent to the editor as its diagnostics, for the version checked. */
  private async send(uri: string, version: number | undefined, lines: LineIndex, problems: readonly Problem[]): Promise<void> {
    this.published.add(uri);
    await this.connection.sendDiagnostics({
      uri,
      ...(version !== undefined ? { version } : {}),
      diagnostics: problems.map((p) => diagnostic(lines, p, (u) => this.index.get(u)?.lines)),
    });
  }

  /**
   * An open draft's diagnostics while the workspace is still being read (`features/provisionalDiagnostics.ts`): those
   * that depend on the draft and its named staff letter alone, from the thread the index can build so far. Sent only
   * while the scan runs: once it is done, the full check (every draft is checked then) replaces them.
   */
  private async publishProvisional(uri: string): Promise<void> {
    const version = this.documents.get(uri)?.version;
    const doc = this.index.get(uri);
    if (!doc || doc.kind !== 'response') return;
    const { analysis } = await analyseDocument(this.index, doc, await this.settingsFor(uri), this.today());
    if (this.scanned || this.documents.get(uri)?.version !== version) return;
    const problems = provisionalDiagnostics(
      analysis,
      this.index.remembering(() => diagnosticsOf(analysis)),
    );
    if (problems) await this.send(uri, version, doc.lines, problems);
  }

  /**
   * A hover on an open draft before the workspace is read, where it says what it will say after (a comment's
   * precedents line says the library is loading, as it does until the library is built); else none, and the request
   * waits for the reading.
   */
  private async provisionalHover(uri: string, position: Position) {
    const t = await this.earlyThread(uri);
    const h = t ? provisionalHoverAt(t, t.doc.lines.offsetAt(position)) : undefined;
    return t && h ? this.hoverAnswer(t, h, uri, position) : undefined;
  }

  /**
   * A document's thread for what depends on the document and its staff letter alone (the outline, folding, code
   * lenses, code actions: anchors, captions and coverage, and the diagnostics the editor sends back): during a cold
   * start, a draft's with its staff letter read is built at once, as the early answers' is; else, or without the staff
   * letter, once the workspace is read.
   */
  private async ownThread(uri: string): Promise<Thread | undefined> {
    const early = this.scanned ? undefined : await this.earlyThread(uri);
    return early && staffLetterOfThread(early) ? early : this.threadOf(uri);
  }

  /** A draft's thread as the index can build it before the workspace is read (what the early answers start from). */
  private async earlyThread(uri: string): Promise<Thread | undefined> {
    const doc = this.index.get(uri);
    return doc && doc.kind === 'response' ? this.threadOfDocument(doc) : undefined;
  }

  /** A hover as the editor gets it: a comment's hover ends with its topics and precedents line. */
  private hoverAnswer(t: Thread, h: HoverResult, uri: string, position: Position) {
    const link = { command: 'corresp.showPrecedents', args: { uri, position } };
    const offset = t.doc.lines.offsetAt(position);
    const markdown = isCommentHover(t, h) ? `${h.markdown}${precedentsHoverLines(t, offset, this.precedents, this.libraryState(), link)}` : h.markdown;
    return { contents: { kind: 'markdown' as const, value: markdown }, range: range(t.doc.lines, h.start, h.end) };
  }

  private guard(what: string, run: () => void): void {
    try {
      run();
    } catch (e) {
      this.connection.console.error(`corresp: ${what} failed: ${(e as Error)?.stack ?? String(e)}`);
    }
  }

  private async guardAsync(what: string, run: () => Promise<void>): Promise<void> {
    try {
      await run();
    } catch (e) {
      this.connection.console.error(`corresp: ${what} failed: ${(e as Error)?.stack ?? String(e)}`);
    }
  }

  /** A request: cancelled → the empty result; an exception → logged, and this request alone fails. */
  private async request<T>(what: string, token: CancellationToken, empty: T, run: () => Promise<T>): Promise<T | ResponseError<void>> {
    if (token.isCancellationRequested) return empty;
    try {
      const result = await run();
      return token.isCancellationRequested ? empty : result;
    } catch (e) {
      this.connection.console.error(`corresp: ${what} failed: ${(e as Error)?.stack ?? String(e)}`);
      return new ResponseError(ErrorCodes.InternalError, `corresp: ${what} failed: ${(e as Error)?.message ?? String(e)}`);
    }
  }
}

declare const CORRESP_VERSION: string;
