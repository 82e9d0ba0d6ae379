/**
 * The status bar item for the active draft: "Corresp 3/5 answered, due Aug 30". Hidden for other files.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { statusRequest } from '../../server/src/lsp/requests';

export class CoverageStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('corresp.coverage', vscode.StatusBarAlignment.Left, 50);
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly client: LanguageClient) {
    this.item.name = 'Corresp coverage';
    this.item.command = 'corresp.showCoverage';
  }

  /** Refreshes within 150 ms; later calls in that window join it. */
  refreshSoon(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, 150);
  }

  private async refresh(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'markdown' || !this.client.isRunning()) {
      this.item.hide();
      return;
    }
    try {
      const status = await this.client.sendRequest(statusRequest, { uri: editor.document.uri.toString() });
      if (!status) {
        this.item.hide();
        return;
      }
      this.item.text = `$(checklist) ${status.text}`;
      this.item.tooltip = status.tooltip;
      this.item.backgroundColor =
        status.daysLeft !== undefined && status.daysLeft < 0 && status.missing + status.placeholder > 0
          ? new vscode.ThemeColor('statusBarItem.errorBackground')
          : status.missing + status.placeholder > 0
            ? new vscode.ThemeColor('statusBarItem.warningBackground')
            : undefined;
      this.item.show();
    } catch {
      this.item.hide();
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.item.dispose();
  }
}
