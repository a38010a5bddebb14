// The shipped JSON Schemas are generated from the knowledge module and usable by other tools.
import Ajv from 'ajv';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { workspaceJsonSchema } from '../../server/src/service/kasm/jsonSchema';
import { SCHEMA_VERSIONS } from '../../server/src/service/kasm/knowledge';
import { detectSchemaVersion } from '../../server/src/service/schemaVersion';
import { rulesMarkdown } from '../../server/src/service/diagnostics/rulesDoc';
import { lintConfigJsonSchema } from '../../server/src/service/lintConfig';
import { REPO_ROOT } from '../helpers/core';
import { corpusEntries } from '../helpers/corpus';

describe('schemas/workspace-*.schema.json', () => {
  const shipped = (version: string) => JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas', `workspace-${version}.schema.json`), 'utf8'));

  it('are up to date with the knowledge module, and so are docs/rules.md and the .kasm-lint.json schema', () => {
    for (const version of SCHEMA_VERSIONS) assert.deepEqual(shipped(version), workspaceJsonSchema(version));
    const lintSchema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas', 'kasm-lint.schema.json'), 'utf8')) as object;
    assert.deepEqual(lintSchema, lintConfigJsonSchema(), 'schemas/kasm-lint.schema.json: run npm run generate');
    assert.equal(fs.readFileSync(path.join(REPO_ROOT, 'docs', 'rules.md'), 'utf8'), rulesMarkdown());
  });

  it('accept every corpus entry of their version with a plain JSON Schema validator', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const validators = Object.fromEntries(SCHEMA_VERSIONS.map((v) => [v, ajv.compile(shipped(v))]));
    const rejected: string[] = [];
    for (const { text, label } of corpusEntries()) {
      const value = JSON.parse(text);
      const validate = validators[detectSchemaVersion(value, 'auto').version];
      // The VPN entries' nested display_if is a real (tolerated) defect, reported as a warning by the server.
      if (!validate(value) && !validate.errors?.every((e) => e.instancePath.includes('/display_if/'))) {
        rejected.push(`${label}: ${ajv.errorsText(validate.errors)}`);
      }
    }
    assert.deepEqual(rejected, []);
  });

  it('reject what Kasm rejects: a 1.0 string in a 1.1 list, an unknown architecture', () => {
    const validate = new Ajv({ strict: false }).compile(shipped('1.1'));
    assert.equal(validate({ compatibility: ['1.16.x'] }), false);
    assert.equal(validate({ compatibility: [{ version: '1.18.x', image: 'a/b:1', uncompressed_size_mb: 1 }], architecture: ['x86'] }), false);
  });
});
