import { cpSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module shared with the benchmark
import { buildFiling, renumber } from '../../commitments/filing.mjs';
import { run, tempRepo, write } from '../cli/helpers';
import { THREADS } from './helpers';

/** A temporary folder holding a copy of a real thread from the fixtures (EDGAR names: NN-staff.txt, NN-response.htm). */
function thread(name: string): string {
  const dir = tempRepo();
  cpSync(path.join(THREADS, name), path.join(dir, name), { recursive: true });
  return dir;
}

describe('corresp commitments', () => {
  it('pairs each filed response with the staff letter before it and lists its commitments as JSON', async () => {
    const dir = thread('cat_0000000000-17-022437');
    const r = await run(['commitments', 'cat_0000000000-17-022437', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout);
    expect(rows.map((x: { file: string; staffLetter: string }) => [x.file, x.staffLetter])).toEqual([
      ['cat_0000000000-17-022437/02-response.htm', 'cat_0000000000-17-022437/01-staff.txt'],
      ['cat_0000000000-17-022437/04-response.htm', 'cat_0000000000-17-022437/03-staff.txt'],
    ]);
    const later = rows[1].commitments[0];
    expect(later.comments).toEqual([1]);
    expect(later.target).toMatchObject({ kind: 'open', text: 'future filings' });
    expect(later.proposed.words).toBeGreaterThan(150);
  });

  it('writes one CSV row per commitment and a Markdown table per response', async () => {
    const dir = thread('cat_0000000000-17-022437');
    const csv = await run(['commitments', 'cat_0000000000-17-022437', '--format', 'csv'], dir);
    const lines = csv.stdout.split('\n');
    expect(lines[0]).toBe(
      'file,line,comments,target_kind,target_forms,target_period_end,target_text,target_inherited,proposed,proposed_words,action,conditional,hints,commitment',
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^cat_0000000000-17-022437\/02-response\.htm,\d+,3,filing,10-Q,2017-06-30,/);
    const md = await run(['commitments', 'cat_0000000000-17-022437', '--format', 'md'], dir);
    expect(md.stdout).toContain('| Line | Comment | Filing or period | Proposed text | Commitment |');
    expect(md.stdout).toContain('## cat_0000000000-17-022437/04-response.htm');
  });

  it('reads a draft’s staff letter from its front matter and shows the hints with their why', async () => {
    const dir = tempRepo();
    write(dir, 'mrsh/01-staff.txt', readFileSync(path.join(THREADS, 'mrsh_0000000000-23-002612/01-staff.txt')));
    write(
      dir,
      'mrsh/response.md',
      `---\ncorresp: response\nstaff-letter: ./01-staff.txt\n---\n\nMarch 30, 2023\n\nDear Ms. Blye:\n\n**1. Please revise future periodic filings to disclose the amount of underlying revenue. Please provide us your proposed disclosure.**\n\nResponse: The Company will expand its disclosure of underlying revenue.\n`,
    );
    const r = await run(['commitments', 'mrsh'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('mrsh/response.md (answers ./01-staff.txt): 1 commitment');
    expect(r.stdout).toContain('no filing or period named; no proposed text');
    expect(r.stdout).toContain('hint [commitment.no-target]');
    expect(r.stdout).toContain('hint [commitment.no-proposed-text]');
  });

  it('shows a hint under its own commitment only, though a filed letter holds every commitment on one line', async () => {
    // Lennar's April 2016 response is one line of EDGAR HTML: a promise to continue (no hint) and an open one (no-target).
    const dir = thread('len_0000000000-16-068040');
    const text = (await run(['commitments', 'len_0000000000-16-068040/04-response.htm'], dir)).stdout;
    expect(text.match(/hint \[commitment\.no-target\]/g)).toHaveLength(1);
    const [first, second] = text.split(/\n(?= {2}line )/).slice(1);
    expect(first).toContain('We will continue to disclose');
    expect(first).not.toContain('hint [');
    expect(second).toContain('To the extent the compensation expense');
    expect(second).toContain('hint [commitment.no-target]');
    const rows = JSON.parse((await run(['commitments', 'len_0000000000-16-068040/04-response.htm', '--format', 'json'], dir)).stdout);
    expect(rows[0].commitments.map((c: { line: number }) => c.line)).toEqual([14, 14]);
    expect(rows[0].commitments.map((c: { hints: string[] }) => c.hints)).toEqual([[], ['commitment.no-target']]);
    const csv = (await run(['commitments', 'len_0000000000-16-068040/04-response.htm', '--format', 'csv'], dir)).stdout.split('\n');
    expect(csv.slice(1).map((l) => l.includes('commitment.no-target'))).toEqual([false, true]);
  });

  it('pairs a response with the staff letter beside it when its name sorts first (response.htm, staff.txt)', async () => {
    const dir = tempRepo();
    const real = path.resolve(__dirname, '../../fixtures/real/afl-0000000000-16-080147');
    for (const name of ['response.htm', 'staff.txt']) write(dir, `afl/${name}`, readFileSync(path.join(real, name)));
    const rows = JSON.parse((await run(['commitments', 'afl', '--format', 'json'], dir)).stdout);
    expect(rows.map((x: { file: string; staffLetter: string }) => [x.file, x.staffLetter])).toEqual([['afl/response.htm', 'afl/staff.txt']]);
    // Read with the staff letter, each promise is under the comment it answers.
    expect(rows[0].commitments.map((c: { comments: number[] }) => c.comments)).toEqual([[1], [2], [2]]);
  });

  it('reads its workspace as check does: what .gitignore excludes is left out, and a glob selects filed letters too', async () => {
    const dir = thread('cat_0000000000-17-022437');
    cpSync(path.join(THREADS, 'cat_0000000000-17-022437'), path.join(dir, 'old', 'cat'), { recursive: true });
    write(dir, '.gitignore', 'old/\n');
    const rows = JSON.parse((await run(['commitments', '.', '--format', 'json'], dir)).stdout);
    expect(rows.map((x: { file: string }) => x.file)).toEqual(['cat_0000000000-17-022437/02-response.htm', 'cat_0000000000-17-022437/04-response.htm']);
    const glob = JSON.parse((await run(['commitments', 'cat_*/04-*.htm', '--format', 'json'], dir)).stdout);
    expect(glob.map((x: { file: string; staffLetter: string }) => [x.file, x.staffLetter])).toEqual([
      ['cat_0000000000-17-022437/04-response.htm', 'cat_0000000000-17-022437/03-staff.txt'],
    ]);
  });

  it('refuses an unknown format', async () => {
    const r = await run(['commitments', '.', '--format', 'xml'], tempRepo());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format must be one of text, json, csv, md/);
  });
});

describe('corresp verify', () => {
  /** The Caterpillar thread and a 10-K for 2017 that carries its August 2017 proposal, with that year’s numbers. */
  async function withFiling(): Promise<string> {
    const dir = thread('cat_0000000000-17-022437');
    const proposal = JSON.parse((await run(['commitments', 'cat_0000000000-17-022437/04-response.htm', '--format', 'json'], dir)).stdout)[0].commitments[0]
      .proposed.text as string;
    const { html } = buildFiling({
      pages: 30,
      period: 'December 31, 2017',
      insert: [{ item: '7', paragraphs: proposal.split('\n\n').map((p: string) => renumber(p.replace(/^“|”$/g, ''))) }],
      exclude: [proposal],
    });
    write(dir, 'cat-10k-2017.htm', html);
    return dir;
  }

  it('says which commitments the filing keeps, where, and which it does not (exit 1)', async () => {
    const dir = await withFiling();
    const r = await run(['verify', 'cat-10k-2017.htm', '--commitments', 'cat_0000000000-17-022437'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^cat-10k-2017\.htm: Form 10-K, for the period ended 2017-12-31, \d+ pages/);
    expect(r.stdout).toMatch(/FOUND {2}cat_0000000000-17-022437\/04-response\.htm:\d+ \(comment 1\): We note the Staff’s comment/);
    expect(r.stdout).toMatch(/found at page \d+, line \d+, under “Item 7\. Management’s Discussion/);
    expect(r.stdout).toMatch(/NOT FOUND {2}cat_0000000000-17-022437\/02-response\.htm:\d+ \(comment 4\)/);
    expect(r.stdout).toContain('"Not found" is a lead for a person to check, not proof');
  });

  it('writes JSON, and takes the form and period from the command line when asked', async () => {
    const dir = await withFiling();
    const r = await run(['verify', 'cat-10k-2017.htm', '--commitments', 'cat_0000000000-17-022437/04-response.htm', '--format', 'json'], dir);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.filing).toMatchObject({ form: '10-K', periodEnd: '2017-12-31' });
    expect(out.commitments[0]).toMatchObject({ applies: true, status: 'found', method: 'proposed-text', comments: [1] });
    const quarter = await run(
      [
        'verify',
        'cat-10k-2017.htm',
        '--commitments',
        'cat_0000000000-17-022437/02-response.htm',
        '--form',
        '10-Q',
        '--period',
        '2017-03-31',
        '--format',
        'json',
      ],
      dir,
    );
    // The 2017 10-Q for March was filed before this August 2017 response: no commitment is aimed at it.
    expect(JSON.parse(quarter.stdout).commitments.every((c: { applies: boolean }) => !c.applies)).toBe(true);
    expect(quarter.code).toBe(0);
  });

  it('refuses a missing filing and a period that is not a date (exit 2)', async () => {
    const dir = tempRepo();
    expect((await run(['verify'], dir)).code).toBe(2);
    expect((await run(['verify', 'none.htm'], dir)).stderr).toMatch(/none\.htm: /);
    write(dir, 'f.htm', '<html><body><p>FORM 10-K</p></body></html>');
    const bad = await run(['verify', 'f.htm', '--period', 'March 2025'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--period must be a date written yyyy-mm-dd/);
  });
});
