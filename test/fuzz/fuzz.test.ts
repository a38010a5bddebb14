// A short fuzz run in every `npm test`: mutated corpus entries through the core and the bundled server.
// `npm run fuzz` runs the long one (docs/fuzz.md).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fuzzCore, fuzzServer } from './fuzzers';

const SEED = Number(process.env.FUZZ_SEED ?? 20261127);

describe('fuzzing (short run)', () => {
  it('the core answers 3,000 mutated documents without an exception or a slow answer', async () => {
    const report = await fuzzCore({ count: 3000, seconds: 40, seed: SEED, boundMs: 2000 });
    console.log(`core: ${report.documents} documents in ${report.seconds.toFixed(1)} s, slowest ${report.slowestMs} ms`);
    assert.deepEqual(report.failures, []);
    assert.ok(report.documents >= 1000, `only ${report.documents} documents in the time`);
  });

  it('the bundled server answers 300 mutated documents over stdio, stays up and settles on the last version', async () => {
    const report = await fuzzServer({ count: 300, seconds: 40, seed: SEED, boundMs: 5000 });
    console.log(`server: ${report.documents} documents in ${report.seconds.toFixed(1)} s, slowest ${report.slowestMs} ms`);
    assert.deepEqual(report.failures, []);
    assert.ok(report.serverAlive, 'the server is still running');
    assert.ok(report.finalDiagnosticsCurrent, 'diagnostics for the last version arrived');
    assert.ok(report.documents >= 100);
  });
});
