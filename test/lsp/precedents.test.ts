/**
 * Precedents and commitments through the bundled server: the library (the workspace plus `corresp.library.paths`)
 * loads in the extension's storage after the scan; a comment's hover then ends with its topics and "Precedents: N
 * similar comments" and a link; corresp/precedents serves the list and its page; a letter deleted from the library
 * leaves it; corresp/commitments lists the draft's promises. Real letters: examples/ and test/fixtures/precedents.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CommitmentsResponse, PrecedentsResponse } from '../../server/src/lsp/requests';
import { startServer, tempWorkspace, type Server } from './harness';
// @ts-expect-error: a plain ES module (the library's letters are kept once, in test/fixtures/threads and real)
import { copyPrecedentLibrary } from '../unit/precedents/library.mjs';

let server: Server | undefined;
const made: string[] = [];
afterEach(async () => {
  await server?.stop();
  server = undefined;
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

function temp(): string {
  const d = mkdtempSync(path.join(tmpdir(), 'corresp-lsp-library-'));
  made.push(d);
  return d;
}

/** Comment 3's anchor in examples/response-2017-08-16.md (line 42): non-GAAP segment measures, as ADM and ITW were asked. */
const COMMENT_3 = { line: 41, character: 2 };

async function hoverText(s: Server, uri: string, position = COMMENT_3): Promise<string> {
  const h = (await s.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position })) as { contents: { value: string } } | null;
  return h?.contents.value ?? '';
}

/** Asks until the library has loaded (the hover says so); the load runs in the background after the scan. */
async function loadedHover(s: Server, uri: string, until: (text: string) => boolean = (t) => /Precedents:\*\* \d+ similar/.test(t)): Promise<string> {
  for (let i = 0; i < 300; i++) {
    const text = await hoverText(s, uri);
    if (until(text)) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the precedent library never loaded:\n${s.logs.join('')}`);
}

describe('precedents in the editor', () => {
  it('loads the library off the typing path, ends a comment hover with topics and precedents, and serves them with their answers', async () => {
    const library = temp();
    copyPrecedentLibrary(path.join(library, 'lib'));
    const storage = path.join(temp(), 'storage');
    server = await startServer(tempWorkspace(), { settings: { library: { paths: [path.join(library, 'lib')] } }, initializationOptions: { storage } });
    const uri = await server.open('response-2017-08-16.md');

    const hover = await loadedHover(server, uri);
    expect(hover).toMatch(/^\*\*Comment 3\*\*/);
    expect(hover).toContain('**Topics:** Non-GAAP measures, Segments');
    expect(hover).toMatch(/\*\*Precedents:\*\* 5 similar comments · \[Show precedents\]\(command:corresp\.showPrecedents\?/);
    const args = JSON.parse(decodeURIComponent(/command:corresp\.showPrecedents\?([^ )]+)/.exec(hover)![1]!)) as [{ uri: string; position: unknown }];
    expect(args[0]).toEqual({ uri, position: COMMENT_3 });
    // The store is the extension's: under the storage folder given, not the user's cache.
    expect(readdirSync(path.join(storage, 'precedents')).sort()).toEqual(['index.json', 'manifest.json', 'texts.dat']);

    const r = (await server.connection.sendRequest('corresp/precedents', { uri, position: COMMENT_3 })) as PrecedentsResponse;
    expect(r.title).toBe('Staff letter of August 16, 2017 (21Vianet Group, Inc.)');
    expect(r.comments.map((c) => c.number)).toEqual([3]);
    expect(r.comments[0]!.tags).toEqual(['non-gaap', 'segments']);
    const best = r.comments[0]!.precedents[0]!;
    expect(best.company).toBe('Archer-Daniels-Midland Co');
    expect(best.number).toBe(2);
    expect(best.segments.filter((s) => s.shared).map((s) => s.text)).toContain('segment adjusted EBITDA');
    const answered = r.comments[0]!.precedents.find((p) => p.answer)!;
    expect(answered.company).toBe('Illinois Tool Works, Inc.');
    // The example's own thread is never its own precedent.
    expect(r.comments[0]!.precedents.some((p) => p.file.includes('staff-letter-2017-08-16'))).toBe(false);
    expect(r.html).toContain('<mark>');
    expect(r.html).toContain('Copy answer');
    expect(r.html).toMatch(/href="command:corresp\.copyPrecedentAnswer\?/);
    expect(r.html).not.toMatch(/<script/i);

    // On the answer's text (not the anchor line) the view still knows the comment; off any comment, it says so.
    expect(
      ((await server.connection.sendRequest('corresp/precedents', { uri, position: { line: 43, character: 10 } })) as PrecedentsResponse).comments.map(
        (c) => c.number,
      ),
    ).toEqual([3]);
    const nothing = (await server.connection.sendRequest('corresp/precedents', { uri, position: { line: 0, character: 0 } })) as PrecedentsResponse;
    expect(nothing.comments).toEqual([]);
    expect(nothing.note).toMatch(/Put the cursor on a comment anchor/);

    // A letter leaves the library when it is deleted: the store is updated a few seconds after the change.
    const adm = path.join(library, 'lib', 'adm-0000000000-24-005934');
    for (const f of readdirSync(adm)) rmSync(path.join(adm, f));
    await server.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `file://${path.join(adm, 'staff.txt')}`, type: 3 }] });
    for (let i = 0; i < 300; i++) {
      const again = (await server.connection.sendRequest('corresp/precedents', { uri, position: COMMENT_3 })) as PrecedentsResponse;
      if (!again.comments[0]!.precedents.some((p) => p.company === 'Archer-Daniels-Midland Co')) break;
      if (i === 299) throw new Error('the deleted letter stayed in the library');
      await new Promise((res) => setTimeout(res, 100));
    }
    expect(existsSync(adm)).toBe(true);
  }, 60_000);

  it('in an untrusted folder builds no library: the hover keeps the topics, and the list says precedents are off', async () => {
    const storage = path.join(temp(), 'storage');
    server = await startServer(tempWorkspace(), { initializationOptions: { storage, trusted: false } });
    const uri = await server.open('response-2017-08-16.md');
    const hover = await hoverText(server, uri);
    expect(hover).toContain('**Topics:** Non-GAAP measures, Segments');
    expect(hover).not.toContain('Precedents:');
    const r = (await server.connection.sendRequest('corresp/precedents', { uri, position: COMMENT_3 })) as PrecedentsResponse;
    expect(r.note).toBe('Precedents are off in an untrusted folder.');
    expect(r.comments.map((c) => [c.number, c.precedents.length])).toEqual([[3, 0]]);
    expect(existsSync(storage)).toBe(false);
  }, 30_000);

  it('lists the drafts’ commitments by thread, with the comment, the filing named and where it is', async () => {
    server = await startServer(tempWorkspace(), { initializationOptions: { storage: path.join(temp(), 'storage') } });
    const r = (await server.connection.sendRequest('corresp/commitments', {})) as CommitmentsResponse;
    expect(r.threads.map((t) => t.label)).toEqual(['21Vianet Group, Inc.']);
    const [response] = r.threads[0]!.responses;
    expect(response!.label).toBe('response-2017-08-16.md');
    const c = response!.commitments.find((x) => x.comments.includes(2))!;
    expect(c.text).toMatch(/will provide the disclosure required by ASC 850-10-50-1 in its future filings/);
    expect(c.target).toMatch(/future filings/);
    expect(c.position.line).toBe(37);
    expect(c.key).toMatch(/response-2017-08-16\.md#[0-9a-f]{8}$/);
  }, 30_000);
});
