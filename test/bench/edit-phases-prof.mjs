/**
 * The edit path in process, phase by phase: a generated draft (from $TMPDIR/corresp-bench-data, written by run.mjs)
 * indexed with its staff letter, opened, then typed into one character at a time in its middle; each keystroke timed
 * as the server runs it (the index's `updateOpen`, the analysis of the draft's thread, its diagnostics). Prints the
 * first keystrokes' phases (the engine warming to the edit path) and the medians after them. No LSP, no profiler:
 * add `--cpu-prof` to node to profile.
 *
 *   node test/bench/run.mjs --build-only              # the bench bundle: test/bench/.out/corresp.mjs
 *   node test/bench/edit-phases.mjs [comments] [edits] # 1000 and 40 by default
 */
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const bundle = path.join(HERE, '.out', 'corresp.mjs');
const [comments = '1000', edits = '40'] = process.argv.slice(2);
const dir = path.join(tmpdir(), 'corresp-bench-data', `doc-${comments}`);
for (const [what, p] of [
  ['the bench bundle', bundle],
  ['the generated draft', dir],
]) {
  if (!existsSync(p)) {
    console.error(`${p} is missing (${what}): run node test/bench/run.mjs --build-only (and once without it for the data)`);
    process.exit(2);
  }
}
const { LetterIndex, FsHost, analyseDocument, diagnosticsOf } = await import(pathToFileURL(bundle).href);

const index = new LetterIndex(new FsHost({ folders: () => [dir] }));
await index.scan();
const file = path.join(dir, 'response.md');
const uri = pathToFileURL(file).href;
let text = readFileSync(file, 'utf8');
// Type in the middle of a line near the middle of the draft.
let at = text.indexOf('\n', text.length >> 1) - 5;
const phases = []; const inspector = await import('node:inspector'); const session = new inspector.Session(); session.connect(); const post = (m, p) => new Promise((r) => session.post(m, p ?? {}, (e, x) => r(x)));
for (let i = 0; i <= Number(edits); i++) {
  if (i === 1) { await post('Profiler.enable'); await post('Profiler.setSamplingInterval', { interval: 50 }); await post('Profiler.start'); }
  if (i === Number(process.env.UPTO ?? 7)) { const { profile } = await post('Profiler.stop'); (await import('node:fs')).writeFileSync(process.env.OUT ?? '/tmp/pe/first.cpuprofile', JSON.stringify(profile)); }
  if (i > 0) text = `${text.slice(0, at)}${'abcdefghij'[i % 10]}${text.slice(at++)}`;
  const t0 = performance.now();
  const doc = index.updateOpen(uri, text, i + 1);
  const t1 = performance.now();
  const { analysis } = await analyseDocument(index, doc, {}, '2026-12-02');
  const t2 = performance.now();
  index.remembering(() => diagnosticsOf(analysis));
  const t3 = performance.now();
  phases.push({ update: t1 - t0, analysis: t2 - t1, diagnostics: t3 - t2, total: t3 - t0 });
}
const ms = (x) => x.toFixed(1);
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(`open: ${ms(phases[0].total)} ms`);
console.log(
  'first keystrokes (update / analysis / diagnostics ms):',
  phases
    .slice(1, 9)
    .map((p) => `${ms(p.update)}/${ms(p.analysis)}/${ms(p.diagnostics)}`)
    .join('  '),
);
const rest = phases.slice(9);
if (rest.length > 0) {
  console.log(
    `after them, median of ${rest.length}: update ${ms(median(rest.map((p) => p.update)))}, analysis ${ms(median(rest.map((p) => p.analysis)))}, diagnostics ${ms(median(rest.map((p) => p.diagnostics)))}, total ${ms(median(rest.map((p) => p.total)))} ms`,
  );
}
