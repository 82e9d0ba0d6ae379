// test/e2e/nvim-corresp.mjs
//
// Owns: the Neovim test of the Corresp language server. Neovim's own LSP client (Debian's
// 0.7.2, headless, through test/e2e/nvim/check-lsp.lua) starts `node dist/server.mjs --stdio`
// with root_dir = a temp copy of examples/ (Neovim sends it as rootUri and workspaceFolders),
// opens response-2017-08-16.md and checks:
//   - the diagnostics published after `initialized` + the workspace scan: "Comment 4 is not
//     answered" as an error at 44:15, comment 3 a placeholder (warning, 44:11), the drifted
//     quote of comment 2 (warning, 36:128: the differing word);
//   - the hover on comment 1's anchor (30:3): the staff's words ("We continue to evaluate …")
//     and the requests checklist ("☐ Provide us with the amounts of revenue …").
//
// Run: node test/e2e/nvim-corresp.mjs [--server dist/server.mjs]   (build first: node esbuild.mjs)
// Exit 0 on success, 1 with Neovim's output otherwise.

import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, runNvimLspCheck } from './nvim.mjs';

/** Cut long lines (a minified bundle's source line in a stack trace). @param {string} text */
const clipLines = (text, max = 300) =>
  text
    .split('\n')
    .filter((l) => l.length <= max || !/^\s*\^?\s*$/.test(l))
    .map((l) => (l.length > max ? `${l.slice(0, max)}…` : l))
    .join('\n');

/** The server's stderr, reassembled from lsp.log's `"rpc" "<cmd>" "stderr" "<chunk>"` lines. @param {string} log */
function serverStderr(log) {
  const chunks = log
    .split('\n')
    .map((l) => /\t"stderr"\t"(.*)"$/.exec(l)?.[1])
    .filter((c) => c !== undefined)
    .map((c) => {
      try {
        return JSON.parse(`"${c}"`);
      } catch {
        return c;
      }
    });
  const text = chunks.length ? chunks.join('') : log;
  return clipLines(text.trim().split('\n').slice(-30).join('\n'));
}

const EXAMPLES = path.join(REPO_ROOT, 'examples');
const DRAFT = 'response-2017-08-16.md';

/** Diagnostics Neovim received: "line:col severity" + message substring (1 = error, 2 = warning). */
const EXPECTED_DIAGNOSTICS = [
  { at: '44:15', severity: 1, message: 'Comment 4 is not answered' },
  { at: '44:11', severity: 2, message: 'The response to comment 3 is only a placeholder' },
  { at: '36:128', severity: 2, message: "The repeated comment 2 differs from the staff's words" },
];
const HOVER = { line: 30, col: 3 };
const EXPECTED_HOVER = ['We continue to evaluate your response to prior comment 1', '☐ Provide us with the amounts of revenue'];

async function main() {
  const argv = process.argv.slice(2);
  const server = path.resolve(argv[0] === '--server' && argv[1] ? argv[1] : path.join(REPO_ROOT, 'dist', 'server.mjs'));
  if (!fs.existsSync(server)) throw new Error(`${server} missing: build first (node esbuild.mjs)`);
  const ws = await fsp.mkdtemp(path.join(os.tmpdir(), 'corresp-nvim-ws-'));
  try {
    for (const f of await fsp.readdir(EXAMPLES)) await fsp.copyFile(path.join(EXAMPLES, f), path.join(ws, f));
    const r = await runNvimLspCheck(
      {
        cmd: [process.execPath, server, '--stdio'],
        root: ws,
        file: path.join(ws, DRAFT),
        filetype: 'markdown',
        expect_diagnostic: 'Comment 4 is not answered',
        hover: { ...HOVER, expect: EXPECTED_HOVER[0] },
        timeout_ms: 20_000,
      },
      { timeoutMs: 60_000 },
    );
    // nvim's own messages end without a newline: cut each line at "check-lsp:".
    const lines = (r.stdout + r.stderr)
      .split('\n')
      .filter((l) => l.includes('check-lsp:'))
      .map((l) => l.slice(l.indexOf('check-lsp:')));
    for (const l of lines) console.log(`  ${l.length > 300 ? `${l.slice(0, 300)}…` : l}`);
    /** @type {string[]} */
    const failures = [];
    if (!r.ok) failures.push(`check-lsp.lua failed (exit ${r.code}${r.timedOut ? ', timed out' : ''})`);
    const diags = lines.map((l) => /^check-lsp: diagnostic (\d+:\d+) severity=(\d+): (.*)$/.exec(l)).filter((m) => m !== null);
    for (const want of EXPECTED_DIAGNOSTICS) {
      const got = diags.find((m) => m[3].includes(want.message));
      if (!got) failures.push(`no diagnostic "${want.message}"`);
      else if (got[1] !== want.at || Number(got[2]) !== want.severity) {
        failures.push(`"${want.message}" at ${got[1]} severity ${got[2]}, expected ${want.at} severity ${want.severity}`);
      }
    }
    const hoverLine = lines.find((l) => l.startsWith(`check-lsp: hover ${HOVER.line}:${HOVER.col}: `));
    const hover = hoverLine ? String(JSON.parse(hoverLine.slice(`check-lsp: hover ${HOVER.line}:${HOVER.col}: `.length))) : '';
    for (const want of EXPECTED_HOVER) if (!hover.includes(want)) failures.push(`hover at ${HOVER.line}:${HOVER.col} lacks "${want}"`);
    if (failures.length) {
      if (r.stderr.trim()) console.error(`--- nvim stderr ---\n${r.stderr.trim().slice(-3000)}`);
      if (r.lspLog.trim()) console.error(`--- the server's stderr (from Neovim's lsp.log) ---\n${serverStderr(r.lspLog)}`);
      throw new Error(failures.join('; '));
    }
    console.log(`nvim-corresp: Neovim received ${diags.length} diagnostics and the hover for comment 1 (${r.ms} ms)`);
  } finally {
    await fsp.rm(ws, { recursive: true, force: true });
  }
}

main().then(
  () => {
    console.log('nvim-corresp: 1 passed, 0 failed');
    process.exit(0);
  },
  (e) => {
    console.error(`[nvim-corresp] FAIL: ${e?.message ?? e}`);
    console.log('nvim-corresp: 0 passed, 1 failed');
    process.exit(1);
  },
);
