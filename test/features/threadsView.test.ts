/**
 * The Comment Letters view's answers between asks: a node is built again only when what it is made of changed, and a
 * caller naming the version it holds gets only the changes, which merged into what it holds give the whole answer.
 */
import { describe, expect, it } from 'vitest';
import { mergeNodes } from '../../server/src/features/nodesMerge';
import { ThreadsViewState, type ThreadsUpdate } from '../../server/src/features/threadsView';
import { exampleWorkspace, type MemoryWorkspace } from './harness';

/** A second thread: the example's staff letter and draft again under other names, for another company. */
async function twoThreads(): Promise<MemoryWorkspace> {
  const { readFileSync } = await import('node:fs');
  const ex = (f: string) => readFileSync(`${__dirname}/../../examples/${f}`, 'utf8');
  return exampleWorkspace({
    'other/staff-letter-2017-08-16.md': ex('staff-letter-2017-08-16.md').replace(/21Vianet Group, Inc\./g, 'Northwind Holdings Inc.'),
    'other/response-2017-08-16.md': ex('response-2017-08-16.md'),
  });
}

async function answer(ws: MemoryWorkspace, state: ThreadsViewState, since?: string): Promise<ThreadsUpdate> {
  const threads = await Promise.all(ws.index.drafts().map((d) => ws.index.thread(d)));
  return state.update(threads, (uri, offset) => ws.index.get(uri)!.lines.positionAt(offset), since);
}

describe('the Comment Letters view between asks', () => {
  it('answers with what changed since the version the caller holds, and the merge is the whole answer', async () => {
    const ws = await twoThreads();
    const state = new ThreadsViewState();
    const first = await answer(ws, state);
    expect(first.delta).toBe(false);
    expect(first.threads.map((t) => t.label)).toEqual(['21Vianet Group, Inc.', 'Northwind Holdings Inc.']);
    let held = mergeNodes({ byId: new Map(), threads: [] }, first);

    // Nothing changed: nothing sent, the same version.
    const same = await answer(ws, state, first.version);
    expect(same).toEqual({ version: first.version, delta: true, threads: [] });

    // A keystroke in one draft: only its thread comes back.
    const draft = ws.text('other/response-2017-08-16.md');
    ws.edit('other/response-2017-08-16.md', draft.replace(/\*\*Response:?\*\*[^\n]*\n/, '**Response:** [TBD]\n'));
    const edited = await answer(ws, state, first.version);
    expect(edited.delta).toBe(true);
    expect(edited.threads.map((t) => t.label)).toEqual(['Northwind Holdings Inc.']);
    held = mergeNodes(held, edited);
    expect(held.threads).toEqual((await answer(ws, new ThreadsViewState())).threads);
    // The unchanged thread's node is the very object sent before (not built again).
    expect(held.byId.get(first.threads[0]!.id)).toBe(first.threads[0]);

    // A draft deleted: its thread's id is removed.
    ws.files.delete(ws.uri('other/response-2017-08-16.md'));
    ws.open.delete(ws.uri('other/response-2017-08-16.md'));
    await ws.index.closed(ws.uri('other/response-2017-08-16.md'));
    await ws.index.changedOnDisk(ws.uri('other/response-2017-08-16.md'), true);
    const gone = await answer(ws, state, edited.version);
    expect(gone.delta).toBe(true);
    expect(gone.removed).toEqual([first.threads[1]!.id]);
    held = mergeNodes(held, gone);
    expect(held.threads).toEqual((await answer(ws, new ThreadsViewState())).threads);
  });

  it('answers in whole to a version it does not know (a restarted server, another caller)', async () => {
    const ws = await twoThreads();
    const a = new ThreadsViewState();
    const b = new ThreadsViewState();
    const fromA = await answer(ws, a);
    const fromB = await answer(ws, b, fromA.version);
    expect(fromB.delta).toBe(false);
    expect(fromB.threads).toEqual(fromA.threads);
    expect(fromB.version).not.toBe(fromA.version);
  });

  it('a merge puts new nodes in the order given, and keeps the held order otherwise', () => {
    const node = (id: string) => ({ id, label: id, description: '', letters: [] });
    const held = mergeNodes({ byId: new Map(), threads: [] }, { version: '1', delta: false, threads: [node('a'), node('c')] });
    const added = mergeNodes(held, { version: '2', delta: true, threads: [node('b')], order: ['a', 'b', 'c'] });
    expect(added.threads.map((t) => t.id)).toEqual(['a', 'b', 'c']);
    const changed = mergeNodes(added, { version: '3', delta: true, threads: [{ ...node('c'), description: 'new' }] });
    expect(changed.threads.map((t) => `${t.id}${t.description}`)).toEqual(['a', 'b', 'cnew']);
    const removed = mergeNodes(changed, { version: '4', delta: true, threads: [], removed: ['a'] });
    expect(removed.threads.map((t) => t.id)).toEqual(['b', 'c']);
  });
});
