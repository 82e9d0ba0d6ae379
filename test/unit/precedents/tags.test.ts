import { describe, expect, it } from 'vitest';
import { tagsOf, TOPIC_TAGS, topicTag } from '../../../server/src/precedents/tags';
import { ADM, ETN, staffFixture } from './helpers';

describe('topic tags', () => {
  it('come from a real comment’s citations and words: ADM’s 8-K non-GAAP comment (Item 10(e)) and its goodwill comment', async () => {
    const adm = await staffFixture(ADM);
    expect(tagsOf(adm.comments.find((c) => c.number === 6)!)).toContain('non-gaap');
    const goodwill = tagsOf(adm.comments.find((c) => c.number === 3)!);
    expect(goodwill).toContain('goodwill-impairment');
    expect(goodwill).toContain('critical-accounting-estimates');
  });

  it('tag Eaton’s Syria and Sudan comment as sanctioned countries', async () => {
    const etn = await staffFixture(ETN);
    expect(tagsOf(etn.comments[0]!)).toContain('sanctioned-countries');
  });

  it('come from a citation alone: an ASC topic, an S-K item, Regulation G', () => {
    expect(tagsOf({ text: 'Tell us how you applied ASC 606-10-25-21.' })).toEqual(['revenue-recognition']);
    expect(tagsOf({ text: 'Refer to Item 402(b) of Regulation S-K.' })).toEqual(['executive-compensation']);
    expect(tagsOf({ text: 'Tell us how this complies with Rule 100(b) of Regulation G.' })).toEqual(['non-gaap']);
  });

  it('read the caption too', () => {
    expect(tagsOf({ text: 'Please tell us more.', caption: ['Item 1C. Cybersecurity'] })).toEqual(['cybersecurity']);
  });

  it('have unique ids, each found by topicTag', () => {
    const ids = TOPIC_TAGS.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(topicTag(id)?.id).toBe(id);
  });
});
