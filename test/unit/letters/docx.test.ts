/**
 * Word (.docx) letters: real filed responses converted to Word by LibreOffice read as their EDGAR HTML does; a Word
 * draft with automatic numbering, tracked changes, Word comments and a footnote (built by
 * scripts/make-docx-fixtures.mjs) reads as Word shows it; a file that is not a readable Word document gets one line.
 */
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { Mark } from '../../../server/src/parse/blocks';
import { DOCX_LIMITS, readDocx } from '../../../server/src/parse/docx';
import { coverageOf, type Coverage } from '../../../server/src/letters/coverage';
import { frontMatterOf, letterKindOf, readLetterBytes, responseOf, sourceKindOf, staffLetterOf, type LetterFile } from '../../../server/src/letters/read';
import type { ResponseDraft } from '../../../server/src/letters/model';
import { draftDiagnostics } from '../../../server/src/features/diagnostics';
import { FIXTURES, fixtureBytes } from '../../helpers';

const LIBREOFFICE = path.join(FIXTURES, 'docx', 'libreoffice');

async function read(...parts: string[]): Promise<LetterFile> {
  return readLetterBytes(parts[parts.length - 1]!, fixtureBytes(...parts));
}

function summary(draft: ResponseDraft, coverage: Coverage) {
  return {
    anchors: draft.anchors.map((a) => a.numbers.join('+')),
    quotes: draft.anchors.map((a) => (a.quote?.text ?? '').replace(/\s+/g, ' ').trim()),
    answers: draft.anchors.map((a) => a.response.text.split(/\s+/).filter((w) => w.length > 0).length),
    coverage: coverage.comments.map((c) => `${c.number}:${c.status}`),
  };
}

describe('a real filed response converted to Word by LibreOffice', () => {
  for (const thread of readdirSync(LIBREOFFICE).sort()) {
    it(`reads as its EDGAR HTML does (${thread})`, async () => {
      // The letters as filed are the thread's (test/fixtures/threads); beside the Word file is only the conversion.
      const staff = staffLetterOf(await read('threads', thread, '01-staff.txt'));
      const html = await read('threads', thread, '02-response.htm');
      const word = await read('docx', 'libreoffice', thread, '02-response.docx');
      expect(word.failure).toBeUndefined();
      expect(word.kind).toBe('docx');
      expect(letterKindOf(word)).toBe(letterKindOf(html));
      const fromHtml = responseOf(html, staff);
      const fromWord = responseOf(word, staff);
      expect(fromWord.anchors.length).toBeGreaterThan(0);
      expect(summary(fromWord, coverageOf(fromWord, staff))).toEqual(summary(fromHtml, coverageOf(fromHtml, staff)));
    });
  }
});

describe('a Word response draft with automatic numbering, tracked changes and comments', () => {
  const load = async (changes?: 'original') => {
    const file = await readLetterBytes('word-draft.docx', fixtureBytes('docx', 'word-draft.docx'), undefined, changes ? { changes } : {});
    const staff = staffLetterOf(await read('docx', 'staff-letter-2017-08-16.md'));
    const draft = responseOf(file, staff);
    return { file, staff, draft, coverage: coverageOf(draft, staff) };
  };

  it('names its staff letter in a document property, read as front matter', async () => {
    const { file } = await load();
    expect(frontMatterOf(file.frontMatter)?.staffLetter?.path).toBe('staff-letter-2017-08-16.md');
    expect(letterKindOf(file)).toBe('response');
  });

  it('numbers the comments 1 to 5 as Word shows them, across the answers between them', async () => {
    const { draft, coverage } = await load();
    expect(draft.anchors.map((a) => a.numbers[0])).toEqual([1, 2, 3, 4, 5]);
    expect(coverage.answered).toBe(5);
    expect(coverage.problems.filter((p) => p.code === 'quote.drift' || p.code === 'anchor.misnumbered')).toEqual([]);
  });

  it('reads the bullets of comment 5 as bullets of the repeated comment', async () => {
    const { file, draft } = await load();
    expect(file.blocks.some((b) => b.text.startsWith('• The percentage by which fair value exceeded'))).toBe(true);
    expect(draft.anchors[4]!.quote?.text).toContain('negatively affect the key assumptions');
  });

  it('reads tracked changes as accepted, and says how many there are', async () => {
    const { file, coverage } = await load();
    const text = file.blocks.map((b) => b.text).join('\n');
    expect(text).toContain('The Company confirms that it has not transacted');
    expect(text).not.toContain('believes');
    expect(text).not.toContain('TODO');
    expect(text).toContain('as the table below shows for the second quarter of 2017.\n');
    expect(text).toContain('The figures are unaudited.');
    expect(coverage.comments.find((c) => c.number === 3)?.status).toBe('answered');
    const finding = file.findings?.find((f) => f.code === 'letter.tracked-changes');
    expect(finding?.message).toContain('2 insertions, 2 deletions, 1 move');
    expect(finding?.severity).toBe('warning');
    expect(file.text.slice(finding!.start, finding!.start + 200)).toContain('confirms');
  });

  it('reads the original text when asked, where answer 3 is still a placeholder', async () => {
    const { file, coverage } = await load('original');
    const text = file.blocks.map((b) => b.text).join('\n');
    expect(text).toContain('The Company believes that it has not transacted');
    expect(text).toContain('as the table below shows for the second quarter of 2017. The figures are unaudited.');
    expect(coverage.comments.find((c) => c.number === 3)?.status).toBe('placeholder');
    expect(file.findings?.find((f) => f.code === 'letter.tracked-changes')?.message).toContain('as it was before them');
  });

  it('brings Word comments across as notes where they are anchored, never as letter text', async () => {
    const { file } = await load();
    const notes = file.findings?.filter((f) => f.code === 'letter.word-comment') ?? [];
    expect(notes.map((n) => n.message)).toEqual([
      'Word comment (Pat Counsel, 2017-08-28) on “RMB 41.2 million and RMB 9.8 million”: Confirm the RMB figures with the auditors before filing.',
      'Word comment (Dana Auditor, 2017-08-28): We have not seen the collateral valuation. / Please send it.',
    ]);
    expect(file.text.slice(notes[0]!.start, notes[0]!.end)).toContain('RMB 41.2 million');
    const text = file.blocks.map((b) => b.text).join('\n');
    expect(text).not.toContain('Confirm the RMB figures');
    expect(text).not.toContain('collateral valuation');
  });

  it('shows the notes among the draft’s problems', async () => {
    const { file, draft, staff, coverage } = await load();
    const problems = draftDiagnostics({ file, draft, staff: { path: 'staff-letter-2017-08-16.md', letter: staff }, coverage }).problems;
    expect(problems.filter((p) => p.code === 'letter.word-comment')).toHaveLength(2);
    expect(problems.filter((p) => p.code === 'letter.tracked-changes')).toHaveLength(1);
  });

  it('keeps underlined additions and struck deletions, the footnote as a paragraph, and the table', async () => {
    const { file, draft } = await load();
    const disclosure = file.blocks.find((b) => b.text.startsWith('The Company provided an allowance'))!;
    expect(disclosure.runs.find((r) => r.text === 'provided an allowance of RMB 37.9 million for')?.marks).toBe(Mark.Underline);
    expect(disclosure.runs.find((r) => r.text === 'has')?.marks).toBe(Mark.Strike);
    const footnote = file.blocks.find((b) => b.text.startsWith('[1] The related party is'));
    expect(footnote?.kind).toBe('paragraph');
    expect(draft.anchors.every((a) => !a.response.text.includes('The related party is') || a.numbers[0] === 5)).toBe(true);
    expect(file.blocks.find((b) => b.kind === 'table')?.rows?.[1]).toEqual(['Adjusted EBITDA before tax effect', '212.8']);
  });

  it('starts a new paragraph at a page break', async () => {
    const { file } = await load();
    expect(file.blocks.some((b) => b.text.startsWith('If you have any questions regarding this response'))).toBe(true);
  });
});

describe('Word’s automatic numbering', () => {
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const lvl = (ilvl: number, fmt: string, text: string, extra = '') =>
    `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/>${extra}</w:lvl>`;
  const numbering = `<w:numbering ${W}>
    <w:abstractNum w:abstractNumId="0">${lvl(0, 'decimal', '%1.')}${lvl(1, 'lowerLetter', '(%2)')}${lvl(2, 'lowerRoman', '(%3)')}${lvl(3, 'decimal', '%1.%2.%4', '<w:isLgl/>')}</w:abstractNum>
    <w:abstractNum w:abstractNumId="1">${lvl(0, 'upperLetter', 'Comment %1:', '<w:suff w:val="space"/>')}</w:abstractNum>
    <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
    <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
    <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="7"/></w:lvlOverride></w:num>
  </w:numbering>`;
  const styles = `<w:styles ${W}>
    <w:style w:type="paragraph" w:styleId="CommentBase"><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
    <w:style w:type="paragraph" w:styleId="CommentNumber"><w:basedOn w:val="CommentBase"/></w:style>
  </w:styles>`;
  const para = (text: string, pPr = '') => `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}<w:r><w:t>${text}</w:t></w:r></w:p>`;
  const num = (numId: number, ilvl = 0) => `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`;
  const style = (id: string) => `<w:pStyle w:val="${id}"/>`;
  const document = `<w:document ${W}><w:body>
    ${para('revenue', style('CommentNumber'))}${para('Response: text')}${para('segments', style('CommentNumber'))}
    ${para('one', num(1))}${para('sub a', num(1, 1))}${para('sub b', num(1, 1))}${para('roman', num(1, 2))}${para('legal', num(1, 3))}${para('two', num(1))}${para('restarted sub', num(1, 1))}
    ${para('seven', num(3))}${para('eight', num(3))}${para('no number', style('CommentNumber') + '<w:numPr><w:numId w:val="0"/></w:numPr>')}
  </w:body></w:document>`;
  const TYPES =
    '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
  const RELS = `<Relationships><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="r2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;

  it('writes each paragraph’s number as Word shows it: styles, levels, formats, restarts and overrides', async () => {
    const bytes = zipSync({
      '[Content_Types].xml': strToU8(TYPES),
      'word/document.xml': strToU8(document),
      'word/numbering.xml': strToU8(numbering),
      'word/styles.xml': strToU8(styles),
      'word/_rels/document.xml.rels': strToU8(RELS),
    });
    const read = await readDocx(bytes);
    expect(read.failure).toBeUndefined();
    expect(read.blocks.map((b) => b.text)).toEqual([
      'Comment A: revenue',
      'Response: text',
      'Comment B: segments',
      '1. one',
      '(a) sub a',
      '(b) sub b',
      '(i) roman',
      '1.2.1 legal',
      '2. two',
      '(a) restarted sub',
      '7. seven',
      '8. eight',
      'no number',
    ]);
  });
});

describe('a file that is not a readable Word document', () => {
  const failureOf = async (name: string, bytes: Uint8Array) => (await readLetterBytes(name, bytes)).failure;
  const ole = (extra: string) => {
    const bytes = new Uint8Array(4096);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    for (let i = 0; i < extra.length; i++) bytes[1024 + i * 2] = extra.charCodeAt(i);
    return bytes;
  };
  const docxWith = (parts: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, strToU8(v)])));
  const TYPES =
    '<Types><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
  const body = (inner: string) => `<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${inner}</w:body></w:document>`;

  it('is a Word document by its extension, .docm and .doc included', () => {
    expect(['a.docx', 'b.DOCX', 'c.docm', 'd.doc'].map(sourceKindOf)).toEqual(['docx', 'docx', 'docx', 'docx']);
  });

  it('says a password-protected document must be saved without its password', async () => {
    expect(await failureOf('x.docx', ole('EncryptedPackage'))).toMatch(/^a password-protected Word document/);
  });

  it('says an old .doc must be saved as .docx', async () => {
    expect(await failureOf('x.doc', ole('WordDocument'))).toMatch(/Word 97–2003 document \(\.doc\).*save it as a Word Document \(\.docx\)/);
  });

  it('refuses a macro-enabled document in one line', async () => {
    const docm = docxWith({
      '[Content_Types].xml': TYPES.replace('wordprocessingml.document.main+xml', 'ms-word.document.macroEnabled.main+xml'),
      'word/document.xml': body('<w:p><w:r><w:t>Hi</w:t></w:r></w:p>'),
    });
    expect(await failureOf('x.docm', docm)).toMatch(/^a macro-enabled Word document \(\.docm\)/);
  });

  it('says a corrupt file is not a Word document, or a damaged one', async () => {
    expect(await failureOf('x.docx', strToU8('just some text'))).toMatch(/^not a Word document/);
    const zip = docxWith({ '[Content_Types].xml': TYPES, 'word/document.xml': body('<w:p><w:r><w:t>Hi</w:t></w:r></w:p>') });
    expect(await failureOf('x.docx', zip.subarray(0, zip.length - 30))).toMatch(/^a damaged Word document/);
    const broken = docxWith({ '[Content_Types].xml': TYPES, 'word/document.xml': body('<w:p><w:r><w:t>Hi</w:r></w:p>') });
    expect(await failureOf('x.docx', broken)).toMatch(/^a damaged Word document/);
    expect(await failureOf('x.docx', docxWith({ '[Content_Types].xml': '<Types/>' }))).toMatch(/^not a Word document/);
  });

  it('stops a zip bomb at the size limit', async () => {
    const zeros = new Uint8Array(DOCX_LIMITS.partBytes + 1024 * 1024);
    const bomb = zipSync({ '[Content_Types].xml': strToU8(TYPES), 'word/document.xml': [zeros, { level: 1 }] });
    expect(bomb.length).toBeLessThan(zeros.length / 100);
    expect(await failureOf('bomb.docx', bomb)).toMatch(/^word\/document\.xml: too large to be part of a letter/);
  });

  it('stops a document of more paragraphs than any letter', async () => {
    const many = body('<w:p><w:r><w:t>x</w:t></w:r></w:p>'.repeat(DOCX_LIMITS.paragraphs + 1));
    const read = await readDocx(docxWith({ '[Content_Types].xml': TYPES, 'word/document.xml': many }));
    expect(read.failure).toMatch(/^too long to be a letter \(more than 25,000 paragraphs\)/);
  });
});
