import { describe, expect, it } from 'vitest';
import { hoverAt } from '../../server/src/features/hover';
import { draftDiagnostics } from '../../server/src/features/diagnostics';
import { at, exampleWorkspace, PRIOR_LETTER, PRIOR_RESPONSE } from './harness';

describe('hover', () => {
  it('on an anchor shows the staff comment: number, caption path, full text and requests as a checklist', async () => {
    const ws = await exampleWorkspace();
    const t = await ws.thread('response-2017-08-16.md');
    const h = hoverAt(t, at(ws.text('response-2017-08-16.md'), '**1. We continue', 2))!;
    expect(h.markdown.split('\n')[0]).toBe('**Comment 1** · Item 3. Key Information › A. Selected Financial Data, page 3');
    expect(h.markdown).toContain('Tell us more about recent events');
    expect(h.markdown).toContain('- ☐ Provide us with the amounts of revenue');
    expect(h.markdown).toContain('*Answered · staff letter of August 16, 2017*');
    expect(ws.text('response-2017-08-16.md').slice(h.start, h.end)).toBe('1');
  });

  it('inside a staff comment lists the citations it makes', async () => {
    const ws = await exampleWorkspace();
    const t = await ws.thread('response-2017-08-16.md');
    const h = hoverAt(t, at(ws.text('response-2017-08-16.md'), '**5. Tell us', 2))!;
    expect(h.markdown).toContain('**Citations**');
    expect(h.markdown).toMatch(/ASC 350-20-35-30\*\*: Intangibles/);
  });

  it('on "prior comment N" shows that earlier comment and how it was answered then', async () => {
    const ws = await exampleWorkspace({ 'staff-letter-2017-07-07.md': PRIOR_LETTER, 'response-2017-07-07.md': PRIOR_RESPONSE });
    const t = await ws.thread('response-2017-08-16.md');
    const text = ws.text('response-2017-08-16.md');
    const h = hoverAt(t, at(text, 'prior comment 1 regarding', 8))!;
    expect(h.markdown).toContain('**Comment 1**');
    expect(h.markdown).toContain('bad debt allowances provided for trade receivables from two state-owned');
    expect(h.markdown).toContain('**Answered then:** The Company provided allowances after the two customers stopped paying');
  });

  it('on "prior comment N" in the staff letter itself, too', async () => {
    const ws = await exampleWorkspace({ 'staff-letter-2017-07-07.md': PRIOR_LETTER });
    const t = await ws.thread('staff-letter-2017-08-16.md');
    const h = hoverAt(t, at(ws.text('staff-letter-2017-08-16.md'), 'prior comment 3', 9))!;
    expect(h.markdown).toContain('tax effect of your non-GAAP adjustments');
  });

  it('says where the prior letter is missing instead of guessing', async () => {
    const ws = await exampleWorkspace();
    const t = await ws.thread('response-2017-08-16.md');
    const h = hoverAt(t, at(ws.text('response-2017-08-16.md'), 'prior comment 1 regarding', 8))!;
    expect(h.markdown).toContain('The prior letter (July 7, 2017) is not in the workspace');
  });

  it('on a citation says what it points to', async () => {
    const ws = await exampleWorkspace();
    const t = await ws.thread('response-2017-08-16.md');
    const text = ws.text('response-2017-08-16.md');
    const h = hoverAt(t, at(text, 'ASC 850-10-50-1 in', 5))!;
    expect(h.markdown).toMatch(/^\*\*ASC 850-10-50-1\*\*: Related Party Disclosures \\> Overall \\> Disclosure/);
    expect(text.slice(h.start, h.end)).toBe('ASC 850-10-50-1');
  });

  it('on a citation says what the check reports: ASC 740-10-99-9 is no Section, in both', async () => {
    const ws = await exampleWorkspace();
    ws.edit('response-2017-08-16.md', ws.text('response-2017-08-16.md').replace('required by ASC 850-10-50-1 in', 'required by ASC 740-10-99-9 in'));
    const t = await ws.thread('response-2017-08-16.md');
    const h = hoverAt(t, at(ws.text('response-2017-08-16.md'), 'ASC 740-10-99-9 in', 5))!;
    const problem = draftDiagnostics({ file: t.doc.file, draft: t.doc.draft! }).problems.find((p) => p.code === 'citation.unknown-section')!;
    // The same finding, in the same words (hover escapes Markdown, so compare the words before the first escape).
    expect(problem.message.startsWith('The Codification has no Section 99; its SEC material is Section S99')).toBe(true);
    expect(h.markdown).toContain('The Codification has no Section 99; its SEC material is Section S99');
    expect(h.markdown).not.toContain('Status: current');
  });

  it('returns nothing on plain prose', async () => {
    const ws = await exampleWorkspace();
    const t = await ws.thread('response-2017-08-16.md');
    expect(hoverAt(t, at(ws.text('response-2017-08-16.md'), 'VIA EDGAR', 2))).toBeUndefined();
  });
});
