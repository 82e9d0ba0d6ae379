/**
 * `npm run corpus -- [folder…] [--pdf] [--today=yyyy-mm-dd] [--no-cut] [--json=out.json] [--list] [--update-md]`
 *
 * Checks every response in every real thread against the staff letter it answers (see corpus.ts) and prints: counts
 * per diagnostic code, coverage verdicts, the cut test, and (with --list) every warning and error with the text it
 * points at. Default folders: ../shared/fixtures/threads and ../shared/fixtures/real. --update-md rewrites the
 * generated section of ACCURACY.md (between its markers). Writes test/corpus/.out/results.json.
 */
import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const OUT = path.join(HERE, '.out');

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const folders = argv.filter((a) => !a.startsWith('--'));
if (folders.length === 0) {
  for (const f of ['../shared/fixtures/threads', '../shared/fixtures/real']) if (existsSync(path.join(ROOT, f))) folders.push(path.join(ROOT, f));
}
const now = new Date();
const today = option('today') ?? `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;

mkdirSync(OUT, { recursive: true });
await esbuild.build({
  entryPoints: [path.join(HERE, 'corpus.ts')],
  outfile: path.join(OUT, 'corpus.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  define: { CORRESP_VERSION: '"corpus"' },
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
const corpus = await import(pathToFileURL(path.join(OUT, 'corpus.mjs')).href + `?t=${Date.now()}`);

const threads = corpus.threadFolders(folders);
const results = [];
const started = performance.now();
for (const dir of threads) {
  try {
    results.push(await corpus.evaluateThread(dir, { today, pdf: flag('pdf'), noCut: flag('no-cut') }));
  } catch (e) {
    results.push({ folder: dir, staff: [], responses: [], crash: String(e?.stack ?? e) });
  }
}
const seconds = (performance.now() - started) / 1000;
const rel = (f) => path.relative(ROOT, f);

// ── Summary ───────────────────────────────────────────────────────────────────────────────────────────────────
const responses = results.flatMap((t) => t.responses.map((r) => ({ ...r, folder: t.folder })));
const staff = results.flatMap((t) => t.staff.map((s) => ({ ...s, folder: t.folder })));
const byCode = new Map();
for (const r of [...responses, ...staff]) for (const f of r.findings) byCode.set(`${f.severity} ${f.code}`, (byCode.get(`${f.severity} ${f.code}`) ?? 0) + 1);
const notes = new Map();
for (const r of [...responses, ...staff]) for (const [k, v] of Object.entries(r.notes ?? {})) notes.set(k, (notes.get(k) ?? 0) + v);
const numbered = responses.filter((r) => r.anchors > 0 && r.total > 0);
const full = numbered.filter((r) => r.answered === r.total);
const cutTried = responses.reduce((n, r) => n + (r.cut?.tried ?? 0), 0);
const cutFailed = responses.flatMap((r) => (r.cut?.failed ?? []).map((f) => ({ ...f, file: `${rel(r.folder)}/${r.file}` })));
const crashes = results.filter((t) => t.crash);
const lettersWithFindings = responses.filter((r) => r.findings.length > 0).length;

const summary = {
  today,
  threads: results.length,
  staffLetters: staff.length,
  staffComments: staff.reduce((n, s) => n + s.comments, 0),
  responses: responses.length,
  answeringByNumber: numbered.length,
  fullyAnswered: full.length,
  notAnchored: responses.filter((r) => r.anchors === 0).length,
  responsesWithFindings: lettersWithFindings,
  findings: Object.fromEntries([...byCode.entries()].sort((a, b) => b[1] - a[1])),
  notes: Object.fromEntries([...notes.entries()].sort((a, b) => b[1] - a[1])),
  cut: { tried: cutTried, failed: cutFailed.length },
  crashes: crashes.length,
  seconds: Math.round(seconds * 10) / 10,
};

const lines = [];
lines.push(
  `corpus: ${summary.threads} threads, ${summary.staffLetters} staff letters (${summary.staffComments} comments), ${summary.responses} responses; ${summary.seconds} s; today ${today}`,
);
lines.push(`responses answering by number: ${numbered.length}; fully answered: ${full.length}; with no anchors: ${summary.notAnchored}`);
lines.push(`cut test: ${cutTried} answers cut, ${cutFailed.length} failed`);
lines.push(`warnings and errors: ${[...byCode.values()].reduce((a, b) => a + b, 0)} on ${lettersWithFindings} responses`);
for (const [k, v] of Object.entries(summary.findings)) lines.push(`  ${String(v).padStart(4)}  ${k}`);
lines.push(`information and hints: ${[...notes.values()].reduce((a, b) => a + b, 0)}`);
for (const [k, v] of Object.entries(summary.notes)) lines.push(`  ${String(v).padStart(4)}  ${k}`);
if (crashes.length) for (const c of crashes) lines.push(`CRASH ${rel(c.folder)}: ${c.crash.split('\n')[0]}`);
if (flag('list')) {
  lines.push('');
  for (const r of [...staff, ...responses]) {
    for (const f of r.findings) lines.push(`${rel(r.folder)}/${r.file}:${f.line} ${f.severity} [${f.code}] ${f.message.slice(0, 240)}\n      | ${f.context}`);
  }
  lines.push('');
  for (const r of numbered.filter((x) => x.answered !== x.total))
    lines.push(
      `NOT FULLY ANSWERED ${rel(r.folder)}/${r.file} (${r.staff}): ${r.answered}/${r.total}, missing ${r.missing.join(',')}, placeholder ${r.placeholder.join(',')}`,
    );
  for (const r of responses.filter((x) => x.anchors === 0))
    lines.push(`NO ANCHORS ${rel(r.folder)}/${r.file} (${r.staff ?? 'no staff letter'}; ${r.total} comments)`);
  for (const f of cutFailed) lines.push(`CUT FAILED ${f.file}: cutting ${f.number} left missing [${f.missing.join(',')}]`);
}
console.log(lines.join('\n'));

const json = option('json') ?? path.join(OUT, 'results.json');
writeFileSync(json, JSON.stringify({ summary, threads: results }, null, 1));
if (flag('update-md')) updateMarkdown(summary);

function updateMarkdown(s) {
  const file = path.join(ROOT, 'ACCURACY.md');
  if (!existsSync(file)) return;
  const md = readFileSync(file, 'utf8');
  const begin = '<!-- corpus:begin -->';
  const end = '<!-- corpus:end -->';
  const a = md.indexOf(begin);
  const b = md.indexOf(end);
  if (a < 0 || b < a) return;
  const table = [
    '| | |',
    '| --- | --- |',
    `| threads / staff letters / comments | ${s.threads} / ${s.staffLetters} / ${s.staffComments} |`,
    `| responses | ${s.responses} (${s.answeringByNumber} answer by number, ${s.notAnchored} without anchors) |`,
    `| fully answered (of those answering by number) | ${s.fullyAnswered} of ${s.answeringByNumber} |`,
    `| cut test | ${s.cut.tried} answers cut, ${s.cut.failed} failed |`,
    `| responses with a warning or error | ${s.responsesWithFindings} |`,
    `| crashes | ${s.crashes} |`,
    '',
    '| warnings and errors by code | count |',
    '| --- | --- |',
    ...Object.entries(s.findings).map(([k, v]) => `| ${k} | ${v} |`),
    '',
    '| information and hints by code | count |',
    '| --- | --- |',
    ...Object.entries(s.notes).map(([k, v]) => `| ${k} | ${v} |`),
  ].join('\n');
  writeFileSync(file, `${md.slice(0, a + begin.length)}\n${table}\n${md.slice(b)}`);
}
