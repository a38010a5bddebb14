// What the registry index does with each kind of file it meets (#27.3, #31), in process: a link, a link leading out,
// a FIFO, a file over the size limit, another tool's workspace.json, an open document's newer text, a vanished file,
// and the site config; and what takeChanged hands out after each.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { registryAt } from '../../server/src/registry/context';
import { RegistryIndex } from '../../server/src/registry/registryIndex';
import { fileUri } from '../../server/src/service/document';
import { entryText, service } from '../helpers/core';

function registryRoot(): { root: string; file: (name: string) => string; write: (name: string, text: string) => string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-registry-files-'));
  const file = (name: string) => path.join(root, 'workspaces', name, 'workspace.json');
  const write = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(file(name)), { recursive: true });
    fs.writeFileSync(file(name), text);
    return file(name);
  };
  return { root, file, write };
}
const indexOf = (root: string) => new RegistryIndex(service, registryAt(root, nodeFileSystem));
const said = (index: RegistryIndex, file: string) => index.ownDiagnostics(file).map((d) => `${String(d.code)} ${d.range.start.line}:${d.range.start.character} ${d.message}`);

describe('the registry index meets', () => {
  it('a symbolic link: reported, not read', () => {
    const { root, file, write } = registryRoot();
    const real = write('Real', entryText());
    fs.mkdirSync(path.dirname(file('Link')), { recursive: true });
    fs.symlinkSync(real, file('Link'));
    const index = indexOf(root);
    assert.equal(index.refresh(file('Link')), true);
    assert.deepEqual(said(index, file('Link')), ['entry-not-regular-file 0:0 This workspace.json is a symbolic link: git stores a link as the path it '
      + 'names, not the entry, so the registry build does not read this entry as written here. Make it a regular file.']);
  });

  it('a link leading out of the registry: reported as such', () => {
    const { root, file } = registryRoot();
    const outside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-outside-')), 'workspace.json');
    fs.writeFileSync(outside, entryText());
    fs.mkdirSync(path.dirname(file('Out')), { recursive: true });
    fs.symlinkSync(outside, file('Out'));
    const index = indexOf(root);
    index.refresh(file('Out'));
    assert.deepEqual(said(index, file('Out')), ['entry-not-regular-file 0:0 This workspace.json is a link leading outside the registry: the registry '
      + 'build would read another file. It is not read.']);
  });

  it('a FIFO: reported as unreadable, never opened', () => {
    const { root, file } = registryRoot();
    fs.mkdirSync(path.dirname(file('Fifo')), { recursive: true });
    assert.equal(spawnSync('mkfifo', [file('Fifo')]).status, 0);
    const index = indexOf(root);
    assert.equal(index.refresh(file('Fifo')), true);
    assert.deepEqual(said(index, file('Fifo')), ['entry-not-regular-file 0:0 This workspace.json cannot be read (it is not a regular file, or not '
      + 'readable): the registry build fails on it.']);
  });

  it('a file over 1 MB: degraded, not read; one of exactly 1 MB is read', () => {
    const { root, write } = registryRoot();
    const padded = (bytes: number) => { const text = entryText(); return `${text.slice(0, -1)}, "notes": "${'x'.repeat(bytes - text.length - 13)}"}`; };
    assert.equal(Buffer.byteLength(padded(1_000_000)), 1_000_000);
    const index = indexOf(root);
    index.refresh(write('Big', padded(1_000_001)));
    index.refresh(write('Fits', padded(1_000_000)));
    assert.deepEqual(said(index, path.join(root, 'workspaces', 'Big', 'workspace.json')),
      ['check-degraded 0:0 This workspace.json is larger than 1 MB; registry entries are a few KB. It is not read.']);
    assert.ok(!said(index, path.join(root, 'workspaces', 'Fits', 'workspace.json')).some((s) => s.startsWith('check-degraded')));
  });

  it('another tool\'s workspace.json outside workspaces/: dropped, unless the user named it', () => {
    const { root } = registryRoot();
    const nx = path.join(root, 'apps', 'workspace.json');
    fs.mkdirSync(path.dirname(nx), { recursive: true });
    fs.writeFileSync(nx, '{"version": 2, "projects": {}}');
    const index = indexOf(root);
    assert.equal(index.refresh(nx), false);
    assert.equal(index.has(nx), false);
    assert.equal(index.refresh(nx, { anyContent: true }), true);
    assert.equal(index.has(nx), true);
  });

  it('a file that vanished: removed; an open document: its newer text, and its version', () => {
    const { root, file, write } = registryRoot();
    const index = indexOf(root).load([write('A', entryText())]);
    index.takeChanged();
    const text = entryText({ memory: 4 });
    const open = TextDocument.create(fileUri(file('A')), 'json', 7, text);
    fs.rmSync(file('A'));
    assert.equal(index.refresh(file('A'), { openDocument: () => open }), true);
    const changed = index.takeChanged().get(file('A'));
    assert.equal(changed?.version, 7);
    assert.ok(changed?.own.some((d) => d.code === 'memory-in-gb'), 'checked from the open text');
    assert.equal(index.refresh(file('A')), false, 'closed and gone from disk');
    assert.deepEqual(index.files(), []);
  });

  it('the same text again: no new check, only the version it now stands for', () => {
    const { root, write } = registryRoot();
    const file = write('A', entryText());
    const index = indexOf(root).load([file]);
    index.takeChanged();
    index.update(file, TextDocument.create(fileUri(file), 'json', 3, entryText()));
    assert.equal(index.takeChanged().size, 0, 'nothing changed');
    assert.equal(index.diagnostics().get(file)?.version, 3);
    index.update(file, entryText(), { force: true });
    assert.deepEqual([...index.takeChanged().keys()], [file], 'forced: checked again');
  });

  it('a site config with a problem: handed out once with the entries, and in every whole report', () => {
    const { root, write } = registryRoot();
    const config = path.join(root, 'site', 'next.config.js');
    fs.mkdirSync(path.dirname(config), { recursive: true });
    fs.writeFileSync(config, "module.exports = { env: { listUrl: 'https://registry.kasmweb.com/' } }");
    const index = indexOf(root).load([write('A', entryText())]);
    assert.equal(index.configFile, config);
    const first = index.takeChanged();
    assert.deepEqual(first.get(config)?.own.map((d) => d.code), ['registry-config']);
    assert.equal(index.takeChanged().has(config), false, 'handed out once');
    assert.ok(index.diagnostics().has(config));
    fs.writeFileSync(config, "module.exports = { env: { listUrl: 'https://acme.github.io/kasm/' } }");
    assert.equal(index.refreshConfig(), false);
    assert.equal(index.diagnostics().has(config), false);
  });
});
