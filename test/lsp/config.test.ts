/**
 * The server reads the repository's .corresp.yaml like the CLI does, reports a bad one on its own lines, and
 * serves the reviewer's report for Show Coverage.
 */
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, tempWorkspace, type Server } from './harness';

let server: Server | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe('repository configuration and the report', () => {
  it('applies .corresp.yaml severities, with extra placeholders counting as placeholders', async () => {
    const folder = tempWorkspace();
    writeFileSync(
      path.join(folder, '.corresp.yaml'),
      'severities:\n  quote.drift: off\n  comment.missing: warning\nplaceholders:\n  - "[Company to confirm]"\n',
    );
    const draftPath = path.join(folder, 'response-2017-08-16.md');
    const { readFileSync } = await import('node:fs');
    writeFileSync(draftPath, readFileSync(draftPath, 'utf8').replace(/(\*\*2\. In your response[\s\S]*?\n\nResponse: )[^\n]*/, '$1[Company to confirm]'));
    server = await startServer(folder);
    const p = await server.diagnostics(server.uri('response-2017-08-16.md'), (x) => x.diagnostics.length > 0);
    const codes = p.diagnostics.map((d) => `${d.code}:${d.severity}`);
    expect(codes).not.toContain('quote.drift:2');
    expect(codes).toContain('comment.missing:2');
    expect(p.diagnostics.filter((d) => d.code === 'response.placeholder').map((d) => d.message)).toContain('The response to comment 2 is only a placeholder.');
  });

  it('reports a bad .corresp.yaml on its own lines', async () => {
    const folder = tempWorkspace();
    writeFileSync(path.join(folder, '.corresp.yaml'), 'severities:\n  quote.drift: loud\n');
    server = await startServer(folder);
    const p = await server.diagnostics(server.uri('.corresp.yaml'), (x) => x.diagnostics.length > 0);
    expect(p.diagnostics[0]!.range.start.line).toBe(1);
    expect(p.diagnostics[0]!.message).toMatch(/loud/);
  });

  it('serves the coverage report for Show Coverage', async () => {
    server = await startServer(tempWorkspace());
    const { html } = (await server.connection.sendRequest('corresp/report', {})) as { html: string };
    expect(html).toContain('21Vianet Group, Inc.');
    expect(html).toMatch(/3\s*of\s*5/);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/i);
  });
});
