import { describe, expect, it } from 'vitest';
import { checkCitation, findCitations, type Citation } from '../../../server/src/citations';
import { meaning, readFixture, realLetters, stripHtml } from './helpers';

function expectConsistent(text: string, found: Citation[]): void {
  let last = -1;
  for (const c of found) {
    expect(text.slice(c.start, c.end)).toBe(c.text);
    expect(c.start).toBeGreaterThanOrEqual(last);
    last = c.end;
  }
}

describe('seed documents', () => {
  it('finds every citation of the 2013 response letter, with offsets and meaning', () => {
    const text = readFixture('seeds', 'response-letter-2013-11-12.txt');
    const found = findCitations(text);
    expectConsistent(text, found);
    const asc = (o: object) => ({ source: 'ASC', ...o });
    expect(found.map((c) => [c.start, c.text])).toEqual([
      [1360, 'paragraphs 2AA.d'],
      [1381, '3.bb of ASC 810-10-50'],
      [7927, 'Paragraph 5A.d of ASC 810-10-50'],
      [11386, 'ASC 805-30-50-1.f.2'],
      [11708, 'ASC 805-30-25-2 through 25-4'],
      [12877, 'ASC 805-30-25-2 through 25-4'],
      [12978, 'paragraph 805-30-30-1(b)'],
      [16427, 'ASC 805, *Business Combinations*'],
      [16535, 'ASC 850-10-50-1a'],
      [16556, '50-5'],
      [16660, 'ASC 850-10-50-1a'],
      [16681, '50-5'],
    ]);
    const m = found.map(meaning);
    expect(m[0]).toEqual(
      asc({ text: 'paragraphs 2AA.d', topic: '810', subtopic: '10', section: '50', paragraph: '2AA', subparagraph: 'd', abbreviated: true }),
    );
    expect(m[1]).toEqual(
      asc({ text: '3.bb of ASC 810-10-50', topic: '810', subtopic: '10', section: '50', paragraph: '3', subparagraph: 'bb', abbreviated: true }),
    );
    expect(m[2]).toMatchObject({ paragraph: '5A', subparagraph: 'd', section: '50' });
    expect(m[3]).toEqual(asc({ text: 'ASC 805-30-50-1.f.2', topic: '805', subtopic: '30', section: '50', paragraph: '1', subparagraph: 'f.2' }));
    expect(m[4]).toEqual(
      asc({
        text: 'ASC 805-30-25-2 through 25-4',
        topic: '805',
        subtopic: '30',
        section: '25',
        paragraph: '2',
        rangeEnd: { topic: '805', subtopic: '30', section: '25', paragraph: '4' },
      }),
    );
    expect(m[6]).toEqual(asc({ text: 'paragraph 805-30-30-1(b)', topic: '805', subtopic: '30', section: '30', paragraph: '1', subparagraph: '(b)' }));
    expect(m[7]).toEqual(asc({ text: 'ASC 805, *Business Combinations*', topic: '805', title: 'Business Combinations' }));
    expect(m[8]).toEqual(asc({ text: 'ASC 850-10-50-1a', topic: '850', subtopic: '10', section: '50', paragraph: '1', subparagraph: 'a' }));
    expect(m[9]).toEqual(asc({ text: '50-5', topic: '850', subtopic: '10', section: '50', paragraph: '5', abbreviated: true }));
    for (const c of found) expect(checkCitation(c)).toEqual([]);
  });

  it('finds every citation of the 2017 staff letter', () => {
    const text = readFixture('seeds', 'staff-letter-2017-08-16.txt');
    const found = findCitations(text);
    expectConsistent(text, found);
    expect(found.map((c) => [c.start, meaning(c)])).toEqual([
      [2425, { source: 'ASC', text: 'ASC 850-10-50', topic: '850', subtopic: '10', section: '50' }],
      [2906, { source: 'G', regulation: 'G', kind: 'rule', text: 'Item 100(a) of Regulation G', item: '100', path: ['a'], inferred: false }],
      [
        3225,
        {
          source: 'C&DI',
          text: 'Question 102.11 of the updated Non-GAAP Compliance and Disclosure Interpretations',
          question: '102.11',
          series: 'Non-GAAP Financial Measures',
        },
      ],
      [3973, { source: 'ASC', text: 'ASC 350-20-35-30', topic: '350', subtopic: '20', section: '35', paragraph: '30' }],
    ]);
    // Captions such as "Item 3. Key Information" and "Item 5. Operating and Financial Review" are not citations.
  });
});

/** [input, expected meanings (without offsets)] for every form the brief names, and their family. */
const FORMS: [string, object[]][] = [
  ['ASC 850-10-50', [{ source: 'ASC', topic: '850', subtopic: '10', section: '50' }]],
  ['ASC Topic 606', [{ source: 'ASC', text: 'ASC Topic 606', topic: '606' }]],
  ['Topic 606', [{ source: 'ASC', topic: '606' }]],
  ['Subtopic 350-20', [{ source: 'ASC', topic: '350', subtopic: '20' }]],
  ['FASB ASC 842-20-50-1', [{ source: 'ASC', text: 'FASB ASC 842-20-50-1', topic: '842', subtopic: '20', section: '50', paragraph: '1' }]],
  ['FASB ASC 718-10-S99-1', [{ source: 'ASC', topic: '718', subtopic: '10', section: 'S99', paragraph: '1' }]],
  ['ASC-250-10-50-7', [{ source: 'ASC', topic: '250', subtopic: '10', section: '50', paragraph: '7', strayHyphen: true }]],
  [
    'See ASC 280-10-50-\n       30(a), (c), and (d).',
    [
      { text: 'ASC 280-10-50-\n       30(a)', paragraph: '30', subparagraph: '(a)' },
      { text: '(c)', paragraph: '30', subparagraph: '(c)', abbreviated: true },
      { text: '(d)', paragraph: '30', subparagraph: '(d)', abbreviated: true },
    ],
  ],
  [
    'paragraphs 606-10-55-36 through 55-40',
    [{ topic: '606', section: '55', paragraph: '36', rangeEnd: { topic: '606', subtopic: '10', section: '55', paragraph: '40' } }],
  ],
  ['Refer to ASC 606-10-50-12(c).', [{ text: 'ASC 606-10-50-12(c)', paragraph: '12', subparagraph: '(c)' }]],
  ['Refer to 606-10-25-21(c).', [{ text: '606-10-25-21(c)', topic: '606', section: '25', paragraph: '21', subparagraph: '(c)' }]],
  ['ASC 606-10-25-21.Within your response', [{ text: 'ASC 606-10-25-21', paragraph: '21' }]],
  ['ASC 805-30-25-4 to 25-2', [{ paragraph: '4', rangeEnd: { topic: '805', subtopic: '30', section: '25', paragraph: '2' } }]],
  ['ASC 944-825-25-1 and 25-2, the Company', [{ paragraph: '1' }, { text: '25-2', subtopic: '825', paragraph: '2', abbreviated: true }]],
  ['ASU 2016-02', [{ source: 'ASU', text: 'ASU 2016-02', year: '2016', number: '02', id: '2016-02' }]],
  ['ASUs 2016-01 and 2016-13', [{ id: '2016-01' }, { text: '2016-13', id: '2016-13' }]],
  [
    'SAB Topic 1:M and 1:N',
    [
      { source: 'SAB', text: 'SAB Topic 1:M', topic: '1', part: 'M' },
      { source: 'SAB', text: '1:N', topic: '1', part: 'N' },
    ],
  ],
  ['SAB Topic 5.Y.', [{ source: 'SAB', text: 'SAB Topic 5.Y', topic: '5', part: 'Y' }]],
  ['SAB No. 99', [{ source: 'SAB', number: '99' }]],
  ['Staff Accounting Bulletin No. 74', [{ source: 'SAB', text: 'Staff Accounting Bulletin No. 74', number: '74' }]],
  ['Item 10(e)(1)(ii)(B) of Regulation S-K', [{ source: 'S-K', kind: 'item', item: '10', path: ['e', '1', 'ii', 'B'], inferred: false }]],
  ['Item 303 of Regulation S-K', [{ source: 'S-K', item: '303', path: [], inferred: false }]],
  ['Refer to Item 303(b)(2)(ii).', [{ source: 'S-K', regulation: 'S-K', item: '303', path: ['b', '2', 'ii'], inferred: true }]],
  [
    'Items 303(a) and 305 of Regulation S-K',
    [
      { source: 'S-K', text: 'Items 303(a)', item: '303', path: ['a'], inferred: false },
      { source: 'S-K', text: '305 of Regulation S-K', item: '305', inferred: false },
    ],
  ],
  ['Item 100(a) of Regulation G', [{ source: 'G', item: '100', path: ['a'] }]],
  ['Rule 100(b) of Regulation G', [{ source: 'G', kind: 'rule', item: '100', path: ['b'], inferred: false }]],
  ['Rule 3-05 of Regulation S-X', [{ source: 'S-X', kind: 'rule', item: '3-05', inferred: false }]],
  ['Rule 4-08(e)', [{ source: 'S-X', item: '4-08', path: ['e'], inferred: true }]],
  ['Article 11 of Regulation S-X', [{ source: 'S-X', kind: 'article', item: '11' }]],
  ['S-X Rule 3-05', [{ source: 'S-X', item: '3-05', inferred: false }]],
  ['Regulation S-K Item 303', [{ source: 'S-K', text: 'Regulation S-K Item 303', item: '303' }]],
  ['Rule 13e-4(f)(5)', [{ source: 'Rule', rule: '13e-4', path: ['f', '5'], act: 'Exchange Act', cfr: '17 CFR 240.13e-4', inferred: true }]],
  ['Rule 13e-\n       4(f)(8)(i), however', [{ source: 'Rule', rule: '13e-4', path: ['f', '8', 'i'] }]],
  [
    'Rules 460 and 461',
    [
      { source: 'Rule', text: 'Rules 460', rule: '460', cfr: '17 CFR 230.460' },
      { source: 'Rule', text: '461', rule: '461' },
    ],
  ],
  ['Rule 83', [{ source: 'Rule', rule: '83', cfr: '17 CFR 200.83' }]],
  [
    "Question 100.01 of the SEC's Compliance & Disclosure Interpretations on Non-GAAP Financial Measures in",
    [
      {
        source: 'C&DI',
        text: "Question 100.01 of the SEC's Compliance & Disclosure Interpretations on Non-GAAP Financial Measures",
        question: '100.01',
        series: 'Non-GAAP Financial Measures',
      },
    ],
  ],
  ['Non-GAAP C&DI 102.10', [{ source: 'C&DI', question: '102.10', series: 'Non-GAAP Financial Measures' }]],
  ['Section V of Release 33-8350', [{ source: 'Release', text: 'Section V of Release 33-8350', number: '33-8350', section: 'V' }]],
  ['Exchange Act Release 43069 (July 24, 2000)', [{ source: 'Release', number: '43069' }]],
  ['Item 10 of Schedule TO', [{ source: 'Form', form: 'Schedule TO', item: '10' }]],
  ['Regulation G and', [{ source: 'G', kind: 'regulation', inferred: false }]],
];

describe('citation forms', () => {
  it.each(FORMS)('%j', (input, expected) => {
    const found = findCitations(input);
    expectConsistent(input, found);
    expect(found).toHaveLength(expected.length);
    found.forEach((c, k) => expect(c).toMatchObject(expected[k]!));
  });

  it.each([
    'call 202-551-3407 or 202-551-3408',
    'File No. 001-35126',
    'Item 5. Operating and Financial Review and Prospects',
    '\nItem 10. Financial Statements, page 5',
    'Section 7. Conditions of the Offer',
    'Topic 5 of the agenda',
    '(a) in that paragraph',
    'Question 3 from the audit committee',
  ])('finds nothing in %j', (input) => {
    expect(findCitations(input)).toEqual([]);
  });
});

/** The staff letters' citations, read by hand from test/fixtures/real/<dir>/staff.txt. */
const STAFF: Record<string, string[]> = {
  'a-0000000000-16-092800': [],
  'abbv-0000000000-18-013671': [
    'Item 10 of Schedule TO',
    'Rule 13e-4(f)(5)',
    'Rule 14e-1(b)',
    'Exchange Act Release 43069',
    'Item 1007(d)',
    'Item 10 of Schedule TO',
    'Rule 13e-\n       4(f)(8)(i)',
  ],
  'abbv-0000000000-20-009552': ['Rules 460', '461'],
  'abbv-0000000000-20-012305': [],
  'abbv-0000000000-21-003131': [],
  'abbv-0000000000-22-010309': ['Item 407(h) of Regulation S-K'],
  'adm-0000000000-17-044885': [],
  'adm-0000000000-20-007987': ['ASC Topic 350', 'Item 303(a)(3)(ii) of Regulation S-K', 'Section V of Release 33-8350', 'ASC\n             360-10-35-21'],
  'adm-0000000000-20-008734': [],
  'adm-0000000000-21-013296': ['Regulation S-X'],
  'adm-0000000000-24-005934': [
    'Item 10(e)(1)(ii)(B) of Regulation S-K',
    "Question 100.01 of the\n                                                        SEC's Compliance & Disclosure Interpretations on Non-GAAP Financial Measures",
    'Rule 100(b) of Regulation G',
    "Question 100.01 of the SEC's Non-GAAP Compliance and Disclosure Interpretations",
    'Regulation G',
    'Item 10(e) of Regulation S-K',
    'ASC-250-10-50-7',
    'SAB\n         Topic 1:M',
    '1:N',
    // pdftotext merged the page number into "Item 10(e)(1)(i)(A)": parsed as written.
    'Item210(e)(1)(i)(A) of Regulation S-K',
  ],
  'adm-0000000000-24-010044': ['ASC 280', 'ASC 280-10-50-30(b)', 'Item 10(e) of Regulation S-K', 'Regulation G', 'ASC 280-10-50-\n       30(a)', '(c)', '(d)'],
  'adm-0000000000-24-012212': ['ASC 250-10-50'],
  'adsk-0000000000-17-022741': [],
  'adsk-0000000000-18-024031': ['606-10-50-12(c)', '606-10-50-12(c)', 'ASC 606-10-50-17', '606-10-25-21(c)', 'ASC 340-40-35-1', 'ASC 340-40-50-2(b)'],
  'adsk-0000000000-18-033224': [],
  'adsk-0000000000-18-038827': ['ASC 606-10-25-21'],
  'afl-0000000000-16-074172': [],
  'afl-0000000000-16-080147': ['ASC\n          944-605-25-3'],
  'afl-0000000000-17-014838': [],
  'afl-0000000000-23-008707': ['Rules 460', '461'],
};

describe('real letters', () => {
  it('has an expectation for every staff letter', () => {
    expect(Object.keys(STAFF).sort()).toEqual(realLetters());
  });

  it.each(realLetters())('%s: staff letter citations', (dir) => {
    const text = readFixture('real', dir, 'staff.txt');
    const found = findCitations(text);
    expectConsistent(text, found);
    expect(found.map((c) => c.text)).toEqual(STAFF[dir]);
  });

  it.each(realLetters())('%s: every ASC citation in both letters is known', (dir) => {
    // Collected, then asserted once: a letter that cites nothing still asserts something.
    const unknown: string[] = [];
    for (const text of [readFixture('real', dir, 'staff.txt'), stripHtml(readFixture('real', dir, 'response.htm'))]) {
      const found = findCitations(text);
      expectConsistent(text, found);
      for (const c of found) if (checkCitation(c).some((p) => p.code.startsWith('citation.unknown'))) unknown.push(c.text);
    }
    expect(unknown).toEqual([]);
  });

  it('reads the ASC citations of the responses', () => {
    const texts = (dir: string) =>
      findCitations(stripHtml(readFixture('real', dir, 'response.htm')))
        .filter((c) => c.source === 'ASC')
        .map((c) => c.text);
    expect(texts('adsk-0000000000-18-033224')).toEqual(['ASC 606-10-25-21(c)']);
    expect(texts('afl-0000000000-16-080147')).toEqual(['ASC 944-605-25-3']);
    expect(texts('afl-0000000000-16-074172')).toContain('ASC 230-10-45-8');
    expect(texts('afl-0000000000-16-074172')).toContain('25-2');
  });
});
