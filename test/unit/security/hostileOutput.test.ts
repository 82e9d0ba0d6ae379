/**
 * Letters and front matter are untrusted (a pull request from a fork writes them). What the CLI prints of them never
 * starts a GitHub workflow command (`::error`, `::add-mask::`, `::stop-commands::`, the older `##[…]`), never holds
 * a terminal control (ESC, BEL, C1 CSI, bidi overrides), and never starts a line the letter's text did not.
 */
import { describe, expect, it } from 'vitest';
import { githubData, githubProperty, jsonText, terminalLine, terminalText } from '../../../server/src/cli/escape';
import { run, tempRepo } from '../cli/helpers';

/** Every raw control a terminal acts on, as the letters below write them. */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** The workflow commands the hostile letters try to start. */
const INJECTED = ['::error file=x.md::pwned', '::add-mask::', '::stop-commands::', '::warning::', '##[error]'];

const STAFF = [
  '---',
  'corresp: staff-letter',
  'date: 2024-05-01',
  'company: "Acme\\u001b]0;owned\\u0007 Inc."',
  '---',
  '',
  'Re: Acme',
  '',
  '## Revenue \u001b[31mred\u001b[0m',
  '',
  '**1. Please tell us \u001b[2J\u0007 about revenue.\n::add-mask::x\n::stop-commands::tok\n##[error]old \u009b31m \u202eevil.**',
  '',
].join('\n');

const DRAFT = [
  '---',
  'corresp: response',
  // YAML double quotes make "\n" a line break inside the value.
  'staff-letter: "./missing.md\\n::error file=x.md::pwned\\n::add-mask::secret\\n::stop-commands::tok\\n##[error]old\\u001b[2J"',
  '---',
  '',
  'Dear Staff:',
  '',
  '**1. Please tell us about revenue.**',
  '',
  'Response: See \u001b]8;;http://evil\u0007link\u001b]8;;\u0007 here.',
  '',
].join('\n');

/** Output lines that are workflow commands, and whether each is one of ours. */
function commandLines(lines: readonly string[]): string[] {
  return lines.flatMap((l) => l.split(/\r\n|\r|\n/)).filter((l) => /^\s*::/.test(l) || l.includes('##['));
}

const OURS = /^::(?:error|warning|notice) file=[^\s:,]*,line=\d+,col=\d+,title=[a-z.-]+::[^\r\n]*$/;

function repo(): string {
  return tempRepo({ 'staff.md': STAFF, 'draft.md': DRAFT, 'answer.md': DRAFT.replace(/staff-letter: .*/, 'staff-letter: ./staff.md') });
}

describe('hostile front matter and letter text in CLI output', () => {
  it('--format github: only our own annotations are commands; nothing injected starts a line', async () => {
    const r = await run(['check', '.', '--format', 'github'], repo());
    expect(r.out.length).toBeGreaterThan(2);
    for (const line of commandLines([...r.out, ...r.err])) expect(line).toMatch(OURS);
    for (const line of [...r.out, ...r.err].flatMap((l) => l.split('\n'))) {
      for (const bad of INJECTED) expect(line.trimStart().startsWith(bad), line).toBe(false);
      expect(line).not.toContain('##[');
      expect(CONTROLS.test(line), JSON.stringify(line)).toBe(false);
    }
    // The path is still there to read, escaped.
    expect(r.stdout).toContain('./missing.md%0A::error file=x.md::pwned%0A');
  });

  it('--format text: the same, with line breaks shown as \\n', async () => {
    const r = await run(['check', '.'], repo());
    for (const line of [...r.out, ...r.err]) {
      expect(line.includes('\n'), line).toBe(false);
      expect(CONTROLS.test(line), JSON.stringify(line)).toBe(false);
      expect(line).not.toContain('##[');
      expect(/^\s*::/.test(line), line).toBe(false);
    }
    expect(r.stdout).toContain('./missing.md\\n::error file=x.md::pwned\\n::add-mask::secret');
  });

  it('--format json and sarif: valid JSON with the same values, no raw control, no ##[', async () => {
    for (const format of ['json', 'sarif']) {
      const r = await run(['check', '.', '--format', format], repo());
      expect(CONTROLS.test(r.stdout)).toBe(false);
      expect(r.stdout).not.toContain('##[');
      expect(JSON.stringify(JSON.parse(r.stdout))).toContain('##[error]old');
    }
  });

  it('comments: the staff letter’s controls are shown, never sent; its line breaks stay inside the indented text', async () => {
    const r = await run(['comments', 'staff.md'], repo());
    expect(r.code).toBe(0);
    for (const line of r.out.flatMap((l) => l.split('\n'))) {
      expect(CONTROLS.test(line), JSON.stringify(line)).toBe(false);
      expect(/^\s*::/.test(line), line).toBe(false);
      expect(line).not.toContain('##[');
    }
    expect(r.stdout).toContain('\\x1b[2J\\x07');
    expect(r.stdout).toContain('\\u202eevil');
    const json = await run(['comments', 'staff.md', '--format', 'json'], repo());
    expect(CONTROLS.test(json.stdout)).toBe(false);
    expect(JSON.parse(json.stdout).comments[0].text).toContain('\u001b[2J');
  });

  it('report --format md (stdout): no control reaches the terminal, no line starts a command', async () => {
    const r = await run(['report', '.', '--format', 'md'], repo());
    expect(r.code).toBe(0);
    expect(CONTROLS.test(r.stdout)).toBe(false);
    for (const line of r.stdout.split('\n')) {
      expect(/^\s*::/.test(line), line).toBe(false);
      expect(line).not.toContain('##[');
    }
  });
});

describe('one escaping function per target', () => {
  const hostile = '100% a\r\nb\n::add-mask::x \u001b[2J \u0007 \u009b \u202e ##[error] c:d,e';

  it('terminalLine: one line, every control visible, no command', () => {
    expect(terminalLine(hostile)).toBe('100% a\\nb\\n::add-mask::x \\x1b[2J \\x07 \\x9b \\u202e ##\\x5berror] c:d,e');
    expect(terminalLine('::error::x')).toBe('\\x3a:error::x');
    expect(terminalLine('  ::error::x')).toBe('  \\x3a:error::x');
  });

  it('terminalText: line breaks kept, a line starting with :: escaped', () => {
    expect(terminalText(hostile)).toBe('100% a\nb\n\\x3a:add-mask::x \\x1b[2J \\x07 \\x9b \\u202e ##\\x5berror] c:d,e');
    expect(terminalText('a\rb')).toBe('a\nb');
  });

  it('githubData and githubProperty: as @actions/core, and other controls as %HH', () => {
    expect(githubData(hostile)).toBe('100%25 a%0D%0Ab%0A::add-mask::x %1B[2J %07 %9B %u202E ##%5Berror] c:d,e');
    expect(githubProperty(hostile)).toBe('100%25 a%0D%0Ab%0A%3A%3Aadd-mask%3A%3Ax %1B[2J %07 %9B %u202E ##%5Berror] c%3Ad%2Ce');
  });

  it('jsonText: the same value, nothing raw', () => {
    const text = jsonText({ hostile });
    expect(CONTROLS.test(text)).toBe(false);
    expect(text).not.toContain('##[');
    expect(JSON.parse(text)).toEqual({ hostile });
  });
});
