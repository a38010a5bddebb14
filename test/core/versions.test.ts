// What a `compatibility` version and an image tag mean to Kasm (docs/kasm-format.md §2, §4.2, §10.9), at each edge:
// the releases that exist, the schema each reads, the minor after the newest, and tags that name a release (#31).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  compatibilityVersionsFor, judgeCompatibilityVersion, kasmReleaseTag, schemaForKasm,
} from '../../server/src/service/kasm/versions';

/** Kasm's releases as its docs' version selector lists them (§4.2), with the schema each reads (§2): a new release is a line here too. */
const RELEASES: [string, '1.0' | '1.1' | undefined][] = [
  ['1.10.0', undefined], ['1.11.0', undefined], ['1.12.0', undefined], ['1.13.0', '1.0'], ['1.13.1', '1.0'], ['1.14.0', '1.0'],
  ['1.15.0', '1.0'], ['1.16.0', '1.1'], ['1.16.1', '1.1'], ['1.17.0', '1.1'], ['1.18.0', '1.1'], ['1.18.1', '1.1'], ['1.19.0', '1.1'],
];

describe('Kasm releases and the schema each reads', () => {
  it('knows every release, as an image tag and (from 1.13, when registries began) as a compatibility version', () => {
    for (const [release, schema] of RELEASES) {
      const [major, minor] = release.split('.').map(Number);
      assert.deepEqual(kasmReleaseTag(release), { release, major, minor, suffix: '' }, release);
      assert.deepEqual(kasmReleaseTag(`${release}-rolling-daily`)?.suffix, '-rolling-daily', release);
      const verdict = judgeCompatibilityVersion(release);
      if (schema) assert.deepEqual(verdict, { kind: 'known', major, minor, schema, releases: [release] }, release);
      else assert.deepEqual(verdict, { kind: 'before-registries', major, minor }, release);
    }
  });

  it('reads a tag as a release only when the whole tag is one, or one and a suffix after a hyphen', () => {
    for (const tag of ['1.18.2', 'v1.18.0', 'x1.18.0', '1.18.0x', '1.18.0.1', '11.18.0', '1.18', 'latest', '1.18.0_beta']) {
      assert.equal(kasmReleaseTag(tag), undefined, tag);
    }
    assert.deepEqual(kasmReleaseTag('1.18.0-'), { release: '1.18.0', major: 1, minor: 18, suffix: '-' });
  });

  it('maps each Kasm line to its schema: none before 1.13, 1.0 for 1.13-1.15, 1.1 from 1.16 and for any later major', () => {
    const cases: [number, number, string | undefined][] = [
      [0, 99, undefined], [1, 12, undefined], [1, 13, '1.0'], [1, 15, '1.0'], [1, 16, '1.1'], [1, 40, '1.1'], [2, 0, '1.1'], [3, 5, '1.1'],
    ];
    for (const [major, minor, schema] of cases) assert.equal(schemaForKasm(major, minor), schema, `${major}.${minor}`);
  });

  it('judges versions at each edge: malformed, before registries, an unknown patch, the minor after the newest, later ones', () => {
    const cases: [string, object][] = [
      ['1.18', { kind: 'malformed' }], ['1.18.x.1', { kind: 'malformed' }], [' 1.18.x', { kind: 'malformed' }], ['1.18.y', { kind: 'malformed' }],
      ['0.9.x', { kind: 'before-registries', major: 0, minor: 9 }],
      ['1.5.x', { kind: 'before-registries', major: 1, minor: 5 }],
      ['1.12.x', { kind: 'before-registries', major: 1, minor: 12 }],
      ['1.18.7', { kind: 'unknown', newest: '1.19' }],
      ['1.20.x', { kind: 'next', newest: '1.19' }],
      ['1.20.0', { kind: 'unknown', newest: '1.19' }],
      ['1.21.x', { kind: 'unknown', newest: '1.19' }],
      ['2.19.x', { kind: 'unknown', newest: '1.19' }],
      ['2.0.x', { kind: 'unknown', newest: '1.19' }],
      ['1.16.x', { kind: 'known', major: 1, minor: 16, schema: '1.1', releases: ['1.16.0', '1.16.1'] }],
      ['1.13.x', { kind: 'known', major: 1, minor: 13, schema: '1.0', releases: ['1.13.0', '1.13.1'] }],
    ];
    for (const [version, verdict] of cases) assert.deepEqual(judgeCompatibilityVersion(version), verdict, version);
  });

  it('offers, per schema, each line as M.m.x newest first, and for 1.1 the exact releases after them, each described', () => {
    assert.deepEqual(compatibilityVersionsFor('1.0').map((v) => v.value), ['1.15.x', '1.14.x', '1.13.x']);
    assert.deepEqual(compatibilityVersionsFor('1.1').map((v) => v.value), [
      '1.19.x', '1.18.x', '1.17.x', '1.16.x', '1.19.0', '1.18.1', '1.18.0', '1.17.0', '1.16.1', '1.16.0',
    ]);
    const described = new Map(compatibilityVersionsFor('1.1').map((v) => [v.value, v.description]));
    assert.equal(described.get('1.18.x'), 'Every Kasm 1.18 release (1.18.0, 1.18.1). Kasm 1.18 reads registry schema 1.1.');
    assert.equal(described.get('1.18.1'), 'Exactly Kasm 1.18.1. Kasm matches an exact version before the 1.18.x entry.');
    assert.equal(new Map(compatibilityVersionsFor('1.0').map((v) => [v.value, v.description])).get('1.13.x'),
      'Every Kasm 1.13 release (1.13.0, 1.13.1). Kasm 1.13 reads registry schema 1.0.');
  });
});
