/**
 * Language server entry: a connection over stdio or IPC (from the command line: --stdio, --node-ipc), a session,
 * and the process's collection when idle. Nothing else lives here.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { fullCollector, IdleCollection } from './lsp/idleCollection';
import { Session } from './lsp/session';

const connection = createConnection(ProposedFeatures.all);
new Session(connection, { testHooks: process.env.CORRESP_TEST_HOOKS === '1' }).listen();
// What a burst of work (a cold start of a large workspace) let go is given back once the server is idle.
const mb = (bytes: number) => (bytes / 1048576).toFixed(0);
const collector = fullCollector();
new IdleCollection(collector, {}, undefined, undefined, (c) =>
  connection.console.log(
    `corresp: idle, memory given back: heap ${mb(c.before)} -> ${mb(c.after)} MB (${c.ms.toFixed(0)} ms${collector?.compacts ? ', compacted' : ''})`,
  ),
).start();

// A stray rejection or exception is logged; the server keeps serving the other requests.
process.on('unhandledRejection', (e) => connection.console.error(`corresp: unhandled rejection: ${(e as Error)?.stack ?? String(e)}`));
process.on('uncaughtException', (e) => connection.console.error(`corresp: uncaught exception: ${e?.stack ?? String(e)}`));
