import * as assert from 'node:assert/strict';
import * as os from 'node:os';
import { describe, it } from 'node:test';
import { hasExternalInterface } from '../../client/src/network';

describe('whether there is a network to offer online checks on (#29.7)', () => {
  it('is false with loopback only or no interface, true with any other', () => {
    const loopback = { internal: true };
    assert.equal(hasExternalInterface({}), false);
    assert.equal(hasExternalInterface({ lo: [loopback, loopback] }), false);
    assert.equal(hasExternalInterface({ lo: [loopback], eth0: undefined }), false);
    assert.equal(hasExternalInterface({ lo: [loopback], eth0: [{ internal: false }] }), true);
    // This machine's own interfaces are readable without any request.
    assert.equal(typeof hasExternalInterface(os.networkInterfaces()), 'boolean');
  });
});
