/**
 * Word letters under hostile input: random damage to a real Word draft never throws (a read or one line), the reading
 * of document.xml stays linear in its size (paragraphs, unclosed tags, comment marks), and deep nesting fails in one
 * line rather than overflowing the stack.
 */
import fc from 'fast-check';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readLetterBytes } from '../../../server/src/letters/read';
import { fixtureBytes } from '../../helpers';
import { analyseFile, expectLinearAsync, params, SLOW, tallyAsync } from './helpers';

const DRAFT = fixtureBytes('docx', 'word-draft.docx');
const TYPES =
  '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const docx = (body: string) =>
  zipSync({ '[Content_Types].xml': strToU8(TYPES), 'word/document.xml': strToU8(`<w:document ${W}><w:body>${body}</w:body></w:document>`) });

describe('a damaged Word draft', () => {
  it('random bytes overwritten: a letter or one line, never an exception, the same twice', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(DRAFT.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 }), async (edits) => {
        const bytes = DRAFT.slice();
        for (const [at, value] of edits) bytes[at] = value;
        const f = await tallyAsync('readLetterBytes(.docx, damaged)', bytes.length, () => readLetterBytes('x.docx', bytes));
        if (f.failure) expect(f.failure).not.toMatch(/\n|\bat \w+ \(/);
        else analyseFile(f);
        expect((await readLetterBytes('x.docx', bytes)).failure).toEqual(f.failure);
      }),
      params(40),
    );
  });

  it('document.xml cut short, or its tags mangled, is a damaged document, said in one line', async () => {
    const files = unzipSync(DRAFT);
    const xml = new TextDecoder().decode(files['word/document.xml']);
    await fc.assert(
      fc.asyncProperty(fc.nat(xml.length - 1), fc.constantFrom('', '<', '>', '</w:p>', '<w:p>', '&', ']]>'), async (at, junk) => {
        const mangled = { ...files, 'word/document.xml': strToU8(xml.slice(0, at) + junk + xml.slice(at + (junk ? 0 : xml.length))) };
        const f = await readLetterBytes('x.docx', zipSync(mangled));
        if (f.failure) expect(f.failure).toMatch(/^(?:a damaged Word document|not a Word document)/);
        else analyseFile(f); // what was read goes through the whole pipeline
        expect(await readLetterBytes('x.docx', zipSync(mangled))).toEqual(f); // and reads the same twice
      }),
      params(25),
    );
  });
});

describe('reading document.xml stays linear', SLOW, () => {
  const paragraph = '<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>Response text.</w:t></w:r></w:p>';
  it('in paragraphs', async () => {
    await expectLinearAsync(
      'readDocx(paragraphs)',
      (n) => docx(paragraph.repeat(n)),
      (b) => readLetterBytes('x.docx', b),
      150,
      { factor: 8 },
    );
  });

  it('in comment marks and tracked changes', async () => {
    const marked = (i: number) =>
      `<w:p><w:commentRangeStart w:id="${i}"/><w:ins w:id="${i}" w:author="A"><w:r><w:t>new</w:t></w:r></w:ins><w:del w:id="${i}" w:author="A"><w:r><w:delText>old</w:delText></w:r></w:del><w:commentRangeEnd w:id="${i}"/></w:p>`;
    await expectLinearAsync(
      'readDocx(marks)',
      (n) => docx(Array.from({ length: n }, (_, i) => marked(i)).join('')),
      (b) => readLetterBytes('x.docx', b),
      150,
      { factor: 8 },
    );
  });

  it('in a text of "<" with no ">" (a tag that never ends)', async () => {
    await expectLinearAsync(
      'readDocx(<<<)',
      (n) => docx(`<w:p><w:r><w:t>x</w:t></w:r></w:p>${'<w:p a="'.repeat(n)}`),
      (b) => readLetterBytes('x.docx', b),
      2000,
      { factor: 8 },
    );
  });
});

describe('deep nesting', () => {
  it('text boxes in text boxes, 20,000 deep: one line, or a reading, never a stack overflow', async () => {
    const depth = 20_000;
    const body =
      '<w:p><w:r><w:pict><w:txbxContent>'.repeat(depth) + '<w:p><w:r><w:t>deep</w:t></w:r></w:p>' + '</w:txbxContent></w:pict></w:r></w:p>'.repeat(depth);
    const f = await readLetterBytes('deep.docx', docx(body));
    if (f.failure) expect(f.failure).toBe('a damaged Word document (its parts are nested too deeply to read)');
    else expect(f.blocks.map((b) => b.text).join(' ')).toContain('deep');
  });
});
