/**
 * One language-server session: keeps the editor's documents in sync with the letter index, re-checks what an edit
 * touched (edits in a burst are checked once, the last version wins), publishes diagnostics for every response
 * draft in the workspace, and answers requests by calling the features. Every handler is guarded: an exception is
 * logged and that request fails; the server lives on. Honours cancellation by returning empty results.
 */
import {
  ErrorCodes,
  FileChangeType,
  ResponseError,
  TextDocumentSyncKind,
  TextDocuments,
  type CancellationToken,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { codeActionsFor } from '../features/codeActions';
import { codeLenses } from '../features/codeLens';
import { completionsAt } from '../features/completion';
import type { Thread } from '../features/context';
import { draftDiagnostics, staffLetterDiagnostics, type StaffLink } from '../features/diagnostics';
import type { StaffLetter } from '../letters/model';
import { hoverAt } from '../features/hover';
import { commentAt, definitionAt, documentLinks, priorRefAt, referencesTo } from '../features/navigation';
import { foldingRanges, outline } from '../features/outline';
import { draftStatus, threadNodes } from '../features/threadsView';
import * as path from 'node:path';
import { importLetter } from '../features/importLetter';
import { analyseLetter, renderReportHtml, reportModel, type AnalysedLetter } from '../features/report';
import { CONFIG_FILES, DEFAULT_CONFIG, dueRulesOf, findConfig, type CorrespConfig, type FoundConfig } from '../workspace/config';
import { responseSkeleton } from '../features/newResponse';
import { staffLetterOf } from '../letters/read';
import { withMemos } from '../letters/memos';
import { coalesceChanges } from '../workspace/fileChanges';
import { FsHost } from '../workspace/fsHost';
import { LetterIndex, pathToUri, uriToPath } from '../workspace/letterIndex';
import { codeAction, completionItem, diagnostic, documentSymbol, location, problemOf, range } from './convert';
import { DEFAULT_SETTINGS, readSettings, type ServerSettings } from './settings';

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

export class Session {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly index: LetterIndex;
  private folders: string[] = [];
  private settings: ServerSettings = DEFAULT_SETTINGS;
  private pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  /** Batches of checks running, and when the last one ended (performance.now()). */
  private checking = 0;
  private lastChecked = -Infinity;
  private published = new Set<string>();
  private configurationSupport = false;
  private readonly today: () => string;
  /** Settles once the workspace has been scanned; requests wait for it so they see every letter. */
  private readonly ready: Promise<void>;
  private markReady!: () => void;
  private trusted = true;
  /** The repository configuration (.corresp.yaml) in force for each folder, read once and on change. */
  private readonly configs = new Map<string, Promise<FoundConfig>>();
  private readonly configByDir = new Map<string, CorrespConfig>();

  constructor(
    private readonly connection: Connection,
    private readonly options: SessionOptions = {},
  ) {
    this.today = options.today ?? isoToday;
    this.ready = new Promise((resolve) => {
      this.markReady = resolve;
    });
    const host = new FsHost(
      () => this.folders,
      {
        get: (uri) => {
          const d = this.documents.get(uri);
          return d ? { text: d.getText(), version: d.version } : undefined;
        },
        uris: () => this.documents.keys(),
      },
      20_000,
      () => this.trusted,
    );
    this.index = new LetterIndex(host);
    this.index.placeholdersFor = (uri) => this.configByDir.get(path.dirname(uriToPath(uri)))?.placeholders ?? DEFAULT_CONFIG.placeholders;
  }

  /** The configuration for a document's folder: the nearest .corresp.yaml up to the workspace folder. */
  private async configFor(uri: string): Promise<CorrespConfig> {
    if (!uri.startsWith('file:')) return DEFAULT_CONFIG;
    const dir = path.dirname(uriToPath(uri));
    let found = this.configs.get(dir);
    if (!found) {
      const folder = this.folders.find((f) => !path.relative(f, dir).startsWith('..')) ?? dir;
      // In an untrusted workspace a .corresp.yaml gives only literal placeholders (no regular expression is run).
      found = findConfig(dir, { stopAt: folder, trusted: this.trusted });
      this.configs.set(dir, found);
      void found.then((f) => this.reportConfigProblems(f));
    }
    const config = (await found).config;
    this.configByDir.set(dir, config);
    return config;
  }

  /** A path as the user reads it: relative to the workspace folder. */
  private shown(uri: string): string {
    const file = uriToPath(uri);
    const folder = this.folders.find((f) => !path.relative(f, file).startsWith('..'));
    return folder ? path.relative(folder, file) : file;
  }

  private readonly configProblemsShown = new Set<string>();

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

  listen(): void {
    const c = this.connection;
    c.onInitialize((p) => this.initialize(p));
    c.onInitialized(() => this.guardAsync('initialized', () => this.initialized()));
    c.onDidChangeConfiguration(() => this.guardAsync('configuration', () => this.loadSettings()));
    c.onDidChangeWatchedFiles((p) =>
      this.guardAsync('watched files', async () => {
        // Reliability: duplicate events (one save reported several times, a checkout touching each file often) are
        // handled once per file; the configuration is re-read once per batch.
        const changes = coalesceChanges(p.changes.map((c) => ({ uri: c.uri, deleted: c.type === FileChangeType.Deleted })));
        let configChanged = false;
        for (const change of changes) {
          if ((CONFIG_FILES as readonly string[]).includes(path.basename(uriToPath(change.uri)))) {
            configChanged = true;
            continue;
          }
          if (!(await this.index.changedOnDisk(change.uri, change.deleted))) continue;
          this.schedule(change.uri);
          for (const d of this.index.dependentsOf(change.uri)) this.schedule(d.uri);
        }
        if (configChanged) {
          this.configs.clear();
          this.configByDir.clear();
          for (const d of this.index.drafts()) this.schedule(d.uri);
        }
      }),
    );

    this.documents.onDidOpen((e) => this.guard('open', () => this.changed(e.document)));
    this.documents.onDidChangeContent((e) => this.guard('change', () => this.changed(e.document)));
    this.documents.onDidClose((e) =>
      this.guardAsync('close', async () => {
        await this.index.closed(e.document.uri);
        this.schedule(e.document.uri);
      }),
    );

    c.onHover((p, token) => this.request('hover', token, null, async () => {
      const t = await this.threadOf(p.textDocument.uri);
      if (!t || token.isCancellationRequested) return null;
      const h = hoverAt(t, t.doc.lines.offsetAt(p.position));
      return h ? { contents: { kind: 'markdown' as const, value: h.markdown }, range: range(t.doc.lines, h.start, h.end) } : null;
    }));
    c.onDefinition((p, token) => this.request('definition', token, [], async () => {
      const t = await this.threadOf(p.textDocument.uri);
      return t ? definitionAt(t, t.doc.lines.offsetAt(p.position)).map(location) : [];
    }));
    c.onReferences((p, token) => this.request('references', token, [], async () => {
      const t = await this.threadOf(p.textDocument.uri);
      if (!t) return [];
      const offset = t.doc.lines.offsetAt(p.position);
      const ref = priorRefAt(t, offset);
      const target = ref && t.prior?.letter ? { staffDoc: t.prior, comment: t.prior.letter.comments.find((c) => ref.numbers.includes(c.number)) } : commentAt(t, offset);
      if (!target?.comment) return [];
      const staffThread = target.staffDoc.uri === t.doc.uri ? t : await this.index.thread(target.staffDoc);
      const drafts = await Promise.all(staffThread.answeredBy.map(async (d) => (await this.index.thread(d)).doc));
      if (t.doc.kind === 'response' && t.doc.draft && !drafts.some((d) => d.uri === t.doc.uri) && t.staff?.doc?.uri === target.staffDoc.uri) drafts.push(t.doc);
      const later = await Promise.all(staffThread.later.map(async (d) => (await this.index.thread(d)).doc));
      return referencesTo(target.staffDoc, target.comment, drafts, later, p.context.includeDeclaration).map(location);
    }));
    c.onDocumentSymbol((p, token) => this.request('symbols', token, [], async () => {
      const t = await this.threadOf(p.textDocument.uri);
      return t ? outline(t).map((s) => documentSymbol(t.doc.lines, s)) : [];
    }));
    c.onFoldingRanges((p, token) => this.request('folding', token, [], async () => {
      const t = await this.threadOf(p.textDocument.uri);
      return t ? foldingRanges(t, t.doc.lines).map((f) => ({ startLine: f.startLine, endLine: f.endLine, ...(f.kind === 'region' ? { kind: 'region' } : {}) })) : [];
    }));
    c.onDocumentLinks((p, token) => this.request('links', token, [], async () => {
      const t = await this.threadOf(p.textDocument.uri);
      return t ? documentLinks(t).map((l) => ({ range: range(t.doc.lines, l.start, l.end), target: l.target, tooltip: l.tooltip })) : [];
    }));
    c.onCompletion((p, token) => this.request('completion', token, [], async () => {
      const t = await this.threadOf(p.textDocument.uri);
      if (!t) return [];
      const offset = t.doc.lines.offsetAt(p.position);
      return completionsAt(t, offset).map((e) => completionItem(t.doc.lines, offset, e));
    }));
    c.onCodeAction((p, token) => this.request('code actions', token, [], async () => {
      const t = await this.threadOf(p.textDocument.uri);
      if (!t) return [];
      const lines = t.doc.lines;
      const start = lines.offsetAt(p.range.start);
      const end = lines.offsetAt(p.range.end);
      const problems = p.context.diagnostics.map(problemOf).filter((x): x is NonNullable<typeof x> => !!x);
      return codeActionsFor(t, start, end, problems).map((a) => codeAction(t.doc.uri, lines, a, p.context.diagnostics));
    }));
    c.onCodeLens((p, token) => this.request('code lens', token, [], async () => {
      if (!this.settings.codeLens) return [];
      const t = await this.threadOf(p.textDocument.uri);
      if (!t) return [];
      const lensTargets = await Promise.all(codeLenses(t).map(async (l) => ({ l, target: l.open ? this.index.get(l.open.uri) : undefined })));
      return lensTargets.map(({ l, target }) => ({
        range: range(t.doc.lines, l.start, l.end),
        command:
          l.open && target
            ? { title: l.title, command: 'corresp.openStaffComment', arguments: [{ uri: l.open.uri, position: target.lines.positionAt(l.open.offset) }] }
            : { title: l.title, command: '' },
      }));
    }));
    c.onRequest('corresp/threads', (_p, token) => this.request('threads', token, { threads: [] }, async () => {
      await this.ready;
      const threads = await Promise.all(this.index.drafts().map((d) => this.index.thread(d)));
      const nodes = threadNodes(threads);
      const pos = (uri: string, offset: number) => {
        const doc = this.index.get(uri);
        return doc ? doc.lines.positionAt(offset) : { line: 0, character: 0 };
      };
      return {
        threads: nodes.map((n) => ({
          ...n,
          letters: n.letters.map((l) => ({ ...l, comments: l.comments.map((c) => ({ ...c, position: pos(c.uri, c.offset) })) })),
        })),
      };
    }));
    c.onRequest('corresp/status', (p: { uri: string }, token) => this.request('status', token, null, async () => {
      const t = await this.threadOf(p.uri);
      if (!t) return null;
      const config = await this.configFor(p.uri);
      return draftStatus(t, this.today(), dueRulesOf(config), t.dueThread) ?? null;
    }));
    c.onRequest('corresp/import', (p: { uri: string }, token) => this.request('import', token, null, async () => {
      const doc = await this.index.letter(p.uri);
      if ('failure' in doc) throw new Error(doc.failure);
      if (doc.file.failure) throw new Error(doc.file.failure);
      const result = importLetter(doc.file, { sourceName: path.basename(uriToPath(p.uri)) });
      return { ...result, uri: pathToUri(uriToPath(p.uri).replace(/\.[^./\\]+$/, '') + '.md') };
    }));
    c.onRequest('corresp/newResponse', (p: { uri: string }, token) => this.request('new response', token, null, async () => {
      const doc = await this.index.letter(p.uri);
      if ('failure' in doc) throw new Error(doc.failure);
      if (doc.file.failure) throw new Error(doc.file.failure);
      const source = uriToPath(p.uri);
      const imported = doc.file.kind !== 'markdown' ? importLetter(doc.file, { sourceName: path.basename(source) }) : undefined;
      const staffPath = imported ? source.replace(/\.[^./\\]+$/, '') + '.md' : source;
      const draftPath = path.join(path.dirname(source), `response-to-${path.basename(source).replace(/\.[^.]+$/, '')}.md`);
      const letter = doc.letter ?? staffLetterOf(doc.file);
      const relative = `./${path.relative(path.dirname(draftPath), staffPath).split(path.sep).join('/')}`;
      return {
        staff: { uri: pathToUri(staffPath), ...(imported ? { text: imported.markdown } : {}) },
        draft: { uri: pathToUri(draftPath), text: responseSkeleton(letter, { staffLetterPath: relative }) },
        comments: letter.comments.length,
      };
    }));
    c.onRequest('corresp/report', (_p: { uri?: string }, token) => this.request('report', token, { html: '' }, async () => {
      await this.ready;
      const today = this.today();
      const analysed: AnalysedLetter[] = [];
      const staffLetters = new Map<string, { id: string; path: string; letter: StaffLetter }>();
      for (const d of this.index.drafts()) {
        const t = await this.threadOf(d.uri);
        if (!t || token.isCancellationRequested) continue;
        const config = await this.configFor(d.uri);
        const staffDoc = t.staff?.doc;
        if (staffDoc?.letter) staffLetters.set(staffDoc.uri, { id: staffDoc.uri, path: this.shown(staffDoc.uri), letter: staffDoc.letter });
        analysed.push(
          analyseLetter(
            {
              path: this.shown(d.uri),
              file: t.doc.file,
              role: 'response',
              ...(t.staff ? { staff: staffLinkOf(t) } : {}),
              ...(staffDoc ? { staffId: staffDoc.uri } : {}),
              ...(t.prior?.letter ? { prior: t.prior.letter } : {}),
              ...(t.dueThread ? { dueThread: t.dueThread } : {}),
              settings: {
                severities: { ...config.severities, ...this.settings.severities },
                placeholders: config.placeholders,
                due: dueRulesOf(config),
                ...(config.due.warnDaysBefore !== undefined ? { warnDaysBefore: config.due.warnDaysBefore } : {}),
              },
            },
            today,
          ),
        );
      }
      const report = reportModel({ letters: analysed, staffLetters: [...staffLetters.values()], today, title: 'Corresp coverage', generator: 'Corresp for VS Code' });
      return { html: renderReportHtml(report) };
    }));
    if (this.options.testHooks) {
      c.onRequest('corresp/test/throw', (_p, token) => this.request('test throw', token, null, async () => {
        throw new Error('deliberate failure (test hook)');
      }));
    }
    this.documents.listen(c);
    c.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    this.folders = (params.workspaceFolders ?? []).map((f) => URI.parse(f.uri).fsPath);
    if (this.folders.length === 0 && params.rootUri) this.folders = [URI.parse(params.rootUri).fsPath];
    this.configurationSupport = !!params.capabilities.workspace?.configuration;
    const init = params.initializationOptions as { settings?: unknown; trusted?: boolean } | undefined;
    if (init?.settings) this.settings = readSettings(init.settings);
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
      await this.index.scan();
      for (const d of this.index.drafts()) this.schedule(d.uri);
    } finally {
      this.markReady();
    }
  }

  private async loadSettings(): Promise<void> {
    if (!this.configurationSupport) return;
    try {
      const raw = await this.connection.workspace.getConfiguration('corresp');
      this.settings = readSettings(raw);
    } catch {
      // A client that cannot answer keeps the defaults.
    }
    for (const d of this.index.drafts()) this.schedule(d.uri);
    for (const d of this.documents.all()) this.schedule(d.uri);
  }

  private changed(document: TextDocument): void {
    const doc = this.index.updateOpen(document.uri, document.getText(), document.version);
    this.schedule(document.uri);
    if (doc?.kind === 'staff-letter') for (const d of this.index.dependentsOf(document.uri)) this.schedule(d.uri);
  }

  private async threadOf(uri: string): Promise<Thread | undefined> {
    await this.ready;
    await this.configFor(uri);
    let doc = this.index.get(uri);
    if (!doc) {
      const open = this.documents.get(uri);
      if (open) doc = this.index.updateOpen(uri, open.getText(), open.version);
    }
    return doc ? this.index.thread(doc) : undefined;
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
            this.checking--;
            this.lastChecked = performance.now();
          }
        });
      },
      quiet ? 0 : this.settings.delay,
    );
  }

  private async publish(uri: string): Promise<void> {
    const version = this.documents.get(uri)?.version;
    const t = await this.threadOf(uri);
    if (!t) {
      if (this.published.delete(uri)) await this.connection.sendDiagnostics({ uri, ...(version !== undefined ? { version } : {}), diagnostics: [] });
      return;
    }
    // A newer version arrived while this one was being checked: its own check will publish.
    if (version !== undefined && this.documents.get(uri)?.version !== version) return;
    const config = await this.configFor(uri);
    // The team's severities from .corresp.yaml, with the user's own settings on top.
    const severities = { ...config.severities, ...this.settings.severities };
    // Memory safety: the index's memo tables (bounded, cleared with it), not a module's.
    const problems = withMemos(this.index.memos, () =>
      t.doc.kind === 'response' && t.doc.draft
        ? draftDiagnostics({
            file: t.doc.file,
            draft: t.doc.draft,
            ...(t.staff ? { staff: staffLinkOf(t) } : {}),
            ...(t.prior?.letter ? { prior: t.prior.letter } : {}),
            ...(t.coverage ? { coverage: t.coverage } : {}),
            today: this.today(),
            severities,
            dueRules: dueRulesOf(config),
            ...(t.dueThread ? { dueThread: t.dueThread } : {}),
            ...(config.due.warnDaysBefore !== undefined ? { warnDaysBefore: config.due.warnDaysBefore } : {}),
          }).problems
        : t.doc.letter
          ? staffLetterDiagnostics(t.doc.file, t.doc.letter, t.prior?.letter, severities)
          : [],
    );
    this.published.add(uri);
    await this.connection.sendDiagnostics({ uri, ...(version !== undefined ? { version } : {}), diagnostics: problems.map((p) => diagnostic(t.doc.lines, p)) });
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

/** A thread's staff letter as the diagnostics take it: read, or why not. */
function staffLinkOf(t: Thread): StaffLink {
  const s = t.staff!;
  return { path: s.written, ...(s.doc?.letter && !s.failure ? { letter: s.doc.letter } : {}), ...(s.failure ? { failure: s.failure } : {}) };
}
