/**
 * The "Precedents" view: for the staff comment under the cursor (an anchor or its answer in a draft, a comment in a
 * staff letter), the most similar comments other companies received: comment > precedent (company, date, caption),
 * each with its answer. Clicking a precedent opens Show Precedents; "Copy Answer" copies the company's answer.
 * The server finds them (corresp/precedents); this file only draws them.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { precedentsRequest, type PrecedentsResponse } from '../../../server/src/lsp/requests';

type Comment = PrecedentsResponse['comments'][number];
type Item = Comment['precedents'][number];
type Node = { type: 'comment'; comment: Comment } | { type: 'precedent'; precedent: Item; comment: Comment } | { type: 'note'; text: string };

function longDate(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  const d = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
}

export class PrecedentsView implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private result: PrecedentsResponse | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** The position last asked about, so a cursor moving within one comment asks again only when it settles. */
  private asked = '';
  /** Where the cursor last was in a Markdown editor (the view keeps following it while a webview has the focus). */
  private target: { uri: string; version: number; line: number; character: number } | undefined;

  constructor(private readonly client: LanguageClient) {}

  /** Asks again 400 ms after the cursor settles (later calls in that window postpone it). */
  refreshSoon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, 400);
  }

  /** Notes where the cursor is (cheap: no request); called on every selection change. */
  track(editor: vscode.TextEditor | undefined): void {
    if (!editor || editor.document.languageId !== 'markdown') return;
    const p = editor.selection.active;
    this.target = { uri: editor.document.uri.toString(), version: editor.document.version, line: p.line, character: p.character };
  }

  async refresh(force = false): Promise<void> {
    this.track(vscode.window.activeTextEditor);
    const t = this.target;
    if (!t || !this.client.isRunning()) return;
    const key = `${t.uri}@${t.version}:${t.line}:${t.character}`;
    if (key === this.asked && !force) return;
    this.asked = key;
    try {
      this.result = (await this.client.sendRequest(precedentsRequest, { uri: t.uri, position: { line: t.line, character: t.character } })) ?? undefined;
    } catch {
      return;
    }
    this.changed.fire(undefined);
  }

  /** The answer of a precedent node (for Copy Answer). */
  static answerOf(node: unknown): string | undefined {
    const n = node as Node | undefined;
    return n?.type === 'precedent' ? n.precedent.answer : undefined;
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const r = this.result;
      if (!r) return [];
      const notes: Node[] = r.note ? [{ type: 'note', text: r.note }] : [];
      return [...notes, ...r.comments.map((comment): Node => ({ type: 'comment', comment }))];
    }
    if (node.type === 'comment') {
      if (node.comment.precedents.length === 0) return [{ type: 'note', text: 'No similar comment in the library' }];
      return node.comment.precedents.map((precedent): Node => ({ type: 'precedent', precedent, comment: node.comment }));
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.type === 'note') {
      const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('info');
      return item;
    }
    if (node.type === 'comment') {
      const c = node.comment;
      const item = new vscode.TreeItem(`Comment ${c.number}`, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${c.precedents.length} similar${c.caption.length ? ` · ${c.caption[c.caption.length - 1]}` : ''}`;
      item.iconPath = new vscode.ThemeIcon('comment');
      item.contextValue = 'precedents.comment';
      return item;
    }
    const p = node.precedent;
    const item = new vscode.TreeItem(p.company ?? '(company unknown)', vscode.TreeItemCollapsibleState.None);
    item.description = [longDate(p.date), `comment ${p.number}`, p.caption[p.caption.length - 1]].filter(Boolean).join(' · ');
    const staff = p.segments
      .map((s) => s.text)
      .join('')
      .trim();
    item.tooltip = new vscode.MarkdownString().appendText(
      `${p.company ?? ''}${p.filing ? ` · ${p.filing}` : ''}\n\n${staff.slice(0, 600)}${staff.length > 600 ? '…' : ''}\n\n${p.answer ? `Answer: ${p.answer.slice(0, 400)}${p.answer.length > 400 ? '…' : ''}` : 'The answer is not in the library.'}`,
    );
    item.iconPath = new vscode.ThemeIcon(p.answer ? 'law' : 'circle-outline');
    item.accessibilityInformation = { label: `Precedent: ${p.company ?? 'company unknown'}, comment ${p.number}${p.answer ? ', answered' : ''}` };
    item.contextValue = p.answer ? 'precedent.answered' : 'precedent';
    item.command = { title: 'Show Precedents', command: 'corresp.showPrecedents', arguments: [] };
    return item;
  }
}
