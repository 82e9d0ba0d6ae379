// pdf.js ships no types for its worker module; pdf.ts only hands it to pdf.js as the in-process worker.
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs';
