/**
 * Show Precedents: the comments most like the one under the cursor (or the one a hover's link names), beside the
 * draft in a webview: company, date, caption, the staff's words with the words shared marked, the company's answer
 * and a "Copy answer" link. The page is the server's (corresp/precedents); scripts are off, nothing is loaded from
 * outside, and the only command its links may run is corresp.copyPrecedentAnswer.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { precedentsRequest } from '../../../server/src/lsp/requests';

let panel: vscode.WebviewPanel | undefined;

export interface PrecedentsTarget {
  readonly uri: string;
  readonly position: { readonly line: number; readonly character: number };
}

export async function showPrecedents(client: LanguageClient, target?: PrecedentsTarget): Promise<void> {
  let at = target;
  if (!at?.uri) {
    const editor = vscode.window.activeTextEditor;
    if (!editor) {
      void vscode.window.showInformationMessage(
        'Corresp: put the cursor on a comment anchor in a draft, or on a comment in a staff letter, to see its precedents.',
      );
      return;
    }
    at = { uri: editor.document.uri.toString(), position: { line: editor.selection.active.line, character: editor.selection.active.character } };
  }
  let html: string;
  try {
    const r = await client.sendRequest(precedentsRequest, { uri: at.uri, position: at.position });
    if (!r || r.comments.length === 0) {
      void vscode.window.showInformationMessage(`Corresp: ${r?.note ?? 'no staff comment under the cursor.'}`);
      return;
    }
    html = r.html;
  } catch (e) {
    void vscode.window.showErrorMessage(`Corresp: cannot find precedents: ${(e as Error).message}`);
    return;
  }
  if (!panel) {
    panel = vscode.window.createWebviewPanel(
      'corresp.precedents',
      'Precedents',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: false, enableCommandUris: ['corresp.copyPrecedentAnswer'], localResourceRoots: [] },
    );
    panel.onDidDispose(() => {
      panel = undefined;
    });
  }
  const csp = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';">`;
  panel.webview.html = html.includes('<head>') ? html.replace('<head>', `<head>${csp}`) : `${csp}${html}`;
  panel.reveal(vscode.ViewColumn.Beside, true);
}

/** Copies a precedent's answer (from the page's link, or the Precedents view's item). */
export async function copyPrecedentAnswer(answer: unknown): Promise<void> {
  if (typeof answer !== 'string' || !answer) return;
  await vscode.env.clipboard.writeText(answer);
  void vscode.window.setStatusBarMessage('Corresp: answer copied', 3000);
}
