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
    ]) {
      assert.equal(validate(parse(text)), read(text).problems.length === 0, text);
    }
  });
});
