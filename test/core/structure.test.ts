import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
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
});
