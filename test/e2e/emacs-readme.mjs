// test/e2e/emacs-readme.mjs
//
// Owns: proving the README's Emacs (eglot) configuration works as written. Takes the ```elisp block from
// README.md, points it at this checkout's dist/server.mjs, and in batch Emacs (Debian's emacs-nox with elpa-eglot
// and elpa-markdown-mode) opens the example draft from a temp copy of examples/, connects eglot with the
// configured server program, and polls flymake (accept-process-output, never a fixed sleep) until the unanswered
// comment arrives.
//
// Run: node test/e2e/emacs-readme.mjs   (build first: node esbuild.mjs). Exit 0 on success, 1 otherwise.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const block = /```elisp\n([\s\S]*?)```/.exec(readme)?.[1];
if (!block || !block.includes('/path/to/corresp/dist/server.mjs')) {
  console.error('emacs-readme: README.md needs an ```elisp block naming /path/to/corresp/dist/server.mjs');
  process.exit(1);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corresp-emacs-'));
const ws = path.join(dir, 'examples');
fs.cpSync(path.join(REPO_ROOT, 'examples'), ws, { recursive: true });
const draft = path.join(ws, 'response-2017-08-16.md');
const init = path.join(dir, 'init.el');
fs.writeFileSync(
  init,
  `(require 'eglot)
(require 'markdown-mode)
${block.replace('/path/to/corresp/dist/server.mjs', path.join(REPO_ROOT, 'dist', 'server.mjs'))}
(find-file ${JSON.stringify(draft)})
(markdown-mode)
;; What eglot-ensure does in an interactive session:
(apply #'eglot (eglot--guess-contact))
(flymake-mode 1)
(let ((deadline (+ (float-time) 30)) (found nil))
  (while (and (not found) (< (float-time) deadline))
    (accept-process-output nil 0.2)
    (flymake-start)
    (dolist (d (flymake-diagnostics))
      (when (string-match-p "Comment 4 is not answered" (flymake-diagnostic-text d)) (setq found t))))
  (princ (format "emacs-readme: %d diagnostics, unanswered comment %s\\n" (length (flymake-diagnostics)) (if found "received" "missing")))
  (kill-emacs (if found 0 1)))
`,
);
const run = spawnSync('emacs', ['--batch', '-l', init], { cwd: ws, encoding: 'utf8', timeout: 90_000, env: { ...process.env, HOME: dir } });
const out = `${run.stdout ?? ''}${run.stderr ?? ''}`;
process.stdout.write(
  out
    .split('\n')
    .filter((l) => /emacs-readme|eglot|rror/.test(l))
    .join('\n') + '\n',
);
fs.rmSync(dir, { recursive: true, force: true });
if (run.status === 0) {
  console.log('emacs-readme: 1 passed, 0 failed');
  process.exit(0);
}
console.log(`emacs-readme: 0 passed, 1 failed (exit ${run.status}${run.error ? `, ${run.error.message}` : ''})\n${out.slice(-2000)}`);
process.exit(1);
