/**
 * The bundles are ASCII (esbuild.mjs escapes what esbuild leaves in comments and regular expressions): one non-ASCII
 * character makes V8 hold a bundle's whole source as a two-byte string, twice its size in every process that loads
 * it (the server, the CLI, each reader worker). And an escaped regular expression still reads letters' typographic
 * quotes: the server bundle, loaded as it ships, reads a real draft's curly-quoted comment labels. pdf.js, half of
 * the source, is a bundle of its own that the others load when they first read a PDF; mammoth (with jszip, xmldom,
 * underscore, pako) and the Word writer (with the `docx` library), a third of what was left, are two more.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';

const DIST = path.resolve(__dirname, '..', '..', '..', 'dist');

describe('the bundles', () => {
  const bundles = readdirSync(DIST).filter((f) => /\.(?:mjs|js)$/.test(f));
  it('are built (npm test builds them first)', () => {
    expect(bundles).toEqual(
      expect.arrayContaining(['cli.mjs', 'server.mjs', 'reader-worker.mjs', 'pdf-worker.mjs', 'pdfjs.mjs', 'mammoth.mjs', 'docx-writer.mjs', 'extension.js']),
    );
  });
  it('leave pdf.js to dist/pdfjs.mjs, which they import from beside them when they first read a PDF', () => {
    const holdsPdfjs = (file: string) => readFileSync(path.join(DIST, file), 'utf8').includes('PDFDocumentProxy = class');
    expect(holdsPdfjs('pdfjs.mjs')).toBe(true);
    for (const file of ['server.mjs', 'cli.mjs', 'reader-worker.mjs', 'pdf-worker.mjs']) {
      expect(holdsPdfjs(file), file).toBe(false);
      if (file !== 'reader-worker.mjs') expect(readFileSync(path.join(DIST, file), 'utf8'), file).toContain('import("./pdfjs.mjs")');
    }
  });
  it('leave mammoth to dist/mammoth.mjs and the Word writer to dist/docx-writer.mjs, imported on first use', () => {
    // A line of each library's own source: mammoth's reader, and the docx library's packer.
    const holdsMammoth = (file: string) => readFileSync(path.join(DIST, file), 'utf8').includes('function convertToHtml(');
    const holdsDocx = (file: string) => readFileSync(path.join(DIST, file), 'utf8').includes('Packer = class Packer');
    expect(holdsMammoth('mammoth.mjs')).toBe(true);
    expect(holdsDocx('docx-writer.mjs')).toBe(true);
    for (const file of ['server.mjs', 'cli.mjs', 'reader-worker.mjs', 'pdf-worker.mjs']) {
      expect(holdsMammoth(file), file).toBe(false);
      expect(holdsDocx(file), file).toBe(false);
    }
    for (const file of ['server.mjs', 'cli.mjs']) {
      const text = readFileSync(path.join(DIST, file), 'utf8');
      expect(text, file).toContain('import("./mammoth.mjs")');
      expect(text, file).toContain('import("./docx-writer.mjs")');
    }
  });
  for (const file of bundles) {
    it(`${file} holds no character outside ASCII`, () => {
      const text = readFileSync(path.join(DIST, file), 'utf8');
      const at = text.search(/[^\x00-\x7f]/);
      expect(at < 0 ? null : JSON.stringify(text.slice(Math.max(0, at - 40), at + 10))).toBeNull();
    });
  }
  it('keep their regular expressions’ typographic quotes as escapes that match them', () => {
    const server = readFileSync(path.join(DIST, 'server.mjs'), 'utf8');
    // A regular expression of the letters layer with curly quotes in a character class, escaped.
    const escapedClass = server.match(/\/\[\\u2019\\u2018`\\u00b4\]\/g/)?.[0];
    expect(escapedClass).toBeDefined();
    const re = new Function(`return ${escapedClass};`)() as RegExp;
    expect('Company’s ‘label’'.replace(re, "'")).toBe("Company's 'label'");
  });
});
