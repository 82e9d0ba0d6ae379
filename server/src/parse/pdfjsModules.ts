/**
 * pdf.js's two modules, its library and its worker's, in one import (`pdf.ts` loads them on first use). The bundles
 * load them from dist/pdfjs.mjs, beside them (esbuild.mjs): pdf.js is half of every bundle's source otherwise, which
 * V8 reads at each start of the server, the CLI and every reader worker, though most sessions never open a PDF.
 */
export * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
export * as worker from 'pdfjs-dist/legacy/build/pdf.worker.mjs';
