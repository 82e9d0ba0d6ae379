// test/e2e/nvim-readme.mjs
//
// Owns: proving the README's Neovim configuration works as written. Takes the ```lua block from README.md,
// points its cmd at this checkout's dist/server.mjs, loads it as init.lua in headless Neovim (Debian's 0.7.2),
// opens the example draft from a temp copy of examples/ (the working directory, so root_dir is the folder), and
// waits (vim.wait on a predicate, never a fixed sleep) for the unanswered comment to arrive.
//
// Run: node test/e2e/nvim-readme.mjs   (build first: node esbuild.mjs). Exit 0 on success, 1 otherwise.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './nvim.mjs';

const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const block = /```lua\n([\s\S]*?)```/.exec(readme)?.[1];
if (!block) {
  console.error('nvim-readme: README.md has no ```lua block');
  process.exit(1);
}
const server = path.join(REPO_ROOT, 'dist', 'server.mjs');
if (!block.includes('/path/to/corresp/dist/server.mjs')) {
  console.error('nvim-readme: the README block should name /path/to/corresp/dist/server.mjs');
  process.exit(1);
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corresp-nvim-readme-'));
const ws = path.join(dir, 'examples');
fs.cpSync(path.join(REPO_ROOT, 'examples'), ws, { recursive: true });
const init = path.join(dir, 'init.lua');
fs.writeFileSync(init, block.replace('/path/to/corresp/dist/server.mjs', server));
const check = path.join(dir, 'check.lua');
fs.writeFileSync(
  check,
  `vim.cmd('edit response-2017-08-16.md')
local ok = vim.wait(30000, function()
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if d.message:find('Comment 4 is not answered', 1, true) then return true end
  end
  return false
end, 100)
if ok then
  print('nvim-readme: the README configuration received "Comment 4 is not answered"')
  vim.cmd('qall!')
else
  print('nvim-readme: no "Comment 4 is not answered" within 30 s; got ' .. #vim.diagnostic.get(0) .. ' diagnostics')
  vim.cmd('cquit')
end
`,
);
const run = spawnSync('nvim', ['--headless', '-n', '-u', init, '-c', `luafile ${check}`], {
  cwd: ws,
  encoding: 'utf8',
  timeout: 60_000,
  env: { ...process.env, XDG_STATE_HOME: dir, XDG_CACHE_HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir },
});
process.stdout.write(run.stdout ?? '');
process.stderr.write(run.stderr ?? '');
fs.rmSync(dir, { recursive: true, force: true });
if (run.status === 0) {
  console.log('nvim-readme: 1 passed, 0 failed');
  process.exit(0);
}
console.log(`nvim-readme: 0 passed, 1 failed (exit ${run.status}${run.error ? `, ${run.error.message}` : ''})`);
process.exit(1);
