import { describe, expect, it } from 'vitest';
import { asksForText, commitmentProblems } from '../../../server/src/commitments';
import { DIAGNOSTIC_CODES } from '../../../server/src/features/diagnostics';
import { staffLetterOf } from '../../../server/src/letters/read';
import { labels, readFixture, staffOf } from '../../commitments/evaluate';
import { commitmentsOf } from '../../../server/src/commitments';
import { responseOf } from '../../../server/src/letters/read';
import { commitmentsIn, draftCommitments, read } from './helpers';

/** A draft answering comment 1 of Marsh & McLennan's real staff letter (March 16, 2023), which asks for the proposed disclosure. */
function draft(answer: string): string {
  return `---
corresp: response
staff-letter: ./01-staff.txt
---

March 30, 2023

Dear Ms. Blye:

**1. We note the prominence and significance of your references to trends in underlying revenue throughout your MD&A. Please revise future periodic filings to disclose the amount of underlying revenue for each period presented. Please provide us your proposed disclosure.**

Response: ${answer}
`;
}

async function mrshStaff() {
  return staffLetterOf(await read('mrsh_0000000000-23-002612/01-staff.txt'));
}

function hintsOf(markdown: string, staff: Awaited<ReturnType<typeof mrshStaff>>) {
  const r = draftCommitments(markdown, staff);
  return commitmentProblems(r.commitments, { draft: r.draft, staff });
}

describe('commitment hints', () => {
  it('registers its codes with the others, at information level', () => {
    expect(DIAGNOSTIC_CODES['commitment.no-target']?.severity).toBe('information');
    expect(DIAGNOSTIC_CODES['commitment.no-proposed-text']?.severity).toBe('information');
  });

  it('knows a request to see the proposed disclosure from a request to revise', () => {
    expect(asksForText('Please revise future periodic filings to disclose the amount of underlying revenue. Please provide us your proposed disclosure.')).toBe(
      true,
    );
    expect(asksForText('In your response, please include your proposed revisions, including your discussion of this metric in MD&A.')).toBe(true);
    expect(asksForText('Please show us what your revised disclosure will look like.')).toBe(true);
    expect(asksForText('Please revise future filings to clarify which period’s exchange rate is used.')).toBe(false);
  });

  it('asks for proposed text when the staff asked to see it and the answer only promises', async () => {
    const problems = hintsOf(
      draft('In future filings, the Company will disclose the amount of underlying revenue for each period presented and label it as non-GAAP.'),
      await mrshStaff(),
    );
    expect(problems.map((p) => p.code)).toEqual(['commitment.no-proposed-text']);
    expect(problems[0]!.message).toMatch(/staff asked to see the revised disclosure \(comment 1\)/);
  });

  it('is quiet when the answer sets out the text, or points to an appendix that does', async () => {
    const staff = await mrshStaff();
    const withText = draft(
      'In future filings, the Company will disclose underlying revenue substantially as follows:\n\n> Underlying revenue measures the change in revenue from one period to another by isolating the impact of acquisitions, dispositions and foreign currency.\n',
    );
    expect(hintsOf(withText, staff)).toEqual([]);
    const appendix = draft(
      'In future filings, the Company will disclose underlying revenue. The proposed disclosures are included in Appendix A of this letter.',
    );
    expect(hintsOf(appendix, staff)).toEqual([]);
  });

  it('asks where a promise will appear when it names no filing or period', async () => {
    const staff = await mrshStaff();
    const vague = hintsOf(draft('The Company will expand its discussion of underlying revenue to the extent material.'), staff);
    expect(vague.map((p) => p.code)).toContain('commitment.no-target');
    const named = hintsOf(
      draft(
        'Beginning with its Form 10-Q for the quarter ending March 31, 2023, the Company will expand its discussion of underlying revenue as follows:\n\n> Underlying revenue measures the change in revenue by isolating acquisitions and dispositions.\n',
      ),
      staff,
    );
    expect(named).toEqual([]);
    const continuing = hintsOf(draft('The Company will continue to disclose underlying revenue with the reconciliation it gives today.'), staff);
    expect(continuing.map((p) => p.code)).not.toContain('commitment.no-target');
  });

  it('is quiet on a real answer that sets out its text before it promises', async () => {
    // Xylem's comment 3 asks for the revised disclosure; the answer gives two example press releases, then "Further, we
    // confirm that in any future applicable disclosures furnished on Form 8-K … we will also highlight …".
    const { commitments, draft: d, staff } = await commitmentsIn('xyl_0000000000-22-008046/05-response.htm', 'xyl_0000000000-22-008046/03-staff.txt');
    expect(asksForText(staff!.comments.find((c) => c.number === 3)!.text)).toBe(true);
    const problems = commitmentProblems(commitments, { draft: d, ...(staff ? { staff } : {}) });
    expect(problems.filter((p) => p.code === 'commitment.no-proposed-text')).toEqual([]);
  });

  it('fires on the labelled real responses only where a promise names no filing and gives no text', async () => {
    const fired: string[] = [];
    for (const label of labels()) {
      const file = await readFixture(label.response);
      const staff = await staffOf(label);
      const d = responseOf(file, staff);
      const commitments = commitmentsOf({ file, draft: d }, staff);
      for (const p of commitmentProblems(commitments, { draft: d, ...(staff ? { staff } : {}) })) {
        const c = commitments.find((x) => x.start === p.start)!;
        expect(c.target, c.text).toBeUndefined();
        expect(c.proposed, c.text).toBeUndefined();
        fired.push(`${label.response.split('/').slice(-2)[0]}: ${c.text.slice(0, 40)}`);
      }
    }
    // Filed letters answer as asked: no revision without its text; a handful of open-ended promises.
    expect(fired).toEqual([
      'cof_0000000000-23-014108: In the event brokered deposits become a ',
      'len_0000000000-16-068040: To the extent the compensation expense r',
      'sbux_0000000000-21-011675: We regularly re-evaluate our disclosures',
      'sbux_0000000000-21-011675: We expect our reputational risks will co',
      'sbux_0000000000-21-011675: Should these circumstances change, and w',
      'adm-0000000000-20-007987: To the extent we record future material ',
      'afl-0000000000-16-074172: The Company proposes to remove the debt ',
    ]);
  }, 120_000);
});
