// Cross-entry rules, each with a registry that breaks it and one that does not.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { findWorkspaceFiles } from '../../server/src/node/workspaceFiles';
import { encodePng } from '../helpers/png';
import { RegistryIndex } from '../../server/src/registry/registryIndex';
import { RegistryHints, ciBranch, registryAt } from '../../server/src/registry/context';
import { service } from '../helpers/core';

type Files = Record<string, string | Buffer | object>;

type Reported = { code: string; severity?: number; message: string; range: { start: { line: number } } };

function registry(
  files: Files, branch?: string, hints: RegistryHints = {},
): { root: string; index: RegistryIndex; codes: (entry: string) => string[]; all: Map<string, Reported[]> } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-registry-'));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), Buffer.isBuffer(content) || typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  if (branch) { fs.mkdirSync(path.join(root, '.git')); fs.writeFileSync(path.join(root, '.git', 'HEAD'), `ref: refs/heads/${branch}\n`); }
  const index = new RegistryIndex(service, registryAt(root, nodeFileSystem, hints)).load(findWorkspaceFiles(root));
  const all = new Map([...index.diagnostics()].map(([file, { own, crossEntry }]) => [file, [...own, ...crossEntry]]));
  return { root, index, all, codes: (entry) => (all.get(path.join(root, 'workspaces', entry, 'workspace.json')) ?? []).map((d) => d.code) };
}

const entry11 = (name: string, extra: object = {}, element: object = {}) => ({
  friendly_name: name, description: 'x', image_src: 'icon.png', architecture: ['amd64'],
  compatibility: [{ version: '1.18.x', image: 'a/b:1', uncompressed_size_mb: 1, ...element }], ...extra,
});
const entry10 = (name: string, image: string) => ({
  friendly_name: name, name: image, description: 'x', image_src: 'icon.png', architecture: ['amd64'], compatibility: ['1.15.x'], uncompressed_size_mb: 1,
});
const icon = (shade: number) => encodePng(64, 64, [shade, shade, shade]);

describe('registry-wide checks', () => {
  it('an empty workspace.json counts for no schema when the registry\'s schema is told from its entries (§12)', () => {
    const { codes } = registry({
      'workspaces/A/workspace.json': entry10('A', 'a/a:1'), 'workspaces/B/workspace.json': entry10('B', 'b/b:1'),
      'workspaces/C/workspace.json': '', 'workspaces/D/workspace.json': '',
    });
    // Two empty files, once counted as schema 1.1, tied the vote and reported every entry as "mixing" schemas.
    for (const name of ['A', 'B']) assert.ok(!codes(name).includes('registry-schema-mismatch'), `${name}: ${codes(name).join()}`);
    assert.deepEqual(codes('C'), ['empty-file']);
  });

  it('duplicate friendly_name (1.1) is reported on both entries; distinct names pass', () => {
    const bad = registry({ 'workspaces/A/workspace.json': entry11('Same'), 'workspaces/B/workspace.json': entry11('Same'), 'workspaces/A/icon.png': icon(1), 'workspaces/B/icon.png': icon(1) });
    assert.ok(bad.codes('A').includes('duplicate-name') && bad.codes('B').includes('duplicate-name'));
    const good = registry({ 'workspaces/A/workspace.json': entry11('One'), 'workspaces/B/workspace.json': entry11('Two') });
    assert.ok(!good.codes('A').includes('duplicate-name'));
  });

  it('duplicate name (1.0, the 1.0 page id) is reported, and so is a duplicate friendly_name with other images (§12)', () => {
    const bad = registry({ 'workspaces/A/workspace.json': entry10('A', 'a/b:1'), 'workspaces/B/workspace.json': entry10('B', 'a/b:1') });
    assert.ok(bad.codes('B').includes('duplicate-name'));
    const titles = registry({ 'workspaces/A/workspace.json': entry10('Same', 'a/b:1'), 'workspaces/B/workspace.json': entry10('Same', 'a/c:1') });
    const [reported] = titles.all.get(path.join(titles.root, 'workspaces', 'A', 'workspace.json'))?.filter((d) => d.code === 'duplicate-name') ?? [];
    assert.match(reported?.message ?? '', /^workspaces\/B\/workspace\.json has the friendly_name "Same" too: Kasm's workspace lists show them under one name/);
    const distinct = registry({ 'workspaces/A/workspace.json': entry10('One', 'a/b:1'), 'workspaces/B/workspace.json': entry10('Two', 'a/c:1') });
    assert.deepEqual(distinct.codes('A').filter((c) => c === 'duplicate-name'), []);
  });

  it('the same icon file name with different content collides; the same file reused on purpose passes', () => {
    const bad = registry({ 'workspaces/A/workspace.json': entry11('A'), 'workspaces/B/workspace.json': entry11('B'), 'workspaces/A/icon.png': icon(1), 'workspaces/B/icon.png': icon(200) });
    assert.ok(bad.codes('A').includes('icon-collision') && bad.codes('B').includes('icon-collision'));
    const good = registry({ 'workspaces/A/workspace.json': entry11('A'), 'workspaces/B/workspace.json': entry11('B'), 'workspaces/A/icon.png': icon(1), 'workspaces/B/icon.png': icon(1) });
    assert.ok(!good.codes('A').includes('icon-collision'));
    // "./icon.png" is copied as icon.png: it collides with another entry's "icon.png" (§12), and is no missing icon.
    const dotted = registry({ 'workspaces/A/workspace.json': entry11('A', { image_src: './icon.png' }), 'workspaces/B/workspace.json': entry11('B'), 'workspaces/A/icon.png': icon(1), 'workspaces/B/icon.png': icon(200) });
    assert.deepEqual(dotted.codes('A').filter((c) => c.startsWith('icon-')), ['icon-collision']);
    // An entry without the file whose sibling publishes one of that name shows the sibling's icon: a collision that
    // says so, not a missing icon (§12).
    const borrowing = registry({ 'workspaces/A/workspace.json': entry11('A'), 'workspaces/B/workspace.json': entry11('B'), 'workspaces/B/icon.png': icon(200) });
    assert.deepEqual(borrowing.codes('A').filter((c) => c.startsWith('icon-')), ['icon-collision']);
    const [said] = borrowing.all.get(path.join(borrowing.root, 'workspaces', 'A', 'workspace.json'))?.filter((d) => d.code === 'icon-collision') ?? [];
    assert.match(said?.message ?? '', /^This entry has no "icon\.png" of its own, but workspaces\/B\/workspace\.json publishes one of that name/);
    assert.deepEqual(borrowing.codes('B').filter((c) => c.startsWith('icon-')), [], 'the one that has it is fine');
  });

  it('an icon rewritten with other content starts colliding once its folder is checked again (icon hashes are cached)', () => {
    const good = registry({ 'workspaces/A/workspace.json': entry11('A'), 'workspaces/B/workspace.json': entry11('B'), 'workspaces/A/icon.png': icon(1), 'workspaces/B/icon.png': icon(1) });
    const collisions = () => [...good.index.diagnostics().values()].flatMap(({ crossEntry }) => crossEntry).filter((d) => d.code === 'icon-collision').length;
    assert.equal(collisions(), 0);
    fs.writeFileSync(path.join(good.root, 'workspaces/B/icon.png'), icon(200));
    // As the server does when the editor reports the icon's change (RegistryWorkspace.recheckFolder).
    good.index.refresh(path.join(good.root, 'workspaces/B/workspace.json'), { force: true });
    assert.equal(collisions(), 2);
  });

  it('available_tags on some entries only is reported where missing; all or none passes', () => {
    const bad = registry({ 'workspaces/A/workspace.json': entry11('A', {}, { available_tags: ['develop'] }), 'workspaces/B/workspace.json': entry11('B') });
    assert.deepEqual(bad.codes('B').filter((c) => c === 'available-tags-partial'), ['available-tags-partial']);
    assert.ok(!bad.codes('A').includes('available-tags-partial'));
    for (const tags of [{ available_tags: ['develop'] }, {}]) {
      const good = registry({ 'workspaces/A/workspace.json': entry11('A', {}, tags), 'workspaces/B/workspace.json': entry11('B', {}, tags) });
      assert.ok(!good.codes('B').includes('available-tags-partial'));
    }
  });

  it('an entry of another schema than the rest of the registry is reported; one schema passes', () => {
    const bad = registry({ 'workspaces/A/workspace.json': entry11('A'), 'workspaces/B/workspace.json': entry11('B'), 'workspaces/C/workspace.json': entry10('C', 'a/c:1') });
    assert.deepEqual(bad.codes('C').filter((c) => c === 'registry-schema-mismatch'), ['registry-schema-mismatch']);
    assert.ok(!bad.codes('A').includes('registry-schema-mismatch'));
    const good = registry({ 'workspaces/A/workspace.json': entry11('A'), 'workspaces/B/workspace.json': entry11('B') });
    assert.ok(!good.codes('A').includes('registry-schema-mismatch'));
  });

  it('a branch named like a schema version decides; a 1.0 entry on branch 1.1 is an error (the build crashes)', () => {
    const bad = registry({ 'workspaces/C/workspace.json': entry10('C', 'a/c:1') }, '1.1');
    const mismatch = bad.all.get(path.join(bad.root, 'workspaces/C/workspace.json'))?.find((d) => d.code === 'registry-schema-mismatch');
    assert.equal(mismatch?.severity, 1);
    assert.match(mismatch?.message ?? '', /branch "1\.1"/);
    const good = registry({ 'workspaces/C/workspace.json': entry10('C', 'a/c:1') }, '1.0');
    assert.ok(!good.codes('C').includes('registry-schema-mismatch'));
    const feature = registry({ 'workspaces/C/workspace.json': entry10('C', 'a/c:1') }, 'feature/new-icons');
    assert.ok(!feature.codes('C').includes('registry-schema-mismatch'));
  });

  it('finds the schema without a readable branch: worktrees, detached HEAD in CI, the template\'s scripts, a tie', () => {
    const c10 = { 'workspaces/C/workspace.json': entry10('C', 'a/c:1') };
    const mismatchOf = (found: ReturnType<typeof registry>, entry = 'C') => found.all.get(path.join(found.root, 'workspaces', entry, 'workspace.json'))?.find((d) => d.code === 'registry-schema-mismatch');
    // git worktree / submodule: .git is a file pointing at the real git folder.
    const worktree = registry(c10);
    const gitDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-gitdir-'));
    fs.writeFileSync(path.join(gitDir, 'HEAD'), 'ref: refs/heads/1.1\n');
    fs.writeFileSync(path.join(worktree.root, '.git'), `gitdir: ${gitDir}\n`);
    const inWorktree = new RegistryIndex(service, registryAt(worktree.root, nodeFileSystem)).load(findWorkspaceFiles(worktree.root));
    const worktreeMismatch = inWorktree.diagnostics().get(path.join(worktree.root, 'workspaces/C/workspace.json'))?.crossEntry.find((d) => d.code === 'registry-schema-mismatch');
    assert.equal(worktreeMismatch?.severity, 1, 'a 1.0 entry in a worktree of branch 1.1');
    // A detached HEAD, as pull-request CI checks out: the branch comes from the CI variables.
    const detached = registry(c10, undefined, { ciBranch: ciBranch({ GITHUB_BASE_REF: '1.1', GITHUB_REF_NAME: '12/merge' }) });
    assert.equal(mismatchOf(detached)?.severity, 1);
    assert.equal(ciBranch({ GITHUB_BASE_REF: '', GITHUB_REF_NAME: '1.0' }), '1.0', 'a push run names its branch');
    // A plain folder of the 1.1 template: its processing/ scripts tell.
    const template = registry({ ...c10, 'processing/add_next_version.js': '// 1.1 template' });
    assert.equal(mismatchOf(template)?.severity, 1);
    assert.match(mismatchOf(template)?.message ?? '', /build scripts/);
    // One entry of each schema and nothing else to tell: both are reported.
    const tie = registry({ ...c10, 'workspaces/A/workspace.json': entry11('A') });
    assert.match(mismatchOf(tie)?.message ?? '', /mixes entries of both schemas \(1 of schema 1\.0 and 1 of schema 1\.1\)|mixes entries of both schemas \(1 of schema 1\.1 and 1 of schema 1\.0\)/);
    assert.ok(mismatchOf(tie, 'A'));
  });

  it('no entry for the newest Kasm release is said once, on the entry naming the newest version; one that serves it passes (#29.2)', () => {
    const older = { version: '1.17.x', image: 'a/b:1', uncompressed_size_mb: 1 };
    const gap = registry({
      'workspaces/A/workspace.json': entry11('A', { compatibility: [older] }), 'workspaces/B/workspace.json': entry11('B'), 'workspaces/C/workspace.json': entry11('C'),
    });
    const said = [...gap.all].filter(([, found]) => found.some((d) => d.code === 'registry-misses-newest')).map(([file]) => path.relative(gap.root, file));
    assert.deepEqual(said, ['workspaces/B/workspace.json'], 'B and C name 1.18 (the newest named); B is the first path');
    const message = gap.all.get(path.join(gap.root, 'workspaces', 'B', 'workspace.json'))?.find((d) => d.code === 'registry-misses-newest');
    assert.match(message?.message ?? '', /No entry of this registry is compatible with Kasm 1\.19 .* admins on 1\.19 see an empty registry\. This entry names 1\.18 at newest/);
    assert.equal(message?.severity, 2);
    for (const version of ['1.19.x', '1.19.0']) {
      const served = registry({ 'workspaces/A/workspace.json': entry11('A', {}, { version }), 'workspaces/B/workspace.json': entry11('B') });
      assert.ok(![...served.all.values()].flat().some((d) => d.code === 'registry-misses-newest'), version);
    }
    // A schema 1.0 registry's newest release is 1.15.
    const old = registry({ 'workspaces/A/workspace.json': { ...entry10('A', 'a/a:1'), compatibility: ['1.14.x'] } });
    assert.ok(old.codes('A').includes('registry-misses-newest'));
    assert.ok(!registry({ 'workspaces/A/workspace.json': entry10('A', 'a/a:1') }).codes('A').includes('registry-misses-newest'));
  });

  it('an exact "1.17.0" beside entries naming "1.17.x" is reported at the version; alone, or with its own 1.17.x, it passes (#29.2)', () => {
    const exact = { version: '1.17.0', image: 'a/b:1', uncompressed_size_mb: 1 };
    const line = { version: '1.17.x', image: 'a/b:1', uncompressed_size_mb: 1 };
    const mixed = registry({
      'workspaces/A/workspace.json': entry11('A', { compatibility: [exact] }), 'workspaces/B/workspace.json': entry11('B', { compatibility: [line] }),
    });
    const found = mixed.all.get(path.join(mixed.root, 'workspaces', 'A', 'workspace.json'))?.filter((d) => d.code === 'version-exact-beside-wildcard') ?? [];
    assert.equal(found.length, 1);
    assert.match(found[0].message, /Other entries of this registry name "1\.17\.x"; this one names exactly "1\.17\.0"/);
    assert.ok(!mixed.codes('B').includes('version-exact-beside-wildcard'));
    const alone = registry({ 'workspaces/A/workspace.json': entry11('A', { compatibility: [exact] }), 'workspaces/B/workspace.json': entry11('B') });
    assert.ok(!alone.codes('A').includes('version-exact-beside-wildcard'));
    const both = registry({ 'workspaces/A/workspace.json': entry11('A', { compatibility: [exact, line] }), 'workspaces/B/workspace.json': entry11('B', { compatibility: [line] }) });
    assert.ok(!both.codes('A').includes('version-exact-beside-wildcard'), 'an exact pin beside its own line is on purpose');
  });

  it('reads site/next.config.js as text: no listUrl, the template\'s listUrl, a listUrl without "/", a relative icon', () => {
    const config = (body: string) => registry({ 'workspaces/A/workspace.json': entry11('A'), 'site/next.config.js': `module.exports = {\n  env: {\n${body}\n  },\n}\n` });
    const codes = (found: ReturnType<typeof registry>) => (found.all.get(path.join(found.root, 'site', 'next.config.js')) ?? []).map((d) => [d.code, d.severity, d.range.start.line]);
    assert.deepEqual(codes(config("    listUrl: 'https://registry.kasmweb.com/',\n    icon: '/img/logo.svg',")), [['registry-config', 1, 2], ['registry-config', 2, 3]]);
    assert.deepEqual(codes(config('    listUrl: "https://me.github.io/registry",')), [['registry-config', 2, 2]]);
    // Without a listUrl the build publishes list_url null, which Kasm refuses (#29.2): said on "env".
    const missing = registry({ 'workspaces/A/workspace.json': entry11('A'), 'site/next.config.js': "module.exports = {\n  env: {\n    name: 'Mine',\n  },\n}\n" });
    assert.deepEqual(codes(missing), [['registry-config', 1, 1]]);
    assert.match(missing.all.get(path.join(missing.root, 'site', 'next.config.js'))?.[0].message ?? '', /env\.listUrl is not set: the registry build publishes list_url as null/);
    assert.deepEqual(codes(config("    listUrl: 'https://me.github.io/registry/',\n    icon: 'https://me.github.io/registry/img/logo.svg',")), []);
    // Never run: code in it is only text.
    assert.deepEqual(codes(config("    listUrl: require('child_process').execSync('touch /tmp/kasm-pwned') && 'https://x/',")), []);
    assert.ok(!fs.existsSync('/tmp/kasm-pwned'));
  });

  it('finds every workspace.json under the root but those in node_modules and .git', () => {
    const found = registry({ 'a/workspace.json': entry11('A'), 'deep/er/workspace.json': entry11('B'), 'node_modules/x/workspace.json': '{}', '.git/y/workspace.json': '{}' });
    assert.deepEqual([...found.all.keys()].map((f) => path.relative(found.root, f)).sort(), ['a/workspace.json', 'deep/er/workspace.json']);
  });
});
