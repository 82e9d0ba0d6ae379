import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ANSWERS, COMMENTS, copyExamples, draft, run, staffLetter, tempRepo, thread, withoutCitations, write } from './helpers';

const EXAMPLE = 'examples/response-2017-08-16.md';

/**
 * The example thread's findings on August 25, 2017 (before its due date), in the text format, but for the citation
 * finding on line 34 (its wording belongs to the citations layer): see `withoutCitations`.
 */
const EXAMPLE_LINES = [
  `${EXAMPLE}:1:1 information 3 of 5 staff comments answered; missing: 4; placeholder only: 3. [coverage.summary]`,
  `${EXAMPLE}:36:128 warning The repeated comment 2 differs from the staff's words: “receivable” for “receivables”. [quote.drift]`,
  `${EXAMPLE}:44:11 warning The response to comment 3 is only a placeholder. [response.placeholder]`,
  `${EXAMPLE}:44:15 error Comment 4 is not answered (Discussion of Non-GAAP Financial Measures, page 5): We note your response to prior comment 3. Please ensure in your future earnings releases… [comment.missing]`,
  `${EXAMPLE}:60:173 warning A blank is left to fill: [●] [response.blank]`,
  `${EXAMPLE}: 3 of 5 comments answered, placeholder only: 3, missing: 4 (staff letter: ./staff-letter-2017-08-16.md)`,
];

function examplesRepo(): string {
  const dir = tempRepo();
  copyExamples(dir, 'examples');
  return dir;
}

describe('corresp check: one file (today’s behaviour kept)', () => {
  it('prints file:line:col severity message [code] and a summary, exit 1 with a comment missing', async () => {
    const r = await run(['check', EXAMPLE], examplesRepo());
    expect(withoutCitations(r.out)).toEqual(EXAMPLE_LINES);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(1);
  });

  it('keeps the single-file JSON object shape', async () => {
    const r = await run(['check', EXAMPLE, '--format', 'json'], examplesRepo());
    const json = JSON.parse(r.stdout);
    expect(Array.isArray(json)).toBe(false);
    expect(Object.keys(json)).toEqual(['file', 'staffLetter', 'comments', 'diagnostics']);
    expect(json.file).toBe(EXAMPLE);
    expect(json.staffLetter).toBe('./staff-letter-2017-08-16.md');
    expect(json.comments.map(({ caption: _c, text: _t, ...rest }: Record<string, unknown>) => rest)).toEqual([
      { number: 1, status: 'answered', line: 30 },
      { number: 2, status: 'answered', line: 36 },
      { number: 3, status: 'placeholder', line: 42 },
      { number: 4, status: 'missing' },
      { number: 5, status: 'answered', line: 52 },
    ]);
    // Each comment carries its caption path and the staff's words.
    expect(json.comments[3].caption).toEqual(['Item 3. Key Information', 'Discussion of Non-GAAP Financial Measures, page 5']);
    expect(json.comments[3].text).toMatch(/^We note your response to prior comment 3\. Please ensure/);
    for (const d of json.diagnostics) expect(Object.keys(d)).toEqual(['code', 'severity', 'message', 'line', 'column']);
    expect(json.diagnostics.map((d: { code: string }) => d.code)).toEqual([
      'coverage.summary',
      'citation.superseded', // ASC 605-10-S99-1
      'quote.drift',
      'response.placeholder',
      'comment.missing',
      'response.blank',
    ]);
    expect(r.code).toBe(1);
  });

  it('reports the overdue response after the due date (ten business days)', async () => {
    const r = await run(['check', EXAMPLE, '--format', 'json'], examplesRepo(), '2017-09-05');
    const overdue = JSON.parse(r.stdout).diagnostics.find((d: { code: string }) => d.code === 'response.overdue');
    expect(overdue).toEqual({
      code: 'response.overdue',
      severity: 'warning',
      message: 'The response was due August 30, 2017 (10 business days after the August 16, 2017 letter); ask the staff for more time if it is not sent.',
      line: 1,
      column: 1,
    });
    // --today overrides the Io's today.
    const early = await run(['check', EXAMPLE, '--format', 'json', '--today', '2017-08-20'], examplesRepo(), '2017-09-05');
    expect(JSON.parse(early.stdout).diagnostics.some((d: { code: string }) => d.code === 'response.overdue')).toBe(false);
  });

  it('exits 0 when every comment is answered and nothing is an error', async () => {
    const dir = tempRepo();
    thread(dir, 't');
    const r = await run(['check', 't/response.md'], dir, '2024-05-02');
    expect(r.out).toEqual([
      't/response.md:1:1 information 3 of 3 staff comments answered. [coverage.summary]',
      't/response.md: 3 of 3 comments answered (staff letter: ./staff-letter.md)',
    ]);
    expect(r.code).toBe(0);
  });

  it('checks a staff letter named on its own with the staff-letter diagnostics', async () => {
    const r = await run(['check', 'examples/staff-letter-2017-08-16.md'], examplesRepo());
    expect(r.out).toEqual(['examples/staff-letter-2017-08-16.md: staff letter with 5 comments (checked on its own; drafts are checked against it)']);
    expect(r.code).toBe(0);
  });

  it('takes the staff letter from --staff for a plain text response', async () => {
    const dir = examplesRepo();
    write(dir, 'plain.txt', 'Response letter\n\n1. We note your response.\n\nResponse: TODO\n');
    const r = await run(['check', 'plain.txt', '--staff', 'examples/staff-letter-2017-08-16.txt', '--format', 'json'], dir);
    const json = JSON.parse(r.stdout);
    expect(json.staffLetter).toBe('examples/staff-letter-2017-08-16.txt');
    expect(json.comments.map((c: { number: number }) => c.number)).toEqual([1, 2, 3, 4, 5]);
    expect(r.code).toBe(1);
  });
});

describe('corresp check: exit 2 with one line naming the file', () => {
  it('for a file that does not exist', async () => {
    const r = await run(['check', 'nope.md'], tempRepo());
    expect(r.code).toBe(2);
    expect(r.err).toEqual(['corresp: nope.md: no such file']);
    expect(r.out).toEqual([]);
  });

  it('for a binary file', async () => {
    const dir = tempRepo();
    write(dir, 'bin.md', new Uint8Array([0x50, 0x4b, 0, 0, 1, 2, 0, 0, 0, 3]));
    const r = await run(['check', 'bin.md'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toEqual(['corresp: bin.md: a binary file, not a letter']);
  });

  it('for a file named on the command line that has no staff letter', async () => {
    const dir = tempRepo({ 'notes.txt': 'Some notes about the filing.\n' });
    const r = await run(['check', 'notes.txt'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toEqual(['corresp: notes.txt: no staff letter: name it in the front matter (staff-letter: path) or pass --staff <file>']);
  });

  it('for a draft found in a folder that cannot be read whole', async () => {
    const dir = tempRepo();
    thread(dir, 't');
    // Its front matter says it is a draft, but it is too large to analyse.
    write(dir, 't/huge.md', `---\ncorresp: response\nstaff-letter: ./staff-letter.md\n---\n\n${'word '.repeat(1_800_000)}\n`);
    const r = await run(['check', '.'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toEqual(['corresp: t/huge.md: too large to analyse (8.6 MB; the limit is 8 MB)']);
    expect(r.out).toEqual([]);
  });

  it('for no paths, a bad format or a bad --max-warnings', async () => {
    const dir = examplesRepo();
    expect((await run(['check'], dir)).code).toBe(2);
    const format = await run(['check', EXAMPLE, '--format', 'xml'], dir);
    expect(format.code).toBe(2);
    expect(format.err).toEqual(['corresp: --format must be one of text, json, sarif, github (got “xml”)']);
    const max = await run(['check', EXAMPLE, '--max-warnings', 'many'], dir);
    expect(max.code).toBe(2);
    expect(max.err).toEqual(['corresp: --max-warnings must be a whole number, 0 or more (got “many”)']);
  });
});

describe('corresp check --max-warnings', () => {
  // A complete thread whose draft changes a word of comment 2 as it repeats it: one quote.drift warning.
  function drifting(): string {
    const dir = tempRepo();
    thread(dir, 't');
    const drifted = COMMENTS.map((c, i) => (i === 1 ? { ...c, text: c.text.replace('gross margin', 'gross profit') } : c));
    write(dir, 't/response.md', draft({ staff: './staff-letter.md', comments: drifted, answers: ANSWERS }));
    return dir;
  }

  it('passes while the warnings are within N and fails above it', async () => {
    const dir = drifting();
    const plain = await run(['check', '.', '--format', 'json'], dir, '2024-05-02');
    const warnings = JSON.parse(plain.stdout)[0].diagnostics.filter((d: { severity: string }) => d.severity === 'warning');
    expect(warnings.map((d: { code: string }) => d.code)).toEqual(['quote.drift']);
    expect(plain.code).toBe(0);
    expect((await run(['check', '.', '--max-warnings', '1'], dir, '2024-05-02')).code).toBe(0);
    const over = await run(['check', '.', '--max-warnings', '0'], dir, '2024-05-02');
    expect(over.code).toBe(1);
    expect(over.err).toEqual(['corresp: 1 warning, more than --max-warnings 0']);
  });

  it('counts warnings across every file checked', async () => {
    const dir = drifting();
    thread(dir, 'second', { company: 'Other Co.' });
    write(
      dir,
      'second/response.md',
      draft({
        staff: './staff-letter.md',
        comments: COMMENTS.map((c, i) => (i === 0 ? { ...c, text: c.text.replace('bundled', 'packaged') } : c)),
        answers: ANSWERS,
      }),
    );
    expect((await run(['check', '.', '--max-warnings', '1'], dir, '2024-05-02')).code).toBe(1);
    expect((await run(['check', '.', '--max-warnings', '2'], dir, '2024-05-02')).code).toBe(0);
  });
});

describe('corresp check on folders and globs', () => {
  function repository(): string {
    const dir = tempRepo({
      '.gitignore': 'scratch/\n*.tmp.md\n',
      'README.md': '# Letters\n\nThe team’s comment letters.\n',
      'notes/plain.md': '---\ntitle: not a letter\n---\n\nMeeting notes.\n',
    });
    thread(dir, 'acme/2024-05');
    thread(dir, 'globex/nested/deeper', { company: 'Globex Corp.', answers: [ANSWERS[0], 'TODO', undefined] });
    thread(dir, 'scratch', { company: 'Ignored Co.' });
    thread(dir, 'acme/2024-05', { draftName: 'old.tmp.md' });
    return dir;
  }

  it('checks every response draft under a folder, honouring .gitignore, skipping other Markdown and staff letters', async () => {
    const r = await run(['check', '.', '--format', 'json'], repository(), '2024-05-02');
    const json = JSON.parse(r.stdout);
    expect(json.map((f: { file: string }) => f.file)).toEqual(['acme/2024-05/response.md', 'globex/nested/deeper/response.md']);
    expect(json[1].comments.map((c: { status: string }) => c.status)).toEqual(['answered', 'placeholder', 'missing']);
    expect(r.code).toBe(1);
  });

  it('prints a line per finding, a summary per file and a total', async () => {
    const r = await run(['check', '.'], repository(), '2024-05-02');
    expect(r.out.slice(-3)).toEqual([
      'acme/2024-05/response.md: 3 of 3 comments answered (staff letter: ./staff-letter.md)',
      'globex/nested/deeper/response.md: 1 of 3 comments answered, placeholder only: 2, missing: 3 (staff letter: ./staff-letter.md)',
      '2 files: 4 of 6 comments answered; 1 error, 1 warning',
    ]);
    expect(r.out).toContain('globex/nested/deeper/response.md:18:11 warning The response to comment 2 is only a placeholder. [response.placeholder]');
  });

  it('honours .gitignore files in sub-folders and negations, and .git/info/exclude', async () => {
    const dir = repository();
    write(dir, 'globex/.gitignore', 'nested/\n');
    write(dir, '.git/info/exclude', 'acme/\n');
    let r = await run(['check', '.', '--format', 'json'], dir, '2024-05-02');
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(r.code).toBe(0);
    write(dir, '.gitignore', 'scratch/*\n!scratch/response.md\n');
    r = await run(['check', '.', '--format', 'json'], dir, '2024-05-02');
    expect(JSON.parse(r.stdout).map((f: { file: string }) => f.file)).toEqual(['scratch/response.md']);
  });

  it('reads .gitignore files above a sub-folder it is given, up to the repository root', async () => {
    const dir = repository();
    write(dir, '.gitignore', 'deeper/\n');
    const r = await run(['check', 'globex/nested', '--format', 'json'], dir, '2024-05-02');
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(r.err).toEqual(['globex/nested: no Corresp response drafts here (Markdown files whose front matter has staff-letter: or corresp: response)']);
  });

  it('always checks a file named on the command line, even an ignored one', async () => {
    const r = await run(['check', 'scratch/response.md', '--format', 'json'], repository(), '2024-05-02');
    expect(JSON.parse(r.stdout).file).toBe('scratch/response.md');
  });

  it('gives a JSON array for a folder even when it holds one draft, and for several files', async () => {
    const dir = repository();
    const folder = JSON.parse((await run(['check', 'acme', '--format', 'json'], dir, '2024-05-02')).stdout);
    expect(Array.isArray(folder)).toBe(true);
    expect(folder.map((f: { file: string }) => f.file)).toEqual(['acme/2024-05/response.md']);
    const two = JSON.parse(
      (await run(['check', 'acme/2024-05/response.md', 'globex/nested/deeper/response.md', '--format', 'json'], dir, '2024-05-02')).stdout,
    );
    expect(two.map((f: { file: string }) => f.file)).toEqual(['acme/2024-05/response.md', 'globex/nested/deeper/response.md']);
  });

  it('checks a file once when it is named and also found in a folder', async () => {
    const dir = repository();
    const r = JSON.parse((await run(['check', 'acme/2024-05/response.md', '.', '--format', 'json'], dir, '2024-05-02')).stdout);
    expect(r.map((f: { file: string }) => f.file)).toEqual(['acme/2024-05/response.md', 'globex/nested/deeper/response.md']);
  });

  it('expands globs (quoted, so the shell leaves them) among drafts, honouring .gitignore', async () => {
    const dir = repository();
    const deep = JSON.parse((await run(['check', '**/response.md', '--format', 'json'], dir, '2024-05-02')).stdout);
    expect(deep.map((f: { file: string }) => f.file)).toEqual(['acme/2024-05/response.md', 'globex/nested/deeper/response.md']);
    const one = JSON.parse((await run(['check', 'acme/*/*.md', '--format', 'json'], dir, '2024-05-02')).stdout);
    expect(one.map((f: { file: string }) => f.file)).toEqual(['acme/2024-05/response.md']);
    const braces = JSON.parse((await run(['check', '{acme,globex}/**/respon?e.md', '--format', 'json'], dir, '2024-05-02')).stdout);
    expect(braces).toHaveLength(2);
    const shallow = await run(['check', 'globex/*/response.md', '--format', 'json'], dir, '2024-05-02');
    expect(JSON.parse(shallow.stdout)).toEqual([]);
    expect(shallow.err).toEqual([
      'globex/*/response.md: no Corresp response drafts here (Markdown files whose front matter has staff-letter: or corresp: response)',
    ]);
    expect(shallow.code).toBe(0);
  });

  it('says so and exits 0 for a folder with no drafts', async () => {
    const dir = tempRepo({ 'docs/readme.md': '# Nothing here\n' });
    const r = await run(['check', 'docs'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toEqual([]);
    expect(r.err).toEqual(['docs: no Corresp response drafts here (Markdown files whose front matter has staff-letter: or corresp: response)']);
    expect((await run(['check', 'docs', '--format', 'json'], dir)).stdout).toBe('[]');
  });

  it('finds the example draft in a copy of examples/', async () => {
    const dir = examplesRepo();
    const r = await run(['check', 'examples'], dir);
    expect(withoutCitations(r.out)).toEqual(EXAMPLE_LINES);
    expect(r.code).toBe(1);
  });
});

describe('corresp check with a configuration file', () => {
  it('switches a code family off and changes a severity (.corresp.yaml at the repository root)', async () => {
    const dir = examplesRepo();
    write(dir, '.corresp.yaml', '# team settings\nseverities:\n  citation: off\n  quote.drift: error\n  response.blank: "off"\n');
    const r = await run(['check', 'examples', '--format', 'json'], dir);
    const codes = JSON.parse(r.stdout)[0].diagnostics.map((d: { code: string; severity: string }) => `${d.code}:${d.severity}`);
    expect(codes).toEqual(['coverage.summary:information', 'quote.drift:error', 'response.placeholder:warning', 'comment.missing:error']);
  });

  it('is found walking up from a nested draft, and .corresp.yml and corresp.config.json are read too', async () => {
    const dir = tempRepo();
    thread(dir, 'a/b/c', { answers: [ANSWERS[0], ANSWERS[1], 'TODO'] });
    write(dir, 'a/.corresp.yml', 'severities:\n  response.placeholder: error\n');
    let r = await run(['check', '.', '--format', 'json'], dir, '2024-05-02');
    expect(JSON.parse(r.stdout)[0].diagnostics.find((d: { code: string }) => d.code === 'response.placeholder').severity).toBe('error');
    write(dir, 'a/b/corresp.config.json', '{ "severities": { "response.placeholder": "off", "coverage": "off" } }');
    r = await run(['check', '.', '--format', 'json'], dir, '2024-05-02');
    expect(JSON.parse(r.stdout)[0].diagnostics).toEqual([]);
    // Coverage still gates: the placeholder comment is not answered.
    expect(r.code).toBe(1);
  });

  it('stops at the repository root', async () => {
    const outer = tempRepo({ '.corresp.yaml': 'severities:\n  coverage: off\n' }, { git: false });
    write(outer, 'repo/.git/HEAD', 'ref: refs/heads/main\n');
    thread(outer, 'repo/t');
    const r = await run(['check', 'repo', '--format', 'json'], outer, '2024-05-02');
    expect(JSON.parse(r.stdout)[0].diagnostics.map((d: { code: string }) => d.code)).toEqual(['coverage.summary']);
  });

  it('counts extra placeholders (literal and /regex/) as placeholders and blanks', async () => {
    const dir = tempRepo();
    thread(dir, 't', { answers: [ANSWERS[0], '(with the auditors)', `${ANSWERS[2]} The amount is AWAITING-TAX.`] });
    let r = await run(['check', '.', '--format', 'json'], dir, '2024-05-02');
    expect(JSON.parse(r.stdout)[0].comments.map((c: { status: string }) => c.status)).toEqual(['answered', 'answered', 'answered']);
    expect(r.code).toBe(0);
    write(dir, '.corresp.yaml', 'placeholders:\n  - "(with the auditors)"\n  - /\\bAWAITING-[A-Z]+/\n');
    r = await run(['check', '.', '--format', 'json'], dir, '2024-05-02');
    const json = JSON.parse(r.stdout)[0];
    expect(json.comments.map((c: { status: string }) => c.status)).toEqual(['answered', 'placeholder', 'answered']);
    expect(json.diagnostics.filter((d: { code: string }) => d.code === 'response.blank').map((d: { message: string }) => d.message)).toEqual([
      'A blank is left to fill: AWAITING-TAX',
    ]);
    expect(r.code).toBe(1);
  });

  it('moves the due date by firm holidays and business days, and warns before it', async () => {
    const dir = examplesRepo();
    // Due August 30, 2017 (ten business days after August 16). On August 31 it is overdue …
    const codes = async (today: string) =>
      JSON.parse((await run(['check', EXAMPLE, '--format', 'json'], dir, today)).stdout).diagnostics.filter(
        (d: { code: string }) => d.code.startsWith('response.o') || d.code === 'response.due-soon',
      );
    expect((await codes('2017-08-31')).map((d: { code: string }) => d.code)).toEqual(['response.overdue']);
    // … unless August 18 is a firm holiday: then it is due August 31.
    write(dir, '.corresp.yaml', 'due:\n  holidays: [2017-08-18]\n');
    expect(await codes('2017-08-31')).toEqual([]);
    expect((await codes('2017-09-01')).map((d: { message: string }) => d.message)).toEqual([
      'The response was due August 31, 2017 (10 business days after the August 16, 2017 letter); ask the staff for more time if it is not sent.',
    ]);
    // warn-days-before: a warning two days ahead.
    write(dir, '.corresp.yaml', 'due:\n  warn-days-before: 2\n');
    expect(await codes('2017-08-27')).toEqual([]);
    expect(await codes('2017-08-28')).toEqual([
      {
        code: 'response.due-soon',
        severity: 'warning',
        message: 'The response is due in 2 days, August 30, 2017 (10 business days after the August 16, 2017 letter).',
        line: 1,
        column: 1,
      },
    ]);
    // business-days applies when the letter states no response time.
    const staff = path.join(dir, 'examples/staff-letter-2017-08-16.md');
    const { readFileSync } = await import('node:fs');
    write(
      dir,
      'examples/staff-letter-2017-08-16.md',
      readFileSync(staff, 'utf8')
        .replace('response-days: 10\n', '')
        .replace(/within ten business days/gi, 'promptly'),
    );
    write(dir, '.corresp.yaml', 'due:\n  business-days: 5\n');
    expect((await codes('2017-08-24')).map((d: { message: string }) => d.message)).toEqual([
      "The response was due August 23, 2017 (your team's default of 5 business days after the August 16, 2017 letter; the letter itself sets no deadline); ask the staff for more time if it is not sent.",
    ]);
  });

  it('exits 2 for a bad configuration file, naming it with line and column', async () => {
    const dir = examplesRepo();
    write(dir, '.corresp.yaml', 'severity:\n  citation: off\nseverities:\n  citaton: off\n  quote.drift: loud\n');
    const r = await run(['check', 'examples'], dir);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err).toEqual([
      'corresp: .corresp.yaml:1:1: unknown key “severity” (did you mean “severities”?) (the keys are severities, placeholders, due, export, library)',
      'corresp: .corresp.yaml:4:3: severities: unknown diagnostic code “citaton” (did you mean “citation”?)',
      'corresp: .corresp.yaml:5:16: severities: “quote.drift” must be one of error, warning, information, hint, off (got “loud”)',
    ]);
    write(dir, '.corresp.yaml', 'severities: [\n');
    const broken = await run(['check', 'examples'], dir);
    expect(broken.code).toBe(2);
    expect(broken.err).toHaveLength(1);
    expect(broken.err[0]).toMatch(/^corresp: \.corresp\.yaml:\d+:\d+: not valid YAML: /);
  });
});

describe('staff letters and prior letters in a thread', () => {
  it('reports a draft that names no staff letter, or names one that is not there, without stopping the run', async () => {
    const dir = tempRepo();
    thread(dir, 'ok');
    write(dir, 'unnamed/response.md', '---\ncorresp: response\n---\n\nDear Staff:\n\n**1. Please tell us more.**\n\nResponse: We will.\n');
    write(dir, 'lost/response.md', draft({ staff: './gone.md', comments: COMMENTS, answers: ANSWERS }));
    const r = await run(['check', '.', '--format', 'json'], dir, '2024-05-02');
    const byFile = Object.fromEntries(
      JSON.parse(r.stdout).map((f: { file: string; diagnostics: { code: string; severity: string; message: string }[] }) => [f.file, f.diagnostics]),
    );
    expect(Object.keys(byFile)).toEqual(['lost/response.md', 'ok/response.md', 'unnamed/response.md']);
    expect(byFile['unnamed/response.md']).toEqual([
      {
        code: 'staff-letter.not-named',
        severity: 'warning',
        message: 'This response does not name its staff letter: add `staff-letter: path/to/letter.pdf` to the front matter.',
        line: 1,
        column: 1,
      },
    ]);
    expect(byFile['lost/response.md'][0]).toEqual({
      code: 'staff-letter.unreadable',
      severity: 'error',
      message: 'Staff letter “./gone.md” cannot be read: no such file.',
      line: 3,
      column: 15,
    });
    // Every file is reported; an unreadable staff letter is unreadable input: exit 2 (docs/ci.md).
    expect(r.code).toBe(2);
  });

  it('checks "prior comment N" against the prior letter when the paths hold it', async () => {
    const dir = tempRepo();
    thread(dir, 'r1', { date: '2024-03-01', fileNo: '001-11111' });
    const second = [
      {
        caption: 'Revenue Recognition',
        text: 'We note your response to prior comment 7. Please tell us how you considered ASC 606-10-25-1 for the new contracts.',
      },
    ];
    write(
      dir,
      'r2/staff-letter.md',
      staffLetter({ date: '2024-05-01', company: 'Acme Widgets, Inc.', fileNo: '001-11111', prior: '2024-03-01', comments: second }),
    );
    write(dir, 'r2/response.md', draft({ staff: './staff-letter.md', comments: second, answers: [ANSWERS[0]] }));
    const alone = await run(['check', 'r2', '--format', 'json'], dir, '2024-05-02');
    expect(JSON.parse(alone.stdout)[0].diagnostics.map((d: { code: string }) => d.code)).not.toContain('prior-comment.unknown');
    const both = await run(['check', '.', '--format', 'json'], dir, '2024-05-02');
    const r2 = JSON.parse(both.stdout).find((f: { file: string }) => f.file === 'r2/response.md');
    expect(r2.diagnostics.find((d: { code: string }) => d.code === 'prior-comment.unknown').message).toBe(
      'The prior letter (March 1, 2024) has no comment 7; its comments are 1, 2, 3.',
    );
  });
});
