// Upgrade day in process (#29.3, #31): what `add-version` and *Add Kasm Version* write into an entry, and what an
// online answer on the new image changes. The CLI and the editor command are tested end to end in test/cli and
// test/lsp; here each decision is pinned where mutation testing sees it.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTree } from 'jsonc-parser';
import {
  addKasmVersion, addableVersion, adjustmentFor, confirmNewImages, lineOfVersion, newestCompatibility, releaseFor, retag, versionsToAdd,
} from '../../server/src/service/features/addVersion';
import { ImageFacts } from '../../server/src/service/imageFacts';

const entry11 = (...objects: object[]) => JSON.stringify({ friendly_name: 'A', compatibility: objects }, null, 2);
const added = (text: string, version: string, adjust = {}) => {
  const outcome = addKasmVersion(text, '1.1', version, adjust);
  assert.equal(outcome.kind, 'added', JSON.stringify(outcome));
  return outcome.kind === 'added' ? { ...outcome, list: (JSON.parse(outcome.text) as { compatibility: Record<string, unknown>[] }).compatibility } : undefined;
};

describe('adding a Kasm version to an entry', () => {
  it('offers the next Kasm line first, then each known line of the entry\'s schema', () => {
    assert.deepEqual(versionsToAdd('1.1'), ['1.20.x', '1.19.x', '1.18.x', '1.17.x', '1.16.x']);
    assert.deepEqual(versionsToAdd('1.0'), ['1.15.x', '1.14.x', '1.13.x']);
    for (const version of ['1.20.x', '1.19.x', '1.18.1', '1.14.x']) assert.ok(addableVersion(version), version);
    for (const version of ['1.21.x', '2.0.x', '1.18.7', 'latest']) assert.ok(!addableVersion(version), version);
    assert.ok(addableVersion('1.21.x', ['1.21.x']), 'a version the registry names');
    assert.equal(releaseFor('1.20.x'), '1.20.0');
    assert.equal(releaseFor('1.18.1'), '1.18.1');
    assert.equal(lineOfVersion('1.19.x'), '1.19');
    assert.equal(lineOfVersion('1.19.0'), '1.19');
  });

  it('copies the newest object, moving the image tag and channels that follow its release, keeping the size', () => {
    const text = entry11(
      { version: '1.17.x', image: 'kasmweb/a:1.17.0', uncompressed_size_mb: 100 },
      { version: '1.18.x', image: 'kasmweb/a:1.18.0-rolling-daily', uncompressed_size_mb: 200, available_tags: ['1.18.0-rolling-daily', '1.18.1-rolling-daily', 'develop', 7] },
      { version: '1.18.0', image: 'kasmweb/a:1.18.0', uncompressed_size_mb: 150 },
    );
    const result = added(text, '1.20.x');
    assert.deepEqual(result?.list.at(-1), {
      version: '1.20.x', image: 'kasmweb/a:1.20.0-rolling-daily', uncompressed_size_mb: 200, available_tags: ['1.20.0-rolling-daily', 'develop', 7],
    });
    assert.equal(result?.from, '1.18.x');
    assert.equal(result?.image, 'kasmweb/a:1.20.0-rolling-daily');
    assert.equal(result?.size, 200);
    assert.equal(result?.list.length, 4);
  });

  it('leaves a tag of another line or no release alone, and takes an online answer over its own guess', () => {
    const text = entry11({ version: '1.19.x', image: 'gitea/gitea:1.16.1', uncompressed_size_mb: 50 });
    assert.equal(added(text, '1.20.x')?.image, 'gitea/gitea:1.16.1');
    assert.equal(added(entry11({ version: '1.19.x', image: 'acme/app', uncompressed_size_mb: 5 }), '1.20.x')?.image, 'acme/app');
    const adjusted = added(text, '1.20.x', { image: 'gitea/gitea:1.20.0', uncompressedSizeMb: 77 });
    assert.deepEqual(adjusted?.list.at(-1), { version: '1.20.x', image: 'gitea/gitea:1.20.0', uncompressed_size_mb: 77 });
    assert.equal(adjusted?.size, 77);
  });

  it('keeps the file\'s indentation and line ends; a 1.0 entry gets the version string', () => {
    const tabs = '{\r\n\t"compatibility": [\r\n\t\t"1.14.x"\r\n\t]\r\n}\r\n';
    const outcome = addKasmVersion(tabs, '1.0', '1.15.x');
    assert.equal(outcome.kind === 'added' && outcome.text, '{\r\n\t"compatibility": [\r\n\t\t"1.14.x",\r\n\t\t"1.15.x"\r\n\t]\r\n}\r\n');
    const four = '{\n    "compatibility": [\n        { "version": "1.19.x", "image": "a/b:1.19.0", "uncompressed_size_mb": 1 }\n    ]\n}\n';
    const four20 = addKasmVersion(four, '1.1', '1.20.x');
    assert.match(four20.kind === 'added' ? four20.text : '', /\n {8}\{\n {12}"version": "1\.20\.x",\n {12}"image": "a\/b:1\.20\.0",/);
  });

  it('says why it leaves an entry alone', () => {
    const skipped = (text: string, schema: '1.0' | '1.1', version: string) => {
      const outcome = addKasmVersion(text, schema, version);
      return outcome.kind === 'skipped' ? outcome.reason : 'added';
    };
    assert.equal(skipped('{ "friendly_name": "A" }', '1.1', '1.20.x'), 'no compatibility list');
    assert.equal(skipped('[1]', '1.1', '1.20.x'), 'no compatibility list');
    assert.equal(skipped('{ "compatibility": {} }', '1.1', '1.20.x'), 'no compatibility list');
    assert.equal(skipped('{ "compatibility": ["1.15.x"] }', '1.0', '1.20.x'), 'a schema 1.0 entry: Kasm 1.20.x reads schema 1.1');
    assert.equal(skipped(entry11({ version: '1.19.x' }), '1.1', '1.15.x'), 'a schema 1.1 entry: Kasm 1.15.x reads schema 1.0');
    assert.equal(skipped(entry11({ version: '1.19.x' }), '1.1', '0.9.x'), 'a schema 1.1 entry: Kasm 0.9.x reads schema none');
    assert.equal(skipped(entry11({ version: '1.20.x' }), '1.1', '1.20.x'), 'already has 1.20.x');
    assert.equal(skipped('{ "compatibility": ["1.15.x"] }', '1.0', '1.15.x'), 'already has 1.15.x');
    assert.equal(skipped('{ "compatibility": ["1.19.x"] }', '1.1', '1.20.x'), 'no compatibility object to copy');
  });

  it('takes the newest version to copy: higher major, minor, then M.m.x over its releases', () => {
    const newest = (...versions: unknown[]) => {
      const root = parseTree(JSON.stringify(versions.map((version) => ({ version }))));
      return (newestCompatibility(root?.children ?? [])?.children?.[0]?.children?.[1]?.value as unknown);
    };
    assert.equal(newest('1.18.x', '1.19.0', '1.17.x'), '1.19.0');
    assert.equal(newest('1.19.0', '1.19.x', '1.19.1'), '1.19.x');
    assert.equal(newest('1.19.1', '1.19.0'), '1.19.1');
    assert.equal(newest('1.9.x', '1.10.0'), '1.10.0', 'numbers, not text');
    assert.equal(newest('2.0.0', '1.99.x'), '2.0.0');
    assert.equal(newest(7, '1.16.0'), '1.16.0');
    assert.equal(newest('1.16.0', 'soon'), '1.16.0');
    assert.equal(newestCompatibility([]), undefined);
  });

  it('moves only an image tag of the source line, keeping any suffix and the rest of the reference', () => {
    assert.equal(retag('kasmweb/a:1.19.0', '1.19', '1.20.0'), 'kasmweb/a:1.20.0');
    assert.equal(retag('kcr.kasmweb.com/a/b:1.18.1-rolling-weekly', '1.18', '1.20.0'), 'kcr.kasmweb.com/a/b:1.20.0-rolling-weekly');
    assert.equal(retag('kasmweb/a:1.19.1', '1.19', '1.20.0'), 'kasmweb/a:1.19.1', '1.19.1 is no Kasm release');
    assert.equal(retag('kasmweb/a:1.18.0', '1.19', '1.20.0'), 'kasmweb/a:1.18.0');
    assert.equal(retag('kasmweb/a:develop', '1.19', '1.20.0'), 'kasmweb/a:develop');
    assert.equal(retag('Not An Image', '1.19', '1.20.0'), 'Not An Image');
  });
});

describe('what an online answer on the new image means', () => {
  const found = (compressedBytes?: number): ImageFacts => ({ kind: 'found', digest: 'd', platforms: [], compressedBytes });

  it('found: that image, its size estimated from the compressed layers (×2.5)', () => {
    assert.deepEqual(adjustmentFor('a/b:1.20.0', '1.20.x', found(400_000_000)), { image: 'a/b:1.20.0', uncompressedSizeMb: 1000 });
    assert.deepEqual(adjustmentFor('a/b:1.20.0', '1.20.x', found()), { image: 'a/b:1.20.0', uncompressedSizeMb: undefined });
  });

  it('tag missing: the nearest tag of the new release, or why not', () => {
    const missing = (closestTags: string[]): ImageFacts => ({ kind: 'tag-missing', closestTags });
    assert.deepEqual(adjustmentFor('a/b:1.20.0', '1.20.x', missing(['1.19.0', '1.20.1-rolling', '1.20.0-x'])), { image: 'a/b:1.20.1-rolling' });
    assert.equal(adjustmentFor('a/b:1.20.0', '1.20.x', missing(['1.2.0', '1.19.0'])), '"a/b:1.20.0" is not in its registry, and no tag of 1.20.0 is');
  });

  it('anything else: the entry is left alone, saying why', () => {
    assert.equal(adjustmentFor('a/b:1', '1.20.x', { kind: 'unknown', reason: 'offline', detail: 'ghcr.io could not be reached' }),
      '"a/b:1" could not be confirmed (ghcr.io could not be reached)');
    assert.equal(adjustmentFor('a/b:1', '1.20.x', { kind: 'repository-missing' }), '"a/b:1" could not be confirmed (repository-missing)');
    assert.equal(adjustmentFor('a/b:1', '1.20.x', undefined), '"a/b:1" could not be confirmed (no answer)');
  });

  it('asks about every new image, waits at most as long as it is told, and answers per requester', async () => {
    const asked: string[] = [];
    const answers = new Map<string, ImageFacts>([['a/b:1.20.0', found(250_000_000)]]);
    const quick = { image: (image: string) => { asked.push(image); return answers.get(image); }, settled: () => Promise.resolve() };
    const result = await confirmNewImages(quick, [{ requester: 'A', image: 'a/b:1.20.0' }, { requester: 'B', image: 'c/d:1.20.0' }], '1.20.x');
    assert.deepEqual([...result], [['A', { image: 'a/b:1.20.0', uncompressedSizeMb: 625 }], ['B', '"c/d:1.20.0" could not be confirmed (no answer)']]);
    assert.deepEqual(asked, ['a/b:1.20.0', 'c/d:1.20.0', 'a/b:1.20.0', 'c/d:1.20.0']);
    const never = { image: () => undefined, settled: () => new Promise<void>(() => undefined) };
    const started = Date.now();
    const waited = await confirmNewImages(never, [{ requester: 'A', image: 'a/b:1' }], '1.20.x', 50);
    assert.ok(Date.now() - started < 5000);
    assert.deepEqual([...waited], [['A', '"a/b:1" could not be confirmed (no answer)']]);
  });
});
