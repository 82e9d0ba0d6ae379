// Adds up the tallies the reliability tests write with CORRESP_FUZZ_REPORT=<folder>: inputs tried per parser, the
// slowest input's time and size. Usage:
//   CORRESP_FUZZ_REPORT=/tmp/corresp-fuzz npx vitest run test/unit/reliability
//   node test/unit/reliability/summary.mjs /tmp/corresp-fuzz
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node test/unit/reliability/summary.mjs <report folder>');
  process.exit(2);
}
const total = new Map();
for (const f of readdirSync(dir).filter((n) => n.endsWith('.json'))) {
  const stats = JSON.parse(readFileSync(path.join(dir, f), 'utf8'));
  for (const [parser, s] of Object.entries(stats)) {
    const t = total.get(parser) ?? { inputs: 0, slowestMs: 0, slowestSize: 0, slowestWhat: '', largest: 0, files: new Set() };
    t.inputs += s.inputs;
    t.largest = Math.max(t.largest, s.largest);
    t.files.add(f.replace(/\.test\.ts\.json$/, ''));
    if (s.slowestMs > t.slowestMs) Object.assign(t, { slowestMs: s.slowestMs, slowestSize: s.slowestSize, slowestWhat: s.slowestWhat });
    total.set(parser, t);
  }
}
let sum = 0;
console.log('| Parser / entry point | Inputs | Largest input | Slowest input | Test files |');
console.log('|---|---:|---:|---|---|');
for (const [parser, t] of [...total].sort((a, b) => a[0].localeCompare(b[0]))) {
  sum += t.inputs;
  const what = t.slowestWhat ? ` — ${t.slowestWhat.replace(/[\n\r|]/g, ' ').slice(0, 40)}` : '';
  console.log(`| ${parser} | ${t.inputs} | ${t.largest} | ${t.slowestMs.toFixed(1)} ms, ${t.slowestSize} chars${what} | ${[...t.files].join(', ')} |`);
}
console.log(`\nTotal inputs: ${sum}`);
