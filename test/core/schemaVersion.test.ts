import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectSchemaVersion } from '../../server/src/service/schemaVersion';

describe('registry schema version detection', () => {
  const detect = (value: unknown, setting: 'auto' | '1.0' | '1.1' = 'auto') => detectSchemaVersion(value, setting).version;
  it('reads 1.0 from compatibility strings and 1.1 from objects', () => {
    assert.equal(detect({ compatibility: ['1.14.x'] }), '1.0');
    assert.equal(detect({ compatibility: [{ version: '1.18.x' }] }), '1.1');
  });
  it('takes objects over strings in a mixed list (strings are what breaks a 1.1 build)', () => {
    assert.equal(detect({ compatibility: ['1.15.x', { version: '1.18.x' }] }), '1.1');
  });
  it('falls back to 1.0-only keys, then to the newest version', () => {
    assert.equal(detect({ name: 'a/b:1' }), '1.0');
    assert.equal(detect({ uncompressed_size_mb: 10 }), '1.0');
    assert.equal(detect({ friendly_name: 'x' }), '1.1');
    assert.equal(detect(undefined), '1.1');
  });
  it('says why, in words hover puts in parentheses', () => {
    const reason = (value: unknown) => detectSchemaVersion(value, 'auto').reason;
    assert.equal(reason({ friendly_name: 'x' }), 'the newest: nothing in the file tells');
    assert.equal(reason([]), 'the newest: nothing in the file tells');
    assert.equal(reason({ compatibility: ['1.15.x'] }), 'compatibility lists version strings');
    assert.equal(reason({ compatibility: ['1.15.x', {}] }), 'compatibility lists objects');
    assert.equal(reason({ name: 'a:1', uncompressed_size_mb: 1 }), 'has name and uncompressed_size_mb (schema 1.0 only)');
  });
  it('obeys the kasm.registrySchema setting', () => {
    assert.equal(detect({ compatibility: [{ version: '1.18.x' }] }, '1.0'), '1.0');
    assert.match(detectSchemaVersion({}, '1.1').reason, /kasm\.registrySchema/);
  });
});
