/**
 * Commitments never throw and stay linear: for the regular expressions of server/src/commitments (pledges, targets,
 * lead-ins, hints) and the filing reader, the input that would make each backtrack or loop if it were vulnerable, at
 * two sizes; time must grow linearly (the ratio well below the square of the size ratio). Not a speed test.
 */
import { describe, expect, it } from 'vitest';
import { commitmentProblems, commitmentsOf, filingHtmlToBlocks, readFiling, targetIn, verifyCommitments } from '../../../server/src/commitments';
import { isLeadIn, isPointer, isScope, pledgeIn } from '../../../server/src/commitments/pledge';
import { readLetterText, responseOf } from '../../../server/src/letters/read';
import { expectLinear } from '../reliability/helpers';

const rep = (s: string, n: number) => s.repeat(Math.max(1, Math.round(n / s.length)));

/** A response draft whose one answer is `answer`, through finding, hints and a check against a small filing. */
function pipeline(answer: string): unknown {
  const file = readLetterText('d.md', `---\ncorresp: response\n---\n\nDear Sir:\n\n**1. Please revise.**\n\nResponse: ${answer}\n`);
  const draft = responseOf(file);
  const commitments = commitmentsOf({ file, draft });
  return commitmentProblems(commitments, { draft });
}

const SENTENCE_CASES: ReadonlyArray<[string, (n: number) => string]> = [
  ['"we will " repeated (every cue, its subject and verb)', (n) => rep('we will ', n)],
  ['"the Company will, " repeated (parentheticals skipped after the cue)', (n) => rep('the Company will, ', n)],
  ['"future " repeated (OPEN_RE words between "future" and "filings")', (n) => rep('future ', n)],
  ['"Form 10-K for the year ended " repeated (FILING_RE, PERIOD_AFTER_RE)', (n) => rep('Form 10-K for the year ended ', n)],
  ['"beginning with the quarter ending " repeated (PERIOD_ONWARD_RE)', (n) => rep('beginning with the quarter ending ', n)],
  ['"(" and "“" repeated (parentheticals and quotes before a subject)', (n) => rep('((“ ', n)],
  ['"as follows" + spaces (lead-ins)', (n) => `as follows${' '.repeat(n)}x`],
  ['"where we indicate " repeated (scope statements)', (n) => rep('where we indicate ', n)],
];

describe('commitments: linear time on pathological sentences', () => {
  for (const [what, make] of SENTENCE_CASES) {
    it(`pledgeIn, targetIn, isLeadIn, isPointer, isScope: ${what}`, () => {
      expectLinear(
        'commitments sentence',
        make,
        (s) => [pledgeIn(s), targetIn(s, { responseDate: '2024-01-01' }), isLeadIn(s), isPointer(s), isScope(s)],
        2_000,
      );
    });
    it(`a draft's commitments and hints: ${what}`, () => {
      expectLinear('commitments pipeline', make, pipeline, 2_000);
    });
  }
});

describe('the filing reader: linear time on hostile markup', () => {
  const cases: ReadonlyArray<[string, (n: number) => string]> = [
    ['deeply nested spans', (n) => `${rep('<span style="font-weight:700">', n)}text`],
    ['stray close tags under a deep stack', (n) => `${rep('<div>', n / 2)}${rep('</span>', n / 2)}`],
    ['a table of many empty cells', (n) => `<table>${rep('<tr><td></td><td> </td></tr>', n)}</table>`],
    ['page breaks only', (n) => rep('<hr style="page-break-after:always"/>', n)],
  ];
  for (const [what, make] of cases) {
    it(what, () => {
      expectLinear('filingHtmlToBlocks', make, filingHtmlToBlocks, 4_000);
    });
  }

  it('reads markup nested deeper than any filing as plain text, keeping its words', () => {
    const html = `${'<div>'.repeat(5000)}<p>Revenue increased 5%.</p>${'</span>'.repeat(5000)}<p>Item 7. Management’s Discussion</p>`;
    const blocks = filingHtmlToBlocks(html);
    expect(blocks.map((b) => b.text)).toEqual(['Revenue increased 5%.', 'Item 7. Management’s Discussion']);
  });

  it('reads anything without throwing, and a check of any filing returns a verdict', async () => {
    for (const html of [
      '',
      '<',
      '<table><tr><td>',
      '</div></div>',
      '<div style="display:none">hidden',
      '\u0000\u0001',
      '<p>FORM 10-K For the fiscal year ended December 31, 2024</p>',
    ]) {
      const filing = await readFiling('f.htm', new TextEncoder().encode(html));
      const checks = verifyCommitments(filing, []);
      expect(checks).toEqual([]);
    }
  });
});
