/**
 * Process entry of the `corresp` command: real streams, version, today; everything else is main().
 */
import { main } from './main';

declare const CORRESP_VERSION: string;

const today = new Date();
const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;

main(process.argv.slice(2), {
  out: (t) => process.stdout.write(`${t}\n`),
  err: (t) => process.stderr.write(`${t}\n`),
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
