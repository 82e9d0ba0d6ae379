/**
 * A Word draft in the workspace (never opened as text): the server reads it at the scan because its document
 * properties name its staff letter, publishes its problems against the .docx, and lists it in the threads view.
 */
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startServer, tempWorkspace, type Server } from './harness';

let server: Server;
let draft: string;

beforeAll(async () => {
  server = await startServer(tempWorkspace(path.join(ROOT, 'test', 'fixtures', 'docx')), { settings: { diagnostics: { delay: 0 } } });
  draft = server.uri('word-draft.docx');
});
afterAll(async () => server?.stop());

describe('a Word response draft in the workspace', () => {
  it('gets its problems published against the .docx: coverage, tracked changes and the Word comments', async () => {
    const p = await server.diagnostics(draft, (x) => x.diagnostics.some((d) => d.code === 'coverage.summary'));
    const codes = p.diagnostics.map((d) => d.code);
    expect(p.diagnostics.find((d) => d.code === 'coverage.summary')?.message).toMatch(/^5 of 5 staff comments answered/);
    expect(codes.filter((c) => c === 'letter.word-comment')).toHaveLength(2);
    expect(codes).toContain('letter.tracked-changes');
  });

  it('appears in the Comment Letters view with its coverage', async () => {
    const { threads } = (await server.connection.sendRequest('corresp/threads', {})) as {
      threads: Array<{ letters: Array<{ uri: string; comments: Array<{ number: number; state: string }> }> }>;
    };
    const letter = threads.flatMap((t) => t.letters).find((l) => l.uri === draft);
    expect(letter?.comments.map((c) => `${c.number} ${c.state}`)).toEqual(['1 answered', '2 answered', '3 answered', '4 answered', '5 answered']);
  });

  it('leaves alone Word files that name no staff letter', async () => {
    const { threads } = (await server.connection.sendRequest('corresp/threads', {})) as { threads: Array<{ letters: Array<{ uri: string }> }> };
    expect(
      threads
        .flatMap((t) => t.letters)
        .filter((l) => l.uri.endsWith('.docx'))
        .map((l) => path.basename(l.uri)),
    ).toEqual(['word-draft.docx']);
  });
});
