// .kasm-lint.json read by the core: every problem positioned, nothing half-applied, and the JSON Schema that editors
// use for completion agreeing with the reader.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { parse } from 'jsonc-parser';
import { lintConfigFromText } from '../../server/src/service/lintConfig';
import { REPO_ROOT } from '../helpers/core';

const read = (text: string) => lintConfigFromText('/r/.kasm-lint.json', text);

describe('.kasm-lint.json', () => {
  it('reads rules, categories, versions and the agent, with comments and trailing commas', () => {
    const config = read('{\n  // ours\n  "rules": { "size-zero": "off", "memory-in-gb": "error", },\n  "categories": ["Robotics"],\n  "versions": ["1.20.x"],\n  "agent": { "cores": 0.5, "memory": 0, "gpus": 2 }\n}');
    assert.deepEqual(config.problems, []);
    assert.deepEqual(config.settings, {
      rules: { 'size-zero': 'off', 'memory-in-gb': 'error' }, categories: ['Robotics'], versions: ['1.20.x'], agent: { cores: 0.5, memory: 0, gpus: 2 },
    });
    assert.deepEqual(config.rules.map((r) => [r.code, r.severity, r.range.start.line]), [['size-zero', 'off', 2], ['memory-in-gb', 'error', 2]]);
  });

  it('says what is wrong with an agent size, on the value', () => {
    /** Each problem as "the text it is on: message". */
    const problems = (agent: string) => {
      const text = `{ "agent": ${agent} }`;
      const lines = read(text).problems;
      return lines.map((p) => `${text.slice(p.range.start.character, p.range.end.character)}: ${p.message}`);
    };
    assert.deepEqual(problems('{ "gpus": 1.5 }'), ['1.5: The agent\'s "gpus" must be a whole number.']);
    assert.deepEqual(problems('{ "cores": -1 }'), ['-1: The agent\'s "cores" must be a number, 0 or more.']);
    assert.deepEqual(problems('{ "memory": "8 GB" }'), ['"8 GB": The agent\'s "memory" must be a number, 0 or more.']);
    assert.deepEqual(problems('{ "disks": 2 }'), ['"disks": Unknown agent size "disks"; an agent has "cores", "memory" (MB) and "gpus".']);
    assert.deepEqual(problems('[8]'), ['[8]: "agent" must be an object: the largest agent\'s { "cores": 8, "memory": 16384, "gpus": 0 } (memory in MB).']);
    assert.deepEqual(problems('{ "cores": 0, "memory": 0.5, "gpus": 0 }'), []);
  });

  it('nests up to 16 levels and no deeper', () => {
    const nested = (depth: number) => `{ "categories": ${'['.repeat(depth - 1)}${']'.repeat(depth - 1)} }`;
    assert.match(read(nested(16)).problems.map((p) => p.message).join(), /^("categories" holds strings only\.)?$/);
    assert.match(read(nested(17)).problems[0].message, /Nested more than 16 levels deep/);
  });

  it('applies nothing of a file with any problem', () => {
    const config = read('{ "rules": { "size-zero": "off", "memory-in-gb": "of" } }');
    assert.deepEqual(config.settings, {});
    assert.deepEqual(config.rules, []);
    assert.equal(config.problems.length, 1);
  });

  it('never lets a key change how the file is read: __proto__, constructor, prototype', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      const top = read(`{ "${key}": { "rules": { "size-zero": "off" } } }`);
      assert.match(top.problems[0].message, new RegExp(`"${key}" is not a setting`));
      const inRules = read(`{ "rules": { "${key}": "off" } }`);
      assert.match(inRules.problems[0].message, new RegExp(`Unknown rule code "${key}"`));
      assert.deepEqual(inRules.settings, {});
    }
    assert.equal(({} as Record<string, unknown>).rules, undefined, 'no prototype was touched');
  });

  it('its JSON Schema accepts and refuses what the reader does', () => {
    const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas', 'kasm-lint.schema.json'), 'utf8')) as object;
    const validate = new Ajv({ strict: false }).compile(schema);
    for (const text of [
      '{ "rules": { "size-zero": "off" } }', '{ "rules": { "size-zero": "of" } }', '{ "rules": { "no-such-rule": "off" } }',
      '{ "categories": ["A"], "versions": ["1.20.x"] }', '{ "categories": [1] }', '{ "colours": [] }', '[]', '{ "$schema": "x" }',
      '{ "agent": { "cores": 0, "memory": 0, "gpus": 0 } }', '{ "agent": { "cores": -1 } }', '{ "agent": { "memory": -1 } }',
      '{ "agent": { "gpus": 1.5 } }', '{ "agent": { "gpus": -1 } }', '{ "agent": { "disks": 2 } }', '{ "versions": [1] }',
    ]) {
      assert.equal(validate(parse(text)), read(text).problems.length === 0, text);
    }
  });
});
