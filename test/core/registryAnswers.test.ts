// How registries' answers are read (registryResponses.ts) and kept between sessions (imageCache.ts): each header
// form, each limit on both sides, and every shape a cache file on disk may have (#17, #27.5, #31).
import * as assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { ImageFacts } from '../../server/src/service/imageFacts';
import { MAX_CACHE_BYTES, TagList, Timed, restoreCache, serializeCache } from '../../server/src/online/imageCache';
import {
  bearerChallenge, closestTags, layerBytes, nextPage, platformOf, readJson, retryAfterMs,
} from '../../server/src/online/registryResponses';

const NOW = Date.UTC(2026, 11, 1);
const FOUND: ImageFacts = { kind: 'found', digest: 'sha256:a', platforms: [{ architecture: 'amd64', os: 'linux' }] };

function restored(file: unknown, now = NOW) {
  const images = new Map<string, Timed<ImageFacts>>();
  const tags = new Map<string, Timed<TagList>>();
  restoreCache(typeof file === 'string' ? file : JSON.stringify(file), images, tags, now);
  return { images: Object.fromEntries(images), tags: Object.fromEntries(tags) };
}

describe('reading registry answers', () => {
  it('reads a Bearer challenge, whatever the spacing and case, and nothing else', () => {
    assert.deepEqual(bearerChallenge('Bearer realm="https://auth/t",service="reg",Scope="repository:a:pull"'),
      { realm: 'https://auth/t', service: 'reg', scope: 'repository:a:pull' });
    assert.deepEqual(bearerChallenge('  bearer   realm = "https://auth/t"'), { realm: 'https://auth/t' });
    for (const header of ['Basic realm="x"', 'Bearer', 'XBearer realm="x"', 'Bearer service="x"', 'Bearerrealm="x"', null]) {
      assert.equal(bearerChallenge(header), undefined, String(header));
    }
  });

  it('reads Retry-After as seconds (0 included) or as a date, else a minute', () => {
    assert.equal(retryAfterMs('7'), 7000);
    assert.equal(retryAfterMs('0'), 0);
    assert.equal(retryAfterMs('1e400'), 60_000, 'not a finite number of seconds');
    assert.equal(retryAfterMs(''), 60_000);
    assert.equal(retryAfterMs(null), 60_000);
    assert.equal(retryAfterMs('soon'), 60_000);
    mock.timers.enable({ apis: ['Date'], now: Date.parse('Tue, 01 Dec 2026 10:00:00 GMT') });
    try {
      assert.equal(retryAfterMs('Tue, 01 Dec 2026 10:00:30 GMT'), 30_000);
      assert.equal(retryAfterMs('Tue, 01 Dec 2026 09:59:00 GMT'), 0, 'a date past is now');
    } finally {
      mock.timers.reset();
    }
  });

  it('follows a Link to the next page of the same list only', () => {
    const page = new URL('https://reg.example/v2/a/b/tags/list?n=1000');
    assert.equal(nextPage('</v2/a/b/tags/list?n=1000&last=x>; rel="next"', page)?.href, 'https://reg.example/v2/a/b/tags/list?n=1000&last=x');
    assert.equal(nextPage('</v2/a/b/tags/list?last=y>;rel=next', page)?.search, '?last=y');
    assert.equal(nextPage('</v2/a/b/tags/list?last=y>  ;  REL="next"', page)?.search, '?last=y');
    for (const link of ['</v2/a/b/tags/list?last=z>; rel="prev"', 'https://reg.example/v2/a/b/tags/list', '<//other.example/v2/a/b/tags/list>; rel="next"',
      '</v2/a/c/tags/list>; rel="next"', '<http://[bad>; rel="next"', null]) {
      assert.equal(nextPage(link, page), undefined, String(link));
    }
  });

  it('reads JSON bodies up to 4 MB, in any number of chunks; more, or not JSON, is nothing', async () => {
    const chunked = (...parts: string[]) => new Response(new ReadableStream({
      start(controller) { for (const part of parts) controller.enqueue(new TextEncoder().encode(part)); controller.close(); },
    }));
    assert.deepEqual(await readJson(chunked('{"a":', '[1,', '2]}')), { a: [1, 2] });
    const limit = 4 * 1024 * 1024;
    const padded = (size: number) => `"${'x'.repeat(size - 2)}"`;
    assert.equal((await readJson<string>(new Response(padded(limit))))?.length, limit - 2, 'exactly 4 MB is read');
    assert.equal(await readJson(new Response(padded(limit + 1))), undefined, 'one byte more is not');
    assert.equal(await readJson(new Response('{"a":')), undefined);
    assert.equal(await readJson(new Response(null)), undefined);
  });

  it('takes platforms without attestations, sums layer sizes, and offers near tags (else the newest three)', () => {
    assert.deepEqual(platformOf({ architecture: 'arm', variant: 'v7' }), [{ os: 'linux', architecture: 'arm', variant: 'v7' }]);
    assert.deepEqual(platformOf({ architecture: 'amd64', os: 'windows' }), [{ os: 'windows', architecture: 'amd64' }]);
    assert.deepEqual(platformOf({ architecture: 'unknown', os: 'unknown' }), []);
    assert.deepEqual(platformOf(undefined), []);
    assert.equal(layerBytes({ layers: [{ size: 3 }, {}, { size: 4 }] }), 7);
    assert.equal(layerBytes({}), undefined);
    assert.deepEqual(closestTags('1.17.1', ['1.18.0', '1.17.0', '1.16.0', 'develop']), ['1.17.0']);
    assert.deepEqual(closestTags('nightly', ['4', '3', '2', '1']), ['4', '3', '2']);
  });
});

describe('the image cache file', () => {
  it('writes verdicts newest first, never "could not ask" or an unlisted repository, nor what is not fresh', () => {
    const images = new Map<string, Timed<ImageFacts>>([
      ['old', { value: FOUND, at: NOW - 2 }],
      ['new', { value: { kind: 'repository-missing' }, at: NOW }],
      ['unknown', { value: { kind: 'unknown', reason: 'offline', detail: 'x' }, at: NOW }],
      ['stale', { value: { kind: 'tag-missing', closestTags: [] }, at: NOW - 1 }],
    ]);
    const tags = new Map<string, Timed<TagList>>([['listed', { value: ['1'], at: NOW }], ['unlisted', { value: null, at: NOW }], ['gone', { value: 'missing', at: NOW }]]);
    const everything = JSON.parse(serializeCache(images, tags)) as { format: number; images: object; tags: object };
    assert.equal(everything.format, 1);
    assert.deepEqual(Object.keys(everything.images), ['new', 'stale', 'old']);
    assert.deepEqual(Object.keys(everything.tags), ['listed', 'gone']);
    const fresh = JSON.parse(serializeCache(images, tags, { images: (timed) => timed.at !== NOW - 1, tags: (timed) => timed.value !== 'missing' })) as
      { images: object; tags: object };
    assert.deepEqual(Object.keys(fresh.images), ['new', 'old']);
    assert.deepEqual(Object.keys(fresh.tags), ['listed']);
  });

  it('keeps the file under 8 MB by writing fewer, newest, answers', () => {
    const tags = new Map<string, Timed<TagList>>();
    for (let i = 0; i < 1000; i++) tags.set(`repository-${i}`, { value: ['x'.repeat(20_000)], at: NOW + i });
    const text = serializeCache(new Map(), tags);
    assert.ok(text.length <= MAX_CACHE_BYTES, `${text.length} bytes`);
    const kept = Object.keys((JSON.parse(text) as { tags: object }).tags);
    assert.ok(kept.length > 100 && kept.length < 1000, `${kept.length} kept`);
    assert.equal(kept[0], 'repository-999');
  });

  it('reads back what it wrote, and only what has the shape of an answer', () => {
    const file = {
      format: 1,
      images: {
        found: { value: { ...FOUND, platforms: Array.from({ length: 70 }, () => ({ architecture: 'amd64', os: 'linux' })) }, at: NOW },
        tagMissing: { value: { kind: 'tag-missing', closestTags: ['1'] }, at: NOW },
        repositoryMissing: { value: { kind: 'repository-missing' }, at: NOW },
        unknown: { value: { kind: 'unknown', reason: 'offline', detail: 'x' }, at: NOW },
        foundWithoutDigest: { value: { kind: 'found', platforms: [] }, at: NOW },
        foundWithoutPlatforms: { value: { kind: 'found', digest: 'd' }, at: NOW },
        platformWithoutOs: { value: { kind: 'found', digest: 'd', platforms: [{ architecture: 'amd64' }] }, at: NOW },
        platformNull: { value: { kind: 'found', digest: 'd', platforms: [null] }, at: NOW },
        numericTags: { value: { kind: 'tag-missing', closestTags: [1] }, at: NOW },
        noTags: { value: { kind: 'tag-missing' }, at: NOW },
        noTime: { value: { kind: 'repository-missing' } },
        null: null,
      },
      tags: {
        listed: { value: Array.from({ length: 10_001 }, (_, i) => `t${i}`), at: NOW },
        missing: { value: 'missing', at: NOW }, mixed: { value: ['a', 1], at: NOW }, other: { value: 'x', at: NOW },
      },
    };
    const { images, tags } = restored(file);
    assert.deepEqual(Object.keys(images), ['found', 'tagMissing', 'repositoryMissing']);
    assert.equal((images.found.value as { platforms: unknown[] }).platforms.length, 64, 'platforms cut to 64');
    assert.deepEqual(Object.keys(tags), ['listed', 'missing']);
    assert.equal((tags.listed.value as string[]).length, 10_000, 'tags cut to 10,000');
  });

  it('ignores a file of another format or shape, and answers dated more than 5 minutes ahead', () => {
    for (const file of ['not json', { format: 2, images: { a: { value: FOUND, at: NOW } } }, null, { images: { a: { value: FOUND, at: NOW } } }]) {
      assert.deepEqual(restored(file), { images: {}, tags: {} }, JSON.stringify(file));
    }
    assert.deepEqual(restored({ format: 1, images: 'x', tags: null }), { images: {}, tags: {} });
    const skew = 5 * 60_000;
    const dated = restored({
      format: 1, images: { ahead: { value: FOUND, at: NOW + skew + 1 }, edge: { value: FOUND, at: NOW + skew } }, tags: {},
    });
    assert.deepEqual(Object.keys(dated.images), ['edge']);
  });
});
