// The language server follows a registry as files change outside the editor, told by the editor's file watcher
// (workspace/didChangeWatchedFiles), and as the extension reports entries open in another language: what the
// Problems panel shows for entries nobody opened must follow the disk.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { entryText, folderWith, squareIcon } from '../helpers/core';
import { TestClient, startTestClient } from '../helpers/lspClient';
import { waitFor } from '../helpers/waitFor';

const CREATED = 1;
const CHANGED = 2;
const DELETED = 3;

describe('language server following a registry on disk', () => {
  // Each its own icon name (the build copies all into one folder) and on the newest release, so that only what the
  // test changes is shown.
  const entry = (name: string, extra: object = {}) => entryText({
    friendly_name: name, image_src: `${name.toLowerCase()}.png`, compatibility: [{ version: '1.19.x', image: 'a/b:1', uncompressed_size_mb: 2000 }], ...extra,
  });
  const root = folderWith({
    'workspaces/Lab/workspace.json': entry('Lab'),
    'workspaces/Other/workspace.json': entry('Other'),
    'workspaces/Other/other.png': squareIcon(),
    'site/next.config.js': 'module.exports = { env: { listUrl: \'https://registry.kasmweb.com/\' } };\n',
  });
  const file = (name: string) => path.join(root, name);
  const uriOf = (name: string) => pathToFileURL(file(name)).href;
  const lab = uriOf('workspaces/Lab/workspace.json');
  const other = uriOf('workspaces/Other/workspace.json');
  const config = uriOf('site/next.config.js');
  let client: TestClient;
  const codes = (uri: string) => (client.shown(uri) ?? []).map((d) => String(d.code)).sort();
  /** Tells the server of changes on disk, as the editor's watcher does, and waits for what it then publishes for `uri`. */
  const told = async (uri: string, changes: { uri: string; type: number }[], accept: (p: PublishDiagnosticsParams) => boolean) => {
    const published = client.diagnostics(uri, accept);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
    return (await published).map((d) => String(d.code)).sort();
  };
  const hasCode = (code: string) => (p: PublishDiagnosticsParams) => p.diagnostics.some((d) => d.code === code);
  const lacksCode = (code: string) => (p: PublishDiagnosticsParams) => !hasCode(code)(p);

  before(async () => {
    client = await startTestClient({ workspaceFolders: [root] });
    await waitFor('the first check of the registry', () => client.shown(lab) && client.shown(other) && client.shown(config), 20000, 20);
  });
  after(async () => { await client.stop(); });

  it('checks entries nobody opened and the site config at start', () => {
    assert.deepEqual(codes(lab), ['icon-missing']);
    assert.deepEqual(codes(other), []);
    assert.deepEqual(codes(config), ['registry-config'], 'the template\'s listUrl kept: Kasm takes the fork for its own registry');
  });

  it('sees an icon appear next to an entry, and vanish again', async () => {
    fs.writeFileSync(file('workspaces/Lab/lab.png'), squareIcon());
    assert.deepEqual(await told(lab, [{ uri: uriOf('workspaces/Lab/lab.png'), type: CREATED }], lacksCode('icon-missing')), []);
    fs.rmSync(file('workspaces/Lab/lab.png'));
    assert.deepEqual(await told(lab, [{ uri: uriOf('workspaces/Lab/lab.png'), type: DELETED }], hasCode('icon-missing')), ['icon-missing']);
  });

  it('reads an entry changed on disk that nobody opened', async () => {
    fs.writeFileSync(file('workspaces/Other/workspace.json'), entry('Other', { memory: 4 }));
    assert.deepEqual(await told(other, [{ uri: other, type: CHANGED }], hasCode('memory-in-gb')), ['memory-in-gb']);
    fs.writeFileSync(file('workspaces/Other/workspace.json'), entry('Other'));
    assert.deepEqual(await told(other, [{ uri: other, type: CHANGED }], lacksCode('memory-in-gb')), []);
  });

  it('reads the site config again when it changes', async () => {
    fs.writeFileSync(file('site/next.config.js'), 'module.exports = { env: { listUrl: \'https://labs.example.edu/\' } };\n');
    assert.deepEqual(await told(config, [{ uri: config, type: CHANGED }], lacksCode('registry-config')), []);
    fs.writeFileSync(file('site/next.config.js'), 'module.exports = { env: { listUrl: \'https://registry.kasmweb.com/\' } };\n');
    assert.deepEqual(await told(config, [{ uri: config, type: CHANGED }], hasCode('registry-config')), ['registry-config']);
  });

  it('leaves an entry open in another language alone while it is, and reads it from disk when it closes', async () => {
    const cleared = client.diagnostics(lab, (p) => p.diagnostics.length === 0);
    await client.connection.sendNotification('kasm/otherLanguage', { uri: lab, open: true });
    await cleared;
    const back = client.diagnostics(lab, hasCode('icon-missing'));
    await client.connection.sendNotification('kasm/otherLanguage', { uri: lab, open: false });
    assert.deepEqual((await back).map((d) => d.code), ['icon-missing']);
  });
});
