/**
 * The commands under the category "Corresp": New Response from Staff Letter…, Import Staff Letter…, Show
 * Coverage, Open Staff Comment to the Side, Refresh. Files are written only here, on the user's command, and never
 * over an existing file without asking.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { importRequest, newResponseRequest } from '../../../server/src/lsp/requests';
import type { LettersView } from '../views/lettersView';
import { showCoverage } from './showCoverage';

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
    const answer = await vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(uri)} already exists.`, { modal: true }, 'Replace', 'Keep Existing');
    if (answer === 'Keep Existing') return 'kept';
    if (answer !== 'Replace') return 'cancelled';
  }
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return 'written';
}

export function registerCommands(client: LanguageClient, view: LettersView): vscode.Disposable[] {
  return [
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
        void vscode.window.showInformationMessage(`Corresp: response skeleton for ${r.comments} comment${r.comments === 1 ? '' : 's'}${result === 'kept' ? ' (existing draft kept)' : ''}.`);
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
        if (result === 'written') void vscode.window.showInformationMessage(`Corresp: imported ${r.kind === 'staff-letter' ? 'staff letter' : 'response'} with ${r.comments} comment${r.comments === 1 ? '' : 's'}.`);
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
      await vscode.window.showTextDocument(vscode.Uri.parse(target.uri), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false, selection: new vscode.Range(position, position) });
    }),
    vscode.commands.registerCommand('corresp.refreshLetters', () => view.refresh()),
  ];
}
