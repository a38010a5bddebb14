// The server checks a whole registry: problems of entries nobody opened reach the editor, and cross-entry
// problems follow edits in other entries.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { REPO_ROOT } from '../helpers/core';
import { TestClient, startTestClient } from '../helpers/lspClient';

/** A fresh copy of the test registry, and the URI of one of its entries. */
function copyOfRegistry(): { root: string; uriOf: (entry: string) => string } {
  const root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-lsp-registry-')), 'registry');
  fs.cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'lint-registry'), root, { recursive: true });
  return { root, uriOf: (entry) => pathToFileURL(path.join(root, 'workspaces', entry, 'workspace.json')).href };
}

describe('language server on a registry folder', () => {
  const { root, uriOf } = copyOfRegistry();
  let client: TestClient;
  let firstBeta: Promise<{ code?: unknown }[]>;
  let firstGamma: Promise<{ code?: unknown }[]>;

  before(async () => {
    client = await startTestClient({ workspaceFolders: [root] });
    // Listen before the scan's diagnostics can arrive.
    firstBeta = client.diagnostics(uriOf('Beta'));
    firstGamma = client.diagnostics(uriOf('Gamma'));
  });
  after(async () => { await client.stop(); });

  it('publishes the problems of every entry, unopened ones included, cross-entry rules too', async () => {
    assert.deepEqual((await firstBeta).map((d) => d.code).sort(), ['available-tags-partial', 'duplicate-name', 'icon-collision']);
    assert.deepEqual((await firstGamma).map((d) => d.code).sort(), ['memory-in-gb', 'registry-schema-mismatch']);
  });

  it('clears a closed entry\'s duplicate-name when another entry is renamed in the editor', async () => {
    const alpha = path.join(root, 'workspaces', 'Alpha', 'workspace.json');
    const text = fs.readFileSync(alpha, 'utf8');
    await client.openChecked(alpha, text);
    const betaAfter = client.diagnostics(uriOf('Beta'));
    client.change(uriOf('Alpha'), 2, [{ text: text.replace('"Shared Name"', '"Alpha Desktop"') }]);
    assert.ok(!(await betaAfter).some((d) => d.code === 'duplicate-name'), 'Beta, never opened, no longer shares a name');
    // Closing Alpha without saving brings back what is on disk.
    const betaReverted = client.diagnostics(uriOf('Beta'));
    client.close(uriOf('Alpha'));
    assert.ok((await betaReverted).some((d) => d.code === 'duplicate-name'));
  });

  it('clears every entry of a folder deleted whole, told of the folder only (as VS Code tells it)', async () => {
    const gone = client.diagnostics(uriOf('Gamma'), (p) => p.diagnostics.length === 0);
    fs.rmSync(path.join(root, 'workspaces', 'Gamma'), { recursive: true });
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(path.join(root, 'workspaces', 'Gamma')).href, type: 3 }] });
    assert.deepEqual(await gone, []);
  });

  it('follows a workspace.json deleted on disk', async () => {
    const betaAfter = client.diagnostics(uriOf('Beta'), (p) => !p.diagnostics.some((d) => d.code === 'duplicate-name'));
    const gone = client.diagnostics(uriOf('Alpha'));
    fs.rmSync(path.join(root, 'workspaces', 'Alpha'), { recursive: true });
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('Alpha'), type: 3 }] });
    assert.deepEqual(await gone, []);
    assert.ok(!(await betaAfter).some((d) => d.code === 'icon-collision'));
  });
});

describe('language server as the workspace\'s registries and settings change', () => {
  const { root, uriOf } = copyOfRegistry();
  let client: TestClient;
  const foldersChange = (change: { added?: string[]; removed?: string[] }) => client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
    event: {
      added: (change.added ?? []).map((folder) => ({ uri: pathToFileURL(folder).href, name: path.basename(folder) })),
      removed: (change.removed ?? []).map((folder) => ({ uri: pathToFileURL(folder).href, name: path.basename(folder) })),
    },
  });

  before(async () => { client = await startTestClient({ workspaceFolders: [] }); });
  after(async () => { await client.stop(); });

  it('checks a registry folder added to the workspace, and clears its problems when it is removed', async () => {
    const checked = client.diagnostics(uriOf('Beta'), (p) => p.diagnostics.length > 0);
    await foldersChange({ added: [root] });
    assert.ok((await checked).some((d) => d.code === 'duplicate-name'));
    const cleared = client.diagnostics(uriOf('Beta'), (p) => p.diagnostics.length === 0);
    await foldersChange({ removed: [root] });
    assert.deepEqual(await cleared, []);
  });

  it('clears the problems of entries nobody opened when registry checks are turned off, and brings them back', async () => {
    const checked = client.diagnostics(uriOf('Beta'), (p) => p.diagnostics.length > 0);
    await foldersChange({ added: [root] });
    await checked;
    // An open entry keeps its own problems; only the cross-entry ones go with the registry.
    const gamma = path.join(root, 'workspaces', 'Gamma', 'workspace.json');
    await client.openChecked(gamma, fs.readFileSync(gamma, 'utf8'));
    const cleared = client.diagnostics(uriOf('Beta'), (p) => p.diagnostics.length === 0);
    const gammaAlone = client.diagnostics(uriOf('Gamma'), (p) => !p.diagnostics.some((d) => d.code === 'registry-schema-mismatch'));
    client.settings = { registryChecks: { enable: false } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(await cleared, []);
    assert.deepEqual((await gammaAlone).map((d) => d.code), ['memory-in-gb']);
    const back = client.diagnostics(uriOf('Beta'), (p) => p.diagnostics.length > 0);
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.ok((await back).some((d) => d.code === 'duplicate-name'));
  });
});

describe('language server progress while a registry loads', () => {
  it('reports "Checking N Kasm entries…" from begin to end to an editor that shows progress', async () => {
    const { root } = copyOfRegistry();
    const entries = fs.readdirSync(path.join(root, 'workspaces')).length;
    const client = await startTestClient({ workspaceFolders: [root], showsProgress: true });
    try {
      const progress = () => client.notifications.filter((n) => n.method === '$/progress').map((n) => (n.params as { value: { kind: string; title?: string; message?: string } }).value);
      const end = Date.now() + 10000;
      while (!progress().some((p) => p.kind === 'end') && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 20));
      assert.ok(client.notifications.some((n) => n.method === 'window/workDoneProgress/create'), 'the server asks the editor for a progress token');
      const [begin] = progress();
      assert.equal(begin?.kind, 'begin');
      assert.equal(begin?.title, 'Kasm registry');
      assert.equal(begin?.message, `Checking ${entries} Kasm entries…`);
      assert.equal(progress().at(-1)?.kind, 'end');
    } finally {
      await client.stop();
    }
  });

  it('reports nothing to an editor that does not show progress', async () => {
    const { root } = copyOfRegistry();
    const client = await startTestClient({ workspaceFolders: [root] });
    try {
      await client.diagnostics(pathToFileURL(path.join(root, 'workspaces', 'Beta', 'workspace.json')).href);
      assert.deepEqual(client.notifications.filter((n) => n.method === '$/progress' || n.method === 'window/workDoneProgress/create'), []);
    } finally {
      await client.stop();
    }
  });
});

describe('language server on a registry whose .kasm-lint.json is not valid', () => {
  it('shows the problem in the file, and checks the entries with the default severities', async () => {
    const { root, uriOf } = copyOfRegistry();
    const config = path.join(root, '.kasm-lint.json');
    fs.writeFileSync(config, `{ "rules": { "memory-in-gb": "off" } }\n${'['.repeat(20_000)}`);
    const client = await startTestClient({ workspaceFolders: [root] });
    try {
      const configProblems = client.diagnostics(pathToFileURL(config).href);
      const status = () => client.notifications.filter((n) => n.method === 'kasm/lintConfigStatus')
        .map((n) => (n.params as { ignored: string[] }).ignored);
      const gamma = client.diagnostics(uriOf('Gamma'));
      const [problem] = await configProblems;
      assert.equal(problem.code, 'lint-config');
      assert.match(String((problem as { message?: string }).message), /The file is ignored: entries are checked with the default severities\./);
      assert.ok((await gamma).some((d) => d.code === 'memory-in-gb'), 'not turned off by a config that is ignored');
      // Told after the scan's problems: waited for, within a limit.
      const told = async (expected: string[]) => {
        const now = () => JSON.stringify(status().at(-1));
        const end = Date.now() + 5000;
        while (now() !== JSON.stringify(expected) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
        assert.deepEqual(status().at(-1), expected);
      };
      await told([pathToFileURL(config).href]);
      // Opened in the editor, the entry gets the same problems as the scan gave it (one resolution, #27.11).
      const gammaFile = path.join(root, 'workspaces', 'Gamma', 'workspace.json');
      const opened = await client.openChecked(gammaFile, fs.readFileSync(gammaFile, 'utf8'));
      assert.ok(opened.diagnostics.some((d) => d.code === 'memory-in-gb'));
      // Fixed: the problem goes, and the file's severities apply.
      const cleared = client.diagnostics(pathToFileURL(config).href, (p) => p.diagnostics.length === 0);
      fs.writeFileSync(config, '{ "rules": { "memory-in-gb": "off" } }\n');
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(config).href, type: 2 }] });
      assert.deepEqual(await cleared, []);
      await told([]);
    } finally {
      await client.stop();
    }
  });
});

describe('language server on entries that change while the startup scan reads them', () => {
  it('clears the problems of entries deleted during the scan (#27.7)', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-lsp-scan-delete-'));
    const count = 3000;
    const uri = (i: number) => pathToFileURL(path.join(root, 'workspaces', `E${i}`, 'workspace.json')).href;
    for (let i = 0; i < count; i++) {
      fs.mkdirSync(path.join(root, 'workspaces', `E${i}`), { recursive: true });
      fs.writeFileSync(path.join(root, 'workspaces', `E${i}`, 'workspace.json'), `{ "friendly_name": "E${i}", "memory": 4 }`);
    }
    const client = await startTestClient({ workspaceFolders: [root], showsProgress: true });
    try {
      const progress = () => client.notifications.filter((n) => n.method === '$/progress').map((n) => (n.params as { value: { kind: string } }).value.kind);
      const began = Date.now() + 10000;
      while (!progress().includes('begin') && Date.now() < began) await new Promise((resolve) => setTimeout(resolve, 1));
      // The scan reads entries in path order: the first ones are read, then deleted, while it reads the others.
      const first = Array.from({ length: count }, (_, i) => `E${i}`).sort().slice(0, 100);
      await new Promise((resolve) => setTimeout(resolve, 30));
      for (const name of first) fs.rmSync(path.join(root, 'workspaces', name), { recursive: true });
      assert.ok(!progress().includes('end'), `deleted while the scan reads (${progress().join()})`);
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
        changes: first.map((name) => ({ uri: pathToFileURL(path.join(root, 'workspaces', name)).href, type: 3 })),
      });
      // Every entry ends with no problems shown: the last word on each is an empty list (or none was ever said).
      const deletedUri = (name: string) => pathToFileURL(path.join(root, 'workspaces', name, 'workspace.json')).href;
      const showing = () => first.filter((name) => client.shown(deletedUri(name))?.length).length;
      const end = Date.now() + 30000;
      while ((!progress().includes('end') || showing() > 0) && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.ok(progress().includes('end'), 'the scan ended');
      assert.equal(showing(), 0, 'deleted entries still showing problems');
      assert.ok(client.shown(uri(count - 1))?.length, 'the entries that are still there keep theirs');
    } finally {
      await client.stop();
    }
  });
});

describe('language server in VS Code\'s Restricted Mode (workspaceTrusted: false)', () => {
  it('lets the registry\'s .kasm-lint.json raise severities only, and asks no registry (#27.10)', async () => {
    const { root, uriOf } = copyOfRegistry();
    fs.writeFileSync(path.join(root, '.kasm-lint.json'), JSON.stringify({ rules: { 'memory-in-gb': 'off', 'duplicate-name': 'error' } }));
    let requests = 0;
    const registry = http.createServer((_request, response) => { requests++; response.writeHead(404).end(); });
    await new Promise<void>((resolve) => registry.listen(0, '127.0.0.1', resolve));
    const host = `127.0.0.1:${(registry.address() as AddressInfo).port}`;
    const client = await startTestClient({
      workspaceFolders: [root], initializationOptions: { workspaceTrusted: false },
      settings: { images: { online: true, allowHosts: ['127.0.0.1'] } },
    });
    try {
      const gamma = await client.diagnostics(uriOf('Gamma'));
      assert.ok(gamma.some((d) => d.code === 'memory-in-gb' && d.severity === 2), 'not turned off by an untrusted config');
      const beta = client.shown(uriOf('Beta')) ?? await client.diagnostics(uriOf('Beta'));
      assert.ok(beta.some((d) => d.code === 'duplicate-name' && d.severity === 1), 'raised by it');
      const opened = await client.openChecked(path.join(root, 'workspaces', 'Lab', 'workspace.json'),
        JSON.stringify({ friendly_name: 'Lab', compatibility: [{ version: '1.18.x', image: `${host}/acme/lab:1`, uncompressed_size_mb: 1 }] }));
      await new Promise((resolve) => setTimeout(resolve, 500));
      assert.ok(!opened.diagnostics.some((d) => String(d.code).startsWith('image-')), JSON.stringify(opened.diagnostics));
      assert.equal(requests, 0, 'no registry contacted');
    } finally {
      await client.stop();
      registry.close();
    }
  });
});
