/**
 * PDF → text lines, through pdf.js (pdfjs-dist), laid out like `pdftotext -layout` (indentation from x, blank lines
 * from vertical gaps, a form feed between pages), so the plain-text importer reads both the same way. Script
 * evaluation is off and nothing is fetched: the bytes are all it reads. Never throws: an encrypted, corrupt or
 * image-only PDF gives a clear message instead of text.
 *
 * Reliability: every PDF has a budget (pdfBudget.ts: pages, operators, inflated bytes, nesting, wall time, heap). The
 * bytes are judged first (a PDF too costly to read is refused at once, saying why); then pdf.js reads them in a
 * worker thread (dist/pdf-worker.mjs, beside the bundle), so the editor keeps answering, and the worker is stopped
 * when the time or heap budget is spent: pdf.js never yields while it works, so nothing else could stop it. Where the
 * worker bundle is not found (the TypeScript sources under test), pdf.js runs in this thread with the other budgets.
 */
import { Worker } from 'node:worker_threads';
import type * as PdfJs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PDF_BUDGET, pdfCostProblem, type PdfBudget } from './pdfBudget';

export { PDF_BUDGET, type PdfBudget } from './pdfBudget';

/**
 * pdf.js is loaded on first use, not at start-up (most sessions never open a PDF, and it is half the bundle).
 * In Node it reaches for the optional native `@napi-rs/canvas` package to polyfill DOMMatrix and prints warnings
 * with console.log when it is absent, which is the case wherever Corresp is installed without this repository's
 * node_modules. Text extraction needs none of the canvas; a minimal DOMMatrix lets pdf.js load, and its start-up
 * warnings are kept quiet (users cannot act on them, and on stdout they would corrupt JSON output and the server's stream).
 */
let loading: Promise<typeof PdfJs> | undefined;

function loadPdfjs(): Promise<typeof PdfJs> {
  loading ??= (async () => {
    const g = globalThis as { DOMMatrix?: unknown; pdfjsWorker?: unknown };
    if (!g.DOMMatrix) g.DOMMatrix = AffineMatrix;
    const log = console.log;
    const warn = console.warn;
    const quiet =
      (to: (...args: unknown[]) => void) =>
      (...args: unknown[]) => {
        if (typeof args[0] === 'string' && args[0].startsWith('Warning: ')) return;
        to(...args);
      };
    console.log = quiet(log);
    console.warn = quiet(warn);
    const builtins = snapshotBuiltins();
    try {
      // The legacy build runs on Node 20; its worker runs in-process ("fake worker") when handed the worker module.
      const { pdfjs, worker } = await import('./pdfjsModules');
      g.pdfjsWorker = worker;
      return pdfjs;
    } finally {
      console.log = log;
      console.warn = warn;
      builtins.restore();
    }
  })();
  return loading;
}

/**
 * pdf.js's legacy build carries core-js polyfills that replace built-ins Node already has (JSON.stringify and
 * JSON.parse, Array.prototype.push …) for the whole process, making every later publish of diagnostics many times
 * slower. What it replaced is put back after it loads; what it only added is left in place.
 */
function snapshotBuiltins(): { restore(): void } {
  const holders: Array<[object, string]> = [
    [JSON, 'JSON'],
    [Object, 'Object'],
    [Array, 'Array'],
    [Array.prototype, 'Array.prototype'],
    [String.prototype, 'String.prototype'],
    [Promise, 'Promise'],
    [Promise.prototype, 'Promise.prototype'],
    [Map.prototype, 'Map.prototype'],
    [Set.prototype, 'Set.prototype'],
    [Object.getPrototypeOf(Uint8Array.prototype) as object, 'TypedArray.prototype'],
  ];
  const saved = holders.map(
    ([holder]) => [holder, new Map(Object.getOwnPropertyNames(holder).map((k) => [k, Object.getOwnPropertyDescriptor(holder, k)!]))] as const,
  );
  return {
    restore() {
      for (const [holder, props] of saved) {
        for (const [key, descriptor] of props) {
          const now = Object.getOwnPropertyDescriptor(holder, key);
          if (now && (now.value !== descriptor.value || now.get !== descriptor.get || now.set !== descriptor.set)) {
            try {
              Object.defineProperty(holder, key, descriptor);
            } catch {
              // A non-configurable property cannot have been replaced either.
            }
          }
        }
      }
    },
  };
}

/** A 2-D affine matrix with the DOMMatrix members pdf.js touches outside rendering. */
class AffineMatrix {
  a = 1;
  b = 0;
  c = 0;
  d = 1;
  e = 0;
  f = 0;
  constructor(init?: ArrayLike<number>) {
    if (init && init.length >= 6)
      [this.a, this.b, this.c, this.d, this.e, this.f] = Array.from(init).slice(0, 6) as [number, number, number, number, number, number];
  }
  multiplySelf(m: AffineMatrix): this {
    const { a, b, c, d, e, f } = this;
    this.a = a * m.a + c * m.b;
    this.b = b * m.a + d * m.b;
    this.c = a * m.c + c * m.d;
    this.d = b * m.c + d * m.d;
    this.e = a * m.e + c * m.f + e;
    this.f = b * m.e + d * m.f + f;
    return this;
  }
  preMultiplySelf(m: AffineMatrix): this {
    const copy = new AffineMatrix([m.a, m.b, m.c, m.d, m.e, m.f]).multiplySelf(this);
    Object.assign(this, { a: copy.a, b: copy.b, c: copy.c, d: copy.d, e: copy.e, f: copy.f });
    return this;
  }
  translateSelf(x = 0, y = 0): this {
    return this.multiplySelf(new AffineMatrix([1, 0, 0, 1, x, y]));
  }
  scaleSelf(sx = 1, sy = sx): this {
    return this.multiplySelf(new AffineMatrix([sx, 0, 0, sy, 0, 0]));
  }
  invertSelf(): this {
    const det = this.a * this.d - this.b * this.c;
    if (!det) return Object.assign(this, { a: NaN, b: NaN, c: NaN, d: NaN, e: NaN, f: NaN });
    const { a, b, c, d, e, f } = this;
    return Object.assign(this, { a: d / det, b: -b / det, c: -c / det, d: a / det, e: (c * f - d * e) / det, f: (b * e - a * f) / det });
  }
  multiply(m: AffineMatrix): AffineMatrix {
    return new AffineMatrix([this.a, this.b, this.c, this.d, this.e, this.f]).multiplySelf(m);
  }
  translate(x = 0, y = 0): AffineMatrix {
    return new AffineMatrix([this.a, this.b, this.c, this.d, this.e, this.f]).translateSelf(x, y);
  }
  scale(sx = 1, sy = sx): AffineMatrix {
    return new AffineMatrix([this.a, this.b, this.c, this.d, this.e, this.f]).scaleSelf(sx, sy);
  }
  inverse(): AffineMatrix {
    return new AffineMatrix([this.a, this.b, this.c, this.d, this.e, this.f]).invertSelf();
  }
}

export interface PdfText {
  /** Layout text with form feeds between pages; empty when nothing could be extracted. */
  readonly text: string;
  readonly pages: number;
  /** Why there is no text (encrypted, corrupt, image-only), when there is none. */
  readonly failure?: string;
}

/** A text item of a page as pdf.js places it (exported for the layout tests). */
export interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
  eol: boolean;
}

export interface PdfOptions {
  /** Budgets (default PDF_BUDGET). */
  readonly budget?: Partial<PdfBudget>;
  /** The worker bundle to read in (default: pdf-worker.mjs beside this bundle); false: read in this thread. */
  readonly worker?: URL | false;
}

function tooCostly(why: string): PdfText {
  return { text: '', pages: 0, failure: `the PDF is too costly to read: ${why}; nothing is extractable` };
}

export async function pdfToText(bytes: Uint8Array, options: PdfOptions = {}): Promise<PdfText> {
  const budget: PdfBudget = { ...PDF_BUDGET, ...options.budget };
  const problem = pdfCostProblem(bytes, budget);
  if (problem) return tooCostly(problem);
  const url = options.worker === false ? undefined : (options.worker ?? defaultWorkerUrl());
  if (url && !unavailable.has(url.href)) {
    const result = await inWorker(url, bytes, budget);
    if (result !== 'unavailable') return result;
    unavailable.add(url.href);
  }
  return extractPdfText(bytes, budget.pages);
}

/** pdf-worker.mjs beside this module: dist/ for the bundles (esbuild.mjs builds it). */
function defaultWorkerUrl(): URL | undefined {
  try {
    return new URL('./pdf-worker.mjs', import.meta.url);
  } catch {
    return undefined;
  }
}

/** Worker bundles that could not be started (not built): read in this thread from then on. */
const unavailable = new Set<string>();

/** An idle worker is stopped after this long (pdf.js holds tens of MB). */
const IDLE_MS = 60_000;

interface WorkerSlot {
  worker?: Worker | undefined;
  idle?: NodeJS.Timeout | undefined;
  /** The jobs so far: one at a time, in turn. */
  queue: Promise<unknown>;
}

/** One worker per bundle, reused; a worker that overran its budget is stopped and the next job starts another. */
const workers = new Map<string, WorkerSlot>();

function inWorker(url: URL, bytes: Uint8Array, budget: PdfBudget): Promise<PdfText | 'unavailable'> {
  let slot = workers.get(url.href);
  if (!slot) workers.set(url.href, (slot = { queue: Promise.resolve() }));
  const s = slot;
  const job = s.queue.then(() => runJob(s, url, bytes, budget));
  s.queue = job.catch(() => undefined);
  return job;
}

function runJob(slot: WorkerSlot, url: URL, bytes: Uint8Array, budget: PdfBudget): Promise<PdfText | 'unavailable'> {
  clearTimeout(slot.idle);
  let w: Worker;
  try {
    w = slot.worker ??= new Worker(url, { resourceLimits: { maxOldGenerationSizeMb: budget.heapMb, maxYoungGenerationSizeMb: Math.min(64, budget.heapMb) } });
  } catch {
    return Promise.resolve('unavailable');
  }
  w.unref(); // an idle worker never keeps the command running; the job's timer does while a job runs
  return new Promise((resolve) => {
    let answered = false;
    const done = (result: PdfText | 'unavailable', stop: boolean) => {
      if (answered) return;
      answered = true;
      clearTimeout(timer);
      w.off('message', onMessage);
      w.off('error', onError);
      w.off('exit', onExit);
      if (stop) {
        if (slot.worker === w) slot.worker = undefined;
        void w.terminate().catch(() => undefined);
      } else {
        slot.idle = setTimeout(() => {
          if (slot.worker === w) slot.worker = undefined;
          void w.terminate().catch(() => undefined);
        }, IDLE_MS);
        slot.idle.unref();
      }
      resolve(result);
    };
    const time = budget.ms >= 1000 ? `${(budget.ms / 1000).toLocaleString('en-US')} seconds` : `${budget.ms} ms`;
    const timer = setTimeout(() => done(tooCostly(`more than ${time} of work`), true), budget.ms);
    const onMessage = (m: { result: PdfText }) => done(m.result, false);
    const onError = (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') done(tooCostly(`more than ${budget.heapMb.toLocaleString('en-US')} MB of memory`), true);
      else if (e.code === 'ERR_MODULE_NOT_FOUND' || /Cannot find module/.test(e.message)) done('unavailable', true);
      else done({ text: '', pages: 0, failure: `the PDF could not be read (${e.message}); nothing is extractable` }, true);
    };
    const onExit = () => done({ text: '', pages: 0, failure: 'the PDF could not be read (its reader stopped); nothing is extractable' }, true);
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
    w.postMessage({ bytes, pages: budget.pages });
  });
}

/** Reads the PDF with pdf.js in this thread (the worker's body; the fallback when there is no worker). */
export async function extractPdfText(bytes: Uint8Array, maxPages: number = PDF_BUDGET.pages): Promise<PdfText> {
  let doc: PdfJs.PDFDocumentProxy | undefined;
  try {
    const pdfjs = await loadPdfjs();
    const task = pdfjs.getDocument({
      data: bytes.slice(),
      isEvalSupported: false,
      disableFontFace: true,
      useSystemFonts: false,
      stopAtErrors: false,
      verbosity: 0,
      isOffscreenCanvasSupported: false,
      enableXfa: false,
    });
    doc = await task.promise;
  } catch (e) {
    const name = (e as { name?: string }).name ?? '';
    if (name === 'PasswordException') return { text: '', pages: 0, failure: 'the PDF is encrypted and needs a password; nothing is extractable' };
    if (name === 'InvalidPDFException') return { text: '', pages: 0, failure: 'not a valid PDF (the file is corrupt or truncated); nothing is extractable' };
    return { text: '', pages: 0, failure: `the PDF could not be read (${(e as Error).message ?? String(e)}); nothing is extractable` };
  }
  if (doc.numPages > maxPages) {
    await doc.destroy().catch(() => undefined);
    return tooCostly(`more than ${maxPages.toLocaleString('en-US')} pages`);
  }
  const pages: string[] = [];
  let chars = 0;
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const items: Item[] = [];
      for (const it of content.items) {
        if (!('str' in it)) continue;
        const t = it.transform as number[];
        items.push({ str: it.str, x: t[4]!, y: t[5]!, width: it.width, size: Math.abs(t[3]!) || Math.abs(t[0]!) || 10, eol: it.hasEOL });
        chars += it.str.trim().length;
      }
      pages.push(layoutPage(items));
      page.cleanup();
    }
  } catch (e) {
    // Reliability: a failure after pages without any text (an image-only first page, then a corrupt one) said nothing.
    if (chars === 0)
      return { text: '', pages: pages.length, failure: `the PDF's text could not be read (${(e as Error)?.message ?? String(e)}); nothing is extractable` };
    return { text: pages.join('\n\f'), pages: pages.length };
  } finally {
    await doc.destroy().catch(() => undefined);
  }
  if (chars === 0) return { text: '', pages: pages.length, failure: 'the PDF has no text layer (scanned or image-only); nothing is extractable' };
  return { text: pages.join('\n\f'), pages: pages.length };
}

/** Most spaces one layout gap or indentation becomes (a page is about 120 columns wide). */
const MAX_LAYOUT_SPACES = 400;
/** How far back a comment number drawn after its text looks for that text's line (a page holds about 60 lines). */
const MAX_REATTACH_LOOKBACK = 500;

/** A layout line of a page (exported for the layout tests). */
export interface Line {
  y: number;
  size: number;
  x: number;
  parts: Item[];
}

/** A page's text items → layout text lines (exported for the layout tests). */
export function layoutPage(items: readonly Item[]): string {
  const lines: Line[] = [];
  let cur: Line | undefined;
  let prevEol = true;
  for (const it of items) {
    if (it.str.length === 0) {
      if (it.eol) prevEol = true;
      continue;
    }
    // A superscript set right after a word ("TXU Energy" + a raised, smaller "TM") belongs to its line.
    const superscript =
      !!cur && !prevEol && it.size < cur.size * 0.85 && it.y > cur.y && it.y - cur.y <= cur.size * 0.6 && Math.abs(it.x - lastEnd(cur)) <= cur.size;
    const sameLine = (cur && !prevEol && Math.abs(it.y - cur.y) <= Math.max(2, cur.size * 0.4)) || superscript;
    const continues = cur && prevEol && Math.abs(it.y - cur.y) <= Math.max(1, cur.size * 0.2) && it.x > lastEnd(cur);
    if (!(sameLine || continues) || !cur) {
      cur = { y: it.y, size: it.size, x: it.x, parts: [] };
      lines.push(cur);
    }
    cur.parts.push(it);
    prevEol = it.eol;
  }
  if (lines.length === 0) return '';
  reattachMarkers(lines);
  // Reliability: reduce, not Math.min(...lines): a spread of a page's 100,000+ lines overflows the stack.
  const left = lines.reduce((m, l) => Math.min(m, l.x), Infinity);
  const out: string[] = [];
  let prev: Line | undefined;
  for (const line of lines) {
    if (prev && prev.y - line.y > Math.max(prev.size, line.size) * 1.7) out.push('');
    const charWidth = line.size * 0.5;
    // Reliability: runs of layout spaces are capped (MAX_LAYOUT_SPACES): a crafted position (x = 1e9) asked for a
    // billion spaces. The line's last character is kept aside: `text.endsWith` flattened the growing string at every
    // part, O(parts²) on a long line.
    let text = ' '.repeat(Math.min(MAX_LAYOUT_SPACES, Math.max(0, Math.round((line.x - left) / charWidth))));
    let lastChar = text.length > 0 ? ' ' : '';
    let end = line.x;
    line.parts.forEach((part, i) => {
      const gap = part.x - end;
      if (i > 0) {
        if (gap > charWidth * 3) {
          text += ' '.repeat(Math.min(MAX_LAYOUT_SPACES, Math.max(2, Math.round(gap / charWidth))));
          lastChar = ' ';
        } else if (gap > part.size * 0.12 && lastChar !== ' ' && !part.str.startsWith(' ')) {
          text += ' ';
          lastChar = ' ';
        }
      }
      text += part.str;
      if (part.str.length > 0) lastChar = part.str[part.str.length - 1]!;
      end = part.x + part.width;
    });
    out.push(text.trimEnd()); // Reliability: trimEnd, not replace(/\s+$/), O(n²) on an inner run of spaces
    prev = line;
  }
  return out.join('\n');
}

/**
 * A comment number drawn after its text in the content stream ("1." emitted once the paragraph is done) belongs
 * at the start of the earlier line at the same height. Reliability: the moved lines are dropped in one pass at the
 * end (a `splice` per line made a page of many stray numbers quadratic); the lines a later one looks back at are
 * never moved ones, since lines move only onto earlier lines and are visited from the last.
 */
export function reattachMarkers(lines: Line[]): void {
  const moved = new Uint8Array(lines.length);
  let any = false;
  for (let i = lines.length - 1; i > 0; i--) {
    const line = lines[i]!;
    const text = line.parts
      .map((p) => p.str)
      .join('')
      .trim();
    if (!/^(?:\d{1,3}[.)]|[a-z][.)]|\([a-z0-9]{1,3}\)|[•●▪◦■-])$/.test(text)) continue;
    // Reliability: bounded, so that a page of 100,000 stray numbers is not O(lines²).
    for (let j = i - 1; j >= 0 && i - j <= MAX_REATTACH_LOOKBACK; j--) {
      const target = lines[j]!;
      if (Math.abs(target.y - line.y) <= Math.max(2, line.size * 0.4) && target.x > line.x) {
        target.parts = [...line.parts, ...target.parts];
        target.x = line.x;
        moved[i] = 1;
        any = true;
        break;
      }
    }
  }
  if (!any) return;
  let w = 0;
  for (let r = 0; r < lines.length; r++) if (!moved[r]) lines[w++] = lines[r]!;
  lines.length = w;
}

function lastEnd(line: Line): number {
  const last = line.parts[line.parts.length - 1]!;
  return last.x + last.width - 1;
}
