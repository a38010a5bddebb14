// Image references as `docker pull` reads them (distribution/reference's grammar), each rule on both sides of its
// edge: what is host, repository, tag and digest, the problem said for each bad part, and the lower-case fix (#31).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatImageReference, parseImageReference } from '../../server/src/service/kasm/imageReference';

const HEX = 'a'.repeat(64);

describe('image references', () => {
  it('splits host, repository, tag and digest as Docker does', () => {
    const cases: [string, object][] = [
      ['kasmweb/chrome:1.18.0', { host: undefined, repository: 'kasmweb/chrome', tag: '1.18.0', digest: undefined }],
      ['localhost', { host: undefined, repository: 'localhost', tag: undefined, digest: undefined }],
      ['localhost/app', { host: 'localhost', repository: 'app', tag: undefined, digest: undefined }],
      ['localhost:5000/app:1', { host: 'localhost:5000', repository: 'app', tag: '1', digest: undefined }],
      ['example.com', { host: undefined, repository: 'example.com', tag: undefined, digest: undefined }],
      ['ghcr.io/a/b/c@sha256:' + HEX, { host: 'ghcr.io', repository: 'a/b/c', tag: undefined, digest: `sha256:${HEX}` }],
      ['kasmweb/chrome:1.0@sha256:' + HEX, { host: undefined, repository: 'kasmweb/chrome', tag: '1.0', digest: `sha256:${HEX}` }],
    ];
    for (const [text, parts] of cases) {
      const { host, repository, tag, digest, problem } = parseImageReference(text);
      assert.deepEqual({ host, repository, tag, digest }, parts, text);
      assert.equal(problem, undefined, text);
    }
  });

  it('accepts what the grammar allows at its edges', () => {
    for (const text of [
      'a--b/c__d', 'team/a.b_c-d', `app:${'t'.repeat(128)}`, 'app:_tag', 'app@sha256+b64u:' + HEX, `app@sha256:${'f'.repeat(32)}`,
      '[::1]:5000/app', 'my-registry.example.com:443/team/app',
    ]) {
      assert.equal(parseImageReference(text).problem, undefined, text);
    }
  });

  it('says what is wrong with each bad part', () => {
    const cases: [string, string][] = [
      ['', 'the image is empty'],
      ['   ', 'the image is empty'],
      ['kasmweb/chrome 1.0', 'an image reference cannot contain spaces'],
      ['https://kasmweb/chrome', 'an image reference has no scheme (remove "https://")'],
      ['git+ssh://kasmweb/chrome', 'an image reference has no scheme (remove "https://")'],
      ['registry/https://x', '"https:" is not a valid repository name component (lower-case letters, digits and single . _ - separators)'],
      ['exa_mple.com/app', '"exa_mple.com" is not a valid registry host'],
      ['@sha256:' + HEX, 'the repository name is missing'],
      ['team/kasm..web', '"kasm..web" is not a valid repository name component (lower-case letters, digits and single . _ - separators)'],
      ['kasmweb/chrome!', '"chrome!" is not a valid repository name component (lower-case letters, digits and single . _ - separators)'],
      ['-kasmweb/app', '"-kasmweb" is not a valid repository name component (lower-case letters, digits and single . _ - separators)'],
      ['KasmWeb/app', 'the repository name must be lower case ("KasmWeb")'],
      ['app:.bad', '".bad" is not a valid tag (letters, digits, _ . -, at most 128, not starting with . or -)'],
      ['app:1.0!', '"1.0!" is not a valid tag (letters, digits, _ . -, at most 128, not starting with . or -)'],
      [`app:${'t'.repeat(129)}`, `"${'t'.repeat(129)}" is not a valid tag (letters, digits, _ . -, at most 128, not starting with . or -)`],
      [`app@sha256:${'f'.repeat(31)}`, `"sha256:${'f'.repeat(31)}" is not a valid digest (e.g. sha256:<64 hex digits>)`],
      [`app@sha256:${HEX}!`, `"sha256:${HEX}!" is not a valid digest (e.g. sha256:<64 hex digits>)`],
      [`app@!sha256:${HEX}`, `"!sha256:${HEX}" is not a valid digest (e.g. sha256:<64 hex digits>)`],
    ];
    for (const [text, problem] of cases) assert.equal(parseImageReference(text).problem, problem, text);
  });

  it('suggests the lower-case reference only when lower case is all that is wrong', () => {
    const cases: [string, string | undefined][] = [
      ['Kasmweb/Chrome:1.0', 'kasmweb/chrome:1.0'],
      ['Docker.io/Kasmweb/Chrome:Latest@sha256:' + HEX, `Docker.io/kasmweb/chrome:Latest@sha256:${HEX}`],
      ['Kasmweb/Chrome:.bad', undefined],
      ['team/kasm..web', undefined],
      ['kasmweb/chrome', undefined],
    ];
    for (const [text, suggestion] of cases) assert.equal(parseImageReference(text).suggestion, suggestion, text);
  });

  it('writes a reference back with each part it has', () => {
    assert.equal(formatImageReference({ repository: 'a/b' }), 'a/b');
    assert.equal(formatImageReference({ host: 'h:1', repository: 'a', tag: '', digest: 'sha256:x' }), 'h:1/a:@sha256:x');
  });
});
