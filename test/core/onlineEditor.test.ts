// What online answers give the editor (#17), in process with the test's answers (#31): tag completion after the
// image's ":" (bounded, narrowed as typed, incomplete while unanswered) and the image hover (each verdict, the found
// image's digest, platforms, size and build date, with a hostile registry's text kept inert).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLanguageService } from '../../server/src/service/languageService';
import { ImageFacts, ImageFactsSource } from '../../server/src/service/imageFacts';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { marked } from '../helpers/core';

function online(facts: Record<string, ImageFacts> = {}, tags: Record<string, readonly string[] | null> = {}) {
  const source: ImageFactsSource = { image: (reference) => facts[reference], tags: (reference) => tags[reference] };
  const service = createLanguageService({ images: source });
  const settings = { ...DEFAULT_SETTINGS, onlineImages: true };
  return {
    complete: (text: string) => {
      const { doc, cursor } = marked(text);
      return service.complete(doc, doc.positionAt(cursor), settings);
    },
    hover: (text: string) => {
      const { doc, cursor } = marked(text);
      const contents = service.hover(doc, doc.positionAt(cursor), settings)?.contents;
      return contents && typeof contents === 'object' && 'value' in contents ? contents.value : '';
    },
  };
}
const image = (reference: string) => `{ "compatibility": [{ "version": "1.18.x", "image": "${reference}" }] }`;

describe('online answers in the editor', () => {
  it('completes tags after the image\'s ":", newest first, replacing what is typed up to the quote', () => {
    const { complete } = online({}, { 'acme/lab': ['1.2', '1.1', 'develop'] });
    const list = complete(image('acme/lab:1|.0'));
    assert.equal(list.isIncomplete, false);
    assert.deepEqual(list.items.map((item) => [item.label, item.detail, item.sortText]),
      [['1.2', 'acme/lab:1.2', '00000'], ['1.1', 'acme/lab:1.1', '00001'], ['develop', 'acme/lab:develop', '00002']]);
    const edit = list.items[0].textEdit as { range: { start: { character: number }; end: { character: number } }; newText: string };
    const line = image('acme/lab:1.0');
    assert.equal(line.slice(edit.range.start.character, edit.range.end.character), '1.0');
    assert.equal(edit.newText, '1.2');
  });

  it('offers nothing before the ":", after a "/", with a digest, or outside an image; waits while unanswered', () => {
    const { complete } = online({}, { 'acme/lab': ['1.2'], 'host:5000/acme/lab': ['9'] });
    assert.ok(!complete(image('acme/la|b:1.0')).items.some((item) => item.label === '1.2'));
    assert.deepEqual(complete(image('host:5000/acme/lab:|')).items.map((item) => item.label), ['9'], 'the port\'s ":" is not the tag\'s');
    assert.ok(!complete(image('host:5|000/acme/lab')).items.some((item) => item.label === '9'));
    assert.ok(!complete(image(`acme/lab:1@sha256:${'a'.repeat(64)}|`)).items.some((item) => item.label === '1.2'));
    assert.ok(!complete('{ "friendly_name": "acme/lab:|" }').items.some((item) => item.label === '1.2'));
    const waiting = online().complete(image('acme/other:|'));
    assert.deepEqual([waiting.items.length, waiting.isIncomplete], [0, true]);
    const none = online({}, { 'acme/lab': null }).complete(image('acme/lab:|'));
    assert.deepEqual([none.items.length, none.isIncomplete], [0, false], 'a registry that lists no tags');
  });

  it('narrows a long tag list to what is typed and bounds it', () => {
    const many = Array.from({ length: 5000 }, (_, i) => `${i % 2 ? 'b' : 'a'}${i}`);
    const { complete } = online({}, { 'acme/lab': many });
    const typed = complete(image('acme/lab:a1|'));
    assert.ok(typed.items.length > 0 && typed.items.every((item) => item.label.startsWith('a1')), 'narrowed');
    assert.equal(typed.isIncomplete, true);
    const all = complete(image('acme/lab:|'));
    assert.ok(all.items.length < many.length, `bounded to ${all.items.length}`);
    assert.equal(all.isIncomplete, true);
  });

  it('says in the image hover what its registry says', () => {
    const facts: Record<string, ImageFacts> = {
      'a/found:1': {
        kind: 'found', digest: `sha256:${'b'.repeat(64)}`, compressedBytes: 400_000_000, created: '2026-11-01T10:00:00Z',
        platforms: [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64', variant: 'v8' }],
      },
      'a/small:1': { kind: 'found', digest: 'weird [digest](http://x)', compressedBytes: 1500, platforms: [{ os: 'linux', architecture: 'a*b' }] },
      'a/gone:1': { kind: 'repository-missing' },
      'a/tag:1': { kind: 'tag-missing', closestTags: ['1.1', '0_9'] },
      'a/none:1': { kind: 'tag-missing', closestTags: [] },
      'a/down:1': { kind: 'unknown', reason: 'offline', detail: 'ghcr.io could not be reached' },
    };
    const { hover } = online(facts);
    /** The hover without Markdown's escapes, for the parts a registry does not write. */
    const plain = (text: string) => hover(text).replace(/\\(.)/g, '$1');
    assert.match(plain(image('a/fou|nd:1')), new RegExp(`\\*\\*a/found:1\\*\\*\\n\\n- Digest: \`sha256:b{64}\`\\n- Platforms: linux/amd64, linux/arm64/v8\\n`
      + '- Compressed: 400 MB \\(about 1,000 MB uncompressed\\)\\n- Built: 2026-11-01'));
    const small = hover(image('a/sm|all:1'));
    assert.ok(small.includes('- Digest: weird \\[digest\\]\\(http\\:\\/\\/x\\)'), 'a digest that is no digest is text, no link');
    assert.ok(small.includes('- Platforms: linux/a\\*b'));
    assert.ok(small.includes('- Compressed: 2 KB (about 0 MB uncompressed)'));
    assert.doesNotMatch(small, /Built/);
    assert.match(plain(image('a/go|ne:1')), /\*\*a\/gone:1\*\*: the repository does not exist or is private\./);
    assert.match(plain(image('a/ta|g:1')), /\*\*a\/tag:1\*\*: no such tag; closest: 1\.1, 0_9\./);
    assert.match(plain(image('a/no|ne:1')), /\*\*a\/none:1\*\*: no such tag\./);
    assert.match(plain(image('a/do|wn:1')), /\*\*a\/down:1\*\*: not checked online \(ghcr\.io could not be reached\)\./);
    assert.match(plain(image('a/wa|it:1')), /\*\*a\/wait:1\*\*: asking its registry…/);
  });
});
