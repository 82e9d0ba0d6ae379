/**
 * The worker thread that reads a PDF with pdf.js (bundled as dist/pdf-worker.mjs): off the main thread, so that the
 * editor keeps answering, and stoppable, so that a PDF's time and heap budgets hold (see pdf.ts). One message in
 * (`{ bytes, pages }`), one out (`{ result }`), for as many PDFs as it is given.
 */
import { parentPort } from 'node:worker_threads';
import { extractPdfText } from './pdf';

parentPort?.on('message', (job: { bytes: Uint8Array; pages: number }) => {
  void extractPdfText(job.bytes, job.pages).then(
    (result) => parentPort!.postMessage({ result }),
    (e: unknown) =>
      parentPort!.postMessage({
        result: { text: '', pages: 0, failure: `the PDF could not be read (${(e as Error)?.message ?? String(e)}); nothing is extractable` },
      }),
  );
});
