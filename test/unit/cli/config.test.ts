import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dueDateOf } from '../../../server/src/letters/due';
import { readLetterText, staffLetterOf } from '../../../server/src/letters/read';
import { blanksIn, isPlaceholder } from '../../../server/src/letters/placeholders';
import { addBusinessDays } from '../../../server/src/letters/dates';
import { dueRulesOf, findConfig, parseConfig, placeholderPattern } from '../../../server/src/workspace/config';
import { globToRegExp, splitGlob } from '../../../server/src/workspace/discover';
import { DIAGNOSTIC_CODES } from '../../../server/src/features/diagnostics';
import { EXAMPLES, tempRepo, write } from './helpers';
import { readFileSync } from 'node:fs';

describe('parseConfig', () => {
  it('reads severities, placeholders and due-date rules', () => {
    const { config, problems } = parseConfig(
      [
        'severities:',
        '  citation: off',
        '  citation.superseded: "hint"',
        '  anchor.*: error',
        '  response.placeholder: Warning',
        'placeholders:',
        '  - "[Company to confirm]"',
        '  - /\\bPENDING\\b/i',
        'due:',
        '  business-days: 15',
        '  holidays: [2024-12-24, "2024-12-26"]',
        '  warn-days-before: 3',
      ].join('\n'),
      '.corresp.yaml',
    );
    expect(problems).toEqual([]);
    expect(config.severities).toEqual({ citation: 'off', 'citation.superseded': 'hint', 'anchor.*': 'error', 'response.placeholder': 'warning' });
    expect(config.placeholders.map(String)).toEqual(['/\\[Company to confirm\\]/g', '/\\bPENDING\\b/gi']);
    expect(config.due).toEqual({ businessDays: 15, holidays: ['2024-12-24', '2024-12-26'], warnDaysBefore: 3 });
    expect(dueRulesOf(config)).toEqual({ businessDays: 15, holidays: new Set(['2024-12-24', '2024-12-26']) });
  });

  it('reads the JSON form', () => {
    const { config, problems } = parseConfig('{\n  "severities": { "quote.drift": "off" },\n  "placeholders": ["TK-TK"]\n}\n', 'corresp.config.json');
    expect(problems).toEqual([]);
    expect(config.severities).toEqual({ 'quote.drift': 'off' });
    expect(config.placeholders).toHaveLength(1);
  });

  it('reads the Word export’s reference document, and says by line when it is not a Word document', () => {
    expect(parseConfig('export:\n  reference-doc: templates/firm.docx\n', '.corresp.yaml').config.export).toEqual({
      referenceDoc: { path: 'templates/firm.docx', line: 2, column: 18 },
    });
    expect(parseConfig('export:\n  reference-doc: firm.pdf\n', '.corresp.yaml').problems).toEqual([
      { line: 2, column: 18, message: 'export: reference-doc “firm.pdf” must be a Word document (.docx) or template (.dotx)' },
    ]);
    expect(parseConfig('export:\n  reference-docx: firm.docx\n', '.corresp.yaml').problems).toEqual([
      { line: 2, column: 3, message: 'export: unknown key “reference-docx” (did you mean “reference-doc”?) (the key is reference-doc)' },
    ]);
    expect(parseConfig('export: firm.docx\n', '.corresp.yaml').problems[0]?.message).toBe('export must be a mapping with the key reference-doc');
  });

  it('takes an empty file or one with only comments as the defaults', () => {
    expect(parseConfig('', '.corresp.yaml')).toEqual({
      config: { severities: {}, placeholders: [], due: { holidays: [] }, export: {}, library: [] },
      problems: [],
    });
    expect(parseConfig('# nothing yet\n', '.corresp.yaml').problems).toEqual([]);
  });

  it('says what is wrong, where, and keeps what it can use', () => {
    const text = [
      'severities:', //                1
      '  comment.mising: warning', //  2
      '  quote.drift: loud', //        3
      '  anchor.duplicate: error', //  4
      'placeholders:', //              5
      '  - ""', //                     6
      '  - /([a-z]/', //               7
      '  - /x*/', //                   8
      '  - "[TBC by counsel]"', //     9
      'due:', //                       10
      '  business-days: ten', //       11
      '  holidays: [2024-02-30, 2024-07-05]', // 12
      '  warn-days: 2', //             13
      'colour: blue', //               14
    ].join('\n');
    // The server and the CLI pass the features' table of codes (the workspace layer imports no feature).
    const { config, problems } = parseConfig(text, '.corresp.yaml', { codes: Object.keys(DIAGNOSTIC_CODES) });
    expect(problems).toEqual([
      { line: 2, column: 3, message: 'severities: unknown diagnostic code “comment.mising” (did you mean “comment.missing”?)' },
      { line: 3, column: 16, message: 'severities: “quote.drift” must be one of error, warning, information, hint, off (got “loud”)' },
      { line: 6, column: 5, message: 'placeholders: each entry must be a non-empty text or /regular expression/ (got “”)' },
      { line: 7, column: 5, message: 'placeholders: “/([a-z]/”: not a valid regular expression (/([a-z]/g: Unterminated group)' },
      { line: 8, column: 5, message: 'placeholders: “/x*/”: matches empty text, so it would count every response as a placeholder' },
      { line: 11, column: 18, message: 'due: business-days must be a whole number of days from 1 to 365 (got “ten”)' },
      { line: 12, column: 14, message: 'due: holidays: “2024-02-30” is not a date written yyyy-mm-dd' },
      { line: 13, column: 3, message: 'due: unknown key “warn-days” (the keys are business-days, holidays, warn-days-before)' },
      { line: 14, column: 1, message: 'unknown key “colour” (the keys are severities, placeholders, due, export, library)' },
    ]);
    expect(config.severities).toEqual({ 'anchor.duplicate': 'error' });
    expect(config.placeholders.map(String)).toEqual(['/\\[TBC by counsel\\]/g']);
    expect(config.due).toEqual({ holidays: ['2024-07-05'] });
  });

  it('reports bad YAML and the wrong shapes without throwing', () => {
    const yaml = parseConfig('severities:\n  a: [\n', '.corresp.yaml');
    expect(yaml.problems.length).toBeGreaterThan(0);
    expect(yaml.problems[0]!.message).toMatch(/^not valid YAML: /);
    expect(yaml.problems[0]!.line).toBeGreaterThanOrEqual(2);
    expect(parseConfig('{ "severities": ', 'corresp.config.json').problems[0]!.message).toMatch(/^not valid JSON: /);
    expect(parseConfig('- a\n- b\n', '.corresp.yaml').problems).toEqual([
      { line: 1, column: 1, message: 'the configuration must be a mapping with the keys severities, placeholders, due, export and library' },
    ]);
    expect(parseConfig('severities: error\nplaceholders: TODO\ndue: 10\n', '.corresp.yaml').problems.map((p) => p.line)).toEqual([1, 2, 3]);
    expect(parseConfig('severities:\n  a: 1\n  a: 2\n', '.corresp.yaml').problems[0]!.line).toBe(3);
  });

  it('compiles literal placeholders exactly and /regex/ with its flags', () => {
    const literal = placeholderPattern('[Amount (USD)?]') as RegExp;
    expect(literal.test('It is [Amount (USD)?] now')).toBe(true);
    literal.lastIndex = 0;
    expect(literal.test('It is [Amount USD] now')).toBe(false);
    expect(placeholderPattern('/abc/x')).toBe('unsupported regular expression flags “x” (use i, m, s or u)');
  });
});

describe('findConfig', () => {
  it('walks up to the repository root and prefers .corresp.yaml', async () => {
    const dir = tempRepo({ '.corresp.yml': 'severities:\n  citation: off\n' });
    mkdirSync(path.join(dir, 'a/b'), { recursive: true });
    let found = await findConfig(path.join(dir, 'a/b'));
    expect(found.path).toBe(path.join(dir, '.corresp.yml'));
    expect(found.config.severities).toEqual({ citation: 'off' });
    write(dir, '.corresp.yaml', 'severities:\n  quote: off\n');
    found = await findConfig(path.join(dir, 'a/b'));
    expect(found.path).toBe(path.join(dir, '.corresp.yaml'));
  });

  it('stops at the workspace folder it is given, and at .git', async () => {
    const dir = tempRepo({ '.corresp.yaml': 'severities:\n  citation: off\n' });
    mkdirSync(path.join(dir, 'ws/sub'), { recursive: true });
    expect((await findConfig(path.join(dir, 'ws/sub'), { stopAt: path.join(dir, 'ws') })).path).toBeUndefined();
    write(dir, 'ws/.git/HEAD', 'x');
    expect((await findConfig(path.join(dir, 'ws/sub'))).path).toBeUndefined();
  });

  it('skips a folder that has a configuration file’s name', async () => {
    const dir = tempRepo();
    mkdirSync(path.join(dir, '.corresp.yaml')); // a folder where the file should be is skipped
    expect((await findConfig(dir)).path).toBeUndefined();
  });
});

describe('the letters layer’s hooks', () => {
  it('counts extra placeholders in isPlaceholder and blanksIn, and the built-in ones still', () => {
    const extra = [placeholderPattern('<<fill>>') as RegExp];
    expect(isPlaceholder('Response: <<fill>>')).toBe(false);
    expect(isPlaceholder('Response: <<fill>>', extra)).toBe(true);
    expect(isPlaceholder('Response: TODO', extra)).toBe(true);
    expect(blanksIn('It was <<fill>> million', extra)).toEqual([{ text: '<<fill>>', start: 7, end: 15 }]);
    // An extra pattern that overlaps a built-in blank is not reported twice.
    expect(blanksIn('It was [●] million', [/\[●\]/g])).toEqual([{ text: '[●]', start: 7, end: 10 }]);
  });

  it('skips extra holidays in business days and due dates', () => {
    expect(addBusinessDays('2017-08-16', 10)).toBe('2017-08-30');
    expect(addBusinessDays('2017-08-16', 10, new Set(['2017-08-18', '2017-08-21']))).toBe('2017-09-01');
    const letter = staffLetterOf(readLetterText('staff.md', readFileSync(path.join(EXAMPLES, 'staff-letter-2017-08-16.md'), 'utf8')));
    expect(dueDateOf(letter, undefined)?.date).toBe('2017-08-30');
    expect(dueDateOf(letter, undefined, { holidays: new Set(['2017-08-29']) })?.date).toBe('2017-08-31');
    const { responseDays: _days, ...noDays } = letter;
    expect(dueDateOf(noDays, undefined, { businessDays: 5 })).toEqual({ date: '2017-08-23', basis: 'team-default', days: 5, letterDate: '2017-08-16' });
    expect(dueDateOf(letter, undefined, { businessDays: 5 })?.days).toBe(10); // the letter's own response time wins
  });
});

describe('globs', () => {
  it('match like a shell: ** any folders, * and ? within a name, [..] and {a,b}', () => {
    const m = (glob: string, p: string) => globToRegExp(glob).test(p);
    expect(m('**/*.md', 'a.md')).toBe(true);
    expect(m('**/*.md', 'a/b/c.md')).toBe(true);
    expect(m('*.md', 'a/b.md')).toBe(false);
    expect(m('a/**', 'a/b/c')).toBe(true);
    expect(m('r?sponse.md', 'response.md')).toBe(true);
    expect(m('r?sponse.md', 'r/sponse.md')).toBe(false);
    expect(m('[rs]*.md', 'staff.md')).toBe(true);
    expect(m('[!rs]*.md', 'staff.md')).toBe(false);
    expect(m('{acme,globex}/*.md', 'globex/x.md')).toBe(true);
    expect(m('{acme,globex}/*.md', 'initech/x.md')).toBe(false);
    expect(m('a.md', 'aXmd')).toBe(false);
    expect(m('**/*.md', 'threads/.draft.md')).toBe(true); // dot files match as any other
    expect(m('[!rs]*.md', 'x.md')).toBe(true);
  });

  it('split into the fixed folder to walk and the pattern below it', () => {
    const g = splitGlob('/repo/threads/**/r*.md');
    expect(g.base).toBe(path.resolve('/repo/threads'));
    expect(g.maxDepth).toBe(Infinity);
    expect(splitGlob('/repo/threads/*/r*.md').maxDepth).toBe(2);
  });
});
