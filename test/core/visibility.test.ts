// The admin's view in process (#29.1, #31): which entries Kasm lists on one version, with the image it installs, and
// why it hides the others, one rule of kasm-format.md §4 and §10.9 per case. End to end: test/cli (visible) and
// test/lsp (kasm/registryView).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EntryView, isExactKasmVersion, registryChannels, visibleEntries } from '../../server/src/registry/visibility';

const view11 = (entry: string, value: unknown): EntryView => ({ entry, value, schema: '1.1' });
const compat = (...objects: object[]) => ({ friendly_name: 'Desk', compatibility: objects });

function seen(entries: EntryView[], kasm: string, channel?: string, schema: '1.0' | '1.1' = '1.1') {
  const result = visibleEntries(entries, schema, kasm, channel);
  return {
    visible: result.visible.map((v) => `${v.entry}: ${v.image}`),
    hidden: result.hidden.map((h) => `${h.entry}: ${h.reason}`),
    result,
  };
}

describe('what an admin on one Kasm version sees', () => {
  it('lists the exact version first, then M.m.x, sorted by entry', () => {
    const entries = [
      view11('b', compat({ version: '1.18.x', image: 'b:wild' }, { version: '1.18.1', image: 'b:exact' })),
      view11('a', compat({ version: '1.18.x', image: 'a:wild' })),
    ];
    assert.deepEqual(seen(entries, '1.18.1').visible, ['a: a:wild', 'b: b:exact']);
    assert.deepEqual(seen(entries, '1.18.0').visible, ['a: a:wild', 'b: b:wild']);
    const { result } = seen(entries, '1.18.1', 'develop');
    assert.deepEqual({ ...result, visible: [], hidden: [] }, { kasmVersion: '1.18.1', channel: 'develop', schema: '1.1', visible: [], hidden: [] });
    assert.equal(seen(entries, '1.18.1').result.channel, null);
    assert.equal(result.visible[0].friendly_name, 'Desk');
  });

  it('hides, saying why: another exact version, no version, no image, not JSON, another schema', () => {
    const entries = [
      view11('exact', compat({ version: '1.18.0', image: 'x:1' })),
      view11('none', compat({ version: '1.17.x', image: 'x:1' })),
      view11('noImage', compat({ version: '1.18.x' })),
      view11('broken', undefined),
      view11('list', [1]),
      { entry: 'old', value: { friendly_name: 'Old', compatibility: ['1.18.x'] }, schema: '1.0' as const },
      view11('strings', { compatibility: ['1.18.x', null, 7] }),
    ];
    assert.deepEqual(seen(entries, '1.18.1').hidden, [
      'broken: not a JSON object: the registry build fails on it',
      'exact: exact version "1.18.0" does not match 1.18.1',
      'list: not a JSON object: the registry build fails on it',
      'noImage: no image for 1.18.x',
      'none: no compatibility for 1.18.1 or 1.18.x',
      'old: a schema 1.0 entry in a schema 1.1 registry',
      'strings: no compatibility for 1.18.1 or 1.18.x',
    ]);
    assert.deepEqual(seen(entries, '1.18.1').result.hidden.find((h) => h.entry === 'old')?.friendly_name, 'Old');
  });

  it('hides everything on a Kasm that reads the other schema, or none', () => {
    const entries = [view11('a', compat({ version: '1.15.x', image: 'a:1' }))];
    assert.deepEqual(seen(entries, '1.15.0').hidden, ['a: Kasm 1.15 reads registry schema 1.0; this registry publishes 1.1']);
    assert.deepEqual(seen(entries, '1.12.0').hidden, ['a: Kasm 1.12 has no workspace registries']);
  });

  it('matches schema 1.0 entries by M.m.x only, and takes their image from "name"', () => {
    const v10 = (entry: string, value: object): EntryView => ({ entry, value, schema: '1.0' });
    const entries = [
      v10('a', { name: 'a:1', compatibility: ['1.14.x', '1.15.x'] }),
      v10('b', { name: 'b:1', compatibility: ['1.15.2'] }),
      v10('c', { compatibility: ['1.15.x'] }),
      v10('d', { name: 'd:1', compatibility: ['1.14.x'] }),
    ];
    const { visible, hidden } = seen(entries, '1.15.2', undefined, '1.0');
    assert.deepEqual(visible, ['a: a:1']);
    assert.deepEqual(hidden, [
      'b: exact version "1.15.2": Kasm 1.13–1.15 look for "1.15.x" only', 'c: no image ("name")', 'd: no compatibility for 1.15.x',
    ]);
  });

  it('in a channel: the entries that offer it, pulling the channel\'s tag; entries without channels as they are', () => {
    const entries = [
      view11('a', compat({ version: '1.18.x', image: 'kasmweb/a:1.18.0', available_tags: ['develop', '1.18.0'] })),
      view11('b', compat({ version: '1.18.x', image: 'kasmweb/b:1.18.0', available_tags: ['1.18.0'] })),
      view11('c', compat({ version: '1.18.x', image: 'kasmweb/c:1.18.0' })),
      view11('d', compat({ version: '1.18.x', image: 'kasmweb/d@sha256:' + 'a'.repeat(64), available_tags: ['develop'] })),
    ];
    const { visible, hidden } = seen(entries, '1.18.0', 'develop');
    assert.deepEqual(visible, ['a: kasmweb/a:develop', 'c: kasmweb/c:1.18.0', 'd: kasmweb/d:develop']);
    assert.deepEqual(hidden, ['b: not offered in the channel "develop"']);
    assert.deepEqual(seen(entries, '1.18.0').visible[0], 'a: kasmweb/a:1.18.0', 'without a channel, the image\'s own tag');
    const bad = [view11('e', compat({ version: '1.18.x', image: 'Not An Image', available_tags: ['develop'] }))];
    assert.deepEqual(seen(bad, '1.18.0', 'develop').visible, ['e: Not An Image'], 'a reference that cannot be retagged is shown as written');
  });

  it('knows an exact Kasm version, and lists every channel once, in the order first seen', () => {
    for (const version of ['1.18.1', '10.0.0']) assert.ok(isExactKasmVersion(version), version);
    for (const version of ['1.18.x', '1.18', 'v1.18.1', '1.18.1-rc']) assert.ok(!isExactKasmVersion(version), version);
    assert.deepEqual(registryChannels([
      { compatibility: [{ available_tags: ['develop', 'stable'] }, { available_tags: ['develop', 7] }, null, 'x'] },
      { compatibility: [{ available_tags: ['nightly'] }, { available_tags: 'nope' }] },
      null, { compatibility: 'x' },
    ]), ['develop', 'stable', 'nightly']);
  });
});
