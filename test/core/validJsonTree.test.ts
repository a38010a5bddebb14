// The fast tree for valid JSON must be exactly jsonc-parser's tree: every rule, range and quick fix reads it.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Node, parseTree } from 'jsonc-parser';
import { parseValidJsonTree } from '../../server/src/validJsonTree';
import { corpusSeeds } from '../fuzz/fuzzers';
import { mutatedDocuments } from '../fuzz/mutate';

/** A node without its parent link (circular), children compared recursively; parents checked separately. */
function shape(node: Node): unknown {
  const { parent: _parent, children, ...rest } = node;
  return children ? { ...rest, children: children.map(shape) } : rest;
}

function assertParentsLinked(node: Node): void {
  for (const child of node.children ?? []) {
    assert.equal(child.parent, node);
    assertParentsLinked(child);
  }
}

function assertSameTree(text: string): void {
  const errors: unknown[] = [];
  const expected = parseTree(text, errors as never[], { disallowComments: true, allowTrailingComma: false })!;
  assert.deepEqual(errors, [], 'jsonc-parser accepts what JSON.parse accepts');
  const actual = parseValidJsonTree(text, 128)!;
  assert.deepEqual(shape(actual), shape(expected));
  assert.equal('parent' in actual, false);
  assertParentsLinked(actual);
}

const isValidJson = (text: string): boolean => { try { JSON.parse(text); return true; } catch { return false; } };

describe('the tree of valid JSON', () => {
  it('equals jsonc-parser\'s tree for every corpus entry', () => {
    const seeds = corpusSeeds();
    assert.ok(seeds.length > 100);
    for (const text of seeds) assertSameTree(text);
  });

  it('equals jsonc-parser\'s tree for escapes, numbers, literals, empty containers and odd spacing', () => {
    for (const text of [
      '{}', '[]', '  {  }  ', '"a"', '-0', '1.5e+3', 'true', 'null', '[false,null,true]',
      '{"a\\"b": "\\u00e9\\n\\\\", "c" : [ 1 , -2.5E-3 , {"d":{}} ] }\r\n',
      '{"x":[[],[[]],{}],"y":"\u2028🚀"}', '\t{\n"k":\t1\n}\n', '{"dup": 1, "dup": 2}',
    ]) assertSameTree(text);
  });

  it('gives up past the nesting limit instead of recursing on', () => {
    const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
    assert.equal(parseValidJsonTree(nested(128), 128)?.type, 'array');
    assert.equal(parseValidJsonTree(nested(129), 128), undefined);
    assert.equal(parseValidJsonTree(`{"a":${nested(100_000)}}`, 128), undefined);
  });

  it('equals jsonc-parser\'s tree for every mutated corpus entry that is still valid JSON', () => {
    let checked = 0;
    for (const { text } of mutatedDocuments(corpusSeeds(), 3000, 7)) {
      if (text.length > 100_000 || !isValidJson(text)) continue;
      assertSameTree(text);
      checked++;
    }
    assert.ok(checked > 300, `only ${checked} valid documents`);
  });
});
