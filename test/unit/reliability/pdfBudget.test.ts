/**
 * Every PDF has a budget (pages, operators, inflated bytes, nesting, wall time, heap), and a PDF too costly to read
 * is refused with a plain sentence saying which budget it overran. Each hostile PDF is a few KB, generated here.
 * Reading happens in a worker thread (dist/pdf-worker.mjs, built by `npm test`), stopped when its time is spent.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { layoutPage, pdfToText, reattachMarkers, type Item, type Line } from '../../../server/src/parse/pdf';
import { PDF_BUDGET, pdfCostProblem } from '../../../server/src/parse/pdfBudget';
import { fixtureBytes } from '../../helpers';
import { expectLinear, SLOW } from './helpers';
import { inflationPdf, nestedFormsPdf, nestedSavesPdf, textPdf } from './pdfs';

const WORKER = pathToFileURL(path.resolve(__dirname, '..', '..', '..', 'dist', 'pdf-worker.mjs'));
const deflate = (b: Uint8Array) => deflateSync(b, { level: 9 });

describe('a PDF too costly to read is refused before pdf.js runs, saying why', () => {
  it('nested form XObjects (2^24 draws in 6 KB): more than 5,000,000 operators', async () => {
    const pdf = nestedFormsPdf(24);
    expect(pdf.length).toBeLessThan(8000);
    const r = await pdfToText(pdf, { worker: false });
    expect(r).toEqual({ text: '', pages: 0, failure: 'the PDF is too costly to read: more than 5,000,000 operators; nothing is extractable' });
  });

  it('20,000 nested q in a compressed stream of under a kilobyte: graphics states nested more than 500 deep', async () => {
    const pdf = nestedSavesPdf(20_000, deflate);
    expect(pdf.length).toBeLessThan(1200);
    expect((await pdfToText(pdf, { worker: false })).failure).toBe(
      'the PDF is too costly to read: graphics states nested more than 500 deep; nothing is extractable',
    );
  });

  it('a stream inflating a thousand to one past the budget: more than N MB of compressed content', async () => {
    const pdf = inflationPdf(8 << 20, deflate);
    expect(pdf.length).toBeLessThan(16_000);
    const r = await pdfToText(pdf, { worker: false, budget: { inflatedBytes: 4 << 20 } });
    expect(r.failure).toBe('the PDF is too costly to read: more than 4 MB of compressed content; nothing is extractable');
    // The same stream through filters pdf.js also reads: ASCIIHex over Flate.
    expect(pdfCostProblem(inflationPdf(8 << 20, deflate, true), { ...PDF_BUDGET, inflatedBytes: 4 << 20 })).toBe('more than 4 MB of compressed content');
  });

  it('more pages than the budget', async () => {
    const pdf = textPdf([['Dear Sir:'], ['Page two'], ['Page three']]);
    expect((await pdfToText(pdf, { worker: false, budget: { pages: 2 } })).failure).toBe(
      'the PDF is too costly to read: more than 2 pages; nothing is extractable',
    );
    expect((await pdfToText(pdf, { worker: false, budget: { pages: 3 } })).text).toContain('Page three');
  });

  it('real letters are far within every budget', () => {
    for (const letter of ['adm-0000000000-24-005934', 'adsk-0000000000-18-024031'])
      expect(pdfCostProblem(fixtureBytes('real', letter, 'staff.pdf'))).toBeUndefined();
    expect(pdfCostProblem(nestedFormsPdf(12))).toBeUndefined();
    expect(pdfCostProblem(nestedSavesPdf(400))).toBeUndefined();
  });

  it('the judging of the bytes is linear in the file', SLOW, () => {
    const page = (n: number) => Array.from({ length: n }, (_, i) => `Line ${i} q Q /X${i} Do`);
    expectLinear(
      'pdfCostProblem',
      (n) => Buffer.from(textPdf([page(n)])).toString('latin1'),
      (s) => pdfCostProblem(Buffer.from(s, 'latin1')),
      2000,
    );
    expectLinear(
      'pdfCostProblem (no objects)',
      (n) => 'stream\nendstream '.repeat(n) + '/XObject << '.repeat(n),
      (s) => pdfCostProblem(Buffer.from(s, 'latin1')),
      2000,
    );
  });
});

describe('pdf.js reads in a worker thread, stopped when its time is spent', () => {
  it('reads a real letter as in this thread', async () => {
    const bytes = fixtureBytes('real', 'adm-0000000000-24-005934', 'staff.pdf');
    const there = await pdfToText(bytes, { worker: WORKER });
    const here = await pdfToText(bytes, { worker: false });
    expect(there.failure).toBeUndefined();
    expect(there).toEqual(here);
  });

  it('a PDF slower than its time budget: the worker is stopped, the sentence says so; the next PDF is read', async () => {
    const slow = await pdfToText(nestedFormsPdf(14), { worker: WORKER, budget: { ms: 300 } });
    expect(slow).toEqual({ text: '', pages: 0, failure: 'the PDF is too costly to read: more than 300 ms of work; nothing is extractable' });
    const next = await pdfToText(textPdf([['Dear Sir:', 'We have reviewed your filing.']]), { worker: WORKER });
    expect(next.text).toContain('We have reviewed your filing.');
  });

  it('this thread keeps answering while the worker reads', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = performance.now();
    const r = await pdfToText(nestedFormsPdf(10), { worker: WORKER });
    const elapsed = performance.now() - started;
    clearInterval(timer);
    expect(r.text).toContain('leaf');
    // In this thread pdf.js let no timer run at all until it was done.
    expect(ticks).toBeGreaterThan(Math.min(20, elapsed / 50));
  });
});

describe('comment numbers reattached to their lines', () => {
  const items = (n: number): Item[] =>
    Array.from({ length: n }, (_, k) => [
      { str: `Paragraph ${k} text`, x: 100, y: 100_000 - k * 14, width: 90, size: 10, eol: true },
      { str: `${(k % 99) + 1}.`, x: 72, y: 100_000 - k * 14, width: 10, size: 10, eol: true },
    ]).flat();

  it('a number drawn after its line goes back to the start of it', () => {
    expect(
      layoutPage(items(3))
        .split('\n')
        .map((l) => l.replace(/\s+/g, ' ').trim()),
    ).toEqual(['1. Paragraph 0 text', '2. Paragraph 1 text', '3. Paragraph 2 text']);
  });

  it('with a few writes per line: no line is moved up once per number (a splice each made it quadratic)', () => {
    const n = 5000;
    const lines: Line[] = [];
    for (let k = 0; k < n; k++) {
      const y = 100_000 - k * 14;
      lines.push({ y, size: 10, x: 100, parts: [{ str: `Paragraph ${k} text`, x: 100, y, width: 90, size: 10, eol: true }] });
      lines.push({ y, size: 10, x: 72, parts: [{ str: `${(k % 99) + 1}.`, x: 72, y, width: 10, size: 10, eol: true }] });
    }
    let writes = 0;
    const counted = new Proxy(lines, {
      set(target, key, value) {
        writes++;
        return Reflect.set(target, key, value);
      },
    });
    reattachMarkers(counted);
    expect(lines).toHaveLength(n);
    expect(lines.every((l) => l.x === 72 && l.parts.length === 2)).toBe(true);
    expect(writes).toBeLessThan(4 * n);
  });
});
