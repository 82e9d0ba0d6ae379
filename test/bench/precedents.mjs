/**
 * Precedents benchmark (a benchmark, never a timed test): `node test/bench/precedents.mjs [--quick] [--only=quality,scale,hover]
 * [--runs=N] [--json] [--vocabulary]` (groups quality, scale, hover), also run by `npm run bench` (group `precedents`).
 *
 * - quality: the library of the real letters (../shared/fixtures/threads and real; test/fixtures/precedents when
 *   ../shared is absent). For every staff comment that shares a whole sentence (≥ 8 words, normalised) with another
 *   company's comment, is one of those comments among its top 5 (own thread left out; and with --other-companies
 *   semantics, the same company left out too)?
 * - scale: libraries of ~12,500, 25,000 and 50,000 comments generated from the real ones (each a real comment with
 *   its company-specific words, numbers and dates replaced by a made-up company's, a sentence dropped or borrowed
 *   now and then: the staff's vocabulary kept), written as pdftotext-style staff letters. Measures building the store
 *   from the text letters (letters per second), loading it from disk in a fresh process, the query time (p50, p95
 *   over real comments as queries) and that process's peak RSS. Median of --runs runs (3; 1 with --quick).
 * - hover: the hover on a comment anchor through the bundled server, with the largest generated library as
 *   `corresp.library.paths`, against the same server without precedents (an untrusted folder): what the hover's
 *   "Precedents: N similar comments" line costs, how soon after start it shows, and the server's memory.
 * - --vocabulary: rewrites server/src/precedents/data/vocabulary.ts from the real corpus (not a measurement).
 *
 * Prints a report; with --json, the last line is `RESULT {json}` (test/bench/run.mjs reads it).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { copyPrecedentLibrary } from '../unit/precedents/library.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const OUT = path.join(HERE, '.out', 'precedents');
const BUNDLE = path.join(OUT, 'precedents.mjs');
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const option = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const QUICK = flag('quick');
const RUNS = Number(option('runs') ?? (QUICK ? 1 : 3));
const SIZES = QUICK ? [2500, 5000, 10000] : [12500, 25000, 50000];
const only = option('only')?.split(',');
const SHARED = [path.join(ROOT, '..', 'shared', 'fixtures', 'threads'), path.join(ROOT, '..', 'shared', 'fixtures', 'real')].filter((d) => existsSync(d));
/** Without ../shared, the precedent tests' library (assembled in a temporary folder: its letters are kept once). */
const REAL_FOLDERS = SHARED.length > 0 ? SHARED : [copyPrecedentLibrary(path.join(mkdtempSync(path.join(tmpdir(), 'corresp-bench-')), 'precedents'))];

const log = (s) => process.stderr.write(`${s}\n`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};

async function bundle() {
  const esbuild = await import('esbuild');
  mkdirSync(OUT, { recursive: true });
  await esbuild.build({
    stdin: {
      contents: [
        "export { PrecedentStore } from './server/src/workspace/precedentStore';",
        "export { findPrecedents } from './server/src/precedents/similar';",
        "export { sentenceWords, termCounts, SENTENCE_MIN_WORDS } from './server/src/precedents/text';",
        "export { sameFiler, summaryOf } from './server/src/precedents/library';",
        "export { readLetterText } from './server/src/letters/read';",
      ].join('\n'),
      resolveDir: ROOT,
      loader: 'ts',
    },
    outfile: BUNDLE,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
}

const load = () => import(pathToFileURL(BUNDLE).href);

/** The real library: every comment with its text, tags, filer and thread. */
async function realComments(P, cacheDir) {
  const store = await P.PrecedentStore.open(cacheDir);
  const report = await store.update(REAL_FOLDERS);
  const lib = store.library();
  const comments = [];
  for (let id = 1; id < 1_000_000 && comments.length < report.comments; id++) {
    const e = lib.entry(id);
    if (e) comments.push({ ...e, text: lib.text(id) });
    if (id > 200_000) break;
  }
  return { store, lib, comments, report };
}

// ─── quality ──────────────────────────────────────────────────────────────────────────────────────────────────

async function quality(P) {
  const cache = path.join(OUT, 'cache-real');
  const { store, lib, comments, report } = await realComments(P, cache);
  const key = (words) => words.join(' ');
  const bySentence = new Map();
  comments.forEach((c, i) => {
    for (const words of P.sentenceWords(c.text)) {
      if (words.length < P.SENTENCE_MIN_WORDS) continue;
      const k = key(words);
      if (!bySentence.has(k)) bySentence.set(k, new Set());
      bySentence.get(k).add(i);
    }
  });
  const otherCompany = (a, b) => a.filer !== b.filer && !(a.company && b.company && a.company.toLowerCase() === b.company.toLowerCase());
  const sharing = new Map();
  for (const ids of bySentence.values()) {
    for (const a of ids)
      for (const b of ids)
        if (a !== b && otherCompany(comments[a], comments[b])) {
          if (!sharing.has(a)) sharing.set(a, new Set());
          sharing.get(a).add(comments[b].id);
        }
  }
  const result = { letters: report.files, comments: comments.length, sharing: sharing.size };
  for (const mode of ['own-thread', 'other-companies']) {
    let hit = 0;
    let first = 0;
    const misses = [];
    for (const [i, wanted] of sharing) {
      const c = comments[i];
      const found = P.findPrecedents(c, lib, {
        limit: 5,
        exclude: (e) => e.thread === c.thread || (mode === 'other-companies' && e.filer === c.filer),
      });
      if (found.some((p) => wanted.has(p.entry.id))) hit++;
      else misses.push(`${path.relative(ROOT, c.file)} comment ${c.number}`);
      if (found[0] && wanted.has(found[0].entry.id)) first++;
    }
    result[mode] = { top5: hit, first, of: sharing.size, rate: hit / Math.max(1, sharing.size), misses };
  }
  // "The nearest comment from another company is usually on the same topic": of the tagged comments, how often the
  // first precedent from another company shares a tag with it.
  let sameTopic = 0;
  let askedTopic = 0;
  for (const c of comments) {
    if (c.tags.length === 0) continue;
    const [first] = P.findPrecedents(c, lib, { limit: 1, exclude: (e) => e.thread === c.thread || e.filer === c.filer });
    if (!first) continue;
    askedTopic++;
    if (first.entry.tags.some((t) => c.tags.includes(t))) sameTopic++;
  }
  result.sameTopic = { of: askedTopic, same: sameTopic, rate: sameTopic / Math.max(1, askedTopic) };
  const tagged = comments.filter((c) => c.tags.length > 0).length;
  const tagCounts = {};
  for (const c of comments) for (const t of c.tags) tagCounts[t] = (tagCounts[t] ?? 0) + 1;
  result.tags = { tagged, share: tagged / comments.length, counts: Object.fromEntries(Object.entries(tagCounts).sort((a, b) => b[1] - a[1])) };
  result.answered = comments.filter((c) => c.answered).length;
  store.close();
  return result;
}

// ─── vocabulary ───────────────────────────────────────────────────────────────────────────────────────────────

async function writeVocabulary(P) {
  const { comments, report } = await realComments(P, path.join(OUT, 'cache-real'));
  const df = new Map();
  for (const c of comments) for (const t of P.termCounts(c.text).keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const kept = [...df].filter(([, n]) => n >= 2).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const body = kept.map(([t, n]) => `${t}:${n}`).join(' ');
  const lines = body
    .match(/.{1,110}(?: |$)/g)
    .map((l) => `    ${JSON.stringify(l)}`)
    .join(' +\n');
  const letters = new Set(comments.map((c) => c.file)).size;
  const file = path.join(ROOT, 'server', 'src', 'precedents', 'data', 'vocabulary.ts');
  writeFileSync(
    file,
    `/**\n * The staff's vocabulary: in how many of ${comments.length} real staff comments (${letters} SEC staff letters, 2016–2025, EDGAR) each\n * search term occurs, for terms in two or more. A term not listed is rare. Generated by\n * \`node test/bench/precedents.mjs --vocabulary\` from ../shared/fixtures; do not edit by hand.\n */\nexport const STAFF_VOCABULARY = {\n  comments: ${comments.length},\n  df:\n${lines},\n} as const;\n`,
  );
  log(`wrote ${path.relative(ROOT, file)}: ${kept.length} terms from ${comments.length} comments (${report.files} files)`);
}

// ─── the generated library ────────────────────────────────────────────────────────────────────────────────────

function rng(seed) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296;
}

const SYLLABLES = ['ka', 'lo', 'ri', 'ven', 'tor', 'mex', 'dra', 'sil', 'qua', 'ne', 'vo', 'tri', 'zen', 'pa', 'lux', 'or', 'bel', 'cor', 'dyn', 'ex'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function madeUpWord(r, min = 2, max = 4) {
  const n = min + Math.floor(r() * (max - min + 1));
  let w = '';
  for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(r() * SYLLABLES.length)];
  return w;
}
const cap = (w) => w[0].toUpperCase() + w.slice(1);

/** Words of the real comments used by one filer only: company-specific (names, products, places). */
function companyWords(comments) {
  const filers = new Map();
  for (const c of comments)
    for (const w of c.text.match(/[A-Za-z][A-Za-z-]{2,}/g) ?? []) {
      const set = filers.get(w) ?? new Set();
      set.add(c.filer);
      filers.set(w, set);
    }
  return new Set([...filers].filter(([w, s]) => s.size === 1 && /^[A-Z]/.test(w)).map(([w]) => w));
}

function sentencesOf(text) {
  return text.replace(/\s*\n\s*/g, ' ').split(/(?<=[.?!])\s+(?=[A-Z(“"])/);
}

/** A varied copy of a real comment for a made-up company. */
function vary(r, base, borrowed, specific, lexicon) {
  let sentences = sentencesOf(base.text).filter((s, i, all) => all.length === 1 || r() > 0.15);
  if (sentences.length === 0) sentences = sentencesOf(base.text).slice(0, 1);
  if (borrowed && r() < 0.3) {
    const extra = sentencesOf(borrowed.text);
    sentences.push(extra[Math.floor(r() * extra.length)]);
  }
  return sentences
    .join(' ')
    .replace(/[A-Za-z][A-Za-z-]{2,}/g, (w) => {
      if (!specific.has(w)) return w;
      if (!lexicon.has(w)) lexicon.set(w, cap(madeUpWord(r)));
      return lexicon.get(w);
    })
    .replace(/\$?\d[\d,.]*/g, (d) => (d.startsWith('$') ? `$${(r() * 900 + 10).toFixed(1)}` : String(1 + Math.floor(r() * 300))))
    .replace(/\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b/g, () => MONTHS[Math.floor(r() * 12)]);
}

function wrap(text, width, indent) {
  const out = [];
  let line = '';
  for (const w of text.split(/\s+/)) {
    if (line && line.length + 1 + w.length > width) {
      out.push(indent + line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) out.push(indent + line);
  return out;
}

/** A staff letter as pdftotext -layout writes one. */
function letterText({ company, person, fileNo, date, form, comments }) {
  const lines = [
    '                                                          UNITED STATES',
    '                                              SECURITIES AND EXCHANGE COMMISSION',
    '                                                     WASHINGTON, D.C. 20549',
    '',
    '',
    `                                                                        ${date}`,
    '',
    person,
    'Chief Financial Officer',
    company,
    '100 Main Street',
    'Springfield, IL 62701',
    '',
    `        Re:   ${company}`,
    `              ${form}`,
    `              File No. ${fileNo}`,
    '',
    `Dear ${person}:`,
    '',
    ...wrap(
      'We have reviewed your filing and have the following comments. In some of our comments, we may ask you to provide us with information so we may better understand your disclosure.',
      100,
      '       ',
    ),
    '',
    ...wrap(
      'Please respond to this letter within ten business days by amending your filing or by advising us as soon as possible when you will respond. If you do not believe our comments apply to your facts and circumstances, please tell us why in your response.',
      100,
      '       ',
    ),
    '',
  ];
  let lastCaption = '';
  comments.forEach((c, i) => {
    const caption = c.caption[c.caption.length - 1] ?? '';
    if (caption && caption !== lastCaption) lines.push(caption, '');
    lastCaption = caption;
    const body = wrap(c.text, 92, '');
    lines.push(`${i + 1}.     ${body[0] ?? ''}`, ...body.slice(1).map((l) => `       ${l}`), '');
  });
  lines.push(
    ...wrap(
      'We remind you that the company and its management are responsible for the accuracy and adequacy of their disclosures, notwithstanding any review, comments, action or absence of action by the staff.',
      100,
      '       ',
    ),
    '',
    '                                                              Sincerely,',
    '',
    '                                                              Division of Corporation Finance',
    '                                                              Office of Manufacturing',
    '',
  );
  return lines.join('\n');
}

/** Writes a library of about `size` comments as staff letters (.txt) under `dir`; returns its letter count. */
function generateLibrary(dir, size, real, seed = 1) {
  const marker = path.join(dir, '.generated.json');
  if (existsSync(marker)) return JSON.parse(readFileSync(marker, 'utf8'));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const r = rng(seed);
  const specific = companyWords(real);
  const byTag = new Map();
  for (const c of real) for (const t of c.tags) byTag.set(t, [...(byTag.get(t) ?? []), c]);
  let comments = 0;
  let letters = 0;
  let company = 0;
  while (comments < size) {
    company++;
    const lexicon = new Map();
    const name = `${cap(madeUpWord(r))} ${['Holdings', 'Inc.', 'Corporation', 'Group, Inc.', 'Technologies Inc.', 'plc'][Math.floor(r() * 6)]}`;
    const fileNo = `001-${String(10000 + company).padStart(5, '0')}`;
    const folder = path.join(dir, `c${String(Math.floor(company / 100)).padStart(3, '0')}`, `company-${company}`);
    mkdirSync(folder, { recursive: true });
    const threads = 1 + Math.floor(r() * 3);
    for (let t = 0; t < threads && comments < size; t++) {
      const year = 2016 + Math.floor(r() * 10);
      const n = Math.min(size - comments, 3 + Math.floor(r() * 9));
      const picked = [];
      for (let i = 0; i < n; i++) {
        const base = real[Math.floor(r() * real.length)];
        const peers = base.tags.length ? byTag.get(base.tags[0]) : real;
        const borrowed = peers[Math.floor(r() * peers.length)];
        picked.push({ caption: base.caption, text: vary(r, base, borrowed, specific, lexicon) });
      }
      const text = letterText({
        company: name,
        person: `${cap(madeUpWord(r, 1, 2))} ${cap(madeUpWord(r, 2, 3))}`,
        fileNo,
        date: `${MONTHS[Math.floor(r() * 12)]} ${1 + Math.floor(r() * 28)}, ${year}`,
        form: `Form 10-K for the Fiscal Year Ended December 31, ${year - 1}`,
        comments: picked,
      });
      writeFileSync(path.join(folder, `${String(t + 1).padStart(2, '0')}-staff.txt`), text);
      comments += n;
      letters++;
    }
  }
  const info = { comments, letters, companies: company };
  writeFileSync(marker, JSON.stringify(info));
  return info;
}

// ─── scale ────────────────────────────────────────────────────────────────────────────────────────────────────

/** Child: build the store of `dir` from scratch in `cache`. */
async function childBuild(P, dir, cache) {
  rmSync(cache, { recursive: true, force: true });
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const store = await P.PrecedentStore.open(cache);
  const report = await store.update([dir]);
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = cpuMs(c0) / 1000;
  store.close();
  return { seconds, cpuSeconds, files: report.files, comments: report.comments, maxRssMb: process.resourceUsage().maxRSS / 1024 };
}

/** Child: load the store, then answer queries (real comments' texts). */
async function childQuery(P, cache, queriesFile, dir) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const store = await P.PrecedentStore.open(cache);
  const lib = store.library();
  const loadMs = performance.now() - t0;
  const loadCpuMs = cpuMs(c0);
  const rssAfterLoad = process.memoryUsage().rss / 1e6;
  const queries = JSON.parse(readFileSync(queriesFile, 'utf8'));
  const times = [];
  const cpu = [];
  let found = 0;
  for (const q of queries) {
    const t1 = performance.now();
    const c1 = process.cpuUsage();
    const hits = P.findPrecedents(q, lib, { limit: 5, exclude: (e) => e.filer === q.filer });
    times.push(performance.now() - t1);
    cpu.push(cpuMs(c1));
    found += hits.length;
  }
  const maxRssQueries = process.resourceUsage().maxRSS / 1024;
  const rssAfterQueries = process.memoryUsage().rss / 1e6;
  // An update with nothing changed: what `corresp similar` pays at every start.
  const t2 = performance.now();
  await store.update([dir]);
  const noChangeMs = performance.now() - t2;
  store.close();
  return {
    loadMs,
    loadCpuMs,
    cpuP50: quantile(cpu, 0.5),
    cpuP95: quantile(cpu, 0.95),
    rssAfterLoadMb: rssAfterLoad,
    maxRssMb: maxRssQueries,
    rssAfterQueriesMb: rssAfterQueries,
    maxRssWithUpdateMb: process.resourceUsage().maxRSS / 1024,
    queries: times.length,
    p50: quantile(times, 0.5),
    p95: quantile(times, 0.95),
    meanHits: found / times.length,
    noChangeUpdateMs: noChangeMs,
  };
}

/** CPU milliseconds (user + system) since `since`. */
function cpuMs(since) {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

function loadAverage() {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
  } catch {
    return [];
  }
}

function child(mode, ...args) {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), `--child=${mode}`, ...args], {
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

async function scale(P) {
  const { comments: real } = await realComments(P, path.join(OUT, 'cache-real'));
  const queriesFile = path.join(OUT, 'queries.json');
  writeFileSync(queriesFile, JSON.stringify(real.map((c) => ({ text: c.text, caption: c.caption, tags: c.tags, filer: 'query' }))));
  const rows = [];
  for (const size of SIZES) {
    const dir = path.join(OUT, `lib-${size}`);
    const info = generateLibrary(dir, size, real, size);
    const cache = path.join(OUT, `cache-${size}`);
    const builds = [];
    const queries = [];
    for (let run = 0; run < RUNS; run++) {
      builds.push(child('build', dir, cache));
      queries.push(child('query', cache, queriesFile, dir));
      const b = builds.at(-1);
      const q = queries.at(-1);
      log(
        `  ${size}: build ${b.seconds.toFixed(1)} s (cpu ${b.cpuSeconds.toFixed(1)}), load ${q.loadMs.toFixed(0)} ms (cpu ${q.loadCpuMs.toFixed(0)}), query p95 ${q.p95.toFixed(1)} ms (cpu ${q.cpuP95.toFixed(1)}), RSS ${q.maxRssMb.toFixed(0)} MB; load average ${loadAverage().join(' ')}`,
      );
    }
    const m = (xs, k) => median(xs.map((x) => x[k]));
    rows.push({
      size,
      comments: builds[0].comments,
      letters: info.letters,
      buildS: m(builds, 'seconds'),
      buildCpuS: m(builds, 'cpuSeconds'),
      lettersPerS: info.letters / m(builds, 'seconds'),
      lettersPerCpuS: info.letters / m(builds, 'cpuSeconds'),
      buildRssMb: m(builds, 'maxRssMb'),
      loadMs: m(queries, 'loadMs'),
      loadCpuMs: m(queries, 'loadCpuMs'),
      queryP50: m(queries, 'p50'),
      queryP95: m(queries, 'p95'),
      queryCpuP50: m(queries, 'cpuP50'),
      queryCpuP95: m(queries, 'cpuP95'),
      loadAverage: loadAverage(),
      rssMb: m(queries, 'maxRssMb'),
      rssAfterLoadMb: m(queries, 'rssAfterLoadMb'),
      rssWithUpdateMb: m(queries, 'maxRssWithUpdateMb'),
      noChangeUpdateMs: m(queries, 'noChangeUpdateMs'),
      indexMb: fileMb(path.join(cache, 'precedents', 'index.json')),
      manifestMb: fileMb(path.join(cache, 'precedents', 'manifest.json')),
      textsMb: fileMb(path.join(cache, 'precedents', 'texts.dat')),
      runs: RUNS,
      queries: queries[0].queries,
    });
  }
  const exp = (k) => Math.log(rows.at(-1)[k] / rows[0][k]) / Math.log(rows.at(-1).comments / rows[0].comments);
  return { rows, exponents: { build: exp('buildS'), load: exp('loadMs'), queryP95: exp('queryP95'), rss: exp('rssMb'), index: exp('indexMb') } };
}

function fileMb(f) {
  try {
    return readFileSync(f).length / 1e6;
  } catch {
    return NaN;
  }
}

// ─── hover in the editor ─────────────────────────────────────────────────────────────────────────────────────────

/**
 * The hover on a comment anchor through the bundled server (dist/server.mjs over stdio), with the precedent library
 * of the largest generated size as `corresp.library.paths` (its store copied from the scale group's cache, or built
 * here), against the same server in an untrusted folder (no precedents): what the "Precedents: N similar comments"
 * line costs a hover. Also how long after `initialized` the hover first shows precedents (the store loaded and every
 * file stat'ed), and the server's memory.
 */
async function hoverBench(P) {
  const lsp = await import('./lsp.mjs');
  const size = SIZES.at(-1);
  const dir = path.join(OUT, `lib-${size}`);
  const cache = path.join(OUT, `cache-${size}`);
  if (!existsSync(path.join(cache, 'precedents', 'index.json'))) {
    const { comments: real } = await realComments(P, path.join(OUT, 'cache-real'));
    generateLibrary(dir, size, real, size);
    child('build', dir, cache);
  }
  const server = path.join(ROOT, 'dist', 'server.mjs');
  const anchors = [30, 36, 42, 52].map((line) => ({ line: line - 1, character: 2 }));
  const rounds = QUICK ? 20 : 50;
  const run = async (withLibrary) => {
    const tmp = mkdtempSync(path.join(tmpdir(), 'corresp-bench-hover-'));
    const ws = path.join(tmp, 'examples');
    cpSync(path.join(ROOT, 'examples'), ws, { recursive: true });
    const storage = path.join(tmp, 'storage');
    if (withLibrary) cpSync(cache, storage, { recursive: true });
    const s = lsp.startServer(server, ws, {
      settings: { library: { paths: [dir] } },
      env: { CORRESP_CACHE_DIR: storage },
      initializationOptions: { storage, trusted: withLibrary },
    });
    try {
      const started = await s.initialize();
      const uri = s.open(path.join(ws, 'response-2017-08-16.md'));
      const hover = (position) => s.request('textDocument/hover', { textDocument: { uri }, position });
      let readyMs = NaN;
      let similar = '';
      for (;;) {
        const h = await hover(anchors[2]);
        const m = /Precedents:\*\* (\d+ similar comments?)/.exec(h?.contents?.value ?? '');
        if (!withLibrary || m) {
          readyMs = performance.now() - started;
          similar = m?.[1] ?? '';
          break;
        }
        if (performance.now() - started > 600_000) throw new Error(`the library never loaded\n${s.logs.join('').slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      // The first hover on each other comment: its count is not kept yet (one query of the library).
      const first = [];
      for (const a of [anchors[0], anchors[1], anchors[3]]) {
        const t = performance.now();
        await hover(a);
        first.push(performance.now() - t);
      }
      const times = [];
      const cpu0 = s.cpuMs();
      for (let i = 0; i < rounds; i++) {
        for (const a of anchors) {
          const t = performance.now();
          await hover(a);
          times.push(performance.now() - t);
        }
      }
      const cpuPerHover = (s.cpuMs() - cpu0) / times.length;
      return {
        readyMs,
        similar,
        firstMax: Math.max(...first),
        p50: quantile(times, 0.5),
        p95: quantile(times, 0.95),
        cpuPerHover,
        hovers: times.length,
        ...s.memory(),
      };
    } finally {
      await s.stop();
      rmSync(tmp, { recursive: true, force: true });
    }
  };
  const without = await run(false);
  const withLib = await run(true);
  const info = existsSync(path.join(dir, '.generated.json')) ? JSON.parse(readFileSync(path.join(dir, '.generated.json'), 'utf8')) : {};
  const res = { size: info.comments ?? size, letters: info.letters, without, with: withLib, loadAverage: loadAverage() };
  log(`  hover: ${JSON.stringify(res)}`);
  return res;
}

// ─── report ───────────────────────────────────────────────────────────────────────────────────────────────────

function met(wall, cpu) {
  return wall ? 'met' : cpu ? 'met in CPU time, missed in wall time' : 'MISSED';
}

function machine() {
  const cpu = cpus()[0]?.model ?? 'unknown';
  return `${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
}

function report(res) {
  const out = [`Precedents benchmark (${machine()}; ${res.quick ? 'quick' : 'full'})`, ''];
  if (res.quality) {
    const q = res.quality;
    out.push(`Quality: ${q.comments} comments in ${q.letters} letter files; ${q.sharing} share a whole sentence (≥ 8 words) with another company's comment.`);
    for (const mode of ['own-thread', 'other-companies']) {
      const r = q[mode];
      out.push(
        `  ${mode} left out: such a comment among the top 5 for ${r.top5} of ${r.of} (${(100 * r.rate).toFixed(1)}%; target ≥ 95%), first for ${r.first}${r.misses.length ? `; missed: ${r.misses.join('; ')}` : ''}`,
      );
    }
    out.push(
      `  the first precedent from another company shares a topic tag with the comment for ${q.sameTopic.same} of ${q.sameTopic.of} tagged comments (${(100 * q.sameTopic.rate).toFixed(0)}%).`,
    );
    out.push(
      `  tags: ${q.tags.tagged} of ${q.comments} comments (${(100 * q.tags.share).toFixed(0)}%) have at least one; answers found for ${q.answered}.`,
      '',
    );
  }
  if (res.hover) {
    const h = res.hover;
    out.push(
      `Hover on a comment anchor through the server (${h.with.hovers} hovers on 4 anchors; a comment's count is kept until the library changes, so the first hover on a comment pays one query, see "query" below), library of ${h.size} comments in ${h.letters} letters; wall (server CPU per hover):`,
      `  with precedents ("${h.with.similar}"): p50 ${h.with.p50.toFixed(1)} ms, p95 ${h.with.p95.toFixed(1)} ms (${h.with.cpuPerHover.toFixed(1)} ms); without (untrusted folder): p50 ${h.without.p50.toFixed(1)} ms, p95 ${h.without.p95.toFixed(1)} ms (${h.without.cpuPerHover.toFixed(1)} ms).`,
      `  the first hover on a comment (its count not kept yet): at most ${h.with.firstMax.toFixed(1)} ms with precedents, ${h.without.firstMax.toFixed(1)} ms without.`,
      `  first hover with precedents ${(h.with.readyMs / 1000).toFixed(1)} s after initialized (store loaded, every library file stat'ed); server RSS ${h.with.rssMB.toFixed(0)} MB (peak ${h.with.peakRssMB.toFixed(0)}) vs ${h.without.rssMB.toFixed(0)} MB without; load average ${h.loadAverage.join(' ')}.`,
      '',
    );
  }
  if (res.scale) {
    out.push(
      'Wall time, and in brackets CPU time (user + system: what the work costs, robust to other processes on a shared machine).',
      '',
      '| comments | letters | build s | letters/s | load ms | query p50 ms | query p95 ms | RSS MB after load | peak RSS MB, load + 531 queries | index MB | manifest MB | texts MB | load average |',
      '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    );
    for (const r of res.scale.rows) {
      out.push(
        `| ${r.comments} | ${r.letters} | ${r.buildS.toFixed(1)} (${r.buildCpuS.toFixed(1)}) | ${r.lettersPerS.toFixed(0)} (${r.lettersPerCpuS.toFixed(0)}) | ${r.loadMs.toFixed(0)} (${r.loadCpuMs.toFixed(0)}) | ${r.queryP50.toFixed(1)} (${r.queryCpuP50.toFixed(1)}) | ${r.queryP95.toFixed(1)} (${r.queryCpuP95.toFixed(1)}) | ${r.rssAfterLoadMb.toFixed(0)} | ${r.rssMb.toFixed(0)} | ${r.indexMb.toFixed(1)} | ${r.manifestMb.toFixed(1)} | ${r.textsMb.toFixed(1)} | ${r.loadAverage.join(' ')} |`,
      );
    }
    const e = res.scale.exponents;
    out.push(
      '',
      `An update with nothing changed (stat every file): ${res.scale.rows.map((r) => `${r.noChangeUpdateMs.toFixed(0)} ms`).join(', ')}; peak RSS with it: ${res.scale.rows.map((r) => `${r.rssWithUpdateMb.toFixed(0)} MB`).join(', ')}.`,
    );
    out.push(
      '',
      `Growth exponents (log-log, smallest to largest): build ${e.build.toFixed(2)}, load ${e.load.toFixed(2)}, query p95 ${e.queryP95.toFixed(2)}, RSS ${e.rss.toFixed(2)}, index size ${e.index.toFixed(2)}.`,
    );
    const big = res.scale.rows.at(-1);
    out.push(
      `Targets at ${big.comments} comments, wall (CPU): query p95 ${big.queryP95.toFixed(1)} ms (${big.queryCpuP95.toFixed(1)}) < 20: ${met(big.queryP95 < 20, big.queryCpuP95 < 20)}; load ${big.loadMs.toFixed(0)} ms (${big.loadCpuMs.toFixed(0)}) < 1000: ${met(big.loadMs < 1000, big.loadCpuMs < 1000)}; peak RSS ${big.rssMb.toFixed(0)} MB < 250: ${big.rssMb < 250 ? 'met' : 'MISSED'}; build ${big.lettersPerS.toFixed(0)} (${big.lettersPerCpuS.toFixed(0)}) letters/s ≥ 200: ${met(big.lettersPerS >= 200, big.lettersPerCpuS >= 200)}.`,
    );
  }
  return out.join('\n');
}

// ─── main ─────────────────────────────────────────────────────────────────────────────────────────────────────

const childMode = option('child');
if (childMode) {
  const P = await load();
  const [a, b, c] = argv.filter((x) => !x.startsWith('--'));
  const result = childMode === 'build' ? await childBuild(P, a, b) : await childQuery(P, a, b, c);
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
} else {
  await bundle();
  const P = await load();
  if (flag('vocabulary')) {
    await writeVocabulary(P);
  } else {
    const res = { quick: QUICK, machine: machine(), startedAt: new Date().toISOString() };
    if (!only || only.includes('quality')) {
      log('precedents: quality on the real letters…');
      res.quality = await quality(P);
    }
    if (!only || only.includes('scale')) {
      log('precedents: scale (generated libraries)…');
      res.scale = await scale(P);
    }
    if (!only || only.includes('hover')) {
      log('precedents: hover through the server…');
      res.hover = await hoverBench(P);
    }
    const text = report(res);
    console.log(text);
    writeFileSync(path.join(OUT, 'results.json'), JSON.stringify({ ...res, report: text }, null, 1));
    if (flag('json')) console.log(`RESULT ${JSON.stringify({ ...res, report: text })}`);
  }
}
