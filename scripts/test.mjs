#!/usr/bin/env node
// `npm test`: the type check runs beside the build and the fast test run (vitest leaves part of a core idle while it
// loads, and tsc needs one), so the whole takes about the longer of the two. The type check's output is printed once it
// is done; the command fails if either fails. Arguments go to vitest (`npm test -- test/unit/letters`).
import { spawn } from 'node:child_process';

const run = (cmd, args, quiet) =>
  new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', shell: process.platform === 'win32' });
    let out = '';
    if (quiet) for (const s of [child.stdout, child.stderr]) s.on('data', (d) => (out += d));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), out }));
  });

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const typecheck = run(npm, ['run', '-s', 'typecheck'], true);
const build = await run(npm, ['run', '-s', 'build'], false);
const tests = build.code === 0 ? await run('npx', ['vitest', 'run', '--project', 'fast', '--tags-filter', '!slow', ...process.argv.slice(2)], false) : build;
const types = await typecheck;
process.stdout.write(types.code === 0 ? '\ntypecheck: no errors\n' : `\ntypecheck failed:\n${types.out}`);
process.exit(types.code || tests.code);
