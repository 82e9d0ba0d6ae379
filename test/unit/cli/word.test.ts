/**
 * The CLI with Word letters: check, import and comments read .docx (tracked changes as accepted, or the original with
 * --changes original; Word comments as notes), a folder's Word drafts are found by their document properties, and
 * export takes a firm's reference document from --reference-doc or .corresp.yaml (reported by line when bad) and
 * never writes over it.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../server/src/cli/main';
import { FIXTURES, fixture } from '../../helpers';
import { fakeIo, tempDir, unzip, type FakeIo } from '../export/helpers';

let dir: string;
let io: FakeIo;

beforeEach(() => {
  dir = tempDir();
  io = fakeIo(dir);
  for (const f of ['word-draft.docx', 'staff-letter-2017-08-16.md']) copyFileSync(path.join(FIXTURES, 'docx', f), path.join(dir, f));
});

const run = (...argv: string[]) => main(argv, io);

describe('corresp check and import on a Word draft', () => {
  it('check finds the staff letter the document names, reads the changes as accepted and lists the Word comments', async () => {
    expect(await run('check', 'word-draft.docx')).toBe(0);
    const out = io.outs.join('\n');
    expect(out).toMatch(/word-draft\.docx: 5 of 5 comments answered \(staff letter: staff-letter-2017-08-16\.md\)/);
    expect(out).toMatch(/warning This Word document has unaccepted tracked changes \(2 insertions, 2 deletions, 1 move\)/);
    expect(out).toMatch(/information Word comment \(Pat Counsel, 2017-08-28\) on “RMB 41\.2 million and RMB 9\.8 million”/);
  });

  it('check --changes original reads the text before the changes: answer 3 is a placeholder again', async () => {
    expect(await run('check', 'word-draft.docx', '--changes', 'original')).toBe(1);
    expect(io.outs.join('\n')).toMatch(/The response to comment 3 is only a placeholder/);
    expect(await run('check', 'word-draft.docx', '--changes', 'rejected')).toBe(2);
    expect(io.errs.at(-1)).toBe('corresp: --changes must be accepted or original (got “rejected”)');
  });

  it('check of a folder takes the Word draft that names its staff letter, and leaves other Word files alone', async () => {
    const doc = new Document({ sections: [{ children: [new Paragraph('Minutes of the audit committee.')] }] });
    writeFileSync(path.join(dir, 'minutes.docx'), new Uint8Array(await Packer.toBuffer(doc)));
    writeFileSync(path.join(dir, '~$rd-draft.docx'), 'Word lock file');
    expect(await run('check', '.')).toBe(0);
    expect(io.outs.join('\n')).toMatch(/^word-draft\.docx: 5 of 5 comments answered/m);
    expect(io.outs.join('\n')).not.toMatch(/minutes|~\$/);
  });

  it('import writes Corresp Markdown naming the staff letter, with the Word comments as notes on stderr', async () => {
    expect(await run('import', 'word-draft.docx', '-o', 'out/draft.md')).toBe(0);
    const md = readFileSync(path.join(dir, 'out', 'draft.md'), 'utf8');
    expect(md).toMatch(/^staff-letter: \.\.\/staff-letter-2017-08-16\.md$/m);
    expect(md).not.toContain('Confirm the RMB figures');
    expect(io.errs.join('\n')).toContain(
      'word-draft.docx: Word comment (Pat Counsel, 2017-08-28) on “RMB 41.2 million and RMB 9.8 million”: Confirm the RMB figures with the auditors before filing.',
    );
    // Every comment answered, but a figure is still open ("by [●]% as of October 1, 2016"): not ready to file.
    expect(await run('check', 'out/draft.md')).toBe(1);
    expect(io.outs.at(-1)).toMatch(/5 of 5 comments answered/);
    expect(io.outs.join('\n')).toMatch(/warning A blank is left to fill: \[●\] \[response\.blank\]/);
  });

  it('a password-protected or damaged file fails in one line', async () => {
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    'EncryptedPackage'.split('').forEach((c, i) => (ole[600 + i * 2] = c.charCodeAt(0)));
    writeFileSync(path.join(dir, 'locked.docx'), ole);
    expect(await run('check', 'locked.docx')).toBe(2);
    expect(io.errs.at(-1)).toMatch(/^corresp: locked\.docx: a password-protected Word document: remove the password/);
    writeFileSync(path.join(dir, 'broken.docx'), readFileSync(path.join(dir, 'word-draft.docx')).subarray(0, 5000));
    expect(await run('comments', 'broken.docx')).toBe(2);
    expect(io.errs.at(-1)).toMatch(/^corresp: broken\.docx: a damaged Word document/);
    expect(io.errs.join('\n')).not.toMatch(/\bat \w+ \(|Error:/);
  });
});

describe('corresp export --reference-doc', () => {
  async function template(file: string, font: string) {
    const doc = new Document({ styles: { default: { document: { run: { font } } } }, sections: [{ children: [new Paragraph('Template')] }] });
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), new Uint8Array(await Packer.toBuffer(doc)));
  }

  beforeEach(() => {
    writeFileSync(path.join(dir, 'response.md'), fixture('..', '..', 'examples', 'response-2017-08-16.md'));
  });

  it('takes the firm’s styles from the file given', async () => {
    await template('firm.docx', 'Garamond');
    expect(await run('export', 'response.md', '-o', 'draft.docx', '--reference-doc', 'firm.docx', '--allow-incomplete')).toBe(0);
    expect(
      unzip(readFileSync(path.join(dir, 'draft.docx')))
        .get('word/styles.xml')!
        .toString('utf8'),
    ).toContain('Garamond');
  });

  it('takes them from export.reference-doc in .corresp.yaml, relative to it; the option wins', async () => {
    await template('templates/firm.docx', 'Garamond');
    await template('other.docx', 'Palatino');
    writeFileSync(path.join(dir, '.corresp.yaml'), 'export:\n  reference-doc: templates/firm.docx\n');
    expect(await run('export', 'response.md', '-o', 'a.docx', '--allow-incomplete')).toBe(0);
    expect(
      unzip(readFileSync(path.join(dir, 'a.docx')))
        .get('word/styles.xml')!
        .toString('utf8'),
    ).toContain('Garamond');
    expect(await run('export', 'response.md', '-o', 'b.docx', '--reference-doc', 'other.docx', '--allow-incomplete')).toBe(0);
    expect(
      unzip(readFileSync(path.join(dir, 'b.docx')))
        .get('word/styles.xml')!
        .toString('utf8'),
    ).toContain('Palatino');
  });

  it('reports a bad reference document by the configuration’s line, or by the option, and writes nothing', async () => {
    writeFileSync(path.join(dir, '.corresp.yaml'), '# firm settings\nexport:\n  reference-doc: templates/missing.docx\n');
    expect(await run('export', 'response.md', '-o', 'a.docx')).toBe(2);
    expect(io.errs.at(-1)).toBe('corresp: .corresp.yaml:3:18: export: reference-doc “templates/missing.docx”: no such file');
    writeFileSync(path.join(dir, '.corresp.yaml'), 'export:\n  reference-doc: firm.dotm\n');
    expect(await run('export', 'response.md', '-o', 'a.docx')).toBe(2);
    expect(io.errs.at(-1)).toBe('corresp: .corresp.yaml:2:18: export: reference-doc “firm.dotm” must be a Word document (.docx) or template (.dotx)');
    writeFileSync(path.join(dir, 'notes.docx'), 'plain text');
    expect(await run('export', 'response.md', '-o', 'a.docx', '--reference-doc', 'notes.docx')).toBe(2);
    expect(io.errs.at(-1)).toBe('corresp: notes.docx: not a Word document (a .docx file is a zip package, and this file is not one)');
    expect(await run('export', 'response.md', '-o', 'a.htm', '--reference-doc', 'notes.docx')).toBe(2);
    expect(io.errs.at(-1)).toMatch(/--reference-doc is only for --format docx/);
  });

  it('never writes over the reference document, even with --force', async () => {
    await template('firm.docx', 'Garamond');
    const before = readFileSync(path.join(dir, 'firm.docx'));
    expect(await run('export', 'response.md', '-o', 'firm.docx', '--reference-doc', 'firm.docx', '--force', '--allow-incomplete')).toBe(2);
    expect(readFileSync(path.join(dir, 'firm.docx')).equals(before)).toBe(true);
  });
});
