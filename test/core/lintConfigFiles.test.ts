// Which `.kasm-lint.json` is in force for an entry, read from real folders in process (#27.10, #27.11, #31): the
// nearest one up the tree, one that cannot be read, 256 KB on both sides, an untrusted workspace's, ignored ones,
// and where a new one belongs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { LintConfigs, lintConfigFileFor, lowersRule, readLintConfig } from '../../server/src/service/lintConfig';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { folderWith } from '../helpers/core';

const entry = (root: string, name = 'A') => path.join(root, 'workspaces', name, 'workspace.json');

describe('the .kasm-lint.json in force', () => {
  it('is the nearest one in the entry folder or above it', () => {
    const root = folderWith({
      '.kasm-lint.json': '{"rules": {"icon-missing": "off"}}',
      'workspaces/B/.kasm-lint.json': '{"rules": {"icon-missing": "error"}}',
      'workspaces/A/workspace.json': '{}',
    });
    const configs = new LintConfigs(nodeFileSystem);
    assert.deepEqual(configs.rulesFor(entry(root, 'A')).rules, { 'icon-missing': 'off' });
    assert.deepEqual(configs.rulesFor(entry(root, 'B')).rules, { 'icon-missing': 'error' });
    assert.deepEqual(configs.read().map((c) => path.relative(root, c.file)).sort(), ['.kasm-lint.json', path.join('workspaces', 'B', '.kasm-lint.json')]);
    configs.clear();
    assert.deepEqual(configs.read(), []);
  });

  it('is none when there is none, and none when configs are ignored (--ignore-config)', () => {
    const root = folderWith({ 'workspaces/A/workspace.json': '{}' });
    assert.deepEqual(new LintConfigs(nodeFileSystem).rulesFor(entry(root)), {});
    const withConfig = folderWith({ '.kasm-lint.json': '{"rules": {"icon-missing": "off"}}' });
    assert.deepEqual(new LintConfigs(nodeFileSystem, true).rulesFor(entry(withConfig)), {});
    assert.equal(new LintConfigs(nodeFileSystem, true).forFolder(path.join(withConfig, 'workspaces')), undefined);
  });

  it('of an untrusted workspace makes rules louder, never quieter, and accepts no category or version', () => {
    const root = folderWith({
      '.kasm-lint.json': JSON.stringify({
        rules: { 'icon-missing': 'off', 'category-near-miss': 'error', 'icon-size': 'warning' }, categories: ['Robots'], versions: ['1.19.x'],
        agent: { cores: 4, memory: 8192, gpus: 0 },
      }),
    });
    const rules = new LintConfigs(nodeFileSystem, false, true).rulesFor(entry(root));
    assert.deepEqual(rules, { rules: { 'category-near-miss': 'error', 'icon-size': 'warning' }, agent: { cores: 4, memory: 8192, gpus: 0 } });
    assert.equal(lowersRule('icon-missing', 'off'), true);
    assert.equal(lowersRule('category-near-miss', 'error'), false);
    assert.equal(lowersRule('icon-size', 'warning'), false, 'its own severity is no lowering');
    assert.equal(lowersRule('icon-size', 'info'), true);
  });

  it('a folder or FIFO named .kasm-lint.json is a problem of the file, not read', () => {
    const root = folderWith({});
    fs.mkdirSync(path.join(root, '.kasm-lint.json'));
    const config = new LintConfigs(nodeFileSystem).forFolder(path.join(root, 'workspaces', 'A'));
    assert.deepEqual(config?.problems.map((p) => p.message), ['.kasm-lint.json is not a regular file that can be read: it is ignored.']);
    assert.deepEqual(config?.problems[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.deepEqual(config?.settings, {});
  });

  it('reads 256 KB, and not one byte more', () => {
    const padded = (bytes: number) => { const head = '{"rules": {}, "$schema": "'; return `${head}${'x'.repeat(bytes - head.length - 2)}"}`; };
    const root = folderWith({ 'at/.kasm-lint.json': padded(256 * 1024), 'over/.kasm-lint.json': padded(256 * 1024 + 1) });
    assert.deepEqual(readLintConfig(nodeFileSystem, path.join(root, 'at', '.kasm-lint.json')).problems, []);
    assert.deepEqual(readLintConfig(nodeFileSystem, path.join(root, 'over', '.kasm-lint.json')).problems.map((p) => p.message),
      ['.kasm-lint.json is larger than 256 KB: it is ignored.']);
  });
});

describe('where a new .kasm-lint.json belongs', () => {
  it('the one in force, else the registry root, else the entry folder', () => {
    const withConfig = folderWith({ 'workspaces/.kasm-lint.json': '{}' });
    assert.equal(lintConfigFileFor(nodeFileSystem, entry(withConfig)), path.join(withConfig, 'workspaces', '.kasm-lint.json'));
    const plain = folderWith({});
    assert.equal(lintConfigFileFor(nodeFileSystem, entry(plain)), path.join(plain, '.kasm-lint.json'));
    const loose = folderWith({});
    assert.equal(lintConfigFileFor(nodeFileSystem, path.join(loose, 'apps', 'A', 'workspace.json')), path.join(loose, 'apps', 'A', '.kasm-lint.json'));
  });
});
