/**
 * One staff letter, one response (`draft.duplicate-response`): the analysis finds the other drafts answering a draft's
 * staff letter (`otherDraftsOf`, over the thread), and the editor publishes the warning on each draft with a link to
 * the other, as `corresp check` prints it. The thread is Caterpillar's 2017 one: its staff letter and its filed response
 * beside two drafts; the filed response is no duplicate (a filed letter, not a draft).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { createConnection } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { analyseDocument } from '../../server/src/analysis/letter';
import { diagnosticsOf } from '../../server/src/features/diagnostics';
import { Session } from '../../server/src/lsp/session';
import { DEFAULT_CONFIG, analysisSettingsOf } from '../../server/src/workspace/config';
import { main } from '../../server/src/cli/main';
import { FIXTURES } from '../helpers';
import { MemoryWorkspace } from './harness';

const CAT = path.join(FIXTURES, 'threads', 'cat_0000000000-17-022437');
/** Another filer's staff letter (Starbucks, 2019): a letter other drafts may answer. */
const OTHER = path.join(FIXTURES, 'threads', 'sbux_0000000000-19-008093', '01-staff.txt');
const bytes = (name: string) => new Uint8Array(readFileSync(path.join(CAT, name)));
const draft = (staff: string, answer: string) =>
  `---\ncorresp: response\nstaff-letter: ${staff}\n---\n\nAugust 29, 2017\n\n**1. Please tell us more.**\n\nResponse: ${answer}\n`;
const SETTINGS = analysisSettingsOf(DEFAULT_CONFIG);

async function analysed(ws: MemoryWorkspace, name: string) {
  const doc = ws.index.get(ws.uri(name))!;
  return (await analyseDocument(ws.index, doc, SETTINGS)).analysis;
}

describe('the analysis: other drafts of the same staff letter', () => {
  it('finds the other draft (not the filed response), and the diagnostic names it with a link to it', async () => {
    const ws = await new MemoryWorkspace({
      'cat/01-staff.txt': bytes('01-staff.txt'),
      'cat/02-response.htm': bytes('02-response.htm'),
      'cat/a.md': draft('./01-staff.txt', 'We will.'),
      'cat/drafts/b.md': draft('../01-staff.txt', 'We will not.'),
    }).ready();
    const a = await analysed(ws, 'cat/a.md');
    expect(a.otherDrafts?.map((o) => o.path)).toEqual(['drafts/b.md']);
    const b = await analysed(ws, 'cat/drafts/b.md');
    expect(b.otherDrafts?.map((o) => o.path)).toEqual(['../a.md']);
    const [problem] = diagnosticsOf(a).filter((p) => p.code === 'draft.duplicate-response');
    expect(problem).toMatchObject({
      severity: 'warning',
      message: 'drafts/b.md also answers ./01-staff.txt: keep one draft per staff letter.',
      start: 0,
      end: 3,
      related: [{ uri: ws.uri('cat/drafts/b.md'), start: 0, end: 3 }],
    });
  });

  it('says nothing of one draft beside the filed response, nor of two drafts of different letters or of an unreadable one', async () => {
    const ws = await new MemoryWorkspace({
      'cat/01-staff.txt': bytes('01-staff.txt'),
      'cat/02-response.htm': bytes('02-response.htm'),
      'cat/other-staff.txt': new Uint8Array(readFileSync(OTHER)),
      'cat/a.md': draft('./01-staff.txt', 'We will.'),
      'cat/b.md': draft('./other-staff.txt', 'We will.'),
      'cat/c.md': draft('./missing.txt', 'We will.'),
      'cat/d.md': draft('./missing.txt', 'We will.'),
    }).ready();
    for (const name of ['cat/a.md', 'cat/b.md', 'cat/c.md', 'cat/d.md']) {
      const a = await analysed(ws, name);
      expect(a.otherDrafts, name).toBeUndefined();
      expect(diagnosticsOf(a).map((p) => p.code)).not.toContain('draft.duplicate-response');
    }
    // The filed response is a response to 01-staff.txt in the thread (its due date reads it), not a second draft.
    expect((await analysed(ws, 'cat/a.md')).dueThread?.responses).toHaveLength(1);
  });
});

describe('the editor and corresp check', () => {
  let folder: string | undefined;
  afterAll(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('publishes the warning on both drafts with a link to the other, as check prints it, and clears it when one names another letter', async () => {
    folder = mkdtempSync(path.join(tmpdir(), 'corresp-duplicate-'));
    mkdirSync(path.join(folder, '.git'));
    cpSync(CAT, path.join(folder, 'cat'), { recursive: true });
    writeFileSync(path.join(folder, 'cat', 'a.md'), draft('./01-staff.txt', 'We will.'));
    writeFileSync(path.join(folder, 'cat', 'b.md'), draft('./01-staff.txt', 'We will not.'));
    cpSync(OTHER, path.join(folder, 'cat', 'other-staff.txt'));
    const uri = (file: string) => URI.file(path.join(folder!, file)).toString();

    const toServer = new PassThrough();
    const toClient = new PassThrough();
    new Session(createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient)), { today: () => '2017-08-25' }).listen();
    const client: ProtocolConnection = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
    const published = new Map<string, PublishDiagnosticsParams>();
    const waiters: (() => void)[] = [];
    client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      published.set(p.uri, p);
      for (const w of waiters.splice(0)) w();
    });
    client.onRequest('workspace/configuration', () => [{}]);
    client.onRequest('client/registerCapability', () => null);
    client.listen();
    /** The latest diagnostics of a file once they satisfy `until`. */
    const diagnostics = async (file: string, until: (p: PublishDiagnosticsParams) => boolean) => {
      for (;;) {
        const p = published.get(uri(file));
        if (p && until(p)) return p;
        await new Promise<void>((r) => waiters.push(r));
      }
    };
    const duplicate = (p: PublishDiagnosticsParams) => p.diagnostics.find((d) => d.code === 'draft.duplicate-response');
    try {
      const rootUri = URI.file(folder).toString();
      await client.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'cat' }], capabilities: {} });
      await client.sendNotification('initialized', {});

      const a = duplicate(await diagnostics('cat/a.md', (p) => !!duplicate(p)))!;
      const b = duplicate(await diagnostics('cat/b.md', (p) => !!duplicate(p)))!;
      expect(a.message).toBe('b.md also answers ./01-staff.txt: keep one draft per staff letter.');
      expect(a.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 3 } });
      expect(a.relatedInformation).toEqual([
        {
          location: { uri: uri('cat/b.md'), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } } },
          message: 'b.md answers ./01-staff.txt too',
        },
      ]);
      expect(b.message).toBe('a.md also answers ./01-staff.txt: keep one draft per staff letter.');
      expect(b.relatedInformation?.[0]?.location.uri).toBe(uri('cat/a.md'));
      // No warning on the filed response: it is not a draft.
      expect(published.get(uri('cat/02-response.htm'))?.diagnostics.find((d) => d.code === 'draft.duplicate-response')).toBeUndefined();

      // `corresp check` prints the same finding, from the same function.
      const out: string[] = [];
      const code = await main(['check', 'cat', '--today', '2017-08-25'], {
        out: (t) => out.push(t),
        err: () => undefined,
        version: '9',
        today: '2017-08-25',
        cwd: folder,
      });
      expect(code).toBe(1);
      expect(out).toContain('cat/a.md:1:1 warning b.md also answers ./01-staff.txt: keep one draft per staff letter. [draft.duplicate-response]');
      expect(out).toContain('cat/b.md:1:1 warning a.md also answers ./01-staff.txt: keep one draft per staff letter. [draft.duplicate-response]');

      // b.md now answers another letter: a.md is checked again, and is alone.
      await client.sendNotification('textDocument/didOpen', {
        textDocument: { uri: uri('cat/b.md'), languageId: 'markdown', version: 1, text: draft('./other-staff.txt', 'We will not.') },
      });
      await diagnostics('cat/a.md', (p) => !duplicate(p));
      expect(duplicate(await diagnostics('cat/b.md', (p) => !duplicate(p)))).toBeUndefined();
    } finally {
      client.dispose();
    }
  });
});
