// The one-pass parser decides what every check sees: its verdict and value must be JSON.parse's (the registry
// build's), and its tree exactly jsonc-parser's (every rule, range and quick fix reads it).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Node, parseTree } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseKasmDocument, positionAt } from '../../server/src/document';
import { parseStrictJson } from '../../server/src/strictJson';
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

/** Whether some object in the tree names a key twice, read from jsonc-parser's tree. */
function hasDuplicateKeys(node: Node): boolean {
  const names = node.type === 'object' ? node.children!.map((property) => property.children![0].value as string) : [];
  return new Set(names).size !== names.length || (node.children ?? []).some(hasDuplicateKeys);
}

const jsonParse = (text: string): { valid: true; value: unknown } | { valid: false } => {
  try { return { valid: true, value: JSON.parse(text) }; } catch { return { valid: false }; }
};

/** Where each line starts, as the TextDocument every position is placed with counts lines. */
function textDocumentLineStarts(text: string): number[] {
  const document = TextDocument.create('file:///w/workspace.json', 'json', 1, text);
  return Array.from({ length: document.lineCount }, (_, line) => document.offsetAt({ line, character: 0 }));
}

/** Same verdict and value as JSON.parse; for valid text, jsonc-parser's tree, the right duplicate-key flag and line starts. */
function assertLikeJsonParse(text: string): void {
  const expected = jsonParse(text);
  const actual = parseStrictJson(text, 128);
  assert.equal(actual.kind, expected.valid ? 'valid' : 'invalid', `verdict on ${JSON.stringify(text.slice(0, 200))}`);
  if (actual.kind !== 'valid' || !expected.valid) return;
  assert.deepEqual(actual.value, expected.value);
  const errors: unknown[] = [];
  const tree = parseTree(text, errors as never[], { disallowComments: true, allowTrailingComma: false })!;
  assert.deepEqual(errors, [], 'jsonc-parser accepts what JSON.parse accepts');
  assert.deepEqual(shape(actual.root), shape(tree));
  assert.equal('parent' in actual.root, false);
  assertParentsLinked(actual.root);
  assert.equal(actual.duplicateKeys, hasDuplicateKeys(tree));
  assert.deepEqual(actual.lineStarts, textDocumentLineStarts(text));
}

/** Line breaks of every kind, between tokens wherever JSON allows them. */
const LINE_BREAK_TEXTS = [
  '{\r\n  "a": 1,\r\n  "b": [\r\n    2\r\n  ]\r\n}\r\n', '{\r"a":\r1}\r', '\n\r\n\r{"a"\n:\r\n"b"\r\r}\n\n', '[\n\r]', '\r\n\r\n[]',
];

describe('the one-pass strict JSON parser', () => {
  it('gives JSON.parse\'s value and jsonc-parser\'s tree for every corpus entry', () => {
    const seeds = corpusSeeds();
    assert.ok(seeds.length > 100);
    for (const text of seeds) assertLikeJsonParse(text);
  });

  it('accepts what JSON.parse accepts: escapes, numbers, literals, empty containers, odd spacing, duplicate keys', () => {
    for (const text of [
      '{}', '[]', '  {  }  ', '"a"', '-0', '0', '1.5e+3', '2E-0', '-0.0e5', 'true', 'false', 'null', '[false,null,true]',
      '{"a\\"b": "\\u00e9\\n\\\\\\/\\b\\f\\r\\t", "c" : [ 1 , -2.5E-3 , {"d":{}} ] }\r\n',
      '{"x":[[],[[]],{}],"y":"\u2028🚀"}', '\t{\n"k":\t1\n}\n', '{"dup": 1, "dup": 2}', '[{"a":1},{"b":{"a":2,"a":3}}]',
      '"\\ud800 lone surrogate"', '"\\uDEAD"', '1e400', '{"constructor": 1, "toString": 2, "hasOwnProperty": 3}',
      ...LINE_BREAK_TEXTS,
    ]) assertLikeJsonParse(text);
  });

  it('places every offset on the line and character TextDocument gives, with any line breaks', () => {
    for (const text of [...LINE_BREAK_TEXTS, ...corpusSeeds().slice(0, 20)]) {
      const document = TextDocument.create('file:///w/workspace.json', 'json', 1, text);
      const doc = parseKasmDocument(document);
      assert.ok(doc.lineStarts, 'a valid document brings its line starts');
      for (let offset = -1; offset <= text.length + 1; offset++) {
        assert.deepEqual(positionAt(doc, offset), document.positionAt(offset), `offset ${offset} of ${JSON.stringify(text.slice(0, 40))}`);
      }
    }
  });

  it('rejects what JSON.parse rejects', () => {
    for (const text of [
      '', ' ', '\uFEFF{}', '{', '}', '[', '[1,]', '[,1]', '[1 2]', '{,}', '{"a":1,}', '{"a" 1}', '{"a":}', '{a:1}', "{'a':1}",
      '01', '-', '+1', '1.', '.5', '1e', '1e+', '0x10', 'NaN', 'Infinity', '-Infinity', 'tru', 'nul', 'True', 'undefined',
      '"abc', '"a\nb"', '"a\tb"', '"\\x41"', '"\\u12g4"', '"\\u12"', '"\\', '{} x', '{}{}', '[] ,', '// c\n{}', '{"a":1 /* c */}',
      '\v{}', '\f[]', '\u00a0{}', '{"a":1}\u2028', '[1]]', '{"a":[}', '"\u0000"',
    ]) assertLikeJsonParse(text);
  });

  it('keeps "__proto__" as an ordinary key, as JSON.parse does', () => {
    const result = parseStrictJson('{"__proto__": {"polluted": true}, "a": 1}', 128);
    assert.equal(result.kind, 'valid');
    const value = result.kind === 'valid' ? result.value as Record<string, unknown> : {};
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.deepEqual(Object.keys(value), ['__proto__', 'a']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assertLikeJsonParse('{"__proto__": 1, "__proto__": 2}');
  });

  it('stops past the nesting limit instead of recursing on', () => {
    const nested = (levels: number) => '['.repeat(levels) + ']'.repeat(levels);
    assert.equal(parseStrictJson(nested(128), 128).kind, 'valid');
    assert.equal(parseStrictJson(nested(129), 128).kind, 'too-deep');
    assert.equal(parseStrictJson(`{"a":${nested(100_000)}}`, 128).kind, 'too-deep');
  });

  it('agrees with JSON.parse and jsonc-parser on every mutated corpus entry, valid or not', () => {
    let valid = 0;
    let invalid = 0;
    for (const { text } of mutatedDocuments(corpusSeeds(), 3000, 7)) {
      if (text.length > 100_000 || parseStrictJson(text, 128).kind === 'too-deep') continue;
      assertLikeJsonParse(text);
      if (jsonParse(text).valid) valid++; else invalid++;
    }
    assert.ok(valid > 300 && invalid > 1000, `only ${valid} valid and ${invalid} invalid documents`);
  });
});
