import { describe, expect, it } from 'vitest';
import { commentAt, definitionAt, documentLinks, referencesTo } from '../../server/src/features/navigation';
import { at, exampleWorkspace, PRIOR_LETTER, PRIOR_RESPONSE } from './harness';

describe('go to definition', () => {
  it('goes from an anchor to the comment in the staff letter', async () => {
    const ws = await exampleWorkspace();
    const t = await ws.thread('response-2017-08-16.md');
    const [target] = definitionAt(t, at(ws.text('response-2017-08-16.md'), '**5. Tell us', 2));
    expect(target!.uri).toBe(ws.uri('staff-letter-2017-08-16.md'));
    expect(ws.text('staff-letter-2017-08-16.md').slice(target!.start, target!.start + 30)).toBe('5. Tell us whether your MNS re');
  });

  it('goes from "prior comment 1" to that comment of the prior letter', async () => {
    const ws = await exampleWorkspace({ 'staff-letter-2017-07-07.md': PRIOR_LETTER });
    const t = await ws.thread('response-2017-08-16.md');
    const [target] = definitionAt(t, at(ws.text('response-2017-08-16.md'), 'prior comment 1 regarding', 3));
    expect(target!.uri).toBe(ws.uri('staff-letter-2017-07-07.md'));
    expect(ws.text('staff-letter-2017-07-07.md').slice(target!.start, target!.start + 20)).toBe('1. Please tell us ho');
  });

  it('goes from the front matter path to the staff letter, and links it', async () => {
    const ws = await exampleWorkspace();
    const t = await ws.thread('response-2017-08-16.md');
    const text = ws.text('response-2017-08-16.md');
    expect(definitionAt(t, at(text, './staff-letter', 3))[0]!.uri).toBe(ws.uri('staff-letter-2017-08-16.md'));
    const [link] = documentLinks(t);
    expect(text.slice(link!.start, link!.end)).toBe('./staff-letter-2017-08-16.md');
    expect(link!.target).toBe(ws.uri('staff-letter-2017-08-16.md'));
  });
});

describe('find references', () => {
  it('finds every response to a staff comment and every later mention across the thread', async () => {
    const ws = await exampleWorkspace({ 'staff-letter-2017-07-07.md': PRIOR_LETTER, 'response-2017-07-07.md': PRIOR_RESPONSE });
    const prior = await ws.thread('staff-letter-2017-07-07.md');
    const target = commentAt(prior, at(ws.text('staff-letter-2017-07-07.md'), '1. Please tell us', 1))!;
    const drafts = await Promise.all(prior.answeredBy.map(async (d) => (await ws.index.thread(d)).doc));
    const later = await Promise.all(prior.later.map(async (d) => (await ws.index.thread(d)).doc));
    const refs = referencesTo(target.staffDoc, target.comment, drafts, later, true);
    const where = refs.map(
      (r) =>
        `${r.uri.split('/').pop()}:${ws
          .text(decodeURIComponent(r.uri.split('/').pop()!))
          .slice(r.start, r.end)
          .slice(0, 20)}`,
    );
    expect(where).toEqual(
      expect.arrayContaining([
        'staff-letter-2017-07-07.md:1. Please tell us ho',
        'response-2017-07-07.md:1',
        'staff-letter-2017-08-16.md:prior comment 1',
        'response-2017-08-16.md:prior comment 1',
      ]),
    );
  });
});
