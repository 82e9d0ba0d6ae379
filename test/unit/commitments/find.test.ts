import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { commitmentsOf } from '../../../server/src/commitments';
import { readLetterBytes, staffLetterOf } from '../../../server/src/letters/read';
import { covers, evaluate, labels } from '../../commitments/evaluate';
import { commitmentsIn, withText } from './helpers';

describe('commitments in real responses', () => {
  it('finds a promise with its proposed disclosure in a quotation, under the comment it answers', async () => {
    const { commitments } = await commitmentsIn('cat_0000000000-17-022437/04-response.htm', 'cat_0000000000-17-022437/03-staff.txt');
    expect(commitments).toHaveLength(1);
    const c = commitments[0]!;
    expect(c.text).toBe('We note the Staff’s comment, and in future filings we will revise our disclosure substantially in the form set forth below:');
    expect(c.comments).toEqual([1]);
    expect(c.answers).toBe('anchor');
    expect(c.target).toMatchObject({ kind: 'open', text: 'future filings' });
    expect(c.proposed?.form).toBe('blocks');
    expect(c.proposed?.text).toMatch(/^“For tax years 2007 to 2012/);
    expect(c.proposed?.text).toMatch(/consolidated financial position, liquidity or results of operations\.”$/);
  });

  it('marks the underlined sentences of a proposal as additions', async () => {
    const { commitments } = await commitmentsIn('itw_0000000000-21-011797/02-response.htm', 'itw_0000000000-21-011797/01-staff.txt');
    const c = withText(commitments, 'the Company will disclose how it derived "Average invested capital"');
    const added = c.proposed!.parts.filter((p) => p.added).map((p) => p.text);
    expect(added).toContain("Operating income and each of the invested capital balances are the GAAP amounts reported in the Company's financial statements.");
    expect(c.proposed!.parts.find((p) => p.text.startsWith('After-tax ROIC is a non-GAAP financial measure'))?.added).toBe(false);
  });

  it('leaves struck-through words out of the proposed text', async () => {
    const { commitments } = await commitmentsIn('ea_0000000000-19-011278/06-response.htm', 'ea_0000000000-19-011278/05-staff.txt');
    const c = withText(commitments, 'we will provide additional disclosure about our net revenue attributable to extra content');
    expect(c.proposed?.text).toContain('was $2,216 million, $2,083 million and $1,589 million during fiscal years 2019, 2018 and 2017');
    expect(c.proposed?.text).not.toContain('comprised 45 percent of our total net revenue during fiscal year 2019');
  });

  it('reads prose responses: the promise in the paragraph that answers, the comment its words match', async () => {
    const { commitments } = await commitmentsIn('casy_0000000000-23-001432/03-response.htm', 'casy_0000000000-23-001432/01-staff.txt');
    const c = withText(commitments, 'we will remove the footnote reference');
    expect(c.answers).toBe('prose');
    expect(c.comments).toEqual([2]);
    expect(c.target).toMatchObject({ kind: 'open' });
  });

  it('reads a response the reader now anchors by number: the promise under the comment it answers', async () => {
    const { commitments } = await commitmentsIn('len_0000000000-19-007876/04-response.htm', 'len_0000000000-19-007876/03-staff.txt');
    const c = withText(commitments, 'we will disclose our significant accounting policies for contracts with customers');
    expect(c.answers).toBe('anchor');
    expect(c.comments).toEqual([1]);
    expect(c.target).toMatchObject({ kind: 'open', forms: ['10-Q'] });
  });

  it('joins a sentence cut by a page break, so the filing it names stays with the promise', async () => {
    const dir = path.resolve(__dirname, '../../fixtures/real/adm-0000000000-20-007987');
    const file = await readLetterBytes('response.htm', new Uint8Array(readFileSync(path.join(dir, 'response.htm'))));
    const staff = staffLetterOf(await readLetterBytes('staff.txt', new Uint8Array(readFileSync(path.join(dir, 'staff.txt')))));
    const c = withText(commitmentsOf({ file }, staff), 'we will disclose the factors that require us to perform an impairment analysis');
    expect(c.text).toMatch(/^In future filings, when impairment charges are material, we will disclose/);
    expect(c.target).toMatchObject({ kind: 'open', text: 'future filings' });
    expect(c.conditional).toBe(true);
  });

  it('never reads the staff’s repeated comment as a promise', async () => {
    const { commitments } = await commitmentsIn('etn_0000000000-17-044426/04-response.htm', 'etn_0000000000-17-044426/03-staff.txt');
    expect(commitments.map((c) => c.text)).toEqual([
      'In light of the Staff’s position, we propose to replace Operating earnings and Operating earnings per ordinary share with "Adjusted earnings" and "Adjusted earnings per ordinary share", respectively, in all future filings.',
    ]);
  });

  it('finds no promise in a registration-statement response that revises the filing itself', async () => {
    const { commitments } = await commitmentsIn('bkr_0000000000-17-014455/02-response.htm', 'bkr_0000000000-17-014455/01-staff.txt');
    expect(commitments).toEqual([]);
  });

  it('gives promises that name no filing the one the letter’s opening names for all of them', async () => {
    const { commitments } = await commitmentsIn('cb_0000000000-17-027038/04-response.htm', 'cb_0000000000-17-027038/03-staff.txt');
    expect(commitments.some((c) => c.text.startsWith('Where we indicate below'))).toBe(false);
    const c = withText(commitments, 'we have determined that we will adjust the relevant prior period development disclosures');
    expect(c.target).toMatchObject({ kind: 'open', text: 'upcoming filings' });
    expect(c.proposed?.parts.length).toBeGreaterThan(3);
  });

  it('reads “see the updated discussion below …” as pointing at proposed text, not as a promise of its own', async () => {
    const { commitments } = await commitmentsIn('xyl_0000000000-22-008046/05-response.htm', 'xyl_0000000000-22-008046/03-staff.txt');
    // "see the updated discussion below … illustrative example of how the Company will disclose" points at a
    // proposal; it is not a promise of its own.
    expect(commitments.some((c) => c.text.startsWith('illustrative example'))).toBe(false);
    const c = withText(commitments, 'we will also highlight the comparable GAAP measure with greater prominence');
    expect(c.target?.forms).toEqual(['8-K']);
    // The examples the answer sets out before its promise are that promise's proposed text; the closing after it is not.
    expect(c.proposed?.form).toBe('blocks');
    expect(c.proposed?.text).toMatch(/^Form 8-K furnished May 4, 2022\n\nXylem generated net income of \$82 million/);
    // The first example runs on through its own headings ("First Quarter Segment Results", "Water Infrastructure").
    expect(c.proposed?.text).toContain('Adjusted EBITDA margin was 15.9 percent, down 140 basis points from the prior year.');
    expect(c.proposed?.text).toContain('Net income margin of 8%, adjusted EBITDA margin exceeded guidance');
    expect(c.proposed?.text).not.toMatch(/respectfully acknowledges|illustrative example|pleased to discuss/);
    expect(c.proposed!.start).toBeLessThan(c.start);
  });

  it('reads “see Exhibit B attached for proposed disclosure …” as text elsewhere, not the answer’s next paragraphs', async () => {
    const dir = path.resolve(__dirname, '../../fixtures/real/afl-0000000000-16-074172');
    const file = await readLetterBytes('response.htm', new Uint8Array(readFileSync(path.join(dir, 'response.htm'))));
    const staff = staffLetterOf(await readLetterBytes('staff.txt', new Uint8Array(readFileSync(path.join(dir, 'staff.txt')))));
    // With the staff letter and without it (the reader then runs the answer over the closing's acknowledgements).
    for (const c of [commitmentsOf({ file }, staff), commitmentsOf({ file })].map((cs) =>
      withText(cs, 'See Exhibit B attached for proposed disclosure enhancements'),
    )) {
      expect(c.proposed?.form).toBe('elsewhere');
      expect(c.proposed?.text).toBe('');
    }
    // "Distribution Channels:" is the caption of the comment's next part; "we acknowledge that:" opens the closing.
    for (const c of commitmentsOf({ file })) expect(c.proposed?.text ?? '').not.toMatch(/^Explain how revenue|responsible for the adequacy and accuracy/);
  });

  it('does not read a charter the company will file with its state as a promise of disclosure', async () => {
    // DoorDash: "Prior to the completion of the Company’s initial public offering …, the Company intends to file an
    // amended and restated certification of incorporation which will effect the reclassification …" (cut by a page
    // break the reader now removes).
    const { commitments } = await commitmentsIn('dash_0000000000-20-007251/04-response.htm', 'dash_0000000000-20-007251/03-staff.txt');
    expect(commitments.map((c) => c.text.slice(0, 60))).toEqual(['The indicative price range to be included in the preliminary']);
  });
});

describe('the hand-labelled sample', () => {
  it('is at least 40 real responses with every commitment sentence marked', () => {
    const all = labels();
    expect(all.length).toBeGreaterThanOrEqual(40);
    expect(all.reduce((n, l) => n + l.commitments.length, 0)).toBeGreaterThan(100);
    expect(all.filter((l) => l.commitments.length === 0).length).toBeGreaterThan(5);
  });

  it('is found with recall and precision of at least 90%', async () => {
    const e = await evaluate();
    expect(e.recall).toBeGreaterThanOrEqual(0.9);
    expect(e.precision).toBeGreaterThanOrEqual(0.9);
  }, 120_000);

  it('counts a found passage as covering the sentences it holds, and no others', async () => {
    const { commitments } = await commitmentsIn('cb_0000000000-17-027038/04-response.htm', 'cb_0000000000-17-027038/03-staff.txt');
    const c = withText(commitments, 'thus will disclose the impact of the reporting lag');
    // The promise and the sentence that carries it on ("Specifically, starting with our 2017 Form 10-K as follows:").
    expect(covers(c, 'Specifically, starting with our 2017 Form 10-K as follows:')).toBe(true);
    expect(
      covers(
        c,
        'However, we have continued to study these businesses since the acquisitions and we intend to include these reserves in our loss development tables in future filings.',
      ),
    ).toBe(false);
  });
});
