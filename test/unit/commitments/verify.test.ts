import { describe, expect, it } from 'vitest';
import { coverOf, filingHtmlToBlocks, readFiling, verifyCommitments, type Commitment } from '../../../server/src/commitments';
// @ts-expect-error: a plain ES module shared with the benchmark
import { buildFiling, renumber, reword } from '../../commitments/filing.mjs';
import { commitmentsIn, withText } from './helpers';

/**
 * Caterpillar's real response (August 30, 2017): "in future filings we will revise our disclosure substantially in the
 * form set forth below", with the proposed text in a quotation. The later filings here are generated from the
 * fixtures' prose (test/commitments/filing.mjs) with that proposal as filed, reworded, or left out.
 */
async function caterpillar(): Promise<Commitment> {
  const { commitments } = await commitmentsIn('cat_0000000000-17-022437/04-response.htm', 'cat_0000000000-17-022437/03-staff.txt');
  return withText(commitments, 'in future filings we will revise our disclosure substantially in the form set forth below');
}

async function filingWith(paragraphs: readonly string[], exclude: readonly string[], options: { pages?: number; form?: string; period?: string } = {}) {
  const { html } = buildFiling({
    pages: options.pages ?? 24,
    form: options.form ?? '10-K',
    period: options.period ?? 'December 31, 2017',
    insert: paragraphs.length ? [{ item: '7', paragraphs }] : [],
    exclude,
  });
  return readFiling('filing.htm', new TextEncoder().encode(html));
}

const paragraphsOf = (c: Commitment) => c.proposed!.text.split('\n\n').map((p) => renumber(p.replace(/^“|”$/g, '')));

describe('verify: does the later filing carry the promised disclosure', () => {
  it('finds the proposal as filed (with the year’s new numbers), and says where', async () => {
    const c = await caterpillar();
    const filing = await filingWith(paragraphsOf(c), [c.proposed!.text]);
    const [check] = verifyCommitments(filing, [{ commitment: c, responseDate: '2017-08-30' }]);
    expect(check!.applies.matches).toBe(true);
    expect(check!.status).toBe('found');
    expect(check!.method).toBe('proposed-text');
    expect(check!.passage?.heading).toMatch(/^Item 7\. Management’s Discussion/);
    expect(check!.passage?.page).toBeGreaterThan(1);
    expect(check!.passage?.text).toMatch(/^For tax years \d{4} to \d{4} including the impact of a loss carryback/);
  });

  it('calls a reworded proposal partly found, and names the parts not found as proposed', async () => {
    const c = await caterpillar();
    const reworded = [
      'For tax years 2007 to 2012 including the impact of a loss carryback to 2005, the IRS has proposed to tax in the United States profits earned from certain parts transactions by CSARL based on the IRS examination team’s application of “substance-over-form” or “assignment-of-income” judicial doctrines.',
      'We continue to contest these proposed adjustments vigorously. In our view the transactions at issue complied with the tax laws that applied to them and with the relevant judicial doctrines, and the arrangement has real legal, commercial and economic substance for both parties.',
      'No amount related to these IRS adjustments is included in unrecognized tax benefits, since we concluded that the position would be sustained in full.',
    ];
    const filing = await filingWith(reworded, [c.proposed!.text]);
    const [check] = verifyCommitments(filing, [{ commitment: c, responseDate: '2017-08-30' }]);
    expect(check!.status).toBe('partly-found');
    expect(check!.parts!.find((p) => p.text.startsWith('“For tax years 2007'))?.status).toBe('found');
    expect(check!.parts!.find((p) => p.text.startsWith('We are vigorously contesting'))?.status).not.toBe('found');
    expect(check!.note).toMatch(/parts not found as proposed/);
  });

  it('calls a proposal left out not found, and says that is a lead, not proof', async () => {
    const c = await caterpillar();
    const filing = await filingWith([], [c.proposed!.text]);
    const [check] = verifyCommitments(filing, [{ commitment: c, responseDate: '2017-08-30' }]);
    expect(check!.status).toBe('not-found');
    expect(check!.note).toMatch(/a lead for a person to check.*not proof/);
  });

  it('finds a proposal reworded by the generator’s recasting only in part', async () => {
    const { commitments } = await commitmentsIn('itw_0000000000-21-011797/02-response.htm', 'itw_0000000000-21-011797/01-staff.txt');
    const c = withText(commitments, 'the Company will disclose how it derived "Average invested capital"');
    const filing = await filingWith(
      reword(c.proposed!.text.split('\n\n')),
      commitments.map((x) => `${x.text} ${x.proposed?.text ?? ''}`),
      { period: 'December 31, 2021' },
    );
    const [check] = verifyCommitments(filing, [{ commitment: c, responseDate: '2021-10-15' }]);
    expect(check!.status).toBe('partly-found');
  });

  it('looks for a promise without proposed text by its words, and calls it at most partly found', async () => {
    const { commitments, staff } = await commitmentsIn('itw_0000000000-23-012160/03-response.htm', 'itw_0000000000-23-012160/02-staff.txt');
    const c = commitments[0]!;
    expect(c.proposed).toBeUndefined();
    const passage =
      'Cost of revenue increased due to higher material costs and wage inflation, partially offset by the benefit of enterprise initiatives; the qualitative and quantitative factors behind material changes in each reported consolidated expense line item, including offsetting factors within a line item, are discussed below.';
    const filing = await filingWith([passage], [c.text], { period: 'December 31, 2023' });
    const [check] = verifyCommitments(filing, [{ commitment: c, responseDate: '2023-11-01', ...(staff ? { staff } : {}) }]);
    expect(check!.method).toBe('keywords');
    expect(check!.status).toBe('partly-found');
    expect(check!.passage?.text).toContain('offsetting factors within a line item');
    expect(check!.note).toMatch(/check it/);
    const without = await filingWith([], [c.text], { period: 'December 31, 2023' });
    expect(verifyCommitments(without, [{ commitment: c, responseDate: '2023-11-01' }])[0]!.status).toBe('not-found');
  });

  it('checks only the commitments aimed at the filing: its form and period', async () => {
    const { commitments } = await commitmentsIn('sbux_0000000000-19-008093/04-response.htm', 'sbux_0000000000-19-008093/03-staff.txt');
    // "In our Form 10-K for the fiscal year ending September 29, 2019, we will also state …": that filing alone.
    const c = withText(commitments, 'we will also state in our disclosure for Recently Adopted Accounting Pronouncements');
    const quarterly = await filingWith([], [], { form: '10-Q', period: 'December 29, 2019' });
    expect(quarterly.form).toBe('10-Q');
    expect(quarterly.periodEnd).toBe('2019-12-29');
    const [check] = verifyCommitments(quarterly, [{ commitment: c, responseDate: '2019-06-20' }]);
    expect(check!.applies.matches).toBe(false);
    expect(check!.status).toBeUndefined();
    const annual = await filingWith([], [], { form: '10-K', period: 'September 29, 2019' });
    expect(verifyCommitments(annual, [{ commitment: c, responseDate: '2019-06-20' }])[0]!.applies.matches).toBe(true);
  });
});

describe('reading a filing', () => {
  it('reads a 10-K’s cover, pages, headings and tables, and never its hidden XBRL header', () => {
    const { html, pages } = buildFiling({ pages: 12 });
    const blocks = filingHtmlToBlocks(html);
    expect(coverOf(blocks)).toEqual({ form: '10-K', periodEnd: '2024-12-31' });
    expect(Math.max(...blocks.map((b) => b.page ?? 0))).toBe(pages);
    expect(blocks.some((b) => b.kind === 'table' && (b.rows?.length ?? 0) > 3)).toBe(true);
    expect(blocks.some((b) => /xbrli|dei:DocumentType|0000000000/.test(b.text))).toBe(false);
    const item7 = blocks.find((b) => b.text.startsWith('Item 7. Management’s Discussion'))!;
    expect(item7.runs.every((r) => r.marks & 1)).toBe(true);
  });

  it('keeps bold, italics, underline and strike from tags and inline CSS, and offsets into the source', () => {
    const html =
      '<div><span style="font-weight:700">Note 3 — Revenue</span></div><p>Plain <u>added</u> <span style="text-decoration:line-through">gone</span> <i>it</i>.</p>';
    const [title, para] = filingHtmlToBlocks(html);
    expect(title!.text).toBe('Note 3 — Revenue');
    expect(para!.runs.map((r) => [r.text, r.marks])).toEqual([
      ['Plain ', 0],
      ['added', 4],
      [' ', 0],
      ['gone', 8],
      [' ', 0],
      ['it', 2],
      ['.', 0],
    ]);
    expect(html.slice(para!.start, para!.start + 5)).toBe('Plain');
  });

  it('reads a 300-page filing in one pass (speed is the benchmark’s; this checks it reads all of it)', async () => {
    const { html, pages } = buildFiling({ pages: 300 });
    const filing = await readFiling('10k.htm', new TextEncoder().encode(html));
    expect(filing.pages).toBeGreaterThanOrEqual(280);
    expect(filing.pages).toBe(pages);
    expect(filing.form).toBe('10-K');
  }, 60_000);
});
