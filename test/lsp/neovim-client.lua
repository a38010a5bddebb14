-- Driven by neovim.test.ts: opens a workspace.json in headless Neovim, attaches the bundled server with
-- Neovim's own LSP client, waits for diagnostics, edits the buffer, asks for completion and hover, and
-- writes what Neovim saw to $KASM_RESULT as JSON.
local file, server, result_file = vim.env.KASM_FILE, vim.env.KASM_SERVER, vim.env.KASM_RESULT
local result = { errors = {} }

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(result) }, result_file)
  vim.cmd('qall!')
end

local function diagnostics_of(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(list, { code = lsp.code or d.code, lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity, source = d.source, message = d.message })
  end
  return list
end

local ok, err = pcall(function()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({ name = 'kasm', cmd = { 'node', server, '--stdio' }, root_dir = vim.fn.fnamemodify(file, ':h') })
  vim.lsp.buf_attach_client(bufnr, client_id)

  vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
  result.initial = diagnostics_of(bufnr)

  -- Fix "memory": 4 → 4000 as a user would, and wait for the memory warning to go away.
  local line = vim.fn.search('"memory"') - 1
  vim.api.nvim_buf_set_lines(bufnr, line, line + 1, false, { '  "memory": 4000,' })
  vim.wait(20000, function()
    for _, d in ipairs(diagnostics_of(bufnr)) do if d.code == 'memory-in-gb' then return false end end
    return true
  end, 50)
  result.after_edit = diagnostics_of(bufnr)

  local arch = vim.fn.search('"architecture"') - 1
  local uri = vim.uri_from_bufnr(bufnr)
  local col = #vim.api.nvim_buf_get_lines(bufnr, arch, arch + 1, false)[1] - 3
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/completion', { textDocument = { uri = uri }, position = { line = arch, character = col } }, 10000) or {}
  result.completion = {}
  for _, response in pairs(responses) do
    local items = (response.result or {}).items or response.result or {}
    for _, item in ipairs(items) do
      table.insert(result.completion, { label = item.label, newText = item.textEdit and item.textEdit.newText, format = item.insertTextFormat })
    end
  end

  local hovers = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', { textDocument = { uri = uri }, position = { line = line, character = 4 } }, 10000) or {}
  for _, response in pairs(hovers) do
    if response.result then result.hover = response.result.contents.value end
  end
  vim.lsp.stop_client(client_id)
end)
if not ok then table.insert(result.errors, tostring(err)) end
finish()
