/**
 * A repository's `.corresp.yaml` is untrusted input: its `/regex/` placeholders run in RE2 (linear in the text,
 * whatever the pattern), patterns RE2 cannot run are refused with a problem, and an untrusted workspace takes only
 * literal placeholders. `/(a|aa)+$/` used to hang `corresp check` (and the server) in the backtracking engine.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blanksIn, isPlaceholder } from '../../../server/src/letters/placeholders';
import { findConfig, LinearRegExp, parseConfig, placeholderPattern } from '../../../server/src/workspace/config';
import { SLOW } from '../../runs';
import { expectLinear } from '../reliability/helpers';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const HOSTILE = '/(a|aa)+$/';

describe('team placeholder patterns run in linear time', () => {
  it('/(a|aa)+$/ is a LinearRegExp, and isPlaceholder is done with 200,000 a’s', () => {
    const re = placeholderPattern(HOSTILE) as RegExp;
    expect(re).toBeInstanceOf(LinearRegExp);
    expect(isPlaceholder('a'.repeat(200_000), [re])).toBe(true);
    expect(isPlaceholder(`${'a'.repeat(200_000)}!`, [re])).toBe(false);
  });

  it('isPlaceholder and blanksIn stay linear on “aaa…a!”', SLOW, () => {
    const re = placeholderPattern(HOSTILE) as RegExp;
    const make = (n: number) => `${'a'.repeat(n)}!`;
    expectLinear('team regex: isPlaceholder', make, (s) => isPlaceholder(s, [re]), 20_000);
    expectLinear('team regex: blanksIn', make, (s) => blanksIn(s, [re]), 20_000);
  });

  it('corresp check (the bundle) with that pattern on a 100,000-character answer ends well within its budget', SLOW, () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'corresp-redos-'));
    mkdirSync(path.join(dir, '.git'));
    writeFileSync(path.join(dir, '.corresp.yaml'), `placeholders:\n  - "${HOSTILE}"\n`);
    writeFileSync(
      path.join(dir, 'staff.md'),
      '---\ncorresp: staff-letter\ndate: 2024-05-01\ncompany: Acme\n---\n\nRe: Acme\n\n**1. Please tell us about revenue.**\n',
    );
    writeFileSync(
      path.join(dir, 'draft.md'),
      `---\nstaff-letter: ./staff.md\n---\n\n**1. Please tell us about revenue.**\n\nResponse: ${'a'.repeat(100_000)}!\n`,
    );
    // The budget is generous (a cold start of the bundle on a busy machine); the backtracking engine never ended.
    const r = spawnSync(process.execPath, [path.join(ROOT, 'dist', 'cli.mjs'), 'check', 'draft.md', '--format', 'json'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.signal, 'killed at the budget: the pattern backtracked').toBeNull();
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).comments).toEqual([{ number: 1, status: 'answered', caption: [], text: 'Please tell us about revenue.', line: 5 }]);
  });

  it('matches as the native engine does: exec with lastIndex, replace, test, flags, UTF-16 offsets', () => {
    const cases: Array<[string, string, string]> = [
      ['\\bPENDING\\b', 'gi', 'x pending y PENDING z'],
      ['\\[TBC[^\\]]*\\]', 'g', '😀 [TBC by counsel] and [TBC] end'],
      ['^todo$', 'gim', 'a\ntodo\nb\nTODO'],
      ['a.b', 'gs', 'a\nb a-b'],
      ['(\\d+) (?<unit>million)', 'g', 'RMB 41 million and 9 million'],
    ];
    for (const [source, flags, text] of cases) {
      const ours = new LinearRegExp(source, flags);
      const native = new RegExp(source, flags);
      const all = (re: RegExp) => {
        const out: Array<[number, string, number]> = [];
        re.lastIndex = 0;
        for (let m = re.exec(text); m !== null; m = re.exec(text)) out.push([m.index, m[0], re.lastIndex]);
        return out;
      };
      expect(all(ours), source).toEqual(all(native));
      expect(text.replace(ours, '#'), source).toBe(text.replace(native, '#'));
      ours.lastIndex = 0;
      native.lastIndex = 0;
      expect(ours.test(text)).toBe(native.test(text));
      expect([...text.matchAll(ours)].map((m) => m.index)).toEqual([...text.matchAll(native)].map((m) => m.index));
    }
  });

  it('refuses what RE2 cannot run in linear time, and patterns over 1,000 characters', () => {
    expect(placeholderPattern('/(a)\\1/')).toMatch(/cannot be run in linear time .*backreferences and lookarounds are not supported/);
    expect(placeholderPattern('/TBD(?=!)/')).toMatch(/cannot be run in linear time/);
    expect(placeholderPattern(`/${'a'.repeat(1001)}/`)).toMatch(/longer than 1000 characters/);
    const { config, problems } = parseConfig(`placeholders:\n  - "/(x)\\\\1/"\n  - "${HOSTILE}"\n`, '.corresp.yaml');
    expect(problems).toEqual([{ line: 2, column: 5, message: expect.stringMatching(/^placeholders: “\/\(x\)\\1\/”: cannot be run in linear time/) }]);
    expect(config.placeholders).toHaveLength(1);
  });
});

describe('an untrusted workspace takes only literal placeholders', () => {
  const yaml = `placeholders:\n  - "[Company to confirm]"\n  - "${HOSTILE}"\n`;

  it('parseConfig: the regular expression is left out with a problem on its line, the literal kept', () => {
    const { config, problems } = parseConfig(yaml, '.corresp.yaml', { trusted: false });
    expect(config.placeholders.map(String)).toEqual(['/\\[Company to confirm\\]/g']);
    expect(problems).toEqual([
      { line: 3, column: 5, message: `placeholders: “${HOSTILE}”: regular expressions are not run in an untrusted workspace (trust the folder to use it)` },
    ]);
    expect(parseConfig(yaml, '.corresp.yaml').config.placeholders).toHaveLength(2);
  });

  it('findConfig passes the trust on', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'corresp-trust-'));
    mkdirSync(path.join(dir, '.git'));
    writeFileSync(path.join(dir, '.corresp.yaml'), yaml);
    expect((await findConfig(dir, { trusted: false })).config.placeholders).toHaveLength(1);
    expect((await findConfig(dir)).config.placeholders).toHaveLength(2);
  });
});
