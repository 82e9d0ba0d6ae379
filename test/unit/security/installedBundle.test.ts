/**
 * The bundles work where they are installed, without this repository's node_modules (pdf.js's optional native
 * canvas package is absent there): reading a PDF neither crashes nor prints pdf.js warnings.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..', '..');

it('the CLI bundle reads a PDF from a folder with no node_modules, with clean output', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'corresp-installed-'));
  copyFileSync(path.join(ROOT, 'dist', 'cli.mjs'), path.join(dir, 'cli.mjs'));
  copyFileSync(path.join(ROOT, 'test', 'fixtures', 'real', 'adm-0000000000-24-005934', 'staff.pdf'), path.join(dir, 'staff.pdf'));
  const run = spawnSync(process.execPath, ['cli.mjs', 'comments', 'staff.pdf', '--format', 'json'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: '' },
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(JSON.parse(run.stdout).comments.map((c: { number: number }) => c.number)).toEqual([1, 2, 3, 4, 5, 6]);
});
