// Session resources at their limits (#31: each limit tested on both sides, each message, severity and fix pinned), and
// the largest agent (#29.4) in process, where mutation testing sees it.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RESOURCE_LIMITS } from '../../server/src/service/kasm/knowledge';
import { AgentSize, DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { service, textDocument } from '../helpers/core';

const SEVERITY = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' } as const;

/** The resource problems of an entry: code, severity, suggestions and message, keyed by nothing but order. */
function problems(entry: object, agent?: AgentSize) {
  return service.validate(textDocument(JSON.stringify(entry)), { ...DEFAULT_SETTINGS, agent })
    .filter((d) => /^(memory|cores|gpu|agent)/.test(String(d.code)))
    .map((d) => ({ code: d.code, severity: SEVERITY[d.severity ?? 1], suggestions: d.data.suggestions, message: d.message }));
}
const codes = (entry: object, agent?: AgentSize) => problems(entry, agent).map((p) => `${p.code}/${p.severity}`);

describe('memory, cores and GPUs at their limits', () => {
  it('memory: 0 a warning, below 0 an error, both with the default as the fix', () => {
    const [zero] = problems({ memory: 0 });
    assert.deepEqual([zero.code, zero.severity, zero.suggestions], ['memory-not-positive', 'warning', [2768]]);
    assert.match(zero.message, /^memory 0 means Kasm's installer uses its default, 2768 MB/);
    const [negative] = problems({ memory: -1 });
    assert.deepEqual([negative.code, negative.severity, negative.suggestions], ['memory-not-positive', 'error', [2768]]);
    assert.match(negative.message, /^memory must be more than 0 MB/);
  });

  it('memory in GB: up to 128 (the fix in MB), not from 129', () => {
    const limit = RESOURCE_LIMITS.memoryLooksLikeGbMax;
    const [gb] = problems({ memory: limit });
    assert.deepEqual([gb.code, gb.severity, gb.suggestions], ['memory-in-gb', 'warning', [limit * 1000]]);
    assert.match(gb.message, /^memory is in MB: 128 means 128 MB, not 128 GB\. For 128 GB write 128000\.$/);
    assert.deepEqual(problems({ memory: 0.5 })[0].suggestions, [500]);
    assert.deepEqual(codes({ memory: limit + 1 }), ['memory-too-small/warning']);
  });

  it('too small below 256 MB, with the default as the fix; 256 passes', () => {
    const [small] = problems({ memory: RESOURCE_LIMITS.memoryMinMb - 1 });
    assert.deepEqual([small.code, small.suggestions], ['memory-too-small', [2768]]);
    assert.match(small.message, /^255 MB is too little memory/);
    assert.deepEqual(codes({ memory: RESOURCE_LIMITS.memoryMinMb }), []);
  });

  it('too large above 1 TB: said as bytes when it is a byte count of a plausible size, with the MB as the fix', () => {
    assert.deepEqual(codes({ memory: RESOURCE_LIMITS.memoryMaxMb }), []);
    const [huge] = problems({ memory: RESOURCE_LIMITS.memoryMaxMb + 1 });
    assert.deepEqual([huge.code, huge.severity, huge.suggestions], ['memory-too-large', 'warning', undefined]);
    assert.match(huge.message, /^1000001 MB \(1\.0 TB\) is more memory than any host has/);
    const [bytes] = problems({ memory: 8 * 2 ** 30 });
    assert.deepEqual(bytes.suggestions, [8192]);
    assert.equal(bytes.message, 'memory looks written in bytes: 8589934592 bytes is 8192 MB, and memory is in MB. Write 8192.');
    // 256 MB and 1 TB in bytes are the edges of "a plausible size"; just outside them it is only too large.
    assert.deepEqual(problems({ memory: 256 * 2 ** 20 })[0].suggestions, [256]);
    assert.equal(problems({ memory: 255 * 2 ** 20 })[0].suggestions, undefined);
    assert.deepEqual(problems({ memory: RESOURCE_LIMITS.memoryMaxMb * 2 ** 20 })[0].suggestions, [RESOURCE_LIMITS.memoryMaxMb]);
    assert.equal(problems({ memory: (RESOURCE_LIMITS.memoryMaxMb + 1) * 2 ** 20 })[0].suggestions, undefined);
  });

  it('a fraction of a MB is rounded', () => {
    const [fraction] = problems({ memory: 2768.4 });
    assert.deepEqual([fraction.code, fraction.suggestions], ['memory-not-integer', [2768]]);
    assert.equal(fraction.message, 'memory is a whole number of MB; write 2768.');
  });

  it('cores: 0 a warning, below 0 an error, above 128 too many; 0.5 and 128 pass', () => {
    const [zero] = problems({ cores: 0 });
    assert.deepEqual([zero.code, zero.severity, zero.suggestions], ['cores-not-positive', 'warning', [2]]);
    assert.match(zero.message, /^cores 0 means Kasm's installer uses its default, 2/);
    const [negative] = problems({ cores: -0.5 });
    assert.deepEqual([negative.severity, negative.suggestions], ['error', [2]]);
    assert.match(negative.message, /^cores must be more than 0/);
    assert.deepEqual(codes({ cores: 0.5 }), []);
    assert.deepEqual(codes({ cores: RESOURCE_LIMITS.coresMax }), []);
    const [many] = problems({ cores: RESOURCE_LIMITS.coresMax + 1 });
    assert.deepEqual([many.code, many.severity], ['cores-too-many', 'warning']);
    assert.equal(many.message, '129 cores is more than any realistic session host has (limit 128); Kasm\'s default is 2.');
  });

  it('gpu_count: below 0 an error (fix 0), a fraction a warning (fix the rounded), above 16 too many; 0 and 16 pass', () => {
    const [negative] = problems({ gpu_count: -1 });
    assert.deepEqual([negative.code, negative.severity, negative.suggestions], ['gpu-count-invalid', 'error', [0]]);
    assert.equal(negative.message, 'gpu_count is a whole number of GPUs, 0 or more.');
    const [fraction] = problems({ gpu_count: 1.6 });
    assert.deepEqual([fraction.severity, fraction.suggestions], ['warning', [2]]);
    assert.equal(fraction.message, 'gpu_count is a whole number of GPUs; Kasm rounds 1.6 to 2.');
    assert.deepEqual(codes({ gpu_count: 0 }), []);
    assert.deepEqual(codes({ gpu_count: RESOURCE_LIMITS.gpuCountMax, require_gpu: true }), []);
    const [many] = problems({ gpu_count: RESOURCE_LIMITS.gpuCountMax + 1, require_gpu: true });
    assert.deepEqual([many.code, many.severity], ['gpu-count-too-many', 'warning']);
    assert.equal(many.message, '17 GPUs is more than any realistic session host has (limit 16).');
  });

  it('require_gpu and gpu_count: each contradiction said on the value that makes it', () => {
    assert.match(problems({ require_gpu: true })[0].message, /gpu_count is not set \(no GPU is given\)/);
    assert.match(problems({ require_gpu: true, gpu_count: 0 })[0].message, /but gpu_count is 0:/);
    const [extra] = problems({ require_gpu: false, gpu_count: 1 });
    assert.deepEqual([extra.code, extra.severity], ['gpu-contradiction', 'info']);
    assert.match(extra.message, /^gpu_count is 1 but require_gpu is false/);
    assert.deepEqual(codes({ require_gpu: true, gpu_count: 1 }), []);
    assert.deepEqual(codes({ require_gpu: false, gpu_count: 0 }), []);
  });
});

describe('the largest agent the registry targets (#29.4)', () => {
  const agent = { cores: 4, memory: 8192, gpus: 1 };

  it('passes what fits exactly, and warns one step over, with the agent\'s size as the fix', () => {
    assert.deepEqual(codes({ cores: 4, memory: 8192, gpu_count: 1, require_gpu: true }, agent), []);
    const found = problems({ cores: 5, memory: 8193, gpu_count: 2, require_gpu: true }, agent);
    assert.deepEqual(found.map((p) => [p.code, p.severity, p.suggestions]), [
      ['agent-too-small', 'warning', [8192]], ['agent-too-small', 'warning', [4]], ['agent-too-small', 'warning', [1]],
    ]);
    assert.equal(found[0].message, 'The entry asks 8193 MB of memory; the largest agent it targets has 8192 MB of memory ("agent" in .kasm-lint.json or kasm.agent). No agent can take the session: every start fails with "No resources are available".');
    assert.match(found[1].message, /asks 5 cores; the largest agent it targets has 4 cores /);
    assert.match(found[2].message, /asks 2 GPUs; the largest agent it targets has 1 GPU /);
    assert.match(problems({ cores: 2 }, { cores: 1 })[0].message, /has 1 core /);
  });

  it('checks only what the agent names, and nothing without an agent', () => {
    assert.deepEqual(codes({ cores: 64, memory: 100_000, gpu_count: 8, require_gpu: true }), []);
    assert.deepEqual(codes({ cores: 64, memory: 9000 }, { memory: 9000 }), []);
    assert.deepEqual(codes({ cores: 64, memory: 9001 }, { memory: 9000 }), ['agent-too-small/warning']);
  });

  it('leaves memory the rules call GB or bytes to those rules', () => {
    assert.deepEqual(codes({ memory: 128 }, { memory: 100 }), ['memory-in-gb/warning']);
    assert.deepEqual(codes({ memory: 129 }, { memory: 100 }), ['memory-too-small/warning', 'agent-too-small/warning']);
    assert.deepEqual(codes({ memory: 8 * 2 ** 30 }, { memory: 8192 }), ['memory-too-large/warning']);
    assert.deepEqual(codes({ memory: RESOURCE_LIMITS.memoryMaxMb }, { memory: 8192 }), ['agent-too-small/warning']);
  });
});
