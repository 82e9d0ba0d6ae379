/**
 * Quiet moments for work in the background: `wait()` resolves once the writer has not changed a document for
 * `quietMs` and the session has no check pending or running (`busy`). The precedent library waits for one before each
 * letter it reads on the server's thread, so that a keystroke is checked at once rather than after a letter being read
 * (measured: publishes after an edit of 150–230 ms while the library was built, 35–45 ms without). A writer who types
 * without a pause holds the background work back; nothing is lost, it only waits.
 */
export const QUIET_MS = 500;
const POLL_MS = 50;

export class QuietMoments {
  private lastEdited = -Infinity;

  constructor(
    /** Whether the session is checking, or has a check waiting. */
    private readonly busy: () => boolean,
    private readonly quietMs = QUIET_MS,
  ) {}

  /** The writer changed an open document. */
  edited(): void {
    this.lastEdited = performance.now();
  }

  /** Resolves at the next quiet moment (at once when it is one). */
  async wait(): Promise<void> {
    for (;;) {
      const since = performance.now() - this.lastEdited;
      if (since >= this.quietMs && !this.busy()) return;
      await new Promise((resolve) => setTimeout(resolve, Math.max(POLL_MS, this.quietMs - since)));
    }
  }
}
