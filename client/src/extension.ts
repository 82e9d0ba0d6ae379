/**
 * The Corresp extension: starts the language server (bundled, over IPC), registers the commands, the "Comment
 * Letters", "Precedents" and "Commitments" views and the status bar. Everything about letters is the server's; this file only wires VS Code.
 */
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import launch from './serverLaunch.json';
import { CoverageStatusBar } from './statusBar';
import { CommitmentsView } from './views/commitmentsView';
import { LettersView } from './views/lettersView';
import { PrecedentsView } from './views/precedentsView';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.mjs');
  // How the server is launched: serverLaunch.json, its runtime flags and environment (the benchmark and the VS Code
  // test launch it so too). --expose-gc: the server gives back what a burst of work let go once it is idle
  // (server/src/lsp/idleCollection.ts), compacting the heap where V8 lets it set the flag for its own collections
  // (Node). Not --compact-on-every-full-gc at launch (stop 27 to 28): every full collection then compacted, and the one
  // that came during the first keystrokes in a 1 MB draft took that keystroke to 87-109 ms, where the slowest
  // keystroke without it took 62-79 (BENCHMARKS.md, stop 28).
  const execArgv = [...launch.execArgv];
  const env = { ...process.env, ...launch.env };
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv, env } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...execArgv, '--nolazy', '--inspect=6019'], env } },
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{md,markdown,txt,pdf,htm,html,docx}');
  const configWatcher = vscode.workspace.createFileSystemWatcher('**/{.corresp.yaml,.corresp.yml,corresp.config.json}');
  context.subscriptions.push(watcher, configWatcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'markdown' }],
    synchronize: { configurationSection: 'corresp', fileEvents: [watcher, configWatcher] },
    // cacheDir: the extension's own storage, where the server keeps what letter files read to (by content hash);
    // storage: where it keeps the precedent library's index (this workspace's storage folder).
    initializationOptions: {
      settings: vscode.workspace.getConfiguration('corresp'),
      trusted: vscode.workspace.isTrusted,
      cacheDir: vscode.Uri.joinPath(context.globalStorageUri, 'analysis-cache').fsPath,
      storage: (context.storageUri ?? context.globalStorageUri).fsPath,
    },
    outputChannelName: 'Corresp',
    // The hover's "Show precedents" link runs a command: only that one.
    markdown: { isTrusted: { enabledCommands: ['corresp.showPrecedents'] } },
  };
  client = new LanguageClient('corresp', 'Corresp', serverOptions, clientOptions);

  const view = new LettersView(client);
  const status = new CoverageStatusBar(client);
  const precedents = new PrecedentsView(client);
  const commitments = new CommitmentsView(client, context.workspaceState);
  const lettersTree = vscode.window.createTreeView('corresp.letters', { treeDataProvider: view });
  view.visible(lettersTree.visible);
  const commitmentsTree = vscode.window.createTreeView('corresp.commitments', { treeDataProvider: commitments, canSelectMany: true });
  const precedentsTree = vscode.window.createTreeView('corresp.precedents', { treeDataProvider: precedents });
  // The two views ask the server only while they show (the cursor moves often; diagnostics change at every edit).
  const precedentsSoon = () => {
    precedents.track(vscode.window.activeTextEditor);
    if (precedentsTree.visible) precedents.refreshSoon();
  };
  const commitmentsSoon = () => commitmentsTree.visible && commitments.refreshSoon();
  context.subscriptions.push(
    lettersTree,
    lettersTree.onDidChangeVisibility((e) => view.visible(e.visible)),
    precedentsTree,
    precedentsTree.onDidChangeVisibility((e) => e.visible && precedents.refreshSoon()),
    commitmentsTree,
    commitmentsTree.onDidChangeVisibility((e) => e.visible && commitments.refreshSoon()),
    commitmentsTree.onDidChangeCheckboxState((e) =>
      Promise.all([
        commitments.mark(
          e.items.filter(([, s]) => s === vscode.TreeItemCheckboxState.Checked).map(([n]) => n),
          true,
        ),
        commitments.mark(
          e.items.filter(([, s]) => s === vscode.TreeItemCheckboxState.Unchecked).map(([n]) => n),
          false,
        ),
      ]),
    ),
    status,
    ...registerCommands(client, view, { precedents, commitments }),
    vscode.languages.onDidChangeDiagnostics(() => {
      view.refreshSoon();
      status.refreshSoon();
      commitmentsSoon();
    }),
    vscode.window.onDidChangeActiveTextEditor(() => {
      status.refreshSoon();
      precedentsSoon();
    }),
    vscode.window.onDidChangeTextEditorSelection(() => precedentsSoon()),
    vscode.workspace.onDidCreateFiles(() => view.refreshSoon()),
    vscode.workspace.onDidDeleteFiles(() => view.refreshSoon()),
    vscode.workspace.onDidOpenTextDocument((d) => {
      if (d.languageId === 'markdown') view.refreshSoon();
    }),
    // After a restart (the server died and the client started a new one) the view and status bar read it again.
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) {
        view.refreshSoon();
        status.refreshSoon();
        commitmentsSoon();
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      void vscode.window.showInformationMessage('Corresp: restarting to read PDF staff letters now that the folder is trusted.');
      void client?.restart();
    }),
  );
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showInformationMessage(
      'Corresp runs in restricted mode in this untrusted folder: PDF staff letters are not read until you trust it. Markdown, text and HTML letters work as usual.',
    );
  }
  await client.start();
  view.refreshSoon();
  status.refreshSoon();
  commitmentsSoon();
  precedentsSoon();
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
