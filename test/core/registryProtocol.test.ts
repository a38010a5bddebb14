// The registry client's side of the Registry API v2, with a fake registry answering each request as the test says
// (#17, #27, #31): which answer means what verdict, the token dance, pages and redirects at their limits, and the
// circuit breaker. The real-registry behaviour is tested against Debian's docker-registry in test/cli.
import * as assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { Fetch, RateLimited, RegistryClient } from '../../server/src/online/registryClient';
import { RegistryLocation, registryLocation } from '../../server/src/online/registryLocation';

interface Asked { url: URL; headers: Record<string, string> }
type Answer = (url: URL, asked: Asked[]) => Response | Promise<Response>;

/** A client of a fake registry: every request is noted, `answer` says what comes back. */
function fake(answer: Answer, timeoutMs = 10_000) {
  const asked: Asked[] = [];
  const fetch: Fetch = async (url, init) => {
    const request = { url: new URL(url), headers: Object.fromEntries(new Headers(init.headers).entries()) };
    asked.push(request);
    return answer(request.url, asked);
  };
  return { client: new RegistryClient(fetch, timeoutMs), asked };
}
const at = (reference: string): RegistryLocation => registryLocation(reference) as RegistryLocation;
const status = (code: number, headers: Record<string, string> = {}) => new Response(null, { status: code, headers });
const APP = at('registry.example.com/acme/app:1.0');

describe('the registry client, request by request', () => {
  it('asks for every manifest type Kasm\'s images use, and reads a found image\'s platform, size and build date', async () => {
    const { client, asked } = fake((url) => (url.pathname.includes('/blobs/')
      ? Response.json({ architecture: 'arm64', os: 'linux', variant: 'v8', created: '2026-01-02T03:04:05Z' })
      : Response.json({ config: { digest: 'sha256:cfg' }, layers: [{ size: 10 }, { size: 32 }] }, { headers: { 'docker-content-digest': 'sha256:d' } })));
    assert.deepEqual(await client.inspect(APP), {
      kind: 'found', digest: 'sha256:d', platforms: [{ architecture: 'arm64', os: 'linux', variant: 'v8' }], compressedBytes: 42, created: '2026-01-02T03:04:05Z',
    });
    assert.equal(asked[0].headers.accept, [
      'application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json',
      'application/vnd.oci.image.manifest.v1+json', 'application/vnd.docker.distribution.manifest.v2+json',
    ].join(', '));
    assert.deepEqual(asked.map((a) => a.url.pathname), ['/v2/acme/app/manifests/1.0', '/v2/acme/app/blobs/sha256:cfg']);
    assert.equal(asked[0].headers.authorization, undefined, 'no credential without a challenge');
  });

  it('describes an index by its amd64 image (else the first), listing every platform', async () => {
    for (const [order, chosen] of [[['arm64', 'amd64'], 'sha256:amd64'], [['arm64', 's390x'], 'sha256:arm64']] as const) {
      const { client, asked } = fake((url) => {
        if (url.pathname.endsWith('/manifests/1.0')) {
          return Response.json({ manifests: order.map((architecture) => ({ digest: `sha256:${architecture}`, platform: { architecture, os: 'linux' } })) });
        }
        if (url.pathname.includes('/manifests/')) return Response.json({ config: { digest: 'sha256:cfg' }, layers: [{ size: 5 }] });
        return Response.json({ architecture: 'x', os: 'linux', created: '2026-02-03T00:00:00Z' });
      });
      const facts = await client.inspect(APP);
      assert.deepEqual(facts, {
        kind: 'found', digest: '1.0', platforms: order.map((architecture) => ({ architecture, os: 'linux' })), compressedBytes: 5, created: '2026-02-03T00:00:00Z',
      });
      assert.equal(asked[1].url.pathname, `/v2/acme/app/manifests/${chosen}`);
    }
  });

  it('turns each answer into its verdict: 401/403 a missing repository, 5xx an error, 404 a missing tag with its neighbours', async () => {
    for (const code of [401, 403]) assert.deepEqual(await fake(() => status(code)).client.inspect(APP), { kind: 'repository-missing' });
    assert.deepEqual(await fake(() => status(500)).client.inspect(APP), { kind: 'unknown', reason: 'error', detail: 'registry.example.com answered HTTP 500' });
    const tagsThen = (tags: Response) => fake((url) => (url.pathname.endsWith('/tags/list') ? tags : status(404))).client.inspect(APP);
    assert.deepEqual(await tagsThen(Response.json({ tags: ['1.1', '2.0', 7, 'latest'] })), { kind: 'tag-missing', closestTags: ['2.0', '1.1'] });
    assert.deepEqual(await tagsThen(status(404)), { kind: 'repository-missing' });
    assert.deepEqual(await tagsThen(status(500)), { kind: 'tag-missing', closestTags: [] }, 'a registry that lists no tags');
  });

  it('reads at most 10 pages of tags, keeps what it read when a later page fails, and ignores a body without tags', async () => {
    const pages = (last: (page: number) => Response | undefined) => fake((url) => {
      const page = Number(url.searchParams.get('last') ?? 0);
      return last(page) ?? Response.json({ tags: [`t${page}`] }, { headers: { link: `</v2/acme/app/tags/list?n=1000&last=${page + 1}>; rel="next"` } });
    });
    const endless = pages(() => undefined);
    assert.equal((await endless.client.listTags(APP) as string[]).length, 10);
    assert.equal(endless.asked.length, 10);
    assert.deepEqual(await pages((page) => (page === 2 ? status(500) : undefined)).client.listTags(APP), ['t1', 't0']);
    assert.deepEqual(await pages((page) => (page === 2 ? status(404) : undefined)).client.listTags(APP), ['t1', 't0']);
    assert.equal(await pages(() => status(403)).client.listTags(APP), 'missing');
    assert.deepEqual(await fake(() => Response.json({ names: ['x'] })).client.listTags(APP), []);
  });

  it('follows up to 5 redirects (3xx with a Location), and returns the answer after them', async () => {
    for (const [hops, found] of [[5, true], [6, false]] as const) {
      const { client, asked } = fake((url) => {
        const hop = Number(url.searchParams.get('hop') ?? 0);
        if (url.pathname.includes('/blobs/')) return Response.json({ architecture: 'amd64', os: 'linux' });
        if (hop < hops) return status(hop % 2 ? 307 : 302, { location: `/v2/acme/app/manifests/1.0?hop=${hop + 1}` });
        return Response.json({ config: { digest: 'sha256:cfg' } });
      });
      assert.equal((await client.inspect(APP)).kind, found ? 'found' : 'unknown', `${hops} hops`);
      assert.equal(asked.filter((a) => a.url.pathname.includes('/manifests/')).length, Math.min(hops, 5) + 1);
    }
    for (const code of [300, 399]) {
      const { client, asked } = fake((url) => (url.searchParams.has('moved') ? status(404) : status(code, { location: '?moved=1' })));
      await client.inspect(APP);
      assert.equal(asked[1]?.url.search, '?moved=1', `${code} is a redirect`);
    }
    const { client, asked } = fake(() => status(301));
    assert.deepEqual(await client.inspect(APP), { kind: 'unknown', reason: 'error', detail: 'registry.example.com answered HTTP 301' }, 'no Location');
    assert.equal(asked.length, 1);
  });

  it('asks the realm for a pull token of the repository (with the service and scope it names), once per repository', async () => {
    const registry = (challenge: string, token: () => Response) => fake((url, asked) => {
      if (url.host === 'auth.example.com') return token();
      const bearer = asked.at(-1)?.headers.authorization;
      if (!bearer) return status(401, { 'www-authenticate': challenge });
      return url.pathname.includes('/blobs/') ? Response.json({ architecture: 'amd64', os: 'linux' }) : Response.json({ config: { digest: 'sha256:c' } });
    });
    const plain = registry('Bearer realm="https://auth.example.com/token"', () => Response.json({ access_token: 'abc' }));
    assert.equal((await plain.client.inspect(APP)).kind, 'found');
    const tokenUrl = plain.asked.find((a) => a.url.host === 'auth.example.com')?.url;
    assert.equal(tokenUrl?.search, '?scope=repository%3Aacme%2Fapp%3Apull', 'no service parameter when none was named');
    assert.equal(plain.asked.at(-1)?.headers.authorization, 'Bearer abc', 'access_token is a token too');
    await plain.client.inspect(APP);
    assert.equal(plain.asked.filter((a) => a.url.host === 'auth.example.com').length, 1, 'the token is kept');
    await plain.client.inspect(at('registry.example.com/acme/other:1'));
    assert.equal(plain.asked.filter((a) => a.url.host === 'auth.example.com').length, 2, 'another repository, another token');

    const scoped = registry('Bearer realm="https://auth.example.com/token",service="reg",scope="repository:acme/app:pull,push"', () => Response.json({ token: 't' }));
    await scoped.client.inspect(APP);
    const scopedUrl = scoped.asked.find((a) => a.url.host === 'auth.example.com')?.url;
    assert.equal(scopedUrl?.searchParams.get('service'), 'reg');
    assert.equal(scopedUrl?.searchParams.get('scope'), 'repository:acme/app:pull,push');
    assert.equal(scoped.asked.find((a) => a.url.host === 'auth.example.com')?.headers.authorization, undefined, 'anonymous');
  });

  it('asks for a refused token again next time, and takes a 429 of the realm as the registry\'s', async () => {
    let grant = false;
    const { client, asked } = fake((url, all) => {
      if (url.host === 'auth.example.com') return grant ? Response.json({ token: 'ok' }) : status(401);
      if (!all.at(-1)?.headers.authorization) return status(401, { 'www-authenticate': 'Bearer realm="https://auth.example.com/t"' });
      return status(404);
    });
    assert.deepEqual(await client.inspect(APP), { kind: 'repository-missing' });
    grant = true;
    await client.inspect(APP);
    assert.equal(asked.filter((a) => a.url.host === 'auth.example.com').length, 2);
    assert.ok(asked.some((a) => a.headers.authorization === 'Bearer ok'));

    const limited = fake((url) => (url.host === 'auth.example.com' ? status(429, { 'retry-after': '30' })
      : status(401, { 'www-authenticate': 'Bearer realm="https://auth.example.com/t"' })));
    await assert.rejects(limited.client.inspect(APP), (error: unknown) => error instanceof RateLimited && error.retryAfterMs === 30_000);
    const ftp = fake(() => status(401, { 'www-authenticate': 'Bearer realm="ftp://auth.example.com/t"' }));
    assert.deepEqual(await ftp.client.inspect(APP), { kind: 'repository-missing' });
    assert.equal(ftp.asked.length, 1, 'a realm that is not HTTP is not asked');
  });

  it('says why a request failed: timeout, network, or a bug of ours with its stack', async () => {
    const failing = (error: Error) => fake(() => Promise.reject(error)).client.inspect(APP);
    for (const name of ['TimeoutError', 'AbortError']) {
      assert.deepEqual(await failing(Object.assign(new Error('x'), { name })), { kind: 'unknown', reason: 'timeout', detail: 'registry.example.com did not answer in time' });
    }
    assert.deepEqual(await failing(Object.assign(new TypeError('fetch failed'), { cause: {} })),
      { kind: 'unknown', reason: 'offline', detail: 'registry.example.com could not be reached' });
    const bug = await failing(new TypeError('x is not a function'));
    assert.equal(bug.kind === 'unknown' && bug.reason, 'bug');
    assert.match(bug.kind === 'unknown' ? bug.detail : '', /^checking registry\.example\.com\/acme\/app:1\.0 failed: TypeError: x is not a function\n\s+at /);
  });

  it('leaves a host alone for 5 minutes after 3 failures or slow answers in a row; one good answer clears the count', async () => {
    mock.timers.enable({ apis: ['Date'], now: 1_000_000 });
    try {
      let fail = true;
      const { client, asked } = fake(() => (fail ? Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } })) : status(404)));
      await client.inspect(APP);
      await client.inspect(APP);
      fail = false;
      await client.inspect(APP);
      fail = true;
      await client.inspect(APP);
      await client.inspect(APP);
      assert.equal((await client.inspect(APP)).kind, 'unknown');
      const count = asked.length;
      const tripped = await client.inspect(APP);
      assert.equal(asked.length, count, 'not asked while tripped');
      assert.deepEqual(tripped, {
        kind: 'unknown', reason: 'offline', detail: 'registry.example.com failed or answered slowly 3 times in a row; it is not asked for 5 minutes',
      });
      mock.timers.tick(5 * 60_000 - 1);
      await client.inspect(APP);
      assert.equal(asked.length, count, 'still tripped just before 5 minutes');
      mock.timers.tick(1);
      fail = false;
      assert.equal((await client.inspect(APP)).kind, 'repository-missing', 'asked again after 5 minutes');
    } finally {
      mock.timers.reset();
    }
  });

  it('counts an answer slower than half the timeout as a strike, and refuses everything once stopped', async () => {
    mock.timers.enable({ apis: ['Date'], now: 0 });
    try {
      const { client, asked } = fake(() => { mock.timers.tick(501); return status(404); }, 1000);
      for (let i = 0; i < 6; i++) await client.inspect(APP);
      const afterSlow = asked.length;
      assert.ok(afterSlow < 12, `slow answers tripped the breaker (${afterSlow} requests)`);
      const quick = fake(() => { mock.timers.tick(500); return status(404); }, 1000);
      for (let i = 0; i < 6; i++) await quick.client.inspect(APP);
      assert.equal(quick.asked.length, 12, 'half the timeout is not slow');
    } finally {
      mock.timers.reset();
    }
    const { client, asked } = fake(() => status(404));
    client.stop();
    const facts = await client.inspect(APP);
    assert.deepEqual(facts, { kind: 'unknown', reason: 'timeout', detail: 'registry.example.com did not answer in time' });
    assert.equal(asked.length, 0);
  });
});
