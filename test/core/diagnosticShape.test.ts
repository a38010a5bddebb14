// The diagnostics' own shape (diagnostics/context.ts), in process (#31): which diagnostics sent back by an editor a
// fix may trust, severities set per code ("off" drops), fix data, and messages bounded at 1,000 characters with
// long quotes cut first.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Diagnostic } from 'vscode-languageserver-types';
import { isKasmDiagnostic, withRuleSeverities } from '../../server/src/service/diagnostics/context';
import { service, textDocument } from '../helpers/core';

const RANGE = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
const ours = (changes: Partial<Diagnostic> & { data?: unknown } = {}): Diagnostic =>
  ({ range: RANGE, message: 'm', source: 'kasm', code: 'size-zero', data: { path: ['a', 0] }, ...changes });

describe('diagnostics as the service makes and reads them', () => {
  it('trusts a diagnostic sent back only when every part has our shape', () => {
    assert.ok(isKasmDiagnostic(ours()));
    assert.ok(isKasmDiagnostic(ours({ data: { path: [], suggestions: [null, 'x', 1, true] } })));
    for (const [what, bad] of [
      ['another source', ours({ source: 'eslint' })], ['a number code', ours({ code: 7 })], ['an unknown code', ours({ code: 'no-such-rule' })],
      ['a code of the prototype', ours({ code: 'constructor' })], ['no data', ours({ data: undefined })], ['a path not a list', ours({ data: { path: 'a' } })],
      ['a path of objects', ours({ data: { path: ['a', {}] } })], ['suggestions not a list', ours({ data: { path: [], suggestions: 'x' } })],
      ['an object suggestion', ours({ data: { path: [], suggestions: ['x', {}] } })], ['an undefined suggestion', ours({ data: { path: [], suggestions: [undefined] } })],
      ['no message', { ...ours(), message: undefined as unknown as string }],
    ] as const) {
      assert.equal(isKasmDiagnostic(bad as Diagnostic), false, what);
    }
  });

  it('sets severities per code, drops "off", and leaves the rest as they are', () => {
    const all = [ours({ code: 'size-zero', severity: 2 }), ours({ code: 'icon-missing', severity: 2 }), ours({ code: 'memory-in-gb', severity: 2 })];
    const typed = all as Parameters<typeof withRuleSeverities>[0];
    assert.equal(withRuleSeverities(typed, undefined), typed);
    assert.equal(withRuleSeverities(typed, {}), typed);
    assert.deepEqual(withRuleSeverities(typed, { 'size-zero': 'off', 'icon-missing': 'error', constructor: 'off' } as never).map((d) => [d.code, d.severity]),
      [['icon-missing', 1], ['memory-in-gb', 2]]);
    assert.deepEqual(withRuleSeverities(typed, { 'memory-in-gb': 'hint', 'size-zero': 'info' }).map((d) => d.severity), [3, 2, 4]);
  });

  it('carries the path, and fixes only when there are some', () => {
    const [zero] = service.validate(textDocument('{ "compatibility": [{ "version": "1.18.x", "image": "a:1", "uncompressed_size_mb": 0 }] }'))
      .filter((d) => d.code === 'size-zero');
    assert.deepEqual(zero.data, { path: ['compatibility', 0, 'uncompressed_size_mb'] });
    assert.equal(zero.source, 'kasm');
    assert.match(String(zero.codeDescription?.href), /^https:\/\//);
  });

  it('bounds a message at 1,000 characters, cutting long quoted values to 80 first', () => {
    const message = (name: string) => service.validate(textDocument(JSON.stringify({ categories: [name] }))).find((d) => d.code === 'category-near-miss')?.message ?? '';
    const long = `Desktop${'x'.repeat(200)}`;
    const plain = message('Desktopp');
    assert.ok(plain.length < 1000);
    assert.doesNotMatch(plain, /…/);
    const cut = service.validate(textDocument(JSON.stringify({ architecture: [long.repeat(6)] }))).find((d) => d.code === 'unknown-value')?.message ?? '';
    assert.ok(cut.length <= 1001, `${cut.length}`);
    assert.match(cut, new RegExp(`"Desktop${'x'.repeat(73)}…"`));
  });
});
