import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync, readFileSync, utimesSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findPrecedents } from '../../../server/src/precedents/similar';
import { AnalysisCache, summaryOf } from '../../../server/src/workspace/analysisCache';
import { coverageOf } from '../../../server/src/letters/coverage';
import type { ResponseDraft } from '../../../server/src/letters/model';
import { responseOf } from '../../../server/src/letters/read';
import { cacheDirOf, listLetterFiles, PrecedentStore } from '../../../server/src/workspace/precedentStore';
import { ADM, CAT, ITW, staffFixture, tempDir } from './helpers';
import { staffSummaryOf } from '../../../server/src/precedents/library';

function allEntries(store: PrecedentStore) {
  const lib = store.library();
  const out = [];
  for (let id = 1; id < 500; id++) {
    const e = lib.entry(id);
    if (e) out.push({ ...e, text: lib.text(id), answer: lib.answer(id) });
  }
  return out;
}

describe('the precedent store', () => {
  it('reads a folder of real letters: every staff comment once (the PDF beside its text left out), with answers found in the responses', async () => {
    const dir = tempDir(true);
    const store = await PrecedentStore.open(path.join(dir, 'cache'));
    const report = await store.update([path.join(dir, 'lib')]);
    expect(report.files).toBe(14);
    expect(report.unreadable).toEqual([]);
    const entries = allEntries(store);
    expect(entries.length).toBe(report.comments);
    expect(entries.some((e) => e.file.endsWith('.pdf'))).toBe(false);
    const cat1 = entries.find((e) => e.file.endsWith(path.join('cat_0000000000-24-002665', '01-staff.txt')) && e.number === 1)!;
    expect(cat1.company).toBe('Caterpillar Inc.');
    expect(cat1.date).toBe('2024-03-11');
    expect(cat1.tags).toContain('non-gaap');
    expect(cat1.text).toMatch(/^We note your presentation and discussion of the annual effective tax rate/);
    expect(cat1.answer).toMatch(/GAAP effective tax rate/);
    store.close();
  });

  it('reads no letter while its pause holds it back (the editor: while the writer types), and every letter once it lets go', async () => {
    const dir = tempDir(true);
    const store = await PrecedentStore.open(path.join(dir, 'cache'));
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let asked = 0;
    const pause = () => {
      asked++;
      return gate;
    };
    let done = false;
    const update = store.update([path.join(dir, 'lib')], pause).then((r) => {
      done = true;
      return r;
    });
    // However long it waits, it reads nothing past the first pause.
    await new Promise((r) => setTimeout(r, 100));
    expect(done).toBe(false);
    expect(asked).toBe(1);
    release();
    const report = await update;
    // Asked before each letter read and each answer found (the real Caterpillar, ADM … threads of the folder).
    expect(asked).toBeGreaterThan(report.read);
    expect(report.read).toBe(14);
    expect(report.comments).toBeGreaterThan(0);
    store.close();
  });

  it('reads nothing again when nothing changed, one file when one changed, and forgets a deleted letter', async () => {
    const dir = tempDir(true);
    const cache = path.join(dir, 'cache');
    const lib = path.join(dir, 'lib');
    const first = await PrecedentStore.open(cache);
    const before = (await first.update([lib])).comments;
    first.close();

    const again = await PrecedentStore.open(cache);
    const unchanged = await again.update([lib]);
    expect(unchanged.read).toBe(0);
    expect(unchanged.comments).toBe(before);
    again.close();

    const etn = path.join(lib, 'etn_0000000000-18-038869', '01-staff.txt');
    writeFileSync(etn, readFileSync(etn, 'utf8').replace('Syria and Sudan are designated', 'Cuba and Iran are designated'));
    const touched = path.join(lib, 'cat_0000000000-24-002665', '03-staff.txt');
    utimesSync(touched, new Date(), new Date(Date.now() + 5000)); // a new mtime, the same content
    const changed = await PrecedentStore.open(cache);
    const report = await changed.update([lib]);
    expect(report.read).toBe(1);
    expect(report.changed).toBe(1);
    expect(allEntries(changed).some((e) => e.text.includes('Cuba and Iran are designated'))).toBe(true);
    changed.close();

    rmSync(etn);
    const removed = await PrecedentStore.open(cache);
    const gone = await removed.update([lib]);
    expect(gone.removed).toBe(1);
    expect(allEntries(removed).some((e) => e.file === etn)).toBe(false);
    expect(
      removed
        .library()
        .search.query('Cuba and Iran are designated as state sponsors of terrorism', { limit: 5 })
        .map((h) => removed.library().entry(h.id)?.file),
    ).not.toContain(etn);
    removed.close();
  });

  it('finds a letter’s threads from one arrangement of the library, arranged again once its letters change', async () => {
    const dir = tempDir(true);
    const lib = path.join(dir, 'lib');
    const store = await PrecedentStore.open(path.join(dir, 'cache'));
    await store.update([lib]);
    const cat = path.join(lib, ...CAT.split('/'));
    const summary = staffSummaryOf(await staffFixture(CAT));
    const own = store.threadsOf(cat, summary);
    expect(own.size).toBeGreaterThan(0);
    // Asked again (as the editor's warm-up asks for every staff letter): the same threads.
    expect(store.threadsOf(cat, summary)).toEqual(own);
    expect(store.threadsOf(path.join(lib, ...ITW.split('/')), staffSummaryOf(await staffFixture(ITW)))).not.toEqual(own);
    // The folder forgotten: no thread of the library is the letter's any more (a stale arrangement would still say so).
    await store.forgetFolder(lib);
    expect(store.threadsOf(cat, summary)).toEqual(new Set());
    store.close();
  });

  it('takes a response’s reading the analysis cache kept (the editor’s or check’s), which gives the same answers', async () => {
    const answersWith = async (keep?: (draft: ResponseDraft) => void) => {
      const dir = tempDir(true);
      const lib = path.join(dir, 'lib');
      const cache = path.join(dir, 'cache');
      if (keep) {
        // What a start of the editor or a `corresp check` of the folder keeps: the response read against its staff letter.
        const analysis = new AnalysisCache(cache);
        const at = (rel: string) => path.join(lib, 'cat_0000000000-24-002665', rel);
        const staff = await analysis.readLetter(at('01-staff.txt'), new Uint8Array(readFileSync(at('01-staff.txt'))));
        const response = await analysis.readLetter(at('02-response.htm'), new Uint8Array(readFileSync(at('02-response.htm'))));
        const letter = summaryOf(staff).letter!;
        const draft = responseOf(response, letter);
        keep(draft);
        analysis.storeDraftReading(response, staff, [], draft, { coverage: coverageOf(draft, letter), letter });
        await analysis.flush();
      }
      const store = await PrecedentStore.open(cache);
      await store.update([lib]);
      const out = allEntries(store)
        .filter((e) => e.file.includes('cat_0000000000-24-002665'))
        .map((e) => [e.number, e.answer]);
      store.close();
      return out;
    };
    const fresh = await answersWith();
    expect(fresh.filter(([, a]) => a).length).toBeGreaterThan(0);
    expect(await answersWith(() => undefined)).toEqual(fresh);
    // A kept reading shows through (so it is the one taken): every answer marked.
    const marked = await answersWith((draft) => {
      for (const a of draft.anchors) (a.response as { text: string }).text = `KEPT ${a.response.text}`;
    });
    expect(marked.filter(([, a]) => a).every(([, a]) => String(a).startsWith('KEPT '))).toBe(true);
    expect(marked.filter(([, a]) => a).length).toBe(fresh.filter(([, a]) => a).length);
  });

  it('reads a PDF once: its reading is kept in the analysis cache by content hash', async () => {
    const dir = tempDir(true);
    const cache = path.join(dir, 'cache');
    const store = await PrecedentStore.open(cache);
    await store.update([path.join(dir, 'lib')]);
    store.close();
    const info = await new AnalysisCache(cache).info();
    expect(info.entries).toBeGreaterThan(0);
    const pdfs = readdirSync(path.join(cache, 'analysis'), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('-pdf.bin'));
    expect(pdfs).toHaveLength(1);
  });

  it('answers a query from what it loaded, leaving out what it is told to', async () => {
    const dir = tempDir(true);
    const cache = path.join(dir, 'cache');
    const built = await PrecedentStore.open(cache);
    await built.update([path.join(dir, 'lib')]);
    built.close();
    const store = await PrecedentStore.open(cache);
    const library = store.library();
    const adm = allEntries(store).find((e) => e.file.endsWith(ADM.split('/').join(path.sep)) && e.number === 6)!;
    const found = findPrecedents(adm, library, { limit: 3, exclude: (e) => e.filer === adm.filer });
    expect(found[0]!.entry.company).toBe('Caterpillar Inc.');
    expect(found[0]!.segments.filter((s) => s.shared).map((s) => s.text)).toContain('Refer to Item 10(e)(1)(i)(A) of Regulation S-K');
    expect(found.every((p) => p.entry.filer !== adm.filer)).toBe(true);
    const tagged = findPrecedents(adm, library, { limit: 10, tag: 'income-taxes' });
    expect(tagged.length).toBeGreaterThan(0);
    expect(tagged.every((p) => p.entry.tags.includes('income-taxes'))).toBe(true);
    store.close();
  });

  it('starts afresh from a damaged cache', async () => {
    const dir = tempDir(true);
    const cache = path.join(dir, 'cache');
    const built = await PrecedentStore.open(cache);
    const n = (await built.update([path.join(dir, 'lib')])).comments;
    built.close();
    writeFileSync(path.join(cache, 'precedents', 'index.json'), '{ broken');
    const store = await PrecedentStore.open(cache);
    const report = await store.update([path.join(dir, 'lib')]);
    expect(report.comments).toBe(n);
    expect(report.read).toBe(14);
    store.close();
  });

  it('lists letter files, never entering hidden folders or node_modules', async () => {
    const dir = tempDir(true);
    writeFileSync(path.join(dir, 'lib', 'notes.docx'), 'x');
    for (const hidden of ['.git', 'node_modules', '.drafts']) {
      mkdirSync(path.join(dir, 'lib', hidden));
      writeFileSync(path.join(dir, 'lib', hidden, 'letter.txt'), 'x');
    }
    const files = await listLetterFiles(dir);
    expect(files).toHaveLength(14);
    expect(files.every((f) => !f.endsWith('letter.txt'))).toBe(true);
  });

  it('keeps its cache where it is told: --cache, CORRESP_CACHE_DIR, XDG_CACHE_HOME, else ~/.cache', () => {
    expect(cacheDirOf('/a/b', { CORRESP_CACHE_DIR: '/c' })).toBe(path.resolve('/a/b'));
    expect(cacheDirOf(undefined, { CORRESP_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x' })).toBe(path.resolve('/c'));
    expect(cacheDirOf(undefined, { XDG_CACHE_HOME: '/x' })).toBe(path.join(path.resolve('/x'), 'corresp'));
    expect(cacheDirOf(undefined, {})).toMatch(/\.cache[\\/]corresp$/);
    expect(existsSync('/nonexistent-corresp')).toBe(false);
  });
});
