import { describe, expect, it } from 'vitest';
import { completionsAt } from '../../server/src/features/completion';
import { exampleWorkspace, PRIOR_LETTER } from './harness';

async function complete(extra: string, files: Record<string, string> = {}) {
  const ws = await exampleWorkspace(files);
  const base = ws.text('response-2017-08-16.md');
  const text = base.replace('* * *', `${extra}\n\n* * *`);
  ws.edit('response-2017-08-16.md', text);
  const t = await ws.thread('response-2017-08-16.md');
  return completionsAt(t, text.indexOf(extra) + extra.length);
}

describe('completion', () => {
  it('after an anchor’s number position offers the comments not yet answered, with a preview', async () => {
    const items = await complete('<!-- comment ');
    expect(items.map((i) => i.label)).toEqual(['3', '4']);
    expect(items[1]!.detail).toBe('Discussion of Non-GAAP Financial Measures, page 5');
    expect(items[1]!.documentation).toContain('tax effect of your non-GAAP adjustments');
  });

  it('after ** at a paragraph start inserts the whole repeated comment and a response placeholder', async () => {
    const items = await complete('**');
    const four = items.find((i) => i.label === '4')!;
    expect(four.snippet).toBe(true);
    expect(four.insertText).toMatch(/^4\. We note your response to prior comment 3\..*\*\*\n\nResponse: \$\{0:\[Response\]\}$/s);
  });

  it('after "prior comment " offers the prior letter’s comments', async () => {
    const items = await complete('As noted in our response to prior comment ', { 'staff-letter-2017-07-07.md': PRIOR_LETTER });
    expect(items.map((i) => i.label)).toEqual(['1', '2', '3']);
  });

  it('after "ASC " offers topics, after "ASC 810-" subtopics, after "ASC 810-10-" sections', async () => {
    expect((await complete('See ASC 8')).map((i) => i.label)).toEqual(expect.arrayContaining(['805', '808', '810', '850']));
    const subtopics = await complete('See ASC 810-');
    expect(subtopics.find((i) => i.label === '10')!.detail).toBe('Overall');
    const sections = await complete('See ASC 810-10-');
    expect(sections.find((i) => i.label === '50')!.detail).toBe('Disclosure');
  });

  it('after "Item " in an S-K context offers S-K items', async () => {
    const items = await complete('Under Regulation S-K, see Item 30');
    expect(items.map((i) => i.label)).toContain('303');
  });
});
