// The .vsix holds the bundles and what the manifest points at, nothing else (no sources, tests, maps or node_modules).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as fs from 'node:fs';
import { sniffImage } from '../../server/src/service/imageFormat';
import { REPO_ROOT } from '../helpers/core';

describe('the packaged extension', () => {
  it('contains exactly the files it needs', () => {
    const listed = execFileSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce'), ['ls', '--no-dependencies'], { cwd: REPO_ROOT, encoding: 'utf8' })
      .split('\n').map((l) => l.trim()).filter(Boolean).sort();
    assert.deepEqual(listed, [
      'CHANGELOG.md', 'LICENSE', 'README.md', 'dist/browser/extension.js', 'dist/browser/server.js', 'dist/extension.js', 'dist/server.js', 'dist/undici.js', 'docs/icon-preview.png', 'docs/online-hover.png', 'docs/problems-panel.png', 'docs/registry-gallery.png', 'docs/web.png',
      'images/icon.png', 'images/placeholder-icon.png',
      'language-configuration.json', 'package.json', 'schemas/workspace-1.0.schema.json', 'schemas/workspace-1.1.schema.json',
      'syntaxes/kasm-workspace.tmLanguage.json',
    ]);
  });

  it('has what the Marketplace and Open VSX show: repository, issues, homepage, a 128×128 icon, a banner, a changelog', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    for (const key of ['repository', 'bugs', 'homepage', 'icon', 'galleryBanner', 'categories', 'keywords', 'license', 'publisher']) assert.ok(manifest[key], key);
    assert.match(manifest.repository.url, /^https:\/\/github\.com\//);
    assert.deepEqual(sniffImage(fs.readFileSync(path.join(REPO_ROOT, manifest.icon))), { format: 'PNG', width: 128, height: 128 });
    assert.match(fs.readFileSync(path.join(REPO_ROOT, 'CHANGELOG.md'), 'utf8'), /^# Changelog/);
  });
});
