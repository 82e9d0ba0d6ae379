/**
 * A draft whose `staff-letter:` names another response draft (a second round drafted against the first, or a draft
 * checked against a colleague's): the CLI reads the named draft's repeated comments as the staff letter, and the
 * editor must say the same. Reliability (issue 17): the editor gave such a draft no staff letter, so no coverage and
 * no comment diagnostics, while `corresp check` checked it.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { draftDiagnostics } from '../../server/src/features/diagnostics';
import { ANSWERS, COMMENTS, draft, run, staffLetter, tempRepo, write } from '../unit/cli/helpers';
import { MemoryWorkspace } from './harness';

const FILES: Record<string, string> = {
  't/staff-letter.md': staffLetter({ date: '2024-05-01', company: 'Acme Widgets, Inc.', comments: COMMENTS }),
  't/first.md': draft({ staff: './staff-letter.md', comments: COMMENTS, answers: ANSWERS }),
  // Answers comments 1 and 3 of the comments the first draft repeats; leaves 2 out; its 3 is a placeholder.
  't/second.md': draft({ staff: './first.md', comments: COMMENTS, answers: [ANSWERS[0], undefined, 'TODO'] }),
};

describe('a draft whose staff letter is another response draft', () => {
  it('is checked in the editor against the comments that draft repeats, as the CLI checks it', async () => {
    const ws = await new MemoryWorkspace(FILES).ready();
    const t = await ws.thread('t/second.md');
    expect(t.staff?.failure).toBeUndefined();
    expect(t.coverage?.comments.length).toBe(3);
    const s = t.staff!;
    const editor = draftDiagnostics({
      file: t.doc.file,
      draft: t.doc.draft!,
      staff: { path: s.path!, ...(s.doc?.letter ? { letter: s.doc.letter } : {}) },
      today: '2024-05-02',
    }).problems.map((p) => `${t.doc.lines.positionAt(p.start).line + 1} ${p.code}`);

    const dir = tempRepo();
    for (const [name, text] of Object.entries(FILES)) write(dir, name, text);
    const r = await run(['check', path.join('t', 'second.md'), '--format', 'json'], dir, '2024-05-02');
    const cli = (JSON.parse(r.stdout) as { diagnostics: { line: number; code: string }[] }).diagnostics.map((d) => `${d.line} ${d.code}`);
    expect(cli).toEqual(expect.arrayContaining([expect.stringMatching(/ comment\.missing$/), expect.stringMatching(/ response\.placeholder$/)]));
    expect(editor.sort()).toEqual(cli.sort());
  });
});
