import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../server/src/cli/main';
import { edgarFileNameProblem } from '../../../server/src/features/export';
import { CONFIDENTIAL, example } from './drafts';
import { fakeIo, tempDir, unzip, type FakeIo } from './helpers';

let dir: string;
let io: FakeIo;

beforeEach(() => {
  dir = tempDir();
  io = fakeIo(dir);
  writeFileSync(path.join(dir, 'response.md'), example());
  writeFileSync(path.join(dir, 'confidential.md'), CONFIDENTIAL);
});

// The example draft is unfinished on purpose (and its staff letter is not copied): these tests are about files.
const run = (...argv: string[]) => main(['export', ...argv, '--allow-incomplete'], io);

describe('corresp export: EDGAR file names', () => {
  it('accepts a 32-character .htm name and refuses 33', async () => {
    const ok = `${'a'.repeat(28)}.htm`;
    expect(ok).toHaveLength(32);
    expect(await run('response.md', '-o', ok)).toBe(0);
    expect(readFileSync(path.join(dir, ok), 'utf8').startsWith('<HTML>')).toBe(true);

    const long = `${'a'.repeat(29)}.htm`;
    expect(await run('response.md', '-o', long)).toBe(2);
    expect(existsSync(path.join(dir, long))).toBe(false);
    expect(io.errs.at(-1)).toMatch(/at most 32 characters.*33/);
  });

  it('refuses other extensions, upper case, spaces and odd characters, with a clear message', async () => {
    const cases: Array<[string, RegExp]> = [
      ['letter.html', /must be named \*\.htm \(EDGAR takes \.htm, not \.html\)/],
      ['letter.pdf', /\*\.htm/],
      ['Letter.htm', /lower-case letters \(try letter\.htm\)/],
      ['my letter.htm', /not space/],
      ['letter#1.htm', /not “#”/],
      ['_letter.htm', /start with a letter or a digit/],
    ];
    for (const [name, message] of cases) {
      expect(await run('response.md', '-o', name), name).toBe(2);
      expect(existsSync(path.join(dir, name)), name).toBe(false);
      expect(io.errs.at(-1), name).toMatch(message);
      expect(io.errs.at(-1), name).toMatch(new RegExp(`^corresp: ${name.replace(/[.#]/g, '\\$&')}: `));
    }
  });

  it('the name rule is checked for ASCII too (.txt), and the format follows the extension', async () => {
    expect(await run('response.md', '-o', 'letter.txt')).toBe(0);
    const text = readFileSync(path.join(dir, 'letter.txt'), 'utf8');
    expect(text.startsWith('August 29, 2017')).toBe(true);
    expect(await run('response.md', '--format', 'txt', '-o', 'letter.htm')).toBe(2);
    expect(io.errs.at(-1)).toMatch(/\*\.txt/);
    expect(await run('response.md', '--format', 'txt', '-o', `${'b'.repeat(29)}.txt`)).toBe(2);
  });

  it('edgarFileNameProblem', () => {
    expect(edgarFileNameProblem('response-2017_08.v2.htm', 'html')).toBeUndefined();
    expect(edgarFileNameProblem('0response.htm', 'html')).toBeUndefined();
    expect(edgarFileNameProblem('response.htm', 'txt')).toMatch(/\*\.txt/);
    expect(edgarFileNameProblem('.htm', 'html')).toMatch(/start with/);
  });
});

describe('corresp export: never over an existing file without --force', () => {
  it('HTML and text', async () => {
    const file = path.join(dir, 'letter.htm');
    writeFileSync(file, 'original');
    expect(await run('response.md', '-o', 'letter.htm')).toBe(2);
    expect(io.errs.at(-1)).toBe('corresp: letter.htm: the file already exists (use --force to replace it)');
    expect(readFileSync(file, 'utf8')).toBe('original');
    expect(await run('response.md', '-o', 'letter.htm', '--force')).toBe(0);
    expect(readFileSync(file, 'utf8').startsWith('<HTML>')).toBe(true);
    expect(io.errs).toContainEqual(expect.stringMatching(/^letter\.htm: exported EDGAR HTML/));
  });

  it('Word (bytes, written with the same rule)', async () => {
    const file = path.join(dir, 'draft.docx');
    expect(await run('response.md', '-o', 'draft.docx')).toBe(0);
    expect(unzip(readFileSync(file)).has('word/document.xml')).toBe(true);
    writeFileSync(file, 'original');
    expect(await run('response.md', '-o', 'draft.docx')).toBe(2);
    expect(io.errs.at(-1)).toBe('corresp: draft.docx: the file already exists (use --force to replace it)');
    expect(readFileSync(file, 'utf8')).toBe('original');
    expect(await run('response.md', '-o', 'draft.docx', '--force')).toBe(0);
    expect(unzip(readFileSync(file)).has('word/document.xml')).toBe(true);
  });
});

describe('corresp export: other usage', () => {
  it('HTML to stdout without -o', async () => {
    expect(await run('response.md')).toBe(0);
    expect(io.outs.join('\n')).toMatch(/^<HTML>[\s\S]*<\/HTML>$/);
  });

  it('Word needs -o; --unredacted is for Word only; the response is never its own output', async () => {
    expect(await run('response.md', '--format', 'docx')).toBe(2);
    expect(io.errs.at(-1)).toMatch(/needs -o/);
    expect(await run('confidential.md', '--unredacted', '-o', 'c.htm')).toBe(2);
    expect(io.errs.at(-1)).toMatch(/only for --format docx/);
    expect(existsSync(path.join(dir, 'c.htm'))).toBe(false);
    expect(await run('confidential.md', '--unredacted', '-o', 'c.docx')).toBe(0);
    expect(io.errs).toContainEqual(expect.stringMatching(/UNREDACTED/));
    writeFileSync(path.join(dir, 'same.txt'), 'November 12, 2013\n\nVIA EDGAR\n');
    expect(await run('same.txt', '-o', 'same.txt', '--force')).toBe(2);
    expect(readFileSync(path.join(dir, 'same.txt'), 'utf8')).toBe('November 12, 2013\n\nVIA EDGAR\n');
  });

  it('a missing response and a bad --format are usage errors', async () => {
    expect(await run('nope.md')).toBe(2);
    expect(io.errs.at(-1)).toMatch(/nope\.md: no such file/);
    expect(await run('response.md', '--format', 'pdf')).toBe(2);
    expect(io.errs.at(-1)).toMatch(/--format must be one of html, txt, docx/);
  });

  it('notes about what was left out go to stderr', async () => {
    writeFileSync(path.join(dir, 'hostile.md'), 'Text <script>alert(1)</script> here.\n');
    expect(await run('hostile.md', '-o', 'hostile.htm')).toBe(0);
    expect(io.errs).toContain('hostile.md: <script> and its content are left out');
    expect(readFileSync(path.join(dir, 'hostile.htm'), 'utf8')).not.toMatch(/script/i);
  });

  it('help lists the command', async () => {
    expect(await main(['help'], io)).toBe(0);
    expect(io.outs.join('\n')).toContain('corresp export <response>');
  });
});
