// kasm-registry-lint as users get it: the npm package installed from its tarball and run with npx, and the GitHub
// Action's committed entry point run with the variables the Actions runner sets.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
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
    const cli = execFileSync('tar', ['-xzOf', tarball, 'package/cli.js'], { encoding: 'utf8' });
    assert.doesNotMatch(cli, /sourceMappingURL/, 'the production build: no map to point at');
    // Unminified it is over 1 MB.
    assert.ok(cli.length < 450_000, `minified (${cli.length} bytes)`);
    // The README a user reads on npm names every option the command takes.
    const readme = execFileSync('tar', ['-xzOf', tarball, 'package/README.md'], { encoding: 'utf8' });
    const help = spawnSync('npx', ['--no-install', 'kasm-registry-lint', '--help'], { cwd: project, encoding: 'utf8' }).stdout;
    const options = [...help.matchAll(/^ {2}(?:-\w, )?(--[a-z-]+)/gm)].map((m) => m[1]).filter((o) => o !== '--help' && o !== '--version');
    assert.ok(options.length >= 8, help);
    for (const option of options) assert.ok(readme.includes(`\`${option}`), `README mentions ${option}`);
  });
});

/** The environment the Actions runner gives the entry point: every input of action.yml at its default, then `inputs`. */
function runnerEnvironment(workspace: string, inputs: Record<string, string>): NodeJS.ProcessEnv {
  const action = parse(fs.readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default: string }> };
  const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: workspace, RUNNER_TEMP: path.join(workspace, '.runner-temp') };
  for (const [name, spec] of Object.entries(action.inputs)) env[`INPUT_${name.toUpperCase()}`] = inputs[name] ?? spec.default;
  for (const file of ['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY']) {
    env[file] = path.join(workspace, `${file.toLowerCase()}.txt`);
    fs.writeFileSync(env[file], '');
  }
  return env;
}

const runEntryPoint = (workspace: string, env: NodeJS.ProcessEnv) =>
  spawnSync(process.execPath, [path.join(REPO_ROOT, 'action', 'index.js')], { cwd: workspace, env, encoding: 'utf8' });

describe('the GitHub Action (action.yml)', () => {
  it('runs from its committed entry point, which is the current build', () => {
    // npm test builds first: a committed bundle older than the source shows as a change.
    const diff = spawnSync('git', ['diff', '--quiet', '--', 'action/index.js'], { cwd: REPO_ROOT });
    assert.equal(diff.status, 0, 'action/index.js differs from a fresh build: commit the rebuilt file');
  });

  it('annotates, writes SARIF and its outputs, and fails on errors, as the runner sees it', () => {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-action-'));
    fs.cpSync(LINT_REGISTRY, path.join(workspace, 'registry'), { recursive: true });
    const env = runnerEnvironment(workspace, { path: 'registry', sarif: 'reports/new/kasm.sarif' });
    const run = runEntryPoint(workspace, env);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^::warning file=registry\/workspaces\/Gamma\/workspace\.json,line=9,col=13,.*title=kasm\(memory-in-gb\)::/m);
    assert.equal(JSON.parse(fs.readFileSync(path.join(workspace, 'reports', 'new', 'kasm.sarif'), 'utf8')).version, '2.1.0', 'its folder was made');
    assert.deepEqual(fs.readFileSync(env.GITHUB_OUTPUT!, 'utf8').trim().split('\n'), ['errors=0', 'warnings=7', 'entries=4']);
    const strict = runEntryPoint(workspace, { ...env, 'INPUT_MAX-WARNINGS': '3', INPUT_SARIF: '' });
    assert.equal(strict.status, 1);
    assert.match(strict.stdout, /::error title=kasm-registry-lint::7 warnings, more than max-warnings 3/);
    const bad = runEntryPoint(workspace, { ...env, INPUT_SCHEMA: '2.0' });
    assert.equal(bad.status, 2);
    assert.match(bad.stdout, /::error title=kasm-registry-lint::schema must be auto/);
  });

  it('writes a job summary: the counts and a table of the problems, with entry text kept inert', () => {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-action-summary-'));
    fs.cpSync(LINT_REGISTRY, path.join(workspace, 'registry'), { recursive: true });
    const evil = path.join(workspace, 'registry', 'workspaces', 'Evil');
    fs.mkdirSync(evil);
    fs.writeFileSync(path.join(evil, 'workspace.json'), JSON.stringify({ 'a|b<img src=x>': 1, compatibility: [{ version: '1.18.x', image: 'kasmweb/x:1.18.0', uncompressed_size_mb: 1 }] }));
    const env = runnerEnvironment(workspace, { path: 'registry' });
    const run = runEntryPoint(workspace, env);
    const summary = fs.readFileSync(env.GITHUB_STEP_SUMMARY!, 'utf8');
    assert.match(summary, /^## Kasm registry lint\n\n5 entries checked: \*\*\d+ errors\*\*, \d+ warnings/);
    assert.match(summary, /\| ⚠️ warning \| registry\/workspaces\/Gamma\/workspace\.json \| 9:13 \| memory-in-gb \| /);
    const rows = summary.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| severity') );
    assert.equal(rows.length - 1, (run.stdout.match(/^::(error|warning|notice) /gm) ?? []).length, 'a row per annotation');
    for (const row of rows) assert.equal(row.split('|').length, 7, `five cells: ${row}`);
    assert.ok(!summary.includes('<img'), 'no HTML from an entry');
  });

  it('refuses, with a message, a sarif path it cannot write, and input values it does not know', () => {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-action-bad-'));
    fs.cpSync(LINT_REGISTRY, path.join(workspace, 'registry'), { recursive: true });
    fs.writeFileSync(path.join(workspace, 'blocker'), '');
    const env = runnerEnvironment(workspace, { path: 'registry', sarif: 'blocker/kasm.sarif' });
    const sarif = runEntryPoint(workspace, env);
    assert.equal(sarif.status, 2);
    assert.match(sarif.stdout, /^::error title=kasm-registry-lint::cannot write sarif "blocker\/kasm\.sarif": part of the path is a file, not a folder$/m);
    assert.doesNotMatch(sarif.stdout + sarif.stderr, /\n\s+at /, 'no stack trace');
    const online = runEntryPoint(workspace, { ...env, INPUT_SARIF: '', INPUT_ONLINE: 'yes' });
    assert.equal(online.status, 2);
    assert.match(online.stdout, /::error title=kasm-registry-lint::online must be true or false, not "yes"/);
  });

  it('fails on a path with no workspace.json, unless allow-empty', () => {
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-action-empty-'));
    fs.mkdirSync(path.join(workspace, 'registy'));
    const env = runnerEnvironment(workspace, { path: 'registy' });
    const empty = runEntryPoint(workspace, env);
    assert.equal(empty.status, 2);
    assert.match(empty.stdout, /::error title=kasm-registry-lint::no workspace\.json found in "registy"/);
    assert.equal(runEntryPoint(workspace, { ...env, 'INPUT_ALLOW-EMPTY': 'true' }).status, 0);
  });
});
