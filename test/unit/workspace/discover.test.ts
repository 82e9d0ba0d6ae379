/**
 * A folder's letters as `discoverLetters` finds them: small Markdown files are read once (the sniff reads them whole
 * and the reading is taken from those bytes), larger ones sniffed from their head and read after; a file whose head
 * only looks like Corresp front matter is not taken for a letter, nor a binary file that opens with it; what is read is what `loadLetter` reads;
 * a front matter that names the staff letter past the sniffed head makes a letter here as in the editor's scan.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sniffHead } from '../../../server/src/letters/read';
import { discoverLetters } from '../../../server/src/workspace/discover';
import { loadLetter } from '../../../server/src/workspace/files';
import { MemoryWorkspace } from '../../features/harness';

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

  it('takes a draft whose front matter names its staff letter past the head (10 KB, 70 KB in) for a letter, as the editor does', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'corresp-discover-'));
    made.push(dir);
    const staff = readFileSync(path.join(EXAMPLES, 'staff-letter-2017-08-16.md'), 'utf8');
    const body = readFileSync(path.join(EXAMPLES, 'response-2017-08-16.md'), 'utf8').replace(/^---\n[^]*?\n---\n/, '');
    // A team's own keys first (a long note), the letter's keys after them.
    const withNotes = (chars: number) =>
      `---\ntitle: Response to the staff's letter\nnotes: |\n${'  Call with counsel; see the working papers.\n'.repeat(Math.ceil(chars / 45))}corresp: response\nstaff-letter: ./staff-letter-2017-08-16.md\n---\n${body}`;
    const files: Record<string, string> = {
      'staff-letter-2017-08-16.md': staff,
      'response-notes-10k.md': withNotes(10_000),
      'response-notes-70k.md': withNotes(70_000),
      // Long front matter that is no letter's: not taken, by either.
      'notes.md': `---\ntitle: Notes\nremarks: |\n${'  corresp: not a key here\n'.repeat(800)}---\n\n# Notes\n`,
    };
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    // The head alone cannot tell: it says "maybe" for an open front matter, and the whole file decides.
    expect(sniffHead(Buffer.from(files['response-notes-10k.md']!)).corresp).toBe(true);
    expect(sniffHead(Buffer.from('---\ntitle: Notes\n---\n\n# Notes\n')).corresp).toBe(false);

    const found = await discoverLetters(['.'], dir);
    expect(found.ok).toBe(true);
    if (!found.ok) return;
    expect(found.letters.map((l) => path.basename(l.path)).sort()).toEqual(['response-notes-10k.md', 'response-notes-70k.md']);
    // The editor's scan takes the same files for drafts (it sniffs 8 KB, then reads whole what may be a letter).
    const ws = await new MemoryWorkspace(files).ready();
    expect(
      ws.index
        .drafts()
        .map((d) => path.basename(d.uri))
        .sort(),
    ).toEqual(['response-notes-10k.md', 'response-notes-70k.md']);
    const draft = await ws.thread('response-notes-70k.md');
    expect(draft.doc.draft?.anchors.length).toBeGreaterThan(0);
  });
});
