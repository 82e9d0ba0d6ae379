/**
 * The "Comment Letters" view: threads > letters > comments, each comment with an answered / placeholder / missing
 * icon. Clicking a comment reveals it (the answer in a draft, the comment in the staff letter).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { threadsRequest, type ThreadsResult } from '../../../server/src/lsp/requests';
import { mergeNodes } from '../../../server/src/features/nodesMerge';
import { oneAtATime } from '../../../server/src/text/oneAtATime';

/** The view's nodes, as the server sends them (one declaration: server/src/lsp/requests.ts). */
type ThreadNode = ThreadsResult['threads'][number];
type LetterNode = ThreadNode['letters'][number];
type CommentNode = LetterNode['comments'][number];
type Node = { type: 'thread'; thread: ThreadNode } | { type: 'letter'; letter: LetterNode } | { type: 'comment'; comment: CommentNode };

const ICONS: Record<CommentNode['state'], vscode.ThemeIcon> = {
  answered: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
  placeholder: new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('list.warningForeground')),
  missing: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')),
  comment: new vscode.ThemeIcon('comment'),
};

export class LettersView implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private threads: readonly ThreadNode[] = [];
  /** The nodes by id and the version of the server's answer they are (asked again with it: only changes come back). */
  private byId = new Map<string, ThreadNode>();
  private version: string | undefined;
  private timer: NodeJS.Timeout | undefined;
  /** Whether the view shows; while it does not, a refresh waits until it does. */
  private shown = true;
  private stale = false;

  constructor(private readonly client: LanguageClient) {}

  /** The view was shown or hidden: hidden, it asks nothing (diagnostics change at every keystroke); shown again, it catches up. */
  visible(shown: boolean): void {
    this.shown = shown;
    if (shown && this.stale) this.refreshSoon();
  }

  /** Refreshes within 300 ms; later calls in that window join it (a steady stream of events cannot postpone it). */
  refreshSoon(): void {
    if (!this.shown) {
      this.stale = true;
      return;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, 300);
  }

  /** One ask at a time (an answer is a change from the version its ask named); an ask wanted meanwhile follows it. */
  refresh(): Promise<void> {
    return this.asking();
  }

  private readonly asking = oneAtATime(() => this.ask());

  private async ask(): Promise<void> {
    // While the server (re)starts, keep showing what was there; the client's state change refreshes again.
    if (!this.client.isRunning()) return;
    this.stale = false;
    let result: ThreadsResult;
    try {
      result = await this.client.sendRequest(threadsRequest, this.version !== undefined ? { since: this.version } : {});
    } catch {
      return;
    }
    // Nothing changed since the version held: nothing to draw again.
    if (result.delta && result.version === this.version && result.threads.length === 0) return;
    const merged = mergeNodes({ byId: this.byId, threads: this.threads }, result);
    this.byId = merged.byId;
    this.threads = merged.threads;
    this.version = result.version;
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.threads.map((thread) => ({ type: 'thread', thread }));
    if (node.type === 'thread') return node.thread.letters.map((letter) => ({ type: 'letter', letter }));
    if (node.type === 'letter') return node.letter.comments.map((comment) => ({ type: 'comment', comment }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.type === 'thread') {
      const item = new vscode.TreeItem(node.thread.label, vscode.TreeItemCollapsibleState.Expanded);
      item.description = node.thread.description;
      item.iconPath = new vscode.ThemeIcon('mail');
      item.contextValue = 'thread';
      return item;
    }
    if (node.type === 'letter') {
      const l = node.letter;
      const item = new vscode.TreeItem(l.label, l.kind === 'response' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.description = l.description;
      item.resourceUri = vscode.Uri.parse(l.uri);
      item.iconPath = new vscode.ThemeIcon(l.kind === 'response' ? 'edit' : 'file-text');
      item.command = { title: 'Open', command: 'vscode.open', arguments: [vscode.Uri.parse(l.uri)] };
      item.contextValue = l.kind;
      return item;
    }
    const c = node.comment;
    const item = new vscode.TreeItem(`Comment ${c.number}`, vscode.TreeItemCollapsibleState.None);
    item.description = c.state === 'comment' ? c.caption : `${c.state}${c.caption ? ` · ${c.caption}` : ''}`;
    item.tooltip = new vscode.MarkdownString().appendText(`Comment ${c.number} — ${c.state === 'comment' ? 'staff comment' : c.state}\n\n${c.excerpt}`);
    item.iconPath = ICONS[c.state];
    item.accessibilityInformation = { label: `Comment ${c.number}, ${c.state === 'comment' ? 'staff comment' : c.state}` };
    const position = new vscode.Position(c.position.line, c.position.character);
    item.command = { title: 'Reveal', command: 'vscode.open', arguments: [vscode.Uri.parse(c.uri), { selection: new vscode.Range(position, position) }] };
    item.contextValue = `comment.${c.state}`;
    return item;
  }
}
