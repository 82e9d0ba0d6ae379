/**
 * Shared pieces of the reliability suite: how many inputs to try (CORRESP_FUZZ_RUNS, from test/runs.ts), the tally
 * of inputs per parser and the slowest one (CORRESP_FUZZ_REPORT), the linear-time check (two sizes, medians, never an
 * absolute wall-clock target), the whole pipeline as one function, mutations of real letters, and a no-network guard.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { expect, vi } from 'vitest';
import { findCitations } from '../../../server/src/citations';
import { coverageOf } from '../../../server/src/letters/coverage';
import { readLetterBytes, readLetterText, responseOf, staffLetterOf, type LetterFile } from '../../../server/src/letters/read';

export { FUZZ_FACTOR, params, runs, SLOW } from '../../runs';

interface Stat {
  inputs: number;
  slowestMs: number;
  slowestSize: number;
  slowestWhat: string;
  largest: number;
}

const stats = new Map<string, Stat>();

/** Counts one input given to `parser` (size in characters or bytes) and remembers the slowest. */
export function record(parser: string, size: number, ms: number, what = ''): void {
  let s = stats.get(parser);
  if (!s) stats.set(parser, (s = { inputs: 0, slowestMs: 0, slowestSize: 0, slowestWhat: '', largest: 0 }));
  s.inputs++;
  s.largest = Math.max(s.largest, size);
  if (ms > s.slowestMs) {
    s.slowestMs = ms;
    s.slowestSize = size;
    s.slowestWhat = what;
  }
}

/** Runs `f` on one input of `parser`, counting it. */
export function tally<T>(parser: string, size: number, f: () => T, what = ''): T {
  const t0 = performance.now();
  const out = f();
  record(parser, size, performance.now() - t0, what);
  return out;
}

export async function tallyAsync<T>(parser: string, size: number, f: () => Promise<T>, what = ''): Promise<T> {
  const t0 = performance.now();
  const out = await f();
  record(parser, size, performance.now() - t0, what);
  return out;
}

/** With CORRESP_FUZZ_REPORT=<folder>, each test file writes its tally there (summary.mjs adds them up). */
export function writeReport(file: string): void {
  const dir = process.env.CORRESP_FUZZ_REPORT;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${path.basename(file)}.json`), JSON.stringify(Object.fromEntries(stats), null, 2));
}

/** Median milliseconds of `f` over a few runs (at least `min` runs, more while the total is under 40 ms). */
function median(f: () => unknown, min = 3, max = 9): number {
  const times: number[] = [];
  let total = 0;
  while (times.length < min || (times.length < max && total < 40)) {
    const t0 = performance.now();
    f();
    const t = performance.now() - t0;
    times.push(t);
    total += t;
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1]!;
}

async function medianAsync(f: () => Promise<unknown>, min = 3, max = 9): Promise<number> {
  const times: number[] = [];
  let total = 0;
  while (times.length < min || (times.length < max && total < 40)) {
    const t0 = performance.now();
    await f();
    const t = performance.now() - t0;
    times.push(t);
    total += t;
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1]!;
}

export interface LinearOptions {
  /** Size multiplier between the two inputs (8 by default). */
  readonly factor?: number;
  /** Largest accepted time ratio (24 for 8×: quadratic gives 64, n log n about 9). */
  readonly maxRatio?: number;
  /** Times below this many milliseconds count as this much, so that tiny times do not flake. */
  readonly floorMs?: number;
  /** The base size doubles (up to 16×) until the small input takes this long, so a cheap quadratic still shows. */
  readonly minSmallMs?: number;
}

export interface LinearResult {
  readonly small: number;
  readonly large: number;
  readonly ratio: number;
}

/**
 * Time in the size of the input, never against a wall clock: `run(make(n))` and `run(make(factor·n))`, median of
 * several runs each, must differ by well under the square of `factor`. Measured twice before failing, as one
 * garbage collection can land in either measurement.
 */
export function expectLinear(parser: string, make: (n: number) => string, run: (s: string) => unknown, n: number, opts: LinearOptions = {}): LinearResult {
  const factor = opts.factor ?? 8;
  const maxRatio = opts.maxRatio ?? (factor === 8 ? 24 : factor * factor * 0.6);
  const floor = opts.floorMs ?? 3;
  let size = n;
  run(make(size)); // warm up the JIT
  while (size < n * 16) {
    const t0 = performance.now();
    run(make(size));
    if (performance.now() - t0 >= (opts.minSmallMs ?? 4)) break;
    size *= 2;
  }
  const small = make(size);
  const large = make(size * factor);
  let result: LinearResult | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    const a = median(() => run(small));
    const b = median(() => run(large), 1, 3);
    result = { small: a, large: b, ratio: b / Math.max(a, floor) };
    record(parser, large.length, b, `${large.slice(0, 24)}… (${large.length} chars)`);
    if (result.ratio < maxRatio) break;
  }
  expect(result!.ratio, `${parser}: ${result!.small.toFixed(1)} ms for ${small.length} chars, ${result!.large.toFixed(1)} ms for ${large.length}`).toBeLessThan(
    maxRatio,
  );
  return result!;
}

export async function expectLinearAsync(
  parser: string,
  make: (n: number) => Uint8Array,
  run: (b: Uint8Array) => Promise<unknown>,
  n: number,
  opts: LinearOptions = {},
): Promise<LinearResult> {
  const factor = opts.factor ?? 8;
  const maxRatio = opts.maxRatio ?? (factor === 8 ? 24 : factor * factor * 0.6);
  const floor = opts.floorMs ?? 3;
  const small = make(n);
  const large = make(n * factor);
  await run(small);
  let result: LinearResult | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    const a = await medianAsync(() => run(small));
    const b = await medianAsync(() => run(large), 1, 3);
    result = { small: a, large: b, ratio: b / Math.max(a, floor) };
    record(parser, large.length, b, `${large.length} bytes`);
    if (result.ratio < maxRatio) break;
  }
  expect(result!.ratio, `${parser}: ${result!.small.toFixed(1)} ms for ${small.length} bytes, ${result!.large.toFixed(1)} ms for ${large.length}`).toBeLessThan(
    maxRatio,
  );
  return result!;
}

/** Everything the product does with one letter text: read it, as a staff letter and as a response, coverage, citations. */
export function analyse(name: string, text: string, staffFrom?: LetterFile): unknown {
  const file = readLetterText(name, text);
  return analyseFile(file, staffFrom);
}

export function analyseFile(file: LetterFile, staffFrom?: LetterFile): unknown {
  const staff = staffLetterOf(staffFrom ?? file);
  const draft = responseOf(file, staff);
  const coverage = coverageOf(draft, staff);
  const citations = file.blocks.map((b) => findCitations(b.text));
  // Everything that is plain data, so that two runs can be compared with toEqual (Maps become entry lists).
  return { file: strip(file), staff, draft, coverage: { ...coverage, answers: [...coverage.answers.values()] }, citations };
}

export async function analyseBytes(name: string, bytes: Uint8Array): Promise<unknown> {
  return analyseFile(await readLetterBytes(name, bytes));
}

function strip(file: LetterFile): unknown {
  return { kind: file.kind, text: file.text, blocks: file.blocks, failure: file.failure, notes: file.notes, frontMatter: file.frontMatter };
}

/** Blocks reduced to what chunked and whole Markdown parses must agree on. */
export function shape(blocks: readonly { kind: string; text: string; marker?: string; depth: number; quoteDepth: number; start: number; end: number }[]) {
  return blocks.map((b) => ({ kind: b.kind, text: b.text, marker: b.marker, depth: b.depth, quoteDepth: b.quoteDepth, start: b.start, end: b.end }));
}

/** Page furniture as real letters carry it between pages (the seed letter's running head, the template residue). */
export const FURNITURE = [
  'Terry Wang\n21Vianet Group, Inc.\nAugust 16, 2017\nPage 3',
  'FirstName LastNameX\nComapany NameY',
  'Terry Wang\n21Vianet Group, Inc.\nAugust 16, 2017\nPage 3\n\f',
  'Page 2 of 7',
  '- 4 -',
];

/** Line-level mutations of a letter, driven by a list of random numbers (from fast-check). */
export type Mutation = 'delete' | 'duplicate' | 'shuffle' | 'furniture' | 'renumber' | 'swap';

export function mutate(text: string, ops: ReadonlyArray<readonly [Mutation, number, number]>): string {
  let lines = text.split(/\r\n|\r|\n/);
  for (const [op, a, b] of ops) {
    if (lines.length === 0) lines = [''];
    const i = a % lines.length;
    const j = b % lines.length;
    switch (op) {
      case 'delete':
        lines.splice(i, 1);
        break;
      case 'duplicate':
        lines.splice(i, 0, lines[i]!);
        break;
      case 'swap': {
        const t = lines[i]!;
        lines[i] = lines[j]!;
        lines[j] = t;
        break;
      }
      case 'shuffle': {
        // Reverse a stretch of up to 12 lines.
        const end = Math.min(lines.length, i + 2 + (b % 11));
        lines.splice(i, end - i, ...lines.slice(i, end).reverse());
        break;
      }
      case 'furniture':
        lines.splice(i, 0, '', ...FURNITURE[b % FURNITURE.length]!.split('\n'), '');
        break;
      case 'renumber':
        // Scramble comment numbers: "3." becomes some other number.
        lines[i] = lines[i]!.replace(/^(\s*(?:\*\*)?)(\d{1,3})([.)])/, (_m, pre: string, _n: string, post: string) => `${pre}${(b % 30) + 1}${post}`);
        break;
    }
  }
  return lines.join('\n');
}

/**
 * Fails the test if anything reaches for the network while `f` runs: node:http/https request and get, node:net
 * connect and createConnection, node:tls connect, node:dns lookup and resolve, and global fetch are spied on.
 */
export async function withoutNetwork<T>(f: () => Promise<T> | T): Promise<T> {
  // The CommonJS module objects: spying on them and then syncing the built-in ESM exports covers both
  // `import http from 'node:http'` and `import { request } from 'node:http'` (ESM namespaces cannot be spied on).
  const http = (await import('node:http')).default;
  const https = (await import('node:https')).default;
  const net = (await import('node:net')).default;
  const tls = (await import('node:tls')).default;
  const dns = (await import('node:dns')).default;
  const { syncBuiltinESMExports } = await import('node:module');
  const calls: string[] = [];
  const deny = (what: string) => () => {
    calls.push(what);
    throw new Error(`network use: ${what}`);
  };
  const spies = [
    vi.spyOn(http, 'request').mockImplementation(deny('http.request') as never),
    vi.spyOn(http, 'get').mockImplementation(deny('http.get') as never),
    vi.spyOn(https, 'request').mockImplementation(deny('https.request') as never),
    vi.spyOn(https, 'get').mockImplementation(deny('https.get') as never),
    vi.spyOn(net, 'connect').mockImplementation(deny('net.connect') as never),
    vi.spyOn(net, 'createConnection').mockImplementation(deny('net.createConnection') as never),
    vi.spyOn(tls, 'connect').mockImplementation(deny('tls.connect') as never),
    vi.spyOn(dns, 'lookup').mockImplementation(deny('dns.lookup') as never),
    vi.spyOn(dns, 'resolve').mockImplementation(deny('dns.resolve') as never),
    vi.spyOn(dns.promises, 'lookup').mockImplementation(deny('dns.promises.lookup') as never),
    vi.spyOn(net.Socket.prototype, 'connect').mockImplementation(deny('net.Socket.connect') as never),
    vi.spyOn(globalThis, 'fetch').mockImplementation(deny('fetch') as never),
  ];
  syncBuiltinESMExports();
  try {
    const out = await f();
    expect(calls, 'nothing may use the network').toEqual([]);
    return out;
  } finally {
    for (const s of spies) s.mockRestore();
    syncBuiltinESMExports();
  }
}
