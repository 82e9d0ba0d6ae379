/**
 * A minimal LSP client for the benchmark: spawns dist/server.mjs --stdio, frames JSON-RPC by hand (so timestamps are
 * taken where the bytes arrive, with no library in between), answers the server's requests (configuration,
 * registrations), and lets the caller wait for a publishDiagnostics matching a predicate. The server is launched as
 * the extension launches it (client/src/serverLaunch.json: its runtime flags and environment) unless `asExtension` is
 * false.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

export const fileUri = (p) => pathToFileURL(p).href;

const LAUNCH = JSON.parse(readFileSync(new URL('../../client/src/serverLaunch.json', import.meta.url), 'utf8'));

export function startServer(serverPath, folder, { settings = {}, nodeArgs = [], env = {}, initializationOptions, asExtension = true } = {}) {
  const spawnedAt = performance.now();
  const launch = asExtension ? LAUNCH : { execArgv: [], env: {} };
  const child = spawn(process.execPath, [...launch.execArgv, ...nodeArgs, serverPath, '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...launch.env, ...env },
  });
  const logs = [];
  child.stderr.on('data', (d) => logs.push(String(d)));
  let buffer = Buffer.alloc(0);
  let nextId = 1;
  const pending = new Map();
  const waiters = [];
  /** Every publishDiagnostics, with the time it arrived. */
  const published = [];
  const byUri = new Map();

  const send = (msg) => {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...msg }), 'utf8');
    child.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  };
  const onMessage = (msg, at) => {
    if (msg.id !== undefined && msg.method === undefined) {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      if (p && msg.error) p.reject(new Error(msg.error.message));
      else if (p) p.resolve(msg.result);
      return;
    }
    if (msg.method === 'textDocument/publishDiagnostics') {
      const entry = { ...msg.params, at };
      published.push(entry);
      byUri.set(msg.params.uri, entry);
      for (const w of [...waiters]) {
        if (w.test(entry)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(entry);
        }
      }
      return;
    }
    if (msg.method === 'window/logMessage' || msg.method === 'window/showMessage') {
      logs.push(msg.params.message);
      return;
    }
    if (msg.id !== undefined) {
      // A request from the server.
      const result = msg.method === 'workspace/configuration' ? (msg.params.items ?? []).map(() => settings) : null;
      send({ id: msg.id, result });
    }
  };
  child.stdout.on('data', (chunk) => {
    const at = performance.now();
    buffer = buffer.length ? Buffer.concat([buffer, chunk]) : chunk;
    for (;;) {
      const headerEnd = buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const m = /Content-Length: (\d+)/i.exec(buffer.subarray(0, headerEnd).toString('ascii'));
      const length = Number(m[1]);
      if (buffer.length < headerEnd + 4 + length) return;
      const body = buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      buffer = buffer.subarray(headerEnd + 4 + length);
      onMessage(JSON.parse(body), at);
    }
  });
  const exited = new Promise((resolve) => child.on('exit', resolve));

  const api = {
    child,
    logs,
    spawnedAt,
    published,
    request(method, params) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        send({ id, method, params });
      });
    },
    notify(method, params) {
      send({ method, params });
    },
    /** Resolves with the first publishDiagnostics (already seen or to come) for which `test` holds. */
    waitFor(test, timeoutMs = 120_000, { includeSeen = true } = {}) {
      if (includeSeen) {
        const seen = published.find(test);
        if (seen) return Promise.resolve(seen);
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching publishDiagnostics within ${timeoutMs} ms\n${logs.join('\n').slice(-2000)}`)), timeoutMs);
        waiters.push({
          test,
          resolve: (p) => {
            clearTimeout(timer);
            resolve(p);
          },
        });
      });
    },
    latest: (uri) => byUri.get(uri),
    async initialize() {
      const rootUri = fileUri(folder);
      await api.request('initialize', {
        processId: process.pid,
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: path.basename(folder) }],
        ...(initializationOptions ? { initializationOptions } : {}),
        capabilities: {
          workspace: { configuration: true },
          textDocument: { publishDiagnostics: { versionSupport: true }, synchronization: { didSave: false } },
        },
      });
      const at = performance.now();
      api.notify('initialized', {});
      return at;
    },
    open(file, text = readFileSync(file, 'utf8')) {
      const uri = fileUri(file);
      api.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } });
      return uri;
    },
    /** CPU time the server process has used so far (user + system, from /proc; 10 ms resolution). */
    cpuMs() {
      try {
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return (Number(fields[11]) + Number(fields[12])) * 10;
      } catch {
        return NaN;
      }
    },
    /** The server process's memory from /proc (kB → MB): resident now and the peak. */
    memory() {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
        return { rssMB: kb('VmRSS') / 1024, peakRssMB: kb('VmHWM') / 1024 };
      } catch {
        return { rssMB: NaN, peakRssMB: NaN };
      }
    },
    async stop() {
      try {
        await Promise.race([api.request('shutdown', null), new Promise((r) => setTimeout(r, 3000))]);
        api.notify('exit', null);
      } catch {
        // gone already
      }
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill();
    },
  };
  return api;
}
