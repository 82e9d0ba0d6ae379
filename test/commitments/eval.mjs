/**
 * `node test/commitments/eval.mjs [--list]`: recall and precision of commitment finding on the hand-labelled sample in
 * test/fixtures/commitments/labels.json (see its README for how the labels were made). --list prints every labelled
 * sentence missed and every commitment found that no label covers.
 */
import * as esbuild from 'esbuild';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.join(HERE, '.out');
mkdirSync(OUT, { recursive: true });
await esbuild.build({
  entryPoints: [path.join(HERE, 'evaluate.ts')],
  outfile: path.join(OUT, 'evaluate.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  define: { __dirname: JSON.stringify(HERE) },
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
const { evaluate } = await import(pathToFileURL(path.join(OUT, 'evaluate.mjs')).href + `?t=${Date.now()}`);
const list = process.argv.includes('--list');
const sets = {
  'labels.json (rules written against it)': 'labels.json',
  'labels-heldout.json (labelled afterwards)': 'labels-heldout.json',
  'labels-real.json (labelled last)': 'labels-real.json',
  'whole sample': undefined,
};
const results = {};
for (const [name, file] of Object.entries(sets)) results[name] = await evaluate(file);
const e = results['whole sample'];
if (list) {
  for (const r of e.letters) {
    if (r.missed.length === 0 && r.extra.length === 0) continue;
    console.log(`\n${r.response}`);
    for (const s of r.missed) console.log(`  MISSED  ${s.slice(0, 220)}`);
    for (const c of r.extra) console.log(`  EXTRA   ${c.text.slice(0, 220)}`);
  }
  console.log('');
}
const pct = (x) => `${(100 * x).toFixed(1)}%`;
for (const [name, r] of Object.entries(results))
  console.log(
    `${name}: ${r.letters.length} responses, ${r.labelled} labelled commitments, ${r.found} found: recall ${pct(r.recall)}, precision ${pct(r.precision)}`,
  );
