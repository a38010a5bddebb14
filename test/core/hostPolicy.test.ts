// Which hosts online checks may contact (#27.1), and what the registry client does with a hostile registry's
// answers. Requests go to an in-process fake fetch that records them: nothing here reaches any network.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressRefusal, isAllowedHost, urlRefusal } from '../../server/src/online/hostPolicy';
import { Fetch, RegistryClient } from '../../server/src/online/registryClient';
import { isLoopback, registryLocation } from '../../server/src/online/registryLocation';

describe('the host policy', () => {
  it('refuses every address that is not public, however it is written', () => {
    for (const [url, reason] of [
      ['https://127.0.0.1/', 'loopback'], ['https://2130706433/', 'loopback'], ['https://0x7f000001/', 'loopback'],
      ['https://127.1/', 'loopback'], ['https://0177.0.0.1/', 'loopback'], ['https://[::1]/', 'loopback'],
      ['https://[::ffff:7f00:1]/', 'loopback'], ['https://localhost/', 'this machine'], ['https://registry.localhost/', 'this machine'],
      ['https://10.1.2.3/', 'private'], ['https://172.16.0.1/', 'private'], ['https://192.168.1.1/', 'private'],
      ['https://169.254.169.254/', 'cloud metadata'], ['https://169.254.1.1/', 'link-local'], ['https://[fe80::1]/', 'link-local'],
      ['https://[fd00::1]/', 'unique-local'], ['https://0.0.0.0/', 'unspecified'], ['https://[::]/', 'unspecified'],
      ['https://100.64.0.1/', 'carrier-grade NAT'], ['https://224.0.0.1/', 'multicast'],
    ]) {
      assert.match(urlRefusal(new URL(url), []) ?? '', new RegExp(reason), url);
    }
  });

  it('lets public HTTPS through, and plain HTTP nowhere but to an allowed host', () => {
    assert.equal(urlRefusal(new URL('https://ghcr.io/v2/'), []), undefined);
    assert.equal(urlRefusal(new URL('https://8.8.8.8/v2/'), []), undefined);
    assert.equal(urlRefusal(new URL('https://[2606:4700::1]/v2/'), []), undefined);
    assert.match(urlRefusal(new URL('http://ghcr.io/v2/'), []) ?? '', /ghcr\.io would be asked over plain HTTP/);
    assert.equal(urlRefusal(new URL('http://ghcr.io/v2/'), ['ghcr.io']), undefined);
  });

  it('allows what the user names: a host on every port, host:port on that port only', () => {
    const at = (url: string) => new URL(url);
    assert.ok(isAllowedHost(at('http://127.0.0.1:5000/'), ['127.0.0.1']));
    assert.ok(isAllowedHost(at('http://127.0.0.1:5000/'), ['127.0.0.1:5000']));
    assert.ok(!isAllowedHost(at('http://127.0.0.1:5001/'), ['127.0.0.1:5000']));
    assert.ok(isAllowedHost(at('http://LocalHost:5000/'), ['localhost:5000']));
    assert.ok(!isAllowedHost(at('http://127.0.0.2/'), ['127.0.0.1']));
    assert.ok(isAllowedHost(at('http://[::1]:5000/'), ['[::1]:5000']));
  });

  it('says nothing against a public address and names the range of others', () => {
    assert.equal(addressRefusal('140.82.112.3'), undefined);
    assert.equal(addressRefusal('not an address'), undefined);
    assert.equal(addressRefusal('10.0.0.1'), '10.0.0.1 is a private address');
    assert.equal(addressRefusal('::ffff:10.0.0.1'), '::ffff:10.0.0.1 is a private address');
    for (const [address, words] of [
      ['127.0.0.1', 'a loopback address (this machine)'], ['169.254.1.1', 'a link-local address'], ['fd12::1', 'a unique-local address'],
      ['0.0.0.0', 'the unspecified address'], ['239.1.1.1', 'a multicast address'], ['255.255.255.255', 'the broadcast address'],
      ['100.64.0.1', 'a carrier-grade NAT address'], ['240.0.0.1', 'a reserved address'],
      ['169.254.169.254', 'a cloud metadata address'], ['fd00:ec2::254', 'a cloud metadata address'], ['100.100.100.200', 'a cloud metadata address'],
      ['2002::1', 'an address of the 6to4 range'],
    ]) {
      assert.equal(addressRefusal(address), `${address} is ${words}`);
    }
    assert.equal(urlRefusal(new URL('https://[fd00::1]/'), []), 'fd00::1 is a unique-local address', 'named without its brackets');
  });

  it('asks Docker Hub under each of its names, and plain HTTP only of this machine, as docker pull does', () => {
    for (const host of ['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com', 'Docker.IO']) {
      assert.deepEqual(registryLocation(`${host}/acme/app:1`), {
        registry: 'docker.io', base: 'https://registry-1.docker.io', repository: 'acme/app', reference: '1', written: `${host}/acme/app:1`,
      });
    }
    assert.equal(registryLocation('docker.io/ubuntu')?.repository, 'library/ubuntu');
    assert.equal(registryLocation('ghcr.io/ubuntu')?.repository, 'ubuntu', 'library/ is Docker Hub\'s only');
    assert.equal(registryLocation('acme/app@sha256:' + 'a'.repeat(64))?.reference, 'sha256:' + 'a'.repeat(64));
    for (const host of ['localhost', 'localhost:5000', 'LOCALHOST:5000', '127.0.0.1', '127.0.0.10:5000', '127.255.255.255:1', '[::1]:5000']) {
      assert.ok(isLoopback(host), host);
    }
    for (const host of ['mylocalhost:5000', 'localhost.example.com', '127.0.0.1000', '127.0.0:5000', 'localhost:', 'localhost:50a', '10.0.0.1:5000']) {
      assert.ok(!isLoopback(host), host);
    }
  });

  it('reads the user\'s allowed hosts without regard to case or spaces around them', () => {
    assert.ok(isAllowedHost(new URL('http://registry.lan:5000/'), ['  Registry.LAN:5000 ']));
    assert.ok(isAllowedHost(new URL('http://registry.lan:5000/'), ['REGISTRY.lan']));
    assert.equal(urlRefusal(new URL('http://10.0.0.5:5000/'), [' 10.0.0.5 ']), undefined);
  });
});

/** A fake fetch: each host answers through `hosts[host]`; every request is recorded with its Authorization. */
function fakeRegistries(hosts: Record<string, (url: URL, auth: string | undefined) => Response>) {
  const requests: { url: string; auth?: string }[] = [];
  const fetch: Fetch = (url, init) => {
    const parsed = new URL(url);
    const auth = (init.headers as Record<string, string> | undefined)?.authorization;
    requests.push({ url, auth });
    const answer = hosts[parsed.host];
    return answer ? Promise.resolve(answer(parsed, auth)) : Promise.reject(new TypeError('fetch failed'));
  };
  return { fetch, requests };
}

const challenge = (realm: string) => new Response(null, { status: 401, headers: { 'www-authenticate': `Bearer realm="${realm}",service="r"` } });
const token = (value: string) => new Response(JSON.stringify({ token: value }), { status: 200 });

describe('the registry client against hostile registries', () => {
  it('never contacts a refused host: an entry naming a private registry asks nothing', async () => {
    const { fetch, requests } = fakeRegistries({});
    for (const image of ['10.0.0.1:5000/team/app:1', '169.254.169.254/latest/meta:1', '127.1:5000/x/y:1', 'localhost:5000/x/y:1']) {
      const facts = await new RegistryClient(fetch, 1000).inspect(registryLocation(image)!);
      assert.equal(facts.kind === 'unknown' && facts.reason, 'refused', image);
    }
    assert.deepEqual(requests, []);
  });

  it('follows no redirect to a private address or down to plain HTTP, and fetches no realm on one', async () => {
    const redirect = (location: string) => () => new Response(null, { status: 302, headers: { location } });
    for (const [hosts, reason] of [
      [{ 'public.example': redirect('http://127.0.0.1:9/v2/') }, /127\.0\.0\.1 is a loopback/],
      [{ 'public.example': redirect('http://cdn.example/blob') }, /cdn\.example would be asked over plain HTTP/],
      [{ 'public.example': redirect('https://[fd00:ec2::254]/') }, /cloud metadata/],
      [{ 'public.example': () => challenge('https://169.254.169.254/latest/api/token') }, /169\.254\.169\.254 is a cloud metadata/],
    ] as const) {
      const { fetch, requests } = fakeRegistries(hosts);
      const facts = await new RegistryClient(fetch, 1000).inspect(registryLocation('public.example/team/app:1')!);
      assert.match(facts.kind === 'unknown' ? facts.detail : facts.kind, reason);
      assert.deepEqual(requests.map((r) => new URL(r.url).host), ['public.example'], 'only the registry itself');
    }
  });

  it('gives each host only the token its own realm issued, also for the same repository after a redirect', async () => {
    const manifest = (host: string) => (url: URL, auth: string | undefined) => {
      if (auth !== `Bearer token-${host}`) return challenge(`https://auth.${host}/token`);
      if (host === 'a.example' && url.pathname.includes('/manifests/')) return new Response(null, { status: 307, headers: { location: `https://b.example${url.pathname}` } });
      return new Response(null, { status: 404 });
    };
    const { fetch, requests } = fakeRegistries({
      'a.example': manifest('a.example'), 'b.example': manifest('b.example'),
      'auth.a.example': () => token('token-a.example'), 'auth.b.example': () => token('token-b.example'),
    });
    await new RegistryClient(fetch, 1000).inspect(registryLocation('a.example/team/app:1')!);
    const sent = requests.filter((r) => r.auth);
    assert.ok(sent.some((r) => new URL(r.url).host === 'b.example'), 'b was asked with a token');
    assert.ok(sent.some((r) => new URL(r.url).host === 'a.example' && r.url.includes('tags/list')), 'a was asked again after b');
    for (const { url, auth } of sent) assert.equal(auth, `Bearer token-${new URL(url).host}`, url);
    for (const { url, auth } of requests) if (new URL(url).host.startsWith('auth.')) assert.equal(auth, undefined, 'a realm gets no credential');
  });
});
