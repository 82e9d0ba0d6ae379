import { describe, expect, it } from 'vitest';
import { coverageOf } from '../../../server/src/letters/coverage';
import { fixture, responseFrom, staffFrom } from '../../helpers';

const staffText = fixture('seeds', 'staff-letter-2017-08-16.txt');
const responseText = fixture('seeds', 'response-letter-2013-11-12.txt');

describe('the 2017 staff letter to 21Vianet (seed)', () => {
  const letter = staffFrom('staff-letter-2017-08-16.txt', staffText);

  it('has exactly comments 1-5', () => {
    expect(letter.comments.map((c) => c.number)).toEqual([1, 2, 3, 4, 5]);
  });

  it('puts each comment under the captions written above it', () => {
    const captions = Object.fromEntries(letter.comments.map((c) => [c.number, c.caption]));
    expect(captions[1]).toEqual(['Item 3. Key Information', 'A. Selected Financial Data, page 3']);
    expect(captions[2]).toEqual(['Item 3. Key Information', 'A. Selected Financial Data, page 3']);
    // Page 5 is still Item 3 (Key Information starts at page 3 and Item 5 is at page 84): the item stays, the
    // sub-item "A. Selected Financial Data" gives way.
    expect(captions[3]).toEqual(['Item 3. Key Information', 'Discussion of Non-GAAP Financial Measures, page 5']);
    expect(captions[4]).toEqual(['Item 3. Key Information', 'Discussion of Non-GAAP Financial Measures, page 5']);
    expect(captions[5]).toEqual(['Item 5. Operating and Financial Review and Prospects', 'Critical Accounting Policies', 'Goodwill, page 84']);
  });

  it('keeps comment 1 whole across the page break', () => {
    expect(letter.comments[0]!.text).toContain('Tell us more about recent events such as loss of customers');
  });

  it('holds comment 5’s three bullets and closing paragraph, and none of the page furniture', () => {
    const five = letter.comments[4]!;
    expect(five.paragraphs.filter((p) => p.startsWith('- '))).toHaveLength(3);
    expect(five.text).toMatch(/\n\nAlternatively, if true, disclose that material goodwill does not exist/);
    for (const furniture of ['Terry Wang', '21Vianet Group, Inc.', 'August 16, 2017', 'Page 3']) expect(five.text).not.toContain(furniture);
  });

  it('knows comment 1 refers to prior comment 1 of the July 7, 2017 letter', () => {
    expect(letter.comments[0]!.priorRefs.map((r) => r.numbers)).toEqual([[1]]);
    expect(letter.priorLetterDate).toBe('2017-07-07');
  });

  it('reads the letterhead: date, company, filing, file number, response time, signatory', () => {
    expect(letter.date).toBe('2017-08-16');
    expect(letter.company).toBe('21Vianet Group, Inc.');
    expect(letter.filings).toEqual([{ description: 'Form 20-F for the Fiscal Year Ended December 31, 2016', filed: 'April 12, 2017' }]);
    expect(letter.fileNumber).toBe('001-35126');
    expect(letter.respondsTo).toBe('2017-08-04');
    expect(letter.responseDays).toBe(10);
    expect(letter.signatory).toMatchObject({ name: 'Stephen Krikorian', office: 'Office of Information Technologies and Services' });
  });

  it('lists each comment’s requests as sentences', () => {
    expect(letter.comments[0]!.asks).toEqual([
      'Provide us with the amounts of revenue you recognized from the two state-owned enterprise customers during fiscal 2016 and the most recent interim period.',
      'Confirm that you are not transacting with these customers subsequent to writing-off their receivable balances.',
      'Clarify why the receivables were deemed uncollectible while you identify these customers as "large and reputable and would generally not default on payments."',
      'Indicate why you believe revenue recognition was appropriate for these customers when revenue was recognized and how you determined that collection was probable at that time.',
      'Tell us more about recent events such as loss of customers and the “clean-up” of long-aging receivables as mentioned in your earnings call on May 26, 2017.',
      'Indicate how you plan to provide disclosures in your future filings that address these events or trends, if material.',
    ]);
    // Bullets under "disclose the following:" are requests of their own.
    expect(letter.comments[4]!.asks).toContain('The percentage by which fair value exceeded carrying value as of the date of the most recent impairment test;');
    expect(letter.comments[3]!.asks.some((a) => a.startsWith('Refer to'))).toBe(false);
  });
});

describe('the 2013 response letter from 21Vianet (seed)', () => {
  it('answers comments 1-5, all answered, when checked against itself', () => {
    const standIn = staffFrom('response-letter-2013-11-12.txt', responseText);
    const draft = responseFrom('response-letter-2013-11-12.txt', responseText, standIn);
    const coverage = coverageOf(draft, standIn);
    expect(coverage.comments.map((c) => [c.number, c.status])).toEqual([
      [1, 'answered'],
      [2, 'answered'],
      [3, 'answered'],
      [4, 'answered'],
      [5, 'answered'],
    ]);
    expect(coverage.problems.filter((p) => p.severity === 'error')).toEqual([]);
  });

  it('rebuilds the five staff comments from the repeats', () => {
    const standIn = staffFrom('response-letter-2013-11-12.txt', responseText);
    expect(standIn.source).toBe('response');
    expect(standIn.comments.map((c) => c.number)).toEqual([1, 2, 3, 4, 5]);
    expect(standIn.comments[0]!.text).toMatch(/^We note that you disclose on page F-21 total assets/);
    expect(standIn.comments[0]!.caption).toEqual(['Notes to the Consolidated Financial Statements', 'Note 1. Organization, page F-14']);
    expect(standIn.comments[2]!.caption).toEqual([
      'Notes to the Consolidated Financial Statements',
      'Note 4. Acquisitions',
      'Business Combinations',
      "21V Xi'an, page F-33",
    ]);
    expect(standIn.comments[4]!.text).toBe('Tell us what consideration you gave to the disclosure requirements in ASC 850-10-50-1a and 50-5.');
    expect(standIn.comments[4]!.asks).toEqual(['Tell us what consideration you gave to the disclosure requirements in ASC 850-10-50-1a and 50-5.']);
  });

  it('does not take the response’s own lists (i), ii) …) or the acknowledgement for comments', () => {
    const draft = responseFrom('response-letter-2013-11-12.txt', responseText);
    expect(draft.anchors.map((a) => a.numbers[0])).toEqual([1, 2, 3, 4, 5]);
    expect(draft.anchors[3]!.response.text).toContain('v) Among the Common Shareholders');
    expect(draft.anchors[4]!.response.text).not.toContain('hereby acknowledges');
  });
});
