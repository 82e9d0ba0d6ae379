/**
 * Opening a workspace: the editor is shown progress (reading letters, then checking drafts, then done) when it
 * supports work-done progress; a second start reads the letters from the analysis cache and publishes the same.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, startServer, tempWorkspace } from './harness';

const cacheDir = mkdtempSync(path.join(tmpdir(), 'corresp-lsp-cache-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

/** A folder of `threads` copies of the example thread (t0/, t1/ …), each letter its own content (a comment added). */
function manyThreads(threads: number): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'corresp-lsp-many-'));
  const example = (name: string) => readFileSync(path.join(ROOT, 'examples', name), 'utf8');
  for (let i = 0; i < threads; i++) {
    mkdirSync(path.join(folder, `t${i}`));
    for (const name of ['staff-letter-2017-08-16.md', 'response-2017-08-16.md']) {
      writeFileSync(path.join(folder, `t${i}`, name), `${example(name)}\n<!-- copy ${i} -->\n`);
    }
  }
  return folder;
}

describe('server start', () => {
  it('shows progress while it reads the letters and checks the drafts, and ends it', async () => {
    const server = await startServer(tempWorkspace(), { workDoneProgress: true, env: { CORRESP_CACHE_DIR: cacheDir } });
    try {
      const draft = server.uri('response-2017-08-16.md');
      await server.diagnostics(draft);
      const deadline = Date.now() + 10_000;
      while (!server.progress.some((v) => (v as { kind?: string }).kind === 'end') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const kinds = server.progress.map((v) => (v as { kind: string }).kind);
      expect(kinds[0]).toBe('begin');
      expect(kinds.at(-1)).toBe('end');
      const messages = server.progress.map((v) => (v as { message?: string }).message ?? '');
      expect(messages.some((m) => /reading letters: \d+ of \d+ files/.test(m))).toBe(true);
      expect(messages.some((m) => /checking 1 drafts?/.test(m))).toBe(true);
    } finally {
      await server.stop();
    }
  });

  it('writes what it read to the analysis cache before it exits, when stopped right after its start', async () => {
    // Forty threads, each letter its own content (entries are kept by content): a queue of entries to write.
    const threads = 40;
    const folder = manyThreads(threads);
    const cache = mkdtempSync(path.join(tmpdir(), 'corresp-lsp-flush-'));
    const server = await startServer(folder, { env: { CORRESP_CACHE_DIR: cache } });
    try {
      await Promise.all(Array.from({ length: threads }, (_, i) => server.diagnostics(server.uri(`t${i}/response-2017-08-16.md`))));
    } finally {
      await server.stop();
    }
    const entries = readdirSync(path.join(cache, 'analysis'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.bin'));
    try {
      // Every letter, and every draft's reading against its staff letter.
      expect(entries.filter((f) => f.endsWith('-reading.bin'))).toHaveLength(threads);
      expect(entries.filter((f) => !f.endsWith('-reading.bin'))).toHaveLength(2 * threads);
    } finally {
      rmSync(folder, { recursive: true, force: true });
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('gives a draft open during a cold start what its own text and staff letter say before the workspace is read, then the rest', async () => {
    // Two hundred threads, each letter its own content, and an empty cache: the scan takes a while.
    const threads = 200;
    const folder = manyThreads(threads);
    const cache = mkdtempSync(path.join(tmpdir(), 'corresp-lsp-open-cache-'));
    const server = await startServer(folder, { workDoneProgress: true, env: { CORRESP_CACHE_DIR: cache } });
    try {
      const open = await server.open('t7/response-2017-08-16.md');
      const first = await server.diagnostics(open);
      const codes = (p: { diagnostics: { code?: unknown }[] }) => p.diagnostics.map((d) => String(d.code));
      // Before the scan ended: the start's progress still says it is reading, and no other draft has been checked.
      const messages = () => server.progress.map((v) => (v as { message?: string }).message ?? '');
      expect(messages().some((m) => /reading letters/.test(m))).toBe(true);
      expect(messages().some((m) => /checking/.test(m))).toBe(false);
      const others = Array.from({ length: threads }, (_, i) => server.uri(`t${i}/response-2017-08-16.md`)).filter((u) => u !== open);
      expect(others.filter((u) => server.count(u) > 0)).toEqual([]);
      // What the draft and its staff letter say (comment 4 unanswered, 3 a placeholder), not what needs the thread.
      expect(codes(first)).toEqual(expect.arrayContaining(['comment.missing', 'response.placeholder', 'coverage.summary']));
      expect(codes(first)).not.toContain('response.overdue');
      // A hover on an anchor is answered too, with the staff's comment, while the start still reads.
      const hover = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: open }, position: { line: 29, character: 2 } })) as {
        contents: { value: string };
      } | null;
      expect(hover?.contents.value).toContain('**Comment 1**');
      // Go to definition from the anchor: the staff letter's comment 1; completion of a citation: the ASC's topics.
      const definition = (await server.connection.sendRequest('textDocument/definition', {
        textDocument: { uri: open },
        position: { line: 29, character: 2 },
      })) as { uri: string }[];
      expect(definition.map((d) => d.uri)).toEqual([server.uri('t7/staff-letter-2017-08-16.md')]);
      const lines = readFileSync(path.join(folder, 't7', 'response-2017-08-16.md'), 'utf8').split('\n');
      const line = lines.findIndex((l) => l.includes('ASC 605-10-S99-1'));
      const completion = (await server.connection.sendRequest('textDocument/completion', {
        textDocument: { uri: open },
        position: { line, character: lines[line]!.indexOf('ASC 605') + 4 },
      })) as { label: string }[];
      expect(completion.map((c) => c.label)).toContain('605');
      // The outline: the draft's comments under their captions.
      const symbols = (await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: open } })) as { name: string }[];
      expect(symbols.length).toBeGreaterThan(0);
      // The quick fix for the unanswered comment the first diagnostics name.
      const missing = (first.diagnostics as { code?: unknown; range: unknown }[]).filter((d) => d.code === 'comment.missing');
      const actions = (await server.connection.sendRequest('textDocument/codeAction', {
        textDocument: { uri: open },
        range: missing[0]!.range,
        context: { diagnostics: missing },
      })) as { title: string }[];
      expect(actions.length).toBeGreaterThan(0);
      // Code lenses that open the staff letter's comments.
      const lenses = (await server.connection.sendRequest('textDocument/codeLens', { textDocument: { uri: open } })) as {
        command: { command: string; arguments?: { uri: string }[] };
      }[];
      expect(lenses.filter((l) => l.command.command === 'corresp.openStaffComment').map((l) => l.command.arguments?.[0]?.uri)).toContain(
        server.uri('t7/staff-letter-2017-08-16.md'),
      );
      expect(messages().some((m) => /checking/.test(m))).toBe(false);
      // Then the full check: the due date too, and everything said before.
      const full = await server.diagnostics(open, (p) => codes(p).includes('response.overdue'), 60_000);
      for (const d of first.diagnostics) expect(full.diagnostics).toContainEqual(d);
      await Promise.all(others.slice(0, 5).map((u) => server.diagnostics(u)));
    } finally {
      await server.stop();
      rmSync(folder, { recursive: true, force: true });
      rmSync(cache, { recursive: true, force: true });
    }
  });

  it('publishes the same diagnostics from the analysis cache as from the files', async () => {
    const filling = await startServer(tempWorkspace(), { env: { CORRESP_CACHE_DIR: cacheDir } });
    await filling.diagnostics(filling.uri('response-2017-08-16.md'));
    await new Promise((r) => setTimeout(r, 500)); // the entries are written in the background
    await filling.stop();
    const first = await startServer(tempWorkspace(), { env: { CORRESP_CACHE_DIR: cacheDir, CORRESP_CACHE: 'off' } });
    const second = await startServer(tempWorkspace(), { env: { CORRESP_CACHE_DIR: cacheDir } });
    try {
      const strip = (p: { diagnostics: unknown[] }) => JSON.stringify(p.diagnostics);
      const a = await first.diagnostics(first.uri('response-2017-08-16.md'));
      const b = await second.diagnostics(second.uri('response-2017-08-16.md'));
      expect(strip(b)).toBe(strip(a));
      expect(readdirSync(path.join(cacheDir, 'analysis')).length).toBeGreaterThan(0);
    } finally {
      await first.stop();
      await second.stop();
    }
  });
});
