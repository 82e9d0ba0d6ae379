/**
 * Staff letters read faithfully, on real letters whose shapes broke the reader: every comment found with its own
 * words (the 2018+ template's page header, which pdftotext interleaves with the body, never reaches a comment), a
 * comment that starts "We remind you" is a comment and not the closing, and the pdftotext output and the PDF give
 * the same comments.
 */
import { describe, expect, it } from 'vitest';
import type { StaffLetter } from '../../../server/src/letters/model';
import { staffLetterOf } from '../../../server/src/letters/read';
import { letterFile } from '../../helpers';

const LETTERS = [
  'cb_0000000000-19-007690/01-staff',
  'cof_0000000000-24-005698/01-staff',
  'dash_0000000000-20-002224/01-staff',
  'dash_0000000000-20-007251/01-staff',
  'dash_0000000000-20-007251/02-staff',
  'etn_0000000000-24-003729/04-staff',
  'itw_0000000000-21-011797/01-staff',
  'solv_0000000000-23-002523/01-staff',
  'vst_0000000000-17-002173/01-staff', // "TXU Energy" with a raised "TM"
];

async function letter(name: string, ext: 'txt' | 'pdf' = 'txt'): Promise<StaffLetter> {
  const [thread, file] = name.split('/');
  return staffLetterOf(await letterFile('threads', thread!, `${file}.${ext}`));
}

function comment(l: StaffLetter, n: number): string {
  return l.comments.find((c) => c.number === n)!.text;
}

describe('every comment, numbered as the letter numbers it', () => {
  it('finds a comment whose number follows the page header (DoorDash 11, 3M Health Care 5)', async () => {
    expect((await letter('dash_0000000000-20-002224/01-staff')).comments.map((c) => c.number)).toEqual(Array.from({ length: 29 }, (_, i) => i + 1));
    expect((await letter('solv_0000000000-23-002523/01-staff')).comments.map((c) => c.number)).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect((await letter('dash_0000000000-20-002224/01-staff')).problems.map((p) => p.code)).not.toContain('letter.numbering-gap');
  });

  it('finds a comment after one that ends without a full stop (Chubb 3: "… Disclosure Interpretations")', async () => {
    const l = await letter('cb_0000000000-19-007690/01-staff');
    expect(l.comments.map((c) => c.number)).toEqual([1, 2, 3]);
    expect(comment(l, 2)).toMatch(/Please tell us how you considered Question 100\.04 of the Non-GAAP Compliance and Disclosure Interpretations$/);
    expect(comment(l, 3)).toMatch(/Disclosure Interpretations$/); // and not the closing "In closing, we remind you …"
  });

  it('reads "22. We remind you that Question 2 of SAB Topic 5:Y …" as comment 22, not as the closing', async () => {
    const l = await letter('solv_0000000000-23-002523/01-staff');
    expect(comment(l, 22)).toMatch(/^We remind you that Question 2 of SAB Topic 5:Y states/);
    expect(comment(l, 25)).toMatch(/^We note the discussion beginning on page 85/);
  });
});

describe('a comment’s own words', () => {
  it('never holds the template residue (“FirstName Capital OneLastNameRichard D. Fairbank Financial Corporation”)', async () => {
    for (const name of LETTERS) {
      for (const c of (await letter(name)).comments) expect(c.text, `${name} comment ${c.number}`).not.toMatch(/FirstName|LastName|Comapany|\bName[A-Z]/);
    }
    expect(comment(await letter('cof_0000000000-24-005698/01-staff'), 7)).toContain('provides a summary of the material ongoing litigation');
  });

  it('puts a line pdftotext spread around the page header back in reading order', async () => {
    expect(comment(await letter('solv_0000000000-23-002523/01-staff'), 4)).toMatch(
      /please revise these and similar statements to provide additional context, substantiate them, or state them as your belief\.$/,
    );
    expect(comment(await letter('dash_0000000000-20-002224/01-staff'), 10)).toBe(
      'We note your references throughout the filing to your "Marketplace," including disclosure regarding total sales and orders on your Marketplace for the periods presented. However, we were unable to find disclosure defining your "Marketplace" in your filing. In an appropriate place in your filing, please disclose the definition of Marketplace.',
    );
    expect(comment(await letter('cof_0000000000-24-005698/01-staff'), 27)).toBe(
      'Please revise your disclosures to provide a more fulsome explanation and details, including calculation, of the ($2.9) billion adjustment to Other Assets, as described in note 4(g)(ii), for estimated deferred income taxes.',
    );
  });

  it('keeps the body’s words the header also uses: another date, the company named in a sentence', async () => {
    expect(comment(await letter('dash_0000000000-20-002224/01-staff'), 18)).toContain(
      '"[t]he improving value proposition of local logistics platforms, including DoorDash, with wider selection than ever before, increasing convenience, and lower consumer fees have contributed to increasing off-premise consumption" (see page 114).',
    );
    expect(comment(await letter('dash_0000000000-20-007251/01-staff'), 5)).toMatch(
      /including, specifically, where you discuss spend retention as it relates to the historical performance of your cohorts\.$/,
    );
  });

  it('does not run into the closing that follows the page header (“Eaton Corporation plc”)', async () => {
    expect(comment(await letter('etn_0000000000-24-003729/04-staff'), 1)).toMatch(/Refer to SEC Release No\. 33-10751\.$/);
  });
});

describe('the pdftotext output and the PDF', () => {
  it('give the same comments, word for word', async () => {
    for (const name of LETTERS) {
      const txt = await letter(name, 'txt');
      const pdf = await letter(name, 'pdf');
      expect(
        txt.comments.map((c) => [c.number, c.text]),
        name,
      ).toEqual(pdf.comments.map((c) => [c.number, c.text]));
    }
  });
});

describe('caption paths, as a reader sees them', () => {
  const path = async (name: string, n: number) => (await letter(name)).comments.find((c) => c.number === n)!.caption;

  it('keeps every caption written above a comment, outermost first (“Unaudited Pro Forma …, page 158” ⏎ “Note 3 – …”)', async () => {
    expect(await path('bkr_0000000000-17-014455/01-staff', 22)).toEqual([
      'Form S-4',
      'Unaudited Pro Forma Condensed Combined Financial Statements, page 158',
      'Note 3 – Purchase Accounting Adjustments, page 162',
    ]);
    expect(await path('bkr_0000000000-17-014455/01-staff', 2)).toEqual(['Form S-4', 'Summary, page 17', 'The Transactions, page 18']);
    expect(await path('cat_0000000000-24-002665/01-staff', 1)).toEqual([
      'Form 10-K for the fiscal year ended December 31, 2023',
      "Management's Discussion and Analysis of Financial Condition and Results of Operations",
      '2023 Compared with 2022',
      'Other Profit/Loss and Tax Items, page 33',
    ]);
  });

  it('reads a caption wrapped over two lines as one, and two stacked captions as two', async () => {
    expect(await path('bkr_0000000000-17-014455/01-staff', 32)).toEqual([
      'Form S-4',
      'Management’s Discussion and Analysis of Financial Condition and Results of Operations of GE O&G, page 200',
      'Key Performance Indicators, page 202',
    ]);
    expect((await path('dash_0000000000-20-002224/01-staff', 10)).at(-1)).toBe(
      "Management's Discussion and Analysis of Financial Condition and Results of Operations, page 78",
    );
    expect((await path('len_0000000000-16-068040/13-staff', 1)).slice(1)).toEqual([
      'Management’s Discussion and Analysis of Financial Condition and Results of Operations, page22',
      'Results of Operations, page 25',
    ]);
    expect(await path('cb_0000000000-19-007690/01-staff', 1)).toEqual([
      'Form 10-K for the year ended December 31, 2018',
      'Notes to Consolidated Financial Statements',
      '6. Unpaid losses and loss expenses',
      'c) Loss Development Tables, page F-47',
    ]);
  });

  it('keeps the item a caption plainly sits under, and only that', async () => {
    // A later MD&A section of the same 10-K stays under MD&A …
    expect(await path('cat_0000000000-24-002665/01-staff', 3)).toEqual([
      'Form 10-K for the fiscal year ended December 31, 2023',
      "Management's Discussion and Analysis of Financial Condition and Results of Operations",
      'Liquidity and Capital Resources, page 37',
    ]);
    // … the notes to the financial statements do not …
    expect(await path('casy_0000000000-23-001432/04-staff', 2)).toEqual([
      'Form 10-K for Fiscal Year Ended April 30, 2022',
      'Notes to Consolidated Financial Statements',
      'Note 1. Significant Accounting Policies',
      'Inventories, page 38',
    ]);
    // … a risk factor's heading stays under Risk Factors, the next section of the prospectus does not …
    expect(await path('cof_0000000000-24-005698/01-staff', 11)).toEqual([
      'Registration Statement on Form S-4',
      'Risk Factors, page 30',
      "Integrating Discover's business into Capital One may be more difficult, page 31",
    ]);
    expect(await path('cof_0000000000-24-005698/01-staff', 14)).toEqual(['Registration Statement on Form S-4', 'Background of the Mergers, page 54']);
    // … and the Business section holds its own sections, not one eighty pages on.
    expect(await path('dash_0000000000-20-002224/01-staff', 19)).toEqual([
      'Draft Registration Statement on Form S-1 filed February 13, 2020',
      'Business, page 106',
      'Our Business, page 107',
    ]);
    expect(await path('dash_0000000000-20-002224/01-staff', 24)).toEqual([
      'Draft Registration Statement on Form S-1 filed February 13, 2020',
      'Non-GAAP Financial Measures, page 185',
    ]);
  });

  it('files each comment under its own filing, and a registrant’s name above its filing', async () => {
    expect(await path('cb_0000000000-19-007690/01-staff', 2)).toEqual([
      'Form 8-K dated February 5, 2019',
      'Exhibit 99.2',
      'Regulation G—Non-GAAP Financial Measures',
      'Core Operating Income measures, page 33',
    ]);
    expect(await path('itw_0000000000-21-011797/01-staff', 2)).toEqual([
      'Form 10-Q/A for the Quarterly Period Ended June 30, 2021',
      'After-tax Return on Average Invested Capital, page 27',
    ]);
    expect(await path('bkr_0000000000-17-014455/01-staff', 35)).toEqual([
      'Baker Hughes, Inc.',
      'Form 10-K for the Fiscal Year Ended December 31, 2016',
      'Products and Services, page 4',
      'Oilfield Operations, page 4',
    ]);
  });

  it('reads "Response to COVID-19 and Global Business Conditions, page 27" as the next comment’s caption, not the last words of this one', async () => {
    const l = await letter('cat_0000000000-22-010513/01-staff');
    expect(comment(l, 4)).toMatch(/results of operations\.$/);
    expect(l.comments.find((c) => c.number === 5)!.caption.at(-1)).toBe('Response to COVID-19 and Global Business Conditions, page 27');
  });

  it('never takes a running head for a caption (“Mr. Gross”, “Vistra Energy Corp” without its stop)', async () => {
    expect((await path('len_0000000000-16-068040/13-staff', 2)).join(' > ')).not.toMatch(/Gross/);
    expect((await path('vst_0000000000-17-002173/03-staff', 3))[0]).toBe('Executive Compensation');
  });
});

describe('the Re block', () => {
  it('keeps every registrant, filing and File No. of a letter about several', async () => {
    const l = await letter('ess_0000000000-17-010663/01-staff');
    expect(l.company).toBe('Essex Property Trust, Inc.');
    expect(l.companies).toEqual(['Essex Property Trust, Inc.', 'Essex Portfolio, L.P.']);
    expect(l.fileNumber).toBe('001-13106');
    expect(l.fileNumbers).toEqual(['001-13106', '333-44467']);
    expect(l.filings.map((f) => [f.description, f.filed, f.company, f.fileNumber])).toEqual([
      ['Form 10-K for the fiscal year ended December 31, 2016', 'February 24, 2017', 'Essex Property Trust, Inc.', '001-13106'],
      ['Form 8-K', 'February 2, 2017', 'Essex Property Trust, Inc.', '001-13106'],
      ['Form 10-K for the fiscal year ended December 31, 2016', 'February 24, 2017', 'Essex Portfolio, L.P.', '333-44467'],
      ['Form 8-K', 'February 2, 2017', 'Essex Portfolio, L.P.', '333-44467'],
    ]);
    const bkr = await letter('bkr_0000000000-17-014455/01-staff');
    expect(bkr.companies).toEqual(['Bear Newco, Inc.', 'Bakes Hughes, Inc.']);
    expect(bkr.fileNumbers).toEqual(['333-216991', '001-09397']);
  });

  it('reads "RE:" in capitals, and an amendment written over two lines as one filing', async () => {
    const etn = await letter('etn_0000000000-17-044426/01-staff');
    expect([etn.company, etn.fileNumber, etn.filings.map((f) => f.description)]).toEqual([
      'Eaton Corporation plc',
      '0-54863',
      ['Form 10-K for the Year Ended December 31, 2016'],
    ]);
    expect((await letter('vst_0000000000-17-002173/03-staff')).filings.map((f) => [f.description, f.filed])).toEqual([
      ['Amendment No. 1 to Registration Statement on Form S-1', 'February 14, 2017'],
    ]);
  });
});

describe('the asks checklist', () => {
  it('counts "You should …" and a request after an opening phrase, and not an observation', async () => {
    const mrsh = await letter('mrsh_0000000000-16-085137/01-staff');
    expect(mrsh.comments[0]!.asks.some((a) => /^You should describe any products or services you have provided into Sudan and Syria/.test(a))).toBe(true);
    expect(mrsh.comments[1]!.asks.filter((a) => /^You should address/.test(a))).toHaveLength(2);
    const carr = await letter('carr_0000000000-19-013211/01-staff');
    expect(carr.comments[1]!.asks.some((a) => /^If the provision applies to claims under the Securities Act, also revise your disclosure/.test(a))).toBe(true);
    const dash = await letter('dash_0000000000-20-002224/01-staff');
    expect(dash.comments[0]!.asks.some((a) => /^We note that you provide definitions/.test(a))).toBe(false);
    expect(dash.comments[0]!.asks.length).toBeGreaterThan(0);
  });
});

describe('words broken at a line end', () => {
  it('joins a hyphen ending the line to the next line’s word ("non-" ⏎ "GAAP"), and keeps real dashes', async () => {
    const cb = await letter('cb_0000000000-16-084378/01-staff');
    const text = cb.comments.map((c) => c.text).join('\n');
    expect(text).toContain('on the use of non-GAAP');
    expect(text).not.toMatch(/\w- [A-Za-z0-9]/);
    const bkr = await letter('bkr_0000000000-17-014455/01-staff');
    expect(bkr.comments.find((c) => c.number === 30)!.text).toContain('for other non-recurring costs');
    expect(bkr.comments.find((c) => c.number === 22)!.text).not.toMatch(/\w- \w/);
  });
});
