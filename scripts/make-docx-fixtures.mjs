/**
 * `node scripts/make-docx-fixtures.mjs`: builds test/fixtures/docx/word-draft.docx, a Word response draft as a law
 * firm returns one, to the example staff letter (examples/staff-letter-2017-08-16.md, copied beside it):
 *
 * - the comment numbers are Word's automatic numbering (one list running 1–5 across the answers, a bullet list
 *   inside comment 5), captions bold and underlined, repeated comments bold;
 * - tracked changes: in answer 1 an insertion and a deletion; in answer 3 the placeholder "TODO" deleted and the
 *   answer inserted (accepted: answered; original: a placeholder); in answer 4 a paragraph moved;
 * - two Word comments (one on a range, one on a point), a footnote, an underlined addition and a struck deletion in
 *   proposed disclosure, a table, a page break before the signature;
 * - the custom document property `corresp-staff-letter` naming the staff letter.
 *
 * Uses the `docx` package (as the exporter does); the moved paragraph is written into document.xml after, as the
 * package has no move revisions. Run it again after changing it; the tests read the file it writes.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  FootnoteReferenceRun,
  InsertedTextRun,
  LevelFormat,
  Packer,
  PageBreak,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'test', 'fixtures', 'docx');
mkdirSync(OUT, { recursive: true });
copyFileSync(path.join(ROOT, 'examples', 'staff-letter-2017-08-16.md'), path.join(OUT, 'staff-letter-2017-08-16.md'));

const when = '2017-08-28T10:00:00Z';
const by = { author: 'Pat Counsel', date: when };
const p = (text, options = {}) => new Paragraph({ children: [new TextRun(text)], spacing: { after: 200 }, ...options });
const caption = (text) => new Paragraph({ children: [new TextRun({ text, bold: true, underline: {} })], spacing: { after: 200 } });
const comment = (text) =>
  new Paragraph({ numbering: { reference: 'comments', level: 0 }, children: [new TextRun({ text, bold: true })], spacing: { after: 200 } });
const bullet = (text) => new Paragraph({ numbering: { reference: 'bullets', level: 0 }, children: [new TextRun({ text, bold: true })] });

const C1 =
  'We continue to evaluate your response to prior comment 1 regarding your bad debt allowances provided for trade receivables and have the following comments. Provide us with the amounts of revenue you recognized from the two state-owned enterprise customers during fiscal 2016 and the most recent interim period. Confirm that you are not transacting with these customers subsequent to writing-off their receivable balances. Clarify why the receivables were deemed uncollectible while you identify these customers as "large and reputable and would generally not default on payments." Indicate why you believe revenue recognition was appropriate for these customers when revenue was recognized and how you determined that collection was probable at that time. Tell us more about recent events such as loss of customers and the “clean-up” of long-aging receivables as mentioned in your earnings call on May 26, 2017. Indicate how you plan to provide disclosures in your future filings that address these events or trends, if material.';
const C2 =
  'In your response to prior comment 1, you mentioned that RMB 37.9 million of bad debt allowance was provided for your loan receivable from a related party. Please provide corresponding disclosure in your future filings pursuant to ASC 850-10-50, if a material receivable balance from this party remains outstanding. Tell us how you assessed the recoverability of the remaining receivables from this party as of December 31, 2016, if any.';
const C3 =
  'Similarly to your response to prior comments 2, please ensure the reconciliations with the most directly comparable GAAP measures are provided for your segment Adjusted EBITDA in your future earnings releases. Refer to Item 100(a) of Regulation G.';
const C4 =
  'We note your response to prior comment 3. Please ensure in your future earnings releases that the tax effect of your non-GAAP adjustments is disclosed as a separate reconciling item. Disclose in future filings and in earnings releases how you determined the income tax effects. Refer to Question 102.11 of the updated Non-GAAP Compliance and Disclosure Interpretations issued on May 17, 2016.';
const C5 =
  'Tell us whether your MNS reporting unit was at risk of failing step 1 and the percentage by which its estimated fair value exceeded its carrying value as of October 1 and December 31, 2016, respectively. Please tell us whether you conducted a more recent impairment assessment. In this regard, indicate whether the sustained decrease in your market capitalization and continued losses in your MNS reporting unit have triggered an impairment test. If not, explain in detail why you believe a triggering event has not occurred. Refer to ASC 350-20-35-30. Further, consider adding disclosures to future filings if goodwill impairment charge could occur if the market capitalization and MNS’s results do not improve. In addition, to the extent any reporting unit is at risk of failing step 1, ensure your future filings disclose the following:';

const doc = new Document({
  title: 'Response to the staff letter of August 16, 2017',
  creator: 'Shang-Wen Hsiao',
  customProperties: [{ name: 'corresp-staff-letter', value: 'staff-letter-2017-08-16.md' }],
  numbering: {
    config: [
      { reference: 'comments', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.LEFT }] },
      { reference: 'bullets', levels: [{ level: 0, format: LevelFormat.BULLET, text: '\uF0B7', alignment: AlignmentType.LEFT }] },
    ],
  },
  comments: {
    children: [
      { id: 0, author: 'Pat Counsel', date: new Date(when), children: [new Paragraph('Confirm the RMB figures with the auditors before filing.')] },
      {
        id: 1,
        author: 'Dana Auditor',
        date: new Date('2017-08-28T15:00:00Z'),
        children: [new Paragraph('We have not seen the collateral valuation.'), new Paragraph('Please send it.')],
      },
    ],
  },
  footnotes: { 1: { children: [new Paragraph('The related party is Beijing Yiyun Network Technology Co., Ltd.')] } },
  sections: [
    {
      children: [
        p('August 29, 2017'),
        p('VIA EDGAR'),
        p(
          'Stephen Krikorian, Accounting Branch Chief, Office of Information Technologies and Services, Division of Corporation Finance, U.S. Securities and Exchange Commission, 100 F Street, N.E., Washington, D.C. 20549',
        ),
        new Paragraph({ children: [new TextRun({ text: 'Re: 21Vianet Group, Inc.', bold: true })] }),
        p('Form 20-F for the Fiscal Year Ended December 31, 2016, filed April 12, 2017, File No. 001-35126'),
        p('Dear Mr. Krikorian:'),
        p(
          'This letter sets forth the responses of 21Vianet Group, Inc. (the “Company”) to the comments of the staff (the “Staff”) of the Division of Corporation Finance of the Securities and Exchange Commission contained in your letter dated August 16, 2017 regarding the Company’s Form 20-F for the fiscal year ended December 31, 2016. For your convenience, each comment is repeated below in bold, followed by the Company’s response.',
        ),
        caption('Item 3. Key Information'),
        caption('A. Selected Financial Data, page 3'),
        comment(C1),
        new Paragraph({
          spacing: { after: 200 },
          children: [
            new TextRun('Response: The Company respectfully advises the Staff that it recognized revenue of '),
            new CommentRangeStart(0),
            new TextRun('RMB 41.2 million and RMB 9.8 million'),
            new CommentRangeEnd(0),
            new TextRun({ children: [new CommentReference(0)] }),
            new TextRun(' from the two state-owned enterprise customers in fiscal 2016 and in the six months ended June 30, 2017, respectively. The Company '),
            new InsertedTextRun({ text: 'confirms', id: 101, ...by }),
            new DeletedTextRun({ text: 'believes', id: 102, ...by }),
            new TextRun(' that it has not transacted with either customer since writing off their receivable balances.'),
          ],
        }),
        comment(C2),
        new Paragraph({
          spacing: { after: 200 },
          children: [
            new TextRun(
              'Response: The Company will provide the disclosure required by ASC 850-10-50-1 in its future filings for as long as a material balance remains outstanding.',
            ),
            new FootnoteReferenceRun(1),
            new TextRun(
              ' As of December 31, 2016, the remaining balance of RMB 12.3 million was secured by the related party’s equity interest in a data center operator',
            ),
            new CommentReference(1),
            new TextRun(', and the Company proposes to revise its disclosure as follows (additions underlined, deletions struck):'),
          ],
        }),
        new Paragraph({
          spacing: { after: 200 },
          indent: { left: 720 },
          children: [
            new TextRun('The Company '),
            new TextRun({ text: 'provided an allowance of RMB 37.9 million for', underline: {} }),
            new TextRun({ text: 'has', strike: true }),
            new TextRun(' a loan receivable from a related party.'),
          ],
        }),
        caption('Discussion of Non-GAAP Financial Measures, page 5'),
        comment(C3),
        new Paragraph({
          spacing: { after: 200 },
          children: [
            new TextRun('Response: '),
            new DeletedTextRun({ text: 'TODO', id: 103, ...by }),
            new InsertedTextRun({
              text: 'The Company will present reconciliations of segment Adjusted EBITDA to the most directly comparable GAAP measure in its future earnings releases.',
              id: 104,
              ...by,
            }),
          ],
        }),
        comment(C4),
        p(
          'Response: The Company will disclose the tax effect of its non-GAAP adjustments as a separate reconciling item in its future earnings releases and filings, as the table below shows for the second quarter of 2017.',
        ),
        new Table({
          width: { size: 100, type: WidthType.PERCENTAGE },
          rows: [
            new TableRow({
              children: ['Measure', 'Q2 2017 (RMB million)'].map(
                (t) => new TableCell({ children: [new Paragraph({ children: [new TextRun({ text: t, bold: true })] })] }),
              ),
            }),
            new TableRow({ children: ['Adjusted EBITDA before tax effect', '212.8'].map((t) => new TableCell({ children: [p(t)] })) }),
            new TableRow({ children: ['Tax effect of non-GAAP adjustments', '(14.6)'].map((t) => new TableCell({ children: [p(t)] })) }),
          ],
        }),
        p('MOVED-PARAGRAPH'),
        caption('Item 5. Operating and Financial Review and Prospects'),
        caption('Goodwill, page 84'),
        comment(C5),
        bullet('The percentage by which fair value exceeded carrying value as of the date of the most recent impairment test;'),
        bullet(
          'How the key assumptions were determined and the degree of uncertainty associated with the key assumptions. The discussion regarding uncertainty should provide specifics to the extent possible; and',
        ),
        bullet('A description of potential events and/or changes in circumstances that could reasonably be expected to negatively affect the key assumptions.'),
        new Paragraph({
          spacing: { after: 200 },
          children: [
            new TextRun({
              text: 'Alternatively, if true, disclose that material goodwill does not exist at reporting units that are at risk of failing step 1 or that no reporting units are at risk.',
              bold: true,
            }),
          ],
        }),
        p(
          'Response: The Company respectfully advises the Staff that the MNS reporting unit was not at risk of failing step 1: its estimated fair value exceeded its carrying value by [●]% as of October 1, 2016 and by 31% as of December 31, 2016.',
        ),
        new Paragraph({
          children: [
            new PageBreak(),
            new TextRun('If you have any questions regarding this response, please contact Shang-Wen Hsiao, Chief Financial Officer, at +86 10 8456 2121.'),
          ],
        }),
        p('Very truly yours,'),
        p('/s/ Shang-Wen Hsiao'),
      ],
    },
  ],
});

// A move: the sentence written after the table was moved there from the end of answer 4's first paragraph.
const files = unzipSync(new Uint8Array(await Packer.toBuffer(doc)));
let xml = strFromU8(files['word/document.xml']);
const moved = 'The figures are unaudited.';
const move = (tag, id) =>
  `<w:${tag} w:id="${id}" w:author="${by.author}" w:date="${when}"><w:r><w:${tag === 'moveFrom' ? 'delText' : 't'} xml:space="preserve"> ${moved}</w:${tag === 'moveFrom' ? 'delText' : 't'}></w:r></w:${tag}>`;
xml = xml.replace(/(as the table below shows for the second quarter of 2017\.<\/w:t><\/w:r>)/, `$1${move('moveFrom', 105)}`);
xml = xml.replace(/<w:r>(?:(?!<w:r>).)*?MOVED-PARAGRAPH<\/w:t><\/w:r>/, move('moveTo', 106));
if (xml.includes('MOVED-PARAGRAPH') || !xml.includes('w:moveFrom')) throw new Error('the move was not written');
files['word/document.xml'] = strToU8(xml);
writeFileSync(path.join(OUT, 'word-draft.docx'), zipSync(files));
console.log(`wrote ${path.relative(ROOT, path.join(OUT, 'word-draft.docx'))}`);
