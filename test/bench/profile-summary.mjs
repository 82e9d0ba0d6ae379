/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`, or `run.mjs --profile`): the functions with the most self
 * time, and the most inclusive time (self + callees), with their source locations mapped back through the bundle's
 * file name and line.
 *
 *   node test/bench/profile-summary.mjs <file.cpuprofile | dir> [--top=25] [--filter=substring]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const args = process.argv.slice(2);
const top = Number(args.find((a) => a.startsWith('--top='))?.slice(6) ?? 25);
const filter = args.find((a) => a.startsWith('--filter='))?.slice(9);
const target = args.find((a) => !a.startsWith('--'));
if (!target) {
  console.error('usage: node test/bench/profile-summary.mjs <file.cpuprofile | dir> [--top=25] [--filter=substring]');
  process.exit(2);
}
const files = statSync(target).isDirectory()
  ? readdirSync(target)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => path.join(target, f))
  : [target];

for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Time per sample: the delta before it.
  const self = new Map();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    self.set(id, (self.get(id) ?? 0) + dt);
  });
  const key = (n) => {
    const f = n.callFrame;
    const where = f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : '';
    return `${f.functionName || '(anonymous)'} ${where}`.trim();
  };
  const selfBy = new Map();
  const inclusiveBy = new Map();
  for (const [id, ms] of self) {
    const n = nodes.get(id);
    selfBy.set(key(n), (selfBy.get(key(n)) ?? 0) + ms);
    // Inclusive: every distinct function on the stack gets the sample once.
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const k = key(nodes.get(cur));
      if (seen.has(k)) continue;
      seen.add(k);
      inclusiveBy.set(k, (inclusiveBy.get(k) ?? 0) + ms);
    }
  }
  const show = (title, map) => {
    console.log(`\n${title}`);
    const rows = [...map]
      .filter(([k]) => !filter || k.includes(filter))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top);
    for (const [k, ms] of rows) console.log(`${ms.toFixed(1).padStart(9)} ms ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
  };
  console.log(`\n=== ${file}: ${total.toFixed(0)} ms sampled`);
  show('self time', selfBy);
  show('inclusive time', inclusiveBy);
}
