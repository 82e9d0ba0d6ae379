/**
 * Corresp's benchmark (`npm run bench`; a benchmark, never a timed test). Measures, side by side with the floor
 * (reading the file, a bare remark parse) and a peer (vscode-markdown-languageservice's diagnostics on the same
 * files), the costs an editor user feels: analysing one document cold and after a one-character edit, hover /
 * completion / code actions on a 1,000-comment letter, diagnostics after an edit through the real server over
 * stdio, indexing a workspace of 500 threads, server start, PDF import and the bundle sizes. Each figure at three
 * sizes with its growth exponent; targets evaluated at the end.
 *
 *   node test/bench/run.mjs [--quick] [--only=doc,real,floor,features,pdf,docx,lsp-edit,lsp-workspace,cli-check,memory,lsp-start,bundle,precedents,commitments,soak,what-if]
 *                           [--big=2000] [--what-if] [--profile] [--no-vsix] [--update-md] [--build-only]
 *
 * See BENCHMARKS.md for what each figure means, the targets and the known costs.
 *
 * Writes test/bench/results.json (git-ignored). In-process groups run in child processes (`--child=<group>`,
 * with --expose-gc) so each starts with a clean heap; --profile adds --cpu-prof to those children and to the
 * spawned servers (profiles in test/bench/.out/prof/, summarise with test/bench/profile-summary.mjs).
 * --update-md rewrites the generated results section of BENCHMARKS.md (between its results markers).
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { cpus, tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { responseDraft, rng, staffLetter, writeWorkspace } from './generate.mjs';
import { startServer } from './lsp.mjs';
import { groupDocx } from './docx.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const OUT = path.join(HERE, '.out');
// The bundles the server and the CLI load from beside them: their workers, and the libraries kept apart (esbuild.mjs).
const WORKERS_AND_APART = ['pdf-worker.mjs', 'reader-worker.mjs', 'pdfjs.mjs', 'mammoth.mjs', 'docx-writer.mjs'];
// Generated letters live outside the repository: the server and `check` honour .gitignore, and test/bench/.out is
// ignored (a workspace there would hold no letters).
const DATA = path.join(tmpdir(), 'corresp-bench-data');
const DIST_SERVER = path.join(ROOT, 'dist', 'server.mjs');
/** The server under test: a copy of dist/server.mjs taken when the run starts (others may rebuild dist/ meanwhile). */
const SERVER = path.join(OUT, 'server.mjs');
/** The CLI under test: a copy of dist/cli.mjs (and the PDF worker beside it) taken when the run starts. */
const CLI = path.join(OUT, 'cli', 'cli.mjs');
// Servers and commands the run starts keep their analysis cache here, never in the user's cache folder (the groups
// that measure the cache set their own folder per run).
process.env.CORRESP_CACHE_DIR ??= path.join(OUT, 'cache', 'default');
const REAL = path.join(ROOT, 'test', 'fixtures', 'real');

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const QUICK = flag('quick');
const PROFILE = flag('profile');

const CFG = QUICK
  ? {
      docSizes: [10, 30, 100],
      featureSizes: [10, 30, 100],
      positions: 150,
      lspSizes: [10, 30, 100],
      lspEdits: 12,
      lspBudgetMs: 8000,
      threads: [25, 50, 100],
      bigThreads: 200,
      startRuns: 3,
      realRuns: 2,
      maxRuns: 4,
      budgetMs: 2500,
    }
  : {
      docSizes: [100, 300, 1000],
      featureSizes: [100, 300, 1000],
      positions: 500,
      lspSizes: [100, 300, 1000],
      lspEdits: 30,
      lspBudgetMs: 15000,
      threads: [125, 250, 500],
      bigThreads: 2000,
      startRuns: 7,
      realRuns: 5,
      maxRuns: 7,
      budgetMs: 6000,
    };
// --big=N: the size growth is checked up to (workspace and check; 2,000 threads by default, 0 to leave it out).
if (option('big') !== undefined) CFG.bigThreads = Number(option('big')) || 0;
/** Bytes asked of the generator per comment (it overshoots a little): 1,000 comments ≈ 1 MB. */
const BYTES_PER_COMMENT = 920;

// ─── statistics ─────────────────────────────────────────────────────────────────────────────────────────────────

function quantile(xs, q) {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
function stats(wall, cpu = []) {
  return {
    n: wall.length,
    median: quantile(wall, 0.5),
    p95: quantile(wall, 0.95),
    min: Math.min(...wall),
    max: Math.max(...wall),
    ...(cpu.length ? { cpuMedian: quantile(cpu, 0.5) } : {}),
    samples: wall.map((x) => Math.round(x * 1000) / 1000),
  };
}
/** Log-log slope between the smallest and the largest size. */
function exponent(points) {
  const ok = points.filter((p) => p.size > 0 && p.value > 0 && Number.isFinite(p.value));
  if (ok.length < 2) return NaN;
  const a = ok[0];
  const b = ok[ok.length - 1];
  return Math.log(b.value / a.value) / Math.log(b.size / a.size);
}

/** Runs `fn` (after `setup`, untimed) until `minRuns` and the time budget, or `maxRuns`, are reached. */
async function measure(fn, { setup, warmup = 1, minRuns = 3, maxRuns = CFG.maxRuns, budgetMs = CFG.budgetMs } = {}) {
  for (let i = 0; i < warmup; i++) {
    if (setup) await setup();
    await fn();
  }
  const wall = [];
  const cpu = [];
  const phases = {};
  const start = performance.now();
  while (wall.length < maxRuns && (wall.length < minRuns || performance.now() - start < budgetMs)) {
    if (setup) await setup();
    globalThis.gc?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const r = await fn();
    const t1 = performance.now();
    const c1 = process.cpuUsage(c0);
    wall.push(t1 - t0);
    cpu.push((c1.user + c1.system) / 1000);
    // A function may return its own phase timings ({ parse: ms, … }).
    if (r && typeof r === 'object' && !Array.isArray(r) && Object.values(r).every((v) => typeof v === 'number'))
      for (const [k, v] of Object.entries(r)) (phases[k] ??= []).push(v);
  }
  return { ...stats(wall, cpu), ...(Object.keys(phases).length ? { phases } : {}) };
}

/**
 * Like measure, for several variants at once, alternating them run by run (A, B, A, B …) so that both see the same
 * machine and the same heap history. Returns one result per variant.
 */
async function measureAlternating(variants, { warmup = 1, minRuns = 3, maxRuns = CFG.maxRuns, budgetMs = 2 * CFG.budgetMs } = {}) {
  for (let i = 0; i < warmup; i++)
    for (const v of variants) {
      if (v.setup) await v.setup();
      await v.fn();
    }
  const acc = variants.map(() => ({ wall: [], cpu: [], phases: {} }));
  const start = performance.now();
  for (let run = 0; run < maxRuns && (run < minRuns || performance.now() - start < budgetMs); run++) {
    for (const [i, v] of variants.entries()) {
      if (v.setup) await v.setup();
      globalThis.gc?.();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const r = await v.fn();
      const t1 = performance.now();
      const c1 = process.cpuUsage(c0);
      acc[i].wall.push(t1 - t0);
      acc[i].cpu.push((c1.user + c1.system) / 1000);
      if (r && typeof r === 'object' && !Array.isArray(r) && Object.values(r).every((x) => typeof x === 'number'))
        for (const [k, x] of Object.entries(r)) (acc[i].phases[k] ??= []).push(x);
    }
  }
  return acc.map((a) => ({ ...stats(a.wall, a.cpu), ...(Object.keys(a.phases).length ? { phases: a.phases } : {}) }));
}

/** Times one call per input; p50/p95 over the inputs. */
async function perCall(inputs, fn) {
  const times = [];
  let results = 0;
  for (const x of inputs) {
    const t0 = performance.now();
    const r = await fn(x);
    times.push(performance.now() - t0);
    if (Array.isArray(r) ? r.length > 0 : r) results++;
  }
  return { ...stats(times), samples: undefined, calls: inputs.length, nonEmpty: results };
}

// ─── data ───────────────────────────────────────────────────────────────────────────────────────────────────────

function docDir(n) {
  return path.join(DATA, `doc-${n}`);
}

/** A staff letter (.md and .txt) of `n` comments and a draft of about n KB answering it. */
function ensureDoc(n) {
  const dir = docDir(n);
  if (existsSync(path.join(dir, 'response.md'))) return dir;
  mkdirSync(dir, { recursive: true });
  const letter = staffLetter({ comments: n, seed: 11 });
  writeFileSync(path.join(dir, 'staff-letter.md'), letter.md);
  writeFileSync(path.join(dir, 'staff-letter.txt'), letter.txt);
  writeFileSync(path.join(dir, 'response.md'), responseDraft(letter.model, { targetBytes: n * BYTES_PER_COMMENT, staffPath: './staff-letter.md', seed: 5 }));
  return dir;
}

function ensureWorkspace(threads) {
  const dir = path.join(DATA, `ws-${threads}`);
  const marker = path.join(dir, '.drafts.json');
  if (existsSync(marker)) return { dir, ...JSON.parse(readFileSync(marker, 'utf8')) };
  rmSync(dir, { recursive: true, force: true });
  const w = writeWorkspace(dir, { threads });
  writeFileSync(marker, JSON.stringify({ drafts: w.drafts, files: w.files.length, bytes: w.bytes }));
  return { dir, drafts: w.drafts, files: w.files.length, bytes: w.bytes };
}

function midEdit(text, k = 0) {
  const mid = text.length >> 1;
  return text.slice(0, mid) + String.fromCharCode(97 + (k % 26)) + text.slice(mid);
}

// ─── in-process groups (children) ───────────────────────────────────────────────────────────────────────────────

async function loadCorresp() {
  return import(path.join(OUT, 'corresp.mjs'));
}

async function remarkParsers() {
  const { unified } = await import('unified');
  const remarkParse = (await import('remark-parse')).default;
  const remarkGfm = (await import('remark-gfm')).default;
  return { bare: unified().use(remarkParse), gfm: unified().use(remarkParse).use(remarkGfm) };
}

/**
 * One document through Corresp (the bench bundle, which like the server loads pdf.js at start-up, with its
 * polyfills): cold, after a one-character edit, and the parts. Floor and peer run in a clean process (groupFloor).
 */
/** The texts of the generated document of `n` comments, and its staff letter read by `C`. */
function docInputs(C, n) {
  const dir = docDir(n);
  const draftPath = path.join(dir, 'response.md');
  const staffPath = path.join(dir, 'staff-letter.md');
  const txtPath = path.join(dir, 'staff-letter.txt');
  const draft = readFileSync(draftPath, 'utf8');
  const staffMd = readFileSync(staffPath, 'utf8');
  const staffTxt = readFileSync(txtPath, 'utf8');
  return { draftPath, staffPath, txtPath, draft, staffMd, staffTxt, edited: midEdit(draft), staff: C.staffLetterOf(C.readLetterText(staffPath, staffMd)) };
}

/**
 * Cold (a new MarkdownParser) and after a one-character edit (the same parser, primed untimed with the text before
 * the edit), each run timed as a whole and by phase: parse (readLetterText), responseOf, coverageOf.
 */
function phasedRun(C, x, parser) {
  const t0 = performance.now();
  const file = C.readLetterText(x.draftPath, parser === null ? x.draft : x.edited, parser ?? new C.MarkdownParser());
  const t1 = performance.now();
  const model = C.responseOf(file, x.staff);
  const t2 = performance.now();
  C.coverageOf(model, x.staff);
  const t3 = performance.now();
  return { parse: t1 - t0, responseOf: t2 - t1, coverageOf: t3 - t2 };
}

function withPhases(m) {
  for (const [k, from, phase] of [
    ['parseCold', 'cold', 'parse'],
    ['responseOf', 'cold', 'responseOf'],
    ['coverageOf', 'cold', 'coverageOf'],
    ['editParse', 'edit', 'parse'],
    ['editModel', 'edit', 'responseOf'],
    ['editCoverage', 'edit', 'coverageOf'],
  ]) {
    m[k] = { ...stats(m[from].phases[phase]), cpuMedian: undefined, phaseOf: from };
  }
  return m;
}

async function coldAndEdit(C, x, warmup) {
  const m = {};
  m.cold = await measure(() => phasedRun(C, x, null), { warmup });
  const parser = new C.MarkdownParser();
  m.edit = await measure(() => phasedRun(C, x, parser), { setup: () => void C.readLetterText(x.draftPath, x.draft, parser), warmup });
  return withPhases(m);
}

/** coldAndEdit for several [C, x] variants, alternating them run by run. */
async function coldAndEditPaired(pairs, warmup) {
  const ms = pairs.map(() => ({}));
  const cold = await measureAlternating(
    pairs.map(([C, x]) => ({ fn: () => phasedRun(C, x, null) })),
    { warmup },
  );
  const parsers = pairs.map(([C]) => new C.MarkdownParser());
  const edit = await measureAlternating(
    pairs.map(([C, x], i) => ({ fn: () => phasedRun(C, x, parsers[i]), setup: () => void C.readLetterText(x.draftPath, x.draft, parsers[i]) })),
    { warmup },
  );
  return ms.map((m, i) => withPhases(Object.assign(m, { cold: cold[i], edit: edit[i] })));
}

/** What a publish adds on top of the model (coverage again, citations, severities), and splitChunks alone. */
async function publishParts(C, x, warmup) {
  const file = C.readLetterText(x.draftPath, x.draft, new C.MarkdownParser());
  const model = C.responseOf(file, x.staff);
  return {
    diagnostics: await measure(() => C.draftDiagnostics({ file, draft: model, staff: { path: './staff-letter.md', letter: x.staff }, today: '2021-04-01' }), {
      warmup,
    }),
    splitChunks: await measure(() => C.splitChunks(x.draft), { warmup }),
  };
}

const DIAGNOSTICS_PAYLOAD = {
  uri: 'file:///x.md',
  diagnostics: Array.from({ length: 300 }, (_, i) => ({
    range: { start: { line: i, character: 0 }, end: { line: i, character: 9 } },
    severity: 2,
    code: 'quote.drift',
    source: 'corresp',
    message: 'The repeated comment 2 differs from the staff’s words: “receivable” for “receivables”.',
    data: { number: i },
  })),
};
const stringify300 = () => {
  for (let i = 0; i < 10; i++) JSON.stringify(DIAGNOSTICS_PAYLOAD);
};

/**
 * After a PDF has been read: pdf.js is loaded on first use and (as is) its core-js polyfills then stay installed
 * for the rest of the process, as in a server whose workspace holds one PDF staff letter. Irreversible: run last.
 */
async function afterPdf(C, x) {
  const pdf = readdirSync(REAL)
    .map((d) => path.join(REAL, d, 'staff.pdf'))
    .find((f) => existsSync(f));
  const pushBefore = Array.prototype.push;
  await C.pdfToText(new Uint8Array(readFileSync(pdf)));
  return {
    pushReplaced: Array.prototype.push !== pushBefore,
    coldAfterPdf: await measure(() => C.coverageOf(C.responseOf(C.readLetterText(x.draftPath, x.draft, new C.MarkdownParser()), x.staff), x.staff), {
      warmup: 1,
      maxRuns: 5,
    }),
    stringify300AfterPdf: await measure(stringify300, { warmup: 1 }),
  };
}

/**
 * One document through Corresp (the bench bundle): cold, after a one-character edit, and the parts; at the
 * smallest size also after a PDF was read. Floor and peer run in a clean process (groupFloor).
 */
async function groupDoc() {
  const C = await loadCorresp();
  const out = [];
  let warmup = 1;
  for (const n of CFG.docSizes) {
    const x = docInputs(C, n);
    const log = (m, k) => process.stderr.write(`  doc ${n}: ${k} ${m[k].median.toFixed(1)} ms (cpu ${m[k].cpuMedian.toFixed(1)})\n`);
    const m = await coldAndEdit(C, x, warmup);
    log(m, 'cold');
    log(m, 'edit');
    Object.assign(m, await publishParts(C, x, warmup));
    log(m, 'diagnostics');
    m.staffMd = await measure(() => C.staffLetterOf(C.readLetterText(x.staffPath, x.staffMd, new C.MarkdownParser())), { warmup });
    log(m, 'staffMd');
    m.staffTxt = await measure(() => C.staffLetterOf(C.readLetterText(x.txtPath, x.staffTxt)), { warmup });
    log(m, 'staffTxt');
    warmup = 0;
    const model = C.responseOf(C.readLetterText(x.draftPath, x.draft), x.staff);
    const coverage = C.coverageOf(model, x.staff);
    const p = new C.MarkdownParser();
    const whole = p.parse(x.draft);
    const afterEdit = p.parse(x.edited);
    out.push({
      comments: n,
      bytes: Buffer.byteLength(x.draft),
      staffBytes: Buffer.byteLength(x.staffMd),
      staffTxtBytes: Buffer.byteLength(x.staffTxt),
      facts: {
        staffComments: x.staff.comments.length,
        anchors: model.anchors.length,
        answered: coverage.answered,
        problems: coverage.problems.length,
        chunks: whole.totalChunks,
        chunksParsedAfterEdit: afterEdit.parsedChunks,
      },
      m,
    });
  }
  const first = out[0];
  first.m.stringify300 = await measure(stringify300, { warmup: 1 });
  const after = await afterPdf(C, docInputs(C, first.comments));
  first.pushReplacedByPdfjs = after.pushReplaced;
  first.m.coldAfterPdf = after.coldAfterPdf;
  first.m.stringify300AfterPdf = after.stringify300AfterPdf;
  return { sizes: out };
}

/** The floor (reading the file, remark alone, remark + gfm) and the peer, in a process that never loads pdf.js. */
async function groupFloor() {
  const remark = await remarkParsers();
  const { loadPeer, peerWorkspace } = await import('./peer.mjs');
  const peer = await loadPeer();
  const sizes = [];
  let first = true;
  for (const n of CFG.docSizes) {
    const dir = docDir(n);
    const draftPath = path.join(dir, 'response.md');
    const staffPath = path.join(dir, 'staff-letter.md');
    const draft = readFileSync(draftPath, 'utf8');
    const staffMd = readFileSync(staffPath, 'utf8');
    const warmup = first ? 1 : 0;
    first = false;
    const m = {};
    const log = (k) => process.stderr.write(`  floor ${n}: ${k} ${m[k].median.toFixed(1)} ms (cpu ${m[k].cpuMedian.toFixed(1)})\n`);
    m.read = await measure(() => readFileSync(draftPath, 'utf8'), { warmup: 1 });
    log('read');
    m.remark = await measure(() => remark.bare.parse(draft), { warmup });
    log('remark');
    m.remarkGfm = await measure(() => remark.gfm.parse(draft), { warmup });
    log('remarkGfm');
    m.staffRemarkGfm = await measure(() => remark.gfm.parse(staffMd), { warmup });
    log('staffRemarkGfm');
    let peerInfo;
    if (peer.skipped) peerInfo = { skipped: peer.skipped };
    else {
      const ws = peerWorkspace(peer, dir, [
        [draftPath, draft],
        [staffPath, staffMd],
      ]);
      let k = 0;
      m.peer = await measure(() => ws.diagnostics(draftPath, draft), { warmup });
      log('peer');
      m.peerEdit = await measure(() => ws.diagnostics(draftPath, midEdit(draft, k++)), { warmup });
      log('peerEdit');
      m.peerStaff = await measure(() => ws.diagnostics(staffPath, staffMd), { warmup });
      log('peerStaff');
      peerInfo = { markdownIt: peer.markdownItVersion, diagnostics: (await ws.diagnostics(draftPath, draft)).length };
      ws.dispose();
    }
    sizes.push({ comments: n, bytes: Buffer.byteLength(draft), peer: peerInfo, m });
  }
  // The real fixtures' staff letters as Corresp Markdown (written by the `real` group).
  let real;
  const realMd = path.join(DATA, 'real-md');
  if (existsSync(realMd)) {
    const files = readdirSync(realMd)
      .sort()
      .map((f) => [path.join(realMd, f), readFileSync(path.join(realMd, f), 'utf8')]);
    const runs = { minRuns: CFG.realRuns, maxRuns: CFG.realRuns };
    real = { files: files.length, m: {} };
    real.m.remark = await measure(() => {
      for (const [, t] of files) remark.bare.parse(t);
    }, runs);
    real.m.remarkGfm = await measure(() => {
      for (const [, t] of files) remark.gfm.parse(t);
    }, runs);
    if (!peer.skipped) {
      const ws = peerWorkspace(peer, realMd, files);
      real.m.peer = await measure(async () => {
        for (const [f, t] of files) await ws.diagnostics(f, t);
      }, runs);
      ws.dispose();
    }
  }
  return { sizes, real, peer: peer.skipped ? { skipped: peer.skipped } : { markdownIt: peer.markdownItVersion } };
}

/** An in-memory index over `files` (name → text), as test/features/harness.ts builds it. */
function memoryIndex(C, root, files) {
  const map = new Map([...files].map(([name, text]) => [C.pathToUri(path.join(root, name)), text]));
  const host = {
    listFiles: async () => [...map.keys()],
    readBytes: async (uri) => (map.has(uri) ? { bytes: new TextEncoder().encode(map.get(uri)) } : { failure: 'no such file' }),
    openText: () => undefined,
    inWorkspace: (uri) => uri.startsWith(C.pathToUri(root) + '/'),
  };
  // No team placeholders: the thread reads drafts with one shared empty list, so the index's draft cache hits.
  const index = new C.LetterIndex(host);
  return { index, uri: (name) => C.pathToUri(path.join(root, name)) };
}

function offsetsOf(text, re, delta) {
  const out = [];
  for (const m of text.matchAll(re)) out.push(m.index + delta);
  return out;
}

function sample(xs, count, r) {
  const copy = [...xs];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, count);
}

async function groupFeatures() {
  const C = await loadCorresp();
  const sizes = [];
  for (const n of CFG.featureSizes) {
    const dir = docDir(n);
    const draft = readFileSync(path.join(dir, 'response.md'), 'utf8');
    const staffMd = readFileSync(path.join(dir, 'staff-letter.md'), 'utf8');
    const root = path.resolve('/ws');
    const t0 = performance.now();
    const { index, uri } = memoryIndex(C, root, [
      ['staff-letter.md', staffMd],
      ['response.md', draft],
    ]);
    await index.scan();
    const doc = index.get(uri('response.md'));
    const thread = await index.thread(doc);
    const buildMs = performance.now() - t0;
    const r = rng(n);
    const P = CFG.positions;
    const anchors = thread.doc.draft.anchors.map((a) => a.numberSpan.start);
    const citations = offsetsOf(draft, /ASC \d{3}/g, 5);
    const random = Array.from({ length: P }, () => r.int(0, draft.length - 1));
    const hoverAt = [...sample(anchors, P / 2, r), ...sample(citations, P / 4, r), ...random.slice(0, P / 4)];
    const boldStarts = offsetsOf(draft, /^\*\*\d/gm, 2);
    const ascAfter = offsetsOf(draft, /ASC \d{3}-/g, 4);
    const ascPartial = offsetsOf(draft, /ASC \d{3}-/g, 8);
    const items = offsetsOf(draft, /Item \d/g, 5);
    const completeAt = [
      ...sample(boldStarts, P / 4, r),
      ...sample(ascAfter, P / 4, r),
      ...sample(ascPartial, P / 8, r),
      ...sample(items, P / 8, r),
      ...random.slice(0, P / 4),
    ];
    const diagnostics = C.draftDiagnostics({
      file: thread.doc.file,
      draft: thread.doc.draft,
      staff: { path: './staff-letter.md', letter: thread.staff.doc.letter },
      today: '2021-04-01',
    }).problems;
    const actionsAt = [
      ...sample(diagnostics, P / 2, r).map((p) => ({ start: p.start, end: p.end, problems: [p] })),
      ...random.slice(0, P / 2).map((o) => ({ start: o, end: o, problems: [] })),
    ];
    // Warm the JIT on a few calls of each, as an editor session would be.
    for (const o of hoverAt.slice(0, 20)) C.hoverAt(thread, o);
    for (const o of completeAt.slice(0, 20)) C.completionsAt(thread, o);
    for (const a of actionsAt.slice(0, 10)) C.codeActionsFor(thread, a.start, a.end, a.problems);
    const m = {
      hover: await perCall(hoverAt, (o) => C.hoverAt(thread, o)),
      completion: await perCall(completeAt, (o) => C.completionsAt(thread, o)),
      codeActions: await perCall(actionsAt, (a) => C.codeActionsFor(thread, a.start, a.end, a.problems)),
      // What the server does around every request: the thread (cached draft and coverage).
      threadCached: await perCall(hoverAt.slice(0, 100), () => index.thread(doc)),
      threadHover: await perCall(hoverAt, async (o) => C.hoverAt(await index.thread(doc), o)),
      threadCompletion: await perCall(completeAt, async (o) => C.completionsAt(await index.thread(doc), o)),
    };
    process.stderr.write(
      `  features ${n}: hover p95 ${m.hover.p95.toFixed(2)} completion p95 ${m.completion.p95.toFixed(2)} actions p95 ${m.codeActions.p95.toFixed(2)} ms\n`,
    );
    sizes.push({ comments: n, bytes: Buffer.byteLength(draft), buildMs, diagnostics: diagnostics.length, m });
  }
  return { sizes };
}

function realFixtures() {
  return readdirSync(REAL)
    .filter((d) => existsSync(path.join(REAL, d, 'staff.txt')))
    .sort();
}

async function groupReal() {
  const C = await loadCorresp();
  const names = realFixtures();
  const realMd = path.join(DATA, 'real-md');
  mkdirSync(realMd, { recursive: true });
  const fx = names.map((d) => {
    const staffTxtPath = path.join(REAL, d, 'staff.txt');
    const responsePath = path.join(REAL, d, 'response.htm');
    const staffTxt = readFileSync(staffTxtPath, 'utf8');
    const responseHtm = readFileSync(responsePath, 'utf8');
    // The staff letter as Corresp Markdown (what `corresp import` writes), for the Markdown floor and the peer.
    const staffMd = C.importLetter(C.readLetterText(staffTxtPath, staffTxt)).markdown;
    const staffMdPath = path.join(realMd, `${d}.md`);
    writeFileSync(staffMdPath, staffMd);
    return { d, staffTxtPath, responsePath, staffTxt, responseHtm, staffMd, staffMdPath };
  });
  const runs = { minRuns: CFG.realRuns, maxRuns: CFG.realRuns };
  const m = {};
  m.read = await measure(() => {
    for (const f of fx) {
      readFileSync(f.staffTxtPath);
      readFileSync(f.responsePath);
    }
  }, runs);
  m.staffTxt = await measure(() => {
    for (const f of fx) C.staffLetterOf(C.readLetterText(f.staffTxtPath, f.staffTxt));
  }, runs);
  const staffs = fx.map((f) => C.staffLetterOf(C.readLetterText(f.staffTxtPath, f.staffTxt)));
  m.responseHtm = await measure(
    () => fx.forEach((f, i) => C.coverageOf(C.responseOf(C.readLetterText(f.responsePath, f.responseHtm), staffs[i]), staffs[i])),
    runs,
  );
  m.staffMd = await measure(() => {
    for (const f of fx) C.staffLetterOf(C.readLetterText(f.staffMdPath, f.staffMd, new C.MarkdownParser()));
  }, runs);
  const comments = staffs.reduce((a, s) => a + s.comments.length, 0);
  // Is the generator realistic where it matters for cost? How many word pairs two comments of one letter share
  // (bigram containment, what responseOf and coverageOf compare with), real letters against generated ones.
  const within = (letters) => {
    const scores = [];
    for (const L of letters) for (const a of L.comments) for (const b of L.comments) if (a !== b) scores.push(C.containment(a.text, b.text, 80));
    return {
      pairs: scores.length,
      median: quantile(scores, 0.5),
      p90: quantile(scores, 0.9),
      atLeast03: scores.filter((x) => x >= 0.3).length / Math.max(1, scores.length),
    };
  };
  const generated = C.staffLetterOf(C.readLetterText('g.md', readFileSync(path.join(docDir(CFG.docSizes[0]), 'staff-letter.md'), 'utf8')));
  const realism = { real: within(staffs), generated: within([{ comments: generated.comments.slice(0, 40) }]) };
  process.stderr.write(`  real: ${fx.length} pairs, ${comments} comments\n`);
  return {
    fixtures: fx.length,
    comments,
    bytes: {
      staffTxt: fx.reduce((a, f) => a + f.staffTxt.length, 0),
      responseHtm: fx.reduce((a, f) => a + f.responseHtm.length, 0),
      staffMd: fx.reduce((a, f) => a + f.staffMd.length, 0),
    },
    realism,
    m,
  };
}

async function groupPdf() {
  const C = await loadCorresp();
  const names = readdirSync(REAL)
    .filter((d) => existsSync(path.join(REAL, d, 'staff.pdf')))
    .sort();
  const passes = [];
  for (let pass = 0; pass < (QUICK ? 1 : 2); pass++) {
    const rows = [];
    for (const d of names) {
      const bytes = new Uint8Array(readFileSync(path.join(REAL, d, 'staff.pdf')));
      globalThis.gc?.();
      const t0 = performance.now();
      const r = await C.pdfToText(bytes);
      const ms = performance.now() - t0;
      rows.push({ fixture: d, pages: r.pages, ms, msPerPage: ms / Math.max(1, r.pages), bytes: bytes.length, failure: r.failure });
    }
    passes.push(rows);
  }
  const warm = passes[passes.length - 1];
  const hash = createHash('sha256');
  for (const d of names) hash.update((await C.pdfToText(new Uint8Array(readFileSync(path.join(REAL, d, 'staff.pdf'))))).text);
  const pages = warm.reduce((a, r) => a + r.pages, 0);
  const total = warm.reduce((a, r) => a + r.ms, 0);
  // The same letters read back from the analysis cache (a new cache object per read, as a new process has): hashing
  // the bytes, reading the entry, checking it and deserialising the letter with its blocks.
  const cacheDir = mkdtempSync(path.join(tmpdir(), 'corresp-bench-cache-'));
  let cacheMs = 0;
  let cacheHits = 0;
  try {
    for (const row of warm) {
      const file = path.join(REAL, row.fixture, 'staff.pdf');
      const bytes = new Uint8Array(readFileSync(file));
      const filling = new C.AnalysisCache(cacheDir, { build: 'bench' });
      await filling.readLetter(file, bytes);
      await filling.flush();
      const times = [];
      for (let i = 0; i < 5; i++) {
        const cache = new C.AnalysisCache(cacheDir, { build: 'bench' });
        const t0 = performance.now();
        await cache.readLetter(file, bytes);
        times.push(performance.now() - t0);
        cacheHits += cache.stats.hits;
      }
      row.cacheMs = quantile(times, 0.5);
      cacheMs += row.cacheMs;
    }
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
  // The floor: poppler's pdftotext -layout on the same files (measured only; Corresp never runs it).
  let pdftotextMs = NaN;
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    pdftotextMs = 0;
    for (const row of warm) {
      const times = [];
      for (let i = 0; i < 3; i++) {
        const t0 = performance.now();
        execFileSync('pdftotext', ['-layout', path.join(REAL, row.fixture, 'staff.pdf'), '-'], { stdio: ['ignore', 'ignore', 'ignore'] });
        times.push(performance.now() - t0);
      }
      row.pdftotextMs = quantile(times, 0.5);
      pdftotextMs += row.pdftotextMs;
    }
  } catch {
    // pdftotext not installed: the floor is reported as missing.
  }
  process.stderr.write(
    `  pdf: ${warm.length} files, ${pages} pages, pdf.js ${(total / pages).toFixed(1)} ms/page, pdftotext ${(pdftotextMs / pages).toFixed(1)} ms/page (process spawn included), from the cache ${(cacheMs / pages).toFixed(2)} ms/page (${((100 * cacheMs) / total).toFixed(1)}% of pdf.js; ${cacheHits} hits)\n`,
  );
  return {
    cacheMs,
    cacheHits,
    cacheOverPdfjs: cacheMs / total,
    pdftotextMs,
    pdftotextMsPerPage: pdftotextMs / pages,
    files: warm.length,
    pages,
    totalMs: total,
    msPerPageOverall: total / pages,
    msPerPage: stats(warm.map((r) => r.msPerPage)),
    coldFirstFileMs: passes[0][0].ms,
    coldFirstFilePages: passes[0][0].pages,
    rows: warm,
    textHash: hash.digest('hex'),
  };
}

// ─── what-if: the proposed fixes, applied to a bench-only build ────────────────────────────────────────────────────
//
// Each patch is a literal text replacement in one server/src file, applied by an esbuild plugin while bundling into
// test/bench/.out/whatif/ (server/src itself is not touched). A patch whose text is no longer found is reported as
// not applied rather than silently skipped. They show how much each proposed change in BENCHMARKS.md would buy.

const PATCHES = [
  {
    id: 'chunks-cr-scan',
    file: 'server/src/parse/chunks.ts',
    what: 'splitChunks: find the next \\r once, not from every line to the end of the text (O(lines × length) on LF files)',
    find: "  let pos = from;\n  while (pos < text.length) {\n    let eol = text.indexOf('\\n', pos);\n    const cr = text.indexOf('\\r', pos);",
    replace:
      "  let pos = from;\n  let nextCr = text.indexOf('\\r', from);\n  while (pos < text.length) {\n    let eol = text.indexOf('\\n', pos);\n    if (nextCr !== -1 && nextCr < pos) nextCr = text.indexOf('\\r', pos);\n    const cr = nextCr;",
  },
  {
    id: 'accept-own-first',
    file: 'server/src/letters/responseDraft.ts',
    what: 'readResponse/accept: compare a bold numbered repeat with its own comment before scanning every comment (O(anchors × comments) → O(anchors))',
    find: '      for (const text of staffText.values()) if (containment(rest, text, 80) >= 0.3) return true;\n      return staffText.size === 0;',
    replace:
      '      const own = staffText.get(cand.numbers[0]!);\n      if (own !== undefined && containment(rest, own, 80) >= 0.3) return true;\n      for (const text of staffText.values()) if (containment(rest, text, 80) >= 0.3) return true;\n      return staffText.size === 0;',
  },
  {
    id: 'containment-memo',
    file: 'server/src/letters/words.ts',
    what: "containment: keep the word pairs of the staff's text (the `whole`) instead of re-tokenising it on every call",
    find: '  const set = new Set(bigrams(words(whole).map((w) => w.norm)));',
    replace:
      '  let set = WHOLE_BIGRAMS.get(whole);\n  if (!set) {\n    set = new Set(bigrams(words(whole).map((w) => w.norm)));\n    if (WHOLE_BIGRAMS.size > 20000) WHOLE_BIGRAMS.clear();\n    WHOLE_BIGRAMS.set(whole, set);\n  }',
    append: '\nconst WHOLE_BIGRAMS = new Map<string, Set<string>>();\n',
  },
  {
    id: 'words-memo',
    file: 'server/src/letters/words.ts',
    what: 'words: remember the words of the last few thousand texts (coverageOf, readResponse and wordDiff re-tokenise every repeated comment and every staff comment on every edit, though one block changed)',
    find: 'export function words(text: string): Word[] {\n  const out: Word[] = [];',
    replace:
      'export function words(text: string): Word[] {\n  let hit = WORDS_MEMO.get(text);\n  if (hit) return hit;\n  hit = wordsUncached(text);\n  if (WORDS_MEMO.size >= 4096) WORDS_MEMO.clear();\n  WORDS_MEMO.set(text, hit);\n  return hit;\n}\nfunction wordsUncached(text: string): Word[] {\n  const out: Word[] = [];',
    append: '\nconst WORDS_MEMO = new Map<string, Word[]>();\n',
  },
  {
    id: 'coverage-once',
    file: 'server/src/letters/coverage.ts',
    what: 'coverageOf: computed once per (draft, letter): the thread and draftDiagnostics each computed it for every publish',
    find: 'export function coverageOf(draft: ResponseDraft, letter: StaffLetter): Coverage {',
    replace:
      'const COVERAGE_MEMO = new WeakMap<ResponseDraft, { letter: StaffLetter; coverage: Coverage }>();\nexport function coverageOf(draft: ResponseDraft, letter: StaffLetter): Coverage {\n  const memo = COVERAGE_MEMO.get(draft);\n  if (memo && memo.letter === letter) return memo.coverage;\n  const coverage = computeCoverage(draft, letter);\n  COVERAGE_MEMO.set(draft, { letter, coverage });\n  return coverage;\n}\nfunction computeCoverage(draft: ResponseDraft, letter: StaffLetter): Coverage {',
  },
  {
    id: 'staff-uri-memo',
    file: 'server/src/workspace/letterIndex.ts',
    what: "LetterIndex.staffUriOf: remember each document's staff-letter URI (it was re-resolved for every draft on every thread: O(drafts²) per workspace pass)",
    find: '  private staffUriOf(doc: LetterDocument): string | undefined {\n',
    replace:
      '  private readonly staffUris = new WeakMap<LetterDocument, string | undefined>();\n  private staffUriOf(doc: LetterDocument): string | undefined {\n    if (this.staffUris.has(doc)) return this.staffUris.get(doc);\n    const uri = this.staffUriOfUncached(doc);\n    this.staffUris.set(doc, uri);\n    return uri;\n  }\n  private staffUriOfUncached(doc: LetterDocument): string | undefined {\n',
  },
  {
    id: 'no-parser-cache-on-disk',
    file: 'server/src/workspace/letterIndex.ts',
    what: 'LetterIndex.loadFromDisk: parse closed files with a throwaway MarkdownParser (a piece cache is only useful for a document being edited)',
    find: 'const file = await readLetterBytes(uriToPath(uri), read.bytes, this.parserFor(uri));',
    replace: 'const file = await readLetterBytes(uriToPath(uri), read.bytes, this.parsers.get(uri) ?? new MarkdownParser());',
  },
  {
    id: 'pdfjs-restore-natives',
    file: 'server/src/parse/pdf.ts',
    what: 'loadPdfjs: put back Array.prototype.push, JSON.stringify and JSON.parse after importing pdf.js (its core-js polyfills replace them for the whole process, and make every later push and every JSON-RPC message slower)',
    find: '      g.pdfjsWorker = worker;\n      return pdfjs;',
    replace: '      g.pdfjsWorker = worker;\n      for (const [o, k, f] of NATIVES) (o as Record<string, unknown>)[k] = f;\n      return pdfjs;',
    append: "\nconst NATIVES = [[Array.prototype, 'push', Array.prototype.push], [JSON, 'stringify', JSON.stringify], [JSON, 'parse', JSON.parse]] as const;\n",
  },
];

function patchPlugin(patches, applied) {
  return {
    name: 'bench-what-if',
    setup(build) {
      const byFile = new Map();
      for (const p of patches) byFile.set(path.join(ROOT, p.file), [...(byFile.get(path.join(ROOT, p.file)) ?? []), p]);
      build.onLoad({ filter: /server\/src\/.*\.ts$/ }, (args) => {
        const list = byFile.get(args.path);
        if (!list) return undefined;
        let text = readFileSync(args.path, 'utf8');
        for (const p of list) {
          if (!text.includes(p.find)) continue;
          text = text.replace(p.find, p.replace) + (p.append ?? '');
          applied.add(p.id);
        }
        return { contents: text, loader: 'ts' };
      });
    },
  };
}

async function buildWhatIf(entry, outfile, patches) {
  const esbuild = await import('esbuild');
  const applied = new Set();
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'error',
    define: { CORRESP_VERSION: '"what-if"' },
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; import { fileURLToPath as __fu } from 'node:url'; const require = __cr(import.meta.url); const __filename = __fu(import.meta.url); const __dirname = __fu(new URL('.', import.meta.url));",
    },
    plugins: [patchPlugin(patches, applied)],
  });
  return patches.map((p) => ({ id: p.id, file: p.file, what: p.what, applied: applied.has(p.id) }));
}

/**
 * In-process, paired: as is (the bench bundle) and with every patch (the what-if bundle), measured alternately in one
 * process at the largest size, then both after a PDF was read at the smallest.
 */
async function groupWhatIf() {
  const n = CFG.docSizes[CFG.docSizes.length - 1];
  const small = CFG.docSizes[0];
  const { patches } = JSON.parse(readFileSync(path.join(OUT, 'whatif', 'patches.json'), 'utf8'));
  const A = await loadCorresp();
  const B = await import(path.join(OUT, 'whatif', 'corresp-all.mjs'));
  const xa = docInputs(A, n);
  const xb = docInputs(B, n);
  const log = (tag, m, k) => process.stderr.write(`  what-if ${n} ${tag}: ${k} ${m[k].median.toFixed(1)} ms (cpu ${m[k].cpuMedian.toFixed(1)})\n`);
  // Warm both on the small document first.
  await coldAndEditPaired(
    [
      [A, docInputs(A, small)],
      [B, docInputs(B, small)],
    ],
    1,
  );
  const [asIs, fixed] = await coldAndEditPaired(
    [
      [A, xa],
      [B, xb],
    ],
    0,
  );
  log('as is', asIs, 'cold');
  log('fixed', fixed, 'cold');
  const partsA = await publishParts(A, xa, 0);
  const partsB = await publishParts(B, xb, 0);
  Object.assign(asIs, partsA);
  Object.assign(fixed, partsB);
  const [staffA, staffB] = await measureAlternating(
    [
      { fn: () => A.staffLetterOf(A.readLetterText(xa.staffPath, xa.staffMd, new A.MarkdownParser())) },
      { fn: () => B.staffLetterOf(B.readLetterText(xb.staffPath, xb.staffMd, new B.MarkdownParser())) },
    ],
    { warmup: 0 },
  );
  asIs.staffMd = staffA;
  fixed.staffMd = staffB;
  const heap = { asIs: await indexHeap(A, CFG.threads[CFG.threads.length - 1]), fixed: await indexHeap(B, CFG.threads[CFG.threads.length - 1]) };
  // After a PDF was read: the fixed bundle first (it puts the natives back), then as is (which leaves its polyfills).
  const hash = async (C) => {
    const h = createHash('sha256');
    for (const d of readdirSync(REAL).sort())
      if (existsSync(path.join(REAL, d, 'staff.pdf'))) h.update((await C.pdfToText(new Uint8Array(readFileSync(path.join(REAL, d, 'staff.pdf'))))).text);
    return h.digest('hex');
  };
  const fixedPdf = await afterPdf(B, docInputs(B, small));
  const fixedHash = await hash(B);
  const asIsPdf = await afterPdf(A, docInputs(A, small));
  const asIsHash = await hash(A);
  return {
    patches,
    comments: n,
    bytes: Buffer.byteLength(xa.draft),
    asIs,
    fixed,
    afterPdf: { comments: small, asIs: asIsPdf, fixed: fixedPdf },
    heap,
    pdfTextIdentical: fixedHash === asIsHash,
  };
}

/** Builds the patched bench bundle and the patched server, from the same source as the rest of the run. */
async function buildWhatIfBundles() {
  const dir = path.join(OUT, 'whatif');
  mkdirSync(dir, { recursive: true });
  const patches = await buildWhatIf(path.join(HERE, 'entry.ts'), path.join(dir, 'corresp-all.mjs'), PATCHES);
  await buildWhatIf(path.join(ROOT, 'server/src/server.ts'), path.join(dir, 'server.mjs'), PATCHES);
  writeFileSync(path.join(dir, 'patches.json'), JSON.stringify({ patches }));
}

/**
 * The index's heap for a workspace of `threads`, in this process (after GC): what the text takes, what the whole index
 * takes with every thread computed, and how much of it the per-file Markdown piece caches are.
 */
async function indexHeap(C, threads) {
  const ws = ensureWorkspace(threads);
  const used = () => {
    globalThis.gc?.();
    globalThis.gc?.();
    return process.memoryUsage().heapUsed / 1048576;
  };
  const base = used();
  const texts = new Map();
  for (const d of ws.drafts) {
    texts.set(d, readFileSync(path.join(ws.dir, d), 'utf8'));
    const staff = d.replace(/response-/, 'staff-letter-');
    texts.set(staff, readFileSync(path.join(ws.dir, staff), 'utf8'));
  }
  const textMB = used() - base;
  const { index } = memoryIndex(C, ws.dir, [...texts]);
  await index.scan();
  for (const d of index.drafts()) await index.thread(d);
  const indexMB = used() - base - textMB;
  const parsers = index.parsers;
  const cachedFiles = parsers?.size ?? 0;
  parsers?.clear();
  const withoutCachesMB = used() - base - textMB;
  return { threads, textMB, indexMB, parserCachesMB: indexMB - withoutCachesMB, cachedFiles };
}

async function groupMemory() {
  const C = await loadCorresp();
  const r = await indexHeap(C, CFG.threads[CFG.threads.length - 1]);
  process.stderr.write(
    `  memory: ${r.threads} threads: text ${r.textMB.toFixed(0)} MB, index ${r.indexMB.toFixed(0)} MB (piece caches ${r.parserCachesMB.toFixed(0)} MB)\n`,
  );
  return r;
}

const CHILD_GROUPS = {
  doc: () => groupDoc(),
  floor: groupFloor,
  memory: groupMemory,
  features: groupFeatures,
  real: groupReal,
  pdf: groupPdf,
  docx: async () => groupDocx(await loadCorresp(), { measure, quick: QUICK }),
  'what-if': groupWhatIf,
  commitments: async () => (await import('./commitments.mjs')).groupCommitments({ quick: QUICK }),
};

// ─── LSP groups (spawned servers) ───────────────────────────────────────────────────────────────────────────────

function serverArgs(tag) {
  if (!PROFILE) return [];
  const dir = path.join(OUT, 'prof', tag);
  mkdirSync(dir, { recursive: true });
  return ['--cpu-prof', `--cpu-prof-dir=${dir}`];
}

const samePath = (uri, file) => {
  try {
    return fileURLToPath(uri) === file;
  } catch {
    return false;
  }
};

/** Opens the draft of `n` comments and types one character at a time in its middle; request → publish per edit. */
/** Typing cadence for the "as typed" run: 150 ms between keystrokes (about 80 words a minute). */
const TYPING_PAUSE_MS = 150;

/**
 * didChange → publishDiagnostics on the n-comment draft, one character per edit. `pauseMs` 0 sends each edit as soon
 * as the last one was published (back to back: the server's raw speed, and with the default delay its burst
 * debounce); TYPING_PAUSE_MS waits like a typist, which is what the default delay is tuned for.
 */
async function lspEdit(n, delay, edits, serverPath = SERVER, pauseMs = 0) {
  const dir = mkdtempSync(path.join(tmpdir(), 'corresp-bench-'));
  try {
    cpSync(docDir(n), dir, { recursive: true });
    const file = path.join(dir, 'response.md');
    const text = readFileSync(file, 'utf8');
    const server = startServer(serverPath, dir, {
      settings: delay === undefined ? {} : { diagnostics: { delay } },
      nodeArgs: serverArgs(`lsp-edit-${n}-${delay ?? 'default'}${serverPath === SERVER ? '' : '-whatif'}`),
    });
    await server.initialize();
    // The scan publishes the draft from disk first; then the editor opens it.
    await server.waitFor((p) => samePath(p.uri, file));
    const opened = performance.now();
    const cpuBeforeOpen = server.cpuMs();
    const uri = server.open(file, text);
    const open = await server.waitFor((p) => p.uri === uri && p.version === 1, 120_000, { includeSeen: false });
    const openMs = open.at - opened;
    const openCpuMs = server.cpuMs() - cpuBeforeOpen;
    // Type in the middle of a line near the middle of the document.
    const lines = text.split('\n');
    let line = text.slice(0, text.length >> 1).split('\n').length - 1;
    while (lines[line].length < 40) line++;
    let character = 20;
    const times = [];
    let version = 1;
    const begun = performance.now();
    const cpuBefore = server.cpuMs();
    // Up to `edits` edits, fewer (but at least 5) when they are slow enough to blow the group's time budget.
    for (let i = 0; i < edits && (i < 5 || performance.now() - begun < CFG.lspBudgetMs); i++) {
      version++;
      const t0 = performance.now();
      server.notify('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: 'abcdefghij'[i % 10] }],
      });
      const v = version;
      const p = await server.waitFor((x) => x.uri === uri && x.version === v, 120_000, { includeSeen: false });
      times.push(p.at - t0);
      character++;
      if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
    }
    const cpuPerEditMs = (server.cpuMs() - cpuBefore) / times.length;
    const memory = server.memory();
    await server.stop();
    return { comments: n, bytes: Buffer.byteLength(text), delay: delay ?? 10, pauseMs, openMs, openCpuMs, cpuPerEditMs, ...stats(times), memory };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function groupLspEdit() {
  const sizes = [];
  for (const n of CFG.lspSizes) {
    const r = await lspEdit(n, 0, CFG.lspEdits);
    process.stderr.write(`  lsp edit ${n} (delay 0): p50 ${r.median.toFixed(1)} p95 ${r.p95.toFixed(1)} ms, open ${r.openMs.toFixed(0)} ms\n`);
    sizes.push(r);
  }
  const largest = CFG.lspSizes[CFG.lspSizes.length - 1];
  const withDefault = await lspEdit(largest, undefined, CFG.lspEdits);
  process.stderr.write(`  lsp edit ${largest} (default delay, back to back): p50 ${withDefault.median.toFixed(1)} p95 ${withDefault.p95.toFixed(1)} ms\n`);
  const typed = await lspEdit(largest, undefined, CFG.lspEdits, SERVER, TYPING_PAUSE_MS);
  process.stderr.write(
    `  lsp edit ${largest} (default delay, ${TYPING_PAUSE_MS} ms between keystrokes): p50 ${typed.median.toFixed(1)} p95 ${typed.p95.toFixed(1)} ms\n`,
  );
  return { sizes, defaultDelay: withDefault, typed };
}

/** The analysis cache a run uses: `cold` starts from an empty one, `warm` reuses what the last cold run left, `off` has none. */
function cacheEnv(name, mode) {
  const dir = path.join(OUT, 'cache', name);
  if (mode === 'cold') rmSync(dir, { recursive: true, force: true });
  return mode === 'off' ? { CORRESP_CACHE: 'off', CORRESP_CACHE_DIR: dir } : { CORRESP_CACHE_DIR: dir };
}

const loadAvg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);

/** The publish that completes the workspace's drafts' first diagnostics (every draft of `ws` published once). */
function lastDraftPublished(server, ws) {
  const want = new Set(ws.drafts.map((d) => path.join(ws.dir, d)));
  const seen = new Set();
  return server.waitFor((p) => {
    const f = fileURLToPath(p.uri);
    if (want.has(f)) seen.add(f);
    return seen.size === want.size;
  }, 600_000);
}

async function workspaceRun(threads, serverPath = SERVER, mode = 'cold') {
  const ws = ensureWorkspace(threads);
  const env = cacheEnv(`ws-${threads}${serverPath === SERVER ? '' : '-whatif'}`, mode);
  const server = startServer(serverPath, ws.dir, { nodeArgs: serverArgs(`lsp-workspace-${threads}-${mode}${serverPath === SERVER ? '' : '-whatif'}`), env });
  const initialized = await server.initialize();
  const last = await lastDraftPublished(server, ws);
  const memory = server.memory();
  const cpuMs = server.cpuMs();
  const r = {
    threads,
    cache: mode,
    loadAvg: loadAvg(),
    cpuMs,
    files: ws.files,
    bytes: ws.bytes,
    indexMs: last.at - initialized,
    fromSpawnMs: last.at - server.spawnedAt,
    firstPublishMs: server.published[0].at - initialized,
    ...memory,
    settled: await settled(server),
  };
  // The largest workspace left alone: V8 gives memory back only once the process has been quiet a while.
  if (mode !== 'off' && threads === CFG.threads[CFG.threads.length - 1]) r.quiet = await leftAlone(server, last.at);
  if (mode === 'warm' && threads === CFG.threads[CFG.threads.length - 1]) r.typing = await typingWithView(server, ws);
  await server.stop();
  process.stderr.write(
    `  workspace ${threads} threads${serverPath === SERVER ? '' : ' (what-if)'}, cache ${mode}: ${r.indexMs.toFixed(0)} ms (spawn → last ${r.fromSpawnMs.toFixed(0)} ms, cpu ${r.cpuMs.toFixed(0)} ms), RSS ${r.rssMB.toFixed(0)} MB (peak ${r.peakRssMB.toFixed(0)} MB); background work done ${r.settled.afterMs.toFixed(0)} ms later (cpu ${r.settled.cpuMs.toFixed(0)} ms in all), RSS then ${r.settled.rssMB.toFixed(0)} MB (peak ${r.settled.peakRssMB.toFixed(0)} MB)${r.quiet ? `; left alone ${(QUIET_MS / 1000).toFixed(0)} s: RSS ${r.quiet.rssMB.toFixed(0)} MB` : ''}, load ${r.loadAvg.join(' ')}\n`,
  );
  return r;
}

/**
 * Typing in one draft of the settled workspace with the Comment Letters and Commitments views open: one character at
 * a time (delay 0), each keystroke's publish timed, and after it each view's ask, as the editor sends it after every
 * publish (naming the version it holds, so that only what changed comes back); the asks' time and size.
 */
async function typingWithView(server, ws) {
  const file = path.join(ws.dir, ws.drafts[ws.drafts.length >> 1]);
  const uri = server.open(file, readFileSync(file, 'utf8'));
  await server.waitFor((p) => p.uri === uri && p.version === 1, 600_000, { includeSeen: false });
  let version;
  let commitmentsVersion;
  const publish = [];
  const ask = [];
  const bytes = [];
  const commitmentsAsk = [];
  const commitmentsBytes = [];
  for (let i = 0; i < CFG.lspEdits; i++) {
    const t0 = performance.now();
    server.notify('textDocument/didChange', {
      textDocument: { uri, version: i + 2 },
      contentChanges: [{ range: { start: { line: 12, character: 0 }, end: { line: 12, character: 0 } }, text: 'x' }],
    });
    await server.waitFor((p) => p.uri === uri && p.version === i + 2, 600_000, { includeSeen: false });
    publish.push(performance.now() - t0);
    const t1 = performance.now();
    const answer = await server.request('corresp/threads', version ? { since: version } : {});
    ask.push(performance.now() - t1);
    bytes.push(JSON.stringify(answer).length);
    version = answer.version;
    // The Commitments view, open too, asks after the same publish.
    const t2 = performance.now();
    const promised = await server.request('corresp/commitments', commitmentsVersion ? { since: commitmentsVersion } : {});
    commitmentsAsk.push(performance.now() - t2);
    commitmentsBytes.push(JSON.stringify(promised).length);
    commitmentsVersion = promised.version;
  }
  const r = {
    publish: stats(publish),
    ask: stats(ask.slice(1)),
    firstAsk: ask[0],
    firstAskBytes: bytes[0],
    askBytes: quantile(bytes.slice(1), 0.5),
    commitmentsAsk: stats(commitmentsAsk.slice(1)),
    firstCommitmentsAsk: commitmentsAsk[0],
    firstCommitmentsBytes: commitmentsBytes[0],
    commitmentsBytes: quantile(commitmentsBytes.slice(1), 0.5),
  };
  process.stderr.write(
    `  typing in a draft of ${ws.drafts.length} with the views open: publish p50 ${r.publish.median.toFixed(1)} p95 ${r.publish.p95.toFixed(1)} ms; the Letters view's ask p50 ${r.ask.median.toFixed(1)} p95 ${r.ask.p95.toFixed(1)} ms, ${r.askBytes} bytes (the first, whole: ${r.firstAsk.toFixed(0)} ms, ${r.firstAskBytes} bytes); the Commitments view's p50 ${r.commitmentsAsk.median.toFixed(1)} p95 ${r.commitmentsAsk.p95.toFixed(1)} ms, ${r.commitmentsBytes} bytes (the first: ${r.firstCommitmentsAsk.toFixed(0)} ms, ${r.firstCommitmentsBytes} bytes)\n`,
  );
  return r;
}

/** How long after its last publish a server is left alone before its memory is read again (`leftAlone`). */
const QUIET_MS = 30_000;

/**
 * The server's memory once it has been left alone `QUIET_MS` after its last publish (no request sent): V8's memory
 * reducer gives pages back to the system only after the process has gone quiet for some seconds (about 16 s after a
 * 500-thread start, measured), so this is what a workspace costs while its user reads rather than what it cost at the
 * end of its start.
 */
async function leftAlone(server, lastAt) {
  const wait = lastAt + QUIET_MS - performance.now();
  if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  return { afterMs: performance.now() - lastAt, ...server.memory() };
}

/**
 * What a start leaves running after the last draft's diagnostics (the precedent library reading the workspace, the
 * cache's writes): waits until the server's cpu time stays still for 2 s (60 s at most), and gives how long after the
 * last publish it went still, its cpu time in all, and its RSS and peak RSS then.
 */
async function settled(server) {
  const t0 = performance.now();
  let cpu = server.cpuMs();
  let still = t0;
  while (performance.now() - t0 < 60_000 && performance.now() - still < 2000) {
    await new Promise((r) => setTimeout(r, 100));
    const now = server.cpuMs();
    if (now !== cpu) {
      cpu = now;
      still = performance.now();
    }
  }
  return { afterMs: still - t0, cpuMs: cpu, ...server.memory() };
}

/** Each size cold (empty analysis cache) then warm (the cache it left); the largest also with the cache off (as before it). */
async function groupLspWorkspace() {
  const sizes = [];
  const warm = [];
  const sizesList = [...CFG.threads, ...(CFG.bigThreads ? [CFG.bigThreads] : [])];
  for (const threads of sizesList) {
    ensureWorkspace(threads);
    sizes.push(await workspaceRun(threads, SERVER, 'cold'));
    warm.push(await workspaceRun(threads, SERVER, 'warm'));
  }
  const off = await workspaceRun(CFG.threads[CFG.threads.length - 1], SERVER, 'off');
  const openDuringCold = await openDuringColdStart(CFG.threads[CFG.threads.length - 1]);
  const floor = workspaceFloor(ensureWorkspace(CFG.threads[CFG.threads.length - 1]).dir);
  return { sizes, warm, off, openDuringCold, floor };
}

/**
 * The floor under a workspace's start, on the same files in the same run (test/bench/workspaceFloor.mjs, a process
 * of its own): reading and hashing every file (under a warm start), remark alone and remark with Corresp's GFM
 * extensions in as many workers as the server's reader pool (under a cold start).
 */
function workspaceFloor(dir) {
  const r = JSON.parse(execFileSync(process.execPath, [path.join(HERE, 'workspaceFloor.mjs'), dir], { encoding: 'utf8' }));
  r.loadAvg = loadAvg();
  process.stderr.write(
    `  floor, ${r.files} files in ${r.workers} workers: read and hash ${r.read.wallMs.toFixed(0)} ms; remark-parse ${r.remark.wallMs.toFixed(0)} ms (cpu ${r.remark.cpuMs.toFixed(0)}); with Corresp's GFM ${r.remarkGfm.wallMs.toFixed(0)} ms (cpu ${r.remarkGfm.cpuMs.toFixed(0)}); RSS holding the texts ${r.rssMB.toFixed(0)} MB, load ${r.loadAvg.join(' ')}\n`,
  );
  return r;
}

/**
 * A cold start with a draft open in the editor (opened right after `initialized`, as an editor restoring its tabs
 * does): when that draft's first diagnostics come (what its own text and staff letter say, before the workspace is
 * read) and when its full ones come (after the scan).
 */
async function openDuringColdStart(threads) {
  const ws = ensureWorkspace(threads);
  const env = cacheEnv(`ws-${threads}-open`, 'cold');
  const server = startServer(SERVER, ws.dir, { nodeArgs: serverArgs(`lsp-workspace-${threads}-open`), env });
  await server.initialize();
  const file = path.join(ws.dir, ws.drafts[ws.drafts.length >> 1]);
  const text = readFileSync(file, 'utf8');
  const uri = server.open(file, text);
  // Asked right after the open, while the start reads: a hover and go to definition on the first anchor's number, and
  // completion after a citation's "ASC " (answered from the draft and its staff letter: stop 26, 27).
  const lines = text.split('\n');
  const anchorLine = lines.findIndex((l) => /^\*\*\d+\./.test(l));
  const citeLine = lines.findIndex((l) => /\bASC \d{3}-/.test(l));
  const asked = (method, position) => server.request(method, { textDocument: { uri }, position }).then(() => performance.now() - server.spawnedAt);
  const answers = Promise.all([
    asked('textDocument/hover', { line: anchorLine, character: 2 }),
    asked('textDocument/definition', { line: anchorLine, character: 2 }),
    asked('textDocument/completion', { line: citeLine, character: lines[citeLine].search(/\bASC \d{3}-/) + 4 }),
  ]);
  const first = await server.waitFor((p) => p.uri === uri && p.version === 1, 600_000, { includeSeen: false });
  const [hoverMs, definitionMs, completionMs] = await answers;
  const last = await lastDraftPublished(server, ws);
  const full = server.published.filter((p) => p.uri === uri).at(-1);
  await server.stop();
  const r = {
    threads,
    firstMs: first.at - server.spawnedAt,
    firstDiagnostics: first.diagnostics.length,
    fullMs: full.at - server.spawnedAt,
    fullDiagnostics: full.diagnostics.length,
    lastDraftMs: last.at - server.spawnedAt,
    hoverMs,
    definitionMs,
    completionMs,
    loadAvg: loadAvg(),
  };
  process.stderr.write(
    `  cold start of ${threads} threads with a draft open: its first diagnostics ${r.firstMs.toFixed(0)} ms after spawn (${r.firstDiagnostics}), its full ones ${r.fullMs.toFixed(0)} ms (${r.fullDiagnostics}); hover, definition, completion answered ${[hoverMs, definitionMs, completionMs].map((x) => x.toFixed(0)).join(', ')} ms; the last draft's ${r.lastDraftMs.toFixed(0)} ms, load ${r.loadAvg.join(' ')}\n`,
  );
  return r;
}

/**
 * `corresp check <folder>` on the 500-thread workspace, as a user runs it: a copy of dist/cli.mjs in a new process,
 * with the analysis cache off, cold and warm; wall time, and the process's cpu time and peak RSS from /usr/bin/time.
 */
async function groupCliCheck() {
  const runs = [];
  const sizesList = [...CFG.threads.slice(-1), ...(CFG.bigThreads ? [CFG.bigThreads] : [])];
  for (const threads of sizesList) {
    // Outside the repository: `check` honours .gitignore, and test/bench/.out is ignored.
    const ws = { dir: path.join(tmpdir(), `corresp-bench-cli-ws-${threads}`) };
    if (!existsSync(path.join(ws.dir, '.done'))) {
      rmSync(ws.dir, { recursive: true, force: true });
      writeWorkspace(ws.dir, { threads });
      writeFileSync(path.join(ws.dir, '.done'), '');
    }
    for (const mode of ['off', 'cold', 'warm', 'warm']) {
      const env = { ...process.env, ...cacheEnv(`cli-${threads}`, mode) };
      const timeFile = path.join(OUT, 'cli-time.txt');
      const haveTime = existsSync('/usr/bin/time');
      const cmd = haveTime ? '/usr/bin/time' : process.execPath;
      const args = [...(haveTime ? ['-f', '%U %S %M', '-o', timeFile, process.execPath] : []), CLI, 'check', ws.dir, '--format', 'json'];
      const t0 = performance.now();
      await new Promise((resolve) => {
        const c = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
        c.stderr.on('data', () => undefined);
        c.on('close', resolve);
      });
      const wallMs = performance.now() - t0;
      const [user, sys, maxKb] = haveTime ? readFileSync(timeFile, 'utf8').trim().split('\n').pop().split(' ').map(Number) : [NaN, NaN, NaN];
      const r = { threads, cache: mode, wallMs, cpuMs: (user + sys) * 1000, peakRssMB: maxKb / 1024, loadAvg: loadAvg() };
      process.stderr.write(
        `  corresp check ${threads} threads, cache ${mode}: ${wallMs.toFixed(0)} ms (cpu ${r.cpuMs.toFixed(0)} ms, peak RSS ${r.peakRssMB.toFixed(0)} MB), load ${r.loadAvg.join(' ')}\n`,
      );
      runs.push(r);
    }
  }
  return { runs, floor: workspaceFloor(path.join(tmpdir(), `corresp-bench-cli-ws-${sizesList[0]}`)) };
}

async function groupLspStart(serverPath = SERVER) {
  const times = [];
  const init = [];
  const rss = [];
  for (let i = 0; i < CFG.startRuns; i++) {
    const dir = mkdtempSync(path.join(tmpdir(), 'corresp-bench-'));
    cpSync(path.join(ROOT, 'examples'), dir, { recursive: true });
    const server = startServer(serverPath, dir, { nodeArgs: serverArgs(`lsp-start${serverPath === SERVER ? '' : '-whatif'}`) });
    const initialized = await server.initialize();
    const first = await server.waitFor(() => true);
    times.push(first.at - server.spawnedAt);
    init.push(initialized - server.spawnedAt);
    rss.push(server.memory().rssMB);
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const r = { ...stats(times), initializeMs: stats(init).median, rssMB: stats(rss).median };
  process.stderr.write(
    `  start → first diagnostics${serverPath === SERVER ? '' : ' (what-if)'}: median ${r.median.toFixed(0)} ms (initialize answered at ${r.initializeMs.toFixed(0)} ms), RSS ${r.rssMB.toFixed(0)} MB\n`,
  );
  return r;
}

async function groupBundle() {
  const esbuild = await import('esbuild');
  const size = (f) => (existsSync(f) ? statSync(f).size : null);
  const dev = {
    'dist/extension.js': size(path.join(ROOT, 'dist/extension.js')),
    'dist/server.mjs': size(path.join(ROOT, 'dist/server.mjs')),
    'dist/cli.mjs': size(path.join(ROOT, 'dist/cli.mjs')),
  };
  // The production bundles (what `npm run package` ships: minified, no source maps, the libraries kept apart), built
  // by esbuild.mjs into .out/prod so the shared dist/ is left alone; and the server once more with a metafile, for
  // what it is made of.
  const prodDir = path.join(OUT, 'prod');
  rmSync(path.join(prodDir, 'dist'), { recursive: true, force: true });
  execFileSync(process.execPath, [path.join(ROOT, 'esbuild.mjs'), '--production', `--outdir=${path.join(prodDir, 'dist')}`], { cwd: ROOT, stdio: 'inherit' });
  const serverMeta = (
    await esbuild.build({
      bundle: true,
      platform: 'node',
      target: 'node20',
      minify: true,
      legalComments: 'none',
      logLevel: 'error',
      metafile: true,
      write: false,
      entryPoints: [path.join(ROOT, 'server/src/server.ts')],
      outfile: path.join(prodDir, 'meta/server.mjs'),
      format: 'esm',
      plugins: [
        {
          name: 'apart',
          setup(build) {
            build.onResolve({ filter: /^\.\/(?:pdfjsModules|mammothModule|docxWriter)$/ }, (args) => ({ path: args.path, external: true }));
          },
        },
      ],
    })
  ).metafile;
  const prod = Object.fromEntries(
    readdirSync(path.join(prodDir, 'dist'))
      .filter((f) => /\.(?:mjs|js)$/.test(f))
      .sort()
      .map((f) => [f, size(path.join(prodDir, 'dist', f))]),
  );
  // What the production server is made of, by package.
  const byPackage = new Map();
  for (const [file, v] of Object.entries(Object.values(serverMeta.outputs)[0].inputs)) {
    const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file);
    const name = m ? m[1] : file.startsWith('server/src') ? 'server/src (Corresp)' : file;
    byPackage.set(name, (byPackage.get(name) ?? 0) + v.bytesInOutput);
  }
  const serverComposition = [...byPackage]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 6)
    .map(([name, bytes]) => ({ name, bytes }));
  let vsix = null;
  if (!flag('no-vsix') && !QUICK) {
    // `vsce package` on a staging copy holding the production bundles (same files .vscodeignore lets through).
    const stage = path.join(prodDir, 'stage');
    rmSync(stage, { recursive: true, force: true });
    mkdirSync(path.join(stage, 'dist'), { recursive: true });
    for (const f of ['package.json', 'README.md', 'LICENSE', '.vscodeignore', 'CHANGELOG.md'])
      if (existsSync(path.join(ROOT, f))) cpSync(path.join(ROOT, f), path.join(stage, f));
    for (const d of ['syntaxes', 'snippets', 'media']) if (existsSync(path.join(ROOT, d))) cpSync(path.join(ROOT, d), path.join(stage, d), { recursive: true });
    for (const f of Object.keys(prod)) cpSync(path.join(prodDir, 'dist', f), path.join(stage, 'dist', f));
    const out = path.join(prodDir, 'corresp.vsix');
    try {
      execFileSync(
        process.execPath,
        [path.join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '-o', out],
        { cwd: stage, stdio: 'pipe' },
      );
      vsix = { bytes: size(out), path: path.relative(ROOT, out) };
    } catch (e) {
      vsix = {
        failure: String(e.stderr ?? e.message)
          .split('\n')
          .slice(0, 3)
          .join(' '),
      };
    }
  }
  const existing = existsSync(path.join(ROOT, 'corresp.vsix'))
    ? { bytes: size(path.join(ROOT, 'corresp.vsix')), mtime: statSync(path.join(ROOT, 'corresp.vsix')).mtime.toISOString() }
    : null;
  process.stderr.write(
    `  bundle: server ${(prod['server.mjs'] / 1024).toFixed(0)} KB, extension ${(prod['extension.js'] / 1024).toFixed(0)} KB (minified)${vsix?.bytes ? `, vsix ${(vsix.bytes / 1024).toFixed(0)} KB` : ''}\n`,
  );
  return { dev, prod, serverComposition, vsix, existingVsix: existing };
}

const LSP_GROUPS = {
  'lsp-edit': groupLspEdit,
  'lsp-workspace': groupLspWorkspace,
  'cli-check': groupCliCheck,
  'lsp-start': () => groupLspStart(),
  bundle: groupBundle,
  precedents: groupPrecedents,
  soak: groupSoak,
};

function soakReport(r) {
  const rows = r.samples.map(
    (x) => `| ${x.edits.toLocaleString('en-US')} | ${x.chars.toLocaleString('en-US')} | ${x.rssMB} | ${x.heapUsedMB} | ${x.wallS} | ${x.cpuS} | ${x.load} |`,
  );
  return [
    `### Soak: ${r.edits.toLocaleString('en-US')} edits of a ${Math.round(r.initialChars / 1024)} K-character draft over stdio`,
    '',
    '| edits | chars | RSS MB | heap MB (after GC) | wall s | server cpu s | load |',
    '|--:|--:|--:|--:|--:|--:|--:|',
    ...rows,
    '',
    `Final diagnostics ${r.same?.diagnosticsEqual ? 'equal to' : 'DIFFER from'} a fresh server's (${r.same?.diagnostics}); hovers ${r.same?.hoversEqual ? 'equal' : 'DIFFER'} (${r.same?.hovers} of ${r.same?.positions} positions answered).`,
  ].join('\n');
}

/** The soak (test/bench/soak.mjs): 20,000 edits of a 176 KB draft through the server, RSS and heap every 2,000 (2,000 and 500 with --quick). */
async function groupSoak() {
  const { soak } = await import('./soak.mjs');
  return soak({ serverPath: SERVER, edits: QUICK ? 2_000 : 20_000, every: QUICK ? 500 : 2_000 });
}

/** The precedents benchmark (test/bench/precedents.mjs: quality on the real letters, libraries up to 50,000 comments). */
function groupPrecedents() {
  const out = execFileSync(process.execPath, [path.join(HERE, 'precedents.mjs'), '--json', ...(QUICK ? ['--quick'] : [])], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 << 20,
  });
  return JSON.parse(
    out
      .split('\n')
      .find((l) => l.startsWith('RESULT '))
      .slice(7),
  );
}

/** The what-if: in-process figures from a child, then the server as is and patched, one after the other. */
async function runWhatIf() {
  const result = await runChild('what-if');
  const patched = path.join(OUT, 'whatif', 'server.mjs');
  const largest = CFG.lspSizes[CFG.lspSizes.length - 1];
  result.lsp = {};
  for (const [tag, server] of [
    ['asIs', SERVER],
    ['fixed', patched],
  ]) {
    const edit = await lspEdit(largest, 0, CFG.lspEdits, server);
    process.stderr.write(`  what-if lsp edit ${largest} ${tag} (delay 0): p50 ${edit.median.toFixed(1)} p95 ${edit.p95.toFixed(1)} ms\n`);
    result.lsp[tag] = { edit };
  }
  for (const [tag, server] of [
    ['asIs', SERVER],
    ['fixed', patched],
  ])
    result.lsp[tag].workspace = await workspaceRun(CFG.threads[CFG.threads.length - 1], server);
  return result;
}

// ─── orchestration ──────────────────────────────────────────────────────────────────────────────────────────────

function runChild(group) {
  return new Promise((resolve, reject) => {
    const args = [
      '--expose-gc',
      ...(PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.join(OUT, 'prof', group)}`] : []),
      fileURLToPath(import.meta.url),
      `--child=${group}`,
      ...(QUICK ? ['--quick'] : []),
    ];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('RESULT '));
      if (code !== 0 || !line) reject(new Error(`group ${group} failed (exit ${code})\n${out.slice(-2000)}`));
      else resolve(JSON.parse(line.slice(7)));
    });
  });
}

async function buildBenchBundle() {
  const esbuild = await import('esbuild');
  mkdirSync(OUT, { recursive: true });
  await esbuild.build({
    entryPoints: [path.join(HERE, 'entry.ts')],
    outfile: path.join(OUT, 'corresp.mjs'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    sourcemap: 'linked',
    logLevel: 'warning',
    define: { CORRESP_VERSION: '"bench"' },
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; import { fileURLToPath as __fu } from 'node:url'; const require = __cr(import.meta.url); const __filename = __fu(import.meta.url); const __dirname = __fu(new URL('.', import.meta.url));",
    },
  });
}

/** Which source the run measured: git HEAD, the files changed since, and a fingerprint of server/src. */
function sourceState() {
  const git = (...args) => {
    try {
      return execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '';
    }
  };
  const files = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const f = path.join(dir, e.name);
      if (e.isDirectory()) walk(f);
      else files.push(f);
    }
  };
  walk(path.join(ROOT, 'server', 'src'));
  const hash = createHash('sha256');
  for (const f of files.sort()) hash.update(f).update(readFileSync(f));
  const dirty = git('status', '--porcelain', '--', 'server/src', 'client/src')
    .split('\n')
    .filter(Boolean)
    .map((l) => l.slice(3));
  return { head: git('rev-parse', '--short', 'HEAD'), dirty, fingerprint: hash.digest('hex').slice(0, 16) };
}

function machine() {
  const info = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(info)?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
  const mem = Number(/^MemTotal:\s+(\d+)/m.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0) / 1024 / 1024;
  return { cpu: model, cores: cpus().length, node: process.version, memGB: Math.round(mem * 10) / 10, loadAvgAtStart: load };
}

// ─── derived figures, targets, report ───────────────────────────────────────────────────────────────────────────

/** The doc sizes with Corresp's figures (doc) and the floor's and the peer's (floor) side by side. */
function docSizes(g) {
  const doc = g.doc?.sizes ?? [];
  const floor = g.floor?.sizes ?? [];
  const n = Math.max(doc.length, floor.length);
  return Array.from({ length: n }, (_, i) => ({ ...(floor[i] ?? {}), ...(doc[i] ?? {}), m: { ...(floor[i]?.m ?? {}), ...(doc[i]?.m ?? {}) } }));
}

function derive(g) {
  const d = { ratios: {}, ratiosWall: {}, growth: {}, targets: [] };
  const doc = docSizes(g);
  const cpuOf = (x) => x?.cpuMedian ?? x?.median;
  if (doc.length) {
    const big = doc[doc.length - 1].m;
    const pairs = {
      coldOverRemark: ['cold', 'remark'],
      coldOverRemarkGfm: ['cold', 'remarkGfm'],
      parseOverRemarkGfm: ['parseCold', 'remarkGfm'],
      coldOverRead: ['cold', 'read'],
      editOverCold: ['edit', 'cold'],
      editOverRemarkGfm: ['edit', 'remarkGfm'],
      coldOverPeer: ['cold', 'peer'],
      editOverPeer: ['edit', 'peerEdit'],
      staffMdOverPeer: ['staffMd', 'peerStaff'],
      staffMdOverRemarkGfm: ['staffMd', 'staffRemarkGfm'],
    };
    for (const [k, [a, b]] of Object.entries(pairs)) {
      d.ratios[k] = big[a] && big[b] ? cpuOf(big[a]) / cpuOf(big[b]) : NaN;
      d.ratiosWall[k] = big[a] && big[b] ? big[a].median / big[b].median : NaN;
    }
    for (const k of Object.keys(big)) d.growth[`doc.${k}`] = exponent(doc.map((s) => ({ size: s.bytes, value: cpuOf(s.m[k]) })));
  }
  const feat = g.features?.sizes;
  if (feat?.length)
    for (const k of Object.keys(feat[0].m)) d.growth[`features.${k}.p95`] = exponent(feat.map((s) => ({ size: s.comments, value: s.m[k].p95 })));
  const lsp = g['lsp-edit']?.sizes;
  if (lsp?.length) {
    d.growth['lsp.publishAfterEdit.p95'] = exponent(lsp.map((s) => ({ size: s.bytes, value: s.p95 })));
    d.growth['lsp.open'] = exponent(lsp.map((s) => ({ size: s.bytes, value: s.openMs })));
  }
  const ws = g['lsp-workspace']?.sizes;
  if (ws?.length) {
    d.growth['workspace.indexMs'] = exponent(ws.map((s) => ({ size: s.threads, value: s.indexMs })));
    d.growth['workspace.cpuMs'] = exponent(ws.map((s) => ({ size: s.threads, value: s.cpuMs })));
    d.growth['workspace.rssMB'] = exponent(ws.map((s) => ({ size: s.threads, value: s.rssMB })));
    const warm = g['lsp-workspace'].warm;
    if (warm?.length) {
      d.growth['workspace.warm.indexMs'] = exponent(warm.map((s) => ({ size: s.threads, value: s.indexMs })));
      d.growth['workspace.warm.cpuMs'] = exponent(warm.map((s) => ({ size: s.threads, value: s.cpuMs })));
    }
  }
  if (g.real && g.floor?.real) {
    d.ratios.realStaffMdOverRemarkGfm = cpuOf(g.real.m.staffMd) / cpuOf(g.floor.real.m.remarkGfm);
    if (g.floor.real.m.peer) d.ratios.realStaffMdOverPeer = cpuOf(g.real.m.staffMd) / cpuOf(g.floor.real.m.peer);
  }

  const t = (name, value, limit, unit, how) =>
    d.targets.push({ name, value, limit, unit, met: Number.isFinite(value) ? value <= limit : null, by: Number.isFinite(value) ? value / limit : NaN, how });
  if (doc.length) {
    const big = doc[doc.length - 1];
    const size = `${big.comments} comments, ${kb(big.bytes)}`;
    const w = (k) => `${size}; wall ratio ${fmt(d.ratiosWall[k], 2)}`;
    if (big.m.remark) t('full analysis ≤ 1.5× bare remark parse (remark-parse)', d.ratios.coldOverRemark, 1.5, '×', w('coldOverRemark'));
    if (big.m.remarkGfm) t('full analysis ≤ 1.5× remark-parse + remark-gfm', d.ratios.coldOverRemarkGfm, 1.5, '×', w('coldOverRemarkGfm'));
    if (big.m.edit) t('one-char edit ≤ 1/5 of cold', d.ratios.editOverCold, 0.2, '×', w('editOverCold'));
    if (big.m.peer) t('faster than vscode-markdown-languageservice (cold)', d.ratios.coldOverPeer, 1, '×', w('coldOverPeer'));
    if (big.m.peerEdit) t('faster than vscode-markdown-languageservice (after an edit)', d.ratios.editOverPeer, 1, '×', w('editOverPeer'));
  }
  if (feat?.length) {
    const big = feat[feat.length - 1];
    t('hover p95 < 5 ms', big.m.hover.p95, 5, 'ms', `${big.comments} comments, hoverAt`);
    t('hover p95 < 5 ms, with the thread lookup', big.m.threadHover.p95, 5, 'ms', `${big.comments} comments, index.thread + hoverAt`);
    t('completion p95 < 5 ms', big.m.completion.p95, 5, 'ms', `${big.comments} comments, completionsAt`);
    t('completion p95 < 5 ms, with the thread lookup', big.m.threadCompletion.p95, 5, 'ms', `${big.comments} comments, index.thread + completionsAt`);
  }
  if (lsp?.length) {
    const big = lsp[lsp.length - 1];
    t('publish after an edit p95 < 50 ms (delay 0)', big.p95, 50, 'ms', `${kb(big.bytes)} draft, stdio`);
    if (g['lsp-edit'].defaultDelay)
      t('publish after an edit p95 < 50 ms (default delay, back to back)', g['lsp-edit'].defaultDelay.p95, 50, 'ms', `${kb(big.bytes)} draft, stdio`);
    if (g['lsp-edit'].typed)
      t(
        `publish after an edit p95 < 50 ms (default delay, typed: ${TYPING_PAUSE_MS} ms apart)`,
        g['lsp-edit'].typed.p95,
        50,
        'ms',
        `${kb(big.bytes)} draft, stdio`,
      );
  }
  if (ws?.length) {
    const n = CFG.threads[CFG.threads.length - 1];
    const big = ws.find((s) => s.threads === n) ?? ws[ws.length - 1];
    const warm = g['lsp-workspace'].warm?.find((s) => s.threads === big.threads);
    const cpu = (s) => `server cpu ${fmt(s.cpuMs / 1000, 2)} s, load ${s.loadAvg?.join(' ') ?? '–'}`;
    const floor = g['lsp-workspace'].floor;
    t(
      `${big.threads} threads: server start → last draft's diagnostics < 3 s, cold`,
      big.fromSpawnMs / 1000,
      3,
      's',
      `empty analysis cache; ${cpu(big)}${coldFloor(floor, big.fromSpawnMs)}`,
    );
    if (warm)
      t(
        `${big.threads} threads: server start → last draft's diagnostics < 1 s, warm`,
        warm.fromSpawnMs / 1000,
        1,
        's',
        `analysis cache present; ${cpu(warm)}${floor ? `; floor (reading and hashing the files) ${fmt(floor.read.wallMs, 0)} ms` : ''}`,
      );
    const then = (r) =>
      (r.settled ? `; once the background work is done ${fmt(r.settled.rssMB, 0)} MB, peak ${fmt(r.settled.peakRssMB, 0)} MB` : '') +
      (r.quiet ? `; left alone ${fmt(QUIET_MS / 1000, 0)} s after the last publish ${fmt(r.quiet.rssMB, 0)} MB` : '');
    const rssFloor = floor ? `; floor (a Node process holding the files' texts) ${fmt(floor.rssMB, 0)} MB` : '';
    t(
      `${big.threads} threads < 150 MB RSS (cold)`,
      big.rssMB,
      150,
      'MB',
      `server VmRSS after the last publish (peak ${fmt(big.peakRssMB, 0)} MB)${then(big)}${rssFloor}`,
    );
    if (warm)
      t(
        `${big.threads} threads < 150 MB RSS (warm)`,
        warm.rssMB,
        150,
        'MB',
        `server VmRSS after the last publish (peak ${fmt(warm.peakRssMB, 0)} MB)${then(warm)}${rssFloor}`,
      );
  }
  const cli = g['cli-check']?.runs;
  if (cli?.length) {
    const n = CFG.threads[CFG.threads.length - 1];
    const cold = cli.find((r) => r.threads === n && r.cache === 'cold');
    const warm = cli.filter((r) => r.threads === n && r.cache === 'warm').sort((a, b) => a.wallMs - b.wallMs)[0];
    const how = (r) => `cpu ${fmt(r.cpuMs / 1000, 2)} s, peak RSS ${fmt(r.peakRssMB, 0)} MB, load ${r.loadAvg.join(' ')}`;
    const floor = g['cli-check'].floor;
    if (cold) t(`corresp check, ${n} threads < 4 s, cold`, cold.wallMs / 1000, 4, 's', `${how(cold)}${coldFloor(floor, cold.wallMs)}`);
    if (warm)
      t(
        `corresp check, ${n} threads < 1.5 s, warm`,
        warm.wallMs / 1000,
        1.5,
        's',
        `best of 2; ${how(warm)}${floor ? `; floor (reading and hashing the files) ${fmt(floor.read.wallMs, 0)} ms` : ''}`,
      );
  }
  if (g.pdf?.cacheOverPdfjs !== undefined)
    t(
      'a PDF letter from the analysis cache < 5% of its pdf.js time',
      g.pdf.cacheOverPdfjs * 100,
      5,
      '%',
      `sum over ${g.pdf.files} real staff.pdf: cache ${fmt(g.pdf.cacheMs)} ms vs pdf.js ${fmt(g.pdf.totalMs)} ms`,
    );
  if (g['lsp-start']) t('server start → first diagnostics < 500 ms', g['lsp-start'].median, 500, 'ms', 'examples/, spawn → publishDiagnostics');
  for (const [k, v] of Object.entries(d.growth)) if (v > 1.15) d.superlinear = [...(d.superlinear ?? []), { figure: k, exponent: v }];
  return d;
}

/** The floor's paragraph under a workspace's figures. */
function floorLines(f) {
  if (!f) return [];
  return [
    `Floor on the same ${f.files} files (${kb(f.bytes)}), a process of its own (test/bench/workspaceFloor.mjs), load ${f.loadAvg?.join(' ') ?? '–'}: reading and hashing them ${fmt(f.read.wallMs)} ms; remark-parse alone in ${f.workers} workers ${fmt(f.remark.wallMs, 0)} ms (cpu ${fmt(f.remark.cpuMs, 0)} ms); with the GFM extensions Corresp reads letters with (table construct always on) ${fmt(f.remarkGfm.wallMs, 0)} ms (cpu ${fmt(f.remarkGfm.cpuMs, 0)} ms); the process's RSS holding the texts ${fmt(f.rssMB, 0)} MB.`,
    '',
  ];
}

/** The floor under a cold start (workspaceFloor), and how many times it the measured time is. */
function coldFloor(floor, ms) {
  if (!floor) return '';
  return `; floor on the same files in ${floor.workers} workers: remark-parse ${fmt(floor.remark.wallMs / 1000, 2)} s (${fmt(ms / floor.remark.wallMs, 2)}× it), with Corresp's GFM extensions ${fmt(floor.remarkGfm.wallMs / 1000, 2)} s (${fmt(ms / floor.remarkGfm.wallMs, 2)}×)`;
}

const fmt = (x, digits = 1) => (x === undefined || x === null || !Number.isFinite(x) ? '–' : Math.abs(x) >= 100 ? x.toFixed(0) : x.toFixed(digits));
const kb = (b) => (b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(2)} MB` : `${(b / 1024).toFixed(0)} KB`);
const exp = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}${x > 1.15 ? ' ⚠' : ''}` : '–');

function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' | ')} |`;
  return [line(headers), `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...rows.map(line)].join('\n');
}

function report(results) {
  const g = results.groups;
  const d = results.derived;
  const out = [];
  const mc = results.machine;
  out.push(
    `Machine: ${mc.cpu}, ${mc.cores} cores, ${mc.memGB} GB, Node ${mc.node}; load average at start ${mc.loadAvgAtStart.join(' ')}${mc.loadAvgAtEnd ? `, at end ${mc.loadAvgAtEnd.join(' ')}` : ''}${results.quick ? ' — QUICK RUN (smaller sizes, fewer runs)' : ''}`,
    '',
  );
  const src = results.source;
  if (src)
    out.push(
      `Source: git ${src.head}${src.dirty.length ? ` + ${src.dirty.length} uncommitted file(s) in server/src, client/src` : ''}, server/src fingerprint ${src.fingerprint}${src.changedDuringRun ? ' — server/src CHANGED during the run (every group used the snapshot taken at the start)' : ''}.`,
      '',
    );
  const doc = docSizes(g);
  if (doc.length) {
    const head = ['One document: median wall ms (cpu ms)', ...doc.map((s) => `${s.comments} c / ${kb(s.bytes)}`), 'exponent'];
    const row = (label, key) => [
      label,
      ...doc.map((s) => (s.m[key] ? `${fmt(s.m[key].median)} (${fmt(s.m[key].cpuMedian)})` : '–')),
      exp(d.growth[`doc.${key}`]),
    ];
    out.push(
      '### One document: floor, Corresp, peer',
      '',
      table(head, [
        row('floor: read the draft from disk', 'read'),
        row('floor: remark-parse', 'remark'),
        row('floor: remark-parse + remark-gfm', 'remarkGfm'),
        row('Corresp: parse + model + coverage (cold, new MarkdownParser)', 'cold'),
        row('  of which the parse', 'parseCold'),
        row('  of which responseOf (anchors, quotes, answers)', 'responseOf'),
        row('  of which coverageOf', 'coverageOf'),
        row('  splitChunks alone (cutting into pieces; part of every parse)', 'splitChunks'),
        row('Corresp: parse + model + coverage after a 1-char edit', 'edit'),
        row('  of which the parse', 'editParse'),
        row('  of which responseOf', 'editModel'),
        row('  of which coverageOf', 'editCoverage'),
        row('Corresp: draftDiagnostics (what a publish adds)', 'diagnostics'),
        row('Corresp: cold again, after a PDF was read (pdf.js polyfills in place)', 'coldAfterPdf'),
        row('JSON.stringify, 300 diagnostics ×10', 'stringify300'),
        row('  the same after a PDF was read', 'stringify300AfterPdf'),
        row('Corresp: staff letter .md → StaffLetter', 'staffMd'),
        row('Corresp: staff letter .txt (pdftotext form) → StaffLetter', 'staffTxt'),
        row('floor: staff letter .md, remark-parse + gfm', 'staffRemarkGfm'),
        row('peer: computeDiagnostics on the draft', 'peer'),
        row('peer: after a 1-char edit', 'peerEdit'),
        row('peer: computeDiagnostics on the staff letter .md', 'peerStaff'),
      ]),
      '',
      'Rows "of which" are phases timed inside the same runs (wall; no cpu figure). Exponent: log-log slope of cpu time (wall for phases) against bytes, smallest to largest size; ⚠ marks > 1.15 (worse than linear).',
      '',
    );
    out.push(
      table(
        ['Ratios at the largest size', 'cpu', 'wall'],
        [
          ['Corresp cold / remark-parse', 'coldOverRemark'],
          ['Corresp cold / remark-parse + gfm', 'coldOverRemarkGfm'],
          ['Corresp parse only / remark-parse + gfm', 'parseOverRemarkGfm'],
          ['Corresp cold / read from disk', 'coldOverRead'],
          ['Corresp edit / Corresp cold', 'editOverCold'],
          ['Corresp edit / remark-parse + gfm', 'editOverRemarkGfm'],
          ['Corresp cold / peer', 'coldOverPeer'],
          ['Corresp edit / peer edit', 'editOverPeer'],
          ['Corresp staff .md / peer on it', 'staffMdOverPeer'],
          ['Corresp staff .md / remark-parse + gfm', 'staffMdOverRemarkGfm'],
        ].map(([label, k]) => [label, fmt(d.ratios[k], 3), fmt(d.ratiosWall[k], 3)]),
      ),
      '',
    );
    const big = doc[doc.length - 1];
    if (big.facts)
      out.push(
        `Largest draft: ${big.facts.staffComments} staff comments, ${big.facts.anchors} anchors, ${big.facts.answered} answered, ${big.facts.problems} coverage problems; ${big.facts.chunks} pieces, ${big.facts.chunksParsedAfterEdit} re-parsed after the edit. ${g.floor?.peer?.skipped ?? (g.floor ? `Peer: vscode-markdown-languageservice 0.5.0 on markdown-it ${g.floor.peer.markdownIt}, ${big.peer?.diagnostics ?? '?'} diagnostics on the draft.` : '')}`,
        '',
      );
  }
  if (g.features) {
    const sizes = g.features.sizes;
    const head = ['Features: ms p50 / p95 / max', ...sizes.map((s) => `${s.comments} comments`), 'exp (p95)'];
    const row = (label, key) => [
      label,
      ...sizes.map((s) => `${fmt(s.m[key].median, 2)} / ${fmt(s.m[key].p95, 2)} / ${fmt(s.m[key].max, 1)}`),
      exp(d.growth[`features.${key}.p95`]),
    ];
    out.push(
      '### Hover, completion, code actions (in-memory thread, as test/features/harness.ts)',
      '',
      table(head, [
        row('hover (hoverAt)', 'hover'),
        row('completion (completionsAt)', 'completion'),
        row('code actions (codeActionsFor)', 'codeActions'),
        row('thread lookup (index.thread, cached)', 'threadCached'),
        row('thread lookup + hover', 'threadHover'),
        row('thread lookup + completion', 'threadCompletion'),
      ]),
      '',
      `Calls per size: ${sizes[0].m.hover.calls} hover, ${sizes[0].m.completion.calls} completion, ${sizes[0].m.codeActions.calls} code-action ranges (anchor numbers, citations, bold-paragraph starts, "Item ", diagnostics' ranges, random offsets).`,
      '',
    );
  }
  if (g['lsp-edit']) {
    const sizes = g['lsp-edit'].sizes;
    const dd = g['lsp-edit'].defaultDelay;
    const typed = g['lsp-edit'].typed;
    out.push(
      '### Diagnostics after an edit: real server over stdio (didChange → publishDiagnostics of that version)',
      '',
      table(
        ['draft', 'delay', 'edits', 'p50 ms', 'p95 ms', 'max ms', 'server cpu ms / edit', 'open → first publish ms (cpu)', 'server RSS MB'],
        [
          ...[...sizes, ...(dd ? [dd] : []), ...(typed ? [typed] : [])].map((s, i) => [
            `${s.comments} c / ${kb(s.bytes)}`,
            `${s.delay} ms${i >= sizes.length ? ' (default)' : ''}`,
            s.pauseMs ? `${s.pauseMs} ms apart` : 'back to back',
            fmt(s.median),
            fmt(s.p95),
            fmt(s.max),
            fmt(s.cpuPerEditMs),
            `${fmt(s.openMs)} (${fmt(s.openCpuMs)})`,
            fmt(s.memory.rssMB, 0),
          ]),
        ],
      ),
      '',
      `Edits per size: ${sizes.map((s) => s.n).join(', ')}${dd ? ` (default delay: ${dd.n})` : ''}, one character at a time in the middle of the draft (up to ${CFG.lspEdits}, fewer when slow). Growth exponent (p95 against bytes): ${exp(d.growth['lsp.publishAfterEdit.p95'])}; open: ${exp(d.growth['lsp.open'])}.`,
      '',
    );
  }
  if (g['lsp-workspace']) {
    const sizes = g['lsp-workspace'].sizes;
    const all = [...sizes, ...(g['lsp-workspace'].warm ?? []), ...(g['lsp-workspace'].off ? [g['lsp-workspace'].off] : [])];
    out.push(
      '### Workspace index: initialized → publishDiagnostics of the last draft',
      '',
      table(
        [
          'threads',
          'files',
          'bytes',
          'analysis cache',
          'index ms',
          'server cpu ms',
          'spawn → last ms',
          'RSS MB',
          'peak RSS MB',
          'background done after ms',
          'cpu in all ms',
          'RSS then MB',
          'peak RSS then MB',
          'RSS left alone MB',
          'load avg',
        ],
        all.map((s) => [
          s.threads,
          s.files,
          kb(s.bytes),
          s.cache ?? 'off',
          fmt(s.indexMs),
          fmt(s.cpuMs),
          fmt(s.fromSpawnMs),
          fmt(s.rssMB, 0),
          fmt(s.peakRssMB, 0),
          s.settled ? fmt(s.settled.afterMs, 0) : '–',
          s.settled ? fmt(s.settled.cpuMs, 0) : '–',
          s.settled ? fmt(s.settled.rssMB, 0) : '–',
          s.settled ? fmt(s.settled.peakRssMB, 0) : '–',
          s.quiet ? fmt(s.quiet.rssMB, 0) : '–',
          s.loadAvg?.join(' ') ?? '–',
        ]),
      ),
      '',
      ...all
        .filter((s) => s.typing)
        .flatMap((s) => [
          `Typing in one draft of the ${s.threads}-thread workspace (warm, default delay, ${s.typing.publish.n} keystrokes, each after the last one's diagnostics and the views' asks) with the Comment Letters and Commitments views open: publish p50 ${fmt(s.typing.publish.median)} ms, p95 ${fmt(s.typing.publish.p95)} ms; the Letters view's ask after each publish p50 ${fmt(s.typing.ask.median)} ms, p95 ${fmt(s.typing.ask.p95)} ms, ${kb(s.typing.askBytes)} (the first ask, whole: ${fmt(s.typing.firstAsk)} ms, ${kb(s.typing.firstAskBytes)}); the Commitments view's p50 ${fmt(s.typing.commitmentsAsk?.median)} ms, p95 ${fmt(s.typing.commitmentsAsk?.p95)} ms, ${kb(s.typing.commitmentsBytes)} (the first, whole: ${fmt(s.typing.firstCommitmentsAsk)} ms, ${kb(s.typing.firstCommitmentsBytes)}).`,
          '',
        ]),
      `Background done … peak RSS then: after the last publish, what the start left running (the precedent library reading the workspace, cache writes) until the server went still for 2 s. RSS left alone: the largest workspace's server ${QUIET_MS / 1000} s after its last publish with nothing asked of it (V8 gives memory back only once the process has been quiet for some seconds).`,
      '',
      ...floorLines(g['lsp-workspace'].floor),
      `Growth exponent, cold: time ${exp(d.growth['workspace.indexMs'])}, cpu ${exp(d.growth['workspace.cpuMs'])}, RSS ${exp(d.growth['workspace.rssMB'])}; warm: time ${exp(d.growth['workspace.warm.indexMs'])}, cpu ${exp(d.growth['workspace.warm.cpuMs'])}. "off" is the server with CORRESP_CACHE=off (every file parsed, as before the cache).`,
      '',
    );
  }
  if (g['cli-check']) {
    out.push(
      '### corresp check <folder> (a new process; wall, process cpu, peak RSS)',
      '',
      table(
        ['threads', 'analysis cache', 'wall ms', 'cpu ms', 'peak RSS MB', 'load avg'],
        g['cli-check'].runs.map((r) => [r.threads, r.cache, fmt(r.wallMs), fmt(r.cpuMs), fmt(r.peakRssMB, 0), r.loadAvg.join(' ')]),
      ),
      '',
      ...floorLines(g['cli-check'].floor),
    );
  }
  if (g.memory)
    out.push(
      `In-process heap after GC for ${g.memory.threads} threads (the bench bundle, LetterIndex over in-memory files): the texts ${fmt(g.memory.textMB, 0)} MB; the index with every thread computed ${fmt(g.memory.indexMB, 0)} MB, of which the per-file Markdown piece caches (${g.memory.cachedFiles} files) ${fmt(g.memory.parserCachesMB, 0)} MB.`,
      '',
    );
  if (g['lsp-start'])
    out.push(
      `### Server start\n\nspawn → first publishDiagnostics on examples/: median ${fmt(g['lsp-start'].median)} ms, p95 ${fmt(g['lsp-start'].p95)} ms (initialize answered after ${fmt(g['lsp-start'].initializeMs)} ms; RSS then ${fmt(g['lsp-start'].rssMB, 0)} MB), ${g['lsp-start'].n} runs.`,
      '',
    );
  if (g.real) {
    const m = g.real.m;
    const f = g.floor?.real?.m;
    const cell = (x) => (x ? `${fmt(x.median)} (${fmt(x.cpuMedian)})` : '–');
    out.push(
      `### Real fixtures: ${g.real.fixtures} EDGAR pairs, ${g.real.comments} comments (all files per run; median wall ms (cpu ms))`,
      '',
      table(
        ['measure', 'ms'],
        [
          ['floor: read staff.txt + response.htm', cell(m.read)],
          ['Corresp: staff.txt → StaffLetter', cell(m.staffTxt)],
          ['Corresp: response.htm → draft + coverage', cell(m.responseHtm)],
          ['Corresp: staff letters imported to .md → StaffLetter', cell(m.staffMd)],
          ['floor: those .md, remark-parse', cell(f?.remark)],
          ['floor: those .md, remark-parse + gfm', cell(f?.remarkGfm)],
          ['peer: computeDiagnostics on those .md', f?.peer ? cell(f.peer) : (g.floor?.peer?.skipped ?? '–')],
        ],
      ),
      '',
    );
    const r = g.real.realism;
    if (r)
      out.push(
        `Generator realism (word-pair containment between two comments of one letter): real letters median ${fmt(r.real.median, 2)}, p90 ${fmt(r.real.p90, 2)}, ${(r.real.atLeast03 * 100).toFixed(1)}% ≥ 0.3 (${r.real.pairs} pairs); generated median ${fmt(r.generated.median, 2)}, p90 ${fmt(r.generated.p90, 2)}, ${(r.generated.atLeast03 * 100).toFixed(1)}% ≥ 0.3 (${r.generated.pairs} pairs).`,
        '',
      );
  }
  if (g.docx)
    out.push(
      `### Word import (a ${g.docx.comments}-comment draft, ${kb(g.docx.docxBytes)} .docx ≈ 50 pages)\n\nreadLetterBytes + responseOf + coverageOf: median ${fmt(g.docx.readDocx.median)} ms (of which the read ${fmt(quantile(g.docx.readDocx.phases?.read ?? [], 0.5))} ms), p95 ${fmt(g.docx.readDocx.p95)} ms; the same draft as Markdown ${fmt(g.docx.readMarkdown.median)} ms.`,
      '',
    );
  if (g.pdf)
    out.push(
      `### PDF import (pdfToText on the real staff.pdf files)\n\n${g.pdf.files} files, ${g.pdf.pages} pages: ${fmt(g.pdf.msPerPageOverall)} ms/page overall (warm); per file median ${fmt(g.pdf.msPerPage.median)} ms/page, p95 ${fmt(g.pdf.msPerPage.p95)}; the first file cold (pdf.js warming up): ${fmt(g.pdf.coldFirstFileMs)} ms for ${g.pdf.coldFirstFilePages} pages.`,
      '',
      `Floor, pdftotext -layout (poppler, a process per file, measured only): ${fmt(g.pdf.pdftotextMsPerPage, 2)} ms/page. From the analysis cache (hash + read + check + deserialise the letter with its blocks): ${fmt(g.pdf.cacheMs / g.pdf.pages, 2)} ms/page, ${fmt(g.pdf.cacheOverPdfjs * 100, 2)}% of pdf.js.`,
      '',
      table(
        ['fixture', 'pages', 'pdf.js ms', 'pdf.js ms/page', 'pdftotext ms/page', 'cache ms'],
        (g.pdf.rows ?? []).map((r) => [r.fixture, r.pages, fmt(r.ms), fmt(r.msPerPage), fmt(r.pdftotextMs / Math.max(1, r.pages), 2), fmt(r.cacheMs, 2)]),
      ),
      '',
    );
  if (g.bundle) {
    const b = g.bundle;
    out.push(
      '### Bundles',
      '',
      table(
        ['file', 'bytes'],
        [
          ...Object.entries(b.dev).map(([k, v]) => [`${k} (as found in dist/ at the end of the run)`, v === null ? '–' : kb(v)]),
          ...Object.entries(b.prod).map(([k, v]) => [`${k} (production: minified)`, kb(v)]),
          ['corresp.vsix (vsce package of the production bundles)', b.vsix?.bytes ? kb(b.vsix.bytes) : (b.vsix?.failure ?? 'not built')],
        ],
      ),
      '',
    );
    if (b.serverComposition) out.push(`Production server.mjs by package: ${b.serverComposition.map((c) => `${c.name} ${kb(c.bytes)}`).join(', ')}.`, '');
  }
  const wi = g['what-if'];
  if (wi) {
    const cell = (x) => (x ? `${fmt(x.median)}${x.cpuMedian !== undefined ? ` (${fmt(x.cpuMedian)})` : ''}` : '–');
    const speed = (a, b) => (a && b ? `${fmt((a.cpuMedian ?? a.median) / (b.cpuMedian ?? b.median), 2)}×` : '–');
    out.push(
      '### What-if: the proposed fixes applied to a bench-only build (paired with as-is, same process, same source)',
      '',
      wi.patches.map((p) => `- ${p.applied ? '' : '(NOT APPLIED: its text is no longer in the source) '}\`${p.id}\` (${p.file}): ${p.what}`).join('\n'),
      '',
    );
    const labels = {
      cold: 'parse + model + coverage, cold',
      parseCold: '  of which the parse',
      responseOf: '  of which responseOf',
      coverageOf: '  of which coverageOf',
      edit: 'after a 1-char edit',
      editParse: '  of which the parse',
      editModel: '  of which responseOf',
      editCoverage: '  of which coverageOf',
      diagnostics: 'draftDiagnostics (coverage again + citations)',
      splitChunks: 'splitChunks',
      staffMd: 'staff letter .md → StaffLetter',
    };
    out.push(
      table(
        [`${wi.comments} c / ${kb(wi.bytes)}: wall ms (cpu ms)`, 'as is', 'with the fixes', 'speed-up'],
        Object.entries(labels).map(([k, label]) => [label, cell(wi.asIs[k]), cell(wi.fixed[k]), speed(wi.asIs[k], wi.fixed[k])]),
      ),
      '',
    );
    const ap = wi.afterPdf;
    out.push(
      table(
        [`After a PDF was read (${ap.comments} c): wall ms (cpu ms)`, 'as is', 'with the fixes', 'speed-up'],
        [
          ['Array.prototype.push replaced', String(ap.asIs.pushReplaced), String(ap.fixed.pushReplaced), ''],
          ['parse + model + coverage, cold', cell(ap.asIs.coldAfterPdf), cell(ap.fixed.coldAfterPdf), speed(ap.asIs.coldAfterPdf, ap.fixed.coldAfterPdf)],
          [
            'JSON.stringify, 300 diagnostics ×10',
            cell(ap.asIs.stringify300AfterPdf),
            cell(ap.fixed.stringify300AfterPdf),
            speed(ap.asIs.stringify300AfterPdf, ap.fixed.stringify300AfterPdf),
          ],
        ],
      ),
      '',
      `pdf.js text with the natives put back: ${wi.pdfTextIdentical ? 'identical to as-is on every real staff.pdf' : 'DIFFERENT from as-is (sha256 differs)'}.`,
      '',
    );
    if (wi.lsp) {
      const a = wi.lsp.asIs;
      const f = wi.lsp.fixed;
      out.push(
        table(
          ['server over stdio, run back to back', 'as is', 'with the fixes'],
          [
            [
              `publish after an edit, ${kb(a.edit.bytes)}, delay 0: p50 / p95 ms (server cpu ms per edit)`,
              `${fmt(a.edit.median)} / ${fmt(a.edit.p95)} (${fmt(a.edit.cpuPerEditMs)})`,
              `${fmt(f.edit.median)} / ${fmt(f.edit.p95)} (${fmt(f.edit.cpuPerEditMs)})`,
            ],
            ...(wi.heap
              ? [[`${wi.heap.asIs.threads} threads: index heap after GC, in process (MB)`, fmt(wi.heap.asIs.indexMB, 0), fmt(wi.heap.fixed.indexMB, 0)]]
              : []),
            [
              `${a.workspace.threads} threads: index ms (server cpu ms), RSS MB`,
              `${fmt(a.workspace.indexMs)} (${fmt(a.workspace.cpuMs)}), ${fmt(a.workspace.rssMB, 0)}`,
              `${fmt(f.workspace.indexMs)} (${fmt(f.workspace.cpuMs)}), ${fmt(f.workspace.rssMB, 0)}`,
            ],
          ],
        ),
        '',
      );
    }
  }
  if (d.targets.length) {
    out.push(
      '### Targets',
      '',
      'Ratio targets use cpu-time medians (robust to other processes on a shared machine; the wall ratio is shown beside); absolute targets use wall time.',
      '',
      table(
        ['target', 'measured', 'limit', 'met', 'measured / limit', 'at'],
        d.targets.map((t) => [
          t.name,
          `${fmt(t.value, 2)} ${t.unit}`,
          `${t.limit} ${t.unit}`,
          t.met === null ? '–' : t.met ? 'met' : 'MISSED',
          fmt(t.by, 2),
          t.how,
        ]),
      ),
      '',
    );
  }
  if (d.superlinear?.length)
    out.push(`Worse than linear (exponent > 1.15): ${d.superlinear.map((s) => `${s.figure} ${s.exponent.toFixed(2)}`).join(', ')}.`, '');
  else out.push('Nothing grows worse than linear (every exponent ≤ 1.15).', '');
  if (g.commitments) out.push('', g.commitments.summary);
  return out.join('\n');
}

async function main() {
  const t0 = performance.now();
  const only = option('only')?.split(',');
  const groups = [
    'doc',
    'real',
    'floor',
    'features',
    'pdf',
    'docx',
    'lsp-edit',
    'lsp-workspace',
    'cli-check',
    'memory',
    'lsp-start',
    'bundle',
    'precedents',
    'commitments',
    'soak',
    ...(flag('what-if') || only?.includes('what-if') ? ['what-if'] : []),
  ].filter((g) => !only || only.includes(g));
  if (!existsSync(DIST_SERVER)) {
    process.stderr.write('dist/server.mjs is missing: building (node esbuild.mjs)\n');
    execFileSync(process.execPath, [path.join(ROOT, 'esbuild.mjs')], { cwd: ROOT, stdio: 'inherit' });
  }
  // One snapshot of the source for the whole run: the server copied now, the bench bundles built now.
  const sourceAtStart = sourceState();
  mkdirSync(OUT, { recursive: true });
  cpSync(DIST_SERVER, SERVER);
  if (existsSync(`${DIST_SERVER}.map`)) cpSync(`${DIST_SERVER}.map`, `${SERVER}.map`);
  mkdirSync(path.dirname(CLI), { recursive: true });
  for (const f of ['cli.mjs', ...WORKERS_AND_APART])
    if (existsSync(path.join(ROOT, 'dist', f))) cpSync(path.join(ROOT, 'dist', f), path.join(path.dirname(CLI), f));
  // The server reads letters in workers beside it (as in dist/).
  for (const f of WORKERS_AND_APART) if (existsSync(path.join(ROOT, 'dist', f))) cpSync(path.join(ROOT, 'dist', f), path.join(OUT, f));
  process.stderr.write('building the bench bundles (test/bench/.out/) and generating letters…\n');
  await buildBenchBundle();
  if (groups.includes('what-if') || flag('build-only')) await buildWhatIfBundles();
  if (flag('build-only')) {
    process.stderr.write('built test/bench/.out/corresp.mjs, .out/server.mjs (copy of dist/) and .out/whatif/{corresp-all,server}.mjs\n');
    return;
  }
  for (const n of new Set([...CFG.docSizes, ...CFG.featureSizes, ...CFG.lspSizes])) ensureDoc(n);
  if (groups.some((g) => ['lsp-workspace', 'memory', 'what-if'].includes(g))) for (const n of CFG.threads) ensureWorkspace(n);
  const results = { machine: machine(), source: sourceAtStart, quick: QUICK, startedAt: new Date().toISOString(), config: CFG, groups: {} };
  for (const group of groups) {
    process.stderr.write(`${group}…\n`);
    results.groups[group] = group === 'what-if' ? await runWhatIf() : CHILD_GROUPS[group] ? await runChild(group) : await LSP_GROUPS[group]();
  }
  results.machine.loadAvgAtEnd = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
  const sourceAtEnd = sourceState();
  results.source = { ...sourceAtStart, changedDuringRun: sourceAtEnd.fingerprint !== sourceAtStart.fingerprint, distServerBytes: statSync(SERVER).size };
  results.durationS = (performance.now() - t0) / 1000;
  results.derived = derive(results.groups);
  const text =
    report(results) +
    (results.groups.precedents ? `\n\n### Precedents\n\n${results.groups.precedents.report}` : '') +
    (results.groups.soak ? `\n\n${soakReport(results.groups.soak)}` : '');
  console.log(text);
  console.log(`\n(${results.durationS.toFixed(0)} s; load average at end ${results.machine.loadAvgAtEnd.join(' ')})`);
  writeFileSync(path.join(HERE, 'results.json'), JSON.stringify({ ...results, report: text }, null, 1));
  if (flag('update-md')) {
    const md = path.join(ROOT, 'BENCHMARKS.md');
    const current = existsSync(md) ? readFileSync(md, 'utf8') : '';
    const block = `<!-- results:start -->\n${text}\n\n(${results.durationS.toFixed(0)} s; load average at start ${results.machine.loadAvgAtStart.join(' ')}, at end ${results.machine.loadAvgAtEnd.join(' ')}; ${results.startedAt})\n<!-- results:end -->`;
    const next = /<!-- results:start -->[\s\S]*<!-- results:end -->/.test(current)
      ? current.replace(/<!-- results:start -->[\s\S]*<!-- results:end -->/, block)
      : `${current}\n${block}\n`;
    writeFileSync(md, next);
  }
}

const child = option('child');
if (child) {
  const result = await CHILD_GROUPS[child]();
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
} else {
  await main();
}
