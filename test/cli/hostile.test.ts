// Registries as an attacker with a pull request would write them: the CLI answers each with bounded, positioned
// diagnostics, and never crashes, hangs, floods its output or reads outside the registry.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { entryText, registryFolder } from '../helpers/core';
import { CLI } from '../helpers/cliRun';

function lint(root: string, args: string[] = []) {
  // A hang fails the test instead of blocking the suite.
  const result = spawnSync(process.execPath, [CLI, '--format', 'json', ...args, root], { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 * 1024 * 1024 });
  assert.equal(result.signal, null, `the CLI was killed (${result.signal}): it hung`);
  type Result = { file: string; diagnostics: { code: string; message: string; severity: string }[] };
  const results = result.stdout ? JSON.parse(result.stdout) as Result[] : [];
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, results };
}

describe('kasm-registry-lint on hostile registries', () => {
  it('bounds what 3,000 entries of one name print: each message names five others and counts the rest', () => {
    const longName = 'x'.repeat(200);
    const root = registryFolder(Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`${longName}${i}`, entryText({})])));
    const { results, stdout } = lint(root);
    const message = results[0].diagnostics.find((d) => d.code === 'duplicate-name')?.message ?? '';
    assert.match(message, / and 2,994 more have the friendly_name "Lab" too/);
    assert.ok(message.length < 2000, `${message.length} characters`);
    assert.ok(stdout.length < 20 * 1024 * 1024, `${stdout.length} bytes of output`);
  });

  it('bounds a launch form of 400 long keys and 7,000 conditions naming none of them', () => {
    const fields = Array.from({ length: 400 }, (_, i) => ({ key: `${'k'.repeat(100)}${i}`, display_if: Array.from({ length: 17 }, () => ({ key: 'nope', value_regex: 'x' })) }));
    const root = registryFolder({ Bomb: entryText({ launch_config: { file_mapping: { destination: '/x' }, launch_form: fields } }) });
    const { results, stdout } = lint(root);
    // The entry's own problems (the one-entry registry also lacks a Kasm 1.19 entry, said on top).
    const diagnostics = results[0].diagnostics.filter((d) => d.code !== 'registry-misses-newest');
    assert.equal(diagnostics.length, 1000, 'at most 1,000 per file');
    assert.match(diagnostics.at(-1)?.message ?? '', /more problems not shown/);
    assert.ok(stdout.length < 2 * 1024 * 1024, `${stdout.length} bytes of output`);
  });

  it('reports an entry whose error recovery nests deeper than its brackets, and checks the others', () => {
    const root = registryFolder({ Deep: '[},'.repeat(3000) + '1', Fine: entryText({ friendly_name: 'Fine' }) });
    const { code, results } = lint(root);
    assert.equal(code, 1);
    assert.deepEqual(results.find((r) => r.file.includes('Deep'))?.diagnostics.map((d) => d.code), ['check-degraded', 'syntax-error']);
    assert.ok(results.some((r) => r.file.includes('Fine')));
  });

  it('never reads icons through links to devices or outside files, nor FIFOs; a FIFO named workspace.json is reported', () => {
    const root = registryFolder({ A: entryText({}), B: entryText({ friendly_name: 'B' }), C: entryText({ friendly_name: 'C' }) });
    const outside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-outside-')), 'secret.png');
    fs.writeFileSync(outside, 'secret');
    fs.symlinkSync('/dev/zero', path.join(root, 'workspaces', 'A', 'icon.png'));
    fs.symlinkSync(outside, path.join(root, 'workspaces', 'B', 'icon.png'));
    spawnSync('mkfifo', [path.join(root, 'workspaces', 'C', 'icon.png')]);
    fs.mkdirSync(path.join(root, 'workspaces', 'D'));
    spawnSync('mkfifo', [path.join(root, 'workspaces', 'D', 'workspace.json')]);
    fs.mkdirSync(path.join(root, '.git'));
    spawnSync('mkfifo', [path.join(root, '.git', 'HEAD')]);
    const { results } = lint(root);
    const codes = (folder: string) => results.find((r) => r.file.includes(`/${folder}/`))?.diagnostics.map((d) => d.code) ?? [];
    assert.ok(codes('A').includes('icon-path'), codes('A').join());
    assert.ok(codes('B').includes('icon-path'));
    assert.ok(codes('C').includes('icon-unreadable'), codes('C').join());
    // A FIFO workspace.json is an entry the build finds and fails on: an error, in the folder's check and alone.
    assert.deepEqual(codes('D'), ['entry-not-regular-file']);
    const fifo = lint(path.join(root, 'workspaces', 'D', 'workspace.json'));
    assert.deepEqual(fifo.results[0]?.diagnostics.map((d) => d.code), ['entry-not-regular-file']);
    assert.match(fifo.results[0]?.diagnostics[0].message ?? '', /cannot be read/);
  });

  it('reports a workspace.json that is a link, inside the registry or out of it, as an error, never dropping it (#27.3)', () => {
    const root = registryFolder({ A: entryText({}) });
    fs.mkdirSync(path.join(root, 'workspaces', 'Inside'));
    fs.symlinkSync(path.join(root, 'workspaces', 'A', 'workspace.json'), path.join(root, 'workspaces', 'Inside', 'workspace.json'));
    fs.mkdirSync(path.join(root, 'workspaces', 'Dangling'));
    fs.symlinkSync(path.join(root, 'nowhere.json'), path.join(root, 'workspaces', 'Dangling', 'workspace.json'));
    const { code, results } = lint(root);
    const of = (folder: string) => results.find((r) => r.file.includes(`/${folder}/`))?.diagnostics ?? [];
    assert.deepEqual(of('Inside').map((d) => [d.code, d.severity]), [['entry-not-regular-file', 'error']]);
    assert.match(of('Inside')[0].message, /is a symbolic link/);
    assert.deepEqual(of('Dangling').map((d) => d.code), ['entry-not-regular-file']);
    assert.equal(code, 1, 'errors fail the run: no more "0 errors"');
  });

  it('does not read a workspace.json that is a link leading outside the registry', () => {
    const root = registryFolder({ A: entryText({}) });
    const outside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-outside-')), 'workspace.json');
    fs.writeFileSync(outside, JSON.stringify({ secret_key_name: 1 }));
    fs.mkdirSync(path.join(root, 'workspaces', 'Link'));
    fs.symlinkSync(outside, path.join(root, 'workspaces', 'Link', 'workspace.json'));
    const { results } = lint(path.join(root, 'workspaces', 'Link', 'workspace.json'));
    const messages = results[0]?.diagnostics.map((d) => d.message) ?? [];
    assert.ok(messages.some((m) => /link leading outside/.test(m)), messages.join('\n'));
    assert.ok(!messages.some((m) => m.includes('secret_key_name')));
  });

  it('exits 2 with a message for a folder it cannot list, instead of "0 entries checked"', { skip: process.getuid?.() !== 0 && 'needs root to run the CLI as another user' }, () => {
    const root = registryFolder({ A: entryText({}) });
    fs.chmodSync(root, 0o700);
    const result = spawnSync(process.execPath, [CLI, root], { encoding: 'utf8', uid: 65534, gid: 65534, timeout: 60_000 });
    assert.equal(result.status, 2, result.stdout + result.stderr);
    assert.match(result.stderr, /cannot read the folder/);
  });

  it('reports a file with a byte order mark as the registry build sees it', () => {
    const root = registryFolder({ Bom: `\uFEFF${entryText({})}` });
    const { results } = lint(root);
    assert.match(results[0].diagnostics.find((d) => d.code === 'syntax-error')?.message ?? '', /byte order mark/);
  });

  it('takes -- before paths, refuses an empty path, and prints no stack trace into a closed pipe', () => {
    const root = registryFolder({ '-dash': entryText({}) });
    const dashed = spawnSync(process.execPath, [CLI, '--format', 'json', '--', '-dash'], { cwd: path.join(root, 'workspaces'), encoding: 'utf8' });
    assert.equal(JSON.parse(dashed.stdout).length, 1, dashed.stderr);
    const empty = spawnSync(process.execPath, [CLI, ''], { encoding: 'utf8' });
    assert.equal(empty.status, 2);
    assert.match(empty.stderr, /empty path/);
    const many = registryFolder(Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`E${i}`, entryText({ friendly_name: `E${i}`, memory: 4 })])));
    const piped = spawnSync('bash', ['-c', `"${process.execPath}" "${CLI}" "${many}" | head -1`], { encoding: 'utf8' });
    assert.equal(piped.stderr, '', 'nothing on standard error');
  });

  it('writes SARIF locations as URI references: "#" and "?" in folder names are encoded', () => {
    const root = registryFolder({ 'C# Dev?': entryText({ memory: 4 }) });
    const sarif = JSON.parse(spawnSync(process.execPath, [CLI, '--format', 'sarif', root], { encoding: 'utf8', cwd: root }).stdout);
    type SarifResult = { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] };
    assert.deepEqual([...new Set(sarif.runs[0].results.map((r: SarifResult) => r.locations[0].physicalLocation.artifactLocation.uri))],
      ['workspaces/C%23%20Dev%3F/workspace.json']);
  });
});
