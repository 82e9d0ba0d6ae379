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
    expect(comment(await letter('solv_0000000000-23-002523/01-staff'), 4)).toMatch(/please revise these and similar statements to provide additional context, substantiate them, or state them as your belief\.$/);
    expect(comment(await letter('dash_0000000000-20-002224/01-staff'), 10)).toBe(
      'We note your references throughout the filing to your "Marketplace," including disclosure regarding total sales and orders on your Marketplace for the periods presented. However, we were unable to find disclosure defining your "Marketplace" in your filing. In an appropriate place in your filing, please disclose the definition of Marketplace.',
    );
    expect(comment(await letter('cof_0000000000-24-005698/01-staff'), 27)).toBe(
      'Please revise your disclosures to provide a more fulsome explanation and details, including calculation, of the ($2.9) billion adjustment to Other Assets, as described in note 4(g)(ii), for estimated deferred income taxes.',
    );
  });

  it('keeps the body’s words the header also uses: another date, the company named in a sentence', async () => {
    expect(comment(await letter('dash_0000000000-20-002224/01-staff'), 18)).toContain('"[t]he improving value proposition of local logistics platforms, including DoorDash, with wider selection than ever before, increasing convenience, and lower consumer fees have contributed to increasing off-premise consumption" (see page 114).');
    expect(comment(await letter('dash_0000000000-20-007251/01-staff'), 5)).toMatch(/including, specifically, where you discuss spend retention as it relates to the historical performance of your cohorts\.$/);
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
      expect(txt.comments.map((c) => [c.number, c.text]), name).toEqual(pdf.comments.map((c) => [c.number, c.text]));
    }
  });
});
