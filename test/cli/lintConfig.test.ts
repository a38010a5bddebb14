// A registry's .kasm-lint.json as an attacker or a careless maintainer writes it: the CLI and the Action never crash
// on it, never half-apply it, resolve it per entry as the editor does, and show a pull request's own silencing.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../helpers/core';
import { CLI } from '../helpers/cliRun';

const ACTION = path.join(REPO_ROOT, 'action', 'index.js');
const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'lint-registry');

interface Result { file: string; diagnostics: { code: string; severity: string; line: number }[] }

function registry(config?: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-config-'));
  fs.cpSync(FIXTURE, root, { recursive: true });
  if (config !== undefined) fs.writeFileSync(path.join(root, '.kasm-lint.json'), config);
  return root;
}

const run = (root: string, args: string[]) => spawnSync(process.execPath, [CLI, '--format', 'json', ...args], { cwd: root, encoding: 'utf8' });
const gamma = (stdout: string) => (JSON.parse(stdout) as Result[]).find((r) => r.file.includes('Gamma'))?.diagnostics ?? [];

describe('.kasm-lint.json that is not valid', () => {
  it('20 KB of "[" is an error naming the file, exit 2, no stack trace', () => {
    const root = registry('['.repeat(20_000));
    const result = run(root, ['.']);
    assert.equal(result.status, 2, result.stderr);
    assert.match(result.stderr, /^kasm-registry-lint: \.kasm-lint\.json:1:1: Nested more than 16 levels deep/m);
    assert.match(result.stderr, /\.kasm-lint\.json is not valid: fix it, or run with --ignore-config/);
    assert.doesNotMatch(result.stderr, /\n\s+at /);
    assert.equal(result.stdout, '');
  });

  it('an unknown code, a severity that is none, an unknown key, a prototype key: each at its place', () => {
    const root = registry('{\n  "rules": { "memory-in-gbb": "off", "size-zero": "of" },\n  "__proto__": { "rules": {} },\n  "categorys": []\n}\n');
    const result = run(root, ['.']);
    assert.equal(result.status, 2);
    const lines = result.stderr.split('\n').filter((l) => l.includes('.kasm-lint.json:'));
    assert.deepEqual(lines.map((l) => /\.kasm-lint\.json:(\d+:\d+)/.exec(l)?.[1]), ['2:14', '2:51', '3:3', '4:3']);
    assert.match(lines[0], /Unknown rule code "memory-in-gbb"/);
    assert.match(lines[1], /The severity of "size-zero" must be one of "error", "warning", "info", "hint", "off"/);
    assert.match(lines[2], /"__proto__" is not a setting/);
    assert.match(lines[3], /Unknown setting "categorys"/);
  });

  it('--ignore-config checks with the default severities', () => {
    const root = registry('{ "rules": { "memory-in-gb": "of" } }');
    const result = run(root, ['--ignore-config', '.']);
    assert.equal(result.status, 0, result.stderr);
    assert.ok(gamma(result.stdout).some((d) => d.code === 'memory-in-gb' && d.severity === 'warning'));
  });
});

describe('.kasm-lint.json resolved per entry, the same whatever path is linted', () => {
  it('a config in one entry\'s folder applies to that entry only, whether the registry or the entry is linted', () => {
    const root = registry('{ "rules": { "memory-in-gb": "error" } }');
    fs.writeFileSync(path.join(root, 'workspaces', 'Gamma', '.kasm-lint.json'), '{ "rules": { "memory-in-gb": "off" } }');
    // The entry's own rules (cross-entry ones depend on which entries are linted together).
    const own = (stdout: string) => gamma(stdout).filter((d) => d.code !== 'registry-schema-mismatch');
    const whole = own(run(root, ['.']).stdout);
    const alone = own(run(root, ['workspaces/Gamma']).stdout);
    assert.ok(!whole.some((d) => d.code === 'memory-in-gb'), 'the nearest config turns it off');
    assert.deepEqual(alone, whole);
    fs.rmSync(path.join(root, 'workspaces', 'Gamma', '.kasm-lint.json'));
    assert.ok(gamma(run(root, ['workspaces/Gamma']).stdout).some((d) => d.code === 'memory-in-gb' && d.severity === 'error'), 'the registry\'s config, from the entry\'s folder upward');
  });
});

describe('the Action on a pull request whose .kasm-lint.json silences rules', () => {
  const env = (root: string, inputs: Record<string, string>) => ({
    ...process.env, GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: root, GITHUB_EVENT_NAME: 'pull_request',
    INPUT_PATH: '.', INPUT_SCHEMA: 'auto', 'INPUT_MAX-WARNINGS': '', INPUT_SARIF: '', INPUT_ONLINE: 'false', 'INPUT_ALLOW-EMPTY': 'false', 'INPUT_IGNORE-CONFIG': 'false',
    ...inputs,
  });
  const action = (root: string, inputs: Record<string, string> = {}) => spawnSync(process.execPath, [ACTION], { cwd: root, env: env(root, inputs), encoding: 'utf8' });

  it('shows every rule the file turns off or lowers, on its line', () => {
    const root = registry('{\n  "rules": {\n    "memory-in-gb": "off",\n    "duplicate-name": "hint",\n    "size-zero": "error"\n  }\n}\n');
    const result = action(root);
    const lines = result.stdout.split('\n').filter((l) => l.includes('file=.kasm-lint.json'));
    assert.deepEqual(lines.map((l) => /line=(\d+)/.exec(l)?.[1]), ['3', '4'], result.stdout);
    assert.match(lines[0], /^::warning file=\.kasm-lint\.json,line=3,col=5,title=kasm\(lint-config\)::Turns off the rule "memory-in-gb" \(usually warning\)/);
    assert.match(lines[1], /Lowers to hint the rule "duplicate-name" \(usually warning\)/);
    assert.ok(!result.stdout.includes('title=kasm(memory-in-gb)'), 'turned off, as the file says');
    const push = spawnSync(process.execPath, [ACTION], { cwd: root, env: { ...env(root, {}), GITHUB_EVENT_NAME: 'push' }, encoding: 'utf8' });
    assert.ok(!push.stdout.includes('file=.kasm-lint.json'), 'on a push the maintainers\' own config is theirs');
  });

  it('ignore-config: true checks with the default severities', () => {
    const root = registry('{ "rules": { "memory-in-gb": "off" } }');
    const result = action(root, { 'INPUT_IGNORE-CONFIG': 'true' });
    assert.match(result.stdout, /title=kasm\(memory-in-gb\)::/);
  });

  it('a config that is not valid is an error on it, and nothing is checked', () => {
    const root = registry('{ "rules": { "memory-in-gb": "of" } }');
    const result = action(root);
    assert.equal(result.status, 2);
    assert.match(result.stdout, /^::error file=\.kasm-lint\.json,line=1,col=30,title=kasm\(lint-config\)::The severity of "memory-in-gb" must be one of/m);
    assert.doesNotMatch(result.stdout, /title=kasm\(memory-in-gb\)/);
  });
});

describe('entry text in every output format', () => {
  it('shows ESC, BEL, C1 controls and the Unicode line separators as escapes, never raw', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-escape-'));
    const folder = path.join(root, 'workspaces', 'Evil');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'workspace.json'), JSON.stringify({ 'k\u001b[2J\u0007\u0085\u2028\u2029': 1, compatibility: ['1.15.x'] }));
    for (const format of ['github', 'json', 'sarif', 'stylish']) {
      const result = spawnSync(process.execPath, [CLI, '--format', format, '.'], { cwd: root, encoding: 'utf8' });
      assert.doesNotMatch(result.stdout, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/, `${format} prints no raw control character`);
      assert.match(result.stdout, /\\u001b\[2J\\u0007\\u0085\\u2028\\u2029/, `${format} shows them as escapes`);
      if (format !== 'github' && format !== 'stylish') assert.ok(JSON.parse(result.stdout), 'still JSON');
    }
  });
});
