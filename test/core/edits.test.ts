// The edits every quick fix is made of (#31): the author's indentation and line ends kept, a new key in the
// object's own style, the smallest diff, overlap decided at the exact boundary.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Edit, applyEdits } from 'jsonc-parser';
import { applyApart, diffEdit, editsOverlap, formattingOf, setAt, together } from '../../server/src/service/codeActions/edits';

const set = (text: string, path: (string | number)[], value: unknown) => applyEdits(text, setAt(text, path, value));

describe('edits of quick fixes', () => {
  it('reads the author\'s indentation from the first indented line, and the line ends', () => {
    assert.deepEqual(formattingOf('{"a":1}'), { insertSpaces: true, tabSize: 2, eol: '\n' });
    assert.deepEqual(formattingOf('{\n    "a": {\n  "b": 1}}'), { insertSpaces: true, tabSize: 4, eol: '\n' });
    assert.deepEqual(formattingOf('{\n\t"a": 1\n}'), { insertSpaces: false, tabSize: 4, eol: '\n' });
    assert.deepEqual(formattingOf('{\r\n   "a": 1\r\n}'), { insertSpaces: true, tabSize: 3, eol: '\r\n' });
    assert.deepEqual(formattingOf('{\n   \n "a": 1}'), { insertSpaces: true, tabSize: 1, eol: '\n' }, 'a line of spaces alone is skipped');
    assert.deepEqual(formattingOf('{\n"a": 1}'), { insertSpaces: true, tabSize: 2, eol: '\n' }, 'no indented line: two spaces');
  });

  it('decides overlap at the exact boundary, in any order', () => {
    const edit = (offset: number, length: number): Edit => ({ offset, length, content: 'x' });
    assert.equal(editsOverlap([edit(0, 2), edit(2, 1)]), false, 'touching is not overlapping');
    assert.equal(editsOverlap([edit(0, 3), edit(2, 1)]), true);
    assert.equal(editsOverlap([edit(5, 1), edit(0, 6)]), true, 'sorted first');
    assert.equal(editsOverlap([edit(4, 0), edit(4, 0)]), false, 'two inserts at one place');
    assert.equal(editsOverlap([edit(4, 1)]), false);
    assert.equal(editsOverlap([]), false);
  });

  it('replaces a plain value in place, and adds a key in the object\'s own layout', () => {
    assert.equal(set('{ "memory": 4 }', ['memory'], 4000), '{ "memory": 4000 }');
    assert.equal(set('{ "a": "x" }', ['a'], null), '{ "a": null }');
    assert.equal(set('{ "a": 1 }', ['b'], { c: [1, 2] }), '{ "a": 1, "b": { "c": [ 1, 2 ] } }', 'a one-line object stays on one line');
    assert.equal(set('{\n    "a": 1\n}', ['b'], { c: 1 }), '{\n    "a": 1,\n    "b": {\n        "c": 1\n    }\n}');
    assert.equal(set('{\n\t"a": 1\n}', ['b'], [1]), '{\n\t"a": 1,\n\t"b": [\n\t\t1\n\t]\n}');
    assert.equal(set('{\r\n  "a": 1\r\n}', ['b'], 2), '{\r\n  "a": 1,\r\n  "b": 2\r\n}');
    assert.equal(set('{ "o": {\n  "a": 1 } }', ['o', 'b'], 'x'), '{ "o": {\n  "a": 1,\n  "b": "x" } }', 'nested: after the last key of that object');
  });

  it('leaves the rest to jsonc: removing, array items, empty objects, replacing an object', () => {
    assert.deepEqual(JSON.parse(set('{ "a": 1, "b": 2 }', ['a'], undefined)), { b: 2 });
    assert.equal(set('{ "a": [1, 2] }', ['a', 1], 3), '{ "a": [1, 3] }');
    assert.equal(JSON.parse(set('{}', ['a'], 1)).a, 1);
    assert.deepEqual(JSON.parse(set('{ "a": { "x": 1 } }', ['a'], { y: 2 })), { a: { y: 2 } });
  });

  it('makes the smallest diff, at the start, the middle and the end', () => {
    assert.deepEqual(diffEdit('abc', 'abc'), []);
    assert.deepEqual(diffEdit('abc', 'aXc'), [{ offset: 1, length: 1, content: 'X' }]);
    assert.deepEqual(diffEdit('abc', 'Xbc'), [{ offset: 0, length: 1, content: 'X' }]);
    assert.deepEqual(diffEdit('abc', 'abX'), [{ offset: 2, length: 1, content: 'X' }]);
    assert.deepEqual(diffEdit('aa', 'aaa'), [{ offset: 2, length: 0, content: 'a' }]);
    assert.deepEqual(diffEdit('aaa', 'aa'), [{ offset: 2, length: 1, content: '' }]);
    assert.deepEqual(diffEdit('', 'x'), [{ offset: 0, length: 0, content: 'x' }]);
    assert.deepEqual(diffEdit('abcd', 'ad'), [{ offset: 1, length: 2, content: '' }]);
  });

  it('applies edits apart in one pass, inserts at one place in their order; overlapping changes one after another', () => {
    assert.equal(applyApart('0123456', [{ offset: 5, length: 1, content: 'B' }, { offset: 1, length: 2, content: 'A' }]), '0A34B6');
    assert.equal(applyApart('ab', [{ offset: 1, length: 0, content: 'x' }, { offset: 1, length: 0, content: 'y' }]), 'axyb');
    const text = '{ "a": 1 }';
    const setA = (value: number) => (current: string) => setAt(current, ['a'], value);
    assert.deepEqual(together([setA(2), (current) => setAt(current, ['b'], 3)])(text).length, 2, 'apart: one edit each');
    assert.equal(applyEdits(text, together([setA(2), setA(5)])(text)), '{ "a": 5 }', 'overlapping: the last wins, as in sequence');
  });
});
