// What an unknown key means where it is (diagnostics/keys.ts, kasm-format.md §10.1, §10.2, §12), in process (#31):
// each kind of key, its code, severity, range and message, written out, on both sides of each distinction.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { service, spoken, textDocument } from '../helpers/core';

/** The key problems of an entry, as "code/severity at «text»: message [fixes]". */
function keyProblems(entry: object, schema: '1.0' | '1.1' = '1.1'): string[] {
  const text = JSON.stringify(entry);
  const doc = textDocument(text);
  return service.validate(doc, { registrySchema: schema })
    .filter((d) => ['build-output-key', 'ignored-field', 'unknown-key', 'misspelled-key', 'exec-hook-unknown'].includes(String(d.code)))
    .map((d) => spoken(doc, d));
}
const v10 = (extra: object) => ({ name: 'a:1', compatibility: ['1.15.x'], ...extra });

describe('unknown keys, where they are', () => {
  it('at the top of a 1.1 entry: build output, the other schema\'s fields, anything else', () => {
    assert.deepEqual(keyProblems({ sha: 'x' }), [
      'build-output-key/warning at "sha": "sha" is added to list.json by the registry build; it does not belong in a source workspace.json. Remove it.',
    ]);
    assert.deepEqual(keyProblems({ name: 'a:1', uncompressed_size_mb: 1 }), [
      'ignored-field/warning at "name": Kasm ignores "name" in registry schema 1.1: set it per Kasm version in compatibility[].image.',
      'ignored-field/warning at "uncompressed_size_mb": Kasm ignores "uncompressed_size_mb" in registry schema 1.1: set it per Kasm version in compatibility[].uncompressed_size_mb.',
    ]);
    assert.deepEqual(keyProblems({ colour: 1 }), [
      'unknown-key/warning at "colour": "colour" is not a key of a registry entry. Kasm may reject it on install (as 1.15 does for schema 1.0) or ignore it.',
    ]);
    assert.deepEqual(keyProblems({ memorry: 1 }), [
      'misspelled-key/warning at "memorry": Unknown key "memorry": did you mean "memory"? Kasm may reject it on install (as 1.15 does for schema 1.0) or ignore it. ["memory"]',
    ]);
    assert.deepEqual(keyProblems({ memory: 1, memorry: 1 }).map((p) => p.split(':')[0]), ['unknown-key/warning at "memorry"'], 'a key written already is no suggestion');
  });

  it('at the top of a 1.0 entry: the installer fails on it, unless the dashboard drops it first', () => {
    assert.deepEqual(keyProblems(v10({ colour: 1 }), '1.0'), [
      'unknown-key/error at "colour": "colour" is not a key of a registry entry. Kasm 1.15 passes the entry to its installer as arguments, so the install fails on "colour".',
    ]);
    assert.deepEqual(keyProblems(v10({ official: true, zones: [] }), '1.0'), [
      'unknown-key/info at "official": "official" is not a key of a registry entry; Kasm\'s dashboard drops it before installing.',
      'unknown-key/info at "zones": "zones" is not a key of a registry entry; Kasm\'s dashboard drops it before installing.',
    ]);
    assert.deepEqual(keyProblems(v10({ sha: 'x' }), '1.0').map((p) => p.split(' at ')[0]), ['build-output-key/warning']);
    assert.deepEqual(keyProblems(v10({ memorry: 1 }), '1.0').map((p) => p.split(' at ')[0]), ['misspelled-key/error'], 'a misspelling breaks what the key breaks');
  });

  it('never fails a 1.0 install on a key the 1.15 dashboard drops first (§10.1), each of them', () => {
    const dropped = [
      'sha', 'official', 'author', 'available', 'memory_friendly', 'persistent_profile_settings', 'zones', 'networks',
      'default_category', 'architecture', 'store', 'compatibility', 'checkRequired',
    ];
    for (const key of dropped) {
      const problems = keyProblems({ ...v10({}), [key]: key === 'compatibility' ? ['1.15.x'] : key === 'architecture' ? ['amd64'] : 'x' }, '1.0');
      assert.ok(problems.every((p) => !p.includes('/error ')), `${key}: ${problems.join('; ')}`);
    }
    assert.ok(keyProblems(v10({ dropped: 1 }), '1.0').some((p) => p.startsWith('unknown-key/error')), 'a key the dashboard keeps fails');
  });

  it('in run_config: every session start fails; Docker\'s CLI names point to docker-py\'s', () => {
    assert.deepEqual(keyProblems({ run_config: { bogus_thing: 1 } }), [
      'unknown-key/error at "bogus_thing": "bogus_thing" is not a key of run_config. docker-py\'s containers.run() has no argument "bogus_thing": every session start fails with a TypeError.',
    ]);
    assert.deepEqual(keyProblems({ run_config: { cpus: 2, 'shm-size': '1g', workdir: '/x' } }).map((p) => p.replace(/\? .*(\[.*\])$/, '? $1')), [
      'misspelled-key/error at "cpus": Unknown key "cpus": did you mean "nano_cpus"? ["nano_cpus"]',
      'misspelled-key/error at "shm-size": Unknown key "shm-size": did you mean "shm_size"? ["shm_size"]',
      'misspelled-key/error at "workdir": Unknown key "workdir": did you mean "working_dir"? ["working_dir"]',
    ]);
    assert.deepEqual(keyProblems({ cpus: 2 }).map((p) => p.split(' at ')[0]), ['unknown-key/warning'], 'an alias of run_config only there');
  });

  it('in exec_config: a Docker argument in the wrong place, a hook Kasm never runs by itself', () => {
    assert.deepEqual(keyProblems({ exec_config: { cap_add: [] } }), [
      'unknown-key/warning at "cap_add": "cap_add" is a Docker run argument: in exec_config Kasm ignores it. Move it to run_config.',
    ]);
    assert.deepEqual(keyProblems({ exec_config: { custom: {} } }), [
      'exec-hook-unknown/info at "custom": Kasm runs the exec hooks "first_launch", "go", "assign" by itself; "custom" runs only when called through Kasm\'s exec API.',
    ]);
    assert.deepEqual(keyProblems({ exec_config: { go: { cmd: 'x', cap_add: 1 } } }), [
      'unknown-key/info at "cap_add": "cap_add" is not a key of exec_config.go. Kasm ignores "cap_add".',
    ], 'deeper down, only what Kasm does');
  });

  it('deeper in the entry: Kasm ignores it', () => {
    assert.deepEqual(keyProblems({ compatibility: [{ version: '1.18.x', image: 'a:1', uncompressed_size_mb: 1, extra_key: 1 }] }), [
      'unknown-key/info at "extra_key": "extra_key" is not a key of compatibility[0]. Kasm ignores "extra_key".',
    ]);
    assert.deepEqual(keyProblems({ compatibility: [[{ extra_key: 1 }]] }), [], 'inside what is no object of the entry\'s shape, nothing');
  });
});
