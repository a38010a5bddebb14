// OnlineImages, the answers of registries as the editor and the CLI keep them (#17, #27), in process with a fake
// registry and a clock of the test's: how long each kind of answer is trusted (each limit on both sides), the status
// item's counts and words, backing off a registry that limits the rate, the budget, and what the cache file keeps.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Fetch } from '../../server/src/online/registryClient';
import { OnlineImages, OnlineImagesOptions } from '../../server/src/online/onlineImages';

const HOUR = 3600_000;
const MINUTE = 60_000;
const CONFIG = 'sha256:c0nf19';

/**
 * A registry on registry.example.com that knows acme/app:1.0 (tags 1.0 and 1.1) and nothing else; a test may
 * answer some paths itself first. Every request is noted as "path" (without the /v2/ prefix).
 */
function fakeRegistry(override: (path: string) => Response | Promise<Response> | undefined = () => undefined) {
  const asked: string[] = [];
  const fetch: Fetch = async (url) => {
    const path = new URL(url).pathname.replace(/^\/v2\//, '');
    asked.push(path);
    const own = await override(path);
    if (own) return own;
    if (path === 'acme/app/manifests/1.0') {
      return Response.json({ schemaVersion: 2, config: { digest: CONFIG }, layers: [{ size: 1000 }] }, { headers: { 'docker-content-digest': 'sha256:app' } });
    }
    if (path === `acme/app/blobs/${CONFIG}`) return Response.json({ architecture: 'amd64', os: 'linux', created: '2026-11-01T00:00:00Z' });
    if (path === 'acme/app/tags/list') return Response.json({ tags: ['1.0', '1.1'] });
    return new Response(null, { status: 404 });
  };
  return { fetch, asked };
}

function online(options: Partial<OnlineImagesOptions> & { fetch: Fetch }) {
  let time = Date.UTC(2026, 11, 1);
  const told: string[][] = [];
  const logged: string[] = [];
  const images = new OnlineImages({
    onAnswer: (uris) => told.push(uris), log: (message) => logged.push(message), now: () => time, ...options,
  });
  return { images, told, logged, advance: (ms: number) => { time += ms; }, now: () => time };
}

const APP = 'registry.example.com/acme/app:1.0';
const FOUND = {
  kind: 'found', digest: 'sha256:app', platforms: [{ architecture: 'amd64', os: 'linux' }], compressedBytes: 1000, created: '2026-11-01T00:00:00Z',
};

describe('OnlineImages', () => {
  it('answers at once with what it knows, asks once in the background, then tells the documents that asked', async () => {
    const registry = fakeRegistry();
    const { images, told } = online({ fetch: registry.fetch });
    assert.equal(images.image(APP, 'file:///a'), undefined);
    assert.equal(images.image(APP, 'file:///b'), undefined);
    assert.equal(images.busy, true);
    assert.deepEqual(images.status(), { checked: 0, problems: 0, pending: 1, state: 'ok', detail: undefined });
    assert.equal(images.unanswered(), 1);
    await images.settled();
    assert.equal(images.busy, false);
    assert.deepEqual(told, [['file:///a', 'file:///b']]);
    assert.deepEqual(images.image(APP, 'file:///a'), FOUND);
    assert.deepEqual(registry.asked, ['acme/app/manifests/1.0', `acme/app/blobs/${CONFIG}`]);
    assert.deepEqual(images.status(), { checked: 1, problems: 0, pending: 0, state: 'ok', detail: undefined });
    assert.equal(images.unanswered(), 0);
    assert.equal(images.image('not an image!', 'file:///a'), undefined);
    assert.equal(images.tags('not an image!', 'file:///a'), undefined);
  });

  it('counts a missing tag or repository as a problem, and shares one tag list with available_tags', async () => {
    const registry = fakeRegistry();
    const { images } = online({ fetch: registry.fetch });
    images.image('registry.example.com/acme/app:1.2', 'file:///a');
    images.image('registry.example.com/acme/gone:1', 'file:///a');
    assert.equal(images.tags('registry.example.com/acme/app:1.2', 'file:///a'), undefined);
    await images.settled();
    assert.deepEqual(images.image('registry.example.com/acme/app:1.2', 'file:///a'), { kind: 'tag-missing', closestTags: ['1.1', '1.0'] });
    assert.deepEqual(images.image('registry.example.com/acme/gone:1', 'file:///a'), { kind: 'repository-missing' });
    assert.deepEqual(images.tags('registry.example.com/acme/app:1.2', 'file:///a'), ['1.1', '1.0']);
    assert.equal(images.tags('registry.example.com/acme/gone:1', 'file:///a'), null, 'the image\'s question listed the missing repository');
    assert.equal(images.busy, false);
    assert.equal(registry.asked.filter((path) => path === 'acme/app/tags/list').length, 1);
    assert.equal(registry.asked.filter((path) => path === 'acme/gone/tags/list').length, 1);
    assert.deepEqual(images.status(), { checked: 2, problems: 2, pending: 0, state: 'ok', detail: undefined });
  });

  it('trusts a found image 6 hours, a missing tag 15 minutes, a tag list 1 hour, "could not ask" 1 minute', async () => {
    const cases: [string, string, number, (images: OnlineImages) => unknown][] = [
      ['found image', 'acme/app/manifests/1.0', 6 * HOUR, (images) => images.image(APP, 'file:///a')],
      ['missing tag', 'acme/app/manifests/1.2', 15 * MINUTE, (images) => images.image('registry.example.com/acme/app:1.2', 'file:///a')],
      ['tag list', 'acme/app/tags/list', HOUR, (images) => images.tags(APP, 'file:///a')],
    ];
    for (const [what, path, freshMs, ask] of cases) {
      const registry = fakeRegistry();
      const { images, advance } = online({ fetch: registry.fetch });
      const count = () => registry.asked.filter((asked) => asked === path).length;
      ask(images);
      await images.settled();
      const answer = ask(images);
      advance(freshMs - 1);
      assert.deepEqual(ask(images), answer, `${what}: still trusted just before ${freshMs} ms`);
      await images.settled();
      assert.equal(count(), 1, `${what}: not asked again before ${freshMs} ms`);
      advance(1);
      assert.deepEqual(ask(images), answer, `${what}: the old answer while the new one comes`);
      await images.settled();
      assert.equal(count(), 2, `${what}: asked again at ${freshMs} ms`);
    }
    let down = true;
    const registry = fakeRegistry(() => (down ? Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })) : undefined));
    const { images, advance, logged } = online({ fetch: registry.fetch });
    images.image(APP, 'file:///a');
    await images.settled();
    assert.deepEqual(images.status(), { checked: 0, problems: 0, pending: 0, state: 'offline', detail: 'registry.example.com could not be reached (ECONNREFUSED)' });
    assert.equal(images.unanswered(), 1);
    advance(MINUTE - 1);
    images.image(APP, 'file:///a');
    assert.equal(images.busy, false, 'not asked again within the minute');
    advance(1);
    down = false;
    images.image(APP, 'file:///a');
    await images.settled();
    assert.deepEqual(images.image(APP, 'file:///a'), FOUND);
    assert.deepEqual(images.status(), { checked: 1, problems: 0, pending: 0, state: 'ok', detail: undefined }, 'reachable again');
    assert.deepEqual(logged, ['registry.example.com could not be reached (ECONNREFUSED); images on it are not checked.']);
  });

  it('says once that a registry cannot be reached, and never that it is a bug', async () => {
    const timeout = Object.assign(new Error('slow'), { name: 'TimeoutError' });
    const { images, logged } = online({ fetch: () => Promise.reject(timeout) });
    images.image('registry.example.com/acme/a:1', 'file:///a');
    images.image('registry.example.com/acme/b:1', 'file:///a');
    await images.settled();
    assert.deepEqual(logged, ['registry.example.com did not answer in time; images on it are not checked.']);
    assert.equal(images.status().state, 'offline');
  });

  it('leaves a registry that limits the rate alone for as long as it says (1 s to 15 min), then asks for everyone again', async () => {
    for (const [retryAfter, waitS] of [['7', 7], ['0', 1], ['3600', 900]] as const) {
      let limited = true;
      const registry = fakeRegistry(() => (limited ? new Response(null, { status: 429, headers: { 'retry-after': retryAfter } }) : undefined));
      const { images, logged, advance, told } = online({ fetch: registry.fetch });
      images.image(APP, 'file:///a');
      await images.settled();
      assert.deepEqual(logged, [`registry.example.com limits the rate of requests; asking again in ${waitS} s.`]);
      assert.deepEqual(images.status(), {
        checked: 0, problems: 0, pending: 0, state: 'rate-limited', detail: 'registry.example.com limited the rate; asking again later',
      });
      images.image('registry.example.com/acme/other:1', 'file:///b');
      advance(waitS * 1000 - 1);
      images.image(APP, 'file:///a');
      assert.equal(images.busy, false, `nothing asked within ${waitS} s`);
      assert.equal(registry.asked.length, 1);
      advance(1);
      assert.equal(images.status().state, 'ok', `free again after ${waitS} s`);
      limited = false;
      images.image(APP, 'file:///a');
      await images.settled();
      assert.deepEqual(images.image(APP, 'file:///a'), FOUND);
      assert.deepEqual(told.at(-1), ['file:///a']);
    }
  });

  it('asks nothing more once the budget is spent, and ends what is on its way', async () => {
    const registry = fakeRegistry((path) => (path.includes('slow') ? new Promise<Response>(() => undefined) : undefined));
    const hanging: Fetch = (url, init) => new Promise((resolve, reject) => {
      init.signal?.addEventListener('abort', () => reject(new DOMException('stopped', 'AbortError')));
      void registry.fetch(url, init).then(resolve);
    });
    const { images } = online({ fetch: hanging, budgetMs: 50 });
    // The budget's timer does not keep a process alive (unref'd); a real request's socket does, this stands in for it.
    const socket = setInterval(() => undefined, 1000);
    images.image('registry.example.com/acme/slow:1', 'file:///a');
    await images.settled().finally(() => clearInterval(socket));
    assert.equal(images.budgetEnded, true);
    images.image(APP, 'file:///a');
    assert.equal(images.busy, false, 'no question after the budget');
    assert.deepEqual(registry.asked, ['acme/slow/manifests/1']);
  });

  it('logs a bug of ours as one', async () => {
    const { images, logged } = online({ fetch: () => Promise.reject(new RangeError('oops')) });
    images.image(APP, 'file:///a');
    await images.settled();
    assert.equal(logged.length, 1);
    assert.match(logged[0], /^checking registry\.example\.com\/acme\/app:1\.0 failed: RangeError: oops[\s\S]* \(a bug; please report it\)$/);
  });

  it('reads the cache file once, before the first question, and asks nothing it answers', async () => {
    const registry = fakeRegistry();
    let loads = 0;
    const writer = online({ fetch: registry.fetch });
    writer.images.image(APP, 'file:///a');
    writer.images.tags(APP, 'file:///a');
    await writer.images.settled();
    let saved: string | undefined;
    const store = {
      load: () => { loads++; return Promise.resolve(saved); },
      save: (text: string) => { saved = text; return Promise.resolve(); },
    };
    const first = online({ fetch: registry.fetch, store, now: writer.now });
    first.images.image(APP, 'file:///a');
    first.images.tags(APP, 'file:///a');
    await first.images.settled();
    await first.images.save();
    assert.ok(saved, 'the answers are written');
    const before = registry.asked.length;
    const second = online({ fetch: registry.fetch, store, now: writer.now });
    second.images.image(APP, 'file:///a');
    second.images.image(APP, 'file:///b');
    await second.images.settled();
    assert.equal(registry.asked.length, before, 'answered from the file');
    assert.deepEqual(second.images.image(APP, 'file:///a'), FOUND);
    assert.equal(loads, 2, 'each session reads the file once');
    assert.deepEqual(second.told, [['file:///a', 'file:///b']]);
  });

  it('writes the cache only when something new came, without expired answers, and survives a store that fails', async () => {
    const registry = fakeRegistry();
    const writes: string[] = [];
    const store = { load: () => Promise.reject(new Error('unreadable')), save: (text: string) => { writes.push(text); return Promise.resolve(); } };
    const { images, advance } = online({ fetch: registry.fetch, store });
    await images.save();
    assert.equal(writes.length, 0, 'nothing new');
    images.image(APP, 'file:///a');
    images.image('registry.example.com/acme/app:1.2', 'file:///a');
    await images.settled();
    assert.deepEqual(images.image(APP, 'file:///a'), FOUND, 'an unreadable file is no file');
    advance(15 * MINUTE);
    await images.save();
    await images.save();
    assert.equal(writes.length, 1, 'written once');
    const written = JSON.parse(writes[0]) as { images: Record<string, unknown>; tags: Record<string, unknown> };
    assert.deepEqual(Object.keys(written.images), ['https://registry.example.com/acme/app@1.0'], 'the missing tag expired after 15 minutes');
    assert.deepEqual(Object.keys(written.tags), ['https://registry.example.com/acme/app'], 'the tag list is kept for the hour');
    advance(HOUR - 15 * MINUTE);
    images.image('registry.example.com/acme/gone:1', 'file:///a');
    await images.settled();
    await images.save();
    const later = JSON.parse(writes[1]) as { images: Record<string, unknown>; tags: Record<string, unknown> };
    assert.deepEqual(Object.keys(later.tags), ['https://registry.example.com/acme/gone'], 'the hour-old tag list is dropped');
    const failing = online({ fetch: registry.fetch, store: { load: () => Promise.resolve(undefined), save: () => Promise.reject(new Error('disk full')) } });
    failing.images.image(APP, 'file:///a');
    await failing.images.settled();
    await failing.images.save();
  });
});
