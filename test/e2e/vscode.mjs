// test/e2e/vscode.mjs
//
// Owns: the real-VS-Code test of the Corresp extension. Packages the extension (`npm run
// package` -> corresp.vsix), installs the .vsix into code-server (VS Code 1.139), opens a temp
// copy of examples/ in Chromium and checks, waiting for states (never sleeping):
//   0. the packaged language server (the installed copy, outside the repository, so without
//      node_modules) answers `initialize` under the extension host's Node;
//   1. opening the "Comment Letters" view activates the extension (onView:corresp.letters) and
//      shows the thread: staff letter, the draft "3/5 answered", comments answered /
//      answered / placeholder / missing / answered (tree rows' aria-labels "Comment 4, missing");
//   2. before the draft is opened, the Problems panel lists "Comment 4 is not answered" for
//      response-2017-08-16.md (the server publishes diagnostics for every draft in the folder);
//   3. clicking "Comment 4" in the view opens the draft where the answer belongs (Ln 44, Col 15);
//      the status bar shows "Corresp 3/5 answered"; the Problems panel still lists comment 4;
//   4. the hover on comment 1's anchor shows the staff's words and the requests checklist;
//   5. the quick fix "Insert a response to comment 4" inserts the skeleton (one blank line on
//      each side), the "not answered" error goes and "comment 4 is only a placeholder" comes;
//      the view then shows "Comment 4, placeholder" and still "3/5 answered";
//   6. "Corresp: New Response from Staff Letter..." driven through VS Code's simple file dialog
//      writes response-to-staff-letter-2017-08-16.md beside the letter, opens it, and the view
//      lists it as "0/5 answered";
//   7. the same from a real PDF staff letter (test/fixtures, Autodesk 2018, 8 comments): the
//      packaged extension imports it (pdf.js without the repository's node_modules) to .md and
//      writes a draft with 8 comments;
//   8. the server is killed: the client restarts it and the findings come back;
//   9. precedents (the library: the workspace plus corresp.library.paths = a copy of
//      test/fixtures/precedents, real letters of four companies): the hover on comment 3's
//      anchor ends with "Topics: Non-GAAP measures, Segments" and "Precedents: N similar
//      comments"; its "Show precedents" link opens the Precedents page beside the draft
//      (Archer-Daniels-Midland's comment 2 first, "segment adjusted EBITDA" marked, answers with
//      "Copy answer", which puts the answer on the clipboard); the Precedents view lists them;
//  10. the Commitments view lists the draft's promise under comment 2 ("future filings", open),
//      and ticking it marks it checked;
//  11. "Corresp: Export for EDGAR..." on the draft asks first (a modal naming the open items,
//      comment 4's placeholder among them), then "Export Anyway" and the save dialog's offered
//      response-2017-08-16.htm write EDGAR HTML of the letter beside it.
// Screenshots: test-results/e2e/vscode/*.png; with --update-screenshots also problems.png,
// hover.png, quick-fix.png and letters-view.png in docs/screenshots/ (README shows them).
//
// Run: node test/e2e/vscode.mjs [--vsix corresp.vsix] [--update-screenshots]
//   --vsix PATH            test this package instead of running `npm run package` first
//   --update-screenshots   copy the four README screenshots to docs/screenshots/
// Needs: bash scripts/e2e/install-tools.sh (once). Exit 0 on success, 1 on failure with the
// failing step, the last screenshot, and the code-server / extension host / Corresp logs.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import {
  REPO_ROOT,
  NODE24,
  applyQuickFix,
  clipLines,
  dismissHover,
  expandHover,
  goToPosition,
  makeTempDir,
  openFileFromExplorer,
  openProblemsPanel,
  readProblems,
  resizeSidebar,
  runCommand,
  scrollLineToTop,
  showHover,
  waitForEditorText,
  waitForNotification,
  waitForProblem,
  waitForTreeItem,
  withSession,
} from './codeServer.mjs';
import { copyPrecedentLibrary } from '../unit/precedents/library.mjs';

const EXAMPLES = path.join(REPO_ROOT, 'examples');
/** A real staff letter as the SEC publishes it (PDF, 8 comments): Autodesk, August 3, 2018. */
const PDF_LETTER = path.join(REPO_ROOT, 'test/fixtures/real/adsk-0000000000-18-024031/staff.pdf');
const DRAFT = 'response-2017-08-16.md';
const STAFF = 'staff-letter-2017-08-16.md';
const NEW_DRAFT = 'response-to-staff-letter-2017-08-16.md';
const VIEW = 'Comment Letters';
const EXT_ID = 'corresp.corresp';
const DOCS_SHOTS = path.join(REPO_ROOT, 'docs', 'screenshots');
/** Real letters of four companies (ADM, Caterpillar, Eaton, ITW): the precedent library beside the workspace. */
const README_SHOTS = ['problems', 'hover', 'quick-fix', 'letters-view'];

const t0 = Date.now();
const step = (/** @type {string} */ msg) => console.log(`[vscode +${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);
/** @param {unknown} cond @param {string} msg */
const expect = (cond, msg) => {
  if (!cond) throw new Error(msg);
};
/** @type {Record<string, number>} */
const timings = {};
/** @template T @param {string} name @param {() => Promise<T>} fn @returns {Promise<T>} */
async function timed(name, fn) {
  const t = Date.now();
  try {
    return await fn();
  } finally {
    timings[name] = Date.now() - t;
  }
}

function parseArgs(argv = process.argv.slice(2)) {
  /** @type {{ vsix?: string, updateScreenshots: boolean }} */
  const out = { updateScreenshots: !!process.env.CORRESP_UPDATE_SCREENSHOTS };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--vsix' && argv[i + 1]) out.vsix = path.resolve(argv[++i]);
    else if (argv[i] === '--update-screenshots') out.updateScreenshots = true;
    else {
      console.error('usage: node test/e2e/vscode.mjs [--vsix corresp.vsix] [--update-screenshots]');
      process.exit(2);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Packaging and the packaged server
// ---------------------------------------------------------------------------------------

/** `npm run package` in the repository; returns corresp.vsix. */
async function packageCorresp() {
  const vsix = path.join(REPO_ROOT, 'corresp.vsix');
  const before = fs.existsSync(vsix) ? fs.statSync(vsix).mtimeMs : 0;
  const child = spawn('npm', ['run', 'package'], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  const code = await new Promise((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`npm run package failed (exit ${code}):\n${output.split('\n').slice(-30).join('\n')}`);
  if (!fs.existsSync(vsix) || fs.statSync(vsix).mtimeMs === before) throw new Error(`npm run package did not write ${vsix}:\n${output}`);
  return vsix;
}

/**
 * Start the installed extension's server the way a client does (stdio), from a folder with no
 * node_modules above it, and wait for its answer to `initialize`. Rejects with the server's
 * stderr when it exits or does not answer: a crash at start-up is otherwise only visible in
 * the "Corresp" output channel, as a view that never fills.
 * @param {string} serverPath @param {string} workspace @returns {Promise<{ ms: number, capabilities: Record<string, unknown> }>}
 */
function checkServerStarts(serverPath, workspace, timeoutMs = 20_000) {
  const t = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(NODE24, [serverPath, '--stdio'], { cwd: workspace, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    let buf = Buffer.alloc(0);
    let settled = false;
    /** @param {Error | null} err @param {any} [value] */
    const finish = (err, value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill('SIGKILL');
      if (err) reject(err);
      else resolve(value);
    };
    const timer = setTimeout(
      () => finish(new Error(`packaged server did not answer initialize within ${timeoutMs} ms; stderr:\n${clipLines(stderr)}`)),
      timeoutMs,
    );
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', (e) => finish(e));
    child.on('exit', (code, signal) =>
      finish(new Error(`packaged server ${serverPath} exited at start-up (code ${code}, signal ${signal}) under ${NODE24}; stderr:\n${clipLines(stderr)}`)),
    );
    child.stdout.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      for (;;) {
        // every complete message; notifications (logMessage, ...) before the answer are skipped
        const head = buf.indexOf('\r\n\r\n');
        if (head < 0) return;
        const len = Number(/Content-Length: (\d+)/i.exec(buf.subarray(0, head).toString())?.[1] ?? NaN);
        if (!Number.isFinite(len)) return finish(new Error(`packaged server wrote a malformed header: ${JSON.stringify(buf.subarray(0, head).toString())}`));
        if (buf.length < head + 4 + len) return;
        const msg = JSON.parse(buf.subarray(head + 4, head + 4 + len).toString());
        buf = buf.subarray(head + 4 + len);
        if (msg.id !== 1) continue;
        if (msg.result) return finish(null, { ms: Date.now() - t, capabilities: msg.result.capabilities });
        return finish(new Error(`packaged server answered initialize with ${JSON.stringify(msg).slice(0, 500)}`));
      }
    });
    const uri = `file://${workspace}`;
    const body = JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: {
        processId: process.pid,
        rootUri: uri,
        workspaceFolders: [{ uri, name: 'ws' }],
        capabilities: {},
      },
    });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  });
}

// ---------------------------------------------------------------------------------------
// Extension health: fail fast (with the reason) instead of waiting out a timeout
// ---------------------------------------------------------------------------------------

/**
 * The reason the extension is broken, from the extension host log and the "Corresp" output
 * channel log, or undefined while it looks healthy.
 * @param {import('./codeServer.mjs').CodeServer} cs
 */
function extensionFailure(cs) {
  const files = cs.serverLogFiles();
  const exthost = files.filter((f) => path.basename(f) === 'remoteexthost.log' || path.basename(f) === 'exthost.log');
  const output = files.filter((f) => f.includes(`${path.sep}${EXT_ID}${path.sep}`));
  const read = (/** @type {string} */ f) => {
    try {
      return fs.readFileSync(f, 'utf8');
    } catch {
      return '';
    }
  };
  const problems = [];
  for (const f of exthost) {
    const text = read(f);
    const i = text.indexOf(`Activating extension ${EXT_ID} failed`);
    if (i >= 0) problems.push(`${f}:\n${clipLines(text.slice(i).split('\n').slice(0, 4).join('\n'))}`);
  }
  for (const f of output) {
    const text = read(f);
    if (/Server process exited with code|Server initialization failed|couldn't create connection to server/.test(text)) {
      const lines = text.split('\n');
      const first = lines.findIndex((l) => /\bError\b|exited/.test(l));
      problems.push(`${f}:\n${clipLines(lines.slice(Math.max(0, first - 8), first + 12).join('\n'))}`);
    }
  }
  return problems.length ? `the extension failed in VS Code:\n${problems.join('\n')}` : undefined;
}

/**
 * Await `promise`, but reject as soon as the logs show the extension failed.
 * @template T @param {import('./codeServer.mjs').CodeServer} cs @param {Promise<T>} promise @returns {Promise<T>}
 */
async function unlessExtensionFails(cs, promise) {
  let done = false;
  promise.catch(() => {});
  const watch = (async () => {
    while (!done) {
      const failure = extensionFailure(cs);
      if (failure) throw new Error(failure);
      // Poll the log files (a state) at a short interval while the real wait runs.
      await new Promise((r) => setTimeout(r, 250));
    }
    return /** @type {T} */ (/** @type {unknown} */ (undefined));
  })();
  try {
    return await Promise.race([promise, watch]);
  } finally {
    done = true;
  }
}

/** The activation event VS Code recorded for the extension ('' when not activated yet). @param {import('./codeServer.mjs').CodeServer} cs */
function activationEvent(cs) {
  for (const f of cs.serverLogFiles().filter((x) => /exthost\.log$/.test(x))) {
    const m = new RegExp(`_doActivateExtension ${EXT_ID.replace('.', '\\.')}, startup: \\w+, activationEvent: '([^']+)'`).exec(fs.readFileSync(f, 'utf8'));
    if (m) return m[1];
  }
  return '';
}

// ---------------------------------------------------------------------------------------
// Workbench helpers specific to this test
// ---------------------------------------------------------------------------------------

/** @param {import('playwright-core').Page} page */
async function hidePanel(page) {
  const panel = page.locator('.part.panel');
  if (!(await panel.isVisible())) return;
  await runCommand(page, 'View: Hide Panel');
  await panel.waitFor({ state: 'hidden', timeout: 10_000 });
}

/** @param {import('playwright-core').Page} page @param {RegExp} re */
async function waitForStatusBar(page, re, timeout = 30_000) {
  const item = page.locator('.statusbar-item', { hasText: re }).first();
  await item.waitFor({ state: 'visible', timeout }).catch(async () => {
    const all = await page.locator('.statusbar-item').allInnerTexts();
    throw new Error(`status bar never showed ${re}; it shows: ${JSON.stringify(all.map((t) => t.trim()).filter(Boolean))}`);
  });
  return (await item.innerText()).trim();
}

/** @param {import('playwright-core').Page} page @param {string} name */
async function waitForActiveTab(page, name, timeout = 30_000) {
  await page
    .locator('.tabs-container .tab.active', { has: page.getByText(name, { exact: true }) })
    .first()
    .waitFor({ timeout });
}

/**
 * Run "Corresp: New Response from Staff Letter...", answer VS Code's simple file dialog (code-server
 * has no native one: showOpenDialog is a quick input with a path box) with `letter`, and wait for
 * the notification and the new draft's tab. Returns the notification's first line.
 * @param {import('./codeServer.mjs').Session} s @param {string} letter @param {string} draftName @param {number} comments
 */
async function newResponseFrom(s, letter, draftName, comments) {
  const { page } = s;
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await page.keyboard.press('F1');
  await input.waitFor({ state: 'visible' });
  await input.fill('>Corresp: New Response from Staff Letter...');
  // Not runCommand(): it waits for the palette to close, and the dialog reopens it at once.
  await page
    .locator('.quick-input-widget .quick-input-list .monaco-list-row', {
      has: page.locator('.label-name').getByText('Corresp: New Response from Staff Letter...', { exact: true }),
    })
    .first()
    .click();
  await page.locator('.quick-input-widget .quick-input-title', { hasText: 'New Response from Staff Letter' }).waitFor();
  await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: STAFF }).first().waitFor();
  await input.fill(letter);
  await s.screenshot(`new-response-dialog-${path.extname(letter).slice(1)}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  const note = await waitForNotification(page, `Corresp: response skeleton for ${comments} comments.`);
  await waitForActiveTab(page, draftName);
  return note.split('\n')[0];
}

// ---------------------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------------------

async function main() {
  const args = parseArgs();
  // The folder is named like the repository's, so the screenshots show "examples".
  const tmp = await makeTempDir('corresp-vscode-ws-');
  const ws = path.join(tmp, 'examples');
  await fsp.mkdir(ws);
  for (const f of await fsp.readdir(EXAMPLES)) await fsp.copyFile(path.join(EXAMPLES, f), path.join(ws, f));
  step(`workspace ${ws} (copy of examples/)`);
  const library = path.join(tmp, 'library');
  copyPrecedentLibrary(library);
  let vsix = args.vsix;
  if (!vsix) {
    vsix = await timed('package', packageCorresp);
    step(`npm run package -> ${path.relative(REPO_ROOT, vsix)} (${timings.package} ms)`);
  } else {
    step(`testing the given package ${vsix}`);
  }

  try {
    await withSession(
      { name: 'vscode', workspace: ws, vsix, viewport: { width: 1400, height: 900 }, settings: { 'corresp.library.paths': [library] } },
      async (s) => {
        const { page, cs } = s;
        step(
          `workbench up (install .vsix ${s.timings.installExtension} ms, code-server ${s.timings.codeServerStart} ms, chromium ${s.timings.browserLaunch} ms, workbench ${s.timings.workbench} ms)`,
        );

        // --- 0. The packaged server starts on its own ---------------------------------------
        const installed = (await fsp.readdir(cs.extensionsDir)).find((d) => d.startsWith(`${EXT_ID}-`));
        expect(installed, `no ${EXT_ID}-* folder in ${cs.extensionsDir}`);
        const server = path.join(cs.extensionsDir, /** @type {string} */ (installed), 'dist', 'server.mjs');
        const init = await timed('serverStart', () => checkServerStarts(server, ws));
        expect(
          init.capabilities.hoverProvider && init.capabilities.codeActionProvider,
          `the packaged server lacks hover/code actions: ${JSON.stringify(init.capabilities)}`,
        );
        step(`0. packaged server answers initialize (${init.ms} ms)`);

        // --- 1. The Comment Letters view activates the extension and shows the thread --------
        // The activity bar entry appears once the extension host has registered the extension.
        await page.locator('.activitybar .action-item .action-label[aria-label^="Corresp"]').click({ timeout: 60_000 });
        const rows = await timed('view', () => unlessExtensionFails(cs, waitForTreeItem(page, VIEW, 'Comment 5, answered', { timeoutMs: 60_000 })));
        const labels = rows.map((r) => r.ariaLabel);
        step(`1. ${VIEW} view (${timings.view} ms): ${JSON.stringify(labels)}`);
        const wanted = [
          /^21Vianet Group, Inc\.? letter of August 16, 2017$/,
          /^Staff letter of August 16, 2017 staff-letter-2017-08-16\.md$/,
          /^response-2017-08-16\.md 3\/5 answered$/,
          /^Comment 1, answered$/,
          /^Comment 2, answered$/,
          /^Comment 3, placeholder$/,
          /^Comment 4, missing$/,
          /^Comment 5, answered$/,
        ];
        expect(
          labels.length === wanted.length && wanted.every((re, i) => re.test(labels[i])),
          `the ${VIEW} view should show the thread, the staff letter, the draft with 3/5 answered and comments 1-5 answered/answered/placeholder/missing/answered; it shows ${JSON.stringify(labels)}`,
        );
        expect(rows[2].level === 2 && rows[6].level === 3, `tree levels: thread > letters > comments, got ${JSON.stringify(rows.map((r) => r.level))}`);
        const activatedBy = activationEvent(cs);
        expect(
          activatedBy && activatedBy !== 'onLanguage:markdown',
          `the extension should have been activated without a Markdown editor (by its view); activation event: "${activatedBy}"`,
        );

        // --- 2. Problems before the draft is opened ----------------------------------------
        expect((await page.locator('.tabs-container .tab').count()) === 0, 'no editor should be open yet');
        let problems = await timed('problemsUnopened', () => unlessExtensionFails(cs, waitForProblem(page, /Comment 4 is not answered/)));
        const fileRow = problems.find((r) => r.kind === 'file');
        expect(fileRow?.text.startsWith(DRAFT), `the Problems panel should group the markers under ${DRAFT}, got ${JSON.stringify(fileRow)}`);
        let missing = problems.find((r) => r.kind === 'marker' && r.text.includes('Comment 4 is not answered'));
        expect(
          /^Error: Comment 4 is not answered .* at line 44 and character 15\b/.test(missing?.ariaLabel ?? ''),
          `comment 4's diagnostic should be an error at 44:15, got ${JSON.stringify(missing)}`,
        );
        step(
          `2. Problems, draft not opened (${timings.problemsUnopened} ms): ${JSON.stringify(problems.filter((r) => r.kind === 'marker').map((r) => r.text))}`,
        );
        await s.screenshot('problems-unopened');

        // --- 3. Open the draft from the view; status bar; Problems again --------------------
        await page.locator(`.monaco-list[aria-label="${VIEW}"] .monaco-list-row[aria-label="Comment 4, missing"]`).click();
        await waitForActiveTab(page, DRAFT);
        await waitForStatusBar(page, /^Ln 44, Col 15$/);
        const status = await timed('statusBar', () => waitForStatusBar(page, /Corresp 3\/5 answered/));
        step(`3. clicking "Comment 4" opened ${DRAFT} at Ln 44, Col 15; status bar: "${status}"`);
        await hidePanel(page);
        await resizeSidebar(page, 470);
        await waitForTreeItem(page, VIEW, 'Comment 4, missing');
        await s.screenshot('letters-view');
        await runCommand(page, 'View: Show Explorer');
        problems = await waitForProblem(page, /Comment 4 is not answered/);
        missing = problems.find((r) => r.kind === 'marker' && r.text.includes('Comment 4 is not answered'));
        expect(
          missing?.ariaLabel.includes('at line 44 and character 15'),
          `with the draft open, comment 4's diagnostic should still be at 44:15, got ${JSON.stringify(missing)}`,
        );
        expect(
          problems.some((r) => r.text.includes('The response to comment 3 is only a placeholder')),
          'comment 3 should be reported as a placeholder',
        );
        expect(
          problems.some((r) => /repeated comment 2 differs from the staff's words/.test(r.text)),
          'the quote drift on comment 2 should be reported',
        );
        await s.screenshot('problems');
        step('3. Problems with the draft open: comment 4 missing, comment 3 placeholder, comment 2 drifted');

        // --- 4. Hover on comment 1's anchor --------------------------------------------------
        await hidePanel(page);
        // Line 30 at the top: the hover opens below it with the editor's height, so the
        // screenshot shows the whole comment and its checklist.
        await goToPosition(page, 30, 3);
        await scrollLineToTop(page, 30, { slackPx: 60 }); // below the sticky-scroll headings
        const hover = await timed('hover', () => showHover(page));
        step(`4. hover at 30:3 (${timings.hover} ms): ${JSON.stringify(hover.slice(0, 160))}…`);
        expect(hover.includes('We continue to evaluate your response to prior comment 1'), `the hover should quote the staff's comment 1, got: ${hover}`);
        expect(hover.includes('☐ Provide us with the amounts of revenue'), `the hover should list the requests as a checklist, got: ${hover}`);
        await expandHover(page); // VS Code shows 250 px and scrolls the rest: show it all
        await s.screenshot('hover');
        await dismissHover(page);

        // --- 5. Quick fix: insert the response to comment 4 ----------------------------------
        const offered = await timed('quickFix', () =>
          applyQuickFix(page, 44, 15, 'Insert a response to comment 4', {
            beforeApply: () => s.screenshot('quick-fix'),
          }),
        );
        step(`5. quick fixes offered at 44:15: ${JSON.stringify(offered)}`);
        const text = await waitForEditorText(page, 'Response: [Response]');
        const iTodo = text.indexOf('Response: TODO');
        const iAnchor = text.indexOf('**4. We note your response to prior comment 3.');
        const iResp = text.indexOf('Response: [Response]');
        const iNext = text.indexOf('### Item 5.');
        expect(
          iTodo >= 0 && iTodo < iAnchor && iAnchor < iResp && iResp < iNext,
          `the skeleton for comment 4 should sit between comment 3's response and "### Item 5"; editor shows:\n${text}`,
        );
        const between = text.slice(iResp + 'Response: [Response]'.length, iNext);
        expect(
          text.slice(iTodo, iAnchor) === 'Response: TODO\n\n' && between === '\n\n',
          `the skeleton should have one blank line on each side; before it: ${JSON.stringify(text.slice(iTodo, iAnchor))}, after it: ${JSON.stringify(between)}`,
        );
        await openProblemsPanel(page);
        await waitForProblem(page, /The response to comment 4 is only a placeholder/);
        await page
          .locator('.markers-panel .monaco-list-row')
          .filter({ hasText: 'Comment 4 is not answered' })
          .first()
          .waitFor({ state: 'detached', timeout: 30_000 })
          .catch(async () => {
            throw new Error(
              `"Comment 4 is not answered" is still listed after the quick fix: ${JSON.stringify((await readProblems(page)).map((r) => r.text))}`,
            );
          });
        await s.screenshot('quick-fix-applied');
        step('5. skeleton inserted; "Comment 4 is not answered" gone, "comment 4 is only a placeholder" listed');

        // The view and the status bar follow the unsaved edit.
        await runCommand(page, `Corresp: Focus on ${VIEW} View`);
        const after = (await waitForTreeItem(page, VIEW, 'Comment 4, placeholder')).map((r) => r.ariaLabel);
        expect(
          after.includes('response-2017-08-16.md 3/5 answered'),
          `after the quick fix the draft should still be 3/5 answered (4 is a placeholder now): ${JSON.stringify(after)}`,
        );
        await waitForStatusBar(page, /Corresp 3\/5 answered/);
        step(`5. view after the fix: ${JSON.stringify(after.slice(2))}`);

        // --- 6. New Response from Staff Letter..., through the simple file dialog ----------
        const note = await timed('newResponse', () => newResponseFrom(s, path.join(ws, STAFF), NEW_DRAFT, 5));
        step(`6. New Response: "${note}"; ${NEW_DRAFT} is open`);
        const written = await fsp.readFile(path.join(ws, NEW_DRAFT), 'utf8');
        expect(
          /^---\ncorresp: response\nstaff-letter: "?\.\/staff-letter-2017-08-16\.md"?\n/.test(written),
          `the new draft should name its staff letter in front matter:\n${written.slice(0, 300)}`,
        );
        for (let n = 1; n <= 5; n++) expect(written.includes(`**${n}. `), `the new draft should repeat comment ${n} in bold`);
        expect((written.match(/^Response: \[Response\]$/gm) ?? []).length === 5, 'the new draft should have five "Response: [Response]" placeholders');
        expect(written.includes('**1. We continue to evaluate your response to prior comment 1'), "comment 1 should be repeated in the staff's words");
        const rowsNew = (await waitForTreeItem(page, VIEW, `${NEW_DRAFT} 0/5 answered`)).map((r) => r.ariaLabel);
        step(
          `6. ${NEW_DRAFT} written beside the letter (${written.length} chars); view lists it: ${JSON.stringify(rowsNew.filter((l) => l.endsWith('answered') && !l.startsWith('Comment')))}`,
        );
        await waitForStatusBar(page, /Corresp 0\/5 answered/);
        await s.screenshot('new-response');

        // --- 7. The same from a PDF staff letter: pdf.js runs inside the packaged extension ---
        await fsp.mkdir(path.join(ws, 'autodesk'));
        await fsp.copyFile(PDF_LETTER, path.join(ws, 'autodesk', 'staff-letter-2018-08-03.pdf'));
        const pdfNote = await timed('newResponsePdf', () =>
          newResponseFrom(s, path.join(ws, 'autodesk', 'staff-letter-2018-08-03.pdf'), 'response-to-staff-letter-2018-08-03.md', 8),
        );
        const imported = await fsp.readFile(path.join(ws, 'autodesk', 'staff-letter-2018-08-03.md'), 'utf8');
        const pdfDraft = await fsp.readFile(path.join(ws, 'autodesk', 'response-to-staff-letter-2018-08-03.md'), 'utf8');
        expect(
          /^corresp: staff-letter$/m.test(imported) && imported.includes('Autodesk'),
          `the PDF should be imported to staff-letter-2018-08-03.md:\n${imported.slice(0, 400)}`,
        );
        expect(
          (pdfDraft.match(/^Response: \[Response\]$/gm) ?? []).length === 8,
          `the draft for the PDF letter should answer 8 comments:\n${pdfDraft.slice(0, 600)}`,
        );
        await waitForTreeItem(page, VIEW, 'response-to-staff-letter-2018-08-03.md 0/8 answered');
        step(`7. New Response from a PDF letter: "${pdfNote}"; imported staff-letter-2018-08-03.md, draft with 8 comments`);

        // --- 8. The server dies: the client restarts it, and state comes back from the files -------
        const serverPids = () =>
          fs
            .readdirSync('/proc')
            .filter((d) => /^\d+$/.test(d))
            .filter((pid) => {
              try {
                return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(server);
              } catch {
                return false;
              }
            });
        const [first] = serverPids();
        expect(first, `the packaged server (${server}) should be running`);
        // Launched as client/src/serverLaunch.json says: its runtime flags and its environment.
        const launch = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'client/src/serverLaunch.json'), 'utf8'));
        const cmdline = fs.readFileSync(`/proc/${first}/cmdline`, 'utf8').split('\0');
        const environ = fs.readFileSync(`/proc/${first}/environ`, 'utf8').split('\0');
        for (const flag of launch.execArgv)
          expect(cmdline.includes(flag), `the server should be launched with ${flag} (its command line: ${cmdline.join(' ')})`);
        for (const [k, v] of Object.entries(launch.env)) expect(environ.includes(`${k}=${v}`), `the server's environment should hold ${k}=${v}`);
        process.kill(Number(first), 'SIGKILL');
        const deadline = Date.now() + 60_000;
        let restarted;
        while (!restarted && Date.now() < deadline) {
          restarted = serverPids().find((pid) => pid !== first);
          if (!restarted) await new Promise((r) => setImmediate(r));
        }
        expect(restarted, 'the client should restart the server after it died');
        // The restarted server reads the files (and the open, unsaved draft) again and publishes the same findings.
        await runCommand(page, 'View: Show Explorer');
        await unlessExtensionFails(cs, waitForProblem(page, /The response to comment 4 is only a placeholder/));
        await runCommand(page, `Corresp: Focus on ${VIEW} View`);
        await waitForTreeItem(page, VIEW, 'Comment 4, placeholder');
        step(
          `8. server ${first} (launched with ${[...launch.execArgv, ...Object.keys(launch.env)].join(' ')}) killed; the client restarted it as ${restarted} and the findings came back`,
        );

        // --- 9. Precedents: the hover's line, Show Precedents beside the draft, Copy answer, the view ----
        await openFileFromExplorer(page, DRAFT);
        await hidePanel(page);
        await goToPosition(page, 42, 3);
        await scrollLineToTop(page, 42, { slackPx: 60 });
        // The library loads in the background after the scan (and again after the restart): hover until it has.
        let precedentsHover;
        const loadBy = Date.now() + 60_000;
        for (;;) {
          precedentsHover = await showHover(page);
          if (/Precedents: \d+ similar comments/.test(precedentsHover) || Date.now() > loadBy) break;
          await dismissHover(page);
          await new Promise((r) => setTimeout(r, 500));
        }
        expect(
          /Precedents: \d+ similar comments/.test(precedentsHover),
          `the hover on comment 3 should end with "Precedents: N similar comments", got: ${precedentsHover}`,
        );
        expect(precedentsHover.includes('Topics: Non-GAAP measures, Segments'), `the hover should name comment 3's topics, got: ${precedentsHover}`);
        step(`9. hover at 42:3 ends with: ${JSON.stringify(precedentsHover.split('\n').filter((l) => /Topics|Precedents/.test(l)))}`);
        await expandHover(page).catch(() => undefined); // for the screenshot only: as much of the hover as the editor has room for
        await s.screenshot('hover-precedents');
        await page.locator('.monaco-editor .monaco-hover:not(.hidden) a', { hasText: 'Show precedents' }).first().click();
        await waitForActiveTab(page, 'Precedents');
        /** The Precedents webview's frame (VS Code nests the page two iframes deep). */
        const pageFrame = async () => {
          const by = Date.now() + 30_000;
          while (Date.now() < by) {
            for (const f of page.frames()) {
              const text = await f.evaluate(() => document.body?.innerText ?? '').catch(() => '');
              if (text.includes('Precedents: Staff letter')) return { frame: f, text };
            }
            await new Promise((r) => setTimeout(r, 250));
          }
          throw new Error('the Precedents page never showed');
        };
        const { frame, text: pageText } = await pageFrame();
        expect(
          pageText.includes('Comment 3') && pageText.indexOf('Archer-Daniels-Midland Co') >= 0,
          `the page should list comment 3's precedents, ADM first: ${pageText.slice(0, 600)}`,
        );
        const marked = await frame.locator('mark').allInnerTexts();
        expect(marked.includes('segment adjusted EBITDA'), `the shared words should be marked: ${JSON.stringify(marked)}`);
        const copies = frame.locator('a.copy');
        expect((await copies.count()) > 0, 'the page should offer "Copy answer" for an answer in the library');
        await s.context.grantPermissions(['clipboard-read', 'clipboard-write']);
        await copies.first().click();
        await waitForStatusBar(page, /answer copied/);
        const copied = await page.evaluate(() => navigator.clipboard.readText());
        const answers = await frame.locator('blockquote.answer').allInnerTexts();
        expect(
          copied.length > 100 && answers[0]?.trim() === copied.trim(),
          `"Copy answer" should put the first answer on the clipboard; got ${JSON.stringify(copied.slice(0, 200))}`,
        );
        await s.screenshot('precedents');
        step(`9. Show Precedents opened the page beside the draft (${marked.length} shared runs marked); Copy answer copied ${copied.length} chars`);
        await runCommand(page, 'Corresp: Focus on Precedents View');
        const precedentRows = (await waitForTreeItem(page, 'Precedents', /^Precedent: Archer-Daniels-Midland Co, comment 2$/)).map((r) => r.ariaLabel);
        step(`9. Precedents view: ${JSON.stringify(precedentRows.slice(0, 4))}`);

        // --- 10. Commitments: the draft's promise, open, then checked -------------------------
        await runCommand(page, 'Corresp: Focus on Commitments View');
        const commitmentRows = (await waitForTreeItem(page, 'Commitments', /^Commitment, Comment 2, .*future filings.*, open$/)).map((r) => r.ariaLabel);
        step(`10. Commitments view: ${JSON.stringify(commitmentRows)}`);
        await page
          .locator('.monaco-list[aria-label="Commitments"] .monaco-list-row[aria-label^="Commitment, Comment 2"] .custom-view-tree-node-item-checkbox')
          .first()
          .click();
        await waitForTreeItem(page, 'Commitments', /^Commitment, Comment 2, .*future filings.*, checked$/);
        await s.screenshot('commitments');
        step('10. ticking the commitment marked it checked');

        // --- 11. Export for EDGAR: the open items asked about, then the letter written ---------
        await openFileFromExplorer(page, DRAFT);
        await waitForActiveTab(page, DRAFT);
        await runCommand(page, 'Corresp: Export for EDGAR...');
        const dialog = page.locator('.monaco-dialog-box').first();
        await dialog.waitFor({ state: 'visible', timeout: 30_000 });
        const question = (await dialog.innerText()).replace(/\s+/g, ' ').trim();
        expect(/This letter is not ready to file: \d+ open items?\./.test(question), `the export should ask about the open items: ${question}`);
        expect(/comment 4/i.test(question), `the dialog should name comment 4's placeholder: ${question}`);
        await s.screenshot('export-dialog');
        await dialog.locator('.monaco-button', { hasText: 'Export Anyway' }).first().click();
        // The save dialog (code-server's simple file dialog: a quick input holding the path) offers the draft's name as .htm.
        const saveInput = page.locator('.quick-input-widget .quick-input-box input');
        await saveInput.waitFor({ state: 'visible', timeout: 30_000 });
        // The simple dialog fills its box in steps (the folder, then the name): wait for the name.
        let offeredPath = '';
        for (const until = Date.now() + 15_000; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
          offeredPath = await saveInput.inputValue();
          if (offeredPath.endsWith('.htm')) break;
        }
        expect(offeredPath.endsWith('response-2017-08-16.htm'), `the save dialog should offer response-2017-08-16.htm: ${offeredPath}`);
        await page.keyboard.press('Enter');
        const exported = await waitForNotification(page, 'Corresp: exported');
        const htm = path.join(ws, 'response-2017-08-16.htm');
        const edgarHtml = await fsp.readFile(htm, 'utf8');
        expect(
          /^<HTML>/i.test(edgarHtml.trimStart()) && edgarHtml.includes('21Vianet'),
          `the export should be EDGAR HTML of the letter: ${edgarHtml.slice(0, 200)}`,
        );
        expect(!/<script|<img|<link/i.test(edgarHtml), 'the EDGAR copy should hold no script, image or link');
        step(`11. Export for EDGAR asked about the open items, then wrote ${path.basename(htm)} (${edgarHtml.length} chars): "${exported.split('\n')[0]}"`);

        if (args.updateScreenshots) {
          await fsp.mkdir(DOCS_SHOTS, { recursive: true });
          for (const name of README_SHOTS) await fsp.copyFile(path.join(s.artifactsDir, `${name}.png`), path.join(DOCS_SHOTS, `${name}.png`));
          step(`screenshots copied to ${path.relative(REPO_ROOT, DOCS_SHOTS)}/: ${README_SHOTS.map((n) => `${n}.png`).join(', ')}`);
        }
        step(`screenshots in ${path.relative(REPO_ROOT, s.artifactsDir)}/`);
      },
    );
  } finally {
    await fsp.rm(tmp, { recursive: true, force: true });
  }
}

main().then(
  () => {
    step(`PASS (timings ms: ${JSON.stringify(timings)})`);
    console.log('vscode: 1 passed, 0 failed');
    process.exit(0);
  },
  (e) => {
    console.error(`[vscode] FAIL: ${e?.stack ?? e}`);
    console.log('vscode: 0 passed, 1 failed');
    process.exit(1);
  },
);
