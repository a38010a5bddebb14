import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SelectionRange } from 'vscode-languageserver-types';
import { marked, service, textDocument } from '../helpers/core';

describe('structure: what VS Code\'s JSON service would give a .json file', () => {
  it('formats with the editor\'s indentation, keeping key order', () => {
    const doc = textDocument('{"friendly_name":"A","architecture":["amd64"]}');
    const edits = service.format(doc, { tabSize: 2, insertSpaces: true });
    assert.equal(TextDocument.applyEdits(doc, edits), '{\n  "friendly_name": "A",\n  "architecture": [\n    "amd64"\n  ]\n}');
  });

  it('does not format a file that does not parse', () => {
    assert.deepEqual(service.format(textDocument('{"a": [1,}'), { tabSize: 2, insertSpaces: true }), []);
  });

  it('outlines keys, naming compatibility entries by their version', () => {
    const symbols = service.documentSymbols(textDocument('{\n "friendly_name": "A",\n "compatibility": [{ "version": "1.18.x", "image": "a/b:1" }]\n}'));
    assert.deepEqual(symbols.map((s) => [s.name, s.detail]), [['friendly_name', 'A'], ['compatibility', undefined]]);
    assert.deepEqual(symbols[1].children?.map((s) => s.name), ['1.18.x']);
    assert.deepEqual(symbols[1].children?.[0].children?.map((s) => s.name), ['version', 'image']);
  });

  it('folds objects and arrays that span lines', () => {
    assert.deepEqual(service.foldingRanges(textDocument('{\n "a": [\n  1,\n  2\n ],\n "b": {}\n}')), [
      { startLine: 0, endLine: 5 }, { startLine: 1, endLine: 3 },
    ]);
  });

  it('expands a selection from a value to its array, its property and the whole entry', () => {
    const { doc, cursor } = marked('{ "architecture": ["am|d64"] }');
    let range = service.selectionRanges(doc, [doc.positionAt(cursor)])[0];
    const texts: string[] = [];
    for (let r: typeof range | undefined = range; r; r = r.parent) texts.push(doc.getText(r.range));
    assert.deepEqual(texts, ['"amd64"', '["amd64"]', '"architecture": ["amd64"]', '{ "architecture": ["amd64"] }']);
    range = service.selectionRanges(doc, [{ line: 5, character: 0 }])[0];
    assert.ok(range.range);
  });

  it('formats with the final newline and line ends the editor and the file ask for', () => {
    const formatted = (text: string, options: { insertFinalNewline?: boolean; tabSize?: number; insertSpaces?: boolean } = {}) => {
      const doc = textDocument(text);
      return TextDocument.applyEdits(doc, service.format(doc, { tabSize: 2, insertSpaces: true, ...options }));
    };
    assert.equal(formatted('{"a":1}'), '{\n  "a": 1\n}', 'no final newline unless asked');
    assert.equal(formatted('{"a":1}', { insertFinalNewline: true }), '{\n  "a": 1\n}\n');
    assert.equal(formatted('{"a":1,\r\n"b":2}'), '{\r\n  "a": 1,\r\n  "b": 2\r\n}', 'a Windows file keeps CRLF');
    assert.equal(formatted('{"a":1}', { insertSpaces: false, tabSize: 4 }), '{\n\t"a": 1\n}');
  });

  it('outlines each kind of value, empty keys, array items by value, version or key, and nothing for a scalar root', () => {
    const symbols = service.documentSymbols(textDocument(JSON.stringify({
      '': 1, s: 'x', n: 2, b: true, z: null, o: {}, categories: ['Desktop', 3],
      launch_form: [{ key: 'user', label: 'User' }, { label: 'no key' }, { key: 7 }],
    })));
    assert.deepEqual(symbols.map((s) => [s.name, s.kind, s.detail]), [
      ['""', 16, '1'], ['s', 15, 'x'], ['n', 16, '2'], ['b', 17, 'true'], ['z', 21, 'null'], ['o', 2, undefined],
      ['categories', 18, undefined], ['launch_form', 18, undefined],
    ]);
    assert.deepEqual(symbols[6].children?.map((s) => [s.name, s.kind]), [['Desktop', 15], ['1', 16]], 'a string item by its value, others by index');
    assert.deepEqual(symbols[7].children?.map((s) => s.name), ['user', '1', '2'], 'an object by its key, else its index');
    assert.deepEqual(symbols[0].children, []);
    assert.deepEqual(service.documentSymbols(textDocument('"just a string"')), []);
    assert.deepEqual(service.documentSymbols(textDocument('')), []);
    // The property's whole text is the symbol's range; its key is what the editor selects.
    const doc = textDocument('{\n  "friendly_name": "A"\n}');
    const [name] = service.documentSymbols(doc);
    assert.equal(doc.getText(name.range), '"friendly_name": "A"');
    assert.equal(doc.getText(name.selectionRange), '"friendly_name"');
  });

  it('folds only what spans two lines or more', () => {
    // The array spans lines 1 and 2: folded, line 1 would hide nothing but keep its own end.
    assert.deepEqual(service.foldingRanges(textDocument('{\n "a": [1,\n 2]}')), [{ startLine: 0, endLine: 1 }]);
    assert.deepEqual(service.foldingRanges(textDocument('{ "a": [1, 2] }')), []);
    assert.deepEqual(service.foldingRanges(textDocument('{\n}')), []);
    assert.deepEqual(service.foldingRanges(textDocument('{\n\n}')), [{ startLine: 0, endLine: 1 }]);
    assert.deepEqual(service.foldingRanges(textDocument('')), []);
  });

  it('selects from the edges of a value too, and several positions at once', () => {
    const doc = textDocument('{ "a": [1] }');
    const chain = (character: number) => {
      const texts: string[] = [];
      const [first] = service.selectionRanges(doc, [{ line: 0, character }]);
      for (let r: SelectionRange | undefined = first; r; r = r.parent) texts.push(doc.getText(r.range));
      return texts;
    };
    assert.deepEqual(chain(8), ['1', '[1]', '"a": [1]', '{ "a": [1] }'], 'before the 1');
    assert.deepEqual(chain(9), ['1', '[1]', '"a": [1]', '{ "a": [1] }'], 'after the 1');
    assert.deepEqual(chain(0), ['{ "a": [1] }']);
    assert.deepEqual(chain(12), ['{ "a": [1] }'], 'at the very end');
    assert.equal(service.selectionRanges(doc, [{ line: 0, character: 0 }, { line: 0, character: 8 }]).length, 2);
    assert.deepEqual(service.selectionRanges(textDocument(''), [{ line: 0, character: 0 }]),
      [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }], 'an empty file: the position itself');
  });
});
