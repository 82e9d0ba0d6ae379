/**
 * The bundles work where they are installed, without this repository's node_modules (pdf.js's optional native
 * canvas package is absent there): the CLI with the bundles it loads from beside it (its workers, and pdf.js, mammoth
 * and the Word writer, each a bundle of its own: esbuild.mjs) reads a PDF and a Word letter and writes a Word
 * document, with clean output.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { beforeAll, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..', '..');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'corresp-installed-'));
  for (const f of readdirSync(path.join(ROOT, 'dist')).filter((f) => f.endsWith('.mjs'))) copyFileSync(path.join(ROOT, 'dist', f), path.join(dir, f));
  copyFileSync(path.join(ROOT, 'test', 'fixtures', 'real', 'adm-0000000000-24-005934', 'staff.pdf'), path.join(dir, 'staff.pdf'));
  copyFileSync(path.join(ROOT, 'test', 'fixtures', 'docx', 'word-draft.docx'), path.join(dir, 'word-draft.docx'));
  for (const f of ['response-2017-08-16.md', 'staff-letter-2017-08-16.md']) copyFileSync(path.join(ROOT, 'examples', f), path.join(dir, f));
});

function corresp(...args: string[]) {
  return spawnSync(process.execPath, ['cli.mjs', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_PATH: '', CORRESP_CACHE: 'off' } });
}

it('the CLI bundle reads a PDF from a folder with no node_modules, with clean output', () => {
  const run = corresp('comments', 'staff.pdf', '--format', 'json');
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(JSON.parse(run.stdout).comments.map((c: { number: number }) => c.number)).toEqual([1, 2, 3, 4, 5, 6]);
});

it('reads a Word letter there (mammoth.mjs) and writes one (docx-writer.mjs)', () => {
  const read = corresp('comments', 'word-draft.docx', '--format', 'json');
  expect(read.stderr).toBe('');
  expect(read.status).toBe(0);
  expect(JSON.parse(read.stdout).comments.length).toBeGreaterThan(0);
  const written = corresp('export', 'response-2017-08-16.md', '--format', 'docx', '-o', 'out.docx', '--allow-incomplete');
  // The example draft is unfinished on purpose: the export says so, and writes the document anyway when asked.
  expect(written.stderr).toContain('out.docx: exported Word document');
  expect(written.stderr).not.toMatch(/cannot find|could not be loaded/i);
  expect(written.status).toBe(0);
  expect(readFileSync(path.join(dir, 'out.docx')).subarray(0, 2).toString('latin1')).toBe('PK');
});
