// The words messages are built from (diagnostics/describe.ts), each form and limit on both sides (#31): a path as
// an author reads it, a JSON type, a description's first sentence, and lists that never grow with the registry.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { NAMES_SHOWN, boundedList, describePath, describeType, firstSentence, firstShown } from '../../server/src/service/diagnostics/describe';

describe('message words', () => {
  it('names a path as an author reads it, and each JSON type', () => {
    assert.equal(describePath([]), 'the entry');
    assert.equal(describePath(['compatibility', 0, 'image']), 'compatibility[0].image');
    assert.equal(describePath([2, 'a', 'b']), '[2].a.b');
    assert.deepEqual(['array', 'object', 'integer', 'null', 'string', 'number', 'boolean'].map(describeType),
      ['an array', 'an object', 'a whole number', 'null', 'a string', 'a number', 'a boolean']);
  });

  it('takes a description\'s first sentence, without bold', () => {
    assert.equal(firstSentence('Memory **in MB**. Kasm stores bytes.'), 'Memory in MB.');
    assert.equal(firstSentence('Is it? Yes.'), 'Is it?');
    assert.equal(firstSentence('Stop! Now.'), 'Stop!');
    assert.equal(firstSentence('Version 1.18.x only. More.'), 'Version 1.18.x only.', 'a dot inside a word ends nothing');
    assert.equal(firstSentence('  No full stop  '), 'No full stop');
    assert.equal(firstSentence('Ends here.'), 'Ends here.');
  });

  it('lists at most five names, cuts a long one in the middle, and counts the rest', () => {
    assert.equal(NAMES_SHOWN, 5);
    const names = (n: number) => Array.from({ length: n }, (_, i) => `n${i}`);
    assert.equal(boundedList(names(5)), 'n0, n1, n2, n3, n4');
    assert.equal(boundedList(names(6)), 'n0, n1, n2, n3, n4 and 1 more');
    assert.equal(boundedList(names(2), 1234), 'n0, n1 and 1,229 more');
    const long = `${'a'.repeat(40)}${'m'.repeat(21)}${'z'.repeat(40)}`;
    assert.equal(boundedList([long]), `${'a'.repeat(40)}…${'z'.repeat(40)}`);
    assert.equal(boundedList(['x'.repeat(80)]), 'x'.repeat(80), '80 characters are shown whole');
    assert.equal(boundedList(['x'.repeat(81)]), `${'x'.repeat(40)}…${'x'.repeat(40)}`);
  });

  it('finds the first five shown items without looking further', () => {
    const looked: number[] = [];
    const first = firstShown(Array.from({ length: 100 }, (_, i) => i), (item, index) => { looked.push(index); return item % 2 === 0; });
    assert.deepEqual(first, [0, 2, 4, 6, 8]);
    assert.equal(looked.length, 9);
    assert.deepEqual(firstShown([1, 3], () => false), []);
  });
});
