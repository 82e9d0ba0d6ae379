/**
 * The soak benchmark: a long day's typing through the real server over stdio (a copy of dist/server.mjs), to show that
 * memory stays flat. A generated 176 KB response draft (180 comments) is opened and edited 20,000 times as a writer
 * would: words typed a character at a time inside answers, backspaces, a word or a line deleted, a paragraph copied
 * from elsewhere pasted after a blank line, an anchor with its repeated comment and answer pasted, a pasted paragraph
 * cut again (the draft stays between 0.8× and 1.3× its size). Each edit waits for the publishDiagnostics of its
 * version (`corresp.diagnostics.delay` 0), so every version is analysed.
 *
 * Every 2,000 edits: the server's RSS (from /proc) and, after a full GC, its V8 heap (`test/bench/soak-probe.cjs`,
 * preloaded with --require: on SIGUSR2 it runs gc() and writes process.memoryUsage() to a file; the product has no
 * hook for it). At the end the diagnostics of the final version and hovers at every anchor and 40 other positions are
 * compared with a fresh server's given the final text: they must be equal.
 *
 *   node test/bench/soak.mjs [--edits=20000] [--every=2000] [--comments=180] [--server=test/bench/.out/server.mjs]
 *
 * run.mjs runs it as the `soak` group (`--only=soak`).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rng, staffLetter, responseDraft } from './generate.mjs';
import { startServer } from './lsp.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const PROBE = path.join(HERE, 'soak-probe.cjs');

/** Offset → LSP position (UTF-16 columns, LF only: the generated draft has no CR). */
function positionAt(text, offset) {
  let line = 0;
  let at = 0;
  for (;;) {
    const nl = text.indexOf('\n', at);
    if (nl === -1 || nl >= offset) return { line, character: offset - at };
    line++;
    at = nl + 1;
  }
}

/** The paragraphs of the text: [start, end) of runs of non-blank lines. */
function paragraphs(text) {
  const out = [];
  const re = /(?:^|\n\n)([^\n][^]*?)(?=\n\n|$)/g;
  let m;
  while ((m = re.exec(text)) !== null) {
    const start = m.index + m[0].length - m[1].length;
    out.push({ start, end: start + m[1].length });
    re.lastIndex = start + m[1].length;
  }
  return out;
}

const WORDS = [
  'revenue',
  'the Company',
  'disclosure',
  'segment',
  'goodwill',
  'impairment',
  'ASC 606-10-25-1',
  'Item 303 of Regulation S-K',
  'fiscal 2024',
  'material',
  'we respectfully',
  'advise the Staff',
  'future filings',
  '[●]',
  'TODO',
];

/**
 * The edit script: a generator of { start, end, text } edits against the current text, deterministic from the seed.
 * Typing and backspacing are one character per edit, as an editor sends them.
 */
function* editor(getText, seed, initialLength) {
  const r = rng(seed);
  let pasted = [];
  for (;;) {
    const text = getText();
    // The front matter is left alone (a draft without it is no longer a letter, and gets no more diagnostics).
    const body = text.indexOf('\n---\n', 4) + 5;
    const paras = paragraphs(text).filter((p) => p.start > body);
    const answers = paras.filter((p) => /^(?:Response:|The Company|In addition)/.test(text.slice(p.start, p.start + 20)));
    const roll = r.next();
    if (roll < 0.55) {
      // Type a word or two into an answer, a character at a time, then sometimes backspace part of it.
      const p = r.pick(answers);
      let at = p.start + r.int(0, p.end - p.start);
      while (at < p.end && /\S/.test(text[at])) at++;
      const word = ` ${r.pick(WORDS)}${r.chance(0.3) ? ` ${r.pick(WORDS)}` : ''}`;
      for (const ch of word) {
        yield { start: at, end: at, text: ch };
        at++;
      }
      if (r.chance(0.4))
        for (let i = r.int(1, word.length); i > 0; i--) {
          yield { start: at - 1, end: at, text: '' };
          at--;
        }
    } else if (roll < 0.7) {
      // Delete a word or the rest of a line.
      const p = r.pick(answers);
      const at = p.start + r.int(0, p.end - p.start - 1);
      const lineEnd = text.indexOf('\n', at);
      const end = r.chance(0.5) ? Math.min(p.end, at + (text.slice(at, p.end).search(/\s/) + 1 || 1)) : lineEnd === -1 ? text.length : lineEnd;
      if (end > at) yield { start: at, end, text: '' };
    } else if (roll < 0.85 || text.length < 0.8 * initialLength) {
      // Paste a paragraph copied from elsewhere, after a blank line.
      if (text.length > 1.3 * initialLength) continue;
      const from = r.pick(paras);
      const to = r.pick(paras);
      const copy = `${text.slice(from.start, from.end)}\n\n`;
      pasted.push(copy);
      yield { start: to.start, end: to.start, text: copy };
    } else if (roll < 0.93) {
      // Paste an anchor: a repeated comment (copied with its number) and an answer.
      if (text.length > 1.3 * initialLength) continue;
      const anchors = paras.filter((p) => /^\*\*\d{1,3}\. /.test(text.slice(p.start, p.start + 8)));
      const a = r.pick(anchors);
      const to = r.pick(paras);
      const copy = `${text.slice(a.start, a.end)}\n\nResponse: The Company respectfully advises the Staff that ${r.pick(WORDS)} is addressed in ${r.pick(WORDS)}.\n\n`;
      pasted.push(copy);
      yield { start: to.start, end: to.start, text: copy };
    } else {
      // Cut a pasted paragraph again (or any answer paragraph when none is left).
      const copy = pasted.pop();
      const at = copy ? text.indexOf(copy) : -1;
      if (at >= 0) yield { start: at, end: at + copy.length, text: '' };
      else {
        const p = r.pick(answers);
        if (text.length > 0.8 * initialLength) yield { start: p.start, end: Math.min(text.length, p.end + 2), text: '' };
      }
    }
    if (pasted.length > 50) pasted = pasted.slice(-50);
  }
}

/** The draft's anchors' positions and 40 others, for hovers. */
function hoverPositions(text, seed) {
  const r = rng(seed);
  const out = [];
  const re = /^\*\*\d{1,3}\. /gm;
  let m;
  while ((m = re.exec(text)) !== null) out.push(m.index + 3);
  for (let i = 0; i < 40; i++) out.push(r.int(0, text.length - 1));
  return out.map((o) => positionAt(text, o));
}

function ensureThread(dir, comments) {
  if (existsSync(path.join(dir, 'response.md'))) return;
  mkdirSync(dir, { recursive: true });
  const letter = staffLetter({ comments, seed: 11 });
  writeFileSync(path.join(dir, 'staff-letter.md'), letter.md);
  writeFileSync(path.join(dir, 'response.md'), responseDraft(letter.model, { targetBytes: 176 * 1024, staffPath: './staff-letter.md', seed: 5 }));
}

/** A server with the heap probe preloaded; `heap()` asks for a GC and the heap figures. */
function probedServer(serverPath, dir, tag) {
  const probeFile = path.join(dir, `.heap-${tag}.json`);
  const server = startServer(serverPath, dir, {
    settings: { diagnostics: { delay: 0 } },
    nodeArgs: ['--expose-gc', '--require', PROBE],
    env: { CORRESP_SOAK_PROBE: probeFile },
  });
  server.heap = async () => {
    rmSync(probeFile, { force: true });
    server.child.kill('SIGUSR2');
    for (let i = 0; i < 500 && !existsSync(probeFile); i++) await new Promise((r) => setTimeout(r, 20));
    try {
      return JSON.parse(readFileSync(probeFile, 'utf8'));
    } catch {
      return undefined;
    }
  };
  return server;
}

const mb = (b) => Math.round((b / 1048576) * 10) / 10;

export async function soak({
  serverPath = path.join(HERE, '.out', 'server.mjs'),
  edits = 20_000,
  every = 2_000,
  comments = 180,
  seed = 42,
  log = (s) => process.stderr.write(s),
} = {}) {
  const data = path.join(HERE, '.out', 'data', `soak-${comments}`);
  ensureThread(data, comments);
  const dir = mkdtempSync(path.join(tmpdir(), 'corresp-soak-'));
  cpSync(data, dir, { recursive: true });
  const file = path.join(dir, 'response.md');
  let text = readFileSync(file, 'utf8');
  const initialLength = text.length;
  const server = probedServer(serverPath, dir, 'soak');
  const samples = [];
  try {
    await server.initialize();
    await server.waitFor((p) => p.uri.endsWith('/response.md'));
    const uri = server.open(file, text);
    await server.waitFor((p) => p.uri === uri && p.version === 1, 120_000, { includeSeen: false });
    const sample = async (n, wallMs, cpuMs) => {
      const heap = await server.heap();
      const s = {
        edits: n,
        chars: text.length,
        rssMB: mb(server.memory().rssMB * 1048576),
        heapUsedMB: heap ? mb(heap.heapUsed) : NaN,
        externalMB: heap ? mb(heap.external) : NaN,
        wallS: Math.round(wallMs / 100) / 10,
        cpuS: Math.round(cpuMs / 100) / 10,
        load: readFileSync('/proc/loadavg', 'utf8').split(' ')[0],
      };
      samples.push(s);
      log(
        `  soak ${String(n).padStart(6)} edits: ${s.chars} chars, RSS ${s.rssMB} MB, heap ${s.heapUsedMB} MB (after GC), ${s.wallS} s wall, ${s.cpuS} s server cpu, load ${s.load}\n`,
      );
    };
    await sample(0, 0, 0);
    const script = editor(() => text, seed, initialLength);
    let version = 1;
    const t0 = performance.now();
    const c0 = server.cpuMs();
    for (let i = 1; i <= edits; i++) {
      const e = script.next().value;
      const range = { start: positionAt(text, e.start), end: positionAt(text, e.end) };
      text = text.slice(0, e.start) + e.text + text.slice(e.end);
      version++;
      const v = version;
      server.notify('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range, text: e.text }] });
      await server.waitFor((p) => p.uri === uri && p.version === v, 120_000, { includeSeen: false });
      // The client keeps every publishDiagnostics it saw (lsp.mjs): 20,000 of them ran this process out of memory.
      server.published.length = 0;
      if (i % every === 0) await sample(i, performance.now() - t0, server.cpuMs() - c0);
    }
    // The results of the edited server against a fresh one given the final text.
    const positions = hoverPositions(text, seed + 1);
    const finalDiagnostics = server.latest(uri).diagnostics;
    const hovers = [];
    for (const position of positions) hovers.push(await server.request('textDocument/hover', { textDocument: { uri }, position }));
    const fresh = probedServer(serverPath, dir, 'fresh');
    let same;
    try {
      await fresh.initialize();
      await fresh.waitFor((p) => p.uri.endsWith('/response.md'));
      const freshUri = fresh.open(file, text);
      const opened = await fresh.waitFor((p) => p.uri === freshUri && p.version === 1, 120_000, { includeSeen: false });
      const freshHovers = [];
      for (const position of positions) freshHovers.push(await fresh.request('textDocument/hover', { textDocument: { uri: freshUri }, position }));
      const diagnosticsEqual = JSON.stringify(opened.diagnostics) === JSON.stringify(finalDiagnostics);
      // The hover's last line counts precedents from the library, which loads in the background and holds the files on
      // disk (not the edited buffer): it depends on when it is asked, not on the edits, so it is compared apart.
      const withoutPrecedents = (hs) => JSON.stringify(hs).replace(/(\\n)*\*\*Precedents:\*\*[^"]*?(?=\\n|")/g, '');
      const hoversEqual = withoutPrecedents(freshHovers) === withoutPrecedents(hovers);
      const precedentLinesEqual = JSON.stringify(freshHovers) === JSON.stringify(hovers);
      same = {
        diagnosticsEqual,
        hoversEqual,
        precedentLinesEqual,
        diagnostics: finalDiagnostics.length,
        hovers: hovers.filter(Boolean).length,
        positions: positions.length,
      };
      log(
        `  soak: final diagnostics ${diagnosticsEqual ? 'equal to' : 'DIFFER from'} a fresh server's (${finalDiagnostics.length}); hovers ${hoversEqual ? 'equal' : 'DIFFER'} (${same.hovers} of ${positions.length} positions answered)\n`,
      );
    } finally {
      await fresh.stop();
    }
    const heapGrowth = samples[samples.length - 1].heapUsedMB - samples[1]?.heapUsedMB;
    const rssGrowth = samples[samples.length - 1].rssMB - samples[1]?.rssMB;
    return { comments, initialChars: initialLength, finalChars: text.length, edits, every, samples, heapGrowthMB: heapGrowth, rssGrowthMB: rssGrowth, same };
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const opt = (name, dflt) => {
    const a = process.argv.find((x) => x.startsWith(`--${name}=`));
    return a ? a.split('=')[1] : dflt;
  };
  const serverPath = opt('server', path.join(ROOT, 'dist', 'server.mjs'));
  const result = await soak({ serverPath, edits: Number(opt('edits', 20_000)), every: Number(opt('every', 2_000)), comments: Number(opt('comments', 180)) });
  console.log(JSON.stringify(result, null, 1));
}
