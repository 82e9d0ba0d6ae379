/**
 * The analysis cache never changes a result: real letters (PDF, pdftotext text, EDGAR HTML, Word, Corresp Markdown)
 * read afresh, read through an empty cache and read back from it give the same letter and the same model; a changed
 * file, another build, a truncated, corrupt or foreign entry is read again; a failed reading is not kept; the cache
 * stays within its bound; `corresp check` says the same with the cache off, cold and warm; `corresp cache`.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { citationProblems, draftDiagnostics, letterCitationProblems } from '../../../server/src/features/diagnostics';
import { letterFactsFromBlocks, letterFactsOf } from '../../../server/src/letters/letterFacts';
import { coverageOf } from '../../../server/src/letters/coverage';
import { letterKindOf, readLetterBytes, responseOf, staffLetterOf, type LetterFile } from '../../../server/src/letters/read';
import { AnalysisCache, blocksUnread, cacheDirOf, summaryOf, useAnalysisCache } from '../../../server/src/workspace/analysisCache';
import { heldAsSummary } from '../../../server/src/workspace/closedLetters';
import { LetterIndex, pathToUri } from '../../../server/src/workspace/letterIndex';
import { FIXTURES } from '../../helpers';
import { run } from '../cli/helpers';

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});
function temp(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'corresp-cache-test-'));
  made.push(dir);
  return dir;
}

/** Real letters of every kind the readers take, with the staff letter each response answers. */
const REAL: readonly { readonly file: string; readonly staff?: string }[] = [
  { file: 'real/a-0000000000-16-092800/staff.pdf' },
  { file: 'real/adm-0000000000-24-012212/staff.pdf' },
  { file: 'real/a-0000000000-16-092800/staff.txt' },
  { file: 'real/a-0000000000-16-092800/response.htm', staff: 'real/a-0000000000-16-092800/staff.txt' },
  { file: 'real/abbv-0000000000-22-010309/response.htm', staff: 'real/abbv-0000000000-22-010309/staff.txt' },
  { file: 'threads/bkr_0000000000-17-014455/02-response.htm', staff: 'threads/bkr_0000000000-17-014455/01-staff.txt' },
  { file: 'docx/word-draft.docx', staff: 'docx/staff-letter-2017-08-16.md' },
  { file: 'docx/staff-letter-2017-08-16.md' },
  { file: '../../examples/response-2017-08-16.md', staff: 'docx/staff-letter-2017-08-16.md' },
];

const bytesOf = (rel: string) => new Uint8Array(readFileSync(path.join(FIXTURES, rel)));

/** What the model makes of a letter (and of a response, against its staff letter): what the cache must not change. */
function modelOf(file: LetterFile, staff?: LetterFile): unknown {
  const kind = letterKindOf(file);
  if (kind === 'staff-letter' || !staff) return { kind, letter: staffLetterOf(file) };
  const letter = staffLetterOf(staff);
  const draft = responseOf(file, letter);
  return { kind, draft, coverage: coverageOf(draft, letter) };
}

describe('the analysis cache', () => {
  it('gives the same letter and the same model as reading afresh, on real letters of every kind', async () => {
    const dir = temp();
    const cold = new AnalysisCache(dir, { build: 'test' });
    for (const { file, staff } of REAL) {
      const name = path.basename(file);
      const bytes = bytesOf(file);
      const fresh = await readLetterBytes(name, bytes);
      expect(fresh.failure, file).toBeUndefined();
      const missed = await cold.readLetter(name, bytes);
      await cold.flush();
      const warm = new AnalysisCache(dir, { build: 'test' });
      const hit = await warm.readLetter(name, bytes);
      expect(warm.stats, file).toMatchObject({ hits: 1, misses: 0, bad: 0 });
      expect(missed, file).toStrictEqual(fresh);
      expect(hit, file).toStrictEqual(fresh);
      const staffFile = staff ? await readLetterBytes(path.basename(staff), bytesOf(staff)) : undefined;
      expect(modelOf(hit, staffFile), file).toStrictEqual(modelOf(fresh, staffFile));
      // The summary kept beside the reading (kind, staff letter) is what the model says of the fresh reading.
      const kind = letterKindOf(fresh);
      expect(summaryOf(hit), file).toStrictEqual(
        kind === 'staff-letter' ? { kind, letter: staffLetterOf(fresh) } : { kind, facts: letterFactsFromBlocks(fresh.blocks, fresh.kind === 'markdown') },
      );
    }
    expect(cold.stats.misses).toBe(REAL.length);
  });

  it('checks a response from the cache without decoding its blocks, with the problems its blocks give', async () => {
    const dir = temp();
    const codes = new Set<string>();
    // The real responses, and the example's draft with a blank in its opening and a bad citation in an answer (in
    // Markdown, formatted: its blocks' text is not its source).
    const example = readFileSync(path.join(FIXTURES, '../../examples/response-2017-08-16.md'), 'utf8')
      .replace('Dear Mr. Krikorian:', 'Dear Mr. [●] Krikorian, **dated [Date]**:')
      .replace(/(\n\n[^\n*#][^\n]{40,}?\.)/, '$1 See *ASC 606-10-25-99* and ASC 605-10-S99.');
    const cases = [
      ...REAL.filter((r) => r.staff).map(({ file, staff }) => ({ file, staff: staff!, bytes: bytesOf(file) })),
      { file: 'response-edited.md', staff: 'docx/staff-letter-2017-08-16.md', bytes: new TextEncoder().encode(example) },
      // The "Tandy" acknowledgment, which this staff letter no longer asks for.
      {
        file: 'response-acknowledging.md',
        staff: 'docx/staff-letter-2017-08-16.md',
        bytes: new TextEncoder().encode(
          `${example}\nThe Company acknowledges that staff comments do not _foreclose the Commission_ from taking any action with respect to the filing.\n`,
        ),
      },
    ];
    for (const { file, staff, bytes } of cases) {
      const name = path.basename(file);
      const fresh = await readLetterBytes(name, bytes);
      const cache = new AnalysisCache(dir, { build: 'facts' });
      await cache.readLetter(name, bytes);
      await cache.flush();
      const hit = await new AnalysisCache(dir, { build: 'facts' }).readLetter(name, bytes);
      const letter = staffLetterOf(await readLetterBytes(path.basename(staff), bytesOf(staff)));
      // The reading as a warm start has it (kept in the cache beside the letter): made here from the fresh letter.
      const draft = responseOf(fresh, letter);
      const check = (f: LetterFile) => draftDiagnostics({ file: f, draft, staff: { path: staff, letter }, today: '2017-08-25' }).problems;
      const expected = check(fresh);
      expect(check(hit), file).toStrictEqual(expected);
      expect(blocksUnread(hit), `${file}: its blocks were decoded`).toBeDefined();
      for (const p of expected) codes.add(p.code);
    }
    // The letters hold each kind of problem the facts give, so that the comparison means something.
    expect([...codes].filter((c) => /blank|citation|acknowledgment/.test(c)).sort()).toEqual(
      expect.arrayContaining(['draft.skeleton-blank', 'response.acknowledgment-obsolete', 'response.blank']),
    );
    expect([...codes].some((c) => c.startsWith('citation.'))).toBe(true);
  });

  it('keeps a letter’s text only where its bytes do not give it back, and gives the same letter either way', async () => {
    const dir = temp();
    const cache = new AnalysisCache(dir, { build: 'test' });
    // A page that says it is Windows-1252 whose bytes are also UTF-8 (C3 A9: "é" as UTF-8, "Ã©" as Windows-1252): read
    // by its charset, which a plain decoding of its bytes does not give back, so its text is kept.
    const latin = new Uint8Array([
      ...new TextEncoder().encode('<html><head><meta charset="windows-1252"></head><body><p>1. Tell us about the caf'),
      0xc3,
      0xa9,
      ...new TextEncoder().encode(' lease.</p></body></html>'),
    ]);
    const letters = [...REAL.map(({ file }) => ({ name: path.basename(file), bytes: bytesOf(file) })), { name: 'letter.htm', bytes: latin }];
    let omitted = 0;
    let kept = 0;
    for (const { name, bytes } of letters) {
      const fresh = await readLetterBytes(name, bytes);
      await cache.readLetter(name, bytes);
      await cache.flush();
      const sha = createHash('sha256').update(bytes).digest('hex');
      const shard = path.join(dir, 'analysis', 'test', sha.slice(0, 2));
      const raw = readFileSync(
        path.join(
          shard,
          readdirSync(shard).find((f) => f.startsWith(sha))!,
        ),
      );
      const stored = (v8.deserialize(raw.subarray(24)) as { file: { text?: string; textFromBytes?: true } }).file;
      // What the entry can give back: the file's bytes read as UTF-8.
      const givesItBack = fresh.kind !== 'pdf' && fresh.kind !== 'docx' && new TextDecoder('utf-8').decode(bytes) === fresh.text;
      expect([stored.text === undefined, stored.textFromBytes === true], name).toEqual([givesItBack, givesItBack]);
      if (givesItBack) omitted++;
      else kept++;
      const hit = await new AnalysisCache(dir, { build: 'test' }).readLetter(name, bytes);
      expect(hit, name).toStrictEqual(fresh);
    }
    // Both cases met: Markdown, text and UTF-8 HTML without their text; PDFs, Word and the Windows-1252 page with it.
    expect(omitted).toBeGreaterThanOrEqual(5);
    expect(kept).toBe(4);
  });

  it('gives a response back with its citation problems: a warm read scans no block for citations, and they are the same', async () => {
    const dir = temp();
    // The real example draft, with a superseded Topic and an unknown Subtopic cited in one more answer.
    const text = `${readFileSync(path.join(FIXTURES, '../../examples/response-2017-08-16.md'), 'utf8')}\nWe applied ASC 840 and ASC 323-970 to these leases.\n`;
    const bytes = new TextEncoder().encode(text);
    const fresh = await readLetterBytes('response.md', bytes);
    const cold = new AnalysisCache(dir, { build: 'test' });
    await cold.readLetter('response.md', bytes);
    await cold.flush();
    const hit = await new AnalysisCache(dir, { build: 'test' }).readLetter('response.md', bytes);
    const found = citationProblems(fresh.blocks, '2017-08-20');
    expect(found.map((p) => p.code)).toEqual(expect.arrayContaining(['citation.superseded', 'citation.unknown-subtopic']));
    // As of two dates: the superseded Topic is a warning after its replacement took effect, a hint before.
    for (const asOf of ['2017-08-20', '2019-06-30']) expect(letterCitationProblems(hit, asOf), asOf).toStrictEqual(citationProblems(fresh.blocks, asOf));
    // Its blocks were neither decoded nor scanned.
    expect(blocksUnread(hit)).toBeDefined();
  });

  it('reads a file again when its content, the build or the Word view differs', async () => {
    const dir = temp();
    const bytes = bytesOf('docx/staff-letter-2017-08-16.md');
    const a = new AnalysisCache(dir, { build: 'one' });
    await a.readLetter('staff.md', bytes);
    await a.flush();
    const changed = new Uint8Array([...bytes, ...new TextEncoder().encode('\nOne more line.\n')]);
    const b = new AnalysisCache(dir, { build: 'one' });
    const read = await b.readLetter('staff.md', changed);
    expect(b.stats).toMatchObject({ hits: 0, misses: 1 });
    expect(read).toStrictEqual(await readLetterBytes('staff.md', changed));
    const other = new AnalysisCache(dir, { build: 'two' });
    await other.readLetter('staff.md', bytes);
    expect(other.stats).toMatchObject({ hits: 0, misses: 1 });
    const word = bytesOf('docx/word-draft.docx');
    const c = new AnalysisCache(dir, { build: 'one' });
    await c.readLetter('draft.docx', word);
    await c.flush();
    const original = await c.readLetter('draft.docx', word, { changes: 'original' });
    expect(c.stats).toMatchObject({ hits: 0, misses: 2 });
    expect(original).toStrictEqual(await readLetterBytes('draft.docx', word, undefined, { changes: 'original' }));
  });

  it('reads a file again, and replaces the entry, when the entry is truncated, corrupt or not a letter', async () => {
    const dir = temp();
    const bytes = bytesOf('real/a-0000000000-16-092800/staff.txt');
    const fresh = await readLetterBytes('staff.txt', bytes);
    const first = new AnalysisCache(dir, { build: 'b' });
    await first.readLetter('staff.txt', bytes);
    await first.flush();
    const entry = readdirSync(path.join(dir, 'analysis'), { recursive: true })
      .map(String)
      .find((f) => f.endsWith('.bin'))!;
    const entryPath = path.join(dir, 'analysis', entry);
    const good = readFileSync(entryPath);
    const stored = v8.deserialize(good.subarray(24)) as { key: string; summary: unknown };
    const foreign = v8.serialize({ key: stored.key, file: { kind: 'text', text: 'x', blocks: 'not blocks', notes: [] }, summary: stored.summary });
    const damaged: Record<string, Buffer> = {
      truncated: good.subarray(0, good.length >> 1),
      empty: Buffer.alloc(0),
      flipped: Buffer.concat([good.subarray(0, good.length - 10), Buffer.from([good[good.length - 10]! ^ 0xff]), good.subarray(good.length - 9)]),
      'another key': Buffer.concat([
        Buffer.from('CRA1'),
        createHash('sha1')
          .update(v8.serialize({ key: 'elsewhere', file: fresh }))
          .digest(),
        v8.serialize({ key: 'elsewhere', file: fresh }),
      ]),
      'not a letter': Buffer.concat([Buffer.from('CRA1'), createHash('sha1').update(foreign).digest(), foreign]),
    };
    for (const [what, content] of Object.entries(damaged)) {
      writeFileSync(entryPath, content);
      const cache = new AnalysisCache(dir, { build: 'b' });
      const read = await cache.readLetter('staff.txt', bytes);
      await cache.flush();
      expect(cache.stats, what).toMatchObject({ hits: 0, misses: 1, writes: 1 });
      expect(cache.stats.bad, what).toBe(1);
      expect(read, what).toStrictEqual(fresh);
      expect(readFileSync(entryPath).equals(good), `${what}: the entry is written again`).toBe(true);
    }
  });

  it('keeps no failed reading', async () => {
    const dir = temp();
    const cache = new AnalysisCache(dir, { build: 'b' });
    const binary = new Uint8Array(4096).map((_, i) => (i * 7) % 256);
    const read = await cache.readLetter('letter.txt', binary);
    await cache.flush();
    expect(read.failure).toBeDefined();
    expect((await cache.info()).entries).toBe(0);
  });

  it('stays within its bound: other builds go first, then the least recently used', async () => {
    const dir = temp();
    const texts = ['a', 'b', 'c', 'd'].map((x) => new TextEncoder().encode(`Letter ${x}\n\n${'Some words of a letter. '.repeat(200)}\n`));
    const old = new AnalysisCache(dir, { build: 'old' });
    await old.readLetter('x.txt', texts[0]!);
    await old.flush();
    const now = new AnalysisCache(dir, { build: 'new' });
    for (const t of texts) {
      await now.readLetter('x.txt', t);
      await now.flush();
    }
    const entries = readdirSync(path.join(dir, 'analysis', 'new'), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.bin'));
    const size = statSync(path.join(dir, 'analysis', 'new', entries[0]!)).size;
    // The first letter's entry is the least recently used of this build.
    const firstSha = createHash('sha256').update(texts[0]!).digest('hex');
    const first = path.join(dir, 'analysis', 'new', firstSha.slice(0, 2), `${firstSha}-text.bin`);
    utimesSync(first, new Date(2000, 0, 1), new Date(2000, 0, 1));
    const bounded = new AnalysisCache(dir, { build: 'new', maxBytes: size * 3.5 });
    expect((await bounded.info()).entries).toBe(5);
    expect((await bounded.prune()).removed).toBe(2);
    const info = await bounded.info();
    expect(info.builds).toEqual(['new']);
    expect(info.entries).toBe(3);
    await bounded.readLetter('x.txt', texts[0]!);
    expect(bounded.stats.misses, 'the least recently used entry went').toBe(1);
  });

  it('serves the letter index: a workspace read through the cache holds the same letters', async () => {
    const dir = temp();
    const files: Record<string, Uint8Array> = {
      '/ws/staff-letter-2017-08-16.md': bytesOf('docx/staff-letter-2017-08-16.md'),
      '/ws/response-2017-08-16.md': new Uint8Array(readFileSync(path.join(FIXTURES, '../../examples/response-2017-08-16.md'))),
    };
    const indexOf = () =>
      new LetterIndex({
        listFiles: async () => Object.keys(files).map(pathToUri),
        readBytes: async (uri) => {
          const hit = Object.entries(files).find(([p]) => pathToUri(p) === uri);
          return hit ? { bytes: hit[1] } : { failure: 'no such file' };
        },
        openText: () => undefined,
        inWorkspace: () => true,
      });
    const threadsOf = async (index: LetterIndex) => {
      await index.scan();
      return Promise.all(
        index.drafts().map(async (d) => {
          const t = await index.thread(d);
          return { file: t.doc.file, draft: t.doc.draft, coverage: t.coverage, staff: t.staff?.doc?.letter };
        }),
      );
    };
    const without = await threadsOf(indexOf());
    const cache = new AnalysisCache(dir, { build: 'b' });
    try {
      useAnalysisCache(cache);
      const cold = await threadsOf(indexOf());
      await cache.flush();
      const warm = await threadsOf(indexOf());
      expect(cache.stats.hits).toBe(2);
      expect(cold).toStrictEqual(without);
      expect(warm).toStrictEqual(without);
      // Closed, the draft read afresh (a cold start) is held as a summary like its staff letter: its blocks behind a
      // getter that lets them go, its letter facts kept (its diagnostics read them).
      for (const d of cold.map((c) => c.file)) {
        expect(Object.getOwnPropertyDescriptor(d, 'blocks')?.get, 'blocks held weakly').toBeDefined();
        expect(letterFactsOf(d)).toBeDefined();
      }
      // The draft's reading against its staff letter was kept at the cold start and taken at the warm one.
      expect(cache.stats.readingMisses).toBe(1);
      expect(cache.stats.readingWrites).toBe(1);
      expect(cache.stats.readingHits).toBe(1);
      // With its coverage, whose comments are the staff letter's own and whose anchors are the reading's.
      expect(cache.stats.coverageHits).toBe(1);
      const { coverage, staff, draft } = warm[0]!;
      expect(coverage!.comments.length).toBeGreaterThan(0);
      for (const c of coverage!.comments) {
        expect(staff!.comments).toContain(c.comment);
        for (const a of c.anchors) expect(draft!.anchors).toContain(a);
      }
      for (const a of coverage!.answers.keys()) expect(draft!.anchors).toContain(a);
      // A staff letter that changed is another key: the draft is read against the new letter, as without the cache.
      const staffPath = '/ws/staff-letter-2017-08-16.md';
      const text = new TextDecoder().decode(files[staffPath]);
      files[staffPath] = new TextEncoder().encode(text.replace(/\n1\. /, '\n1. Please also tell us more. '));
      useAnalysisCache(undefined);
      const changedWithout = await threadsOf(indexOf());
      useAnalysisCache(cache);
      const changed = await threadsOf(indexOf());
      expect(changed).toStrictEqual(changedWithout);
      expect(changed[0]!.coverage).not.toStrictEqual(without[0]!.coverage);
      expect(cache.stats.readingHits).toBe(1);
      expect(cache.stats.readingMisses).toBe(2);
    } finally {
      useAnalysisCache(undefined);
    }
  });

  it('keeps a filed response’s reading against the prior letter a follow-up refers to (real Caterpillar 2017 thread)', async () => {
    const dir = temp();
    const folder = 'threads/cat_0000000000-17-022437';
    const names = ['01-staff.txt', '02-response.htm', '03-staff.txt', '04-response.htm'];
    const files = new Map(names.map((n) => [pathToUri(path.join('/ws', n)), bytesOf(`${folder}/${n}`)]));
    const followUpOf = async () => {
      const index = new LetterIndex({
        listFiles: async () => [...files.keys()],
        readBytes: async (uri) => (files.has(uri) ? { bytes: files.get(uri)! } : { failure: 'no such file' }),
        openText: () => undefined,
        inWorkspace: () => true,
      });
      await index.scan();
      const followUp = await index.letter(pathToUri('/ws/03-staff.txt'));
      if ('failure' in followUp) throw new Error(followUp.failure);
      const t = await index.thread(followUp);
      return { prior: t.prior?.uri, priorResponse: t.priorResponse?.uri, draft: t.priorResponse?.draft };
    };
    const without = await followUpOf();
    expect(without.priorResponse).toBe(pathToUri('/ws/02-response.htm'));
    expect(without.draft?.anchors.length).toBeGreaterThan(0);
    const cache = new AnalysisCache(dir, { build: 'b' });
    try {
      useAnalysisCache(cache);
      const cold = await followUpOf();
      await cache.flush();
      expect(cache.stats.readingWrites).toBeGreaterThanOrEqual(1);
      const hitsBefore = cache.stats.readingHits;
      const warm = await followUpOf();
      expect(cache.stats.readingHits).toBeGreaterThan(hitsBefore);
      expect(cold).toStrictEqual(without);
      expect(warm).toStrictEqual(without);
    } finally {
      useAnalysisCache(undefined);
    }
  });

  it('holds a closed letter as a summary whose blocks, read again, are the same (from the cache entry or the text)', async () => {
    const dir = temp();
    for (const { file } of REAL) {
      const name = path.basename(file);
      const bytes = bytesOf(file);
      const fresh = await readLetterBytes(name, bytes);
      const cache = new AnalysisCache(dir, { build: 'b' });
      const cold = await cache.readLetter(name, bytes);
      await cache.flush();
      const hit = await new AnalysisCache(dir, { build: 'b' }).readLetter(name, bytes);
      // A letter's blocks stay serialised in its entry: holding it as a summary decodes none of them.
      expect(blocksUnread(hit), file).toBeDefined();
      heldAsSummary(hit);
      expect(blocksUnread(hit), file).toBeDefined();
      for (const [how, read] of [
        ['read afresh', fresh],
        ['cache miss', cold],
        ['cache hit', hit],
      ] as const) {
        const held = heldAsSummary(read, false);
        expect(held.blocks, `${file}, ${how}`).toStrictEqual(fresh.blocks);
        expect({ ...held, blocks: [] }, `${file}, ${how}`).toStrictEqual({ ...fresh, blocks: [] });
        expect(summaryOf(held), `${file}, ${how}`).toStrictEqual(summaryOf(read));
      }
      // Asked for, they are decoded, once, and are the blocks read afresh.
      expect(hit.blocks, file).toStrictEqual(fresh.blocks);
      expect(blocksUnread(hit), file).toBeUndefined();
      expect(hit.blocks).toBe(hit.blocks);
    }
    // The entry gone: the blocks are read again from the letter's text.
    const md = await new AnalysisCache(dir, { build: 'b' }).readLetter('staff.md', bytesOf('docx/staff-letter-2017-08-16.md'));
    await new AnalysisCache(dir, { build: 'b' }).clear();
    expect(heldAsSummary(md, false).blocks).toStrictEqual((await readLetterBytes('staff.md', bytesOf('docx/staff-letter-2017-08-16.md'))).blocks);
  });

  it('lives in the user cache folder, or the platform’s', () => {
    expect(cacheDirOf(undefined, { XDG_CACHE_HOME: '/x' }, 'darwin')).toBe(path.join(path.resolve('/x'), 'corresp'));
    expect(cacheDirOf(undefined, {}, 'darwin')).toMatch(/Library[\\/]Caches[\\/]corresp$/);
    expect(cacheDirOf(undefined, { LOCALAPPDATA: 'C:\\Users\\a\\AppData\\Local' }, 'win32')).toMatch(/corresp[\\/]Cache$/);
    expect(cacheDirOf(undefined, {}, 'linux')).toMatch(/\.cache[\\/]corresp$/);
  });
});

describe('corresp check and corresp cache', () => {
  it('checks a folder the same with the cache off, cold and warm', async () => {
    const cacheDir = temp();
    const saved = { dir: process.env.CORRESP_CACHE_DIR, off: process.env.CORRESP_CACHE };
    const folder = path.join(FIXTURES, 'docx');
    try {
      process.env.CORRESP_CACHE_DIR = cacheDir;
      process.env.CORRESP_CACHE = 'off';
      const off = await run(['check', folder, '--format', 'json'], FIXTURES);
      expect(readdirSync(cacheDir)).toEqual([]);
      delete process.env.CORRESP_CACHE;
      const cold = await run(['check', folder, '--format', 'json'], FIXTURES);
      const filled = await run(['cache', 'info'], FIXTURES);
      const warm = await run(['check', folder, '--format', 'json'], FIXTURES);
      expect(off.code).toBe(cold.code);
      expect(cold.stdout).toBe(off.stdout);
      expect(warm.stdout).toBe(off.stdout);
      expect(warm.code).toBe(off.code);
      expect(filled.stdout).toMatch(/: [1-9]\d* letter readings?, \d+\.\d MB/);
      const cleared = await run(['cache', 'clear'], FIXTURES);
      expect(cleared.code).toBe(0);
      expect(cleared.stdout).toMatch(/removed [1-9]\d* letter readings?/);
      expect((await run(['cache', 'info'], FIXTURES)).stdout).toMatch(/: 0 letter readings, 0\.0 MB/);
    } finally {
      if (saved.dir === undefined) delete process.env.CORRESP_CACHE_DIR;
      else process.env.CORRESP_CACHE_DIR = saved.dir;
      if (saved.off === undefined) delete process.env.CORRESP_CACHE;
      else process.env.CORRESP_CACHE = saved.off;
    }
  });

  it('says how to call it', async () => {
    const bad = await run(['cache', 'empty'], FIXTURES);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/usage: corresp cache info \| corresp cache clear/);
  });
});
