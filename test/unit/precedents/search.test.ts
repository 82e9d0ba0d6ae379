import { describe, expect, it } from 'vitest';
import { loadMiniSearchPrecedents, MiniSearchPrecedents } from '../../../server/src/precedents/miniSearch';
import type { SearchDocument } from '../../../server/src/precedents/search';
import { ADM, CAT, ETN, ITW, staffFixture } from './helpers';

/** The real comments of the four companies, numbered 1… in letter order. */
async function documents(): Promise<{ docs: SearchDocument[]; where: Map<number, string> }> {
  const docs: SearchDocument[] = [];
  const where = new Map<number, string>();
  for (const rel of [ADM, CAT, ITW, ETN]) {
    for (const c of (await staffFixture(rel)).comments) {
      const id = docs.length + 1;
      docs.push({ id, text: c.text });
      where.set(id, `${rel.slice(0, 3)} ${c.number}`);
    }
  }
  return { docs, where };
}

describe('MiniSearchPrecedents', () => {
  it('finds first, for ADM’s 8-K non-GAAP comment, Caterpillar’s comment that shares its sentence “Refer to Item 10(e)(1)(i)(A) of Regulation S-K.”', async () => {
    const { docs, where } = await documents();
    const search = new MiniSearchPrecedents();
    for (const d of docs) search.add(d);
    const adm6 = docs.find((d) => where.get(d.id) === 'adm 6')!;
    const hits = search.query(adm6.text, { limit: 3, exclude: (id) => where.get(id)!.startsWith('adm') });
    expect(where.get(hits[0]!.id)).toBe('cat 1');
    expect(hits[0]!.sharedSentences).toBe(1);
    expect(hits.every((h) => !where.get(h.id)!.startsWith('adm'))).toBe(true);
  });

  it('ranks a comment on the same topic above others: Eaton’s Syria comment for a question about Sudan and Syria', async () => {
    const { docs, where } = await documents();
    const search = new MiniSearchPrecedents();
    for (const d of docs) search.add(d);
    const hits = search.query('Tell us about any contacts with Syria and Sudan, countries designated as state sponsors of terrorism.', { limit: 1 });
    expect(where.get(hits[0]!.id)).toMatch(/^etn/);
  });

  it('forgets a removed comment exactly, and replaces a comment added again under its id', async () => {
    const { docs, where } = await documents();
    const search = new MiniSearchPrecedents();
    for (const d of docs) search.add(d);
    const cat1 = docs.find((d) => where.get(d.id) === 'cat 1')!;
    search.remove(cat1);
    expect(search.has(cat1.id)).toBe(false);
    expect(search.size).toBe(docs.length - 1);
    expect(search.query(cat1.text, { limit: 50 }).some((h) => h.id === cat1.id)).toBe(false);
    search.add({ id: cat1.id, text: 'Goodwill impairment of the reporting unit; tell us the fair value headroom.' });
    search.add({ id: cat1.id, text: 'Crypto assets held on behalf of customers: safeguarding liability.' });
    expect(search.size).toBe(docs.length);
    expect(search.query('safeguarding crypto assets', { limit: 1 })[0]!.id).toBe(cat1.id);
  });

  it('answers the same after being written out and loaded back', async () => {
    const { docs } = await documents();
    const search = new MiniSearchPrecedents();
    for (const d of docs) search.add(d);
    const loaded = loadMiniSearchPrecedents(search.serialize())!;
    expect(loaded.size).toBe(search.size);
    for (const d of docs.slice(0, 6)) expect(loaded.query(d.text, { limit: 5 })).toEqual(search.query(d.text, { limit: 5 }));
  });

  it('is updated after loading (packed postings unpacked as they are touched) and written again the same', async () => {
    const { docs } = await documents();
    const [first, ...rest] = docs;
    const extra = { id: 999, text: 'Please tell us how you considered the guidance on crypto asset safeguarding obligations and the related liability.' };
    const fresh = new MiniSearchPrecedents();
    for (const d of rest) fresh.add(d);
    fresh.add(extra);

    const original = new MiniSearchPrecedents();
    for (const d of docs) original.add(d);
    const loaded = loadMiniSearchPrecedents(original.serialize())!;
    loaded.remove(first!);
    loaded.add(extra);
    const again = loadMiniSearchPrecedents(loaded.serialize())!;
    for (const q of [extra, ...docs.slice(1, 8)]) {
      expect(loaded.query(q.text, { limit: 5 })).toEqual(fresh.query(q.text, { limit: 5 }));
      expect(again.query(q.text, { limit: 5 })).toEqual(fresh.query(q.text, { limit: 5 }));
    }
    expect(again.size).toBe(fresh.size);
  });

  it('refuses a damaged or foreign index instead of throwing', () => {
    expect(loadMiniSearchPrecedents('{"format":"other"}')).toBeUndefined();
    expect(loadMiniSearchPrecedents('not json')).toBeUndefined();
    const good = new MiniSearchPrecedents();
    good.add({ id: 1, text: 'Goodwill impairment testing of the reporting unit.' });
    const written = JSON.parse(good.serialize());
    written.index.data = written.index.data.slice(0, 8);
    expect(loadMiniSearchPrecedents(JSON.stringify(written))).toBeUndefined();
  });

  it('answers nothing for an empty library or a query of formula words only', () => {
    const search = new MiniSearchPrecedents();
    expect(search.query('Please revise your disclosure.', { limit: 5 })).toEqual([]);
    search.add({ id: 1, text: 'Goodwill impairment.' });
    expect(search.query('Please revise your disclosure.', { limit: 5 })).toEqual([]);
  });
});
