/**
 * Bench group `docx`: reading a Word letter. A generated response draft of about 50 pages (Corresp Markdown,
 * exported to .docx by Corresp's own Word export: US Letter, Times New Roman 12, one-inch margins; LibreOffice
 * lays the file out on 50 pages) is read as `corresp check` reads it: readLetterBytes (unzip, mammoth, htmlToBlocks)
 * then responseOf + coverageOf, timed as a whole and by phase, next to the same draft read as Markdown. Median of
 * several runs. Called by run.mjs (`--only=docx`).
 */
import { responseDraft, staffLetter } from './generate.mjs';

/** Comments in the generated draft, and bytes asked of the generator per comment: ≈ 50 pages once laid out. */
export const DOCX_COMMENTS = 60;
export const DOCX_BYTES_PER_COMMENT = 1500;

export async function groupDocx(C, { measure, quick }) {
  const n = quick ? 20 : DOCX_COMMENTS;
  const letter = staffLetter({ comments: n, seed: 11 });
  const staff = C.staffLetterOf(C.readLetterText('staff-letter.md', letter.md));
  const markdown = responseDraft(letter.model, { targetBytes: n * DOCX_BYTES_PER_COMMENT, staffPath: './staff-letter.md', seed: 11 });
  const { bytes } = await C.exportDocx(markdown);
  const runs = { minRuns: quick ? 3 : 5, maxRuns: quick ? 3 : 7 };
  const m = {};
  m.readDocx = await measure(async () => {
    const t0 = performance.now();
    const file = await C.readLetterBytes('draft.docx', bytes);
    const t1 = performance.now();
    C.coverageOf(C.responseOf(file, staff), staff);
    return { read: t1 - t0, model: performance.now() - t1 };
  }, runs);
  m.readMarkdown = await measure(() => C.coverageOf(C.responseOf(C.readLetterText('draft.md', markdown, new C.MarkdownParser()), staff), staff), runs);
  const file = await C.readLetterBytes('draft.docx', bytes);
  const anchors = C.responseOf(file, staff).anchors.length;
  process.stderr.write(
    `  docx: ${n} comments, ${(bytes.length / 1024).toFixed(0)} KB .docx (${(markdown.length / 1024).toFixed(0)} KB Markdown): read ${m.readDocx.median.toFixed(0)} ms median\n`,
  );
  return { comments: n, anchors, docxBytes: bytes.length, markdownBytes: markdown.length, blocks: file.blocks.length, failure: file.failure ?? null, ...m };
}
