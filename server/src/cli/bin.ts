/**
 * Process entry of the `corresp` command: real streams, version, today; everything else is main().
 * Reliability: when the reader of stdout goes away (`corresp … | head`), the rest of the output is dropped quietly
 * and the command ends as usual: no EPIPE stack trace.
 */
import { main } from './main';

declare const CORRESP_VERSION: string;

const today = new Date();
const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;

const closed = { stdout: false, stderr: false };
for (const name of ['stdout', 'stderr'] as const) {
  process[name].on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE' || e.code === 'ERR_STREAM_DESTROYED') {
      closed[name] = true;
      return;
    }
    throw e;
  });
}

main(process.argv.slice(2), {
  out: (t) => {
    if (!closed.stdout) process.stdout.write(`${t}\n`);
  },
  err: (t) => {
    if (!closed.stderr) process.stderr.write(`${t}\n`);
  },
  version: typeof CORRESP_VERSION === 'string' ? CORRESP_VERSION : 'dev',
  today: iso,
  cwd: process.cwd(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`corresp: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 2;
  },
);
