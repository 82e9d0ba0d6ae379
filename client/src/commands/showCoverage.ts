/**
 * Show Coverage: the reviewer's report for the workspace in a webview beside the editor (the same HTML
 * `corresp report` writes). The page is static: scripts are off and nothing is loaded from outside.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { reportRequest } from '../../../server/src/lsp/requests';

let panel: vscode.WebviewPanel | undefined;

export async function showCoverage(client: LanguageClient): Promise<void> {
  const active = vscode.window.activeTextEditor?.document.uri.toString();
  let html: string;
  try {
    const r = await client.sendRequest(reportRequest, { ...(active ? { uri: active } : {}) });
    html = r.html;
  } catch (e) {
    void vscode.window.showErrorMessage(`Corresp: cannot build the coverage report: ${(e as Error).message}`);
    return;
  }
  if (!panel) {
    panel = vscode.window.createWebviewPanel(
      'corresp.coverage',
      'Corresp Coverage',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: false, localResourceRoots: [] },
    );
    panel.onDidDispose(() => {
      panel = undefined;
    });
  }
  // A strict policy: inline styles only, no scripts, no remote content.
  const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:;">`;
  panel.webview.html = html.includes('<head>') ? html.replace('<head>', `<head>${csp}`) : `${csp}${html}`;
  panel.reveal(vscode.ViewColumn.Beside, true);
}
