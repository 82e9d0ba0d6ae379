import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { checkCitation, citationCompletionContext, describeCitation, findCitations } from '../../../server/src/citations';
import { params, SLOW } from '../../runs';
import { expectLinear } from '../reliability/helpers';

function runAll(text: string): void {
  const found = findCitations(text);
  for (const c of found) {
    expect(text.slice(c.start, c.end)).toBe(c.text);
    describeCitation(c);
    checkCitation(c);
  }
  citationCompletionContext(text.slice(-200), text);
}

const PIECES = [
  'ASC ',
  'ASC-',
  'FASB ',
  'Topic ',
  'Item ',
  'Items ',
  'Rule ',
  'Rules ',
  'SAB ',
  'Question ',
  'Release ',
  'Section ',
  'paragraphs ',
  'of ',
  'Regulation S-K',
  'Regulation G',
  ' and ',
  ', ',
  ' through ',
  '(a)',
  '(ii)',
  '.d',
  '-',
  '\n   ',
  '606',
  '10',
  '50',
  '2AA',
  '1',
  '3-05',
  '13e-4',
  '100.01',
  '1:M',
  '2016-02',
  '*Business Combinations*',
  'Interpretations',
  '\u2013',
  ' ',
];

describe('properties', () => {
  it('never throws and is deterministic on arbitrary strings', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 300 }),
          fc.string({ unit: 'grapheme', maxLength: 300 }),
          fc.string({ unit: fc.constantFrom('A', 'S', 'C', ' ', '-', '1', '0', '6', '(', 'a', ')', '\ud800', '\n'), maxLength: 300 }),
        ),
        (s) => {
          runAll(s);
          expect(findCitations(s)).toEqual(findCitations(s));
        },
      ),
      params(400),
    );
  });

  it('never throws on strings made of citation pieces', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 60 }), (parts) => {
        const s = parts.join('');
        runAll(s);
        expect(findCitations(s)).toEqual(findCitations(s));
      }),
      params(1000),
    );
  });

  it('handles empty text, lone surrogates and non-strings', () => {
    expect(findCitations('')).toEqual([]);
    runAll('\ud800ASC 606-10-25-1\udc00 Item \ud83d');
    expect(findCitations(undefined as unknown as string)).toEqual([]);
    expect(citationCompletionContext(undefined as unknown as string)).toBeNull();
  });

  const PATHOLOGICAL: [string, (n: number) => string][] = [
    ['ASC + "1-" repeated', (n) => 'ASC ' + '1-'.repeat(n)],
    ['digits and hyphens', (n) => '606-10-25-'.repeat(n)],
    ['Item + "(a)" repeated', (n) => 'Item ' + '(a)'.repeat(n)],
    ['Item 1 + "(a)" repeated', (n) => 'Item 1' + '(a)'.repeat(n)],
    ['"Rule 3-" repeated', (n) => 'Rule 3-'.repeat(n)],
    ['paragraph lists', (n) => 'paragraphs ' + '1, '.repeat(n)],
    ['list of citations', (n) => 'ASC 850-10-50-1a' + ' and 50-5'.repeat(n)],
    ['SAB topic lists', (n) => 'SAB Topic ' + '1:M and '.repeat(n)],
    ['questions', (n) => 'Question 100.01 of the ' + 'SEC '.repeat(n)],
    ['spaces after keywords', (n) => ('ASC' + ' '.repeat(30) + '\n').repeat(n)],
    ['emphasis', (n) => 'ASC 805, *' + 'B'.repeat(n)],
    ['keywords only', (n) => 'Item Rule ASC Topic SAB '.repeat(n)],
  ];

  it.each(PATHOLOGICAL)('%s: no exception, the same citations twice', (_name, make) => {
    const text = make(2_000);
    runAll(text);
    expect(findCitations(text)).toEqual(findCitations(text));
  });

  // Four times the input, well under sixteen times the time (the median of several runs, measured twice).
  it.for(PATHOLOGICAL)('%s: linear time', SLOW, ([name, make]) => {
    expectLinear(`findCitations: ${name}`, make, findCitations, 25_000, { factor: 4, maxRatio: 10 });
  });

  it('scans 1 MB of digits and hyphens: numbers alone are no citation, and the citations around them are found', () => {
    const text = '1234-5-67-890-'.repeat(75_000);
    expect(findCitations(text)).toEqual([]);
    expect(findCitations(`ASC 606-10-25-1 and ${text} ASC 850-10-50-1`).map((c) => c.text)).toEqual(['ASC 606-10-25-1', 'ASC 850-10-50-1']);
  });
});
