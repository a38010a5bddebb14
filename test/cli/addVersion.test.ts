// Upgrade day (#29.3): kasm-registry-lint add-version over the real binary. The printed diff applies with git,
// nothing is written without --write, formatting and key order are kept, entries that have the version or are of the
// other schema are left alone and said, the result lints clean, and --online confirms tags against a real registry.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/cliRun';
import { LocalRegistry, startRegistry } from '../helpers/dockerRegistry';


const object = (version: string, image: string, extra: object = {}) => ({ version, image, uncompressed_size_mb: 2461, ...extra });
const entry = (name: string, compatibility: object[]) => ({
  friendly_name: name, description: 'A lab.', image_src: 'icon.png', categories: ['Development'], architecture: ['amd64'], compatibility,
});

function registryOf(entries: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-add-version-'));
  for (const [name, text] of Object.entries(entries)) {
    fs.mkdirSync(path.join(root, 'workspaces', name), { recursive: true });
    fs.writeFileSync(path.join(root, 'workspaces', name, 'workspace.json'), text);
  }
  return root;
}

const run = (root: string, args: string[]) => runCli(args, root);
const read = (root: string, name: string) => fs.readFileSync(path.join(root, 'workspaces', name, 'workspace.json'), 'utf8');
const codes = async (root: string) => (JSON.parse((await run(root, ['--format', 'json', '.'])).stdout) as { file: string; diagnostics: { code: string }[] }[])
  .flatMap((r) => r.diagnostics.map((d) => `${r.file} ${d.code}`)).filter((line) => !line.endsWith('icon-missing')).sort();

describe('kasm-registry-lint add-version', () => {
  const tags = { available_tags: ['develop', '1.18.0', '1.18.0-rolling-daily', '1.18.1-rolling-daily'] };
  const chrome = `${JSON.stringify(entry('Chrome', [object('1.17.x', 'kasmweb/chrome:1.17.0', { available_tags: ['1.17.0'] }), object('1.18.x', 'kasmweb/chrome:1.18.0-rolling-daily', tags)]), null, 2)}\n`;
  // Tabs and CRLF, keys in an unusual order: kept as they are.
  const tabbed = `${JSON.stringify(entry('Tabbed', [{ image: 'acme/tabbed:3.2.1', version: '1.18.x', uncompressed_size_mb: 900, available_tags: ['3.2.1'] }]), null, '\t').replace(/\n/g, '\r\n')}\r\n`;
  const done = `${JSON.stringify(entry('Done', [object('1.19.x', 'kasmweb/done:1.19.0')]), null, 2)}\n`;
  const old = `${JSON.stringify({ ...entry('Old', []), name: 'kasmweb/old:1.15.0', uncompressed_size_mb: 1, compatibility: ['1.14.x'] }, null, 2)}\n`;

  it('prints a diff git applies, and writes nothing', async () => {
    const root = registryOf({ Chrome: chrome, Tabbed: tabbed, Done: done });
    const result = await run(root, ['add-version', '1.19.x']);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual([read(root, 'Chrome'), read(root, 'Tabbed'), read(root, 'Done')], [chrome, tabbed, done], 'nothing written');
    assert.match(result.stderr, /workspaces\/Done\/workspace\.json: left alone: already has 1\.19\.x/);
    assert.match(result.stderr, /1\.19\.x would be added to 2 of 3 entries \(--write to write them\)/);
    fs.writeFileSync(path.join(root, 'change.diff'), result.stdout);
    const applied = spawnSync('git', ['apply', '--check', '-p1', 'change.diff'], { cwd: root, encoding: 'utf8' });
    assert.equal(applied.status, 0, applied.stderr);
  });

  it('--write adds the object copied from the newest one, tags moved to the release, the rest of the text kept', async () => {
    const root = registryOf({ Chrome: chrome, Tabbed: tabbed });
    const before = await codes(root);
    assert.equal((await run(root, ['add-version', '1.19.x', '--write'])).status, 0);
    const written = JSON.parse(read(root, 'Chrome')) as { compatibility: object[] };
    assert.deepEqual(written.compatibility.at(-1), object('1.19.x', 'kasmweb/chrome:1.19.0-rolling-daily', { available_tags: ['develop', '1.19.0', '1.19.0-rolling-daily'] }));
    // Only the insertion changed: what was before the end of the list is byte for byte the same.
    const cut = chrome.lastIndexOf('    }\n  ]');
    assert.equal(read(root, 'Chrome').slice(0, cut), chrome.slice(0, cut));
    const tab = read(root, 'Tabbed');
    assert.ok(tab.startsWith(tabbed.slice(0, tabbed.lastIndexOf('\t\t}'))), 'tabs and CRLF kept');
    assert.ok(!/[^\r]\n/.test(tab), 'no bare LF');
    assert.deepEqual(Object.keys((JSON.parse(tab) as { compatibility: object[] }).compatibility[1]), ['image', 'version', 'uncompressed_size_mb', 'available_tags'], 'key order kept');
    assert.equal((JSON.parse(tab) as { compatibility: { image: string }[] }).compatibility[1].image, 'acme/tabbed:3.2.1', 'a tag that is not a Kasm release stays');
    // Clean under the linter: the registry now serves 1.19, and nothing new is reported.
    const afterwards = await codes(root);
    assert.ok(before.some((line) => line.endsWith('registry-misses-newest')));
    assert.deepEqual(afterwards, before.filter((line) => !line.endsWith('registry-misses-newest')));
    assert.match((await run(root, ['add-version', '1.19.x'])).stderr, /would be added to 0 of 2 entries/);
  });

  it('leaves an entry of the other schema alone and says why; adds a 1.0 version as a string; refuses unknown versions', async () => {
    const root = registryOf({ Old: old, Chrome: chrome });
    const result = await run(root, ['add-version', '1.19.x', '--entry', 'Old', '--write']);
    assert.match(result.stderr, /Old\/workspace\.json: left alone: a schema 1\.0 entry: Kasm 1\.19\.x reads schema 1\.1/);
    assert.equal(read(root, 'Old'), old);
    assert.equal((await run(root, ['add-version', '1.15.x', '--entry', 'workspaces/Old', '--write'])).status, 0);
    assert.deepEqual((JSON.parse(read(root, 'Old')) as { compatibility: string[] }).compatibility, ['1.14.x', '1.15.x']);
    assert.equal(read(root, 'Chrome'), chrome, '--entry picks one');
    for (const version of ['1.25.x', '1.19', 'latest']) {
      const refused = await run(root, ['add-version', version]);
      assert.equal(refused.status, 2, version);
      assert.match(refused.stderr, /is not a Kasm version this tool knows/);
    }
    assert.match((await run(root, ['add-version', '1.19.x', '--entry', 'Nope'])).stderr, /no entry named Nope/);
  });

  it('says what is wrong with its command line, prints its usage on --help, and names entries by folder, path or file', async () => {
    const root = registryOf({ Chrome: chrome, Tabbed: tabbed });
    for (const [args, message] of [
      [['add-version'], 'add-version needs a Kasm version, e.g. add-version 1.20.x'],
      [['add-version', '1.19.x', '.', 'other'], 'add-version takes one registry folder'],
      [['add-version', '1.19.x', '--bogus'], "Unknown option '--bogus'"],
    ] as const) {
      const result = await run(root, [...args]);
      assert.equal(result.status, 2, args.join(' '));
      assert.ok(result.stderr.includes(message), `${args.join(' ')}: ${result.stderr}`);
    }
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-add-version-empty-'));
    assert.ok((await run(empty, ['add-version', '1.19.x'])).stderr.includes('no workspace.json found in "."'));
    const help = await run(root, ['add-version', '--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: kasm-registry-lint add-version <version> \[options\] \[path\]/);
    // One entry named four ways; two entries named at once; a name that is only part of a folder's picks nothing.
    for (const name of ['Chrome', 'workspaces/Chrome', 'workspaces/Chrome//', 'workspaces/Chrome/workspace.json']) {
      assert.match((await run(root, ['add-version', '1.19.x', '--entry', name])).stderr, /would be added to 1 of 1 entries \(--write to write them\)/, name);
    }
    assert.match((await run(root, ['add-version', '1.19.x', '--entry', 'Chrome', '--entry', 'Tabbed'])).stderr, /would be added to 2 of 2 entries/);
    assert.match((await run(root, ['add-version', '1.19.x', '--entry', 'Chr'])).stderr, /no entry named Chr in "\."/);
    const diff = (await run(root, ['add-version', '1.19.x', '--entry', 'Tabbed'])).stdout;
    assert.match(diff, /^--- a\/workspaces\/Tabbed\/workspace\.json\n\+\+\+ b\/workspaces\/Tabbed\/workspace\.json\n@@ /m);
    const written = await run(root, ['add-version', '1.19.x', '--entry', 'Tabbed', '--write']);
    assert.equal(written.stdout, '');
    assert.match(written.stderr, /1\.19\.x added to 1 of 1 entries\n$/);
  });

  describe('--online, against a registry', () => {
    let registry: LocalRegistry;
    before(async () => {
      registry = await startRegistry({ token: true });
      await registry.push('acme/found', '1.19.0', { architectures: ['amd64'], layerBytes: 4_000_000 });
      await registry.push('acme/nearest', '1.19.0-rolling-daily', { architectures: ['amd64'] });
      await registry.push('acme/none', '1.18.0', { architectures: ['amd64'] });
    });
    after(() => registry.stop());

    it('confirms the tag and estimates the size, takes the nearest tag of the release, or leaves the entry alone', async () => {
      const of = (name: string) => `${JSON.stringify(entry(name, [object('1.18.x', `${registry.host}/acme/${name.toLowerCase()}:1.18.0`)]), null, 2)}\n`;
      const root = registryOf({ Found: of('Found'), Nearest: of('Nearest'), None: of('None') });
      const result = await run(root, ['add-version', '1.19.x', '--write', '--online', '--allow-host', '127.0.0.1', '--cache-dir', path.join(root, '.cache')]);
      type Written = { compatibility: { image: string; uncompressed_size_mb: number }[] };
      const added = (name: string) => (JSON.parse(read(root, name)) as Written).compatibility[1];
      assert.equal(added('Found').image, `${registry.host}/acme/found:1.19.0`);
      assert.equal(added('Found').uncompressed_size_mb, 10, '4 MB of compressed layers × 2.5');
      assert.equal(added('Nearest').image, `${registry.host}/acme/nearest:1.19.0-rolling-daily`);
      assert.equal(added('None'), undefined);
      assert.match(result.stderr, /None\/workspace\.json: left alone: ".*acme\/none:1\.19\.0" is not in its registry, and no tag of 1\.19\.0 is/);
      assert.match(result.stderr, /1\.19\.x added to 2 of 3 entries/);
    });
  });
});
