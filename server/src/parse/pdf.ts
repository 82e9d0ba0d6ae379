/**
 * PDF → text lines, through pdf.js (pdfjs-dist), laid out like `pdftotext -layout` (indentation from x, blank lines
 * from vertical gaps, a form feed between pages), so the plain-text importer reads both the same way. Script
 * evaluation is off and nothing is fetched: the bytes are all it reads. Never throws: an encrypted, corrupt or
 * image-only PDF gives a clear message instead of text.
 */
// The legacy build runs on Node 20; its worker runs in-process ("fake worker") when we hand it the worker module.
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import * as pdfjsWorker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';

(globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = pdfjsWorker;

export interface PdfText {
  /** Layout text with form feeds between pages; empty when nothing could be extracted. */
  readonly text: string;
  readonly pages: number;
  /** Why there is no text (encrypted, corrupt, image-only), when there is none. */
  readonly failure?: string;
}

interface Item {
  str: string;
  x: number;
  y: number;
  width: number;
  size: number;
  eol: boolean;
}

export async function pdfToText(bytes: Uint8Array): Promise<PdfText> {
  let doc: pdfjs.PDFDocumentProxy | undefined;
  try {
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
    return { text: pages.join('\n\f'), pages: pages.length, ...(pages.length === 0 ? { failure: `the PDF's text could not be read (${(e as Error).message})` } : {}) };
  } finally {
    await doc.destroy().catch(() => undefined);
  }
  if (chars === 0) return { text: '', pages: pages.length, failure: 'the PDF has no text layer (scanned or image-only); nothing is extractable' };
  return { text: pages.join('\n\f'), pages: pages.length };
}

interface Line {
  y: number;
  size: number;
  x: number;
  parts: Item[];
}

function layoutPage(items: readonly Item[]): string {
  const lines: Line[] = [];
  let cur: Line | undefined;
  let prevEol = true;
  for (const it of items) {
    if (it.str.length === 0) {
      if (it.eol) prevEol = true;
      continue;
    }
    const sameLine = cur && !prevEol && Math.abs(it.y - cur.y) <= Math.max(2, cur.size * 0.4);
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
  const left = Math.min(...lines.map((l) => l.x));
  const out: string[] = [];
  let prev: Line | undefined;
  for (const line of lines) {
    if (prev && prev.y - line.y > Math.max(prev.size, line.size) * 1.7) out.push('');
    const charWidth = line.size * 0.5;
    let text = ' '.repeat(Math.max(0, Math.round((line.x - left) / charWidth)));
    let end = line.x;
    line.parts.forEach((part, i) => {
      const gap = part.x - end;
      if (i > 0) {
        if (gap > charWidth * 3) text += ' '.repeat(Math.max(2, Math.round(gap / charWidth)));
        else if (gap > part.size * 0.12 && !text.endsWith(' ') && !part.str.startsWith(' ')) text += ' ';
      }
      text += part.str;
      end = part.x + part.width;
    });
    out.push(text.replace(/\s+$/, ''));
    prev = line;
  }
  return out.join('\n');
}

/**
 * A comment number drawn after its text in the content stream ("1." emitted once the paragraph is done) belongs
 * at the start of the earlier line at the same height.
 */
function reattachMarkers(lines: Line[]): void {
  for (let i = lines.length - 1; i > 0; i--) {
    const line = lines[i]!;
    const text = line.parts.map((p) => p.str).join('').trim();
    if (!/^(?:\d{1,3}[.)]|[a-z][.)]|\([a-z0-9]{1,3}\)|[•●▪◦■-])$/.test(text)) continue;
    for (let j = i - 1; j >= 0; j--) {
      const target = lines[j]!;
      if (Math.abs(target.y - line.y) <= Math.max(2, line.size * 0.4) && target.x > line.x) {
        target.parts = [...line.parts, ...target.parts];
        target.x = line.x;
        lines.splice(i, 1);
        break;
      }
    }
  }
}

function lastEnd(line: Line): number {
  const last = line.parts[line.parts.length - 1]!;
  return last.x + last.width - 1;
}
