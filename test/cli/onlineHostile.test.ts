// kasm-registry-lint --online against entries that try to steer it (#27.1): the bundled CLI, local HTTP servers
// on 127.0.0.1 that count what reaches them. Nothing is contacted that the user did not allow.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as dns from 'node:dns/promises';
import * as fs from 'node:fs';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { CLI } from '../helpers/cliRun';

interface Result { file: string; diagnostics: { code: string; message: string }[] }

/** An HTTP server on 127.0.0.1 that answers with `handle` and counts the requests it gets. */
type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;
async function countingServer(handle: Handler = (_q, r) => r.writeHead(404).end()) {
  let requests = 0;
  const server = http.createServer((request, response) => { requests++; handle(request, response); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, requests: () => requests, close: () => server.close() };
}

/** A registry folder with one entry per image. */
function registry(images: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-online-hostile-'));
  for (const [name, image] of Object.entries(images)) {
    fs.mkdirSync(path.join(root, 'workspaces', name), { recursive: true });
    fs.writeFileSync(path.join(root, 'workspaces', name, 'workspace.json'), JSON.stringify({
      friendly_name: name, description: 'x', image_src: 'icon.png', architecture: ['amd64'], categories: ['Development'],
      compatibility: [{ version: '1.18.x', image, uncompressed_size_mb: 1000 }],
    }, null, 2));
  }
  return root;
}

async function lint(root: string, args: string[] = []): Promise<Record<string, string[]>> {
  const run = await promisify(execFile)(process.execPath, [CLI, '--format', 'json', '--online', '--cache-dir', path.join(root, '.cache'), ...args, root])
    .catch((error: { stdout: string }) => error);
  const refused: Record<string, string[]> = {};
  for (const result of JSON.parse(run.stdout) as Result[]) {
    refused[path.basename(path.dirname(result.file))] = result.diagnostics.filter((d) => d.code === 'image-host-refused').map((d) => d.message);
  }
  return refused;
}

describe('kasm-registry-lint --online and hosts an entry names', () => {
  const servers: Awaited<ReturnType<typeof countingServer>>[] = [];
  after(() => servers.forEach((s) => s.close()));
  const serve = async (handle?: Parameters<typeof countingServer>[0]) => {
    const server = await countingServer(handle);
    servers.push(server);
    return server;
  };
  let target: Awaited<ReturnType<typeof countingServer>>;
  before(async () => { target = await serve(); });

  it('contacts no loopback address, however it is written, and says so once per entry', async () => {
    const port = target.port;
    const root = registry({
      Dotted: `127.0.0.1:${port}/x/y:1`, Name: `localhost:${port}/x/y:1`, Decimal: `2130706433:${port}/x/y:1`,
      Hex: `0x7f000001:${port}/x/y:1`, Short: `127.1:${port}/x/y:1`, Six: `[::1]:${port}/x/y:1`,
    });
    const refused = await lint(root);
    assert.equal(target.requests(), 0, 'nothing reached the server');
    assert.match(refused.Dotted[0], /^Not checked online: 127\.0\.0\.1 is a loopback address \(this machine\)\. .*kasm\.images\.allowHosts/);
    assert.match(refused.Name[0], /localhost is this machine/);
    for (const name of ['Decimal', 'Hex', 'Short']) assert.match(refused[name][0], /127\.0\.0\.1 is a loopback address/, name);
    assert.match(refused.Six[0], /::1 is a loopback address/);
  });

  it('judges a name by the address it resolves to', async (t) => {
    const name = os.hostname();
    const address = await dns.lookup(name).then((a) => a.address, () => undefined);
    if (!address?.startsWith('127.')) return t.skip(`${name} does not resolve to a loopback address here`);
    const refused = await lint(registry({ Named: `${name}:${target.port}/x/y:1` }));
    assert.equal(target.requests(), 0);
    assert.match(refused.Named[0], new RegExp(`${name} resolves to ${address.replace(/\./g, '\\.')}, a loopback address`));
  });

  it('with the registry allowed, fetches no realm and follows no redirect to a host that is not', async () => {
    const realm = await serve();
    const challenging = await serve((_q, r) => r.writeHead(401, { 'www-authenticate': `Bearer realm="http://127.0.0.1:${realm.port}/token",service="x"` }).end());
    const redirecting = await serve((_q, r) => r.writeHead(302, { location: `http://127.0.0.1:${realm.port}/elsewhere` }).end());
    const refused = await lint(registry({ Realm: `127.0.0.1:${challenging.port}/x/y:1`, Redirect: `127.0.0.1:${redirecting.port}/x/y:1` }),
      ['--allow-host', `127.0.0.1:${challenging.port}`, '--allow-host', `127.0.0.1:${redirecting.port}`]);
    assert.ok(challenging.requests() > 0 && redirecting.requests() > 0, 'the allowed registries were asked');
    assert.equal(realm.requests(), 0, 'the realm and the redirect target on another port were not');
    assert.match(refused.Realm[0], /127\.0\.0\.1 is a loopback address/);
    assert.match(refused.Redirect[0], /127\.0\.0\.1 is a loopback address/);
  });
});

describe('kasm-registry-lint --online against a registry that stalls or fails (#27.4)', () => {
  const twelve = (port: number) => Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`E${i}`, `127.0.0.1:${port}/team/app${i}:1`]));

  it('ends its checks when --online-budget runs out, and says how many images were not checked', async () => {
    const sockets = new Set<import('node:net').Socket>();
    const tarpit = http.createServer(() => undefined); // never answers
    tarpit.on('connection', (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => tarpit.listen(0, '127.0.0.1', resolve));
    const port = (tarpit.address() as AddressInfo).port;
    const root = registry(twelve(port));
    const began = Date.now();
    const run = await promisify(execFile)(process.execPath, [CLI, '--format', 'json', '--online', '--online-budget', '2', '--allow-host', '127.0.0.1',
      '--cache-dir', path.join(root, '.cache'), root]).catch((error: { stdout: string; stderr: string }) => error);
    const took = Date.now() - began;
    sockets.forEach((s) => s.destroy());
    tarpit.close();
    assert.ok(took < 8000, `ended after ${took} ms, not after each request's 10 s timeout`);
    assert.match(run.stderr, /online checks ended early: their 2 s \(--online-budget\) ran out; 12 images were not checked/);
  });

  it('stops asking a registry that failed three times in a row', async () => {
    let requests = 0;
    const failing = http.createServer((request) => { requests++; request.socket.destroy(); });
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    const port = (failing.address() as AddressInfo).port;
    const root = registry({ ...twelve(port), ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`F${i}`, `127.0.0.1:${port}/team/other${i}:1`])) });
    const run = await promisify(execFile)(process.execPath, [CLI, '--format', 'json', '--online', '--allow-host', '127.0.0.1',
      '--cache-dir', path.join(root, '.cache'), root]).catch((error: { stdout: string; stderr: string }) => error);
    failing.close();
    assert.ok(requests <= 8, `${requests} requests for 24 images: the first few failures stop the rest`);
    assert.match(run.stderr, /could not be reached/);
  });
});
