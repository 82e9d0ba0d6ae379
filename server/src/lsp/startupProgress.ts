/**
 * The editor's progress for opening a workspace (LSP work-done progress, a window notification in VS Code): reading
 * the letters (the scan), then checking every draft, with counts. Reports at most every 200 ms. Does nothing when the
 * client does not support progress, and never fails the session (a lost progress message is only a lost message).
 */
import type { Connection, WorkDoneProgressServerReporter } from 'vscode-languageserver';

const EVERY_MS = 200;

export class StartupProgress {
  private reporter: WorkDoneProgressServerReporter | undefined;
  private last = 0;
  private drafts = new Set<string>();
  private draftsTotal = 0;
  private ended = false;
  private markFinished!: () => void;
  /** Settles once the start is over: every draft of the scan published (or the start failed). */
  readonly finished = new Promise<void>((resolve) => {
    this.markFinished = resolve;
  });

  constructor(private readonly connection: Connection) {}

  async begin(): Promise<void> {
    try {
      this.reporter = await this.connection.window.createWorkDoneProgress();
      this.reporter.begin('Corresp', 0, 'reading letters…', false);
    } catch {
      this.reporter = undefined;
    }
  }

  /** The scan read `done` of `total` files (0–50%). */
  reading(done: number, total: number): void {
    this.report(total > 0 ? Math.floor((50 * done) / total) : 50, `reading letters: ${done} of ${total} files`, done === total);
  }

  /** The drafts whose diagnostics end the start (50–100%); `end` comes once the last is published. */
  checking(uris: readonly string[]): void {
    this.drafts = new Set(uris);
    this.draftsTotal = uris.length;
    if (uris.length === 0) this.end();
    else this.report(50, `checking ${uris.length} drafts`, true);
  }

  published(uri: string): void {
    if (!this.drafts.delete(uri)) return;
    const done = this.draftsTotal - this.drafts.size;
    if (this.drafts.size === 0) this.end();
    else this.report(50 + Math.floor((50 * done) / this.draftsTotal), `checking drafts: ${done} of ${this.draftsTotal}`, false);
  }

  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.markFinished();
    try {
      this.reporter?.done();
    } catch {
      // The client went away.
    }
  }

  private report(percent: number, message: string, force: boolean): void {
    if (!this.reporter || this.ended) return;
    const now = performance.now();
    if (!force && now - this.last < EVERY_MS) return;
    this.last = now;
    try {
      this.reporter.report(percent, message);
    } catch {
      // The client went away.
    }
  }
}

/** How long background work waits for the start at the most (a draft that never publishes must not hold it back for ever). */
export const AFTER_START_MS = 60_000;

/**
 * Settles once the start is over (`finished`) or after `ms` at the latest: when the precedent library is built, so
 * that reading it (the same work as the scan again) never holds the drafts' first diagnostics back. The timer does
 * not keep the process alive.
 */
export function afterStart(finished: Promise<void>, ms = AFTER_START_MS): Promise<void> {
  return Promise.race([finished, new Promise<void>((r) => setTimeout(r, ms).unref?.())]);
}
