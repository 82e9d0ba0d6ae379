/**
 * The "Commitments" view: every promise the workspace's responses make to the staff, thread > commitment, each with
 * the comment it answers and the filing or period it names, and a check box: open until someone has checked the
 * filing it names (the mark is kept in the workspace's state, never in a letter). Clicking a commitment reveals it.
 * The server finds them (corresp/commitments); this file only draws them and keeps the marks.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { mergeNodes } from '../../../server/src/features/nodesMerge';
import { commitmentsRequest, type CommitmentItem, type CommitmentsResponse, type CommitmentThreadItem } from '../../../server/src/lsp/requests';
import { oneAtATime } from '../../../server/src/text/oneAtATime';

const CHECKED_KEY = 'corresp.commitments.checked';

type Node =
  | { type: 'thread'; thread: CommitmentThreadItem }
  | { type: 'commitment'; commitment: CommitmentItem; response: { label: string; description: string; draft: boolean } };

function excerpt(text: string, max = 90): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
}

export class CommitmentsView implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private threads: readonly CommitmentThreadItem[] = [];
  /** The nodes by id and the version of the server's answer they are (asked again with it: only changes come back). */
  private byId = new Map<string, CommitmentThreadItem>();
  private version: string | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: LanguageClient,
    private readonly state: vscode.Memento,
  ) {}

  refreshSoon(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, 500);
  }

  /** One ask at a time (an answer is a change from the version its ask named); an ask wanted meanwhile follows it. */
  refresh(): Promise<void> {
    return this.asking();
  }

  private readonly asking = oneAtATime(() => this.ask());

  private async ask(): Promise<void> {
    if (!this.client.isRunning()) return;
    let result: CommitmentsResponse;
    try {
      result = await this.client.sendRequest(commitmentsRequest, this.version !== undefined ? { since: this.version } : {});
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

  private checked(): Record<string, string> {
    return this.state.get<Record<string, string>>(CHECKED_KEY, {});
  }

  /** Marks commitments checked (with today's date) or open again. */
  async mark(nodes: readonly unknown[], checked: boolean): Promise<void> {
    const marks = { ...this.checked() };
    for (const n of nodes as Node[]) {
      if (n?.type !== 'commitment') continue;
      if (checked) marks[n.commitment.key] = new Date().toISOString().slice(0, 10);
      else delete marks[n.commitment.key];
    }
    await this.state.update(CHECKED_KEY, marks);
    this.changed.fire(undefined);
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.threads.map((thread) => ({ type: 'thread', thread }));
    if (node.type === 'thread') {
      return node.thread.responses.flatMap((r) =>
        r.commitments.map((commitment): Node => ({
          type: 'commitment',
          commitment,
          response: { label: r.label, description: r.description, draft: r.description === 'draft' },
        })),
      );
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.type === 'thread') {
      const t = node.thread;
      const count = t.responses.reduce((n, r) => n + r.commitments.length, 0);
      const item = new vscode.TreeItem(t.label, vscode.TreeItemCollapsibleState.Expanded);
      const open = t.responses.flatMap((r) => r.commitments).filter((c) => !this.checked()[c.key]).length;
      item.description = `${t.description ? `${t.description} · ` : ''}${count} commitment${count === 1 ? '' : 's'}, ${open} open`;
      item.iconPath = new vscode.ThemeIcon('mail');
      item.contextValue = 'commitments.thread';
      return item;
    }
    const c = node.commitment;
    const checkedOn = this.checked()[c.key];
    const comment = c.comments.length ? `Comment ${c.comments.join(', ')}` : 'No comment';
    const item = new vscode.TreeItem(`${comment}: ${excerpt(c.text)}`, vscode.TreeItemCollapsibleState.None);
    const target = c.target ? `${c.target}${c.inherited ? ' (from the answer)' : ''}` : 'names no filing';
    item.description = `${target} · ${checkedOn ? `checked ${checkedOn}` : 'open'}${node.response.draft ? '' : ` · ${node.response.description}`}`;
    item.tooltip = new vscode.MarkdownString().appendText(
      `${comment} · ${node.response.label} (${node.response.description})\n\n${c.text}\n\nFiling or period: ${target}\nProposed text: ${c.proposed ? 'set out' : 'none'}${c.conditional ? '\nConditional (“to the extent material”, “if …”)' : ''}${c.hints.length ? `\nHints: ${c.hints.join(', ')}` : ''}\n\n${checkedOn ? `Checked on ${checkedOn}.` : 'Open: check the filing it names, then tick it.'}`,
    );
    item.checkboxState = checkedOn ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked;
    item.accessibilityInformation = { label: `Commitment, ${comment}, ${target}, ${checkedOn ? 'checked' : 'open'}` };
    item.contextValue = checkedOn ? 'commitment.checked' : 'commitment.open';
    const position = new vscode.Position(c.position.line, c.position.character);
    item.command = { title: 'Reveal', command: 'vscode.open', arguments: [vscode.Uri.parse(c.uri), { selection: new vscode.Range(position, position) }] };
    return item;
  }
}
