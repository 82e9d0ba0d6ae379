import { describe, expect, it } from 'vitest';
import { foldingRanges, outline } from '../../server/src/features/outline';
import { exampleWorkspace } from './harness';

describe('document symbols and folding', () => {
  it('outlines a draft by caption with each comment and its status', async () => {
    const ws = await exampleWorkspace();
    const symbols = outline(await ws.thread('response-2017-08-16.md'));
    const flat = (s: typeof symbols, depth = 0): string[] =>
      s.flatMap((x) => [`${'  '.repeat(depth)}${x.name}${x.detail ? ` (${x.detail})` : ''}`, ...flat(x.children, depth + 1)]);
    expect(flat(symbols)).toEqual([
      'Item 3. Key Information',
      '  A. Selected Financial Data, page 3',
      '    Comment 1 (answered)',
      '    Comment 2 (answered)',
      'Discussion of Non-GAAP Financial Measures, page 5',
      '  Comment 3 (placeholder)',
      'Item 5. Operating and Financial Review and Prospects',
      '  Critical Accounting Policies',
      '    Goodwill, page 84',
      '      Comment 5 (answered)',
    ]);
  });

  it('outlines a staff letter with its comments and how many requests each makes', async () => {
    const ws = await exampleWorkspace();
    const names = outline(await ws.thread('staff-letter-2017-08-16.md')).flatMap(function walk(s): string[] {
      return [`${s.name}${s.detail ? ` (${s.detail})` : ''}`, ...s.children.flatMap(walk)];
    });
    expect(names).toContain('Comment 1 (6 requests)');
    expect(names).toContain('Goodwill, page 84');
  });

  it('folds each comment, each caption section and the front matter', async () => {
    const ws = await exampleWorkspace();
    const t = await ws.thread('response-2017-08-16.md');
    const folds = foldingRanges(t, t.doc.lines);
    expect(folds[0]).toEqual({ startLine: 0, endLine: 3, kind: 'region' });
    const comment5 = folds.find((f) => f.kind === 'comment' && t.doc.lines.lineText(f.startLine).startsWith('**5.'))!;
    expect(t.doc.lines.lineText(comment5.endLine)).toMatch(/^Response: The Company respectfully advises/);
  });
});
