// kasm-registry-lint as CI runs it: the bundled dist/cli.js, its output formats (golden files) and exit codes.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from '../helpers/core';
import { CLI } from '../helpers/cliRun';
import { CORPUS, corpusEntries } from '../helpers/corpus';

const FIXTURE = path.join(REPO_ROOT, 'test', 'fixtures', 'lint-registry');
const GOLDEN = path.join(REPO_ROOT, 'test', 'golden');

function run(args: string[], cwd = FIXTURE) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '' } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Compares with test/golden/<name>; UPDATE_GOLDEN=1 rewrites the file instead. */
function golden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN) fs.writeFileSync(file, actual);
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `${name} differs from the golden file (UPDATE_GOLDEN=1 to accept)`);
}

describe('kasm-registry-lint', () => {
  for (const [format, file] of [['stylish', 'lint.stylish.txt'], ['json', 'lint.json'], ['sarif', 'lint.sarif.json'], ['github', 'lint.github.txt']]) {
    it(`prints the ${format} format`, () => {
      const result = run(['--format', format]);
      assert.equal(result.code, 0, result.stderr);
      golden(file, result.stdout);
    });
  }

  it('follows the registry\'s .kasm-lint.json, found from the linted folder upward: severities, "off", its categories', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-cli-config-'));
    fs.cpSync(FIXTURE, root, { recursive: true });
    const gamma = (output: string) => (JSON.parse(output) as { file: string; diagnostics: { code: string; severity: string }[] }[])
      .find((r) => r.file.includes('Gamma'))?.diagnostics ?? [];
    const before = gamma(run(['--format', 'json', 'workspaces'], root).stdout);
    assert.ok(before.some((d) => d.code === 'memory-in-gb' && d.severity === 'warning'), JSON.stringify(before));
    fs.writeFileSync(path.join(root, '.kasm-lint.json'), JSON.stringify({ rules: { 'memory-in-gb': 'error', 'registry-schema-mismatch': 'off' } }));
    const result = run(['--format', 'json', 'workspaces'], root);
    const after = gamma(result.stdout);
    assert.ok(after.some((d) => d.code === 'memory-in-gb' && d.severity === 'error'), JSON.stringify(after));
    assert.ok(!after.some((d) => d.code === 'registry-schema-mismatch'), 'turned off, a cross-entry rule too');
    assert.equal(result.code, 1, 'an error now fails the run');
  });

  it('fails on an empty workspace.json, which the registry build cannot read', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-cli-empty-'));
    fs.mkdirSync(path.join(root, 'workspaces', 'Blank'), { recursive: true });
    fs.writeFileSync(path.join(root, 'workspaces', 'Blank', 'workspace.json'), '');
    const result = run(['--format', 'json', root]);
    assert.equal(result.code, 1);
    assert.deepEqual((JSON.parse(result.stdout) as { diagnostics: { code: string; severity: string }[] }[])[0].diagnostics.map((d) => [d.code, d.severity]), [['empty-file', 'error']]);
  });

  it('prints control characters of an entry as escapes in the stylish format, never raw to the terminal', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-cli-escape-'));
    const folder = path.join(root, 'workspaces', 'Evil\u001b[2J');
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'workspace.json'), JSON.stringify({ 'e\u001b]0;TITLE\u0007\u001b[2J': 1, compatibility: ['1.15.x'] }));
    const result = run([root]);
    assert.ok(!/[\u0000-\u0008\u000b-\u001a\u001c-\u001f\u007f]/.test(result.stdout), 'no control character but colour codes');
    assert.ok(!result.stdout.includes('\u001b]') && !result.stdout.includes('\u001b[2J'), 'no title or clear-screen sequence');
    assert.match(result.stdout, /"e\\u001b\]0;TITLE\\u0007\\u001b\[2J"/);
    assert.match(result.stdout, /Evil\\u001b\[2J/);
  });

  it('reports a registry\'s site/next.config.js left at the template\'s listUrl, and fails on it', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-cli-config-'));
    fs.cpSync(FIXTURE, root, { recursive: true });
    fs.mkdirSync(path.join(root, 'site'));
    fs.writeFileSync(path.join(root, 'site', 'next.config.js'), "module.exports = {\n  env: {\n    listUrl: 'https://registry.kasmweb.com/',\n  },\n}\n");
    const result = run(['--format', 'json', root]);
    assert.equal(result.code, 1, 'an error');
    const config = (JSON.parse(result.stdout) as { file: string; diagnostics: { line: number; code: string }[] }[]).find((r) => r.file.endsWith('site/next.config.js'));
    assert.deepEqual(config?.diagnostics.map((d) => [d.code, d.line]), [['registry-config', 3]]);
  });

  it('skips another tool\'s workspace.json (Nx, Angular) found in the folder, but checks one named on the command line', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-cli-nx-'));
    fs.cpSync(FIXTURE, root, { recursive: true });
    const nx = path.join(root, 'apps', 'workspace.json');
    fs.mkdirSync(path.dirname(nx));
    fs.writeFileSync(nx, JSON.stringify({ version: 2, projects: {} }));
    const outside = path.join(root, 'drafts', 'workspace.json');
    fs.mkdirSync(path.dirname(outside));
    fs.writeFileSync(outside, JSON.stringify({ friendly_name: 'Draft', memory: 4 }));
    const files = (JSON.parse(run(['--format', 'json', root]).stdout) as { file: string; diagnostics: { code: string }[] }[]);
    assert.ok(!files.some((r) => r.file.includes('apps/')), files.map((r) => r.file).join(', '));
    assert.ok(files.find((r) => r.file.includes('drafts/'))?.diagnostics.some((d) => d.code === 'memory-in-gb'), 'a Kasm entry outside workspaces/ is found by its keys');
    const named = JSON.parse(run(['--format', 'json', nx]).stdout) as { diagnostics: { code: string }[] }[];
    assert.ok(named[0].diagnostics.some((d) => d.code === 'missing-required'), JSON.stringify(named));
  });

  it('lists every entry checked in json, also the clean ones, with 1-based positions', () => {
    const results = JSON.parse(run(['--format', 'json']).stdout) as { file: string; diagnostics: { line: number; column: number; code: string }[] }[];
    assert.deepEqual(results.map((r) => r.file), ['workspaces/Alpha/workspace.json', 'workspaces/Beta/workspace.json', 'workspaces/Delta/workspace.json', 'workspaces/Gamma/workspace.json']);
    assert.deepEqual(results[2].diagnostics, []);
    assert.deepEqual(results[3].diagnostics.find((d) => d.code === 'memory-in-gb'), {
      line: 9, column: 13, endLine: 9, endColumn: 14, severity: 'warning', code: 'memory-in-gb', message: 'memory is in MB: 4 means 4 MB, not 4 GB. For 4 GB write 4000.',
    });
  });

  it('writes valid SARIF 2.1.0 whose results name known rules', () => {
    const log = JSON.parse(run(['--format', 'sarif']).stdout);
    assert.equal(log.version, '2.1.0');
    const rules = log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
    for (const result of log.runs[0].results) assert.equal(rules[result.ruleIndex], result.ruleId);
  });

  it('exits 1 on errors, 0 on warnings only, 1 over --max-warnings, and --quiet shows errors only', () => {
    const examples = path.join(REPO_ROOT, 'examples');
    assert.equal(run([examples]).code, 1);
    assert.equal(run(['.']).code, 0);
    const tooMany = run(['--max-warnings', '3']);
    assert.equal(tooMany.code, 1);
    assert.match(tooMany.stderr, /7 warnings, more than --max-warnings 3/);
    assert.equal(run(['--max-warnings=7']).code, 0);
    const quiet = run(['--quiet', '--format', 'json']);
    assert.ok(JSON.parse(quiet.stdout).every((r: { diagnostics: unknown[] }) => r.diagnostics.length === 0));
  });

  it('lints a single file on its own', () => {
    const result = run(['--format', 'json', 'workspaces/Delta/workspace.json']);
    assert.equal(result.code, 0);
    assert.deepEqual(JSON.parse(result.stdout), [{ file: 'workspaces/Delta/workspace.json', diagnostics: [], hostAccess: [] }]);
  });

  it('exits 2 with a message for bad usage and unreadable paths', () => {
    for (const [args, message] of [[['--format', 'xml'], /unknown format "xml"/], [['--bogus'], /Unknown option '--bogus'/], [['nowhere'], /cannot read "nowhere"/], [['--max-warnings', 'lots'], /whole number/], [['--schema'], /--schema <value>' argument missing/]] as const) {
      const result = run([...args]);
      assert.equal(result.code, 2, args.join(' '));
      assert.match(result.stderr, message);
    }
  });

  it('exits 2 with "no workspace.json found" on a folder without entries, and 0 with --allow-empty', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-cli-none-'));
    fs.mkdirSync(path.join(root, 'workspaces'));
    const empty = run(['workspaces'], root);
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /^kasm-registry-lint: no workspace\.json found in "workspaces" \(--allow-empty to accept that\)$/m);
    const allowed = run(['--allow-empty', '--format', 'json', 'workspaces'], root);
    assert.equal(allowed.code, 0, allowed.stderr);
    assert.deepEqual(JSON.parse(allowed.stdout), []);
  });

  it('answers --help and --version', () => {
    assert.match(run(['--help']).stdout, /Usage: kasm-registry-lint/);
    assert.equal(run(['--version']).stdout.trim(), JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version);
  });

  it('reports no error over any registry of the corpus, nor over its schema-1.1 entries as a schema-1.0 registry', () => {
    for (const registry of fs.readdirSync(CORPUS).filter((d) => fs.statSync(path.join(CORPUS, d)).isDirectory())) {
      const result = run(['--quiet', '--format', 'json', registry], CORPUS);
      assert.equal(result.code, 0, `${registry}: ${result.stdout}`);
    }
    const registry10 = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-cli-as-1.0-'));
    const derived = corpusEntries().filter((entry) => entry.derived);
    for (const { text, label } of derived) {
      const folder = path.join(registry10, 'workspaces', path.dirname(label));
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, 'workspace.json'), text);
    }
    const result = run(['--quiet', '--format', 'json', '--schema', '1.0', '.'], registry10);
    assert.equal(result.code, 0, result.stdout);
    const files = JSON.parse(result.stdout) as { file: string; diagnostics: unknown[] }[];
    assert.equal(files.length, derived.length, 'every entry was read');
    assert.deepEqual(files.filter((f) => f.diagnostics.length > 0), [], 'no error in any of them');
  });
});
