/**
 * One workspace, two ways in: `corresp check` / `corresp report` (in-process) and the language server (in-process,
 * over in-memory streams) must say the same thing about it: the same diagnostics per draft, the same due dates, the
 * same report. The workspace (test/fixtures/parity) has what made them disagree: a firm holiday in .corresp.yaml
 * (2024-11-15 moves the November 1, 2024 letter's due date from November 18 to 19), one filer's File No. written two
 * ways (001-00044 and 0001-00044), imported staff letters (`source:` naming a PDF) beside their PDFs, and a stale
 * draft in a folder .gitignore excludes.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { createConnection } from 'vscode-languageserver/node';
import { URI } from 'vscode-uri';
import { main } from '../../server/src/cli/main';
import { Session } from '../../server/src/lsp/session';

const FIXTURE = path.resolve(__dirname, '..', 'fixtures', 'parity');
const REAL = path.resolve(__dirname, '..', 'fixtures', 'real');
/** Each imported staff letter's date and the real pair whose staff.pdf it was imported from. */
const PDFS = [
  ['2024-05-22', 'adm-0000000000-24-005934'],
  ['2024-09-05', 'adm-0000000000-24-010044'],
  ['2024-11-01', 'adm-0000000000-24-012212'],
] as const;
const TODAY = '2024-11-20';
const DRAFTS = ['adm/response-2024-05-22.md', 'adm/response-2024-11-01.md'];

let folder: string;
let client: ProtocolConnection;
const published = new Map<string, PublishDiagnosticsParams>();

async function cli(argv: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (t) => out.push(t), err: (t) => err.push(t), version: '9.9.9', today: TODAY, cwd: folder });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const uri = (file: string) => URI.file(path.join(folder, file)).toString();

/** Waits until the server has published diagnostics for every draft (it publishes each once the scan is done). */
async function diagnosticsOf(file: string): Promise<PublishDiagnosticsParams> {
  for (let i = 0; i < 400 && !published.has(uri(file)); i++) await new Promise((r) => setTimeout(r, 25));
  const p = published.get(uri(file));
  if (!p) throw new Error(`no diagnostics published for ${file}`);
  return p;
}

/** The report page without what legitimately differs: its title and the program that made it. */
function reportBody(html: string): string {
  return html
    .replace(/<title>[^<]*<\/title>/, '')
    .replace(/<h1>[^<]*<\/h1>/, '')
    .replace(/(Corresp for VS Code|corresp 9\.9\.9)/g, 'GENERATOR')
    .trimEnd(); // the CLI prints the page without its last newline
}

beforeAll(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'corresp-parity-'));
  cpSync(FIXTURE, folder, { recursive: true });
  // The staff letters' PDFs the imports name (`source:`) are the real ones, kept once in test/fixtures/real.
  for (const [date, pair] of PDFS) cpSync(path.join(REAL, pair, 'staff.pdf'), path.join(folder, 'adm', `staff-${date}.pdf`));
  mkdirSync(path.join(folder, '.git'));
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const connection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  new Session(connection, { today: () => TODAY }).listen();
  client = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  client.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.set(p.uri, p);
  });
  client.onRequest('workspace/configuration', () => [{}]);
  client.onRequest('client/registerCapability', () => null);
  client.listen();
  const rootUri = URI.file(folder).toString();
  await client.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'parity' }],
    capabilities: { workspace: { configuration: true } },
  });
  await client.sendNotification('initialized', {});
});

afterAll(() => {
  client?.dispose();
  rmSync(folder, { recursive: true, force: true });
});

describe('the CLI and the editor agree on one workspace', () => {
  it('publishes, for each draft, the diagnostics `corresp check` prints', async () => {
    const run = await cli(['check', '.', '--format', 'json', '--today', TODAY]);
    expect(run.stderr).toBe('');
    const checked = JSON.parse(run.stdout) as { file: string; diagnostics: { code: string; severity: string; message: string; line: number }[] }[];
    expect(checked.map((c) => c.file).sort()).toEqual(DRAFTS);
    const severity: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };
    for (const file of DRAFTS) {
      const editor = (await diagnosticsOf(file)).diagnostics.map((d) => ({
        code: String(d.code),
        severity: severity[d.severity ?? 1],
        message: d.message,
        line: d.range.start.line + 1,
      }));
      const terminal = checked.find((c) => c.file === file)!.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, line: d.line }));
      expect(editor, file).toEqual(terminal);
      // Named alone, a draft is read in its whole thread as the editor reads it (its prior letter, the other drafts).
      const alone = JSON.parse((await cli(['check', file, '--format', 'json', '--today', TODAY])).stdout) as {
        diagnostics: { code: string; severity: string; message: string; line: number }[];
      };
      expect(
        alone.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, line: d.line })),
        `${file} alone`,
      ).toEqual(terminal);
    }
  });

  it('gives the November 1, 2024 letter one due date, the firm holiday skipped, in the status bar, the Problems panel and the report', async () => {
    const status = (await client.sendRequest('corresp/status', { uri: uri('adm/response-2024-11-01.md') })) as { due?: string };
    expect(status.due).toBe('2024-11-19');
    const overdue = (await diagnosticsOf('adm/response-2024-11-01.md')).diagnostics.find((d) => d.code === 'response.overdue');
    expect(overdue?.message).toContain('November 19, 2024');
    const md = await cli(['report', '.', '--format', 'md', '--today', TODAY]);
    expect(md.stdout).toContain('November 19, 2024');
    expect(md.stdout).not.toContain('November 18, 2024');
  });

  it('reports one thread for the filer whose File No. is written two ways, the same from the CLI and from Show Coverage', async () => {
    const run = await cli(['report', '.', '--today', TODAY]);
    expect(run.code).toBe(0);
    const editor = (await client.sendRequest('corresp/report', {})) as { html: string };
    expect(reportBody(editor.html)).toBe(reportBody(run.stdout));
    const md = await cli(['report', '.', '--format', 'md', '--today', TODAY]);
    expect(md.stdout).toMatch(/\| Threads \| 1 \|/);
    expect(md.stdout).toMatch(/\| Staff letters \| 3 \(1 without a response draft\) \|/); // the September 5 letter has no draft yet: it joins the report in both
    expect(md.stdout).toMatch(/\| Response drafts \| 2 \|/); // not the stale copy .gitignore excludes
  });

  it('shows the same letters in the Comment Letters view', async () => {
    const view = (await client.sendRequest('corresp/threads', {})) as { threads: { letters: { uri: string; kind: string }[] }[] };
    const drafts = view.threads
      .flatMap((t) => t.letters)
      .filter((l) => l.kind === 'response')
      .map((l) => l.uri)
      .sort();
    expect(drafts).toEqual(DRAFTS.map(uri).sort());
  });
});
