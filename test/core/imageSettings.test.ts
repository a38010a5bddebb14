// Kasm image settings an entry may carry (kasm-format.md §10.6–§10.8), in process (#31): each combination the
// installer rejects, on the value it is about, with its message; and what is fine, on the other side of each line.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { service, spoken, textDocument } from '../helpers/core';

const CODES = new Set(['image-setting-invalid', 'credentials-published', 'installer-override', 'name-too-long']);
/** The settings problems of an entry as "code/severity at «text»: message". */
function problems(extra: object, schema: '1.0' | '1.1' = '1.1'): string[] {
  const entry = schema === '1.1' ? { compatibility: [{ version: '1.18.x', image: 'a/b:1' }], ...extra } : { name: 'a/b:1', compatibility: ['1.15.x'], ...extra };
  const doc = textDocument(JSON.stringify(entry));
  return service.validate(doc).filter((d) => CODES.has(String(d.code))).map((d) => spoken(doc, d));
}

describe('Kasm image settings', () => {
  it('a persistent profile path needs {username} or {user_id}', () => {
    assert.deepEqual(problems({ persistent_profile_path: '/profiles/shared/' }), [
      'image-setting-invalid/error at "/profiles/shared/": Kasm\'s installer rejects a persistent_profile_path without {username} or {user_id}: every user would share one profile. Add e.g. "/profiles/{username}/".',
    ]);
    for (const fine of ['/profiles/{username}/', '/p/{user_id}', '']) assert.deepEqual(problems({ persistent_profile_path: fine }), [], fine);
  });

  it('each restriction set to true needs its target', () => {
    assert.deepEqual(problems({ restrict_to_network: true }), [
      'image-setting-invalid/error at true: restrict_to_network is true, so Kasm\'s installer needs restrict_network_names to be a list of Docker network names; the install fails without it.',
    ]);
    assert.deepEqual(problems({ restrict_to_network: true, restrict_network_names: [] }), [
      'image-setting-invalid/error at []: restrict_to_network is true, so Kasm\'s installer needs restrict_network_names to be a list of Docker network names; the install fails without it.',
    ]);
    assert.deepEqual(problems({ restrict_to_network: true, restrict_network_names: ['lab'] }), []);
    assert.deepEqual(problems({ restrict_to_server: true, server_id: '' }), [
      'image-setting-invalid/error at "": restrict_to_server is true, so Kasm\'s installer needs server_id to be the id of a server; the install fails without it.',
    ]);
    assert.deepEqual(problems({ restrict_to_server: true, server_id: 'srv-1' }), []);
    assert.deepEqual(problems({ restrict_to_zone: true, zone_id: 7 }).map((p) => p.split(':')[0]), ['image-setting-invalid/error at 7']);
    assert.match(problems({ restrict_to_zone: true })[0], /restrict_to_zone is true, so Kasm's installer needs zone_id to be the id of a zone/);
    assert.deepEqual(problems({ restrict_to_zone: true, zone_id: 'z' }), []);
    assert.deepEqual(problems({ restrict_to_server: false, restrict_to_zone: 'true' }), [], 'only true asks for a target');
  });

  it('a web filter policy is a UUID, with or without dashes, in any case', () => {
    for (const fine of ['0f8fad5b-d9cb-469f-a165-70867728950e', '0F8FAD5BD9CB469FA16570867728950E']) assert.deepEqual(problems({ filter_policy_id: fine }), [], fine);
    for (const bad of ['policy-1', '0f8fad5b-d9cb-469f-a165-70867728950', '0f8fad5b-d9cb-469f-a165-70867728950e0', 'x0f8fad5b-d9cb-469f-a165-70867728950e',
      '0f8fad5-bd9cb-469f-a165-70867728950e', '0f8fad5b-d9cb-469f-a165-7086772895ge']) {
      assert.deepEqual(problems({ filter_policy_id: bad }), [
        `image-setting-invalid/error at "${bad}": Kasm's installer rejects filter_policy_id "${bad}": it must be the UUID of a web filter policy (or null).`,
      ], bad);
    }
    assert.deepEqual(problems({ filter_policy_id: null }), []);
  });

  it('volume mappings cannot be installed from a schema 1.0 entry', () => {
    assert.deepEqual(problems({ volume_mappings: {} }, '1.0').map((p) => p.split(':')[0]), ['image-setting-invalid/error at {}']);
    assert.deepEqual(problems({ volume_mappings: {} }, '1.1'), []);
  });

  it('published credentials, values the installer replaces, and names over 255 characters', () => {
    for (const key of ['docker_user', 'docker_token', 'docker_password']) {
      assert.deepEqual(problems({ [key]: 'me' }), [
        `credentials-published/warning at "me": A registry is public: "${key}" gives every reader your registry login. Remove it and use a public image, or enter the login in Kasm after installing.`,
      ]);
      assert.deepEqual(problems({ [key]: '' }), [], `empty ${key}`);
    }
    assert.deepEqual(problems({ image_type: 'Link' }), ['installer-override/hint at "Link": Kasm\'s installer sets image_type to "Container" whatever the entry says; "Link" has no effect.']);
    assert.deepEqual(problems({ image_type: 'Container', enabled: true }), []);
    assert.deepEqual(problems({ enabled: false }), ['installer-override/hint at false: Kasm\'s installer enables the workspace whatever the entry says; false has no effect.']);
    assert.deepEqual(problems({ friendly_name: 'n'.repeat(255) }), []);
    assert.deepEqual(problems({ friendly_name: 'n'.repeat(256) }).map((p) => p.replace(/"n+"/, '«name»')), [
      'name-too-long/error at «name»: friendly_name has 256 characters; Kasm stores at most 255, so the install fails. Shorten it.',
    ]);
  });
});
