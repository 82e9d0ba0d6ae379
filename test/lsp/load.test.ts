/**
 * The bundled server under load and faults: unknown documents and positions out of range, a burst of 1,000
 * edits (the last state wins and the checks do not queue up), the re-check delay (an edit after a pause is checked
 * at once, one right after a check waits), cancellation, and never writing a file.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, tempWorkspace, type Server } from './harness';

let server: Server | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

function snapshot(folder: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(folder)) out[f] = `${statSync(path.join(folder, f)).mtimeMs}:${readFileSync(path.join(folder, f), 'utf8').length}`;
  return out;
}

describe('the server under load and faults', () => {
  it('answers requests for unknown documents and positions out of range with empty results', async () => {
    server = await startServer(tempWorkspace());
    const c = server.connection;
    const unknown = { textDocument: { uri: 'file:///nowhere/draft.md' }, position: { line: 3, character: 1 } };
    expect(await c.sendRequest('textDocument/hover', unknown)).toBeNull();
    expect(await c.sendRequest('textDocument/definition', unknown)).toEqual([]);
    expect(await c.sendRequest('textDocument/completion', unknown)).toEqual([]);
    const draft = await server.open('response-2017-08-16.md');
    const far = { textDocument: { uri: draft }, position: { line: 99_999, character: 99_999 } };
    expect(await c.sendRequest('textDocument/hover', far)).toBeNull();
    expect(await c.sendRequest('textDocument/documentSymbol', { textDocument: { uri: draft } })).not.toEqual([]);
    await expect(
      c.sendRequest('textDocument/codeAction', {
        textDocument: { uri: draft },
        range: { start: { line: -5, character: -1 }, end: { line: 10_000, character: 0 } },
        context: { diagnostics: [] },
      }),
    ).resolves.toBeInstanceOf(Array);
  });

  it('takes a burst of 1,000 edits: the last state wins and far fewer checks are published than edits', async () => {
    server = await startServer(tempWorkspace());
    const draft = await server.open('response-2017-08-16.md');
    await server.diagnostics(draft);
    const base = readFileSync(path.join(server.folder, 'response-2017-08-16.md'), 'utf8');
    const before = server.count(draft);
    for (let v = 2; v <= 1001; v++) {
      // Every edit types one more character into comment 3's placeholder; the last one answers it.
      const text =
        v === 1001
          ? base.replace('Response: TODO', 'Response: The Company will reconcile segment Adjusted EBITDA in future releases.')
          : base.replace('Response: TODO', `Response: TODO ${'x'.repeat(v % 7)}`);
      void server.change(draft, v, text);
    }
    const last = await server.diagnostics(draft, (p) => p.version === 1001);
    expect(last.diagnostics.map((d) => d.code)).not.toContain('response.placeholder');
    const published = server.count(draft) - before;
    expect(published).toBeLessThan(250);
    // Nothing published after the last version claims an older one.
    expect(server.latest(draft)!.version).toBe(1001);
  });

  it('checks an edit after a pause at once, and makes an edit right after a check wait the delay', async () => {
    // A long delay, so that "at once" and "waited" cannot be confused whatever the machine's load.
    const delay = 2000;
    server = await startServer(tempWorkspace(), { settings: { diagnostics: { delay } } });
    const draft = await server.open('response-2017-08-16.md');
    await server.diagnostics(draft);
    const base = readFileSync(path.join(server.folder, 'response-2017-08-16.md'), 'utf8');
    // A pause: no check for longer than the delay (start-up may schedule one more, after the settings arrive).
    for (let seen = -1; seen !== server.count(draft);) {
      seen = server.count(draft);
      await new Promise((r) => setTimeout(r, delay + 300));
    }
    let sent = performance.now();
    void server.change(draft, 2, base.replace('Response: TODO', 'Response: TODO a'));
    await server.diagnostics(draft, (p) => p.version === 2);
    expect(performance.now() - sent).toBeLessThan(delay);
    // Straight after that check: this edit is coalesced with whatever follows it, so it waits.
    sent = performance.now();
    void server.change(draft, 3, base.replace('Response: TODO', 'Response: TODO ab'));
    await server.diagnostics(draft, (p) => p.version === 3);
    expect(performance.now() - sent).toBeGreaterThanOrEqual(delay - 50);
  }, 30_000);

  it('honours cancellation', async () => {
    server = await startServer(tempWorkspace());
    const draft = await server.open('response-2017-08-16.md');
    const { CancellationTokenSource } = await import('vscode-languageserver-protocol/node');
    const source = new CancellationTokenSource();
    const pending = server.connection.sendRequest('textDocument/hover', { textDocument: { uri: draft }, position: { line: 29, character: 2 } }, source.token);
    source.cancel();
    const result = await pending.then(
      (r) => ({ r }),
      (e: Error & { code?: number }) => ({ e }),
    );
    // Either the request was answered before the cancellation arrived, or it was cancelled: never a crash.
    if ('e' in result) expect(result.e.code).toBe(-32800);
    expect(await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: draft }, position: { line: 29, character: 2 } })).not.toBeNull();
  });

  it('never writes a file: the folder is byte-for-byte the same after a session of edits and quick fixes', async () => {
    const folder = tempWorkspace();
    const before = snapshot(folder);
    server = await startServer(folder);
    const draft = await server.open('response-2017-08-16.md');
    const p = await server.diagnostics(draft, (x) => x.diagnostics.some((d) => d.code === 'comment.missing'));
    await server.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: draft },
      range: p.diagnostics[0]!.range,
      context: { diagnostics: p.diagnostics },
    });
    await server.change(draft, 2, 'changed in the editor only');
    await server.diagnostics(draft, (x) => x.version === 2);
    expect(snapshot(folder)).toEqual(before);
  });
});
