import { describe, expect, it } from 'vitest';
import { draftDiagnostics, staffLetterDiagnostics, DIAGNOSTIC_CODES } from '../../server/src/features/diagnostics';
import type { Thread } from '../../server/src/analysis/thread';
import { staffLinkOf } from '../../server/src/analysis/letter';
import { exampleWorkspace, MemoryWorkspace, PRIOR_LETTER } from './harness';
import pkg from '../../package.json';

function report(t: Thread, options: { today?: string; severities?: Record<string, 'error' | 'warning' | 'information' | 'hint' | 'off'> } = {}) {
  const staff = t.staff;
  return draftDiagnostics({
    file: t.doc.file,
    draft: t.doc.draft!,
    ...(staff ? { staff: staffLinkOf(t)! } : {}),
    ...(t.prior?.letter ? { prior: t.prior.letter } : {}),
    ...options,
  }).problems;
}

const DRAFT = (path: string) => `---\ncorresp: response\nstaff-letter: ${path}\n---\n\n**1. We note something.**\n\nResponse: Fine.\n`;

describe('diagnostics', () => {
  it('places the missing comment after the previous comment’s response and summarises coverage on the front matter', async () => {
    const ws = await exampleWorkspace();
    const t = await ws.thread('response-2017-08-16.md');
    const problems = report(t);
    const missing = problems.find((p) => p.code === 'comment.missing')!;
    const text = t.doc.file.text;
    expect(text.slice(0, missing.start).endsWith('Response: TODO')).toBe(true);
    const summary = problems.find((p) => p.code === 'coverage.summary')!;
    expect(summary.message).toBe('3 of 5 staff comments answered; missing: 4; placeholder only: 3.');
    expect(t.doc.lines.lineAt(summary.start)).toBe(0);
  });

  it('lets the user change a severity or switch a code, or a whole family, off', async () => {
    const ws = await exampleWorkspace();
    const t = await ws.thread('response-2017-08-16.md');
    const codes = (s: Record<string, 'error' | 'warning' | 'information' | 'hint' | 'off'>) =>
      report(t, { severities: s }).map((p) => `${p.code}:${p.severity}`);
    expect(codes({ 'quote.drift': 'off' })).not.toContain('quote.drift:warning');
    expect(codes({ 'comment.missing': 'warning' })).toContain('comment.missing:warning');
    expect(codes({ citation: 'off' }).some((c) => c.startsWith('citation.'))).toBe(false);
    expect(codes({}).some((c) => c.startsWith('citation.'))).toBe(true);
  });

  it('reports the due date passed, ten business days after the letter with federal holidays skipped', async () => {
    const ws = await exampleWorkspace();
    const t = await ws.thread('response-2017-08-16.md');
    expect(report(t, { today: '2017-08-30' }).map((p) => p.code)).not.toContain('response.overdue');
    const overdue = report(t, { today: '2017-08-31' }).find((p) => p.code === 'response.overdue')!;
    expect(overdue.message).toContain('due August 30, 2017 (10 business days after the August 16, 2017 letter)');
  });

  it('uses the due date the front matter gives', async () => {
    const ws = await exampleWorkspace();
    ws.edit('response-2017-08-16.md', ws.text('response-2017-08-16.md').replace('corresp: response', 'corresp: response\ndue: 2017-09-15'));
    const t = await ws.thread('response-2017-08-16.md');
    expect(report(t, { today: '2017-09-01' }).map((p) => p.code)).not.toContain('response.overdue');
    expect(report(t, { today: '2017-09-16' }).find((p) => p.code === 'response.overdue')!.message).toContain('September 15, 2017');
  });

  it('says why a staff letter cannot be read, on its front-matter line', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['./nowhere.pdf', '', /no such file/],
      ['./draft.md', '', /it is this draft itself/],
      ['../outside/letter.md', '', /outside the workspace folder/],
      ['./empty.pdf', '%PDF-1.4\n%%EOF', /nothing is extractable/],
    ];
    for (const [written, content, reason] of cases) {
      const ws = await new MemoryWorkspace({ 'draft.md': DRAFT(written), ...(content ? { 'empty.pdf': content } : {}) }).ready();
      const t = await ws.thread('draft.md');
      const p = report(t).find((x) => x.code === 'staff-letter.unreadable')!;
      expect(p.message, written).toMatch(reason);
      expect(t.doc.lines.lineAt(p.start), written).toBe(2);
    }
  });

  it('reports a "prior comment N" that the prior letter does not have', async () => {
    const ws = await exampleWorkspace({ 'staff-letter-2017-07-07.md': PRIOR_LETTER.replace(/\n3\. Please disclose[^\n]*\n/, '\n') });
    const staff = await ws.thread('staff-letter-2017-08-16.md');
    const problems = staffLetterDiagnostics(staff.doc.file, staff.doc.letter!, staff.prior!.letter);
    const unknown = problems.filter((p) => p.code === 'prior-comment.unknown');
    expect(unknown.map((p) => staff.doc.file.text.slice(p.start, p.end))).toEqual(['prior comment 3']);
    expect(unknown[0]!.message).toBe('The prior letter (July 7, 2017) has no comment 3; its comments are 1, 2.');
  });

  it('reports malformed front matter on its line', async () => {
    const ws = await new MemoryWorkspace({ 'draft.md': '---\ncorresp: response\nstaff-letter: "unclosed\n---\n\nText.\n' }).ready();
    const t = await ws.thread('draft.md');
    const p = report(t).find((x) => x.code === 'frontmatter.invalid')!;
    expect(p.message).toMatch(/^Front matter: /);
    expect(t.doc.lines.lineAt(p.start)).toBeGreaterThanOrEqual(2);
  });

  it('has a setting for every diagnostic code, with its default severity', () => {
    const props = (pkg.contributes.configuration.properties['corresp.diagnostics.severity'] as { properties: Record<string, { default: string }> }).properties;
    expect(Object.keys(props).sort()).toEqual(Object.keys(DIAGNOSTIC_CODES).sort());
    for (const [code, { severity }] of Object.entries(DIAGNOSTIC_CODES)) expect(props[code]!.default, code).toBe(severity);
  });
});

describe('supersession, judged as of the period the letter concerns', () => {
  it('hints, rather than warns, when the superseding standard was not yet in force (ASC 605 in a letter on 2016 financial statements)', async () => {
    const ws = await exampleWorkspace();
    const t = await ws.thread('response-2017-08-16.md');
    const superseded = report(t).filter((p) => p.code === 'citation.superseded');
    expect(superseded.map((p) => p.severity)).toEqual(['hint']);
    expect(superseded[0]!.message).toContain('effective for periods beginning after December 15, 2017');
  });

  it('warns with information when the letter concerns a period after the change', async () => {
    const ws = await exampleWorkspace();
    const staff = ws
      .text('staff-letter-2017-08-16.md')
      .replace(/December 31, 2016 \(filed/, 'December 31, 2019 (filed')
      .replace('Form 20-F for the Fiscal Year Ended December 31, 2016\\', 'Form 20-F for the Fiscal Year Ended December 31, 2019\\');
    ws.edit(
      'staff-letter-2017-08-16.md',
      staff.replace(/Form 20-F for the Fiscal Year Ended December 31, 2016/g, 'Form 20-F for the Fiscal Year Ended December 31, 2019'),
    );
    const t = await ws.thread('response-2017-08-16.md');
    expect(
      report(t)
        .filter((p) => p.code === 'citation.superseded')
        .map((p) => p.severity),
    ).toEqual(['information']);
  });
});

describe("citations in the staff's repeated words", () => {
  it("are the staff's: a citation problem is reported in the company's answer, not inside the repeated comment", async () => {
    // Comment 2 of the example letter, citing a Section the Codification does not have (99 for S99), repeated in the
    // draft and cited again in the answer.
    const ws = await exampleWorkspace();
    const cite = (t: string) => t.replace('pursuant to ASC 850-10-50, if', 'pursuant to ASC 850-10-99-1, if');
    ws.edit('staff-letter-2017-08-16.md', cite(ws.text('staff-letter-2017-08-16.md')));
    ws.edit('response-2017-08-16.md', cite(ws.text('response-2017-08-16.md')).replace('required by ASC 850-10-50-1 in', 'required by ASC 850-10-99-1 in'));
    const t = await ws.thread('response-2017-08-16.md');
    const text = t.doc.file.text;
    const found = report(t).filter((p) => p.code === 'citation.unknown-section');
    expect(found.map((p) => text.slice(p.start, p.end))).toEqual(['ASC 850-10-99-1']);
    expect(found[0]!.start).toBe(text.indexOf('ASC 850-10-99-1 in'));
    const quote = t.doc.draft!.anchors.find((a) => a.numbers.includes(2))!.quote!;
    expect(text.slice(quote.start, quote.end)).toContain('ASC 850-10-99-1, if');
  });
});
