/**
 * The bundled server, spawned over stdio: what it publishes for the example thread and how it answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, tempWorkspace, type Server } from './harness';

let server: Server;
let draft: string;

beforeAll(async () => {
  server = await startServer(tempWorkspace(), { settings: { diagnostics: { delay: 0 } } });
  draft = server.uri('response-2017-08-16.md');
});
afterAll(async () => server?.stop());

const codes = (p: { diagnostics: Array<{ code?: unknown }> }) => p.diagnostics.map((d) => d.code);

describe('the language server on the example thread', () => {
  it('publishes the unanswered comment for a draft nobody has opened (reviewers see coverage at a glance)', async () => {
    const p = await server.diagnostics(draft, (x) => codes(x).includes('comment.missing'));
    const missing = p.diagnostics.find((d) => d.code === 'comment.missing')!;
    expect(missing.message).toMatch(/^Comment 4 is not answered/);
    expect(missing.severity).toBe(1);
    expect(codes(p)).toEqual(expect.arrayContaining(['coverage.summary', 'response.placeholder', 'quote.drift']));
  });

  it('shows the staff’s words and requests when hovering an anchor', async () => {
    await server.open('response-2017-08-16.md');
    const hover = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: draft }, position: { line: 29, character: 2 } })) as {
      contents: { value: string };
    };
    expect(hover.contents.value).toContain('**Comment 1**');
    expect(hover.contents.value).toContain('Item 3. Key Information › A. Selected Financial Data, page 3');
    expect(hover.contents.value).toContain('☐ Confirm that you are not transacting with these customers');
  });

  it('re-checks after an edit: answering comment 3 clears its placeholder warning', async () => {
    const { readFileSync } = await import('node:fs');
    const text = readFileSync(`${server.folder}/response-2017-08-16.md`, 'utf8').replace(
      'Response: TODO',
      'Response: The Company will provide the reconciliations in future earnings releases.',
    );
    await server.change(draft, 2, text);
    const p = await server.diagnostics(draft, (x) => x.version === 2);
    expect(codes(p)).not.toContain('response.placeholder');
    expect(codes(p)).toContain('comment.missing');
  });

  it('answers a failing request with an error and keeps serving', async () => {
    const crashy = await startServer(tempWorkspace(), { env: { CORRESP_TEST_HOOKS: '1' } });
    try {
      await expect(crashy.connection.sendRequest('corresp/test/throw', {})).rejects.toThrow(/deliberate failure/);
      const u = crashy.uri('response-2017-08-16.md');
      await crashy.open('response-2017-08-16.md');
      const symbols = (await crashy.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: u } })) as Array<{ name: string }>;
      expect(symbols.length).toBeGreaterThan(0);
    } finally {
      await crashy.stop();
    }
  });
});
