// test/e2e/nvim.mjs
//
// Owns: running test/e2e/nvim/check-lsp.lua in headless Neovim (Debian's 0.7.2) against a
// stdio language server, and a self-test proving that harness with a third-party server.
//
//   node test/e2e/nvim.mjs check.json     run one check (format: header of check-lsp.lua)
//   node test/e2e/nvim.mjs --self-test    prove the harness with vscode-json-language-server
//                                         (installed into .tools/lsp by install-tools.sh):
//                                         passes when expectations hold, fails (non-zero)
//                                         when they don't or the server can't start.
// Library: runNvimLspCheck(check, opts) for real tests (e.g. against our dist/server.js).
// Neovim runs with -u NONE -i NONE -n and XDG dirs in a temp dir: nothing is written to $HOME.

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = path.resolve(HERE, '../..');
export const TOOLS_DIR = process.env.CORRESP_TOOLS || path.join(REPO_ROOT, '.tools');
export const NVIM_CHECK_LUA = path.join(HERE, 'nvim', 'check-lsp.lua');
export const JSON_LS = path.join(TOOLS_DIR, 'lsp/node_modules/vscode-langservers-extracted/bin/vscode-json-language-server');

/**
 * @typedef {object} LspCheck   see the header of nvim/check-lsp.lua
 * @property {string[]} cmd
 * @property {string} file
 * @property {string} [root]
 * @property {string} [filetype]
 * @property {Record<string, unknown>} [settings]
 * @property {Record<string, unknown>} [init_options]
 * @property {string} [expect_diagnostic]
 * @property {{ line: number, col: number, expect?: string }} [hover]
 * @property {number} [timeout_ms]
 */

/**
 * Run one check in a fresh headless Neovim. Never hangs: the whole process group is killed
 * after `timeoutMs`.
 * @param {LspCheck} check
 * @param {{ timeoutMs?: number, nvim?: string, echo?: boolean }} [opts]
 * @returns {Promise<{ ok: boolean, code: number | null, signal: string | null, stdout: string, stderr: string, lspLog: string, ms: number, timedOut: boolean }>}
 */
export async function runNvimLspCheck(check, opts = {}) {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'corresp-nvim-'));
  const t0 = Date.now();
  try {
    const checkPath = path.join(dir, 'check.json');
    await fsp.writeFile(checkPath, JSON.stringify(check, null, 2));
    const env = {
      ...process.env,
      CORRESP_LSP_CHECK: checkPath,
      XDG_CONFIG_HOME: path.join(dir, 'config'),
      XDG_DATA_HOME: path.join(dir, 'data'),
      XDG_CACHE_HOME: path.join(dir, 'cache'),
      XDG_STATE_HOME: path.join(dir, 'state'),
      NVIM_LOG_FILE: path.join(dir, 'nvim.log'),
    };
    const child = spawn(opts.nvim ?? 'nvim', ['--headless', '-n', '-i', 'NONE', '-u', 'NONE', '-c', `luafile ${NVIM_CHECK_LUA}`], {
      env,
      cwd: check.root ?? path.dirname(check.file),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      if (opts.echo) process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      if (opts.echo) process.stderr.write(d);
    });
    let timedOut = false;
    const timeoutMs = opts.timeoutMs ?? 60_000;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-(/** @type {number} */ (child.pid)), 'SIGKILL');
      } catch {
        /* gone */
      }
    }, timeoutMs);
    const [code, signal] = await once(child, 'close');
    clearTimeout(timer);
    // The server is nvim's child, in the same group: make sure nothing is left behind.
    try {
      process.kill(-(/** @type {number} */ (child.pid)), 'SIGKILL');
    } catch {
      /* all gone */
    }
    if (timedOut) stderr += `\ncheck-lsp: FAIL: nvim killed after ${timeoutMs} ms\n`;
    // Neovim's LSP log holds what the server wrote to stderr (e.g. why it exited at start-up).
    const lspLog = ['cache', 'state']
      .map((d) => path.join(dir, d, 'nvim', 'lsp.log'))
      .filter((f) => fs.existsSync(f))
      .map((f) => fs.readFileSync(f, 'utf8'))
      .join('');
    return { ok: code === 0 && !timedOut, code, signal, stdout, stderr, lspLog, ms: Date.now() - t0, timedOut };
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------
// Self-test with vscode-json-language-server
// ---------------------------------------------------------------------------------------

async function selfTest() {
  if (!fs.existsSync(JSON_LS)) {
    throw new Error(`${JSON_LS} missing: run bash scripts/e2e/install-tools.sh`);
  }
  const ws = await fsp.mkdtemp(path.join(os.tmpdir(), 'corresp-nvim-ws-'));
  const file = path.join(ws, 'letter.json');
  // Line 3 holds "title"; a comma is missing at its end (the server says "Expected comma").
  await fsp.writeFile(file, '{\n  "$id": "letter",\n  "title": "Comment letter"\n  "date": "2024-01-01"\n}\n');
  const base = {
    cmd: [process.execPath, JSON_LS, '--stdio'],
    root: ws,
    file,
    filetype: 'json',
    init_options: { provideFormatter: false },
    settings: {
      json: {
        validate: { enable: true },
        schemas: [
          {
            fileMatch: ['letter.json'],
            schema: {
              type: 'object',
              properties: { title: { type: 'string', description: 'NVIM-HOVER: the title of the comment letter' } },
            },
          },
        ],
      },
    },
    timeout_ms: 15_000,
  };
  /** @type {{ name: string, check: LspCheck, expectOk: boolean, expectStderr?: RegExp }[]} */
  const cases = [
    {
      name: 'expectations hold -> exit 0',
      check: { ...base, expect_diagnostic: 'Expected comma', hover: { line: 3, col: 4, expect: 'NVIM-HOVER' } },
      expectOk: true,
    },
    {
      name: 'missing diagnostic -> non-zero',
      check: { ...base, expect_diagnostic: 'a message no server sends', timeout_ms: 3_000 },
      expectOk: false,
      expectStderr: /FAIL: no diagnostic containing "a message no server sends"/,
    },
    {
      name: 'wrong hover -> non-zero',
      check: { ...base, hover: { line: 3, col: 4, expect: 'text not in the hover' } },
      expectOk: false,
      expectStderr: /FAIL: hover at 3:4 does not contain "text not in the hover"/,
    },
    {
      name: 'server cannot start -> non-zero',
      check: { ...base, cmd: [path.join(ws, 'no-such-server')], expect_diagnostic: 'x' },
      expectOk: false,
      expectStderr: /FAIL/,
    },
  ];
  let passed = 0;
  let failed = 0;
  try {
    for (const c of cases) {
      const r = await runNvimLspCheck(c.check, { timeoutMs: 60_000 });
      const good = r.ok === c.expectOk && (!c.expectStderr || c.expectStderr.test(r.stderr));
      console.log(`${good ? 'ok  ' : 'FAIL'} ${c.name}  (exit ${r.code}, ${r.ms} ms)`);
      // nvim's own messages end without a newline: cut each line at "check-lsp:".
      const shown = (r.stdout + r.stderr).split('\n').filter((l) => l.includes('check-lsp:'));
      for (const l of shown) console.log(`       ${l.slice(l.indexOf('check-lsp:'))}`);
      if (good) passed++;
      else failed++;
    }
  } finally {
    await fsp.rm(ws, { recursive: true, force: true });
  }
  console.log(`nvim self-test: ${passed} passed, ${failed} failed`);
  return failed === 0;
}

// ---------------------------------------------------------------------------------------
// CLI
// ---------------------------------------------------------------------------------------

/** @param {string[]} argv */
async function cli(argv) {
  if (argv[0] === '--self-test') return selfTest();
  if (argv.length !== 1 || argv[0].startsWith('-')) {
    console.error('usage: node test/e2e/nvim.mjs <check.json> | --self-test');
    return false;
  }
  const check = JSON.parse(await fsp.readFile(argv[0], 'utf8'));
  const r = await runNvimLspCheck(check, { echo: true });
  console.log(`nvim check: ${r.ok ? 'PASS' : 'FAIL'} (exit ${r.code}, ${r.ms} ms)`);
  return r.ok;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cli(process.argv.slice(2)).then(
    (ok) => process.exit(ok ? 0 : 1),
    (e) => {
      console.error(`nvim.mjs: ${e?.stack ?? e}`);
      process.exit(1);
    },
  );
}
