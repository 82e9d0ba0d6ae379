/**
 * Corresp uses no network at run time: no bundle loads http, https, net, dns, tls or dgram, statically or while it
 * works (the CLI on real letters including a PDF; the server through a session).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer, tempWorkspace } from '../../lsp/harness';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BUNDLES = ['dist/cli.mjs', 'dist/server.mjs', 'dist/extension.js'];
const NETWORK_IMPORT = /(?:require\(\s*|from\s*|import\(\s*)["'](?:node:)?(?:net|http|https|http2|dns|tls|dgram)["']/;

describe('no network at run time', () => {
  for (const bundle of BUNDLES) {
    it(`${bundle} does not import a network module`, () => {
      const text = readFileSync(path.join(ROOT, bundle), 'utf8');
      expect(text.match(NETWORK_IMPORT)?.[0] ?? null).toBeNull();
      // Where a dependency (vscode-jsonrpc's socket transports) names one, the bundler put a refusing stub in its place.
      if (bundle !== 'dist/cli.mjs') expect(text).toContain('Corresp does not use the network');
    });
  }

  it('the CLI loads no network module while it checks, imports and lists real letters (PDF included)', () => {
    const log = path.join(mkdtempSync(path.join(tmpdir(), 'corresp-net-')), 'log');
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['--require', path.join(__dirname, 'no-network-hook.cjs'), path.join(ROOT, 'dist/cli.mjs'), ...args], {
        cwd: ROOT,
        env: { ...process.env, CORRESP_NETWORK_LOG: log },
        encoding: 'utf8',
      });
    expect(run('check', 'examples/response-2017-08-16.md').status).toBe(1);
    expect(run('comments', 'test/fixtures/real/adm-0000000000-24-005934/staff.pdf', '--format', 'json').status).toBe(0);
    expect(run('import', 'test/fixtures/real/abbv-0000000000-18-013671/response.htm').status).toBe(0);
    expect(existsSync(log) ? readFileSync(log, 'utf8') : '').toBe('');
  });

  it('the server loads no network module through a session', async () => {
    const log = path.join(mkdtempSync(path.join(tmpdir(), 'corresp-net-')), 'log');
    const server = await startServer(tempWorkspace(), {
      env: { CORRESP_NETWORK_LOG: log, NODE_OPTIONS: `--require ${path.join(__dirname, 'no-network-hook.cjs')}` },
    });
    try {
      const draft = server.uri('response-2017-08-16.md');
      await server.diagnostics(draft, (p) => p.diagnostics.length > 0);
      await server.open('response-2017-08-16.md');
      await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: draft }, position: { line: 29, character: 2 } });
    } finally {
      await server.stop();
    }
    expect(existsSync(log) ? readFileSync(log, 'utf8') : '').toBe('');
  });
});
