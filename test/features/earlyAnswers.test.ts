/**
 * What a draft open during a cold start says before the workspace is read, on real threads (the example and ADM's
 * 2024 thread), against what it says once every letter is read. Its diagnostics (`features/provisionalDiagnostics.ts`):
 * exactly the full check's problems of the codes that depend on the draft and its staff letter alone, none of the
 * others (the due date, a second draft of the same letter, the prior letter's comments), nothing without a staff
 * letter. Its hovers, completions and definitions (`provisionalHoverAt`, `provisionalCompletionsAt`,
 * `provisionalDefinitionAt`): the full answer or none, none on "prior comment N". Its outline, folds, code lenses and
 * code actions: the full ones.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseDocument } from '../../server/src/analysis/letter';
import { diagnosticsOf, type Problem } from '../../server/src/features/diagnostics';
import { provisionalDiagnostics } from '../../server/src/features/provisionalDiagnostics';
import { hoverAt, provisionalHoverAt } from '../../server/src/features/hover';
import { completionsAt, provisionalCompletionsAt } from '../../server/src/features/completion';
import { definitionAt, provisionalDefinitionAt } from '../../server/src/features/navigation';
import { foldingRanges, outline } from '../../server/src/features/outline';
import { codeLenses } from '../../server/src/features/codeLens';
import { codeActionsFor } from '../../server/src/features/codeActions';
import type { Thread } from '../../server/src/analysis/thread';
import { findCitations } from '../../server/src/citations';
import { analysisSettingsOf, DEFAULT_CONFIG } from '../../server/src/workspace/config';
import { MemoryWorkspace } from './harness';

const SETTINGS = analysisSettingsOf(DEFAULT_CONFIG);
const TODAY = '2026-12-03';
const EXAMPLES = path.resolve(__dirname, '..', '..', 'examples');
const PARITY = path.resolve(__dirname, '..', 'fixtures', 'parity');

/** Codes only the thread can tell. */
const THREAD_CODES = ['draft.duplicate-response', 'prior-comment.unknown', 'response.overdue', 'response.due-soon', 'response.sent-late'];

function folder(dir: string, prefix = ''): Record<string, string> {
  const files: Record<string, string> = {};
  for (const f of readdirSync(dir)) if (f.endsWith('.md')) files[prefix + f] = readFileSync(path.join(dir, f), 'utf8');
  return files;
}

async function problemsOf(ws: MemoryWorkspace, name: string): Promise<{ all: readonly Problem[]; provisional: readonly Problem[] | undefined }> {
  ws.edit(name, ws.text(name)); // open in the editor
  const { analysis } = await analyseDocument(ws.index, ws.index.get(ws.uri(name))!, SETTINGS, TODAY);
  const all = ws.index.remembering(() => diagnosticsOf(analysis));
  return { all, provisional: provisionalDiagnostics(analysis, all) };
}

/** For each draft: before any scan, then with the workspace read. */
async function compare(files: Record<string, string>, drafts: readonly string[]): Promise<Set<string>> {
  const held = new Set<string>();
  for (const draft of drafts) {
    const before = await problemsOf(new MemoryWorkspace(files), draft);
    const after = await problemsOf(await new MemoryWorkspace(files).ready(), draft);
    expect(before.provisional, draft).toBeDefined();
    // Exactly the full check's problems of the draft's and staff letter's own codes.
    const own = after.all.filter((p) => !THREAD_CODES.includes(p.code));
    expect(before.provisional, draft).toEqual(own);
    for (const p of after.all) if (THREAD_CODES.includes(p.code)) held.add(p.code);
  }
  return held;
}

describe('provisional diagnostics: what a draft says before the workspace is read', () => {
  it('on the example thread with a second draft of the same letter: the full check’s own problems, not the due date or the duplicate', async () => {
    const files = { ...folder(EXAMPLES), 'response-copy.md': readFileSync(path.join(EXAMPLES, 'response-2017-08-16.md'), 'utf8') };
    const held = await compare(files, ['response-2017-08-16.md', 'response-copy.md']);
    // The full check said what only the thread can tell, and the provisional one did not.
    expect([...held].sort()).toEqual(['draft.duplicate-response', 'response.overdue']);
  });

  it('on a real thread of three staff letters and two responses (ADM, 2024: a prior letter, a reminder)', async () => {
    const held = await compare(folder(path.join(PARITY, 'adm'), 'adm/'), ['adm/response-2024-05-22.md', 'adm/response-2024-11-01.md']);
    expect(held.size).toBeGreaterThan(0);
  });

  it('says nothing of a draft that names no staff letter, or whose staff letter cannot be read', async () => {
    const draft = readFileSync(path.join(EXAMPLES, 'response-2017-08-16.md'), 'utf8');
    const ws = new MemoryWorkspace({
      'unnamed.md': draft.replace(/^staff-letter: .*$/m, 'corresp: response'),
      'missing.md': draft.replace(/^staff-letter: .*$/m, 'staff-letter: ./no-such-letter.md'),
    });
    for (const name of ['unnamed.md', 'missing.md']) {
      const { all, provisional } = await problemsOf(ws, name);
      expect(all.length, name).toBeGreaterThan(0);
      expect(provisional, name).toBeUndefined();
    }
  });
});

describe('provisional hover: what a draft’s hover says before the workspace is read', () => {
  it('on anchors and citations, the hover of the read workspace; on "prior comment N", none (the prior letter may not be read yet)', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [folder(EXAMPLES), 'response-2017-08-16.md'],
      [folder(path.join(PARITY, 'adm'), 'adm/'), 'adm/response-2024-11-01.md'],
    ];
    let anchors = 0;
    let citations = 0;
    let priors = 0;
    for (const [files, name] of cases) {
      const before = new MemoryWorkspace(files);
      before.edit(name, before.text(name));
      const early = await before.thread(name);
      const after = await new MemoryWorkspace(files).ready();
      after.edit(name, after.text(name));
      const full = await after.thread(name);
      const draft = full.doc.draft!;
      for (const a of draft.anchors) {
        anchors++;
        expect(provisionalHoverAt(early, a.numberSpan.start), `${name} comment ${a.numbers.join()}`).toEqual(hoverAt(full, a.numberSpan.start));
      }
      for (const c of findCitations(full.doc.file.text)) {
        const h = provisionalHoverAt(early, c.start);
        if (!h) continue; // inside a "prior comment" reference or an anchor's own words: left to the full hover
        citations++;
        expect(h, `${name} ${c.text}`).toEqual(hoverAt(full, c.start));
      }
      for (const r of draft.priorRefs) {
        priors++;
        expect(provisionalHoverAt(early, r.start), `${name} prior comment at ${r.start}`).toBeUndefined();
      }
    }
    expect(anchors).toBeGreaterThanOrEqual(5);
    expect(citations).toBeGreaterThan(0);
    expect(priors).toBeGreaterThan(0);
  });
});

describe('provisional completion and definition: what a draft offers before the workspace is read', () => {
  /** A draft's thread before any scan and with the workspace read, the draft open in both. */
  async function threads(files: Record<string, string>, name: string): Promise<{ early: Thread; full: Thread }> {
    const before = new MemoryWorkspace(files);
    before.edit(name, before.text(name));
    const after = await new MemoryWorkspace(files).ready();
    after.edit(name, after.text(name));
    return { early: await before.thread(name), full: await after.thread(name) };
  }

  const cases: Array<[Record<string, string>, string]> = [
    [folder(EXAMPLES), 'response-2017-08-16.md'],
    [folder(path.join(PARITY, 'adm'), 'adm/'), 'adm/response-2024-11-01.md'],
  ];

  it('completes comment numbers and citations as the read workspace does, and waits after "prior comment"', async () => {
    let comments = 0;
    let citations = 0;
    let priors = 0;
    for (const [files, name] of cases) {
      const { early, full } = await threads(files, name);
      const text = full.doc.file.text;
      const draft = full.doc.draft!;
      // Every line's end (headings such as "Comment 4"), every anchor's number, every character of every citation,
      // and every "prior comment N" reference.
      const at = new Set<number>();
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) at.add(i);
      for (const a of draft.anchors) at.add(a.numberSpan.end);
      for (const c of findCitations(text)) for (let o = c.start; o <= c.end; o++) at.add(o);
      for (const r of draft.priorRefs) at.add(r.end);
      for (const o of at) {
        const got = provisionalCompletionsAt(early, o);
        const want = completionsAt(full, o);
        if (draft.priorRefs.some((r) => r.end === o)) {
          priors++;
          expect(got, `${name} prior comment at ${o}`).toBeUndefined();
          continue;
        }
        expect(got, `${name} at ${o}`).toEqual(want);
        if (want.some((e) => e.kind === 'comment')) comments++;
        if (want.some((e) => e.kind === 'value')) citations++;
      }
    }
    expect(comments).toBeGreaterThan(0);
    expect(citations).toBeGreaterThan(0);
    expect(priors).toBeGreaterThan(0);
  });

  it('goes to the staff letter and to an anchor’s comments as the read workspace does, and waits on "prior comment N"', async () => {
    let anchors = 0;
    let priors = 0;
    for (const [files, name] of cases) {
      const { early, full } = await threads(files, name);
      const draft = full.doc.draft!;
      const targets = (t: Thread, o: number) => definitionAt(t, o).map((d) => ({ uri: d.uri, start: d.start, end: d.end }));
      const early_ = (o: number) => provisionalDefinitionAt(early, o)?.map((d) => ({ uri: d.uri, start: d.start, end: d.end }));
      const fm = draft.frontMatter!.staffLetter!;
      expect(early_(fm.start), name).toEqual(targets(full, fm.start));
      expect(targets(full, fm.start)).toHaveLength(1);
      for (const a of draft.anchors) {
        for (const o of [a.start, a.numberSpan.start, a.end]) {
          if (draft.priorRefs.some((r) => o >= r.start && o <= r.end)) continue;
          anchors++;
          expect(early_(o), `${name} comment ${a.numbers.join()} at ${o}`).toEqual(targets(full, o));
        }
      }
      for (const r of draft.priorRefs) {
        priors++;
        expect(early_(r.start), `${name} prior comment at ${r.start}`).toBeUndefined();
        expect(targets(full, r.start).length, `${name} prior comment at ${r.start}`).toBeGreaterThan(0);
      }
    }
    expect(anchors).toBeGreaterThanOrEqual(15);
    expect(priors).toBeGreaterThan(0);
  });

  it('outlines, folds and lenses a draft as the read workspace does (they depend on the draft and its staff letter alone)', async () => {
    const count = (xs: readonly { children: readonly unknown[] }[]): number =>
      xs.reduce((n, x) => n + 1 + count(x.children as { children: readonly unknown[] }[]), 0);
    let symbols = 0;
    let lenses = 0;
    for (const [files, name] of cases) {
      const { early, full } = await threads(files, name);
      expect(outline(early), name).toEqual(outline(full));
      expect(foldingRanges(early, early.doc.lines), name).toEqual(foldingRanges(full, full.doc.lines));
      expect(codeLenses(early), name).toEqual(codeLenses(full));
      symbols += count(outline(full));
      lenses += codeLenses(full).filter((l) => l.open).length;
    }
    expect(symbols).toBeGreaterThan(3);
    expect(lenses).toBeGreaterThan(3);
  });

  it('offers the code actions of the read workspace for every problem of the full check', async () => {
    let actions = 0;
    for (const [files, name] of cases) {
      const { early, full } = await threads(files, name);
      const after = await new MemoryWorkspace(files).ready();
      after.edit(name, after.text(name));
      const { analysis } = await analyseDocument(after.index, after.index.get(after.uri(name))!, SETTINGS, TODAY);
      const problems = after.index.remembering(() => diagnosticsOf(analysis));
      expect(problems.length, name).toBeGreaterThan(0);
      for (const p of problems) {
        const want = codeActionsFor(full, p.start, p.end, [p]);
        expect(codeActionsFor(early, p.start, p.end, [p]), `${name} ${p.code} at ${p.start}`).toEqual(want);
        actions += want.length;
      }
    }
    expect(actions).toBeGreaterThan(3);
  });
});
