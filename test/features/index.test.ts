import { describe, expect, it } from 'vitest';
import { draftStatus, ThreadsViewState } from '../../server/src/features/threadsView';
import { exampleWorkspace, MemoryWorkspace } from './harness';

describe('the workspace index', () => {
  it('leaves Markdown that is not a Corresp letter alone', async () => {
    const ws = await new MemoryWorkspace({ 'notes.md': '# Notes\n\n1. We note the weather.\n' }).ready();
    expect(ws.index.get(ws.uri('notes.md'))).toBeUndefined();
    expect(ws.index.updateOpen(ws.uri('notes.md'), '# Notes\n', 2)).toBeUndefined();
    expect(ws.index.drafts()).toEqual([]);
  });

  it('counts unsaved buffers: editing the staff letter changes the draft’s coverage', async () => {
    const ws = await exampleWorkspace();
    expect((await ws.thread('response-2017-08-16.md')).coverage!.total).toBe(5);
    const staff = ws.text('staff-letter-2017-08-16.md');
    ws.edit('staff-letter-2017-08-16.md', staff.replace('You may contact', '6. Please also tell us about your new data centers.\n\nYou may contact'));
    const t = await ws.thread('response-2017-08-16.md');
    expect(t.coverage!.total).toBe(6);
    expect(t.coverage!.comments.at(-1)!.status).toBe('missing');
  });

  it('picks up files changed on disk, and deletions', async () => {
    const ws = await exampleWorkspace();
    ws.files.set(
      ws.uri('staff-letter-2017-08-16.md'),
      ws.text('staff-letter-2017-08-16.md').replace(/\n4\. We note your response to prior comment 3\.[^\n]*\n/, '\n'),
    );
    await ws.index.changedOnDisk(ws.uri('staff-letter-2017-08-16.md'), false);
    expect((await ws.thread('response-2017-08-16.md')).coverage!.total).toBe(4);
    ws.files.delete(ws.uri('staff-letter-2017-08-16.md'));
    await ws.index.changedOnDisk(ws.uri('staff-letter-2017-08-16.md'), true);
    expect((await ws.thread('response-2017-08-16.md')).staff!.failure).toBe('no such file');
  });

  it('reads a PDF staff letter when a draft names one', async () => {
    const { readFileSync } = await import('node:fs');
    const pdf = new Uint8Array(readFileSync(`${__dirname}/../fixtures/real/adm-0000000000-24-005934/staff.pdf`));
    const ws = await new MemoryWorkspace({
      'staff.pdf': pdf,
      'draft.md':
        '---\nstaff-letter: ./staff.pdf\n---\n\n**1. Please quantify the components of the adjustment “asset impairment, restructuring and net settlement contingencies” and describe the nature of each material component.**\n\nResponse: The components are as follows.\n',
    }).ready();
    const t = await ws.thread('draft.md');
    expect(t.staff!.doc!.file.kind).toBe('pdf');
    expect(t.coverage!.comments.map((c) => c.status)).toEqual(['answered', 'missing', 'missing', 'missing', 'missing', 'missing']);
  });
});

describe('the Comment Letters view and the status bar', () => {
  it('shows threads > letters > comments with their status', async () => {
    const ws = await exampleWorkspace();
    const threads = await Promise.all(ws.index.drafts().map((d) => ws.index.thread(d)));
    const [node] = new ThreadsViewState().update(threads, (uri, offset) => ws.index.get(uri)!.lines.positionAt(offset)).threads;
    expect(node!.label).toBe('21Vianet Group, Inc.');
    expect(node!.letters.map((l) => `${l.kind}:${l.description}`)).toEqual(['staff-letter:staff-letter-2017-08-16.md', 'response:3/5 answered']);
    expect(node!.letters[1]!.comments.map((c) => `${c.number}:${c.state}`)).toEqual(['1:answered', '2:answered', '3:placeholder', '4:missing', '5:answered']);
  });

  it('says "Corresp 3/5 answered, due Aug 30" for the active draft', async () => {
    const ws = await exampleWorkspace();
    const status = draftStatus(await ws.thread('response-2017-08-16.md'), '2017-08-25')!;
    expect(status.text).toBe('Corresp 3/5 answered, due Aug 30');
    expect(status.tooltip).toBe('3 of 5 comments answered, 1 placeholder, 1 missing. Due August 30, 2017 (5 days left).');
  });
});
