// The .vsix holds the bundles and what the manifest points at, nothing else (no sources, tests, maps or node_modules).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../helpers/core';

describe('the packaged extension', () => {
  it('contains exactly the files it needs', () => {
    const listed = execFileSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce'), ['ls', '--no-dependencies'], { cwd: REPO_ROOT, encoding: 'utf8' })
      .split('\n').map((l) => l.trim()).filter(Boolean).sort();
    assert.deepEqual(listed, [
      'LICENSE', 'README.md', 'dist/extension.js', 'dist/server.js', 'docs/icon-preview.png', 'docs/problems-panel.png', 'docs/registry-gallery.png',
      'language-configuration.json', 'package.json', 'schemas/workspace-1.0.schema.json', 'schemas/workspace-1.1.schema.json',
      'snippets/kasm-workspace.code-snippets', 'syntaxes/kasm-workspace.tmLanguage.json',
    ]);
  });
});
