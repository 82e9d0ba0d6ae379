import { describe, expect, it } from 'vitest';
import {
  ascSections,
  ascSubtopics,
  ascTopics,
  checkCitation,
  citationCompletionContext,
  describeCitation,
  findCitations,
  regulationItems,
  type Citation,
} from '../../../server/src/citations';
import { ASC_SUBTOPICS } from '../../../server/src/citations/data/asc-subtopics';
import { ASC_TOPICS } from '../../../server/src/citations/data/asc-topics';
import { ASC_SECTIONS } from '../../../server/src/citations/data/asc-sections';
import { REG_G, REG_SK, REG_SX } from '../../../server/src/citations/data/regulations';

function one(text: string): Citation {
  const found = findCitations(text);
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('tables', () => {
  it('every row names a verified source', () => {
    const rows = [...ASC_TOPICS, ...ASC_SUBTOPICS, ...ASC_SECTIONS, ...REG_SK, ...REG_SX, ...REG_G];
    for (const r of rows) {
      expect(r.source.length, JSON.stringify(r)).toBeGreaterThan(5);
      expect(r.source.toLowerCase(), JSON.stringify(r)).not.toContain('unverified');
    }
  });

  it('has no duplicate keys', () => {
    const dupes = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);
    expect(dupes(ASC_TOPICS.map((t) => t.number))).toEqual([]);
    expect(dupes(ASC_SUBTOPICS.map((t) => t.code))).toEqual([]);
    expect(dupes(REG_SK.map((t) => t.item))).toEqual([]);
    expect(dupes(REG_SX.map((t) => t.item))).toEqual([]);
  });
});

describe('describeCitation', () => {
  it('describes an ASC paragraph down to its sub-paragraph', () => {
    const d = describeCitation(findCitations('paragraphs 2AA.d and 3.bb of ASC 810-10-50')[0]!);
    expect(d.label).toBe('ASC 810-10-50-2AA(d)');
    expect(d.text).toBe('ASC 810-10-50-2AA(d): Consolidation > Overall > Disclosure, paragraph 2AA(d)');
    expect(d.status).toBe('current');
    expect(d.link).toBeUndefined();
    expect(d.sources.length).toBeGreaterThan(0);
  });

  it('describes a range and a superseded topic', () => {
    expect(describeCitation(one('ASC 805-30-25-2 through 25-4')).label).toBe('ASC 805-30-25-2 through 25-4');
    const d = describeCitation(one('ASC 605-25'));
    expect(d.status).toBe('superseded');
    expect(d.supersededBy).toEqual({ by: '606', via: 'ASU 2014-09' });
  });

  it('links Regulation S-K, S-X and G to eCFR', () => {
    const sk = describeCitation(one('Item 303 of Regulation S-K'));
    expect(sk.link).toBe('https://www.ecfr.gov/current/title-17/chapter-II/part-229/section-229.303');
    expect(sk.title).toMatch(/Management's discussion and analysis/);
    const sx = describeCitation(one('Rule 4-08(e)'));
    expect(sx.link).toBe('https://www.ecfr.gov/current/title-17/chapter-II/part-210/section-210.4-08#p-210.4-08(e)');
    expect(sx.notes.join(' ')).toMatch(/inferred/);
    expect(describeCitation(one('Rule 100(b) of Regulation G')).link).toContain('part-244/section-244.100');
    expect(describeCitation(one('Rule 13e-4(f)(5)')).link).toContain('part-240/section-240.13e-4');
    expect(describeCitation(one('Item 10(e)(1)(ii)(B) of Regulation S-K')).title).toMatch(/non-recurring/);
  });

  it('describes the other families', () => {
    expect(describeCitation(one('SAB Topic 5.Y')).label).toBe('SAB Topic 5.Y');
    expect(describeCitation(one('ASU 2016-02')).label).toBe('ASU 2016-02');
    expect(describeCitation(one('Non-GAAP C&DI 102.10')).text).toMatch(/Non-GAAP Financial Measures/);
    expect(describeCitation(one('Section V of Release 33-8350')).label).toBe('Release No. 33-8350, Section V');
  });
});

describe('checkCitation', () => {
  it('offers to fix a stray hyphen', () => {
    const text = 'complies with ASC-250-10-50-7. As';
    const [p] = checkCitation(one(text));
    expect(p).toMatchObject({ code: 'citation.stray-hyphen', fix: { newText: 'ASC 250-10-50-7', start: 14, end: 29 } });
  });

  it('reports unknown topics, subtopics and sections', () => {
    expect(checkCitation(one('ASC 999-10-50-1')).map((p) => p.code)).toEqual(['citation.unknown-topic']);
    expect(checkCitation(one('ASC 810-99-50-1')).map((p) => p.code)).toEqual(['citation.unknown-subtopic']);
    expect(checkCitation(one('ASC 810-10-51-1')).map((p) => p.code)).toEqual(['citation.unknown-section']);
    expect(checkCitation(one('ASC 810-10-50-1'))).toEqual([]);
    expect(checkCitation(one('ASC 606-10-65-1'))).toEqual([]);
  });

  it('reports superseded guidance with what replaced it', () => {
    const [p] = checkCitation(one('ASC 840-20-25-1'));
    expect(p).toMatchObject({ code: 'citation.superseded', severity: 'information', supersededBy: { by: '842', via: 'ASU 2016-02' } });
    const [q] = checkCitation(one('ASC 310-30'));
    expect(q).toMatchObject({ code: 'citation.superseded', supersededBy: { by: '326-20', via: 'ASU 2016-13' } });
    expect(checkCitation(one('Topic 605'))[0]).toMatchObject({ code: 'citation.superseded', supersededBy: { by: '606' } });
  });

  it('reports malformed ranges, with a fix when the ends are swapped', () => {
    const [p] = checkCitation(one('ASC 805-30-25-4 through 25-2'));
    expect(p).toMatchObject({ code: 'citation.malformed-range', fix: { newText: 'ASC 805-30-25-2 through 25-4' } });
    const [q] = checkCitation(one('ASC 805-30-25-2 through 30-4'));
    expect(q).toMatchObject({ code: 'citation.malformed-range' });
    expect(q!.fix).toBeUndefined();
    expect(checkCitation(one('ASC 606-10-55-36 through 55-40'))).toEqual([]);
    expect(checkCitation(one('ASC 805-30-25-2 through 25-2A'))).toEqual([]);
  });
});

describe('completion', () => {
  it('lists topics, subtopics, sections and regulation items', () => {
    expect(ascTopics().find((t) => t.number === '810')?.title).toBe('Consolidation');
    expect(ascSubtopics('810').map((s) => s.code)).toEqual(['810-10', '810-20', '810-30']);
    expect(ascSubtopics('820').map((s) => s.title)).toEqual(['Overall']);
    expect(ascSections('810-10').map((s) => s.number)).toContain('50');
    expect(regulationItems('S-K').some((r) => r.item === '303')).toBe(true);
    expect(regulationItems('S-X').some((r) => r.item === '3-05')).toBe(true);
    expect(regulationItems('G').some((r) => r.item === '100')).toBe(true);
  });

  it('says what is being typed', () => {
    expect(citationCompletionContext('Refer to ASC ')).toEqual({ kind: 'asc-topic', partial: '', replaceFrom: 13 });
    expect(citationCompletionContext('see ASC 81')).toMatchObject({ kind: 'asc-topic', partial: '81' });
    expect(citationCompletionContext('ASC 810-')).toEqual({ kind: 'asc-subtopic', topic: '810', partial: '', replaceFrom: 8 });
    expect(citationCompletionContext('ASC 810-10-')).toMatchObject({ kind: 'asc-section', topic: '810', subtopic: '10', partial: '' });
    expect(citationCompletionContext('Refer to Item ', 'as required by Regulation S-K.')).toMatchObject({
      kind: 'regulation-item',
      regulation: 'S-K',
      inferred: true,
    });
    expect(citationCompletionContext('Refer to Item ')).toBeNull();
    expect(citationCompletionContext('Rule ', 'Regulation S-X applies')).toMatchObject({ regulation: 'S-X' });
    expect(citationCompletionContext('Rule 3-')).toMatchObject({ regulation: 'S-X', partial: '3-' });
    expect(citationCompletionContext('Regulation S-K Item 30')).toMatchObject({ regulation: 'S-K', inferred: false, partial: '30' });
    expect(citationCompletionContext('nothing here')).toBeNull();
  });
});
