// kasm-registry-lint visible (#29.1): the registry as an admin on one Kasm version sees it, from the bundled CLI.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cliRun';
import { CORPUS } from '../helpers/corpus';

const run = (args: string[]) => runCli(['visible', ...args]);
const compat = (version: string, image: string, tags?: string[]) =>
  ({ version, image, uncompressed_size_mb: 1000, ...(tags ? { available_tags: tags } : {}) });
const entry11 = (name: string, ...compatibility: object[]) => ({
  friendly_name: name, description: 'x', image_src: 'icon.png', architecture: ['amd64'], categories: ['Development'], compatibility,
});

function registry(entries: Record<string, object | string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-visible-'));
  for (const [name, content] of Object.entries(entries)) {
    fs.mkdirSync(path.join(root, 'workspaces', name), { recursive: true });
    fs.writeFileSync(path.join(root, 'workspaces', name, 'workspace.json'), typeof content === 'string' ? content : JSON.stringify(content));
  }
  return root;
}

describe('kasm-registry-lint visible', () => {
  const root = registry({
    Wildcard: entry11('Wildcard', compat('1.18.x', 'acme/w:1.18.0', ['1.18.0', 'develop'])),
    Exact: entry11('Exact', compat('1.18.0', 'acme/e:1.18.0', ['1.18.0'])),
    ExactFirst: entry11('Exact First', compat('1.18.x', 'acme/f:wild', ['1.18.0']), compat('1.18.1', 'acme/f:exact', ['1.18.0'])),
    Older: entry11('Older', compat('1.17.x', 'acme/o:1.17.0', ['1.17.0'])),
    Legacy: { name: 'acme/l:1.15.0', friendly_name: 'Legacy', description: 'x', image_src: 'icon.png', architecture: ['amd64'], compatibility: ['1.15.x'] },
    Broken: '{ "friendly_name": ',
  });
  const json = async (args: string[]) => {
    const result = await run([...args, '--format', 'json', root]);
    assert.equal(result.status, 0, result.stderr);
    type View = {
      kasmVersion: string; channel: string | null; schema: string;
      visible: { entry: string; image: string }[]; hidden: { entry: string; reason: string }[];
    };
    return JSON.parse(result.stdout) as View;
  };

  it('lists what Kasm 1.18.1 lists: the exact version first, then 1.18.x; hides the rest, saying why', async () => {
    const view = await json(['--kasm-version', '1.18.1']);
    assert.equal(view.schema, '1.1');
    assert.deepEqual(view.visible.map((v) => [v.entry, v.image]), [
      ['workspaces/ExactFirst/workspace.json', 'acme/f:exact'], ['workspaces/Wildcard/workspace.json', 'acme/w:1.18.0'],
    ]);
    assert.deepEqual(Object.fromEntries(view.hidden.map((h) => [h.entry.split('/')[1], h.reason])), {
      Broken: 'not a JSON object: the registry build fails on it',
      Exact: 'exact version "1.18.0" does not match 1.18.1',
      Legacy: 'a schema 1.0 entry in a schema 1.1 registry',
      Older: 'no compatibility for 1.18.1 or 1.18.x',
    });
  });

  it('in a channel, lists the entries that offer it, with the channel\'s tag', async () => {
    const view = await json(['--kasm-version', '1.18.0', '--channel', 'develop']);
    assert.equal(view.channel, 'develop');
    assert.deepEqual(view.visible.map((v) => v.image), ['acme/w:develop']);
    assert.ok(view.hidden.some((h) => h.entry.includes('Exact/') && h.reason === 'not offered in the channel "develop"'));
  });

  it('on a Kasm that reads the other schema, hides everything and says so; refuses a version that is no release', async () => {
    const view = await json(['--kasm-version', '1.15.0']);
    assert.equal(view.visible.length, 0);
    assert.ok(view.hidden.every((h) => h.reason === 'Kasm 1.15 reads registry schema 1.0; this registry publishes 1.1' || h.reason.startsWith('not a JSON')));
    const bad = await run(['--kasm-version', '1.18.x', root]);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /visible needs --kasm-version as a Kasm release such as 1\.19\.0, not "1\.18\.x"/);
  });

  it('shows Kasm\'s own registry on 1.19.0: the images it installs, and the retired entries it no longer offers', async () => {
    const result = await run(['--kasm-version', '1.19.0', path.join(CORPUS, 'kasm-official-registry@1.1')]);
    assert.equal(result.status, 0, result.stderr);
    assert.match(result.stdout, /^Kasm 1\.19\.0, registry schema 1\.1: 71 listed, 14 hidden\n/);
    assert.match(result.stdout, /^ {2}hidden {2}Alpine 3\.19 {2}\(Alpine 3\.19\/workspace\.json\): no compatibility for 1\.19\.0 or 1\.19\.x$/m);
    assert.match(result.stdout, /^ {2}listed {2}AlmaLinux 8 {2}kasmweb\/almalinux-8-desktop:\S+$/m);
  });

  it('says what is wrong with its command line, exit 2, and prints its usage on --help', async () => {
    const usage = [
      [['--kasm-version', '1.18.1', '--format', 'sarif', root], 'unknown format "sarif" for visible; use stylish or json'],
      [['--kasm-version', '1.18.1', '--schema', '1.2', root], 'unknown schema "1.2"'],
      [['--kasm-version', '1.18.1', root, root], 'visible takes one registry folder'],
      [['--kasm-version', '1.18.1', '--bogus', root], "Unknown option '--bogus'"],
      [[root], 'visible needs --kasm-version as a Kasm release such as 1.19.0'],
    ] as const;
    for (const [args, message] of usage) {
      const result = await run([...args]);
      assert.equal(result.status, 2, args.join(' '));
      assert.ok(result.stderr.includes(message), `${args.join(' ')}: ${result.stderr}`);
      assert.equal(result.stdout, '');
    }
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-visible-empty-'));
    const none = await run(['--kasm-version', '1.18.1', empty]);
    assert.equal(none.status, 2);
    assert.ok(none.stderr.includes(`no workspace.json found in "${empty}"`), none.stderr);
    const help = await run(['--help']);
    assert.equal(help.status, 0);
    assert.match(help.stdout, /^Usage: kasm-registry-lint visible --kasm-version <M\.m\.p> \[options\] \[path\]/);
    assert.match(help.stdout, /--schema <version> +1\.0 \| 1\.1: /);
  });

  it('reads the registry\'s schema from its entries, unless --schema says it; in stylish, one line per entry', async () => {
    const legacy = registry({
      A: { name: 'acme/a:1.15.0', friendly_name: 'A', description: 'x', image_src: 'icon.png', architecture: ['amd64'], compatibility: ['1.15.x'] },
      B: { name: 'acme/b:1.15.0', friendly_name: 'B', description: 'x', image_src: 'icon.png', architecture: ['amd64'], compatibility: ['1.15.x'] },
      C: entry11('C', compat('1.15.x', 'acme/c:1.15.0')),
      Broken: '[',
    });
    const told = await run(['--kasm-version', '1.15.0', legacy]);
    assert.equal(told.status, 0, told.stderr);
    assert.match(told.stdout, /^Kasm 1\.15\.0, registry schema 1\.0: 2 listed, 2 hidden\n\n {2}listed {2}A {2}acme\/a:1\.15\.0\n {2}listed {2}B {2}acme\/b:1\.15\.0\n/);
    const forced = await run(['--kasm-version', '1.16.0', '--schema', '1.1', '--channel', 'x', legacy]);
    assert.match(forced.stdout, /^Kasm 1\.16\.0, channel "x", registry schema 1\.1: 0 listed, 4 hidden\n/);
  });
});
