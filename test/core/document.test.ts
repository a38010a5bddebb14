// Reading a workspace.json as the registry build does (#31): what each JSON syntax error says and where, the size
// and depth limits on both sides, the value rules read from text being typed, and the file a URI names on a
// desktop and in VS Code for the Web.
import * as assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { ParseErrorCode, parseTree } from 'jsonc-parser';
import {
  CHECK_LIMITS, filePathOf, fileUri, hasPropertyNamed, parseKasmDocument, pathOf, syntaxErrorMessage, treeDepth, useFileScheme, valueRange,
} from '../../server/src/service/document';
import { service, spoken, textDocument } from '../helpers/core';

/** The syntax problems of `text` as "code/severity at «text»: message". */
const syntax = (text: string) => {
  const doc = textDocument(text);
  return service.validate(doc).filter((d) => d.code === 'syntax-error').map((d) => spoken(doc, d));
};

describe('JSON syntax errors, each in its own words on its own text', () => {
  const cases: [string, string][] = [
    ['{ "a": 1, }', 'syntax-error/error at }: Property name expected (a trailing comma is not allowed in JSON)'],
    ['{ "a": }', 'syntax-error/error at }: Value expected'],
    ['{ "a" 1 }', 'syntax-error/error at 1: Colon expected'],
    ['{ "a": 1', 'syntax-error/error at : Closing brace "}" expected'],
    ['{ "a": [1', 'syntax-error/error at : Closing bracket "]" expected'],
    ['{} {}', 'syntax-error/error at {: End of file expected: only one JSON value is allowed'],
    ['{ "a": "b', 'syntax-error/error at "b: Unterminated string'],
    ['{ "a": "\\q" }', 'syntax-error/error at "\\q": Invalid escape character in string'],
    ['{ "a": "x\ty" }', 'syntax-error/error at "x\ty": Invalid character in string (control characters must be escaped, e.g. \\n)'],
    ["{ 'a': 1 }", "syntax-error/error at 'a': Unexpected text: not a JSON value (strings need double quotes; true, false and null are lower case)"],
    ['{ "a": "\\u12" }', 'syntax-error/error at "\\u12": Invalid \\u escape: it needs four hexadecimal digits'],
    ['{ "a": 1 } /* x', 'syntax-error/error at /* x: Comments are not allowed: the registry build reads the file with JSON.parse'],
    ['{ "a": 1. }', 'syntax-error/error at 1.: Incomplete number'],
  ];
  for (const [text, said] of cases) {
    it(said.replace(/^.*: /, ''), () => assert.ok(syntax(text).includes(said), `${text}\n${syntax(text).join('\n')}`));
  }

  it('the codes this parser does not reach today have their words too', () => {
    assert.equal(syntaxErrorMessage(ParseErrorCode.InvalidNumberFormat), 'Invalid number');
    assert.equal(syntaxErrorMessage(ParseErrorCode.UnexpectedEndOfComment), 'Unterminated comment (and comments are not allowed in JSON)');
  });

  it('every parse error code has words of its own, and an unknown code its name', () => {
    // jsonc-parser's codes run from InvalidSymbol (1) to InvalidCharacter (16).
    const codes = Array.from({ length: 16 }, (_, i) => (i + 1) as ParseErrorCode);
    assert.equal(codes.at(-1), ParseErrorCode.InvalidCharacter);
    const messages = new Set(codes.map((code) => syntaxErrorMessage(code)));
    assert.equal(messages.size, codes.length);
    assert.ok(codes.every((code) => syntaxErrorMessage(code).length > 10));
    assert.equal(syntaxErrorMessage(999 as ParseErrorCode), '<unknown ParseErrorCode>');
  });
});

describe('size and depth limits', () => {
  it('a file of exactly the byte limit is checked; one byte more is only syntax-checked', () => {
    const padded = (bytes: number) => { const head = '{"notes": "'; return `${head}${'x'.repeat(bytes - head.length - 2)}"}`; };
    assert.equal(parseKasmDocument(textDocument(padded(CHECK_LIMITS.maxBytes))).degraded, undefined);
    assert.match(parseKasmDocument(textDocument(padded(CHECK_LIMITS.maxBytes + 1))).degraded?.reason ?? '', /is 1\.0 MB; registry entries are a few KB/);
  });

  it('counts bytes as UTF-8, not UTF-16 units: 400,000 × "é" is 800 KB, 400,000 × "€" 1.2 MB', () => {
    assert.equal(parseKasmDocument(textDocument(`"${'é'.repeat(400_000)}"`)).degraded, undefined);
    assert.match(parseKasmDocument(textDocument(`"${'€'.repeat(400_000)}"`)).degraded?.reason ?? '', /is 1\.2 MB/);
  });

  it('nesting of exactly the depth limit is checked; one level more is not walked', () => {
    const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    assert.equal(parseKasmDocument(textDocument(nested(CHECK_LIMITS.maxDepth))).degraded, undefined);
    assert.match(parseKasmDocument(textDocument(nested(CHECK_LIMITS.maxDepth + 1))).degraded?.reason ?? '', /more than 128 levels deep/);
  });

  it('a property is no level of its own; the count stops just past the limit', () => {
    const tree = parseTree('{"a": {"b": [1]}}')!;
    assert.equal(treeDepth(tree, 10), 4, 'object, object, array, number');
    assert.equal(treeDepth(parseTree(`${'['.repeat(50)}${']'.repeat(50)}`)!, 5), 6);
  });
});

describe('the value rules read', () => {
  it('is JSON.parse\'s for valid text, and what could be parsed for text being typed', () => {
    assert.deepEqual(parseKasmDocument(textDocument('{"a": [1, 2]}')).value, { a: [1, 2] });
    assert.deepEqual({ ...parseKasmDocument(textDocument('{"a": [1, 2], "b": ')).value as object }, { a: [1, 2] });
    assert.equal(parseKasmDocument(textDocument('')).value, undefined);
  });

  it('a degraded document still says where JSON.parse fails', () => {
    const doc = parseKasmDocument(textDocument(`${'['.repeat(200)}${']'.repeat(199)}`));
    assert.equal(doc.root, undefined);
    assert.match(doc.degraded?.jsonError?.message ?? '', /^Not valid JSON: /);
    assert.equal(parseKasmDocument(textDocument(`${'['.repeat(200)}${']'.repeat(200)}`)).degraded?.jsonError, undefined);
  });
});

describe('nodes and ranges', () => {
  const doc = parseKasmDocument(textDocument('{\n "a": [\n  1,\n  {"b": 2}\n ],\n "c": {"d": 1}, "c": {"e": 1}\n}'));
  it('a multi-line value is underlined at its key; an array element at its own text', () => {
    const a = doc.root!.children![0].children![1];
    const range = valueRange(doc, a);
    assert.deepEqual(range, { start: { line: 1, character: 1 }, end: { line: 1, character: 4 } });
    const element = a.children![1];
    assert.deepEqual(pathOf(element.children![0].children![1]), ['a', 1, 'b']);
  });

  it('finds a key only after an offset when asked', () => {
    const root = doc.root!;
    const firstC = root.children![1].offset;
    assert.equal(hasPropertyNamed(root, 'c'), true);
    assert.equal(hasPropertyNamed(root, 'c', firstC), true, 'the second "c" lies after the first');
    assert.equal(hasPropertyNamed(root, 'c', root.children![2].offset), false);
    assert.equal(hasPropertyNamed(root, 'zzz'), false);
    assert.equal(hasPropertyNamed(undefined, 'c'), false);
  });
});

describe('the file a document URI names', () => {
  after(() => useFileScheme('file', ''));

  it('on a desktop, a file: URI by its file-system path, and nothing else', () => {
    useFileScheme('file', '');
    assert.equal(filePathOf('file:///r/workspaces/A%20B/workspace.json'), '/r/workspaces/A B/workspace.json');
    assert.equal(filePathOf('untitled:Untitled-1'), undefined);
    assert.equal(fileUri('/r/A&B/workspace.json'), 'file:///r/A%26B/workspace.json');
  });

  it('in VS Code for the Web, the workspace\'s scheme and authority by URI path', () => {
    useFileScheme('vscode-vfs', 'github');
    assert.equal(filePathOf('vscode-vfs://github/o/r/workspaces/A/workspace.json'), '/o/r/workspaces/A/workspace.json');
    assert.equal(filePathOf('vscode-vfs://gitlab/o/r/workspaces/A/workspace.json'), undefined, 'another authority');
    assert.equal(filePathOf('file:///o/r/workspaces/A/workspace.json'), undefined, 'another scheme');
    assert.equal(fileUri('/o/r/A/workspace.json'), 'vscode-vfs://github/o/r/A/workspace.json');
  });
});
