/**
 * The 21 real staff-letter / response pairs from EDGAR: the staff PDF and its pdftotext output give the same
 * comments; each filed response that answers by number is read as answering every comment, and losing any one
 * answer makes exactly that comment missing; responses that only ask for time or answer in prose say so plainly, as
 * information: a filed letter that does not answer by number is not an error.
 */
import { describe, expect, it } from 'vitest';
import { coverageOf } from '../../../server/src/letters/coverage';
import { readLetterText, responseOf, staffLetterOf } from '../../../server/src/letters/read';
import { draftDiagnostics } from '../../../server/src/features/diagnostics';
import { importLetter } from '../../../server/src/features/importLetter';
import { fixture, letterFile, realPairs } from '../../helpers';

/** What each filed response does: answers N comments by number, or not. */
const RESPONSES: Record<string, { comments: number; response: 'answers' | 'no-anchors' | 'no-review'; says?: RegExp }> = {
  'a-0000000000-16-092800': { comments: 2, response: 'answers' },
  'abbv-0000000000-18-013671': { comments: 6, response: 'answers' },
  'abbv-0000000000-20-009552': { comments: 0, response: 'no-review' },
  'abbv-0000000000-20-012305': { comments: 3, response: 'answers' },
  'abbv-0000000000-21-003131': { comments: 1, response: 'answers' },
  'abbv-0000000000-22-010309': { comments: 3, response: 'answers' },
  'adm-0000000000-17-044885': { comments: 2, response: 'no-anchors', says: /^Answers in prose, not by comment number: its paragraphs match comment 1 / },
  'adm-0000000000-20-007987': { comments: 3, response: 'answers' },
  'adm-0000000000-20-008734': { comments: 1, response: 'answers' },
  'adm-0000000000-21-013296': { comments: 1, response: 'answers' },
  'adm-0000000000-24-005934': { comments: 6, response: 'no-anchors', says: /^A request for more time \(until June 14, 2024\)/ },
  'adm-0000000000-24-010044': { comments: 3, response: 'no-anchors', says: /^A request for more time \(until September 30, 2024\)/ },
  'adm-0000000000-24-012212': { comments: 1, response: 'no-anchors', says: /^A supplemental letter/ },
  'adsk-0000000000-17-022741': { comments: 3, response: 'answers' },
  'adsk-0000000000-18-024031': { comments: 8, response: 'no-anchors', says: /^A request for more time \(until August 24, 2018\)/ },
  'adsk-0000000000-18-033224': { comments: 1, response: 'answers' },
  'adsk-0000000000-18-038827': { comments: 1, response: 'no-anchors', says: /^A request for more time \(until January 15, 2019\)/ },
  'afl-0000000000-16-074172': { comments: 1, response: 'answers' },
  'afl-0000000000-16-080147': { comments: 2, response: 'answers' },
  'afl-0000000000-17-014838': { comments: 1, response: 'answers' },
  'afl-0000000000-23-008707': { comments: 0, response: 'no-review' },
};

describe('real EDGAR letter pairs', () => {
  it('has an expectation for every fixture pair', () => {
    expect(realPairs()).toEqual(Object.keys(RESPONSES).sort());
  });

  for (const pair of realPairs()) {
    const expected = RESPONSES[pair]!;
    describe(pair, () => {
      it(`the staff PDF and its text give the same ${expected.comments} comments`, async () => {
        const fromText = staffLetterOf(await letterFile('real', pair, 'staff.txt'));
        const fromPdf = staffLetterOf(await letterFile('real', pair, 'staff.pdf'));
        const shape = (l: typeof fromText) => l.comments.map((c) => ({ number: c.number, caption: c.caption, text: c.text, asks: c.asks }));
        expect(fromText.comments.map((c) => c.number)).toEqual(Array.from({ length: expected.comments }, (_, i) => i + 1));
        expect(shape(fromPdf)).toEqual(shape(fromText));
        expect(fromPdf.date).toBe(fromText.date);
        expect(fromPdf.company).toBe(fromText.company);
      });

      if (expected.response === 'no-review') {
        it('is a letter without numbered comments: an empty list, not an error', async () => {
          const letter = staffLetterOf(await letterFile('real', pair, 'staff.txt'));
          expect(letter.comments).toEqual([]);
          expect(letter.problems).toEqual([]);
          expect(letter.noReview).toBe(true);
        });
        return;
      }

      if (expected.response === 'no-anchors') {
        it('says plainly, in one piece of information and no error, what the filed letter is instead of an answer by number', async () => {
          const staff = staffLetterOf(await letterFile('real', pair, 'staff.txt'));
          const file = await letterFile('real', pair, 'response.htm');
          const report = draftDiagnostics({ file, draft: responseOf(file, staff), staff: { letter: staff } });
          const said = report.problems.filter((p) => p.code === 'response.unnumbered');
          expect(said).toHaveLength(1);
          expect(said[0]!.severity).toBe('information');
          expect(said[0]!.message).toMatch(expected.says!);
          expect(report.problems.filter((p) => p.severity === 'error' || p.code === 'comment.missing')).toEqual([]);
        });
        return;
      }

      it('reads the filed response as answering every comment', async () => {
        const staff = staffLetterOf(await letterFile('real', pair, 'staff.pdf'));
        const file = await letterFile('real', pair, 'response.htm');
        const coverage = coverageOf(responseOf(file, staff), staff);
        expect(coverage.comments.map((c) => c.status)).toEqual(new Array(expected.comments).fill('answered'));
        expect(coverage.problems.filter((p) => p.severity === 'error')).toEqual([]);
      });

      it('imported to Markdown, loses exactly the comment whose answer is removed', async () => {
        const staff = staffLetterOf(await letterFile('real', pair, 'staff.txt'));
        const markdown = importLetter(await letterFile('real', pair, 'response.htm')).markdown;
        const draft = responseOf(readLetterText('response.md', markdown), staff);
        expect(coverageOf(draft, staff).comments.every((c) => c.status === 'answered')).toBe(true);
        const cover = coverageOf(draft, staff);
        for (const comment of cover.comments) {
          const anchor = comment.anchors[0]!;
          const next = draft.anchors.find((a) => a.extent.start > anchor.extent.start);
          const cut = markdown.slice(0, anchor.extent.start) + markdown.slice(next ? next.extent.start : anchor.extent.end);
          const after = coverageOf(responseOf(readLetterText('response.md', cut), staff), staff);
          const missing = after.comments.filter((c) => c.status !== 'answered').map((c) => c.number);
          expect(missing, `removing the answer to comment ${comment.number}`).toEqual([comment.number]);
        }
      });
    });
  }

  it('offers to anchor a prose paragraph that plainly matches a comment (ADM, 2017)', async () => {
    const staff = staffLetterOf(await letterFile('real', 'adm-0000000000-17-044885', 'staff.txt'));
    const file = await letterFile('real', 'adm-0000000000-17-044885', 'response.htm');
    const coverage = coverageOf(responseOf(file, staff), staff);
    expect(coverage.proseMatches.length).toBeGreaterThan(0);
    expect(coverage.proseMatches.map((m) => m.number)).toContain(1);
  });

  it('finds the real quote drift in ADM’s 2021 response (“Regulations S-X” for “Regulation S-X”)', async () => {
    const staff = staffLetterOf(await letterFile('real', 'adm-0000000000-21-013296', 'staff.txt'));
    const file = await letterFile('real', 'adm-0000000000-21-013296', 'response.htm');
    const drift = coverageOf(responseOf(file, staff), staff).problems.filter((p) => p.code === 'quote.drift');
    expect(drift).toHaveLength(1);
    expect(drift[0]!.message).toContain('“Regulations” for “Regulation”');
  });

  it('reads ADM’s 2020 answer numbered 3 as answering comment 1, whose words it repeats', async () => {
    const staff = staffLetterOf(await letterFile('real', 'adm-0000000000-20-008734', 'staff.txt'));
    const file = await letterFile('real', 'adm-0000000000-20-008734', 'response.htm');
    const coverage = coverageOf(responseOf(file, staff), staff);
    expect(coverage.problems.map((p) => p.code)).toEqual(['anchor.misnumbered']);
  });

  it('cleans the template residue pdftotext interleaves with ADM’s 2024 comment 6', () => {
    const letter = staffLetterOf(readLetterText('staff.txt', fixture('real', 'adm-0000000000-24-005934', 'staff.txt')));
    expect(letter.comments[5]!.text).toMatch(/whenever you present a non-GAAP measure\. Refer to Item 10\(e\)\(1\)\(i\)\(A\) of Regulation S-K\.$/);
    expect(letter.comments[5]!.text).not.toMatch(/FirstName|Comapany|May 22/);
  });
});
