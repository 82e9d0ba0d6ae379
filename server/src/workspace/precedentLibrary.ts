/**
 * The precedent library as the language server keeps it: a `PrecedentStore` in the extension's storage folder,
 * brought up to date off the typing path (at start, and a few seconds after letters change on disk), and answered
 * from synchronously once loaded (a hover asks it). The library's folders: the workspace folders, the `library:`
 * folders of their `.corresp.yaml`, the `corresp.library.paths` setting, and the folders `corresp library add`
 * remembers in the CLI's cache. Never the network.
 *
 * Owns: when the store is updated, which folders it spans, leaving out a letter's own thread. Must not: know about
 * the editor or the protocol (the session calls it; features get a `PrecedentFinder`). Never throws: a store that
 * cannot be read or written leaves precedents off and says why in `status`.
 */
import * as path from 'node:path';
import type { StaffLetter } from '../letters/model';
import { staffSummaryOf } from '../precedents/library';
import { findPrecedents, type Precedent, type PrecedentEntry } from '../precedents/similar';
import { oneAtATime } from '../text/oneAtATime';
import { findConfig } from './config';
import { addedFolders, cacheDirOf, folderProblem, PrecedentStore, type UpdateReport } from './precedentStore';

export interface PrecedentLibraryStatus {
  readonly state: 'off' | 'loading' | 'ready' | 'failed';
  readonly comments: number;
  readonly folders: readonly string[];
  readonly message?: string;
  readonly last?: UpdateReport;
}

export interface LibraryFolderSources {
  /** The workspace folders (absolute). */
  readonly workspace: readonly string[];
  /** The `corresp.library.paths` setting: absolute, or relative to the first workspace folder. */
  readonly setting: readonly string[];
  /** The CLI's cache folder, whose `library.json` lists the folders `corresp library add` remembers. */
  readonly added?: string;
}

/** How long after a change on disk the store is updated (changes in a burst are read once). */
const UPDATE_DELAY_MS = 3_000;

/** The library of a workspace; `find` is the features' `PrecedentFinder`. */
export class WorkspacePrecedents {
  private store: PrecedentStore | undefined;
  private folders: string[] = [];
  private timer: NodeJS.Timeout | undefined;
  private threadsCache = new Map<string, Set<string>>();
  /** How many precedents a comment has, by letter and comment text (a hover asks again and again); cleared at each update. */
  private countCache = new Map<string, number>();
  private state: PrecedentLibraryStatus = { state: 'off', comments: 0, folders: [] };
  /** Called after each update (the session refreshes what shows precedents). */
  onUpdated: (status: PrecedentLibraryStatus) => void = () => undefined;

  constructor(
    /** The store's folder: the extension's storage; the CLI's cache folder when the editor gives none. */
    private readonly cacheDir: string | undefined,
    private readonly sources: () => LibraryFolderSources,
    private readonly log: (message: string) => void = () => undefined,
    /** Awaited before each letter the library reads: the server's waits while the writer types (`PrecedentStore.update`). */
    private readonly pause?: () => Promise<void>,
  ) {}

  status(): PrecedentLibraryStatus {
    return this.state;
  }

  /** Updates the store now (or after the update running). Resolves when the library reflects the folders. */
  refresh(): Promise<void> {
    return this.updating();
  }

  private readonly updating = oneAtATime(() => this.update());

  /** A letter file changed on disk: update a few seconds later (a burst of changes is read once). */
  changedSoon(): void {
    if (this.state.state === 'off' && !this.store) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh();
    }, UPDATE_DELAY_MS);
    this.timer.unref?.();
  }

  private async update(): Promise<void> {
    try {
      const folders = await this.libraryFolders();
      this.state = { ...this.state, state: this.store ? this.state.state : 'loading', folders };
      this.store ??= await PrecedentStore.open(this.cacheDir ?? cacheDirOf(undefined));
      const report = await this.store.update(folders, this.pause);
      this.folders = folders;
      this.threadsCache = new Map();
      this.countCache = new Map();
      this.state = { state: 'ready', comments: report.comments, folders, last: report };
      this.log(
        `precedents: ${report.comments} comments in ${folders.length} folder${folders.length === 1 ? '' : 's'} (${report.read} file${report.read === 1 ? '' : 's'} read, ${report.seconds.toFixed(1)} s)`,
      );
    } catch (e) {
      this.state = { ...this.state, state: 'failed', message: (e as Error)?.message ?? String(e) };
      this.log(`precedents: the library cannot be loaded: ${this.state.message}`);
    }
    this.onUpdated(this.state);
  }

  /** The workspace folders, their .corresp.yaml `library:` folders, the setting's folders, and `library add`'s. */
  private async libraryFolders(): Promise<string[]> {
    const { workspace, setting, added } = this.sources();
    const out: string[] = [];
    const push = (f: string) => {
      const abs = path.resolve(f);
      if (!out.includes(abs)) out.push(abs);
    };
    for (const w of workspace) {
      push(w);
      const found = await findConfig(w, { stopAt: w });
      for (const f of found.config.library) push(path.resolve(found.path ? path.dirname(found.path) : w, f));
    }
    for (const f of setting) push(path.resolve(workspace[0] ?? process.cwd(), f));
    if (added) for (const f of await addedFolders(added)) push(f);
    const usable: string[] = [];
    for (const f of out) {
      const problem = await folderProblem(f);
      if (problem) this.log(`precedents: library folder ${f}: ${problem}; left out`);
      else usable.push(f);
    }
    return usable;
  }

  /** The precedents of a comment: none until the library is loaded. Synchronous. */
  find(comment: { readonly text: string }, staff: { readonly path?: string; readonly letter: StaffLetter }, limit: number): Precedent[] {
    const store = this.store;
    if (!store || this.state.state !== 'ready' || comment.text.trim().length === 0) return [];
    return findPrecedents(comment, store.library(), { limit, exclude: this.excluding(store, staff) });
  }

  /** How many precedents `find` would give, without reading their texts (what a hover shows). Synchronous. */
  count(comment: { readonly text: string }, staff: { readonly path?: string; readonly letter: StaffLetter }, limit: number): number {
    const store = this.store;
    if (!store || this.state.state !== 'ready' || comment.text.trim().length === 0) return 0;
    const key = `${staff.path ?? ''}\u0000${limit}\u0000${comment.text}`;
    let n = this.countCache.get(key);
    if (n === undefined) {
      const library = store.library();
      const exclude = this.excluding(store, staff);
      n = library.search.query(comment.text, {
        limit,
        exclude: (id) => {
          const e = library.entry(id);
          return !e || exclude(e);
        },
      }).length;
      if (this.countCache.size > 1000) this.countCache.clear();
      this.countCache.set(key, n);
    }
    return n;
  }

  /**
   * Works out, ahead of the first hover, which threads of the library the given staff letters belong to (to leave
   * them out): a pass over the whole library per letter, paid after an update rather than in a hover.
   */
  warm(staffLetters: readonly { readonly path: string; readonly letter: StaffLetter }[]): void {
    const store = this.store;
    if (!store || this.state.state !== 'ready') return;
    for (const s of staffLetters) this.threadsOf(store, s.path, s.letter);
  }

  /** Leaves out the letter itself, its thread, and files of folders no longer in the library. */
  private excluding(store: PrecedentStore, staff: { readonly path?: string; readonly letter: StaffLetter }): (e: PrecedentEntry) => boolean {
    const threads = staff.path ? this.threadsOf(store, staff.path, staff.letter) : new Set<string>();
    const roots = this.folders.map((f) => f + path.sep);
    return (e) => e.file === staff.path || threads.has(e.thread) || !roots.some((r) => e.file.startsWith(r));
  }

  private threadsOf(store: PrecedentStore, file: string, letter: StaffLetter): Set<string> {
    let threads = this.threadsCache.get(file);
    if (!threads) {
      threads = store.threadsOf(file, staffSummaryOf(letter));
      this.threadsCache.set(file, threads);
    }
    return threads;
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.store?.close();
  }
}
