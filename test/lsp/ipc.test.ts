/**
 * The server over IPC, as the VS Code client starts it (child_process.fork with --node-ipc).
 */
import { fork } from 'node:child_process';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { expect, it } from 'vitest';
import { createProtocolConnection, IPCMessageReader, IPCMessageWriter, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { SERVER, tempWorkspace } from './harness';

it('publishes diagnostics and answers hovers over IPC', async () => {
  const folder = tempWorkspace();
  const child = fork(SERVER, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  const draft = URI.file(path.join(folder, 'response-2017-08-16.md')).toString();
  const published = new Promise<PublishDiagnosticsParams>((resolve) => {
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      if (p.uri === draft && p.diagnostics.length > 0) resolve(p);
    });
  });
  connection.onRequest('workspace/configuration', () => [{}]);
  connection.listen();
  try {
    const rootUri = URI.file(folder).toString();
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: 'examples' }],
      capabilities: { workspace: { configuration: true } },
    });
    await connection.sendNotification('initialized', {});
    const p = await published;
    expect(p.diagnostics.map((d) => d.code)).toContain('comment.missing');
    const hover = (await connection.sendRequest('textDocument/hover', { textDocument: { uri: draft }, position: { line: 29, character: 2 } })) as {
      contents: { value: string };
    };
    expect(hover.contents.value).toContain('We continue to evaluate your response to prior comment 1');
  } finally {
    connection.dispose();
    child.kill();
    rmSync(folder, { recursive: true, force: true });
  }
});
