/**
 * The commitments benchmark group (`npm run bench -- --only=commitments`, or `node test/bench/commitments.mjs
 * [--quick]` alone): `corresp verify` on a realistic 300-page 10-K (generated from the fixtures' real prose by
 * test/commitments/filing.mjs, with real proposals from the labelled responses placed in it as filed, reworded or left
 * out), at 100 and 300 pages for the growth; and finding commitments in the labelled real responses.
 *
 * Figures: reading the filing (bytes → blocks, cover page), verifying every labelled commitment against it (the
 * word-pair index and every comparison), the two together (the target: under 5 s for 300 pages), and the verdicts
 * (how many proposals placed as filed were found, reworded ones partly found, left-out ones not found).
 */
import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildFiling, renumber, reword } from '../commitments/filing.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const OUT = path.join(HERE, '.out');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'commitments');

async function loadBundle() {
  mkdirSync(OUT, { recursive: true });
  const outfile = path.join(OUT, 'commitments.mjs');
  await esbuild.build({
    stdin: {
      contents: "export * from '../../server/src/commitments';\nexport { readLetterBytes, responseOf, staffLetterOf } from '../../server/src/letters/read';\n",
      resolveDir: HERE,
      loader: 'ts',
    },
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  return import(`${pathToFileURL(outfile).href}?t=${Date.now()}`);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function groupCommitments({ quick = false } = {}) {
  const C = await loadBundle();
  const labels = [
    ...JSON.parse(readFileSync(path.join(FIXTURES, 'labels.json'), 'utf8')),
    ...JSON.parse(readFileSync(path.join(FIXTURES, 'labels-heldout.json'), 'utf8')),
  ];
  // A label names its letter as threads/<thread>/<file> or ../real/<pair>/<file>: both under test/fixtures (evaluate.ts labelPath).
  const read = async (rel) => C.readLetterBytes(rel, new Uint8Array(readFileSync(path.join(FIXTURES, '..', rel.replace(/^\.\.\//, '')))));

  // Finding commitments in every labelled response (with its staff letter): the letters read first, untimed.
  const docs = [];
  let words = 0;
  for (const l of labels) {
    const file = await read(l.response);
    const staff = l.staff ? C.staffLetterOf(await read(l.staff)) : undefined;
    docs.push({ file, staff, draft: C.responseOf(file, staff) });
    words += file.blocks.reduce((n, b) => n + b.text.split(/\s+/).length, 0);
  }
  const inputs = [];
  const findRuns = [];
  for (let r = 0; r < (quick ? 2 : 4); r++) {
    const t0 = performance.now();
    const found = docs.flatMap((d) =>
      C.commitmentsOf({ file: d.file, draft: d.draft }, d.staff).map((commitment) => ({ commitment, ...(d.staff ? { staff: d.staff } : {}) })),
    );
    if (r > 0) findRuns.push(performance.now() - t0);
    if (r === 0) inputs.push(...found);
  }
  const findMs = median(findRuns);

  // The proposals, a third each as filed, reworded and left out.
  const withText = inputs.filter((i) => i.commitment.proposed?.form === 'blocks' && i.commitment.proposed.parts.length >= 2);
  const placed = { filed: [], reworded: [], omitted: [] };
  withText.forEach((i, k) => placed[['filed', 'reworded', 'omitted'][k % 3]].push(i));
  const paragraphs = (i) => i.commitment.proposed.text.split('\n\n').map((p) => renumber(p.replace(/^[“"]|[”"]$/g, '')));
  const items = ['1', '1A', '7', '7A', 'note2', 'note9', 'note15'];
  const insert = [
    ...placed.filed.map((i, k) => ({ item: items[k % items.length], paragraphs: paragraphs(i) })),
    ...placed.reworded.map((i, k) => ({ item: items[(k + 3) % items.length], paragraphs: reword(paragraphs(i), k + 1) })),
  ];
  const exclude = inputs.map((i) => `${i.commitment.text} ${i.commitment.proposed?.text ?? ''}`);

  const sizes = [100, 300];
  // Warm the reader and the index once, so the first size measured is not the JIT's.
  C.verifyCommitments(await C.readFiling('warm.htm', new TextEncoder().encode(buildFiling({ pages: 20, exclude }).html)), inputs);
  const runs = quick ? 1 : 3;
  const bySize = [];
  let verdicts;
  for (const pages of sizes) {
    const { html, pages: actual } = buildFiling({ pages, period: 'December 31, 2025', insert, exclude });
    const bytes = new TextEncoder().encode(html);
    const read = [];
    const verify = [];
    let checks;
    for (let r = 0; r < runs + 1; r++) {
      globalThis.gc?.();
      const a = performance.now();
      const filing = await C.readFiling('10-K.htm', bytes);
      const b = performance.now();
      checks = C.verifyCommitments(
        filing,
        inputs.map((i) => ({ ...i, responseDate: '2025-06-30' })),
      );
      const c = performance.now();
      if (r > 0) {
        read.push(b - a);
        verify.push(c - b);
      }
    }
    const byInput = new Map(checks.map((c) => [c.commitment, c]));
    const tally = (list) => {
      const t = { found: 0, 'partly-found': 0, 'not-found': 0, 'not aimed at it': 0 };
      for (const i of list) t[byInput.get(i.commitment)?.status ?? 'not aimed at it']++;
      return t;
    };
    verdicts = { filed: tally(placed.filed), reworded: tally(placed.reworded), omitted: tally(placed.omitted) };
    bySize.push({
      pages: actual,
      megabytes: Math.round((bytes.length / 1048576) * 10) / 10,
      readMs: median(read),
      verifyMs: median(verify),
      totalMs: median(read) + median(verify),
      commitments: inputs.length,
    });
  }
  const big = bySize[bySize.length - 1];
  const small = bySize[0];
  const exponent = Math.log(big.totalMs / small.totalMs) / Math.log(big.pages / small.pages);
  const summary = [
    `commitments: verify on a ${big.pages}-page 10-K (${big.megabytes} MB EDGAR HTML, generated from the fixtures' real text): read ${big.readMs.toFixed(0)} ms + check ${big.commitments} commitments ${big.verifyMs.toFixed(0)} ms = ${big.totalMs.toFixed(0)} ms (target < 5000 ms: ${big.totalMs < 5000 ? 'met' : 'MISSED'}); ${small.pages} pages ${small.totalMs.toFixed(0)} ms, growth exponent ${exponent.toFixed(2)}`,
    `  proposals placed as filed ${JSON.stringify(verdicts.filed)}, reworded ${JSON.stringify(verdicts.reworded)}, left out ${JSON.stringify(verdicts.omitted)}`,
    `  finding commitments in ${labels.length} labelled responses (${words} words, read beforehand): ${findMs.toFixed(0)} ms, ${(findMs / labels.length).toFixed(1)} ms a response`,
  ].join('\n');
  process.stderr.write(`${summary}\n`);
  return { sizes: bySize, exponent, verdicts, find: { responses: labels.length, words, ms: findMs }, summary };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await groupCommitments({ quick: process.argv.includes('--quick') });
  console.log(JSON.stringify(result.sizes, null, 1));
}
