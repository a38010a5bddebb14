// kasm-registry-lint as users get it: the npm package installed from its tarball and run with npx, and the GitHub
// Action's committed entry point run with the variables the Actions runner sets.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../helpers/core';
import { CORPUS } from '../helpers/corpus';

const LINT_REGISTRY = path.join(REPO_ROOT, 'test', 'fixtures', 'lint-registry');

describe('the npm package kasm-registry-lint', () => {
  it('installs from its tarball with nothing else and runs with npx on a registry', { timeout: 120_000 }, () => {
    const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-pack-'));
    const tarball = execFileSync(process.execPath, ['scripts/pack-cli.mjs', temp], { cwd: REPO_ROOT, encoding: 'utf8' }).trim();
    const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).trim().split('\n').sort();
    assert.deepEqual(listed, ['package/LICENSE', 'package/README.md', 'package/cli.js', 'package/package.json', 'package/undici.js']);
    const manifest = JSON.parse(execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
    assert.equal(manifest.dependencies, undefined, 'the extension\'s dependencies do not leak into it');
    const project = path.join(temp, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), '{ "private": true }');
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: project, encoding: 'utf8' });
    const run = spawnSync('npx', ['--no-install', 'kasm-registry-lint', '--format', 'json', path.join(CORPUS, 'kasm-official-registry@1.1')], { cwd: project, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(JSON.parse(run.stdout).length, 85, 'every entry of Kasm\'s own registry checked');
  });
});

describe('the GitHub Action (action.yml)', () => {
  it('runs from its committed entry point, which is the current build', () => {
    const action = fs.readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8');
    assert.match(action, /using: node20\s+main: action\/index\.js/);
    // npm test builds first: a committed bundle older than the source shows as a change.
    const diff = spawnSync('git', ['diff', '--quiet', '--', 'action/index.js'], { cwd: REPO_ROOT });
    assert.equal(diff.status, 0, 'action/index.js differs from a fresh build: commit the rebuilt file');
  });

  it('annotates, writes SARIF and its outputs, and fails on errors, as the runner sees it', () => {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-action-'));
    fs.cpSync(LINT_REGISTRY, path.join(workspace, 'registry'), { recursive: true });
    const outputs = path.join(workspace, 'outputs.txt');
    fs.writeFileSync(outputs, '');
    const env = {
      ...process.env, GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: workspace, GITHUB_OUTPUT: outputs,
      INPUT_PATH: 'registry', INPUT_SCHEMA: 'auto', 'INPUT_MAX-WARNINGS': '', INPUT_SARIF: 'kasm.sarif',
    };
    const run = spawnSync(process.execPath, [path.join(REPO_ROOT, 'action', 'index.js')], { cwd: workspace, env, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^::warning file=registry\/workspaces\/Gamma\/workspace\.json,line=9,col=13,.*title=kasm\(memory-in-gb\)::/m);
    assert.equal(JSON.parse(fs.readFileSync(path.join(workspace, 'kasm.sarif'), 'utf8')).version, '2.1.0');
    assert.deepEqual(fs.readFileSync(outputs, 'utf8').trim().split('\n'), ['errors=0', 'warnings=7', 'entries=4']);
    const strict = spawnSync(process.execPath, [path.join(REPO_ROOT, 'action', 'index.js')], { cwd: workspace, env: { ...env, 'INPUT_MAX-WARNINGS': '3', INPUT_SARIF: '' }, encoding: 'utf8' });
    assert.equal(strict.status, 1);
    assert.match(strict.stdout, /::error title=kasm-registry-lint::7 warnings, more than max-warnings 3/);
    const bad = spawnSync(process.execPath, [path.join(REPO_ROOT, 'action', 'index.js')], { cwd: workspace, env: { ...env, INPUT_SCHEMA: '2.0' }, encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.match(bad.stdout, /::error title=kasm-registry-lint::schema must be auto/);
  });
});
