-- test/e2e/nvim/check-lsp.lua
--
-- Owns: checking a stdio language server through Neovim's REAL built-in LSP client
-- (Debian's Neovim 0.7.2 API: vim.lsp.start_client, buf_attach_client, vim.diagnostic.get,
-- buf_request_sync). Run headless, one check per process:
--
--   CORRESP_LSP_CHECK=/path/check.json nvim --headless -n -i NONE -u NONE -c "luafile test/e2e/nvim/check-lsp.lua"
--
-- check.json (written by test/e2e/nvim.mjs; all positions 1-based, columns in characters):
--   {
--     "cmd": ["node", "dist/server.js", "--stdio"],   -- server command (required)
--     "root": "/abs/workspace",                       -- root_dir (default: file's folder)
--     "file": "/abs/workspace/letter.md",             -- file to open (required)
--     "filetype": "markdown",                         -- optional: set on the buffer
--     "settings": { ... },                            -- optional: sent as didChangeConfiguration
--                                                     --   and answered to workspace/configuration
--     "init_options": { ... },                        -- optional: initializationOptions
--     "expect_diagnostic": "substring",               -- optional: a diagnostic message must contain it
--     "hover": { "line": 3, "col": 4, "expect": "substring" },   -- optional
--     "timeout_ms": 20000                             -- per wait (default 20000)
--   }
--
-- Prints what it got (diagnostics, hover text) on stdout as lines starting "check-lsp:", then
-- exits 0 (`qall!`) when every expectation holds, or 1 (`cquit`) with "check-lsp: FAIL: ..."
-- on stderr otherwise -- including on any Lua error, so a headless nvim never hangs.

local function out(msg) io.stdout:write('check-lsp: ' .. msg .. '\n') end
local function err(msg) io.stderr:write('check-lsp: ' .. msg .. '\n') end

local client_id = nil

local function finish(ok)
  if client_id then
    vim.lsp.stop_client(client_id)
    vim.wait(2000, function() return vim.lsp.client_is_stopped(client_id) end, 20)
    if not vim.lsp.client_is_stopped(client_id) then vim.lsp.stop_client(client_id, true) end
  end
  io.stdout:flush(); io.stderr:flush()
  if ok then vim.cmd('qall!') else vim.cmd('cquit') end
end

-- Turn LSP hover contents (MarkupContent | MarkedString | MarkedString[]) into plain text.
local function hover_text(result)
  if not result or not result.contents then return '' end
  local lines = vim.lsp.util.convert_input_to_markdown_lines(result.contents)
  return table.concat(lines, '\n')
end

local function main()
  local path = os.getenv('CORRESP_LSP_CHECK')
  assert(path and path ~= '', 'set CORRESP_LSP_CHECK to the path of a check JSON file')
  local cfg = vim.fn.json_decode(table.concat(vim.fn.readfile(path), '\n'))
  assert(type(cfg.cmd) == 'table' and #cfg.cmd > 0, 'check JSON: "cmd" must be a non-empty array')
  assert(type(cfg.file) == 'string', 'check JSON: "file" is required')
  local timeout = cfg.timeout_ms or 20000
  local failures = {}

  vim.cmd('edit ' .. vim.fn.fnameescape(cfg.file))
  local bufnr = vim.api.nvim_get_current_buf()
  if cfg.filetype then vim.api.nvim_buf_set_option(bufnr, 'filetype', cfg.filetype) end

  local exited = nil
  client_id = vim.lsp.start_client({
    name = 'corresp-check',
    cmd = cfg.cmd,
    root_dir = cfg.root or vim.fn.fnamemodify(cfg.file, ':p:h'),
    settings = cfg.settings or vim.empty_dict(),
    init_options = cfg.init_options,
    on_init = function(client)
      if cfg.settings then
        client.notify('workspace/didChangeConfiguration', { settings = cfg.settings })
      end
    end,
    on_exit = function(code, signal) exited = { code = code, signal = signal } end,
  })
  assert(client_id, 'vim.lsp.start_client failed for ' .. table.concat(cfg.cmd, ' '))
  vim.lsp.buf_attach_client(bufnr, client_id)

  local function client() return vim.lsp.get_client_by_id(client_id) end
  local ready = vim.wait(timeout, function()
    return exited ~= nil or (client() ~= nil and client().initialized == true)
  end, 20)
  if exited then
    error(string.format('server exited during start (code %s, signal %s): %s', tostring(exited.code),
      tostring(exited.signal), table.concat(cfg.cmd, ' ')))
  end
  assert(ready, 'server did not finish "initialize" within ' .. timeout .. ' ms')
  out('server initialized: ' .. table.concat(cfg.cmd, ' '))

  -- Diagnostics: wait until one contains the expected substring (or, without an
  -- expectation, until any arrive or the timeout passes) and print them all.
  if cfg.expect_diagnostic then
    local want = cfg.expect_diagnostic
    local found = vim.wait(timeout, function()
      for _, d in ipairs(vim.diagnostic.get(bufnr)) do
        if string.find(d.message, want, 1, true) then return true end
      end
      return exited ~= nil
    end, 20)
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      out(string.format('diagnostic %d:%d severity=%s: %s', d.lnum + 1, d.col + 1, tostring(d.severity), d.message))
    end
    local matched = false
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      if string.find(d.message, want, 1, true) then matched = true end
    end
    if not (found and matched) then
      table.insert(failures, string.format('no diagnostic containing %q within %d ms (got %d)', want, timeout,
        #vim.diagnostic.get(bufnr)))
    end
  end

  -- Hover at a 1-based line/col.
  if cfg.hover then
    local params = {
      textDocument = { uri = vim.uri_from_bufnr(bufnr) },
      position = { line = cfg.hover.line - 1, character = cfg.hover.col - 1 },
    }
    local responses, req_err = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, timeout)
    if not responses then
      table.insert(failures, 'hover request failed: ' .. tostring(req_err))
    else
      local text, resp_err = '', nil
      for _, r in pairs(responses) do
        if r.error then resp_err = vim.inspect(r.error) end
        if r.result then text = text .. hover_text(r.result) end
      end
      out(string.format('hover %d:%d: %s', cfg.hover.line, cfg.hover.col, vim.fn.json_encode(text)))
      if resp_err then table.insert(failures, 'hover error: ' .. resp_err) end
      -- Servers send Markdown: also compare with backslash escapes removed ("NVIM\\-HOVER").
      local plain = text:gsub('\\(%p)', '%1')
      if cfg.hover.expect and not string.find(text, cfg.hover.expect, 1, true)
          and not string.find(plain, cfg.hover.expect, 1, true) then
        table.insert(failures, string.format('hover at %d:%d does not contain %q', cfg.hover.line, cfg.hover.col,
          cfg.hover.expect))
      end
    end
  end

  if #failures > 0 then
    for _, f in ipairs(failures) do err('FAIL: ' .. f) end
    return false
  end
  out('PASS')
  return true
end

local ok, res = xpcall(main, debug.traceback)
if not ok then
  err('FAIL: ' .. tostring(res))
  finish(false)
else
  finish(res)
end
