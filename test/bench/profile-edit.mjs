/**
 * Profiles the language server's edit path: starts a server bundle with --cpu-prof on one generated draft (from
 * $TMPDIR/corresp-bench-data, written by run.mjs), opens it, types N characters in its middle (waiting for each
 * publishDiagnostics), prints each edit's latency and the server's cpu per edit, and writes the profile.
 *
 *   node test/bench/run.mjs --build-only            # bundles: .out/server.mjs (as is), .out/whatif/server.mjs (patched)
 *   node test/bench/profile-edit.mjs [server.mjs] [comments] [edits]
 *   node test/bench/profile-summary.mjs test/bench/.out/prof/edit-<comments>
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './lsp.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const [server = path.join(HERE, '.out', 'server.mjs'), comments = '1000', edits = '10'] = process.argv.slice(2);
const source = path.join(tmpdir(), 'corresp-bench-data', `doc-${comments}`);
if (!existsSync(source)) {
  console.error(`${source} is missing: run node test/bench/run.mjs (or --quick) first`);
  process.exit(2);
}
const profDir = path.join(HERE, '.out', 'prof', `edit-${comments}`);
const dir = mkdtempSync(path.join(tmpdir(), 'corresp-profile-'));
cpSync(source, dir, { recursive: true });
const file = path.join(dir, 'response.md');
const text = readFileSync(file, 'utf8');
const s = startServer(path.resolve(server), dir, { settings: { diagnostics: { delay: 0 } }, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profDir}`] });
try {
  await s.initialize();
  await s.waitFor(() => true);
  const uri = s.open(file, text);
  await s.waitFor((p) => p.uri === uri && p.version === 1, 600_000, { includeSeen: false });
  const lines = text.split('\n');
  let line = text.slice(0, text.length >> 1).split('\n').length - 1;
  while (lines[line].length < 40) line++;
  const cpu0 = s.cpuMs();
  const times = [];
  for (let i = 0; i < Number(edits); i++) {
    const t0 = performance.now();
    s.notify('textDocument/didChange', {
      textDocument: { uri, version: i + 2 },
      contentChanges: [{ range: { start: { line, character: 20 + i }, end: { line, character: 20 + i } }, text: 'x' }],
    });
    await s.waitFor((p) => p.uri === uri && p.version === i + 2, 600_000, { includeSeen: false });
    times.push(performance.now() - t0);
  }
  console.log(`edit → publish ms: ${times.map((t) => t.toFixed(0)).join(' ')}; server cpu per edit ${((s.cpuMs() - cpu0) / times.length).toFixed(0)} ms`);
} finally {
  await s.stop();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`profile in ${path.relative(process.cwd(), profDir)} (node test/bench/profile-summary.mjs ${path.relative(process.cwd(), profDir)})`);
