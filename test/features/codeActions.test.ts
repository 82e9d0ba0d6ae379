import { describe, expect, it } from 'vitest';
import { codeActionsFor } from '../../server/src/features/codeActions';
import { draftDiagnostics } from '../../server/src/features/diagnostics';
import { codeLenses } from '../../server/src/features/codeLens';
import { applyEdits, exampleWorkspace } from './harness';
import type { Thread } from '../../server/src/analysis/thread';

function problems(t: Thread) {
  return draftDiagnostics({ file: t.doc.file, draft: t.doc.draft!, staff: { letter: t.staff!.doc!.letter! } }).problems;
}

describe('code actions', () => {
  it('inserts the response skeleton for a missing comment at its place in order, with its caption', async () => {
    const ws = await exampleWorkspace();
    const t = await ws.thread('response-2017-08-16.md');
    const missing = problems(t).find((p) => p.code === 'comment.missing')!;
    const [fix] = codeActionsFor(t, missing.start, missing.end, [missing]);
    expect(fix!.title).toBe('Insert a response to comment 4');
    const after = applyEdits(t.doc.file.text, fix!.edits);
    // After comment 3's response, before the caption of comment 5.
    expect(after).toMatch(/Response: TODO\n\n\*\*4\. We note your response to prior comment 3\..*\*\*\n\nResponse: \[Response\]\n\n### Item 5\./s);
    ws.edit('response-2017-08-16.md', after);
    const again = await ws.thread('response-2017-08-16.md');
    expect(again.coverage!.comments.find((c) => c.number === 4)!.status).toBe('placeholder');
  });

  it('inserts all missing responses at once, in comment order', async () => {
    const ws = await exampleWorkspace();
    const draft = ws.text('response-2017-08-16.md');
    const onlyFirst = draft.slice(0, draft.indexOf('**2. In your response')) + draft.slice(draft.indexOf('* * *'));
    ws.edit('response-2017-08-16.md', onlyFirst);
    const t = await ws.thread('response-2017-08-16.md');
    const all = codeActionsFor(t, 0, 0, problems(t)).find((a) => a.title.startsWith('Insert responses to all'))!;
    expect(all.title).toBe('Insert responses to all 4 missing comments');
    const after = applyEdits(onlyFirst, all.edits);
    const order = [...after.matchAll(/^\*\*(\d)\./gm)].map((m) => m[1]);
    expect(order).toEqual(['1', '2', '3', '4', '5']);
    ws.edit('response-2017-08-16.md', after);
    expect((await ws.thread('response-2017-08-16.md')).coverage!.comments.map((c) => c.status)).toEqual([
      'answered',
      'placeholder',
      'placeholder',
      'placeholder',
      'placeholder',
    ]);
  });

  it('replaces a drifted quote with the staff’s exact words', async () => {
    const ws = await exampleWorkspace();
    const t = await ws.thread('response-2017-08-16.md');
    const drift = problems(t).find((p) => p.code === 'quote.drift')!;
    const fix = codeActionsFor(t, drift.start, drift.end, [drift]).find((a) => a.title.startsWith('Replace the repeated comment'))!;
    ws.edit('response-2017-08-16.md', applyEdits(t.doc.file.text, fix.edits));
    const again = await ws.thread('response-2017-08-16.md');
    expect(problems(again).map((p) => p.code)).not.toContain('quote.drift');
    expect(again.doc.file.text).toContain('recoverability of the remaining receivables from this party as of December 31, 2016, if any.**');
  });

  it('anchors a prose paragraph to the comment it matches, in a response that answers in prose', async () => {
    const ws = await exampleWorkspace({
      'prose.md': `---\nstaff-letter: ./staff-letter-2017-08-16.md\n---\n\nDear Mr. Krikorian:\n\nWith respect to the tax effect of our non-GAAP adjustments, we will ensure in future earnings releases that the tax effect is disclosed as a separate reconciling item.\n\nVery truly yours,\n`,
    });
    const t = await ws.thread('prose.md');
    expect(problems(t).map((p) => p.code)).toContain('draft.no-anchors');
    const draft = ws.text('prose.md');
    const offset = draft.indexOf('With respect to the tax');
    const fix = codeActionsFor(t, offset, offset, []).find((a) => a.title === 'Anchor this paragraph to comment 4')!;
    ws.edit('prose.md', applyEdits(draft, fix.edits));
    expect((await ws.thread('prose.md')).coverage!.comments.find((c) => c.number === 4)!.status).toBe('answered');
  });
});

describe('code lens', () => {
  it('shows each anchor’s comment, status and a way to the staff comment', async () => {
    const ws = await exampleWorkspace();
    const lenses = codeLenses(await ws.thread('response-2017-08-16.md'));
    expect(lenses.map((l) => l.title)).toEqual([
      'Comment 1 · answered · open staff comment',
      'Comment 2 · answered · open staff comment',
      'Comment 3 · placeholder · open staff comment',
      'Comment 5 · answered · open staff comment',
    ]);
    expect(lenses[0]!.open!.uri).toBe(ws.uri('staff-letter-2017-08-16.md'));
  });
});

describe('the pre-filing gate in the editor', () => {
  it('a missing comment whose caption the draft kept sits under that caption, and its insert does not repeat it', async () => {
    const ws = await exampleWorkspace();
    const draft = ws.text('response-2017-08-16.md');
    // Comment 5 cut, its captions ("### Item 5. Operating …", "#### Critical …", "##### Goodwill, page 84") kept.
    const start = draft.indexOf('**5. ');
    const cut = draft.slice(0, start) + draft.slice(draft.indexOf('* * *'));
    ws.edit('response-2017-08-16.md', cut);
    const t = await ws.thread('response-2017-08-16.md');
    const missing = problems(t).find((p) => p.code === 'comment.missing' && p.data?.number === 5)!;
    expect(cut.slice(0, missing.start)).toMatch(/Goodwill, page 84\s*$/);
    const [fix] = codeActionsFor(t, missing.start, missing.end, [missing]);
    const after = applyEdits(cut, fix!.edits);
    expect(after.match(/Goodwill, page 84/g)).toHaveLength(1);
    expect(after.match(/Item 5\. Operating/g)).toHaveLength(1);
    ws.edit('response-2017-08-16.md', after);
    expect((await ws.thread('response-2017-08-16.md')).coverage!.comments.find((c) => c.number === 5)!.status).toBe('placeholder');
  });

  it('“Accept here” inserts a corresp-ignore marker that silences that finding only', async () => {
    const ws = await exampleWorkspace();
    const t = await ws.thread('response-2017-08-16.md');
    const drift = problems(t).find((p) => p.code === 'quote.drift')!;
    // The drift points at the differing word, not the whole paragraph.
    expect(t.doc.file.text.slice(drift.start, drift.end)).toBe('receivable');
    const accept = codeActionsFor(t, drift.start, drift.end, [drift]).find((a) => a.title.startsWith('Accept this quote.drift here'))!;
    const after = applyEdits(t.doc.file.text, accept.edits);
    expect(after).toContain('<!-- corresp-ignore quote.drift -->\n');
    ws.edit('response-2017-08-16.md', after);
    const again = await ws.thread('response-2017-08-16.md');
    const codes = problems(again).map((p) => p.code);
    expect(codes).not.toContain('quote.drift');
    expect(codes).toContain('comment.missing');
    expect(again.coverage!.comments.map((c) => c.status)).toEqual(t.coverage!.comments.map((c) => c.status));
  });

  it('every diagnostic code is documented in docs/diagnostics.md, and diagnostics link to their section', async () => {
    const { readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const { DIAGNOSTIC_CODES } = await import('../../server/src/features/diagnostics');
    const { diagnostic } = await import('../../server/src/lsp/convert');
    const { LineIndex } = await import('../../server/src/text/lineIndex');
    const docs = readFileSync(path.join(__dirname, '../../docs/diagnostics.md'), 'utf8');
    for (const code of Object.keys(DIAGNOSTIC_CODES)) {
      expect(docs, code).toContain(`<a id="${code}"></a>\n\n### \`${code}\``);
    }
    const d = diagnostic(new LineIndex('x'), { code: 'quote.drift', severity: 'warning', message: 'm', start: 0, end: 1 });
    expect(d.codeDescription!.href).toMatch(/^file:\/\/.*\/docs\/diagnostics\.md#quote\.drift$/);
    expect(d.codeDescription!.href).not.toMatch(/invalid/);
  });
});
