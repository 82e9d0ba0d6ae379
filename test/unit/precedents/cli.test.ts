import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, write } from '../cli/helpers';
import { tempDir } from './helpers';

const ADM = 'lib/adm-0000000000-24-005934/staff.txt';

/** A repository with the fixtures under lib/, and its own cache folder. */
function repo(): { dir: string; cache: string } {
  const dir = tempDir(true);
  write(dir, '.git/HEAD', 'ref: refs/heads/main\n');
  return { dir, cache: path.join(dir, '.cache') };
}

describe('corresp similar', () => {
  it('shows, for each comment, the most similar comments of other companies with the shared words marked and the answer', async () => {
    const { dir, cache } = repo();
    const r = await run(['similar', ADM, '--comment', '6', '--limit', '2', '--cache', cache], dir);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(
      /^lib\/adm-0000000000-24-005934\/staff\.txt: comment 6\. Form 8-K filed March 12, 2024 > Exhibit 99\.1, page 1 {2}\[non-gaap/,
    );
    expect(r.stdout.split('\n')[1]).toMatch(/^ {2}1\. Caterpillar Inc\. · 2024-03-11 · Form 10-K .* · comment 1 · score [\d.]+ · 1 sentence shared$/);
    expect(r.stdout).toContain('«Refer to Item 10(e)(1)(i)(A) of Regulation S-K»');
    // The answer as filed, without the company's "Caterpillar Response:" label.
    expect(r.stdout).toMatch(/Answer: We respectfully acknowledge the Staff’s comment regarding the GAAP effective tax rate/);
    expect(r.stderr).toMatch(/^library: \d+ comments in 1 folder \(14 files read/);
  });

  it('leaves out the letter’s own thread, and with --other-companies the same company', async () => {
    const { dir, cache } = repo();
    const itw = 'lib/itw_0000000000-21-011797/03-staff.txt';
    const own = JSON.parse((await run(['similar', itw, '--format', 'json', '--limit', '20', '--cache', cache], dir)).stdout);
    const files = own.comments.flatMap((c: { precedents: { file: string }[] }) => c.precedents.map((p) => p.file));
    expect(files.length).toBeGreaterThan(0);
    expect(files.some((f: string) => f.includes('itw_0000000000-21-011797'))).toBe(false);
  });

  it('writes JSON with tags, the shared runs and the whole answer', async () => {
    const { dir, cache } = repo();
    const r = await run(['similar', ADM, '--comment', '6', '--format', 'json', '--cache', cache], dir);
    const json = JSON.parse(r.stdout);
    expect(json.comments).toHaveLength(1);
    expect(json.comments[0].tags).toContain('non-gaap');
    const first = json.comments[0].precedents[0];
    expect(first).toMatchObject({
      company: 'Caterpillar Inc.',
      date: '2024-03-11',
      comment: 1,
      file: 'lib/cat_0000000000-24-002665/01-staff.txt',
      sharedSentences: 1,
    });
    expect(first.shared).toContain('Refer to Item 10(e)(1)(i)(A) of Regulation S-K');
    expect(first.answer).toMatch(/omit the column presenting the adjusted effective tax rate/);
    expect(first.tags).toContain('income-taxes');
  });

  it('writes Markdown with the shared words in bold and the answer quoted', async () => {
    const { dir, cache } = repo();
    const r = await run(['similar', ADM, '--comment', '6', '--limit', '1', '--format', 'md', '--cache', cache], dir);
    expect(r.stdout.split('\n')[0]).toBe('# Precedents for lib/adm-0000000000-24-005934/staff.txt');
    expect(r.stdout).toContain('**Refer to Item 10\\(e\\)\\(1\\)\\(i\\)\\(A\\) of Regulation S-K**');
    expect(r.stdout).toContain('> We respectfully acknowledge the Staff’s comment regarding the GAAP effective tax rate.');
  });

  it('keeps to one topic with --tag', async () => {
    const { dir, cache } = repo();
    const json = JSON.parse((await run(['similar', ADM, '--tag', 'sanctioned-countries', '--format', 'json', '--cache', cache], dir)).stdout);
    const precedents = json.comments.flatMap((c: { precedents: { tags: string[] }[] }) => c.precedents);
    expect(precedents.length).toBeGreaterThan(0);
    expect(precedents.every((p: { tags: string[] }) => p.tags.includes('sanctioned-countries'))).toBe(true);
  });

  it('takes a draft for its staff letter', async () => {
    const { dir, cache } = repo();
    write(dir, 'drafts/response.md', '---\nstaff-letter: ../lib/adm-0000000000-24-005934/staff.txt\n---\n\n**Comment 6**\n\nResponse: TBD\n');
    const r = await run(['similar', 'drafts/response.md', '--comment', '6', '--limit', '1', '--cache', cache], dir);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^drafts\/response\.md: comment 6\. /);
    expect(r.stdout.split('\n')[1]).toContain('Caterpillar Inc.');
  });

  it('searches folders from .corresp.yaml’s library: key and from --library', async () => {
    const dir = tempDir(true);
    const cache = path.join(dir, '.cache');
    write(dir, 'ws/.corresp.yaml', 'library:\n  - ../lib/cat_0000000000-24-002665\n');
    write(dir, 'ws/letter.txt', '');
    const letter = path.join(dir, 'lib/adm-0000000000-24-005934/staff.txt');
    const fromConfig = JSON.parse((await run(['similar', letter, '--comment', '6', '--format', 'json', '--cache', cache], path.join(dir, 'ws'))).stdout);
    expect(fromConfig.library.folders.map((f: { from: string }) => f.from)).toEqual(['workspace', '.corresp.yaml']);
    expect(new Set(fromConfig.comments[0].precedents.map((p: { company: string }) => p.company))).toEqual(new Set(['Caterpillar Inc.']));
  });

  it('says what is wrong with its arguments (exit 2)', async () => {
    const { dir, cache } = repo();
    expect((await run(['similar', ADM, '--comment', '9', '--cache', cache], dir)).stderr).toBe(
      'corresp: lib/adm-0000000000-24-005934/staff.txt: no comment 9 (the letter has 1, 2, 3, 4, 5, 6)',
    );
    expect((await run(['similar', ADM, '--tag', 'weather', '--cache', cache], dir)).stderr).toMatch(/^corresp: --tag must be one of non-gaap, mda, /);
    expect((await run(['similar', ADM, '--limit', '0', '--cache', cache], dir)).code).toBe(2);
    expect((await run(['similar', ADM, '--library', 'nowhere', '--cache', cache], dir)).stderr).toBe('corresp: --library nowhere: no such folder');
    expect((await run(['similar', '--cache', cache], dir)).code).toBe(2);
  });

  it('says so when its cache folder cannot be written (exit 2, no stack)', async () => {
    const { dir } = repo();
    write(dir, 'not-a-folder', 'x');
    const r = await run(['similar', ADM, '--comment', '1', '--cache', 'not-a-folder'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^corresp: cannot write the cache folder \(.*not-a-folder.*\): /);
    expect(r.stderr).not.toContain('internal error');
  });
});

describe('corresp library', () => {
  it('adds a folder (reading it at once), lists the library, and removes the folder', async () => {
    const dir = tempDir(true);
    const cache = path.join(dir, '.cache');
    write(dir, 'ws/.git/HEAD', 'x');
    const ws = path.join(dir, 'ws');
    const added = await run(['library', 'add', '../lib/cat_0000000000-24-002665', '--cache', cache], ws);
    expect(added.out).toEqual(["../lib/cat_0000000000-24-002665: 1 staff letter, 4 comments, 4 with the company's answer"]);
    const listed = await run(['library', 'list', '--cache', cache], ws);
    expect(listed.out).toEqual([
      '.  (workspace): 0 staff letters, 0 comments, 0 answered',
      '../lib/cat_0000000000-24-002665  (library add): 1 staff letter, 4 comments, 4 answered',
    ]);
    const removed = await run(['library', 'remove', '../lib/cat_0000000000-24-002665', '--cache', cache], ws);
    expect(removed.out).toEqual(['../lib/cat_0000000000-24-002665: removed from the library (3 files forgotten)']);
    expect((await run(['library', 'list', '--cache', cache], ws)).out).toEqual(['.  (workspace): 0 staff letters, 0 comments, 0 answered']);
  });

  it('will not remove the workspace or a folder it does not hold', async () => {
    const dir = tempDir(true);
    const cache = path.join(dir, '.cache');
    expect((await run(['library', 'remove', '.', '--cache', cache], dir)).stderr).toBe('corresp: .: the workspace is always part of the library');
    expect((await run(['library', 'remove', 'lib', '--cache', cache], dir)).stderr).toBe('corresp: lib: not in the library (see corresp library list)');
    expect((await run(['library', 'add', 'nowhere', '--cache', cache], dir)).stderr).toBe('corresp: nowhere: no such folder');
  });
});
