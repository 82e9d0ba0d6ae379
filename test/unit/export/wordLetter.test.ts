/**
 * The Word export as a firm sets a letter (US Letter, one-inch margins, page numbers, captions at the body's size,
 * the document properties), a firm's reference document, and the round trip: a draft exported to Word and read
 * back gives the same comments, anchors, answers and coverage, on the example and on real responses.
 */
import { readdirSync } from 'node:fs';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { exportDocx, exportHtml } from '../../../server/src/features/export';
import { importLetter } from '../../../server/src/features/importLetter';
import { coverageOf } from '../../../server/src/letters/coverage';
import type { ResponseDraft, StaffLetter } from '../../../server/src/letters/model';
import { frontMatterOf, readLetterBytes, readLetterText, responseOf, staffLetterOf } from '../../../server/src/letters/read';
import { docxTemplate } from '../../../server/src/parse/docx';
import { letterFile, REAL } from '../../helpers';
import { example } from './drafts';
import { unzip } from './helpers';

const part = async (markdown: string, name: string, options = {}) =>
  unzip((await exportDocx(markdown, options)).bytes)
    .get(name)
    ?.toString('utf8') ?? '';

/**
 * A text's words. A list item's marker is not text in Markdown ("-", "1."); in Word it is what Word draws ("●", "○",
 * "1."): the words are the same.
 */
const words = (s: string) =>
  s
    .replace(/[*_\\]/g, '')
    .split(/\s+/)
    .filter((w) => w.length > 0 && !/^(?:[-•●○▪◦■‣⁃∙►]|\d{1,3}\.)$/.test(w));

/** What a reader of the letter sees of each answer: its numbers, the repeated comment, the answer's words, the coverage. */
function summary(draft: ResponseDraft, staff: StaffLetter) {
  return {
    anchors: draft.anchors.map((a) => a.numbers.join('+')),
    quotes: draft.anchors.map((a) => words(a.quote?.text ?? '').join(' ')),
    answers: draft.anchors.map((a) => words(a.response.text).length),
    placeholders: draft.anchors.map((a) => a.response.placeholder),
    captions: draft.anchors.map((a) => a.captionsBefore.map((c) => c.title)),
    coverage: coverageOf(draft, staff).comments.map((c) => `${c.number}:${c.status}`),
  };
}

async function roundTrip(markdown: string, staff: StaffLetter) {
  const fromMarkdown = responseOf(readLetterText('draft.md', markdown), staff);
  const word = await readLetterBytes('draft.docx', (await exportDocx(markdown)).bytes);
  expect(word.failure).toBeUndefined();
  return { markdown: summary(fromMarkdown, staff), word: summary(responseOf(word, staff), staff), file: word };
}

describe('the Word export sets a letter as a firm does', () => {
  it('on US Letter pages with one-inch margins', async () => {
    const xml = await part(example(), 'word/document.xml');
    expect(xml).toMatch(/<w:pgSz w:w="12240" w:h="15840"/);
    expect(xml).toMatch(/<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440"/);
  });

  it('with the page number in every page’s footer', async () => {
    const files = unzip((await exportDocx(example())).bytes);
    const xml = files.get('word/document.xml')!.toString('utf8');
    expect(xml).toMatch(/<w:footerReference w:type="default" r:id="[^"]+"\/>/);
    const footer = [...files.entries()].find(([name]) => /^word\/footer\d*\.xml$/.test(name))?.[1].toString('utf8') ?? '';
    expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
  });

  it('with captions at the body’s size in black: Heading 1 bold, Heading 2 underlined, Heading 3 italic', async () => {
    const styles = await part(example(), 'word/styles.xml');
    const style = (id: string) => new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`).exec(styles)?.[0] ?? '';
    for (const id of ['Heading1', 'Heading2', 'Heading3']) {
      expect(style(id), id).toMatch(/<w:sz w:val="24"\/>/);
      expect(style(id), id).toMatch(/<w:color w:val="000000"\/>/);
    }
    expect(style('Heading1')).toMatch(/<w:b\/>/);
    expect(style('Heading2')).toMatch(/<w:u w:val="single"\/>/);
    expect(style('Heading3')).toMatch(/<w:i\/>/);
    expect(styles).not.toMatch(/2E74B5|1F3763|4472C4/i); // Word's blue heading colours
  });

  it('with the title, author and company of the letter, and the staff letter it answers as a custom property', async () => {
    const files = unzip((await exportDocx(example(), { staffLetterPath: '../letters/staff-letter-2017-08-16.md' })).bytes);
    const core = files.get('docProps/core.xml')!.toString('utf8');
    expect(core).toContain('<dc:title>21Vianet Group, Inc.: Response to the SEC staff’s comment letter of August 16, 2017</dc:title>');
    expect(core).toContain('<dc:creator>21Vianet Group, Inc.</dc:creator>');
    expect(files.get('docProps/app.xml')!.toString('utf8')).toContain('<Company>21Vianet Group, Inc.</Company>');
    const read = await readLetterBytes('draft.docx', (await exportDocx(example(), { staffLetterPath: '../letters/staff-letter-2017-08-16.md' })).bytes);
    expect(frontMatterOf(read.frontMatter)?.staffLetter?.path).toBe('../letters/staff-letter-2017-08-16.md');
    expect(frontMatterOf(read.frontMatter)?.declaredKind).toBe('response');
  });

  it('and the EDGAR HTML sets captions as paragraphs at the body’s size too', () => {
    const { text } = exportHtml(example());
    expect(text).not.toMatch(/<H[1-6]\b/i);
    expect(text).toContain('<P><B>Item 3. Key Information</B></P>');
  });
});

describe('a firm’s reference document', () => {
  async function firmTemplate(): Promise<Uint8Array> {
    const doc = new Document({
      styles: {
        default: { document: { run: { font: 'Garamond', size: 23 } }, heading1: { run: { font: 'Garamond', size: 23, smallCaps: true, bold: true } } },
      },
      sections: [
        {
          properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1134, right: 1134, bottom: 1134, left: 1701 } } },
          children: [new Paragraph({ text: 'Firm template', heading: HeadingLevel.HEADING_1 })],
        },
      ],
    });
    return new Uint8Array(await Packer.toBuffer(doc));
  }

  it('lends the export its styles and its page size and margins', async () => {
    const template = docxTemplate(await firmTemplate());
    if ('failure' in template) throw new Error(template.failure);
    expect(template.page).toEqual({ width: 11906, height: 16838, margin: { top: 1134, right: 1134, bottom: 1134, left: 1701, header: 708, footer: 708 } });
    const files = unzip((await exportDocx(example(), { reference: template })).bytes);
    const styles = files.get('word/styles.xml')!.toString('utf8');
    expect(styles).toContain('Garamond');
    expect(styles).toMatch(/<w:smallCaps\/>/);
    expect(files.get('word/document.xml')!.toString('utf8')).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
  });

  it('is refused in one line when it is not a Word document', () => {
    expect(docxTemplate(new TextEncoder().encode('not a zip'))).toEqual({
      failure: 'not a Word document (a .docx file is a zip package, and this file is not one)',
    });
  });
});

describe('the round trip: a draft exported to Word reads back the same', () => {
  it('the example: the same comments, anchors, answers, captions and coverage', async () => {
    const staff = staffLetterOf(await letterFile('..', '..', 'examples', 'staff-letter-2017-08-16.md'));
    const { markdown, word } = await roundTrip(example(), staff);
    expect(word.coverage).toEqual(['1:answered', '2:answered', '3:placeholder', '4:missing', '5:answered']);
    expect(word).toEqual(markdown);
  });

  for (const pair of readdirSync(REAL)
    .filter((d) => !d.startsWith('.'))
    .sort()) {
    it(`a real response imported to Markdown (${pair})`, async () => {
      const staff = staffLetterOf(await letterFile('real', pair, 'staff.txt'));
      const imported = importLetter(await letterFile('real', pair, 'response.htm'), { staffLetterPath: 'staff.txt' });
      if (imported.kind === 'response') {
        const { markdown, word } = await roundTrip(imported.markdown, staff);
        expect(word).toEqual(markdown);
        return;
      }
      // Read as a staff letter (a response that repeats the comments stands in for one): the same comments back.
      const word = await readLetterBytes('letter.docx', (await exportDocx(imported.markdown)).bytes);
      const comments = (letter: StaffLetter) => letter.comments.map((c) => `${c.number}: ${words(c.text).join(' ')}`);
      expect(comments(staffLetterOf(word))).toEqual(comments(staffLetterOf(readLetterText('letter.md', imported.markdown))));
    });
  }
});
