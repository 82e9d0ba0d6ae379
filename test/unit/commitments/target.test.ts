import { describe, expect, it } from 'vitest';
import { periodEndOf, targetCovers, targetIn } from '../../../server/src/commitments';

// Sentences from real responses in test/fixtures/commitments (and the brief's examples of how letters name filings).
describe('the filing or period a commitment names', () => {
  it('reads “future filings” as open', () => {
    expect(targetIn('In future filings, we will expand our Homebuilding revenue recognition disclosures.')).toMatchObject({
      kind: 'open',
      forms: [],
      onward: true,
      text: 'future filings',
    });
  });

  it('reads where an open promise begins, with the period', () => {
    const t = targetIn(
      'In future filings, beginning with the Company’s Quarterly Report on Form 10-Q for the quarter ended March 31, 2017, anticipated to be filed with the Commission in May 2017, where applicable, the Company will revise the disclosure.',
    );
    expect(t).toMatchObject({ kind: 'open', periodEnd: '2017-03-31', onward: true });
    // Where it begins restricts no form: "future filings" from then on.
    expect(t?.forms).toEqual([]);
    expect(t?.text).toBe('future filings, beginning with the Company’s Quarterly Report on Form 10-Q for the quarter ended March 31, 2017');
  });

  it('reads one named filing with its period', () => {
    expect(
      targetIn('In our Form 10-K for the fiscal year ending September 29, 2019, we will also state in our disclosure that there were no impacts.'),
    ).toMatchObject({ kind: 'filing', forms: ['10-K'], periodEnd: '2019-09-29', onward: false });
    expect(targetIn('The Company will disclose the GAAP effective tax rate in the Form 10-K for the year ending December 31, 2024.')).toMatchObject({
      kind: 'filing',
      forms: ['10-K'],
      periodEnd: '2024-12-31',
    });
  });

  it('reads “our next Form 10-Q”', () => {
    expect(targetIn('The Company will file Exhibit 22 with our next Quarterly Report on Form 10-Q.')).toMatchObject({
      kind: 'filing',
      forms: ['10-Q'],
      next: true,
    });
  });

  it('turns a fiscal year into the company’s year end', () => {
    const t = targetIn('We currently expect to incorporate more information into our FY21 Form 10-K.', { fiscalYearEnd: { month: 9, day: 27 } });
    expect(t).toMatchObject({ forms: ['10-K'], fiscalYear: 2021, periodEnd: '2021-09-27' });
    expect(periodEndOf(2016, 2, { month: 12, day: 31 })).toBe('2016-06-30');
    expect(periodEndOf(2024, 2, { month: 4, day: 30 })).toBe('2023-10-31');
  });

  it('reads earnings releases as Form 8-K and quarters of a year', () => {
    const t = targetIn(
      'We will comply with the guidance in our future earnings releases and periodic reports, beginning with the Company’s earnings release for the second quarter of 2016.',
    );
    expect(t).toMatchObject({ kind: 'open', forms: ['8-K'], quarter: 2, fiscalYear: 2016, periodEnd: '2016-06-30' });
  });

  it('reads forms named with an open promise', () => {
    expect(targetIn('In our future periodic reports on Forms 10-Q and 10-K, we will clarify our disclosure.')?.forms).toEqual(['10-Q', '10-K']);
    expect(targetIn('we will remove this subtotal from the income tax footnote reported in future annual filings.')?.forms).toEqual(['10-K']);
    expect(targetIn('The Company confirms that it will continue to enhance its disclosures in future proxy statements.')?.forms).toEqual(['DEF 14A']);
  });

  it('does not take a filing already made for the target', () => {
    expect(targetIn('Please see the updated table below using our Form 10-K filed on February 28, 2024 illustrating the change.')).toBeUndefined();
    expect(
      targetIn('the Covenants are reported as calculated under the Credit Facility (as defined in the 2023 Form 10-K)', { responseDate: '2024-03-15' }),
    ).toBeUndefined();
    // Named for a period long before the response: a reference to what was filed.
    expect(targetIn('consistent with the disclosure in our Form 10-K for the year ended December 31, 2019', { responseDate: '2020-10-02' })).toBeUndefined();
  });

  it('names nothing when the words name no filing or period', () => {
    expect(targetIn('We will continue to revise our disclosures as and if our COVID-19 program offerings change.')).toBeUndefined();
    expect(targetIn('future cash flows and future operations')).toBeUndefined();
  });
});

describe('whether a later filing is one a target covers', () => {
  const open = targetIn('in future filings')!;
  const q2 = targetIn('beginning with our Form 10-Q for the quarter ending June 30, 2017')!;
  const fy19 = targetIn('in our Form 10-K for the fiscal year ending September 29, 2019')!;

  it('covers any later periodic filing with “future filings”, but not an earnings release', () => {
    expect(targetCovers(open, { form: '10-Q', periodEnd: '2018-03-31' }, '2017-08-30').matches).toBe(true);
    expect(targetCovers(open, { form: '8-K' }, '2017-08-30').matches).toBe(false);
  });

  it('does not cover a filing for a period before the response', () => {
    expect(targetCovers(open, { form: '10-K', periodEnd: '2016-12-31' }, '2017-08-30').matches).toBe(false);
  });

  it('covers filings from where a promise begins, a 10-K after a 10-Q included', () => {
    expect(targetCovers(q2, { form: '10-Q', periodEnd: '2017-03-31' }).matches).toBe(false);
    expect(targetCovers(q2, { form: '10-Q', periodEnd: '2017-06-30' }).matches).toBe(true);
    expect(targetCovers(q2, { form: '10-K', periodEnd: '2017-12-31' }).matches).toBe(true);
  });

  it('covers only the named filing when one is named', () => {
    expect(targetCovers(fy19, { form: '10-K', periodEnd: '2019-09-29' }).matches).toBe(true);
    expect(targetCovers(fy19, { form: '10-Q', periodEnd: '2019-12-29' }).matches).toBe(false);
    expect(targetCovers(fy19, { form: '10-K', periodEnd: '2020-09-27' }).matches).toBe(false);
  });
});
