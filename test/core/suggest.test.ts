// "Did you mean" suggestions: what they offer, and that a huge pasted word costs nothing (found by the fuzzer: a
// 600 KB string that had become a key took a second per check, comparing it with every known key letter by letter).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { performance } from 'node:perf_hooks';
import { nearMisses } from '../../server/src/service/suggest';

const KEYS = ['friendly_name', 'description', 'compatibility', 'categories', 'architecture', 'image_src', 'docker_registry'];

describe('near misses', () => {
  it('offers the known words a word is probably a misspelling of, best first', () => {
    assert.deepEqual(nearMisses('compatability', KEYS), ['compatibility']);
    assert.deepEqual(nearMisses('FriendlyName', KEYS), ['friendly_name']);
    assert.deepEqual(nearMisses('architectures', KEYS), ['architecture']);
    assert.deepEqual(nearMisses('notes', KEYS), []);
    assert.deepEqual(nearMisses('description', KEYS), [], 'a known word is not its own misspelling');
  });

  // Before, this compared 26 million letters with each key's letters: ~16 s here, now ~60 ms. The bound is a hang
  // guard with a wide margin, not a speed target (those are in npm run bench).
  it('answers at once for a word millions of letters long', () => {
    const started = performance.now();
    assert.deepEqual(nearMisses('compatibility'.repeat(2_000_000), KEYS), []);
    assert.ok(performance.now() - started < 5_000, `took ${Math.round(performance.now() - started)} ms`);
  });
});
