/**
 * The commands docs/ci.md tells teams to run, run for real against a copy of examples/: the GitHub Actions steps and
 * the pre-commit framework's entry in-process through main(); the plain git hook as a script, by `git commit`, with
 * `npx` standing for a fresh bundle of the CLI.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SLOW } from '../../runs';
import { ANSWERS, copyExamples, ROOT, run, tempRepo, thread, write } from './helpers';

const DOC = readFileSync(path.join(ROOT, 'docs/ci.md'), 'utf8');

/** The fenced code blocks of a language, in order. */
function blocks(lang: string): string[] {
  return [...DOC.matchAll(new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```', 'gm'))].map((m) => m[1]!);
}

/** Shell words of a simple command line (quotes, no expansions). */
function words(line: string): string[] {
  return [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** `npx [--no] corresp a b c` → ['a', 'b', 'c']. */
function corresp(line: string): string[] {
  const w = words(line);
  expect(w[0]).toBe('npx');
  const at = w.indexOf('corresp');
  expect(w.slice(1, at).every((x) => x.startsWith('--'))).toBe(true);
  return w.slice(at + 1);
}

function examplesRepo(): string {
  const dir = tempRepo();
  copyExamples(dir, 'examples');
  return dir;
}

/** A copy of the example with every comment answered. */
function completeExample(dir: string): void {
  const file = path.join(dir, 'examples/response-2017-08-16.md');
  const text = readFileSync(file, 'utf8')
    .replace(/\[●\]/g, '42')
    .replace('Response: TODO', 'Response: The Company will provide the reconciliations for segment Adjusted EBITDA in its future earnings releases.')
    .replace(
      '### Item 5. Operating',
      '**4. We note your response to prior comment 3. Please ensure in your future earnings releases that the tax effect of your non-GAAP adjustments is disclosed as a separate reconciling item.**\n\nResponse: The Company will disclose the tax effect of its non-GAAP adjustments as a separate reconciling item.\n\n### Item 5. Operating',
    );
  writeFileSync(file, text);
}

describe('docs/ci.md: the GitHub Actions workflow', () => {
  const workflow = blocks('yaml')
    .map((b) => parse(b))
    .find((y) => y?.jobs);
  const steps: { run?: string; uses?: string; with?: Record<string, string> }[] = workflow?.jobs?.corresp?.steps ?? [];

  it('is there, and runs `npx corresp check . --format github` and uploads SARIF', () => {
    expect(workflow.permissions['security-events']).toBe('write');
    const runs = steps.filter((s) => s.run).map((s) => s.run!.trim());
    expect(runs).toContain('npx corresp check . --format github');
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.with?.sarif_file).toBe('corresp.sarif');
  });

  it('its commands work on a copy of examples/: annotations and a failing step, then SARIF, then the report', async () => {
    const dir = examplesRepo();
    const lines = steps
      .flatMap((s) => (s.run ?? '').split('\n'))
      .map((l) => l.trim())
      .filter((l) => l.startsWith('npx corresp'));
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      const redirect = /\s>\s*(\S+)\s*(\|\|.*)?$/.exec(line);
      const argv = corresp(redirect ? line.slice(0, redirect.index) : line);
      const r = await run(argv, dir);
      if (argv.includes('github')) {
        expect(r.code).toBe(1); // comment 4 is missing
        expect(r.out.filter((l) => l.startsWith('::'))).toHaveLength(6);
        expect(r.out).toContain(
          '::error file=examples/response-2017-08-16.md,line=44,col=15,title=comment.missing::Comment 4 is not answered (Discussion of Non-GAAP Financial Measures, page 5): We note your response to prior comment 3. Please ensure in your future earnings releases…',
        );
      } else if (argv.includes('sarif')) {
        expect(r.code).toBeLessThanOrEqual(1); // the step's `test "$status" -le 1`
        writeFileSync(path.join(dir, redirect![1]!), r.stdout);
      } else {
        expect(argv[0]).toBe('report');
        expect(r.code).toBe(0);
      }
    }
    const sarif = JSON.parse(readFileSync(path.join(dir, 'corresp.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.some((x: { ruleId: string }) => x.ruleId === 'comment.missing')).toBe(true);
    const artifact = steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    expect(readFileSync(path.join(dir, artifact!.with!.path!), 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  it('passes once every comment is answered', async () => {
    const dir = examplesRepo();
    completeExample(dir);
    const r = await run(['check', '.', '--format', 'github'], dir);
    expect(r.out.filter((l) => l.startsWith('::error'))).toEqual([]);
    expect(r.code).toBe(0);
  });
});

describe('docs/ci.md: the pre-commit framework hook', () => {
  const config = blocks('yaml')
    .map((b) => parse(b))
    .find((y) => y?.repos);
  const hook = config?.repos?.[0]?.hooks?.[0];

  it('is a local system hook over the whole repository', () => {
    expect(config.repos[0].repo).toBe('local');
    expect(hook.language).toBe('system');
    expect(hook.pass_filenames).toBe(false);
    const files = new RegExp(hook.files);
    for (const f of ['examples/response-2017-08-16.md', 'staff.pdf', 'letters/staff.htm', '.corresp.yaml', 'a/corresp.config.json'])
      expect(files.test(f)).toBe(true);
    expect(files.test('src/index.ts')).toBe(false);
  });

  it('fails on the example and passes once it is complete', async () => {
    const dir = examplesRepo();
    const argv = corresp(hook.entry);
    expect((await run(argv, dir)).code).toBe(1);
    completeExample(dir);
    expect((await run(argv, dir)).code).toBe(0);
  });
});

// A fresh bundle of the CLI and real git commits: test:slow.
describe('docs/ci.md: the plain git hook', SLOW, () => {
  const script = blocks('sh').find((b) => b.startsWith('#!/bin/sh'));
  const hasGit = spawnSync('git', ['--version']).status === 0;
  let bin = '';
  let bundleDir = '';

  beforeAll(async () => {
    // A fresh bundle of the CLI, and an `npx` that runs it for `npx [--no] corresp …` (and nothing else).
    bundleDir = mkdtempSync(path.join(os.tmpdir(), 'corresp-bundle-'));
    await esbuild.build({
      entryPoints: [path.join(ROOT, 'server/src/cli/bin.ts')],
      outfile: path.join(bundleDir, 'cli.mjs'),
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      logLevel: 'silent',
      define: { CORRESP_VERSION: '"test"' },
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    bin = path.join(bundleDir, 'bin');
    write(
      bundleDir,
      'bin/npx',
      `#!/bin/sh\nwhile [ "\${1#--}" != "$1" ]; do shift; done\n[ "$1" = corresp ] || { echo "npx: only corresp here" >&2; exit 127; }\nshift\nexec "${process.execPath}" "${path.join(bundleDir, 'cli.mjs')}" "$@"\n`,
    );
    chmodSync(path.join(bin, 'npx'), 0o755);
  }, 60_000);

  afterAll(() => {
    if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
  });

  function git(dir: string, ...args: string[]) {
    return spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
      cwd: dir,
      encoding: 'utf8',
      // NODE_PATH: pdf.js loads @napi-rs/canvas with require() at run time, from the repository's node_modules.
      env: {
        ...process.env,
        PATH: `${bin}${path.delimiter}${process.env.PATH}`,
        NODE_PATH: path.join(ROOT, 'node_modules'),
        GIT_CONFIG_NOSYSTEM: '1',
        HOME: dir,
      },
    });
  }

  it.runIf(hasGit)('blocks a commit while a comment is unanswered, and lets it through once answered', () => {
    expect(script).toBeDefined();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'corresp-hook-'));
    try {
      execFileSync('git', ['init', '-q', dir]);
      copyExamples(dir, 'examples');
      write(dir, '.git/hooks/pre-commit', script!);
      chmodSync(path.join(dir, '.git/hooks/pre-commit'), 0o755);
      git(dir, 'add', '.');
      const blocked = git(dir, 'commit', '-q', '-m', 'draft');
      expect(blocked.status).not.toBe(0);
      // git shows a hook's output on stderr.
      expect(blocked.stderr).toContain('examples/response-2017-08-16.md:44:15 error Comment 4 is not answered');
      expect(blocked.stderr).toContain('corresp: fix the findings above, or commit a work in progress with: git commit --no-verify');
      expect(git(dir, 'rev-parse', '--verify', 'HEAD').status).not.toBe(0);

      completeExample(dir);
      git(dir, 'add', '.');
      const passed = git(dir, 'commit', '-q', '-m', 'answered');
      expect(passed.stderr).toContain('examples/response-2017-08-16.md: 5 of 5 comments answered');
      expect(passed.status).toBe(0);
      expect(git(dir, 'rev-parse', '--verify', 'HEAD').status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(hasGit)('blocks a commit of a draft found anywhere in the repository, not only examples/', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'corresp-hook-'));
    try {
      execFileSync('git', ['init', '-q', dir]);
      thread(dir, 'deep/er', { answers: [ANSWERS[0], ANSWERS[1], undefined] });
      write(dir, '.git/hooks/pre-commit', script!);
      chmodSync(path.join(dir, '.git/hooks/pre-commit'), 0o755);
      git(dir, 'add', '.');
      const blocked = git(dir, 'commit', '-q', '-m', 'x');
      expect(blocked.status).not.toBe(0);
      expect(blocked.stderr).toContain('deep/er/response.md: 2 of 3 comments answered, missing: 3');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
