// The TextMate grammar injected into Markdown (syntaxes/corresp.tmLanguage.json).
//
// test/grammar/cases/*.md are vscode-tmgrammar-test cases, run here through its CLI against a small Markdown base
// grammar (test/grammar/markdown.tmLanguage.json, wired up by test/grammar/grammars.json). The same cases are then
// run in-process on vscode-textmate 9 (what VS Code ships; the CLI bundles 7) to check that:
// - every rule of the grammar is needed by some case (remove any one and a case fails);
// - the injection never changes Markdown's own structure, and never scopes code or front matter.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IGrammar, IOnigLib, IRawGrammar, Registry } from 'vscode-textmate';
import { SLOW } from '../runs';

const require = createRequire(import.meta.url);
const vsctm = require('vscode-textmate') as typeof import('vscode-textmate');
const oniguruma = require('vscode-oniguruma') as typeof import('vscode-oniguruma');

interface GrammarTestCase {
  source: string[];
}
interface TestFailure {
  line: number;
  start: number;
  end: number;
  missing: string[];
  unexpected: string[];
  actual: string[];
}
const tmgrammarTest = require('vscode-tmgrammar-test/dist/unit/index.js') as {
  parseGrammarTestCase(text: string): GrammarTestCase;
  runGrammarTestCase(registry: Registry, testCase: GrammarTestCase): Promise<TestFailure[]>;
};

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const GRAMMAR_PATH = join(ROOT, 'syntaxes/corresp.tmLanguage.json');
const BASE_PATH = join(ROOT, 'test/grammar/markdown.tmLanguage.json');
const CONFIG_PATH = join(ROOT, 'test/grammar/grammars.json');
const CASES_DIR = join(ROOT, 'test/grammar/cases');
const MARKDOWN = 'text.html.markdown';

interface RuleSet {
  include?: string;
  match?: string;
  name?: string;
  comment?: string;
  patterns?: RuleSet[];
}
interface InjectionGrammar {
  scopeName: string;
  injectionSelector: string;
  patterns: RuleSet[];
  repository: Record<string, RuleSet>;
  'x-scopes': Record<string, string>;
}

const grammarText = readFileSync(GRAMMAR_PATH, 'utf8');
const grammar = JSON.parse(grammarText) as InjectionGrammar;
const caseFiles = readdirSync(CASES_DIR)
  .filter((f) => f.endsWith('.md'))
  .sort();
const cases = caseFiles.map((file) => ({
  file,
  testCase: tmgrammarTest.parseGrammarTestCase(readFileSync(join(CASES_DIR, file), 'utf8')),
}));

// ---------------------------------------------------------------------------------------------------------------
// The CLI

function tmgrammarTestCli(): string {
  const packagePath = require.resolve('vscode-tmgrammar-test/package.json');
  const bin = (JSON.parse(readFileSync(packagePath, 'utf8')) as { bin: Record<string, string> }).bin;
  return join(dirname(packagePath), bin['vscode-tmgrammar-test'] ?? 'dist/unit.js');
}

function runCli(config: string, caseGlobs: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [tmgrammarTestCli(), '--compact', '--config', config, ...caseGlobs], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}${result.error ?? ''}` };
}

let scratch = '';
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'corresp-grammar-'));
});
afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** A grammars.json in the scratch folder: the real base grammar with the given injection grammar. */
function scratchConfig(injectionPath: string): string {
  const config = join(scratch, `grammars-${Math.random().toString(36).slice(2)}.json`);
  const contributes = {
    grammars: [
      { scopeName: MARKDOWN, path: relative(scratch, BASE_PATH) },
      { scopeName: grammar.scopeName, path: relative(scratch, injectionPath), injectTo: [MARKDOWN] },
    ],
  };
  writeFileSync(config, JSON.stringify({ contributes }));
  return config;
}

describe('vscode-tmgrammar-test', () => {
  it('passes every case in test/grammar/cases', () => {
    expect(caseFiles.length).toBeGreaterThan(0);
    const { status, output } = runCli(CONFIG_PATH, ['test/grammar/cases/*.md']);
    expect(output).not.toContain('ERROR');
    expect(status, output).toBe(0);
    for (const file of caseFiles) expect(output).toContain(`test/grammar/cases/${file} run successfuly`);
  });

  it('fails on a case whose assertion is wrong (the run is not vacuous)', SLOW, () => {
    const wrong = join(scratch, 'wrong.md');
    writeFileSync(
      wrong,
      [
        '<!-- SYNTAX TEST "text.html.markdown" "a wrong assertion"',
        'See ASC 606 and `ASC 606`.',
        '<!--                 ^^^^^^^ markup.underline.link.corresp.citation.asc',
        '',
      ].join('\n'),
    );
    const { status, output } = runCli(CONFIG_PATH, [wrong]);
    expect(status).not.toBe(0);
    expect(output).toContain('markup.underline.link.corresp.citation.asc');
  });

  it('fails when a pattern of the grammar is broken', SLOW, () => {
    const broken = structuredClone(grammar);
    const label = broken.repository['response-label'];
    if (!label) throw new Error('no response-label rule');
    label.match = '(?!)'; // never matches
    const brokenPath = join(scratch, 'broken.tmLanguage.json');
    writeFileSync(brokenPath, JSON.stringify(broken));
    const { status, output } = runCli(scratchConfig(brokenPath), ['test/grammar/cases/*.md']);
    expect(status).not.toBe(0);
    expect(output).toContain('response-labels.md');
  });
});

// ---------------------------------------------------------------------------------------------------------------
// In-process, on vscode-textmate 9

let onigLib: Promise<IOnigLib> | undefined;
function loadOniguruma(): Promise<IOnigLib> {
  onigLib ??= oniguruma.loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'))).then(() => ({
    createOnigScanner: (patterns: string[]) => new oniguruma.OnigScanner(patterns),
    createOnigString: (text: string) => new oniguruma.OnigString(text),
  }));
  return onigLib;
}

/** A registry with the Markdown base grammar and, unless null, the given injection grammar. */
function registryWith(injection: InjectionGrammar | null): Registry {
  const base = vsctm.parseRawGrammar(readFileSync(BASE_PATH, 'utf8'), BASE_PATH);
  const injected = injection ? vsctm.parseRawGrammar(JSON.stringify(injection), 'injection.json') : null;
  return new vsctm.Registry({
    onigLib: loadOniguruma(),
    loadGrammar: async (scopeName: string): Promise<IRawGrammar | null> => {
      if (scopeName === MARKDOWN) return base;
      if (injection && scopeName === injection.scopeName) return injected;
      return null;
    },
    getInjections: (scopeName: string) => (injection && scopeName === MARKDOWN ? [injection.scopeName] : []),
  });
}

async function failuresWith(injection: InjectionGrammar): Promise<string[]> {
  const registry = registryWith(injection);
  const failures: string[] = [];
  for (const { file, testCase } of cases) {
    for (const f of await tmgrammarTest.runGrammarTestCase(registry, testCase)) {
      failures.push(`${file}:${f.line + 1}:${f.start}-${f.end} missing [${f.missing}] unexpected [${f.unexpected}] actual [${f.actual.join(' ')}]`);
    }
  }
  return failures;
}

/** The scopes of each character of each line. */
async function scopesByCharacter(injection: InjectionGrammar | null, lines: string[]): Promise<string[][][]> {
  const markdown = (await registryWith(injection).loadGrammar(MARKDOWN)) as IGrammar;
  let state = vsctm.INITIAL;
  return lines.map((line) => {
    const { tokens, ruleStack } = markdown.tokenizeLine(line, state);
    state = ruleStack;
    const chars: string[][] = [];
    for (const token of tokens) {
      for (let i = token.startIndex; i < Math.min(token.endIndex, line.length); i++) chars[i] = token.scopes;
    }
    return chars;
  });
}

const isOurs = (scope: string) => scope.includes('.corresp.') || scope.endsWith('.corresp');
const CODE_SCOPES = ['markup.fenced_code', 'markup.inline.raw', 'markup.raw.block', 'meta.embedded.block.frontmatter'];

/**
 * Where the injection changes Markdown's own scoping. Inside one of our tokens the Markdown scopes may only be cut
 * short (a placeholder "[Response]" wins over a shortcut link); elsewhere they must be exactly what Markdown alone
 * gives. Also: none of our scopes inside code or front matter.
 */
async function structureViolations(injection: InjectionGrammar): Promise<string[]> {
  const violations: string[] = [];
  for (const { file, testCase } of cases) {
    const alone = await scopesByCharacter(null, testCase.source);
    const injected = await scopesByCharacter(injection, testCase.source);
    testCase.source.forEach((line, n) => {
      for (let i = 0; i < line.length; i++) {
        const withInjection = injected[n]?.[i] ?? [];
        const without = alone[n]?.[i] ?? [];
        const stripped = withInjection.filter((s) => !isOurs(s));
        const ours = withInjection.length !== stripped.length;
        const ok = ours ? stripped.every((s, k) => without[k] === s) : stripped.length === without.length && stripped.every((s, k) => without[k] === s);
        const inCode = ours && withInjection.some((s) => CODE_SCOPES.some((c) => s.startsWith(c)));
        if (!ok || inCode) {
          violations.push(`${file}: ${JSON.stringify(line)} at ${i}: [${withInjection.join(' ')}] vs Markdown alone [${without.join(' ')}]`);
          break; // one report per line is enough
        }
      }
    });
  }
  return violations;
}

describe('the injection grammar', () => {
  it('passes every case on vscode-textmate 9 too', async () => {
    expect(await failuresWith(grammar)).toEqual([]);
  });

  it('documents each scope it uses under "x-scopes"', () => {
    const used = new Set<string>();
    const collect = (value: unknown): void => {
      if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') {
        for (const [key, v] of Object.entries(value)) {
          if (key === 'name' && typeof v === 'string') used.add(v);
          else collect(v);
        }
      }
    };
    collect(grammar.repository);
    expect([...used].sort()).toEqual(Object.keys(grammar['x-scopes']).sort());
  });

  // Remove one rule at a time: some case must fail, or the rule is untested.
  const mutations: [string, (g: InjectionGrammar) => void][] = [
    ...grammar.patterns.map((p, i): [string, (g: InjectionGrammar) => void] => [`pattern ${p.include ?? i}`, (g) => void g.patterns.splice(i, 1)]),
    ...(grammar.repository.citation?.patterns ?? []).map((p, i): [string, (g: InjectionGrammar) => void] => [
      `citation: ${p.comment ?? i}`,
      (g) => void g.repository.citation?.patterns?.splice(i, 1),
    ]),
  ];
  it.each(mutations)('needs its %s (without it a case fails)', async (_what, mutate) => {
    const mutant = structuredClone(grammar);
    mutate(mutant);
    expect((await failuresWith(mutant)).length).toBeGreaterThan(0);
  });

  it("leaves Markdown's own structure alone and scopes nothing in code or front matter", async () => {
    expect(await structureViolations(grammar)).toEqual([]);
  });

  it('would not, with a selector that lets it match at the top level (where Markdown opens its blocks)', async () => {
    const topLevel = { ...grammar, injectionSelector: 'L:text.html.markdown -markup.fenced_code -markup.inline.raw' };
    const violations = await structureViolations(topLevel);
    expect(violations.some((v) => v.includes('"Response: The Company respectfully advises'))).toBe(true);
    expect(violations.some((v) => v.includes('"staff-letter: '))).toBe(true);
  });
});

describe('package.json', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    contributes?: { grammars?: { path?: string; scopeName?: string; injectTo?: string[] }[] };
  };
  const contribution = manifest.contributes?.grammars?.find((g) => g.path?.replace(/^\.\//, '') === 'syntaxes/corresp.tmLanguage.json');
  it.skipIf(!contribution)('contributes the grammar as an injection into Markdown', () => {
    expect(contribution?.scopeName).toBe(grammar.scopeName);
    expect(contribution?.injectTo).toEqual([MARKDOWN]);
  });
});
