// One token request for several repositories of a registry (#27.14), with a fake registry and token server whose
// grants the test sets: which repositories a request names, and what happens when a token server grants fewer.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Fetch, RegistryClient } from '../../server/src/online/registryClient';
import { RegistryLocation, registryLocation } from '../../server/src/online/registryLocation';
import { REPOSITORIES_PER_TOKEN } from '../../server/src/online/pullTokens';

const REALM = 'https://auth.example.com/token';
const at = (reference: string): RegistryLocation => registryLocation(reference) as RegistryLocation;
const repository = (i: number) => `lab/image-${i}`;
const scope = (name: string) => `repository:${name}:pull`;

/**
 * A registry whose token server grants what `grant` returns of the scopes a request names (a token is the list of
 * repositories it covers); every repository but `private/…` holds one amd64 image.
 */
function registry(grant: (scopes: string[]) => string[] | 'refused' = (scopes) => scopes) {
  const tokenRequests: string[][] = [];
  /** The service each token request named (the challenge's). */
  const services: (string | null)[] = [];
  const refusedRequests: string[] = [];
  const fetch: Fetch = (url, init) => {
    const { host, pathname, searchParams } = new URL(url);
    if (host === 'auth.example.com') {
      const scopes = searchParams.getAll('scope');
      tokenRequests.push(scopes);
      services.push(searchParams.get('service'));
      const granted = grant(scopes);
      return Promise.resolve(granted === 'refused' ? new Response(null, { status: 400 }) : Response.json({ token: granted.join(' ') }));
    }
    const name = /^\/v2\/(.+?)\/(manifests|blobs)\//.exec(pathname)?.[1] ?? '';
    const token = new Headers(init.headers).get('authorization')?.replace(/^Bearer /, '') ?? '';
    if (!token.split(' ').includes(scope(name)) || name.startsWith('private/')) {
      refusedRequests.push(pathname);
      return Promise.resolve(new Response(null, { status: 401, headers: { 'www-authenticate': `Bearer realm="${REALM}",service="reg"` } }));
    }
    return Promise.resolve(pathname.includes('/blobs/') ? Response.json({ architecture: 'amd64', os: 'linux' }) : Response.json({ config: { digest: 'sha256:c' } }));
  };
  const client = new RegistryClient(fetch);
  return { client, tokenRequests, services, refusedRequests };
}

/** Inspects the images in `names` on registry.example.com the way the online checks do: each expected first. */
async function inspectAll(client: RegistryClient, names: string[], concurrency = 6): Promise<string[]> {
  const locations = names.map((name) => at(`registry.example.com/${name}:1.0`));
  const done = locations.map((location) => client.expect(location));
  const kinds: string[] = [];
  for (let i = 0; i < locations.length; i += concurrency) {
    const batch = locations.slice(i, i + concurrency);
    kinds.push(...(await Promise.all(batch.map(async (location, j) => {
      try { return (await client.inspect(location)).kind; } finally { done[i + j](); }
    }))));
  }
  return kinds;
}

describe('one token request for several repositories (#27.14)', () => {
  it(`names the repositories expected on the same registry, ${REPOSITORIES_PER_TOKEN} at most, each once`, async () => {
    const { client, tokenRequests } = registry();
    const names = Array.from({ length: 45 }, (_, i) => repository(i));
    // Expected on another registry: never named to this one's token server.
    const elsewhere = client.expect(at('ghcr.io/lab/image-99:1.0'));
    assert.deepEqual(await inspectAll(client, names), names.map(() => 'found'));
    elsewhere();
    assert.deepEqual(tokenRequests.map((scopes) => scopes.length), [REPOSITORIES_PER_TOKEN, REPOSITORIES_PER_TOKEN, 5]);
    assert.deepEqual(tokenRequests.flat().sort(), names.map(scope).sort());
    assert.equal(tokenRequests[0][0], scope(repository(0)), 'the repository asked about comes first');
  });

  it('names only the repository asked about when nothing else is expected, or when its expectation ended', async () => {
    const { client, tokenRequests } = registry();
    const done = client.expect(at('registry.example.com/lab/gone:1.0'));
    done();
    done(); // a second call changes nothing
    assert.equal((await client.inspect(at('registry.example.com/lab/alone:1.0'))).kind, 'found');
    assert.deepEqual(tokenRequests, [[scope('lab/alone')]]);
  });

  it('keeps a repository expected twice until both are done (calling one done twice counts once)', async () => {
    const { client, tokenRequests } = registry();
    const twice = [client.expect(at('registry.example.com/lab/twice:1.0')), client.expect(at('registry.example.com/lab/twice:2.0'))];
    twice[0]();
    twice[0]();
    await client.inspect(at('registry.example.com/lab/first:1.0'));
    twice[1]();
    await client.inspect(at('registry.example.com/lab/second:1.0'));
    assert.deepEqual(tokenRequests, [[scope('lab/first'), scope('lab/twice')], [scope('lab/second')]]);
  });

  it('asks one repository per token, after one shared request, of a token server that grants only the first scope', async () => {
    const { client, tokenRequests, refusedRequests } = registry((scopes) => scopes.slice(0, 1));
    const names = Array.from({ length: 12 }, (_, i) => repository(i));
    assert.deepEqual(await inspectAll(client, names), names.map(() => 'found'));
    assert.equal(tokenRequests.filter((scopes) => scopes.length > 1).length, 1, JSON.stringify(tokenRequests));
    assert.equal(tokenRequests.length, 1 + names.length - 1, 'the first repository\'s shared token covers it; each other asks its own once');
    // Refused: the first six, asked at once before any challenge; five of them again, with the shared token that did
    // not cover them. The next six had been named in that token too, but are sent with tokens of their own.
    assert.equal(refusedRequests.length, 6 + 5, JSON.stringify(refusedRequests));
  });

  it('asks one repository per token of a token server that refuses a request naming several', async () => {
    const { client, tokenRequests } = registry((scopes) => (scopes.length > 1 ? 'refused' : scopes));
    const names = Array.from({ length: 8 }, (_, i) => repository(i));
    assert.deepEqual(await inspectAll(client, names), names.map(() => 'found'));
    assert.equal(tokenRequests.filter((scopes) => scopes.length > 1).length, 1, JSON.stringify(tokenRequests));
  });

  it('keeps sharing tokens where a private repository was refused (its own token is refused too)', async () => {
    const { client, tokenRequests } = registry();
    const names = ['private/secret', ...Array.from({ length: 12 }, (_, i) => repository(i))];
    const kinds = await inspectAll(client, names, 1);
    assert.deepEqual(kinds, ['repository-missing', ...names.slice(1).map(() => 'found')]);
    assert.deepEqual(tokenRequests.map((scopes) => scopes.length), [names.length, 1], 'one shared request, then the private one alone');
  });

  it('asks the next repository\'s token before its first request, from the challenge it remembers', async () => {
    const { client, tokenRequests, services, refusedRequests } = registry();
    await client.inspect(at('registry.example.com/lab/first:1.0'));
    assert.deepEqual(refusedRequests, ['/v2/lab/first/manifests/1.0']);
    assert.equal((await client.inspect(at('registry.example.com/lab/second:1.0'))).kind, 'found');
    assert.deepEqual(refusedRequests, ['/v2/lab/first/manifests/1.0'], 'no 401 for the second repository');
    assert.deepEqual(tokenRequests, [[scope('lab/first')], [scope('lab/second')]]);
    assert.deepEqual(services, ['reg', 'reg'], 'the remembered challenge names its service too');
  });

  it('keeps sharing tokens on a registry when another registry\'s token server grants one scope per token', async () => {
    // Both registries send to one token server; it grants the one-scope registry's repositories (one/…) one at a time.
    const { client, tokenRequests } = registry((scopes) => (scopes[0].includes(':one/') ? scopes.slice(0, 1) : scopes));
    const shared = Array.from({ length: 6 }, (_, i) => at(`registry.example.com/lab/image-${i}:1.0`));
    const oneScope = Array.from({ length: 3 }, (_, i) => at(`other.example.com/one/image-${i}:1.0`));
    const done = [...shared, ...oneScope].map((location) => client.expect(location));
    assert.equal((await client.inspect(shared[0])).kind, 'found');
    for (const location of oneScope) assert.equal((await client.inspect(location)).kind, 'found');
    for (const location of shared.slice(1)) assert.equal((await client.inspect(location)).kind, 'found');
    done.forEach((end) => end());
    const sharedRequests = tokenRequests.filter((scopes) => scopes[0].includes(':lab/'));
    assert.deepEqual(sharedRequests, [shared.map((location) => scope(location.repository))], 'one token for all six');
  });

  it('asks a token of the repository\'s own twice at most when the registry refuses the repository', async () => {
    const { client, tokenRequests } = registry();
    await client.inspect(at('registry.example.com/lab/first:1.0'));
    assert.equal((await client.inspect(at('registry.example.com/private/secret:1.0'))).kind, 'repository-missing');
    assert.deepEqual(tokenRequests.slice(1), [[scope('private/secret')], [scope('private/secret')]]);
  });

  it('keeps sharing tokens after the token server refused one of a repository\'s own', async () => {
    const { client, tokenRequests } = registry((scopes) => (scopes.length === 1 && scopes[0].includes('private/') ? 'refused' : scopes));
    await client.inspect(at('registry.example.com/lab/first:1.0'));
    assert.equal((await client.inspect(at('registry.example.com/private/secret:1.0'))).kind, 'repository-missing');
    const names = Array.from({ length: 4 }, (_, i) => repository(i));
    assert.deepEqual(await inspectAll(client, names), names.map(() => 'found'));
    assert.deepEqual(tokenRequests.slice(-1), [names.map(scope)], 'one token for the four: a refused token of one repository is no reason to stop');
  });

  it('answers a 403 with a challenge as it is: no token is asked', async () => {
    const tokenRequests: string[] = [];
    const client = new RegistryClient((url) => {
      if (url.includes('auth.example.com')) tokenRequests.push(url);
      return Promise.resolve(new Response(null, { status: 403, headers: { 'www-authenticate': `Bearer realm="${REALM}"` } }));
    });
    assert.equal((await client.inspect(at('registry.example.com/lab/app:1.0'))).kind, 'repository-missing');
    assert.deepEqual(tokenRequests, []);
  });
});
