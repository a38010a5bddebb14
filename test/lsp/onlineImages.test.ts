// Online image checks (#17) through the bundled server over stdio, against a real Docker registry (Debian's
// docker-registry) behind a token server, as Docker Hub is: the default sends nothing; opted in, the answers arrive
// as diagnostics, hover, tag completion, quick fixes and a status, and are kept on disk for the next session.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CodeAction, Diagnostic, MarkupContent } from 'vscode-languageserver-types';
import { LocalRegistry, freePort, startRegistry } from '../helpers/dockerRegistry';
import { TestClient, messageText, startTestClient } from '../helpers/lspClient';
import { startConnectProxy } from '../helpers/connectProxy';
import { IN_PROCESS } from '../helpers/cliRun';
import { waitFor } from '../helpers/waitFor';
import { ImageStatus } from '../../server/src/lsp/protocol';

// The test registry is on this machine, which online checks ask only when the user allows it (#27.1).
const ONLINE = { images: { online: true, allowHosts: ['127.0.0.1'] } };

/** A schema 1.1 entry for `image`, with its architectures, size and channels. */
function entry(image: string, { architecture = ['amd64'], size = 5, tags }: { architecture?: string[]; size?: number; tags?: string[] } = {}): string {
  return `${JSON.stringify({
    friendly_name: 'Lab', description: 'A lab desktop.', image_src: 'lab.png', categories: ['Development'], architecture,
    compatibility: [{ version: '1.16.x', image, uncompressed_size_mb: size, ...(tags ? { available_tags: tags } : {}) }],
  }, null, 2)}\n`;
}

function positionOf(text: string, needle: string, offset = 0) {
  const index = text.indexOf(needle) + offset;
  assert.ok(index >= offset, `${needle} is in the text`);
  const before = text.slice(0, index).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

const codes = (diagnostics: Diagnostic[]) => diagnostics.map((d) => d.code).sort();
const ONLINE_CODES = new Set(['image-tag-missing', 'image-repository-missing', 'image-arch-missing', 'image-arch-unlisted', 'image-size-far', 'available-tag-missing']);
const hasOnline = (diagnostics: Diagnostic[]) => diagnostics.some((d) => ONLINE_CODES.has(String(d.code)));

describe('online image checks in the language server (real registry, token auth)', () => {
  let registry: LocalRegistry;
  let dir: string;
  let cacheFolder: string;

  before(async () => {
    registry = await startRegistry({ token: true });
    await registry.push('acme/lab', '1.0', { architectures: ['amd64'], layerBytes: 2_000_000 });
    await registry.push('acme/lab', '1.1', { architectures: ['amd64'] });
    await registry.push('acme/lab', '0.9', { architectures: ['amd64'] });
    await registry.push('acme/multi', '2.0', { architectures: ['amd64', 'arm64'] });
    await registry.push('private/secret', '1.0', { architectures: ['amd64'] });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-online-'));
    cacheFolder = path.join(dir, 'cache');
  });
  after(async () => {
    await registry.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const file = (name: string) => {
    fs.mkdirSync(path.join(dir, 'workspaces', name), { recursive: true });
    return path.join(dir, 'workspaces', name, 'workspace.json');
  };

  it('sends nothing while kasm.images.online is off (the default)', async () => {
    const client = await startTestClient({ initializationOptions: { imageCacheFolder: cacheFolder } });
    try {
      const text = entry(`${registry.host}/acme/lab:9.9`, { architecture: ['amd64', 'arm64'] });
      const { uri, diagnostics } = await client.openChecked(file('Off'), text);
      assert.ok(!hasOnline(diagnostics));
      const hover = await client.hover(uri, positionOf(text, 'acme/lab'));
      assert.ok(!(hover?.contents as MarkupContent).value.includes('Digest'));
      assert.deepEqual(registry.requests().filter((r) => !/^(PUT|POST|GET \/v2\/ )/.test(r)), [], 'no request reached the registry');
    } finally {
      await client.stop();
    }
  });

  it('loads its HTTP client (dist/undici.js) at the first question to a registry, never while online checks are off', {
    skip: IN_PROCESS && 'what the server loads is seen in a process of its own',
  }, async () => {
    // Node names each CommonJS module it loads on standard error under NODE_DEBUG=module.
    const env = { ...process.env, NODE_DEBUG: 'module' };
    const loadsClient = (client: TestClient) => /load "[^"]*undici\.js"/.test(client.stderr());
    const off = await startTestClient({ env, initializationOptions: { imageCacheFolder: cacheFolder } });
    try {
      await off.openChecked(file('OffLoads'), entry(`${registry.host}/acme/lab:1.0`));
      assert.ok(/load "[^"]*server\.js"/.test(off.stderr()), 'NODE_DEBUG names what is loaded');
      assert.ok(!loadsClient(off), 'with online checks off, the HTTP client is not loaded');
    } finally {
      await off.stop();
    }
    const on = await startTestClient({ env, settings: ONLINE, initializationOptions: { imageCacheFolder: path.join(cacheFolder, 'loads') } });
    try {
      on.open(file('OnLoads'), entry(`${registry.host}/acme/lab:1.0`));
      await waitFor('the HTTP client loaded for the first question', () => loadsClient(on));
    } finally {
      await on.stop();
    }
  });

  it('opted in but without kasm.images.allowHosts, asks no registry on this machine and says why at the image (#27.1)', async () => {
    const client = await startTestClient({ settings: { images: { online: true } }, initializationOptions: { imageCacheFolder: path.join(cacheFolder, 'refused') } });
    try {
      const before = registry.requests().length;
      const text = entry(`${registry.host}/acme/lab:1.0`);
      const uri = client.open(file('Refused'), text);
      const diagnostics = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'image-host-refused'));
      const refused = diagnostics.find((d) => d.code === 'image-host-refused');
      assert.equal(refused?.severity, 3, 'an info');
      assert.deepEqual(refused?.range.start, positionOf(text, `"${registry.host}`));
      assert.match(messageText(refused), /^Not checked online: 127\.0\.0\.1 is a loopback address \(this machine\)/);
      assert.equal(registry.requests().length, before, 'no request reached the registry');
    } finally {
      await client.stop();
    }
  });

  it('confirms the images Add Kasm Version adds: the size estimated, or the entry left alone with why (#29.3)', async () => {
    // A client of its own: the missing image it asks about must not count in another test's status.
    const client = await startTestClient({ settings: ONLINE, initializationOptions: { imageCacheFolder: path.join(cacheFolder, 'add-version') } });
    try {
      await registry.push('acme/up', '1.19.0', { architectures: ['amd64'], layerBytes: 4_000_000 });
      await registry.push('acme/gone', '1.18.0', { architectures: ['amd64'] });
      const at = (name: string, image: string) => {
        const target = file(name);
        fs.writeFileSync(target, `${JSON.stringify({ friendly_name: name, compatibility: [{ version: '1.18.x', image, uncompressed_size_mb: 900 }] }, null, 2)}\n`);
        return pathToFileURL(target).href;
      };
      const up = at('Up', `${registry.host}/acme/up:1.18.0`);
      const gone = at('Gone', `${registry.host}/acme/gone:1.18.0`);
      type Answer = { entries: ({ uri: string; edits: { newText: string }[]; image?: string } | { uri: string; skipped: string })[] };
      const answer = await client.connection.sendRequest<Answer>('kasm/addVersion', { version: '1.19.x', uris: [up, gone] });
      const [added, left] = answer.entries;
      assert.ok('edits' in added, JSON.stringify(added));
      assert.equal(added.image, `${registry.host}/acme/up:1.19.0`);
      assert.match(added.edits.map((e) => e.newText).join(''), /"uncompressed_size_mb": 10\b/, '4 MB of layers × 2.5');
      assert.ok('skipped' in left);
      assert.match(left.skipped, /acme\/gone:1\.19\.0" is not in its registry, and no tag of 1\.19\.0 is/);
    } finally {
      await client.stop();
    }
  });

  describe('opted in', () => {
    let client: TestClient;
    before(async () => {
      client = await startTestClient({ settings: ONLINE, initializationOptions: { imageCacheFolder: cacheFolder } });
    });
    after(async () => { await client.stop(); });

    it('reports a missing tag when the registry answers, at the image, with the closest tags as fixes', async () => {
      const text = entry(`${registry.host}/acme/lab:1.2`);
      const uri = client.open(file('Typo'), text);
      const diagnostics = await client.diagnostics(uri, (p) => hasOnline(p.diagnostics));
      const missing = diagnostics.find((d) => d.code === 'image-tag-missing');
      assert.ok(missing, JSON.stringify(diagnostics));
      assert.equal(missing.severity, 2);
      assert.deepEqual(missing.range.start, positionOf(text, `"${registry.host}`));
      assert.match(messageText(missing), /The tag "1\.2" does not exist in acme\/lab's repository/);
      assert.match(messageText(missing), new RegExp(`Closest: "${registry.host}/acme/lab:1.1"`));
      const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri }, range: missing.range, context: { diagnostics: [missing] },
      });
      const fix = actions.find((a) => a.title === `Change to "${registry.host}/acme/lab:1.1"`);
      assert.ok(fix, actions.map((a) => a.title).join('; '));
      assert.equal(fix.edit?.changes?.[uri][0].newText, `"${registry.host}/acme/lab:1.1"`);
    });

    it('checks architectures against the image\'s platforms, with a fix that sets them', async () => {
      const text = entry(`${registry.host}/acme/lab:1.0`, { architecture: ['amd64', 'arm64'], size: 5 });
      const uri = client.open(file('Arch'), text);
      const diagnostics = await client.diagnostics(uri, (p) => hasOnline(p.diagnostics));
      const arch = diagnostics.find((d) => d.code === 'image-arch-missing');
      assert.ok(arch, JSON.stringify(diagnostics));
      assert.deepEqual(arch.range.start, positionOf(text, '"arm64"'));
      assert.match(messageText(arch), /has no arm64 image \(it has linux\/amd64\)/);
      const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri }, range: arch.range, context: { diagnostics: [arch] },
      });
      const fix = actions.find((a) => a.title.startsWith('Set architecture to what the image has'));
      assert.ok(fix, actions.map((a) => a.title).join('; '));
      assert.match(fix.edit?.changes?.[uri][0].newText ?? '', /^\[\s*"amd64"\s*\]$/);
    });

    it('hints at an unlisted architecture of a multi-platform image (an OCI index)', async () => {
      const text = entry(`${registry.host}/acme/multi:2.0`, { architecture: ['amd64'] });
      const uri = client.open(file('Multi'), text);
      const diagnostics = await client.diagnostics(uri, (p) => hasOnline(p.diagnostics));
      const unlisted = diagnostics.find((d) => d.code === 'image-arch-unlisted');
      assert.ok(unlisted, JSON.stringify(diagnostics));
      assert.equal(unlisted.severity, 4);
      assert.match(messageText(unlisted), /also runs on arm64/);
    });

    it('hints at a size far from the layers, with a fix to the estimate', async () => {
      const text = entry(`${registry.host}/acme/lab:1.0`, { size: 4000 });
      const uri = client.open(file('Size'), text);
      const diagnostics = await client.diagnostics(uri, (p) => hasOnline(p.diagnostics));
      const size = diagnostics.find((d) => d.code === 'image-size-far');
      assert.ok(size, JSON.stringify(diagnostics));
      assert.deepEqual(size.range.start, positionOf(text, '4000'));
      assert.match(messageText(size), /has 2 MB of compressed layers: about 5 MB uncompressed/);
    });

    it('reports available_tags that do not exist, and a private repository as info', async () => {
      const text = entry(`${registry.host}/acme/lab:1.0`, { tags: ['1.0', '1.0-rolling-weekly'] });
      const uri = client.open(file('Tags'), text);
      const diagnostics = await client.diagnostics(uri, (p) => p.diagnostics.some((d) => d.code === 'available-tag-missing'));
      const tag = diagnostics.find((d) => d.code === 'available-tag-missing');
      assert.deepEqual(tag?.range.start, positionOf(text, '"1.0-rolling-weekly"'));
      const secret = client.open(file('Secret'), entry(`${registry.host}/private/secret:1.0`));
      const privateOne = await client.diagnostics(secret, (p) => hasOnline(p.diagnostics));
      assert.deepEqual(codes(privateOne).filter((c) => ONLINE_CODES.has(String(c))), ['image-repository-missing']);
      assert.equal(privateOne.find((d) => d.code === 'image-repository-missing')?.severity, 3);
    });

    it('shows digest, platforms, size and build date on hover, and completes tags newest first', async () => {
      const text = entry(`${registry.host}/acme/multi:2.0`);
      const uri = client.open(file('Hover'), text);
      await client.diagnostics(uri, (p) => hasOnline(p.diagnostics));
      const hover = await client.hover(uri, positionOf(text, 'acme/multi'));
      const value = (hover?.contents as MarkupContent).value;
      assert.match(value, /Digest: `sha256:[0-9a-f]{64}`/);
      assert.match(value, /Platforms: linux\/amd64, linux\/arm64/);
      assert.match(value, /Built: 2026-11-01/);
      const labText = entry(`${registry.host}/acme/lab:`);
      const labUri = client.open(file('Complete'), labText);
      const at = positionOf(labText, 'acme/lab:', 'acme/lab:'.length);
      let list = await client.complete(labUri, at);
      for (let attempt = 0; list.isIncomplete && attempt < 50; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        list = await client.complete(labUri, at);
      }
      assert.deepEqual(list.items.map((i) => i.label), ['1.1', '1.0', '0.9']);
    });

    it('reports how many images were checked and how many were not found', async () => {
      const last = await waitForStatus(client, (s) => s.pending === 0 && s.checked >= 4);
      assert.equal(last.state, 'ok');
      assert.equal(last.problems, 2, JSON.stringify(last));
    });
  });

  it('checks the entries of a registry folder, unopened ones and open ones, when the answers come', async () => {
    const root = path.join(dir, 'registry');
    const unopened = path.join(root, 'workspaces', 'Unopened', 'workspace.json');
    const opened = path.join(root, 'workspaces', 'Opened', 'workspace.json');
    for (const [entryFile, tag] of [[unopened, '7.7'], [opened, '8.8']]) {
      fs.mkdirSync(path.dirname(entryFile), { recursive: true });
      fs.writeFileSync(entryFile, entry(`${registry.host}/acme/lab:${tag}`));
    }
    const client = await startTestClient({ settings: ONLINE, workspaceFolders: [root], initializationOptions: { imageCacheFolder: path.join(dir, 'cache-registry') } });
    try {
      const fromScan = client.diagnostics(pathToFileURL(unopened).href, (p) => hasOnline(p.diagnostics));
      const whileOpen = client.diagnostics(pathToFileURL(opened).href, (p) => hasOnline(p.diagnostics));
      client.open(opened, fs.readFileSync(opened, 'utf8'));
      assert.ok((await fromScan).some((d) => d.code === 'image-tag-missing'));
      const openDiagnostics = await whileOpen;
      assert.match(messageText(openDiagnostics.find((d) => d.code === 'image-tag-missing')), /The tag "8\.8" does not exist/);
    } finally {
      await client.stop();
    }
  });

  it('keeps answers on disk: the next session asks the registry nothing it knows', async () => {
    const asked = () => registry.requests().filter((r) => r.startsWith('GET /v2/acme/multi/manifests/2.0')).length;
    const before = asked();
    assert.ok(before > 0);
    assert.ok(fs.existsSync(path.join(cacheFolder, 'image-cache.json')), 'the cache file was written (at the latest when the server shut down)');
    const client = await startTestClient({ settings: ONLINE, initializationOptions: { imageCacheFolder: cacheFolder } });
    try {
      const uri = client.open(file('Again'), entry(`${registry.host}/acme/multi:2.0`));
      const diagnostics = await client.diagnostics(uri, (p) => hasOnline(p.diagnostics));
      assert.ok(diagnostics.some((d) => d.code === 'image-arch-unlisted'));
      assert.equal(asked(), before, 'answered from the cache file');
    } finally {
      await client.stop();
    }
  });

  it('goes through the editor\'s proxy (VS Code\'s http.proxy, passed at initialize)', async () => {
    const proxy = await startConnectProxy();
    const client = await startTestClient({
      settings: ONLINE, initializationOptions: { imageCacheFolder: path.join(dir, 'cache-proxy'), proxy: proxy.url },
    });
    try {
      const uri = client.open(file('Proxied'), entry(`${registry.host}/acme/lab:6.6`));
      const diagnostics = await client.diagnostics(uri, (p) => hasOnline(p.diagnostics));
      assert.ok(diagnostics.some((d) => d.code === 'image-tag-missing'));
      assert.ok(proxy.tunnels.includes(registry.host), `the proxy carried the requests: ${proxy.tunnels.join(', ')}`);
    } finally {
      await client.stop();
      proxy.close();
    }
  });

  it('backs off from a registry that limits the rate, and says so in the status, not per entry', async () => {
    let requests = 0;
    const limited = http.createServer((_request, response) => {
      requests++;
      response.writeHead(429, { 'retry-after': '120' }).end();
    });
    await new Promise<void>((resolve) => limited.listen(0, '127.0.0.1', resolve));
    const host = `127.0.0.1:${(limited.address() as { port: number }).port}`;
    const client = await startTestClient({ settings: ONLINE, initializationOptions: { imageCacheFolder: path.join(dir, 'cache-429') } });
    try {
      const status = waitForStatus(client, (s) => s.state === 'rate-limited');
      const first = client.open(file('Limited1'), entry(`${host}/acme/a:1`));
      const settled = await status;
      assert.match(settled.detail ?? '', /limited the rate/);
      assert.ok(!hasOnline(lastPublished(client, first)));
      assert.equal(requests, 1);
      const second = await client.openChecked(file('Limited2'), entry(`${host}/acme/b:1`));
      assert.ok(!hasOnline(second.diagnostics));
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.equal(requests, 1, 'after the 429, the next image waits');
      assert.equal((client.stderr().match(/limits the rate/g) ?? []).length + logCount(client, /limits the rate/), 1, 'said once');
    } finally {
      await client.stop();
      limited.close();
    }
  });

  it('says "offline" once when a registry cannot be reached, with no diagnostic per entry', async () => {
    const host = `127.0.0.1:${await freePort()}`;
    const client = await startTestClient({ settings: ONLINE, initializationOptions: { imageCacheFolder: path.join(dir, 'cache-offline') } });
    try {
      const status = waitForStatus(client, (s) => s.state === 'offline');
      const uri = client.open(file('Offline'), entry(`${host}/acme/lab:1.0`));
      assert.match((await status).detail ?? '', /could not be reached/);
      assert.ok(!hasOnline(lastPublished(client, uri)));
    } finally {
      await client.stop();
    }
  });
});

function waitForStatus(client: TestClient, accept: (status: ImageStatus) => boolean): Promise<ImageStatus> {
  return new Promise((resolve, reject) => {
    const timer = setInterval(() => {
      const found = client.notifications.filter((n) => n.method === 'kasm/imageStatus').map((n) => n.params as ImageStatus).find(accept);
      if (found) { clearInterval(timer); clearTimeout(limit); resolve(found); }
    }, 50);
    const limit = setTimeout(() => { clearInterval(timer); reject(new Error(`no such status; got ${JSON.stringify(client.notifications.filter((n) => n.method === 'kasm/imageStatus'))}`)); }, 15000);
  });
}

function lastPublished(client: TestClient, uri: string): Diagnostic[] {
  const all = client.published().filter((p) => p.uri === uri);
  assert.ok(all.length > 0, `diagnostics were published for ${uri}`);
  return all[all.length - 1].diagnostics;
}

function logCount(client: TestClient, pattern: RegExp): number {
  return client.notifications.filter((n) => n.method === 'window/logMessage' && pattern.test((n.params as { message: string }).message)).length;
}
