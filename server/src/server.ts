/**
 * Language server entry: a connection over stdio or IPC (from the command line: --stdio, --node-ipc) and a
 * session. Nothing else lives here.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { Session } from './lsp/session';

const connection = createConnection(ProposedFeatures.all);
new Session(connection, { testHooks: process.env.CORRESP_TEST_HOOKS === '1' }).listen();

// A stray rejection or exception is logged; the server keeps serving the other requests.
process.on('unhandledRejection', (e) => connection.console.error(`corresp: unhandled rejection: ${(e as Error)?.stack ?? String(e)}`));
process.on('uncaughtException', (e) => connection.console.error(`corresp: uncaught exception: ${e?.stack ?? String(e)}`));
