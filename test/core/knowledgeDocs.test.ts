// Hover and completion explain every key and value of an entry in words of their own (#31): walks the Kasm
// knowledge of both schemas to every depth (run_config, exec_config hooks, launch forms, volume mappings…), so a
// description emptied or copied onto a sibling fails here, and checks that hover shows a nested key's own words.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FieldSpec, workspaceSpec } from '../../server/src/service/kasm/knowledge';
import { marked, service } from '../helpers/core';

interface Described { path: string; description: string; docs: string }

/** Every key below `spec` (with its path) and every known value, as `path = value`. */
function described(spec: FieldSpec, path: string, seen = new Set<FieldSpec>()): Described[] {
  if (seen.has(spec)) return [];
  seen.add(spec);
  const own: Described[] = [{ path, description: spec.description, docs: spec.docs }];
  for (const value of spec.values ?? []) own.push({ path: `${path} = ${value.value}`, description: value.description, docs: spec.docs });
  const children = [
    ...(spec.properties ?? []).map((child) => [child, `${path}.${child.key}`] as const),
    ...(spec.items ? [[spec.items, `${path}[]`] as const] : []),
    ...(spec.additionalProperties ? [[spec.additionalProperties, `${path}.*`] as const] : []),
  ];
  return [...own, ...children.flatMap(([child, childPath]) => described(child, childPath, seen))];
}

describe('words for every key and value of the Kasm knowledge', () => {
  for (const schema of ['1.0', '1.1'] as const) {
    it(`schema ${schema}: each key and known value has a description and a link to Kasm's docs`, () => {
      const all = described(workspaceSpec(schema), '');
      assert.ok(all.length > 200, `${all.length} keys and values`);
      const missing = all.filter((d) => d.description.trim().length < 8).map((d) => d.path);
      assert.deepEqual(missing, [], 'keys and values without words of their own');
      assert.deepEqual(all.filter((d) => !/^https:\/\//.test(d.docs)).map((d) => d.path), [], 'keys without a link');
    });
  }

  it('says something different of each key among its siblings', () => {
    // Values may share words (every preset category is one), keys may not.
    const all = described(workspaceSpec('1.1'), '').filter((d) => !d.path.includes(' = '));
    const byParent = new Map<string, Map<string, string>>();
    for (const { path, description } of all) {
      const parent = path.replace(/(\.[^.[\]]*|\[\])$/, '');
      const siblings = byParent.get(parent) ?? new Map<string, string>();
      byParent.set(parent, siblings);
      const twin = siblings.get(description);
      assert.equal(twin, undefined, `${path} says what ${twin ?? ''} says: ${description}`);
      siblings.set(description, path);
    }
  });

  it('shows a nested key\'s own words on hover (launch form, volume mapping)', () => {
    const hover = (text: string) => {
      const { doc, cursor } = marked(text);
      const contents = service.hover(doc, doc.positionAt(cursor), { registrySchema: '1.1' })?.contents;
      return contents && typeof contents === 'object' && 'value' in contents ? contents.value : '';
    };
    assert.match(hover('{ "launch_config": { "launch_form": [{ "validator_r|egex": null }] } }'), /Regular expression the answer must match, or `null`\./);
    assert.match(hover('{ "volume_mappings": { "/srv": { "ti|meout": 5 } } }'), /Seconds to wait for the host path \(default 10; more than 0\)\./);
  });
});
