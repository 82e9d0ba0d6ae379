/**
 * A folder's letters as `discoverLetters` finds them: small Markdown files are read once (the sniff reads them whole
 * and the reading is taken from those bytes), larger ones sniffed from their head and read after; a file whose head
 * only looks like Corresp front matter is not taken for a letter, nor a binary file that opens with it; what is read is what `loadLetter` reads.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoverLetters } from '../../../server/src/workspace/discover';
import { loadLetter } from '../../../server/src/workspace/files';

const EXAMPLES = path.resolve(__dirname, '..', '..', '..', 'examples');
const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

describe('discoverLetters', () => {
  it('finds the real example thread, a draft over 64 KB, and leaves out a look-alike and plain Markdown', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'corresp-discover-'));
    made.push(dir);
    copyFileSync(path.join(EXAMPLES, 'staff-letter-2017-08-16.md'), path.join(dir, 'staff-letter-2017-08-16.md'));
    copyFileSync(path.join(EXAMPLES, 'response-2017-08-16.md'), path.join(dir, 'response-2017-08-16.md'));
    // The same draft with a long appendix: read through the head sniff, not whole at once.
    const draft = readFileSync(path.join(EXAMPLES, 'response-2017-08-16.md'), 'utf8');
    writeFileSync(path.join(dir, 'response-long.md'), `${draft}\n\n## Appendix\n\n${'The Company notes the table below. '.repeat(2500)}\n`);
    // "corresp:" at a line's start, but inside a block scalar: the regular expression's glance says maybe, YAML says no.
    writeFileSync(path.join(dir, 'notes.md'), '---\ntitle: Notes\nremarks: |\n  corresp: not a key here\n---\n\n# Notes\n');
    writeFileSync(path.join(dir, 'README.md'), '# Letters\n');
    // Corresp front matter over binary bytes (a NUL in the head): not a letter, and no failure of the folder's check.
    writeFileSync(
      path.join(dir, 'damaged.md'),
      Buffer.concat([Buffer.from('---\ncorresp: response\nstaff-letter: ./staff-letter-2017-08-16.md\n---\n'), Buffer.from([0, 1, 2, 0])]),
    );

    const found = await discoverLetters(['.'], dir);
    expect(found.ok).toBe(true);
    if (!found.ok) return;
    expect(found.letters.map((l) => path.basename(l.path)).sort()).toEqual(['response-2017-08-16.md', 'response-long.md']);
    expect(found.staffLetters.map((l) => path.basename(l.path))).toEqual(['staff-letter-2017-08-16.md']);
    expect(readFileSync(path.join(dir, 'response-long.md')).length).toBeGreaterThan(64 * 1024);
    for (const l of [...found.letters, ...found.staffLetters]) expect(l.file, l.shown).toStrictEqual(await loadLetter(l.path));
  });
});
