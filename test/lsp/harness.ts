/**
 * Spawns the bundled language server (dist/server.mjs) over stdio and talks LSP to it, the way an editor does.
 * Waits for what it needs (a publishDiagnostics matching a predicate), never for a fixed time.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SERVER = path.join(ROOT, 'dist', 'server.mjs');

export interface Server {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  readonly folder: string;
  readonly logs: string[];
  uri(file: string): string;
  /** Resolves with the first publishDiagnostics for `uri` that satisfies `until` (default: any). */
  diagnostics(uri: string, until?: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  latest(uri: string): PublishDiagnosticsParams | undefined;
  /** How many publishDiagnostics the server has sent for `uri`. */
  count(uri: string): number;
  /** The values of every $/progress notification (when started with workDoneProgress). */
  readonly progress: unknown[];
  open(file: string, text?: string): Promise<string>;
  change(uri: string, version: number, text: string): Promise<void>;
  stop(): Promise<void>;
}

export function tempWorkspace(from = path.join(ROOT, 'examples')): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'corresp-lsp-'));
  cpSync(from, dir, { recursive: true });
  return dir;
}

export async function startServer(
  folder: string,
  options: {
    settings?: Record<string, unknown>;
    env?: Record<string, string>;
    workDoneProgress?: boolean;
    initializationOptions?: Record<string, unknown>;
  } = {},
): Promise<Server> {
  // The precedent store goes beside the workspace, never into the user's cache.
  const cache = `${folder}.cache`;
  const child = spawn(process.execPath, [SERVER, '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, CORRESP_CACHE_DIR: cache, ...options.env },
  });
  const logs: string[] = [];
  child.stderr!.on('data', (d) => logs.push(String(d)));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published = new Map<string, PublishDiagnosticsParams[]>();
  const waiters: Array<{ uri: string; until: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }> = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.set(p.uri, [...(published.get(p.uri) ?? []), p]);
    for (const w of [...waiters]) {
      if (w.uri === p.uri && w.until(p)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p);
      }
    }
  });
  connection.onNotification('window/logMessage', (p: { message: string }) => {
    logs.push(p.message);
  });
  connection.onRequest('workspace/configuration', () => [options.settings ?? {}]);
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  const progress: unknown[] = [];
  connection.onNotification('$/progress', (p: { value: unknown }) => {
    progress.push(p.value);
  });
  connection.listen();
  const rootUri = URI.file(folder).toString();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: path.basename(folder) }],
    ...(options.initializationOptions ? { initializationOptions: options.initializationOptions } : {}),
    capabilities: {
      workspace: { configuration: true },
      textDocument: { publishDiagnostics: { versionSupport: true } },
      ...(options.workDoneProgress ? { window: { workDoneProgress: true } } : {}),
    },
  });
  await connection.sendNotification('initialized', {});
  const uri = (file: string) => URI.file(path.join(folder, file)).toString();
  return {
    connection,
    progress,
    process: child,
    folder,
    logs,
    uri,
    diagnostics(target, until = () => true, timeoutMs = 20_000) {
      const seen = (published.get(target) ?? []).find(until);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `no matching diagnostics for ${target} within ${timeoutMs} ms; got ${JSON.stringify(published.get(target)?.map((p) => p.diagnostics.map((d) => d.code)))}\nlogs:\n${logs.join('')}`,
              ),
            ),
          timeoutMs,
        );
        waiters.push({
          uri: target,
          until,
          resolve: (p) => {
            clearTimeout(timer);
            resolve(p);
          },
        });
      });
    },
    latest: (target) => published.get(target)?.at(-1),
    count: (target) => published.get(target)?.length ?? 0,
    async open(file, text) {
      const u = uri(file);
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: u, languageId: 'markdown', version: 1, text: text ?? readFileSync(path.join(folder, file), 'utf8') },
      });
      return u;
    },
    async change(u, version, text) {
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri: u, version }, contentChanges: [{ text }] });
    },
    async stop() {
      try {
        await Promise.race([connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
        await connection.sendNotification('exit');
      } catch {
        // already gone
      }
      connection.dispose();
      child.kill();
      rmSync(folder, { recursive: true, force: true });
      rmSync(cache, { recursive: true, force: true });
    },
  };
}
