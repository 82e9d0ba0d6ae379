/**
 * The commands under the category "Corresp": New Response from Staff Letter…, Import Staff Letter…, Show
 * Coverage, Open Staff Comment to the Side, Export for EDGAR…, Show Precedents, Copy Answer, Mark Commitment Checked / Open, Refresh. Files are written only here, on the user's command, and never
 * over an existing file without asking.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { exportRequest, importRequest, newResponseRequest } from '../../../server/src/lsp/requests';
import { blocksFiling } from '../../../server/src/features/gateCodes';
import type { CommitmentsView } from '../views/commitmentsView';
import type { LettersView } from '../views/lettersView';
import { PrecedentsView } from '../views/precedentsView';
import { showCoverage } from './showCoverage';
import { copyPrecedentAnswer, showPrecedents, type PrecedentsTarget } from './showPrecedents';

const LETTER_FILTERS = { 'Staff letters': ['pdf', 'txt', 'htm', 'html', 'md'] };

async function pickLetter(title: string): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({ title, canSelectMany: false, filters: LETTER_FILTERS, openLabel: 'Use this letter' });
  return picked?.[0];
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Writes a new file; when one exists, asks first. Returns false when the user keeps the existing file or cancels. */
async function writeAsking(uri: vscode.Uri, text: string): Promise<'written' | 'kept' | 'cancelled'> {
  if (await exists(uri)) {
    const answer = await vscode.window.showWarningMessage(
      `${vscode.workspace.asRelativePath(uri)} already exists.`,
      { modal: true },
      'Replace',
      'Keep Existing',
    );
    if (answer === 'Keep Existing') return 'kept';
    if (answer !== 'Replace') return 'cancelled';
  }
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return 'written';
}

export function registerCommands(
  client: LanguageClient,
  view: LettersView,
  views: { precedents: PrecedentsView; commitments: CommitmentsView },
): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('corresp.showPrecedents', (arg?: PrecedentsTarget) =>
      showPrecedents(client, arg && typeof arg === 'object' && 'uri' in arg ? arg : undefined),
    ),
    // From the page's link (the answer's text) or the Precedents view's item.
    vscode.commands.registerCommand('corresp.copyPrecedentAnswer', (arg?: unknown) =>
      copyPrecedentAnswer(typeof arg === 'string' ? arg : PrecedentsView.answerOf(arg)),
    ),
    vscode.commands.registerCommand('corresp.refreshPrecedents', () => views.precedents.refresh(true)),
    vscode.commands.registerCommand('corresp.markCommitmentChecked', (node?: unknown, nodes?: unknown[]) => views.commitments.mark(nodes ?? [node], true)),
    vscode.commands.registerCommand('corresp.markCommitmentOpen', (node?: unknown, nodes?: unknown[]) => views.commitments.mark(nodes ?? [node], false)),
    vscode.commands.registerCommand('corresp.refreshCommitments', () => views.commitments.refresh()),
    vscode.commands.registerCommand('corresp.newResponse', async (arg?: vscode.Uri) => {
      const source = arg instanceof vscode.Uri ? arg : await pickLetter('New Response from Staff Letter');
      if (!source) return;
      try {
        const r = await client.sendRequest(newResponseRequest, { uri: source.toString() });
        if (!r) return; // cancelled
        if (r.staff.text !== undefined) {
          const staffResult = await writeAsking(vscode.Uri.parse(r.staff.uri), r.staff.text);
          if (staffResult === 'cancelled') return;
        }
        const draftUri = vscode.Uri.parse(r.draft.uri);
        const result = await writeAsking(draftUri, r.draft.text);
        if (result === 'cancelled') return;
        await vscode.window.showTextDocument(draftUri);
        void vscode.window.showInformationMessage(
          `Corresp: response skeleton for ${r.comments} comment${r.comments === 1 ? '' : 's'}${result === 'kept' ? ' (existing draft kept)' : ''}.`,
        );
      } catch (e) {
        void vscode.window.showErrorMessage(`Corresp: cannot create a response from ${vscode.workspace.asRelativePath(source)}: ${(e as Error).message}`);
      }
    }),
    vscode.commands.registerCommand('corresp.importStaffLetter', async (arg?: vscode.Uri) => {
      const source = arg instanceof vscode.Uri ? arg : await pickLetter('Import Staff Letter');
      if (!source) return;
      try {
        const r = await client.sendRequest(importRequest, { uri: source.toString() });
        if (!r) return; // cancelled
        const target = vscode.Uri.parse(r.uri);
        if (target.toString() === source.toString()) {
          void vscode.window.showInformationMessage('Corresp: this letter is already Corresp Markdown.');
          return;
        }
        const result = await writeAsking(target, r.markdown);
        if (result === 'cancelled') return;
        await vscode.window.showTextDocument(target);
        if (result === 'written')
          void vscode.window.showInformationMessage(
            `Corresp: imported ${r.kind === 'staff-letter' ? 'staff letter' : 'response'} with ${r.comments} comment${r.comments === 1 ? '' : 's'}.`,
          );
      } catch (e) {
        void vscode.window.showErrorMessage(`Corresp: cannot import ${vscode.workspace.asRelativePath(source)}: ${(e as Error).message}`);
      }
    }),
    vscode.commands.registerCommand('corresp.showCoverage', () => showCoverage(client)),
    vscode.commands.registerCommand('corresp.openStaffComment', async (arg?: { uri: string; position: { line: number; character: number } }) => {
      let target = arg;
      if (!target) {
        const editor = vscode.window.activeTextEditor;
        if (!editor) return;
        const locations = (await client.sendRequest('textDocument/definition', {
          textDocument: { uri: editor.document.uri.toString() },
          position: { line: editor.selection.active.line, character: editor.selection.active.character },
        })) as Array<{ uri: string; range: { start: { line: number; character: number } } }> | null;
        const first = locations?.[0];
        if (!first) {
          void vscode.window.showInformationMessage('Corresp: put the cursor on a comment anchor (or “prior comment N”) to open the staff comment.');
          return;
        }
        target = { uri: first.uri, position: first.range.start };
      }
      const position = new vscode.Position(target.position.line, target.position.character);
      await vscode.window.showTextDocument(vscode.Uri.parse(target.uri), {
        viewColumn: vscode.ViewColumn.Beside,
        preserveFocus: false,
        selection: new vscode.Range(position, position),
      });
    }),
    vscode.commands.registerCommand('corresp.refreshLetters', () => view.refresh()),
    vscode.commands.registerCommand('corresp.exportLetter', (arg?: vscode.Uri) => exportLetter(client, arg)),
  ];
}

/**
 * Export for EDGAR: the same gate as `corresp export`. The open items are the draft's published diagnostics that
 * block filing (every error, and the unfinished codes whatever their severity); with any, the user chooses to see
 * them or to export anyway. Then a file name (EDGAR's rules are the server's), and the file written only on asking.
 */
async function exportLetter(client: LanguageClient, arg?: vscode.Uri): Promise<void> {
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showInformationMessage('Corresp: open a response draft to export it.');
    return;
  }
  const open = vscode.languages
    .getDiagnostics(uri)
    .filter((d) => blocksFiling({ code: codeOf(d), severity: d.severity === vscode.DiagnosticSeverity.Error ? 'error' : 'other' }));
  if (open.length > 0) {
    const shown = open.slice(0, 6).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
    const more = open.length > shown.length ? `\n… and ${open.length - shown.length} more` : '';
    const answer = await vscode.window.showWarningMessage(
      `This letter is not ready to file: ${open.length} open item${open.length === 1 ? '' : 's'}.`,
      { modal: true, detail: `${shown.join('\n')}${more}` },
      'Show Problems',
      'Export Anyway',
    );
    if (answer === 'Show Problems') {
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      return;
    }
    if (answer !== 'Export Anyway') return;
  }
  const target = await vscode.window.showSaveDialog({
    title: 'Export for EDGAR',
    defaultUri: vscode.Uri.joinPath(
      uri,
      '..',
      `${uri.path
        .split('/')
        .pop()!
        .replace(/\.[^.]+$/, '')
        .toLowerCase()
        .replace(/[^a-z0-9._-]+/g, '-')}.htm`,
    ),
    filters: { 'EDGAR HTML': ['htm'], 'EDGAR ASCII': ['txt'] },
  });
  if (!target) return;
  try {
    const r = await client.sendRequest(exportRequest, { uri: uri.toString(), format: target.path.endsWith('.txt') ? 'txt' : 'html' });
    if (!r) return;
    if (r.refused) {
      void vscode.window.showErrorMessage(`Corresp: line ${r.refused.line}: ${r.refused.message}`);
      return;
    }
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(r.text));
    void vscode.window.showInformationMessage(
      `Corresp: exported ${vscode.workspace.asRelativePath(target)}${open.length ? ` with ${open.length} open item${open.length === 1 ? '' : 's'}` : ''}${r.notes.length ? ` (${r.notes.join('; ')})` : ''}.`,
    );
  } catch (e) {
    void vscode.window.showErrorMessage(`Corresp: cannot export ${vscode.workspace.asRelativePath(uri)}: ${(e as Error).message}`);
  }
}

function codeOf(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c ?? '');
}
