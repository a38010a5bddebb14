// The snippets completion inserts and the snippet file VS Code reads for new files (#18, #29.6): one source for both,
// and each kind of value shaped by its type.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { compatibilityEntrySnippet, snippetFile, valueSnippet } from '../../server/src/service/features/snippets';
import { FieldSpec } from '../../server/src/service/kasm/fieldSpec';
import { REPO_ROOT } from '../helpers/core';

const field = (type: FieldSpec['type'], extra: Partial<FieldSpec> = {}): FieldSpec => ({ key: 'k', type, description: '', docs: '', ...extra });

describe('snippets', () => {
  it('writes the snippet file VS Code reads from what completion offers: two file templates, newest schema first', () => {
    const committed = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'snippets', 'kasm-workspace.code-snippets'), 'utf8')) as ReturnType<typeof snippetFile>;
    assert.deepEqual(committed, snippetFile(), 'the committed file is what completion offers (npm run generate)');
    assert.deepEqual(Object.entries(committed).map(([name, s]) => [name, s.isFileTemplate === true]), [
      ['Kasm workspace entry (registry schema 1.1)', true], ['Kasm workspace entry (registry schema 1.0)', true],
      ['Kasm compatibility entry (schema 1.1)', false], ['Kasm launch form field', false], ['Kasm exec hook', false],
    ]);
    // Lines of a body, without the empty last one a trailing newline would leave.
    assert.equal(committed['Kasm workspace entry (registry schema 1.1)'].body.at(-1), '}');
  });

  it('shapes a value by its type, its default or its own snippet', () => {
    assert.equal(valueSnippet(field('string')), '"$1"');
    assert.equal(valueSnippet(field('array')), '[$1]');
    assert.equal(valueSnippet(field('boolean')), '${1|true,false|}');
    assert.equal(valueSnippet(field('number')), '$1');
    assert.equal(valueSnippet(field(['number', 'string'])), '$1', 'the first type decides');
    assert.equal(valueSnippet(field('number', { default: 2 })), '${1:2}');
    assert.equal(valueSnippet(field('boolean', { default: false })), '${1:false}');
    assert.equal(valueSnippet(field('string', { default: 'x' })), '"$1"', 'a string default is no snippet value: quoted it would be typed over');
    assert.equal(valueSnippet(field('string', { insertValue: '"${1:a}"' })), '"${1:a}"');
    assert.equal(valueSnippet(field('object')), '{$1}');
    assert.equal(valueSnippet(field('object', { properties: [field('string', { key: 'a', required: 'error' }), field('number', { key: 'b' }),
      field('array', { key: 'c', required: 'warning' })] })), '{\n\t"a": "$1",\n\t"c": [$2]\n}', 'required keys only, each its own tab stop');
  });

  it('gives a compatibility entry the entry\'s image and size, or examples: a size must be above 0', () => {
    const entry = (size?: number) => compatibilityEntrySnippet('1.18.x', { image: 'org/lab:1.18.0', size });
    assert.equal(entry(1200), '{\n\t"version": "1.18.x",\n\t"image": "${1:org/lab:1.18.0}",\n\t"uncompressed_size_mb": ${2:1200}\n}');
    assert.match(entry(0), /"uncompressed_size_mb": \$\{2:2460\}/);
    assert.match(entry(-5), /"uncompressed_size_mb": \$\{2:2460\}/);
    assert.match(entry(1), /"uncompressed_size_mb": \$\{2:1\}/);
    assert.match(compatibilityEntrySnippet('1.19.x'), /"image": "\$\{1:repository\/image:1\.19\.0\}"/);
    assert.match(compatibilityEntrySnippet('1.18.x', { image: 'a/$b}c\\d:1' }), /"\$\{1:a\/\\\$b\\\}c\\\\d:1\}"/, '$, } and \\ escaped inside the placeholder');
  });
});
