/**
 * The pre-filing gate on real staff letters (test/fixtures/threads: Caterpillar 2017, Chubb 2016, which asks for the
 * "Tandy" acknowledgment, and Hilton 2024): every unfinished draft fails `corresp check` and `corresp export` with
 * the right code at the right line; every finished one, and each company's response as filed, passes both.
 */
import { readFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, run, tempRepo } from '../cli/helpers';
import { responseSkeleton } from '../../../server/src/features/newResponse';
import { readLetterText, staffLetterOf } from '../../../server/src/letters/read';

const THREADS = path.join(ROOT, 'test/fixtures/threads');
/** The gate's letters by short name: each thread's staff letter and the response filed to it (test/fixtures/threads). */
const FILES: Readonly<Record<string, string>> = {
  'cat-staff.txt': 'cat_0000000000-17-022437/01-staff.txt',
  'cat-response.htm': 'cat_0000000000-17-022437/02-response.htm',
  'cb-staff.txt': 'cb_0000000000-16-084378/01-staff.txt',
  'cb-response.htm': 'cb_0000000000-16-084378/02-response.htm',
  'hlt-staff.txt': 'hlt_0000000000-24-006691/01-staff.txt',
  'hlt-response.htm': 'hlt_0000000000-24-006691/02-response.htm',
};
const fixture = (name: string) => readFileSync(path.join(THREADS, FILES[name]!), 'utf8');

interface Letter {
  readonly name: string;
  /** A day before the response is due, so that no due-date finding interferes. */
  readonly today: string;
  readonly comments: number;
  readonly tandy: boolean;
}
const LETTERS: readonly Letter[] = [
  { name: 'cat', today: '2017-07-01', comments: 5, tandy: false },
  { name: 'cb', today: '2015-12-01', comments: 2, tandy: true },
  { name: 'hlt', today: '2024-06-12', comments: 4, tandy: false },
];

const ANSWER =
  'The Company respectfully advises the Staff that it has reviewed the matter the comment raises with its auditors and its audit committee. Revenues were $412.5 million in the period, and the Company will expand the disclosure in its next Form 10-K.';

/** A skeleton as `corresp new` writes it, every blank filled and every comment answered. */
function finished(letter: Letter): string {
  const staff = staffLetterOf(readLetterText(`${letter.name}-staff.txt`, fixture(`${letter.name}-staff.txt`)));
  expect(staff.comments).toHaveLength(letter.comments);
  expect(staff.asksAcknowledgment === true).toBe(letter.tandy);
  return responseSkeleton(staff, { staffLetterPath: `./${letter.name}-staff.txt` })
    .replace('[Date]', 'July 21, 2017')
    .replace(/^Dear .*:$/m, 'Dear Mr. Cascio:')
    .replace('[Name] at [telephone] or [email]', 'Jane Doe at (309) 675-1000 or jdoe@example.com')
    .replace('/s/ [Name]\\\n[Name]\\\n[Title]', '/s/ Jane Doe\\\nJane Doe\\\nChief Financial Officer')
    .replace(/\[Company\]/g, 'The Company')
    .replace(/Response: \[Response\]/g, `Response: ${ANSWER}`);
}

/** The n-th (1-based) answer replaced by `text` (a whole "Response: …" paragraph, or '' to leave nothing). */
function answer(draft: string, n: number, text: string): string {
  let i = 0;
  return draft.replace(new RegExp(`Response: ${ANSWER.replace(/[.$()]/g, '\\$&')}`, 'g'), (m) => (++i === n ? text : m));
}

function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  expect(at, needle).toBeGreaterThanOrEqual(0);
  return text.slice(0, at).split('\n').length;
}

interface Outcome {
  readonly check: Awaited<ReturnType<typeof run>>;
  readonly exported: Awaited<ReturnType<typeof run>>;
  readonly written: boolean;
}

async function gate(letter: Letter, draft: string, extra: Record<string, string> = {}): Promise<Outcome> {
  const dir = tempRepo({ [`${letter.name}-staff.txt`]: fixture(`${letter.name}-staff.txt`), 'draft.md': draft, ...extra });
  const check = await run(['check', 'draft.md', '--today', letter.today], dir);
  const exported = await run(['export', 'draft.md', '-o', 'letter.htm', '--today', letter.today], dir);
  return { check, exported, written: existsSync(path.join(dir, 'letter.htm')) };
}

/** The draft fails check and export, and both name `code` at `line`. */
function expectRefused(o: Outcome, code: string, line: number): void {
  expect(o.check.code, o.check.stdout).toBe(1);
  expect(o.check.stdout).toMatch(new RegExp(`^draft\\.md:${line}:\\d+ \\w+ .*\\[${code.replace('.', '\\.')}\\]$`, 'm'));
  expect(o.exported.code, o.exported.stderr).toBe(1);
  expect(o.written).toBe(false);
  expect(o.exported.stderr).toMatch(new RegExp(`^draft\\.md:${line}:\\d+ \\w+ .*\\[${code.replace('.', '\\.')}\\]$`, 'm'));
  expect(o.exported.stderr).toMatch(/not ready to file .* nothing was exported/);
  expect(o.exported.stderr).toMatch(/Before filing:(\n {2}.*)*\n {2}✗ /);
}

const PLACEHOLDERS = [
  'TBD – awaiting finance team input.',
  'TODO: draft',
  '[NTD: confirm with auditors before filing]',
  'Response to follow.',
  'Company to provide.',
  '(to be provided)',
  '[Response to be provided]',
  'XX',
  '[Response]',
  'TBD',
  '[●]',
];

describe.each(LETTERS)('the pre-filing gate on the $name staff letter', (letter) => {
  it('a finished draft passes check and export, with a checklist of ticks', async () => {
    const o = await gate(letter, finished(letter));
    expect(o.check.code, o.check.stdout).toBe(0);
    expect(o.check.stdout).toContain(`${letter.comments} of ${letter.comments} comments answered`);
    expect(o.exported.code, o.exported.stderr).toBe(0);
    expect(o.written).toBe(true);
    expect(o.exported.stderr).toMatch(
      /Before filing:\n {2}✓ comments answered: (\d) of \1\n {2}✓ repeated comments match the staff's words\n {2}✓ no blanks left to fill/,
    );
  });

  it('the response the company filed passes check and export once imported', async () => {
    const dir = tempRepo({ [`${letter.name}-staff.txt`]: fixture(`${letter.name}-staff.txt`), 'filed.htm': fixture(`${letter.name}-response.htm`) });
    expect((await run(['import', 'filed.htm', '-o', 'draft.md', '--staff', `${letter.name}-staff.txt`], dir)).code).toBe(0);
    const check = await run(['check', 'draft.md', '--today', letter.today], dir);
    expect(check.code, check.stdout).toBe(0);
    const exported = await run(['export', 'draft.md', '-o', 'letter.htm', '--today', letter.today], dir);
    expect(exported.code, exported.stderr).toBe(0);
  });

  for (const text of PLACEHOLDERS) {
    it(`“${text}” is not an answer`, async () => {
      const draft = answer(finished(letter), 2, `Response: ${text}`);
      const o = await gate(letter, draft);
      expectRefused(o, 'response.placeholder', lineOf(draft, `Response: ${text}`));
      expect(o.check.stdout).toMatch(/placeholder only: 2\b/);
    });
  }

  it('a comment with nothing after it has no response (not “only a placeholder”)', async () => {
    const full = finished(letter);
    const draft = answer(full, 2, '');
    const o = await gate(letter, draft);
    // At the end of the repeated comment: the last line before the blank line where the answer was.
    const second = full.indexOf(`Response: ${ANSWER}`, full.indexOf(`Response: ${ANSWER}`) + 1);
    expectRefused(o, 'response.empty', full.slice(0, second).split('\n').length - 2);
    expect(o.check.stdout).toMatch(/Comment 2 has no response/);
    expect(o.check.stdout).not.toMatch(/comment 2 is only a placeholder/);
  });

  it('a comment cut from the draft is missing, where its answer belongs', async () => {
    const full = finished(letter);
    const start = full.indexOf('**2. ');
    const end = full.indexOf(`Response: ${ANSWER}`, start) + `Response: ${ANSWER}`.length;
    const draft = full.slice(0, start) + full.slice(end + 2);
    const o = await gate(letter, draft);
    expect(o.check.stdout).toMatch(/\[comment\.missing\]/);
    expectRefused(o, 'comment.missing', Number(/^draft\.md:(\d+):\d+ error Comment 2 is not answered/m.exec(o.check.stdout)?.[1]));
    const line = Number(/^draft\.md:(\d+):\d+ error Comment 2 is not answered/m.exec(o.check.stdout)?.[1]);
    // After comment 1's answer, before comment 3's repeated words.
    expect(line).toBeGreaterThan(lineOf(draft, '**1. '));
    expect(line).toBeLessThanOrEqual(lineOf(draft, draft.includes('**3. ') ? '**3. ' : '* * *'));
  });

  it('a blank in the company’s own words fails; a figure left open in proposed disclosure and a Rule 83 mark do not', async () => {
    const open = answer(
      finished(letter),
      1,
      'Response: Revenues of [●] million were earned in Syria and Sudan in the period, which the Company does not consider material.',
    );
    expectRefused(await gate(letter, open), 'response.blank', lineOf(open, 'Revenues of [●]'));

    const proposed = answer(
      finished(letter),
      1,
      'Response: The Company will revise its disclosure in future filings as follows:\n\n> Revenues from these arrangements were $[•] million for the year ended December 31, 20[•].\n\nThe Company also advises the Staff that the amounts for [***] are provided supplementally.',
    );
    const o = await gate(letter, proposed);
    expect(o.check.code, o.check.stdout).toBe(0);
    expect(o.exported.code, o.exported.stderr).toBe(0);
  });

  for (const [blank, replace] of [
    ['[Date]', (d: string) => d.replace('July 21, 2017', '[Date]')],
    ['[Name]', (d: string) => d.replace('Dear Mr. Cascio:', 'Dear [Name]:')],
    ['[Title]', (d: string) => d.replace('Chief Financial Officer', '[Title]')],
    ['[telephone]', (d: string) => d.replace('(309) 675-1000', '[telephone]')],
    ['[email]', (d: string) => d.replace('jdoe@example.com', '[email]')],
    ['/s/ [Name]', (d: string) => d.replace('/s/ Jane Doe', '/s/ [Name]')],
  ] as const) {
    it(`the skeleton's ${blank} left in the letter fails`, async () => {
      const draft = replace(finished(letter));
      expectRefused(await gate(letter, draft), 'draft.skeleton-blank', lineOf(draft, blank));
    });
  }

  it('a draft whose staff-letter line was deleted fails check and export', async () => {
    const draft = finished(letter).replace(/^staff-letter: .*\n/m, '');
    const o = await gate(letter, draft);
    expect(o.check.code).toBe(1);
    expect(o.check.stdout).toMatch(/\[staff-letter\.not-named\]/);
    expect(o.exported.code).toBe(1);
    expect(o.written).toBe(false);
  });

  it('a staff letter named in the wrong letter case: exit 2 and “did you mean”; Windows separators work', async () => {
    const upper = finished(letter).replace(`./${letter.name}-staff.txt`, `./${letter.name.toUpperCase()}-staff.txt`);
    const dir = tempRepo({ [`${letter.name}-staff.txt`]: fixture(`${letter.name}-staff.txt`), 'draft.md': upper });
    const o = await run(['check', 'draft.md', '--today', letter.today], dir);
    expect(o.code).toBe(2);
    expect(o.stdout).toContain(`did you mean ./${letter.name}-staff.txt?`);

    const windows = finished(letter).replace(`"./${letter.name}-staff.txt"`, `'.\\${letter.name}-staff.txt'`);
    expect(windows).toContain('.\\');
    const ok = await gate(letter, windows);
    expect(ok.check.code, ok.check.stdout).toBe(0);
  });

  it(
    letter.tandy
      ? 'the acknowledgment the staff asks for is in the skeleton, and its absence fails'
      : 'an acknowledgment the staff did not ask for is a hint, nothing more',
    async () => {
      if (letter.tandy) {
        const full = finished(letter);
        expect(full).toContain('do not foreclose the Commission');
        const draft = full.replace(/\nIn connection with responding[\s\S]*?United States\.\n/, '\n');
        expect(draft).not.toContain('foreclose');
        const o = await gate(letter, draft);
        expect(o.check.code).toBe(1);
        expect(o.check.stdout).toMatch(/\[response\.acknowledgment-missing\]/);
        expect(o.exported.code).toBe(1);
      } else {
        const draft = finished(letter).replace(
          '* * *',
          'The Company acknowledges that staff comments or changes to disclosure in response to staff comments do not foreclose the Commission from taking any action with respect to the filing.\n\n* * *',
        );
        const o = await gate(letter, draft);
        expect(o.check.code, o.check.stdout).toBe(0);
      }
    },
  );
});

describe('wrong roles', () => {
  const letter = LETTERS[0]!;
  it('check on a staff letter suggests corresp new; --staff the same letter does not count its boilerplate', async () => {
    const dir = tempRepo({ 'staff.txt': fixture('cat-staff.txt') });
    const alone = await run(['check', 'staff.txt'], dir);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('corresp new staff.txt');
    const itself = await run(['check', 'staff.txt', '--staff', 'staff.txt'], dir);
    expect(itself.code).toBe(2);
    expect(itself.stderr).toContain('corresp new staff.txt');
    expect(itself.stdout).not.toMatch(/answered/);
    // A filed response that repeats the comments is still its own staff letter when the real one is lost.
    const filed = tempRepo({ 'response.htm': fixture('cat-response.htm') });
    const own = await run(['check', 'response.htm', '--staff', 'response.htm'], filed);
    expect(own.code, own.stderr).not.toBe(2);
    expect(own.stdout).toMatch(/5 of 5 comments answered/);
  });

  it('new refuses a response draft as the staff letter', async () => {
    const dir = tempRepo({ 'cat-staff.txt': fixture('cat-staff.txt'), 'draft.md': finished(letter) });
    const o = await run(['new', 'draft.md', '-o', 'again.md'], dir);
    expect(o.code).toBe(2);
    expect(o.stderr).toMatch(/draft\.md: this is a response draft, not a staff letter \(it answers \.\/cat-staff\.txt\)/);
    expect(existsSync(path.join(dir, 'again.md'))).toBe(false);
  });

  it('export --allow-incomplete writes the letter and says how many items are open', async () => {
    const draft = answer(finished(letter), 2, 'Response: TODO: draft');
    const dir = tempRepo({ 'cat-staff.txt': fixture('cat-staff.txt'), 'draft.md': draft });
    const o = await run(['export', 'draft.md', '-o', 'letter.htm', '--allow-incomplete', '--today', letter.today], dir);
    expect(o.code).toBe(0);
    expect(existsSync(path.join(dir, 'letter.htm'))).toBe(true);
    expect(o.stderr).toMatch(/letter\.htm: exported EDGAR HTML with 1 open item \(--allow-incomplete\)/);
    expect(o.stderr).toMatch(/✗ comments answered: 4 of 5/);
  });
});

describe('deliberate deviations', () => {
  const letter = LETTERS[0]!;
  const drifted = (d: string) => d.replace('approximately $5.2 billion', 'about $5.2 billion');
  it('a drifted word is underlined where it differs, not the whole paragraph', async () => {
    const draft = drifted(finished(letter));
    const dir = tempRepo({ 'cat-staff.txt': fixture('cat-staff.txt'), 'draft.md': draft });
    const o = await run(['check', 'draft.md', '--today', letter.today, '--format', 'json'], dir);
    const drift = JSON.parse(o.stdout).diagnostics.find((d: { code: string }) => d.code === 'quote.drift');
    const line = draft.split('\n')[drift.line - 1]!;
    expect(line.slice(drift.column - 1, drift.column - 1 + 'about'.length)).toBe('about');
  });

  it('<!-- corresp-ignore quote.drift --> above the paragraph accepts it; other codes are still reported', async () => {
    const draft = drifted(finished(letter)).replace('**3. You disclose', '<!-- corresp-ignore quote.drift -->\n**3. You disclose');
    const dir = tempRepo({ 'cat-staff.txt': fixture('cat-staff.txt'), 'draft.md': draft });
    const o = await run(['check', 'draft.md', '--today', letter.today, '--max-warnings', '0'], dir);
    expect(o.stdout).not.toMatch(/quote\.drift/);
    expect(o.code, o.stdout).toBe(0);
    const other = draft.replace('<!-- corresp-ignore quote.drift -->', '<!-- corresp-ignore citation -->');
    const dir2 = tempRepo({ 'cat-staff.txt': fixture('cat-staff.txt'), 'draft.md': other });
    expect((await run(['check', 'draft.md', '--today', letter.today], dir2)).stdout).toMatch(/quote\.drift/);
  });

  it('“[sic]” after a word kept or corrected on purpose is no drift', async () => {
    const draft = finished(letter)
      .replace('approximately $5.2 billion', 'approximately [sic] $5.2 billion')
      .replace('You also indicate', 'You also indicates [sic]');
    const dir = tempRepo({ 'cat-staff.txt': fixture('cat-staff.txt'), 'draft.md': draft });
    const o = await run(['check', 'draft.md', '--today', letter.today], dir);
    expect(o.stdout).not.toMatch(/quote\.drift/);
  });
});

describe('one letter, one thread', () => {
  const letter = LETTERS[0]!;
  it('two drafts of one staff letter: a warning in check, one line in the report, counted once', async () => {
    const dir = tempRepo({ 'cat-staff.txt': fixture('cat-staff.txt'), 'a.md': finished(letter), 'b.md': answer(finished(letter), 2, 'Response: TODO') });
    const check = await run(['check', '.', '--today', letter.today], dir);
    expect(check.stdout).toMatch(/^a\.md:1:1 warning b\.md also answers \.\/cat-staff\.txt: keep one draft per staff letter\. \[draft\.duplicate-response\]$/m);
    expect(check.code).toBe(1);
    const md = (await run(['report', '.', '--format', 'md', '--today', letter.today], dir)).stdout;
    expect(md).toContain('| Response drafts | 1 |');
    expect(md).toContain('| Comments | 5 of 5 answered (100%) |');
    expect(md.match(/another draft of the same letter \(a\.md\)/g)).toHaveLength(1);
  });

  it('a draft named alone is told of the other draft beside it (as the editor tells it); with --staff, a draft naming another letter is not one', async () => {
    const other = finished(letter).replace('./cat-staff.txt', './other-staff.txt');
    const dir = tempRepo({
      'cat-staff.txt': fixture('cat-staff.txt'),
      'other-staff.txt': fixture('cat-staff.txt'),
      'a.md': finished(letter),
      'b.md': finished(letter),
      'c.md': other,
    });
    const alone = await run(['check', 'a.md', '--today', letter.today], dir);
    expect(alone.stdout).toMatch(/^a\.md:1:1 warning b\.md also answers \.\/cat-staff\.txt: keep one draft per staff letter\. \[draft\.duplicate-response\]$/m);
    // --staff says which letter the drafts named answer; b.md, found beside them, keeps the one it names (not that one),
    // and c.md, which names it too, is the other draft.
    const given = await run(['check', 'a.md', '--staff', 'other-staff.txt', '--today', letter.today], dir);
    expect(given.stdout).toMatch(/^a\.md:1:1 warning c\.md also answers other-staff\.txt: keep one draft per staff letter\. \[draft\.duplicate-response\]$/m);
    const both = await run(['check', 'a.md', 'b.md', '--staff', 'other-staff.txt', '--today', letter.today], dir);
    expect(both.stdout).toMatch(
      /^a\.md:1:1 warning b\.md, c\.md also answer other-staff\.txt: keep one draft per staff letter\. \[draft\.duplicate-response\]$/m,
    );
  });

  it('a staff letter and the Markdown imported from it (source:) are one letter', async () => {
    const dir = tempRepo({ 'cat-staff.txt': fixture('cat-staff.txt') });
    expect((await run(['import', 'cat-staff.txt', '-o', 'staff.md'], dir)).code).toBe(0);
    const draft = finished(letter).replace('./cat-staff.txt', './staff.md');
    const dir2 = tempRepo({ 'cat-staff.txt': fixture('cat-staff.txt'), 'staff.md': readFileSync(path.join(dir, 'staff.md'), 'utf8'), 'draft.md': draft });
    const md = (await run(['report', '.', '--format', 'md', '--today', letter.today], dir2)).stdout;
    expect(md).toContain('| Threads | 1 |');
    expect(md).toContain('| Staff letters | 1 |');
  });
});
