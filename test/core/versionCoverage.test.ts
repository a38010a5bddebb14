// Which Kasm releases a registry serves (#29.2; kasm-format.md §4, §10.9), function by function at its lines (#31):
// the newest version an entry names, the lines it serves, exact pins beside a line, and what the gap rule says.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { entryFacts, RegistryEntry } from '../../server/src/registry/entryFacts';
import {
  exactBesideWildcard, exactOnlyLines, newestNamed, newestUncovered, servesLine, versionLine, wildcardLines,
} from '../../server/src/registry/versionCoverage';
import { minorReleases } from '../../server/src/service/kasm/versions';
import { service, textDocument } from '../helpers/core';

/** An entry of `schema` naming `versions` (1.1: one compatibility object each). */
function entry(versions: string[], schema: '1.0' | '1.1' = '1.1'): RegistryEntry {
  const compatibility = schema === '1.1' ? versions.map((version) => ({ version, image: 'a/b:1' })) : versions;
  const doc = service.parse(textDocument(JSON.stringify({ friendly_name: 'A', compatibility }, null, 2)));
  return { file: '/r/workspaces/A/workspace.json', schema, facts: entryFacts(doc) };
}
const line = (name: string) => minorReleases().find((release) => `${release.major}.${release.minor}` === name)!;

describe('version coverage', () => {
  it('the newest version an entry names, compared as numbers, whatever the order', () => {
    assert.deepEqual(newestNamed(entry(['1.17.x', '1.18.x'])), [1, 18]);
    assert.deepEqual(newestNamed(entry(['1.18.x', '1.17.x'])), [1, 18]);
    assert.deepEqual(newestNamed(entry(['1.9.x', '1.18.0'])), [1, 18]);
    assert.deepEqual(newestNamed(entry(['2.0.x', '1.18.x'])), [2, 0]);
    assert.deepEqual(newestNamed(entry(['1.18.x', '2.0.x'])), [2, 0]);
    assert.deepEqual(newestNamed(entry(['1.18.x', '1.18.1'])), [1, 18]);
    assert.deepEqual(newestNamed(entry(['latest', 'x.y.z'])), [-1, -1]);
    assert.deepEqual(newestNamed(entry([])), [-1, -1]);
  });

  it('the line a version names, and none for a version Kasm never had', () => {
    assert.equal(versionLine('1.17.x'), '1.17');
    assert.equal(versionLine('1.17.0'), '1.17');
    assert.equal(versionLine('1.17.9'), undefined, 'a release Kasm never made');
    assert.equal(versionLine('1.99.x'), undefined);
  });

  it('serves a line by M.m.x, or (schema 1.1 only) by an exact release of it', () => {
    assert.equal(servesLine(entry(['1.18.x']), line('1.18')), true);
    assert.equal(servesLine(entry(['1.18.0']), line('1.18')), true);
    assert.equal(servesLine(entry(['1.17.x']), line('1.18')), false);
    assert.equal(servesLine(entry(['1.15.x'], '1.0'), line('1.15')), true);
    assert.equal(servesLine(entry(['1.15.0'], '1.0'), line('1.15')), false);
  });

  it('lines named only by exact releases (1.1), and lines named as M.m.x', () => {
    assert.deepEqual([...exactOnlyLines(entry(['1.17.0', '1.18.x', '1.16.1']))].sort(), ['1.16', '1.17']);
    assert.deepEqual([...exactOnlyLines(entry(['1.17.0', '1.17.x']))], []);
    assert.deepEqual([...exactOnlyLines(entry(['1.15.0'], '1.0'))], []);
    assert.deepEqual([...exactOnlyLines(entry(['9.9.9']))], []);
    assert.deepEqual([...wildcardLines(entry(['1.17.x', '1.18.0', '9.9.x']))], ['1.17']);
  });

  it('says the registry misses the newest release, with what this entry names, on its compatibility', () => {
    const [gap] = newestUncovered(entry(['1.17.x', '1.18.x']), line('1.19'));
    assert.equal(gap.code, 'registry-misses-newest');
    assert.deepEqual(gap.data.path, ['compatibility']);
    assert.equal(gap.message, 'No entry of this registry is compatible with Kasm 1.19 (the newest release that reads schema 1.1): admins on 1.19 see '
      + 'an empty registry. This entry names 1.18 at newest; add "1.19.x" to the entries that run on it (kasm-registry-lint add-version 1.19.x).');
    assert.match(newestUncovered(entry([]), line('1.19'))[0].message, /This entry names no Kasm version;/);
    const degraded: RegistryEntry = { ...entry([]), facts: { ...entry([]).facts, schemaRange: undefined } };
    assert.deepEqual(newestUncovered(degraded, line('1.19')), []);
  });

  it('an exact pin of a line others name as M.m.x: on each such version, with the line as the fix', () => {
    const found = exactBesideWildcard(entry(['1.17.0', '1.16.0', '1.18.x']), new Set(['1.17', '1.18']));
    assert.deepEqual(found.map((d) => [d.code, d.data.suggestions, d.data.path, d.range.start.line]), [
      ['version-exact-beside-wildcard', ['1.17.x'], ['compatibility'], 4],
    ]);
    assert.equal(found[0].message, 'Other entries of this registry name "1.17.x"; this one names exactly "1.17.0", so admins on any other 1.17 '
      + 'release do not see it. Write "1.17.x" unless the image is for 1.17.0 only.');
    assert.deepEqual(exactBesideWildcard(entry(['1.17.0']), new Set(['1.18'])), []);
  });
});
