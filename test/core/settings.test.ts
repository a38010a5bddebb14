// How rule settings are read from a settings value and layered (#31: each setting's precedence pinned in process).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeRuleSettings, ruleSettingsFrom, stringList } from '../../server/src/service/settings';

describe('rule settings', () => {
  it('keeps only what has the right shape', () => {
    const none = { rules: undefined, categories: undefined, versions: undefined };
    assert.deepEqual(ruleSettingsFrom({
      rules: { 'size-zero': 'off', 'memory-in-gb': 'loud', 'icon-missing': 'error' }, categories: ['Robotics', 3], versions: 'x',
      agent: { cores: 4, memory: -1, gpus: Infinity, ram: 2 },
    }), { rules: { 'size-zero': 'off', 'icon-missing': 'error' }, categories: ['Robotics'], versions: undefined, agent: { cores: 4 } });
    for (const value of [undefined, null, [], 'x', 3]) {
      assert.deepEqual(ruleSettingsFrom(value), { ...none, agent: undefined }, String(value));
    }
    assert.deepEqual(ruleSettingsFrom({ rules: ['off'], agent: { memory: 0 } }), { ...none, agent: { memory: 0 } });
    assert.equal(ruleSettingsFrom({ agent: {} }).agent, undefined, 'an agent that says no size checks nothing');
    assert.deepEqual(ruleSettingsFrom({ agent: { cores: 1.5, memory: 512.5, gpus: 1.5 } }).agent, { cores: 1.5, memory: 512.5 }, 'GPUs are whole, as in .kasm-lint.json');
    assert.deepEqual(ruleSettingsFrom({ agent: { gpus: 2 } }).agent, { gpus: 2 });
    assert.deepEqual(stringList(['a', 1, 'b']), ['a', 'b']);
    assert.equal(stringList('a'), undefined);
  });

  it('layers the user over the registry: severities and agent sizes win per key, lists are joined', () => {
    const registry = { rules: { 'size-zero': 'off', 'memory-in-gb': 'error' } as const, categories: ['Robotics'], versions: ['1.20.x'], agent: { cores: 16, memory: 8192 } };
    const user = { rules: { 'size-zero': 'warning' } as const, categories: ['Chemistry'], agent: { cores: 2 } };
    assert.deepEqual(mergeRuleSettings(registry, user), {
      rules: { 'size-zero': 'warning', 'memory-in-gb': 'error' }, categories: ['Robotics', 'Chemistry'], versions: ['1.20.x'],
      agent: { cores: 2, memory: 8192 },
    });
    assert.deepEqual(mergeRuleSettings({}, {}), { rules: {}, categories: [], versions: [], agent: undefined });
    assert.deepEqual(mergeRuleSettings({}, { agent: { gpus: 1 } }).agent, { gpus: 1 });
    assert.deepEqual(mergeRuleSettings({ agent: { gpus: 1 } }, {}).agent, { gpus: 1 });
  });
});
