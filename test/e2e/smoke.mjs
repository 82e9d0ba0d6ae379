// test/e2e/smoke.mjs
//
// Owns: the smoke test of the real-editor infrastructure, WITHOUT our extension. It proves
// that code-server + Chromium + playwright-core start offline on this machine and that the
// driver helpers in codeServer.mjs work against built-in VS Code extensions:
//   - JSON (built-in json-language-features): a syntax error shows in the Problems panel,
//     hovering a property shows the description from a local JSON schema;
//   - TypeScript (built-in typescript-language-features): a misspelt name is reported, the
//     hover at a position shows the type, the quick fix "Change spelling" is applied and
//     the editor text changes accordingly.
//   - a fixture extension (test/e2e/fixtures/hello-ext) is packaged with vsce, installed
//     with `--install-extension`, and its command is run from the palette.
// Screenshots go to test-results/e2e/smoke/. Exit 0 on success, 1 with a clear message
// (last screenshot path + code-server log tail) otherwise.
//
// Run: node test/e2e/smoke.mjs            (after: bash scripts/e2e/install-tools.sh)

import fsp from 'node:fs/promises';
import path from 'node:path';
import {
  applyQuickFix,
  hoverAt,
  hoverText,
  dismissHover,
  makeTempDir,
  openFileFromExplorer,
  packageExtension,
  readEditorText,
  readProblems,
  runCommand,
  waitForEditorText,
  waitForNotification,
  waitForProblem,
  withSession,
} from './codeServer.mjs';
import { fileURLToPath } from 'node:url';

const FIXTURE_EXT = fileURLToPath(new URL('./fixtures/hello-ext', import.meta.url));

const t0 = Date.now();
const step = (/** @type {string} */ msg) => console.log(`[smoke +${((Date.now() - t0) / 1000).toFixed(1)}s] ${msg}`);
const expect = (/** @type {unknown} */ cond, /** @type {string} */ msg) => {
  if (!cond) throw new Error(msg);
};

async function makeWorkspace() {
  const ws = await makeTempDir('corresp-smoke-ws-');
  await fsp.writeFile(
    path.join(ws, 'letter.schema.json'),
    JSON.stringify(
      {
        type: 'object',
        properties: {
          title: { type: 'string', description: 'SMOKE-HOVER: the title of the comment letter' },
          date: { type: 'string' },
        },
      },
      null,
      2,
    ),
  );
  // Missing comma after the "title" line: a JSON syntax error.
  await fsp.writeFile(path.join(ws, 'letter.json'), '{\n  "$schema": "./letter.schema.json",\n  "title": "Comment letter"\n  "date": "2024-01-01"\n}\n');
  await fsp.writeFile(path.join(ws, 'typo.ts'), "const greeting = 'hello';\nconsole.log(greting);\n");
  return ws;
}

async function main() {
  const ws = await makeWorkspace();
  step(`workspace ${ws}`);
  const vsix = await packageExtension(FIXTURE_EXT);
  step(`packaged fixture extension ${vsix}`);
  try {
    await withSession({ name: 'smoke', workspace: ws, vsix }, async (s) => {
      const { page } = s;
      step(
        `workbench up (install .vsix ${s.timings.installExtension} ms, code-server ${s.timings.codeServerStart} ms, chromium ${s.timings.browserLaunch} ms, workbench ${s.timings.workbench} ms)`,
      );

      // --- JSON: syntax error in Problems, hover from the schema ----------------------------
      await openFileFromExplorer(page, 'letter.json');
      step('opened letter.json');
      const rows = await waitForProblem(page, /Expected comma/i);
      step(`Problems panel: ${JSON.stringify(rows.map((r) => r.text))}`);
      const hover = await hoverText(page, '"title"');
      step(`hover over "title": ${JSON.stringify(hover)}`);
      expect(hover.includes('SMOKE-HOVER'), `hover over "title" should show the schema description, got: ${hover}`);
      step(`screenshot ${await s.screenshot('json-problem-hover')}`);
      await dismissHover(page);

      // --- TypeScript: diagnostic, hover at a position, quick fix, editor text --------------
      await openFileFromExplorer(page, 'typo.ts');
      step('opened typo.ts');
      await waitForProblem(page, /Cannot find name 'greting'/, { timeoutMs: 90_000 });
      const problems = await readProblems(page);
      step(`Problems panel: ${JSON.stringify(problems.map((r) => `${r.kind}: ${r.text}`))}`);
      expect(
        problems.some((r) => r.kind === 'marker' && r.ariaLabel.includes('greting')),
        'the TS error should be a marker row',
      );
      const tsHover = await hoverAt(page, 1, 8);
      step(`hover at 1:8: ${JSON.stringify(tsHover)}`);
      expect(/const greeting: "hello"/.test(tsHover), `hover at 1:8 should show the type of greeting, got: ${tsHover}`);
      await dismissHover(page);
      const offered = await applyQuickFix(page, 2, 14, "Change spelling to 'greeting'");
      step(`quick fixes offered: ${JSON.stringify(offered)}`);
      const text = await waitForEditorText(page, 'console.log(greeting);');
      step(`editor text after fix: ${JSON.stringify(text)}`);
      expect((await readEditorText(page)).includes("const greeting = 'hello';"), 'line 1 should be unchanged');
      step(`screenshot ${await s.screenshot('ts-quick-fix')}`);

      // --- The installed .vsix: its command runs from the palette ----------------------------
      await runCommand(page, 'Corresp E2E: Say Hello');
      const note = await waitForNotification(page, 'Hello from the Corresp e2e fixture');
      step(`notification: ${JSON.stringify(note)}`);
      step(`screenshot ${await s.screenshot('vsix-command')}`);
    });
  } finally {
    await fsp.rm(ws, { recursive: true, force: true });
    await fsp.rm(path.dirname(vsix), { recursive: true, force: true });
  }
}

main().then(
  () => {
    step('PASS');
    console.log('smoke: 1 passed, 0 failed');
    process.exit(0);
  },
  (e) => {
    console.error(`[smoke] FAIL: ${e?.stack ?? e}`);
    console.log('smoke: 0 passed, 1 failed');
    process.exit(1);
  },
);
