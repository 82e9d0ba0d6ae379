/**
 * Precedents and commitments as the editor shows them, on the example thread and real letters
 * (test/fixtures/precedents): which comment the cursor is on, the hover's closing lines, the page Show Precedents
 * opens, the library's exclusions (a letter's own thread), and the Commitments view's nodes and their stable keys.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CommitmentsViewState, commitmentThreads } from '../../server/src/features/commitmentsView';
import { mergeNodes } from '../../server/src/features/nodesMerge';
import {
  commentsUnder,
  isCommentHover,
  precedentCounts,
  precedentsHoverMarkdown,
  precedentsOf,
  renderPrecedentsHtml,
} from '../../server/src/features/precedentsView';
import { hoverAt } from '../../server/src/features/hover';
import { WorkspacePrecedents } from '../../server/src/workspace/precedentLibrary';
import { at, exampleWorkspace } from './harness';
// @ts-expect-error: a plain ES module (the library's letters are kept once, in test/fixtures/threads and real)
import { copyPrecedentLibrary } from '../unit/precedents/library.mjs';

const DRAFT = 'response-2017-08-16.md';
const STAFF = 'staff-letter-2017-08-16.md';
const REPO = path.resolve(__dirname, '..', '..');

let dir: string;
let library: WorkspacePrecedents;
beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'corresp-feature-precedents-'));
  // The library: real letters of four companies, and the example thread itself (whose comments must not be their own precedents).
  copyPrecedentLibrary(path.join(dir, 'lib'));
  cpSync(path.join(REPO, 'examples'), path.join(dir, 'lib', 'examples'), { recursive: true });
  library = new WorkspacePrecedents(path.join(dir, 'cache'), () => ({ workspace: [path.join(dir, 'lib')], setting: [] }));
  await library.refresh();
}, 60_000);
afterAll(() => {
  library?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the comment under the cursor', () => {
  it('is the anchor’s comment on its number, its repeated words and its answer; a staff letter’s comment in its text; none elsewhere', async () => {
    const ws = await exampleWorkspace();
    const t = await ws.thread(DRAFT);
    const text = ws.text(DRAFT);
    expect(commentsUnder(t, at(text, '**3. Similarly', 2))?.comments.map((c) => c.number)).toEqual([3]);
    expect(commentsUnder(t, at(text, 'Response: The Company will provide the disclosure required by ASC 850', 20))?.comments.map((c) => c.number)).toEqual([2]);
    expect(commentsUnder(t, at(text, 'VIA EDGAR'))).toBeUndefined();
    const s = await ws.thread(STAFF);
    const staffText = ws.text(STAFF);
    expect(commentsUnder(s, at(staffText, 'reporting unit was at risk'))?.comments.map((c) => c.number)).toEqual([5]);
    // Only a comment's own hover ends with precedents, not a citation's.
    const onNumber = hoverAt(t, at(text, '**3. Similarly', 2))!;
    expect(isCommentHover(t, onNumber)).toBe(true);
    const onCitation = hoverAt(t, at(text, 'ASC 850-10-50-1 in its', 5))!;
    expect(isCommentHover(t, onCitation)).toBe(false);
  });
});

describe('precedents of a comment', () => {
  it('finds other companies’ comments, never the letter’s own thread, and says so in the hover with topics and a link', async () => {
    const ws = await exampleWorkspace();
    const t = await ws.thread(DRAFT);
    const under = commentsUnder(t, at(ws.text(DRAFT), '**3. Similarly', 2))!;
    // The staff letter as the library holds it: the copy under lib/examples.
    const staffPath = path.join(dir, 'lib', 'examples', STAFF);
    const [c3] = precedentsOf(under, library, staffPath);
    expect(c3!.number).toBe(3);
    expect(c3!.tags).toEqual(['non-gaap', 'segments']);
    expect(c3!.precedents[0]!.company).toBe('Archer-Daniels-Midland Co');
    expect(c3!.precedents.some((p) => p.file.includes(`${path.sep}examples${path.sep}`))).toBe(false);
    // Without knowing its own file, the example's prior-round comments would be found: its own thread is what leaves them out.
    const unexcluded = library.find(under.comments[0]!, { letter: under.letter }, 10);
    expect(unexcluded.some((p) => p.entry.file.includes(`${path.sep}examples${path.sep}`))).toBe(true);

    // The hover's count, read without the texts, is the length of the list the view shows.
    expect(precedentCounts(under, library, staffPath).get(3)).toBe(c3!.precedents.length);
    const found = new Map([[3, c3!.precedents]]);
    const md = precedentsHoverMarkdown(under, found, {
      command: 'corresp.showPrecedents',
      args: { uri: 'file:///d.md', position: { line: 41, character: 2 } },
    });
    expect(md).toContain('**Topics:** Non-GAAP measures, Segments');
    expect(md).toMatch(/^\*\*Precedents:\*\* \d+ similar comments · \[Show precedents\]\(command:corresp\.showPrecedents\?%5B%7B%22uri/m);
    expect(precedentsHoverMarkdown(under, new Map(), undefined, true)).toContain('**Precedents:** the library is loading…');
    expect(precedentsHoverMarkdown(under, new Map())).toContain('**Precedents:** no similar comment in the library');
    expect(library.status()).toMatchObject({ state: 'ready' });
  });

  it('renders a page with the shared words marked, every letter text escaped, and a copy link per answer', () => {
    const html = renderPrecedentsHtml(
      {
        title: 'Staff letter <b>',
        comments: [
          {
            number: 3,
            caption: ['Non-GAAP <i>'],
            tags: ['non-gaap'],
            precedents: [
              {
                company: 'Acme & Co',
                date: '2024-05-22',
                file: '/lib/a.txt',
                number: 2,
                caption: [],
                tags: [],
                score: 1,
                sharedSentences: 0,
                segments: [
                  { text: 'Please ', shared: false },
                  { text: 'reconcile segment <EBITDA>', shared: true },
                ],
                answer: 'We will <script>x</script>',
              },
              {
                company: 'Globex',
                file: '/lib/b.txt',
                number: 1,
                caption: [],
                tags: [],
                score: 1,
                sharedSentences: 0,
                segments: [{ text: 'Tell us', shared: false }],
              },
            ],
          },
        ],
      },
      (answer) => `command:copy?${encodeURIComponent(JSON.stringify([answer]))}`,
    );
    expect(html).not.toMatch(/<script|<b>|<i>|<EBITDA>/);
    expect(html).toContain('<mark>reconcile segment &lt;EBITDA&gt;</mark>');
    expect(html).toContain('Acme &amp; Co · May 22, 2024 · comment 2');
    expect(html.match(/class="copy"/g)).toHaveLength(1);
    expect(html).toContain('The answer is not in the library.');
    expect(html).toContain('Topics: <span>Non-GAAP measures</span>');
  });
});

describe('the Commitments view', () => {
  it('answers an ask naming the version it holds with what changed only, and the merge is the whole answer', async () => {
    const ws = await exampleWorkspace();
    const state = new CommitmentsViewState();
    const position = (uri: string, offset: number) => ({ line: offset, character: uri.length });
    const first = state.update([await ws.thread(DRAFT)], position);
    expect(first.delta).toBe(false);
    expect(first.threads.length).toBe(1);
    // Nothing changed: the same version and no node (the editor asks again whenever diagnostics change).
    const same = state.update([await ws.thread(DRAFT)], position, first.version);
    expect(same).toEqual({ version: first.version, delta: true, threads: [] });
    // An unknown version (a server restarted since) gets every node.
    expect(state.update([await ws.thread(DRAFT)], position, 'other.1').delta).toBe(false);
    const held = mergeNodes({ byId: new Map(), threads: [] }, state.update([await ws.thread(DRAFT)], position));
    const version = state.update([await ws.thread(DRAFT)], position).version;
    ws.edit(DRAFT, ws.text(DRAFT).replace('August 29, 2017', 'August 30, 2017\n\nAn added paragraph that promises nothing.'));
    const edited = state.update([await ws.thread(DRAFT)], position, version);
    expect(edited.delta).toBe(true);
    expect(edited.threads.map((t) => t.id)).toEqual([first.threads[0]!.id]);
    const merged = mergeNodes(held, edited);
    expect(merged.threads).toEqual(new CommitmentsViewState().update([await ws.thread(DRAFT)], position).threads);
    const c = merged.threads[0]!.responses[0]!.commitments[0]!;
    expect(c.position).toEqual(position(c.uri, c.offset));
  });

  it('lists the draft’s promises by thread, with keys that stay when the letter changes elsewhere', async () => {
    const ws = await exampleWorkspace();
    const nodes = commitmentThreads([await ws.thread(DRAFT)]);
    expect(nodes.map((n) => [n.label, n.description])).toEqual([['21Vianet Group, Inc.', 'letter of August 16, 2017']]);
    const c = nodes[0]!.responses[0]!.commitments.find((x) => x.comments.includes(2))!;
    expect(c.target).toMatch(/future filings/);
    expect(nodes[0]!.responses[0]!.description).toBe('draft');

    // Asked again with nothing changed (the view asks whenever diagnostics change): the nodes worked out before.
    const same = commitmentThreads([await ws.thread(DRAFT)]);
    expect(same[0]!.responses[0]!.commitments).toBe(nodes[0]!.responses[0]!.commitments);

    ws.edit(DRAFT, ws.text(DRAFT).replace('August 29, 2017', 'August 30, 2017\n\nAn added paragraph that promises nothing.'));
    const edited = commitmentThreads([await ws.thread(DRAFT)])[0]!.responses[0]!.commitments;
    expect(edited).not.toBe(nodes[0]!.responses[0]!.commitments);
    const again = edited.find((x) => x.comments.includes(2))!;
    expect(again.key).toBe(c.key);
    expect(again.offset).toBeGreaterThan(c.offset);
  });
});
