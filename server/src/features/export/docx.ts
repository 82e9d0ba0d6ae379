/**
 * The Word export's face: its options, the page Corresp sets, and `renderDocx`, which loads the writer
 * (`docxWriter.ts`, on the `docx` library) on first use. The bundles load the writer from dist/docx-writer.mjs,
 * beside them (esbuild.mjs): the `docx` library is an eighth of the server's source, which V8 would otherwise read
 * at every start of the server and the CLI, though most sessions never export to Word.
 */
import type { DocxTemplate, PageSetup } from '../../parse/docx';
import type { ExportDraft } from './model';

export interface DocxOptions {
  readonly title?: string;
  /** The author (core property dc:creator). */
  readonly author?: string;
  /** The company (extended property Company). */
  readonly company?: string;
  readonly subject?: string;
  /** Custom document properties by name (`corresp-staff-letter`, `corresp`, `corresp-due`). */
  readonly properties?: Readonly<Record<string, string>>;
  /** A firm's reference document: its styles and page setup replace Corresp's. */
  readonly reference?: DocxTemplate;
}

/** US Letter, one-inch margins, header and footer half an inch from the edge (twips). */
export const LETTER_PAGE: PageSetup = { width: 12240, height: 15840, margin: { top: 1440, right: 1440, bottom: 1440, left: 1440, header: 720, footer: 720 } };

/** The draft as a Word document's bytes (see `docxWriter.ts`). */
export async function renderDocx(draft: ExportDraft, options: DocxOptions = {}): Promise<Uint8Array> {
  let writer: typeof import('./docxWriter');
  try {
    writer = await import('./docxWriter');
  } catch (e) {
    throw new Error(`Corresp's Word writer could not be loaded (${e instanceof Error ? e.message : String(e)}): reinstall Corresp`, { cause: e });
  }
  return writer.writeDocx(draft, options);
}
