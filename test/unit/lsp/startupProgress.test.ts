/**
 * The start of the editor's session and what waits for it: `StartupProgress.finished` settles once every draft of the
 * scan has its first diagnostics; `afterStart` settles then, or after its timeout at the latest; and the session
 * builds the precedent library only after that (reading the library is the scan's work again: done at once, it would
 * hold the drafts' first diagnostics back).
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { createConnection, type Connection } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { Session } from '../../../server/src/lsp/session';
import { AFTER_START_MS, afterStart, StartupProgress } from '../../../server/src/lsp/startupProgress';
import { WorkspacePrecedents } from '../../../server/src/workspace/precedentLibrary';
import { ROOT } from '../cli/helpers';

/** Whether a promise has settled, after the callbacks queued now have run. */
async function settled(p: Promise<unknown>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await Promise.resolve();
  await Promise.resolve();
  return done;
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('StartupProgress.finished', () => {
  const progress = () => new StartupProgress({} as Connection);

  it('settles once the last draft of the scan is published, not before (and not for a file that is no draft)', async () => {
    const p = progress();
    p.checking(['file:///a.md', 'file:///b.md']);
    p.published('file:///a.md');
    p.published('file:///notes.md');
    expect(await settled(p.finished)).toBe(false);
    p.published('file:///b.md');
    expect(await settled(p.finished)).toBe(true);
  });

  it('settles at once for a workspace with no drafts, and when the start fails (end)', async () => {
    const none = progress();
    none.checking([]);
    expect(await settled(none.finished)).toBe(true);
    const failed = progress();
    expect(await settled(failed.finished)).toBe(false);
    failed.end();
    expect(await settled(failed.finished)).toBe(true);
  });
});

describe('afterStart', () => {
  it('waits for the start to finish', async () => {
    vi.useFakeTimers();
    let finish!: () => void;
    const after = afterStart(new Promise<void>((r) => (finish = r)));
    vi.advanceTimersByTime(AFTER_START_MS - 1);
    expect(await settled(after)).toBe(false);
    finish();
    expect(await settled(after)).toBe(true);
  });

  it('waits no longer than its timeout for a start that never finishes', async () => {
    vi.useFakeTimers();
    const after = afterStart(new Promise<void>(() => undefined), 5_000);
    vi.advanceTimersByTime(4_999);
    expect(await settled(after)).toBe(false);
    vi.advanceTimersByTime(1);
    expect(await settled(after)).toBe(true);
  });
});

describe('the session', () => {
  it('builds the precedent library only once every draft has its first diagnostics', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'corresp-start-'));
    const storage = mkdtempSync(path.join(tmpdir(), 'corresp-storage-'));
    cpSync(path.join(ROOT, 'examples'), folder, { recursive: true });
    mkdirSync(path.join(folder, '.git'));
    const events: string[] = [];
    // What the session does, in order: each draft's diagnostics sent, and the library's refresh (not run: only noted).
    const refreshed = new Promise<void>((resolve) => {
      vi.spyOn(WorkspacePrecedents.prototype, 'refresh').mockImplementation(() => {
        events.push('library');
        resolve();
        return Promise.resolve();
      });
    });
    const toServer = new PassThrough();
    const toClient = new PassThrough();
    const connection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
    const send = connection.sendDiagnostics.bind(connection);
    connection.sendDiagnostics = async (params) => {
      events.push(`diagnostics ${path.basename(URI.parse(params.uri).fsPath)}`);
      return send(params);
    };
    new Session(connection, { today: () => '2017-08-25' }).listen();
    const client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    client.onRequest('workspace/configuration', () => [{}]);
    client.onRequest('client/registerCapability', () => null);
    client.listen();
    try {
      const rootUri = URI.file(folder).toString();
      await client.sendRequest('initialize', {
        processId: process.pid,
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: 'examples' }],
        capabilities: {},
        initializationOptions: { storage, trusted: true },
      });
      await client.sendNotification('initialized', {});
      await refreshed;
      expect(events).toEqual(['diagnostics response-2017-08-16.md', 'library']);
    } finally {
      client.dispose();
      rmSync(folder, { recursive: true, force: true });
      rmSync(storage, { recursive: true, force: true });
    }
  });
});
