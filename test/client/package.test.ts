// The .vsix holds the bundles and what the manifest points at, nothing else (no sources, tests, maps or node_modules).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as fs from 'node:fs';
import MarkdownIt from 'markdown-it';
import { sniffImage } from '../../server/src/service/imageFormat';
import { REPO_ROOT } from '../helpers/core';

describe('the packaged extension', () => {
  it('contains exactly the files it needs', () => {
    const listed = execFileSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce'), ['ls', '--no-dependencies'], { cwd: REPO_ROOT, encoding: 'utf8' })
      .split('\n').map((l) => l.trim()).filter(Boolean).sort();
    assert.deepEqual(listed, [
      'CHANGELOG.md', 'LICENSE', 'README.md', 'dist/browser/extension.js', 'dist/browser/server.js', 'dist/extension.js', 'dist/server.js', 'dist/undici.js',
      'images/icon.png', 'images/placeholder-icon.png',
      'language-configuration.json', 'package.json', 'schemas/kasm-lint.schema.json', 'schemas/workspace-1.0.schema.json', 'schemas/workspace-1.1.schema.json',
      'snippets/kasm-workspace.code-snippets', 'syntaxes/kasm-workspace.tmLanguage.json',
    ]);
  });

  it('shows a Marketplace page whose images and links work there: absolute https, no relative paths', () => {
    // The README as the Marketplace renders it: the one inside the .vsix, read with markdown-it (vsce's own parser).
    const readme = execFileSync('unzip', ['-p', path.join(REPO_ROOT, 'kasm-workspace-registry.vsix'), 'extension/readme.md'], { encoding: 'utf8' });
    const tokens = new MarkdownIt({ html: true }).parse(readme, {}).flatMap((t) => [t, ...(t.children ?? [])]);
    const images = tokens.filter((t) => t.type === 'image').map((t) => t.attrGet('src') ?? '');
    const links = tokens.filter((t) => t.type === 'link_open').map((t) => t.attrGet('href') ?? '');
    assert.ok(images.length >= 5, 'the screenshots are shown');
    for (const src of images) assert.match(src, /^https:\/\/raw\.githubusercontent\.com\/kasm-registry-tools\/kasm-workspace-registry\/main\/docs\/[\w-]+\.png$/);
    for (const href of links) assert.match(href, /^(https:\/\/|#[\w-]+$)/, `a link that works on the Marketplace: ${href}`);
    for (const src of images) assert.ok(fs.existsSync(path.join(REPO_ROOT, src.replace(/^.*\/main\//, ''))), `${src} is in the repository`);
  });

  it('declares Restricted Mode as limited: rule settings a workspace could lower are restricted; registries are a user\'s choice', () => {
    type Setting = { scope?: string; tags?: string[] };
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
      contributes: { configuration: { properties: Record<string, Setting> } };
    };
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ['kasm.rules', 'kasm.categories', 'kasm.versions']);
    const settings = manifest.contributes.configuration.properties;
    for (const key of ['kasm.images.online', 'kasm.images.allowHosts']) {
      assert.equal(settings[key].scope, 'application', `${key}: no workspace can set it`);
      assert.deepEqual(settings[key].tags, ['usesOnlineServices']);
    }
  });

  it('contributes snippets that VS Code offers only through Insert Snippet and new files, never while typing', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { contributes: { snippets: { language: string; path: string }[] } };
    assert.deepEqual(manifest.contributes.snippets, [{ language: 'kasm-workspace', path: './snippets/kasm-workspace.code-snippets' }]);
    const snippets = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'snippets', 'kasm-workspace.code-snippets'), 'utf8')) as Record<string, { prefix?: string; isFileTemplate?: boolean; body: string[] }>;
    for (const [name, snippet] of Object.entries(snippets)) assert.equal(snippet.prefix, undefined, `${name}: a prefix would offer it everywhere`);
    // That the file is what completion offers, with its file templates: test/core/snippets.test.ts.
  });

  it('has what the Marketplace and Open VSX show: repository, issues, homepage, a 128×128 icon, a banner, a changelog', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    for (const key of ['repository', 'bugs', 'homepage', 'icon', 'galleryBanner', 'categories', 'keywords', 'license', 'publisher']) assert.ok(manifest[key], key);
    assert.match(manifest.repository.url, /^https:\/\/github\.com\//);
    assert.deepEqual(sniffImage(fs.readFileSync(path.join(REPO_ROOT, manifest.icon))), { format: 'PNG', width: 128, height: 128 });
    assert.match(fs.readFileSync(path.join(REPO_ROOT, 'CHANGELOG.md'), 'utf8'), /^# Changelog/);
  });
});
