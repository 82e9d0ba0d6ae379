/**
 * The CLI writes only where it is asked to and never over an existing file without --force: `import -o` and
 * `new -o` (and `new`'s default output name) refuse, leave the file as it was, and say so in one line. And no
 * command ever writes over one of its own inputs, even with --force: not by its path, nor through a symbolic link
 * or a hard link to it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture } from '../../helpers';
import { cleanup, cli, expectCleanFailure, tempDir } from './cliHarness';

afterAll(cleanup);

const SEED = fixture('seeds', 'staff-letter-2017-08-16.txt');

function folder(): string {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'staff.txt'), SEED);
  return dir;
}

describe('-o never overwrites without --force', () => {
  for (const command of ['import', 'new'] as const) {
    it(`${command} -o onto an existing file: refused, file untouched; with --force: replaced`, async () => {
      const dir = folder();
      const out = path.join(dir, 'out.md');
      fs.writeFileSync(out, 'precious work\n');
      const before = fs.statSync(out).mtimeMs;

      const refused = await cli(dir, command, 'staff.txt', '-o', 'out.md');
      expectCleanFailure(refused, 'out.md');
      expect(refused.err).toMatch(/already exists \(use --force to replace it\)/);
      expect(fs.readFileSync(out, 'utf8')).toBe('precious work\n');
      expect(fs.statSync(out).mtimeMs).toBe(before);

      const forced = await cli(dir, command, 'staff.txt', '-o', 'out.md', '--force');
      expect(forced.code, forced.err).toBe(0);
      expect(fs.readFileSync(out, 'utf8')).not.toBe('precious work\n');
      expect(fs.readFileSync(out, 'utf8')).toMatch(/^---\n/);
    });

    it(`${command} -o into a new file writes it; a second run refuses`, async () => {
      const dir = folder();
      const first = await cli(dir, command, 'staff.txt', '-o', 'sub/dir/new.md');
      expect(first.code, first.err).toBe(0);
      const written = fs.readFileSync(path.join(dir, 'sub/dir/new.md'), 'utf8');
      const again = await cli(dir, command, 'staff.txt', '-o', 'sub/dir/new.md');
      expectCleanFailure(again, 'new.md');
      expect(fs.readFileSync(path.join(dir, 'sub/dir/new.md'), 'utf8')).toBe(written);
    });

    it(`${command} -o onto a folder, or through a symbolic link loop: a one-line failure, nothing written`, async () => {
      const dir = folder();
      fs.mkdirSync(path.join(dir, 'taken'));
      fs.symlinkSync('loop2', path.join(dir, 'loop1'));
      fs.symlinkSync('loop1', path.join(dir, 'loop2'));
      for (const target of ['taken', 'loop1']) {
        const r = await cli(dir, command, 'staff.txt', '-o', target);
        expectCleanFailure(r, target);
      }
      expect(fs.readdirSync(path.join(dir, 'taken'))).toEqual([]);
    });
  }

  it('new without -o writes next to the letter, and refuses the second time', async () => {
    const dir = folder();
    const first = await cli(dir, 'new', 'staff.txt');
    expect(first.code, first.err).toBe(0);
    const file = path.join(dir, 'response-to-staff.md');
    const written = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, `${written}\nMy answers.\n`);
    const again = await cli(dir, 'new', 'staff.txt');
    expectCleanFailure(again, 'response-to-staff.md');
    expect(fs.readFileSync(file, 'utf8')).toBe(`${written}\nMy answers.\n`);
  });

  it('import without -o writes nothing, only standard output', async () => {
    const dir = folder();
    const r = await cli(dir, 'import', 'staff.txt');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^---\n/);
    expect(fs.readdirSync(dir)).toEqual(['staff.txt']);
  });
});

const DRAFT = `---
corresp: response
staff-letter: ./staff.txt
---

Dear Staff:

**1. We note your disclosure.**

Response: The Company respectfully advises the Staff that it will revise the disclosure.
`;

describe('no command writes over one of its own inputs, even with --force', () => {
  /** A folder with the staff letter, a draft answering it, and links to each. */
  function linked(): string {
    const dir = folder();
    fs.writeFileSync(path.join(dir, 'draft.md'), DRAFT);
    for (const input of ['staff.txt', 'draft.md']) {
      fs.symlinkSync(input, path.join(dir, `sym-${input}`));
      fs.linkSync(path.join(dir, input), path.join(dir, `hard-${input}`));
    }
    return dir;
  }

  const runs: Array<[string, string[], string]> = [];
  for (const via of ['', 'sym-', 'hard-']) {
    runs.push([`import staff.txt -o ${via}staff.txt`, ['import', 'staff.txt', '-o', `${via}staff.txt`], 'staff.txt']);
    runs.push([`import draft.md -o ${via}draft.md`, ['import', 'draft.md', '-o', `${via}draft.md`], 'draft.md']);
    runs.push([`new staff.txt -o ${via}staff.txt`, ['new', 'staff.txt', '-o', `${via}staff.txt`], 'staff.txt']);
    runs.push([`report -o ${via}draft.md`, ['report', '.', '--format', 'md', '-o', `${via}draft.md`], 'draft.md']);
    runs.push([`report -o ${via}staff.txt (the draft's staff letter)`, ['report', 'draft.md', '--format', 'md', '-o', `${via}staff.txt`], 'staff.txt']);
    // --allow-incomplete: the draft here is unfinished, and the gate would refuse it before the write is tried.
    runs.push([
      `export draft.md -o ${via}draft.docx (a link to the draft)`,
      ['export', 'draft.md', '--format', 'docx', '--allow-incomplete', '-o', `${via}draft.docx`],
      'draft.md',
    ]);
  }
  for (const [name, argv, input] of runs) {
    it(`${name} --force: refused in one line, the input unchanged`, async () => {
      const dir = linked();
      if (argv[0] === 'export') {
        // A Word document must be named .docx: link one to the draft.
        const out = argv[argv.length - 1]!;
        if (out.startsWith('sym-')) fs.symlinkSync('draft.md', path.join(dir, out));
        else if (out.startsWith('hard-')) fs.linkSync(path.join(dir, 'draft.md'), path.join(dir, out));
        else fs.symlinkSync('draft.md', path.join(dir, out));
      }
      const before = fs.readFileSync(path.join(dir, input));
      const r = await cli(dir, ...argv, '--force');
      expectCleanFailure(r, argv[argv.length - 1]!);
      expect(r.err).toMatch(/one of the files this command reads; it is never written over \(not even with --force\)/);
      expect(fs.readFileSync(path.join(dir, input))).toEqual(before);
    });
  }

  it('--force still replaces a file that is not an input', async () => {
    const dir = linked();
    fs.writeFileSync(path.join(dir, 'report.md'), 'old report');
    const r = await cli(dir, 'report', '.', '--format', 'md', '-o', 'report.md', '--force');
    expect(r.code, r.err).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'report.md'), 'utf8')).not.toBe('old report');
  });
});
