// The Registry API v2 client and the answer cache against an in-process fake registry (#17), for what a real
// registry will not do on demand: hang, limit the rate, paginate, send a body without end, list attestations.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { RateLimited, RegistryClient, bearerChallenge, sortNewestFirst } from '../../server/src/online/registryClient';
import { registryLocation } from '../../server/src/online/registryLocation';
import { OnlineImages } from '../../server/src/online/onlineImages';

// gc() without --expose-gc on the command line, so that the test runs the same under npm test and Stryker.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

describe('RegistryClient against a fake registry', () => {
  let server: http.Server;
  let host: string;
  let handle: Handler = (_request, response) => { response.writeHead(404).end(); };
  // The fake registry is on this machine: asked only because it is allowed (#27.1).
  // A timeout a loaded machine never reaches (under mutation testing answers took over half of 300 ms, which the
  // circuit breaker counts as strikes); the timeout test has a client of its own.
  const client = new RegistryClient((url, init) => fetch(url, init), 10_000, () => ['127.0.0.1']);
  const location = (reference: string) => {
    const found = registryLocation(`${host}/${reference}`);
    assert.ok(found);
    return found;
  };

  before(async () => {
    server = http.createServer((request, response) => handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => { server.closeAllConnections(); server.close(); });

  it('maps references as docker pull does: Docker Hub, library/, latest, plain HTTP only on loopback', () => {
    assert.deepEqual(registryLocation('ubuntu'), {
      registry: 'docker.io', base: 'https://registry-1.docker.io', repository: 'library/ubuntu', reference: 'latest', written: 'ubuntu',
    });
    assert.equal(registryLocation('kasmweb/chrome:1.16.0')?.repository, 'kasmweb/chrome');
    assert.equal(registryLocation('lscr.io/linuxserver/firefox:latest')?.base, 'https://lscr.io');
    assert.equal(registryLocation('localhost:5000/a/b:1')?.base, 'http://localhost:5000');
    assert.equal(registryLocation('Bad Image'), undefined);
  });

  it('gives up on a registry that does not answer in time, even when memory is collected meanwhile', async () => {
    handle = () => undefined;
    const impatient = new RegistryClient((url, init) => fetch(url, init), 300, () => ['127.0.0.1']);
    // Node 20 held an AbortSignal.timeout weakly inside AbortSignal.any: a collection while waiting lost the timeout
    // and the check hung for ever (found when the mutation-test run, with more garbage, never ended).
    const collecting = setInterval(collectGarbage, 20);
    let waited: NodeJS.Timeout | undefined;
    const facts = await Promise.race([
      impatient.inspect(location('acme/slow:1')),
      new Promise<never>((_resolve, reject) => { waited = setTimeout(() => reject(new Error('no answer after 5 s: the timeout was lost')), 5000); }),
    ]).finally(() => { clearInterval(collecting); clearTimeout(waited); });
    assert.equal(facts.kind, 'unknown');
    assert.equal(facts.kind === 'unknown' && facts.reason, 'timeout');
  });

  it('throws RateLimited with the registry\'s Retry-After', async () => {
    handle = (_request, response) => { response.writeHead(429, { 'retry-after': '7' }).end(); };
    await assert.rejects(client.inspect(location('acme/busy:1')), (error: unknown) => error instanceof RateLimited && error.retryAfterMs === 7000);
  });

  it('follows Link pages of tags/list on the same repository only, and lists them newest first', async () => {
    handle = (request, response) => {
      const url = new URL(request.url ?? '', 'http://x');
      if (url.searchParams.get('last') === '1.9') {
        response.writeHead(200, { link: '<http://elsewhere.example/v2/acme/lab/tags/list?last=x>; rel="next"' }).end(JSON.stringify({ tags: ['1.10'] }));
      } else {
        response.writeHead(200, { link: '</v2/acme/lab/tags/list?n=1000&last=1.9>; rel="next"' }).end(JSON.stringify({ tags: ['1.2', 'develop', '1.9'] }));
      }
    };
    assert.deepEqual(await client.listTags(location('acme/lab:1')), ['develop', '1.10', '1.9', '1.2']);
    assert.deepEqual(sortNewestFirst(['1.16.0', '1.9.0', '1.16.1-rolling-daily']), ['1.16.1-rolling-daily', '1.16.0', '1.9.0']);
  });

  it('reads no more than 4 MB of a manifest, and leaves attestation platforms out', async () => {
    handle = (request, response) => {
      // The tag's manifest is the index (read with the GET that finds it); the platform's is a body without end.
      if (request.url?.endsWith('/manifests/1')) {
        return void response.writeHead(200, { 'docker-content-digest': 'sha256:abc' }).end(JSON.stringify({
          manifests: [{ digest: 'sha256:amd', platform: { architecture: 'amd64', os: 'linux' } }, { digest: 'sha256:att', platform: { architecture: 'unknown', os: 'unknown' } }],
        }));
      }
      // Every other manifest is a body without end.
      response.writeHead(200);
      const chunk = Buffer.alloc(64 * 1024, 32);
      const pump = () => { while (response.write(chunk)); };
      response.on('drain', pump);
      pump();
    };
    const facts = await client.inspect(location('acme/huge:1'));
    assert.deepEqual(facts, { kind: 'found', digest: 'sha256:abc', platforms: [{ os: 'linux', architecture: 'amd64' }], compressedBytes: undefined, created: undefined });
  });

  it('reads the Bearer challenge; a Basic one asks for credentials we never send', () => {
    assert.deepEqual(bearerChallenge('Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/ubuntu:pull"'), {
      realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/ubuntu:pull',
    });
    assert.equal(bearerChallenge('Basic realm="Registry"'), undefined);
  });

  it('follows a registry that sends every request on to another (lscr.io → ghcr.io), with that one\'s token, never the other way', async () => {
    const seen: { host: string; authorization?: string }[] = [];
    const ghcr = http.createServer((request, response) => {
      seen.push({ host: 'ghcr', authorization: request.headers.authorization });
      const ghcrBase = `http://127.0.0.1:${(ghcr.address() as AddressInfo).port}`;
      if (request.url?.startsWith('/token')) return void response.end(JSON.stringify({ token: 'ghcr-token' }));
      if (request.headers.authorization !== 'Bearer ghcr-token') {
        return void response.writeHead(401, { 'www-authenticate': `Bearer realm="${ghcrBase}/token",service="ghcr"` }).end();
      }
      if (request.url?.includes('/manifests/')) {
        return void response.writeHead(200, { 'docker-content-digest': 'sha256:feed' }).end(JSON.stringify({ layers: [{ size: 5_000_000 }], config: { digest: 'sha256:c0' } }));
      }
      response.end(JSON.stringify({ architecture: 'arm64', os: 'linux' }));
    });
    await new Promise<void>((resolve) => ghcr.listen(0, '127.0.0.1', resolve));
    handle = (request, response) => {
      seen.push({ host: 'lscr', authorization: request.headers.authorization });
      response.writeHead(307, { location: `http://127.0.0.1:${(ghcr.address() as AddressInfo).port}${request.url}` }).end();
    };
    try {
      const facts = await client.inspect(location('linuxserver/lab:1.0'));
      assert.deepEqual(facts, { kind: 'found', digest: 'sha256:feed', platforms: [{ os: 'linux', architecture: 'arm64' }], compressedBytes: 5_000_000, created: undefined });
      assert.ok(seen.filter((s) => s.host === 'lscr').every((s) => s.authorization === undefined), 'the token stays with the host that issued it');
    } finally {
      ghcr.closeAllConnections();
      ghcr.close();
    }
  });

  it('reads the next pages of tags where the redirected registry says they are', async () => {
    const ghcr = http.createServer((request, response) => {
      const ghcrBase = `http://127.0.0.1:${(ghcr.address() as AddressInfo).port}`;
      const last = new URL(request.url ?? '', ghcrBase).searchParams.get('last');
      if (last === null) response.writeHead(200, { link: `<${ghcrBase}/v2/linuxserver/lab/tags/list?n=1000&last=1.1>; rel="next"` }).end(JSON.stringify({ tags: ['1.0', '1.1'] }));
      else if (last === '1.1') response.writeHead(200, { link: '<http://[oops/v2/linuxserver/lab/tags/list?last=1.2>; rel="next"' }).end(JSON.stringify({ tags: ['1.2'] }));
      else response.writeHead(500).end();
    });
    await new Promise<void>((resolve) => ghcr.listen(0, '127.0.0.1', resolve));
    handle = (request, response) => {
      response.writeHead(307, { location: `http://127.0.0.1:${(ghcr.address() as AddressInfo).port}${request.url}` }).end();
    };
    try {
      assert.deepEqual(await client.listTags(location('linuxserver/lab:1.0')), ['1.2', '1.1', '1.0'], 'a malformed link ends the list');
    } finally {
      ghcr.closeAllConnections();
      ghcr.close();
    }
  });

  it('lists a repository\'s tags once for a missing tag and the entry\'s available_tags', async () => {
    let lists = 0;
    handle = (request, response) => {
      if (request.url?.includes('/tags/list')) {
        lists++;
        return void setTimeout(() => response.end(JSON.stringify({ tags: ['1.16.0', '1.17.0'] })), 50);
      }
      response.writeHead(404).end();
    };
    const images = new OnlineImages({ fetch: (url, init) => fetch(url, init), onAnswer: () => undefined, allowedHosts: () => ['127.0.0.1'] });
    images.image(`${host}/acme/channels:1.17.1`, 'file:///a');
    images.tags(`${host}/acme/channels:1.17.1`, 'file:///a');
    await images.settled();
    assert.equal(lists, 1);
    assert.deepEqual(images.image(`${host}/acme/channels:1.17.1`, 'file:///a'), { kind: 'tag-missing', closestTags: ['1.17.0'] });
    assert.deepEqual(images.tags(`${host}/acme/channels:1.17.1`, 'file:///a'), ['1.17.0', '1.16.0']);
    assert.equal(images.busy, false);
  });

  it('asks once for many documents, tells each of them, and keeps the answer', async () => {
    let heads = 0;
    handle = (request, response) => {
      if (request.url?.includes('/manifests/')) heads++;
      response.writeHead(404).end();
    };
    const told: string[][] = [];
    const images = new OnlineImages({ fetch: (url, init) => fetch(url, init), onAnswer: (uris) => told.push(uris), allowedHosts: () => ['127.0.0.1'] });
    assert.equal(images.image(`${host}/acme/none:1`, 'file:///a'), undefined);
    assert.equal(images.image(`${host}/acme/none:1`, 'file:///b'), undefined);
    await images.settled();
    assert.equal(heads, 1);
    assert.deepEqual(told, [['file:///a', 'file:///b']]);
    assert.deepEqual(images.image(`${host}/acme/none:1`, 'file:///a'), { kind: 'repository-missing' });
    assert.equal(images.busy, false, 'a fresh answer is not asked for again');
  });
});
