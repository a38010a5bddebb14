// What a hostile registry's answers can make the editor hold and show (#27.5, #27.6): tags, platforms, completion
// lists, hovers and the cache file stay bounded. Registries are fake fetches in-process; no network.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RegistryClient } from '../../server/src/online/registryClient';
import { registryLocation } from '../../server/src/online/registryLocation';
import { MAX_CACHE_BYTES, restoreCache, serializeCache, TagList, Timed } from '../../server/src/online/imageCache';
import { fileCacheStore } from '../../server/src/node/registryFetch';
import { ImageFacts, ImageFactsSource, ONLINE_LIMITS } from '../../server/src/service/imageFacts';
import { createLanguageService } from '../../server/src/service/languageService';

const json = (body: unknown, headers: Record<string, string> = {}) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json', ...headers } });

describe('answers of a hostile registry', () => {
  it('a page of 300,000 tags: no stack overflow, at most the limit kept', async () => {
    const tags = Array.from({ length: 300_000 }, (_, i) => `t${i}`);
    const client = new RegistryClient(() => Promise.resolve(json({ tags })), 5000);
    const listed = await client.listTags(registryLocation('ghcr.io/acme/app:1')!);
    assert.ok(Array.isArray(listed));
    assert.equal(listed.length, ONLINE_LIMITS.tags);
  });

  it('an index of 54,000 platforms: at most the limit kept, and the hover names a dozen and counts the rest', async () => {
    const manifests = Array.from({ length: 54_000 }, (_, i) => ({ digest: 'sha256:aa', platform: { os: 'linux', architecture: `arch${i}` } }));
    const fetch = (url: string) => Promise.resolve(url.includes('/manifests/sha256:aa')
      ? json({ layers: [] }) : json({ manifests }, { 'docker-content-digest': `sha256:${'b'.repeat(64)}` }));
    const facts = await new RegistryClient(fetch, 5000).inspect(registryLocation('ghcr.io/acme/app:1')!);
    assert.equal(facts.kind, 'found');
    assert.equal(facts.kind === 'found' && facts.platforms.length, ONLINE_LIMITS.platforms);
    const service = createLanguageService({ images: { image: () => facts, tags: () => undefined } });
    const text = JSON.stringify({ compatibility: [{ version: '1.18.x', image: 'ghcr.io/acme/app:1', uncompressed_size_mb: 1 }] });
    const hover = service.hover(TextDocument.create('file:///r/workspaces/A/workspace.json', 'json', 1, text), { line: 0, character: text.indexOf('ghcr') + 2 }, { registrySchema: 'auto', onlineImages: true });
    const value = (hover?.contents as { value: string }).value;
    assert.match(value, /arch11 and 52 more/);
    assert.ok(value.length < 2000, `${value.length} characters`);
  });

  it('completion over a million tags offers a bounded list, said to be incomplete, narrowed as you type', () => {
    const tags = Array.from({ length: 1_000_000 }, (_, i) => `1.${i}`);
    const images: ImageFactsSource = { image: () => undefined, tags: () => tags };
    const service = createLanguageService({ images });
    const complete = (typed: string) => {
      const text = `{ "compatibility": [{ "version": "1.18.x", "image": "ghcr.io/acme/app:${typed}" }] }`;
      const at = text.indexOf(`app:${typed}`) + 4 + typed.length;
      return service.complete(TextDocument.create('file:///r/workspaces/A/workspace.json', 'json', 1, text), { line: 0, character: at }, { registrySchema: 'auto', onlineImages: true });
    };
    const list = complete('');
    assert.equal(list.items.length, ONLINE_LIMITS.completionTags);
    assert.equal(list.isIncomplete, true);
    assert.ok(complete('1.99999').items.every((i) => String(i.label).startsWith('1.99999')));
  });
});

describe('the image cache file', () => {
  const found = (platforms: number): ImageFacts => ({ kind: 'found', digest: 'sha256:x', platforms: Array.from({ length: platforms }, () => ({ os: 'linux', architecture: 'amd64' })) });

  it('is written within its size, without expired answers', () => {
    const images = new Map<string, Timed<ImageFacts>>();
    for (let i = 0; i < 5000; i++) images.set(`k${i}`, { value: found(60), at: 1000 + i });
    const tags = new Map<string, Timed<TagList>>([['old', { value: ['a'], at: 0 }], ['new', { value: ['b'], at: 10 }]]);
    const text = serializeCache(images, tags, { images: () => true, tags: (t) => t.at > 5 });
    assert.ok(text.length <= MAX_CACHE_BYTES, `${text.length} bytes`);
    assert.deepEqual(Object.keys((JSON.parse(text) as { tags: object }).tags), ['new']);
  });

  it('is read with answers from the future dropped, and lists cut to the limits', () => {
    const now = Date.now();
    const images = new Map<string, Timed<ImageFacts>>();
    const tags = new Map<string, Timed<TagList>>();
    restoreCache(JSON.stringify({
      format: 1,
      images: { future: { value: found(1), at: now + 86_400_000 }, big: { value: found(1000), at: now } },
      tags: { many: { value: Array.from({ length: 20_000 }, (_, i) => `t${i}`), at: now } },
    }), images, tags, now);
    assert.deepEqual([...images.keys()], ['big']);
    assert.equal((images.get('big')?.value as { platforms: unknown[] }).platforms.length, ONLINE_LIMITS.platforms);
    assert.equal((tags.get('many')?.value as string[]).length, ONLINE_LIMITS.tags);
  });

  it('is never read from a FIFO or a device, and a failed write leaves no .tmp behind', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-cache-'));
    const file = path.join(folder, 'image-cache.json');
    spawnSync('mkfifo', [file]);
    assert.equal(await fileCacheStore(folder).load(), undefined, 'a FIFO: not opened for reading (it would hang)');
    fs.rmSync(file);
    fs.symlinkSync('/dev/zero', file);
    assert.equal(await fileCacheStore(folder).load(), undefined, '/dev/zero: not read');
    fs.rmSync(file);
    fs.mkdirSync(file); // the rename onto a folder fails
    await assert.rejects(fileCacheStore(folder).save('{}'));
    assert.deepEqual(fs.readdirSync(folder).filter((f) => f.endsWith('.tmp')), []);
  });
});
