import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { service, textDocument } from '../helpers/core';

describe('language service document cache', () => {
  it('parses again when an LSP edit updates the same document object in place', () => {
    const doc = textDocument('{ "memory": 4 }');
    assert.deepEqual(service.validate(doc).map((d) => d.code).filter((c) => c.startsWith('memory')), ['memory-in-gb']);
    TextDocument.update(doc, [{ range: { start: { line: 0, character: 13 }, end: { line: 0, character: 13 } }, text: '000' }], doc.version + 1);
    assert.deepEqual(service.validate(doc).map((d) => d.code).filter((c) => c.startsWith('memory')), []);
  });

  it('shares one parse between the requests of one version', () => {
    const doc = textDocument('{ "memory": 2768 }');
    assert.equal(service.parse(doc), service.parse(doc));
  });
});
