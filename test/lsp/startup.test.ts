/**
 * Opening a workspace: the editor is shown progress (reading letters, then checking drafts, then done) when it
 * supports work-done progress; a second start reads the letters from the analysis cache and publishes the same.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, tempWorkspace } from './harness';

const cacheDir = mkdtempSync(path.join(tmpdir(), 'corresp-lsp-cache-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

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
