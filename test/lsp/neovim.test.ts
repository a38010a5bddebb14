// Debian's headless Neovim (its own LSP client, not ours) drives the bundled server: diagnostics arrive,
// follow an edit, and completion and hover answer. `.ci/run` installs the neovim package.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { entryFolder, squareIcon } from '../helpers/core';
import { SERVER_JS } from '../helpers/lspClient';

interface NeovimDiagnostic { code: string; lnum: number; col: number; end_col: number; severity: number; source: string; message: string }
interface NeovimResult {
  errors: string[];
  initial: NeovimDiagnostic[];
  after_edit: NeovimDiagnostic[];
  completion: { label: string; newText?: string; format?: number }[];
  hover?: string;
}

describe('Neovim as the LSP client', () => {
  it('shows diagnostics, updates them after an edit, and completes and hovers', () => {
    const file = entryFolder({ 'icon.png': squareIcon() }, 'Course Desktop');
    fs.writeFileSync(file, `{
  "friendly_name": "Course Desktop",
  "description": "x",
  "image_src": "icon.png",
  "memory": 4,
  "architecture": ["x86", ""],
  "compatibility": [{ "version": "1.18.x", "image": "a/b:1", "uncompressed_size_mb": 1 }]
}
`);
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-nvim-'));
    const resultFile = path.join(home, 'result.json');
    const run = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '--noplugin', '-c', `luafile ${path.join(__dirname, 'neovim-client.lua')}`], {
      encoding: 'utf8',
      timeout: 90000,
      env: {
        ...process.env, KASM_FILE: file, KASM_SERVER: SERVER_JS, KASM_RESULT: resultFile,
        HOME: home, XDG_CONFIG_HOME: home, XDG_DATA_HOME: home, XDG_STATE_HOME: home, XDG_CACHE_HOME: home,
      },
    });
    assert.equal(run.error, undefined, `could not run nvim (apt-get install neovim): ${run.error?.message}`);
    assert.ok(fs.existsSync(resultFile), `Neovim wrote no result; stderr: ${run.stderr}`);
    const result = JSON.parse(fs.readFileSync(resultFile, 'utf8')) as NeovimResult;
    assert.deepEqual(result.errors, []);

    assert.ok(result.initial.some((d) => d.code === 'memory-in-gb'), JSON.stringify(result.initial));
    const architectures = result.initial.filter((d) => d.code === 'unknown-value').map((d) => [d.lnum, d.col, d.end_col, d.severity, d.source]);
    // "x86" and "" on line 6 (0-based 5); severity 2 is vim.diagnostic.severity.WARN.
    assert.deepEqual(architectures, [[5, 19, 24, 2, 'kasm'], [5, 26, 28, 2, 'kasm']]);

    assert.ok(!result.after_edit.some((d) => d.code === 'memory-in-gb'), 'the warning follows the edit');
    assert.ok(result.after_edit.some((d) => d.code === 'unknown-value'));

    // Neovim 0.7 does not announce snippet support: the server sends plain text.
    assert.deepEqual(result.completion.map((c) => c.label), ['amd64', 'arm64']);
    assert.ok(result.completion.every((c) => c.format !== 2 && !/\$\{/.test(c.newText ?? '')));
    assert.match(result.hover ?? '', /Memory of each session/);
  });
});
