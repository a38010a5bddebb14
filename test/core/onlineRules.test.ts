// The rules that read registries' answers (#17), in process with answers the test gives (#31): what each verdict
// reports, on which value, with which fix, and the limits of the size and architecture comparisons on both sides.
// End to end against a real registry: test/cli/online.test.ts and test/lsp.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/service/languageService';
import { ImageFacts, ImageFactsSource } from '../../server/src/service/imageFacts';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { spoken, textDocument } from '../helpers/core';

const ONLINE = new Set(['image-tag-missing', 'image-host-refused', 'image-repository-missing', 'image-arch-missing', 'image-arch-unlisted', 'image-size-far', 'available-tag-missing']);
const found = (architectures: string[], compressedBytes?: number): Extract<ImageFacts, { kind: 'found' }> => ({
  kind: 'found', digest: 'sha256:x', platforms: architectures.map((architecture) => ({ architecture, os: 'linux' })), compressedBytes,
});

/** The online problems of an entry, as "code/severity at «text»: message [fixes]", with what was asked. */
function check(entry: object, facts: Record<string, ImageFacts>, tags: Record<string, readonly string[] | null> = {}, online = true) {
  const asked: string[] = [];
  const source: ImageFactsSource = {
    image: (reference) => { asked.push(`image ${reference}`); return facts[reference]; },
    tags: (reference) => { asked.push(`tags ${reference}`); return tags[reference]; },
  };
  const service = createLanguageService({ images: source });
  const doc = textDocument(JSON.stringify(entry));
  const problems = service.validate(doc, { ...DEFAULT_SETTINGS, onlineImages: online })
    .filter((d) => ONLINE.has(String(d.code))).map((d) => spoken(doc, d));
  return { problems, asked };
}

const entry = (image: string, extra: object = {}, element: object = {}) => ({
  friendly_name: 'Lab', architecture: ['amd64'], compatibility: [{ version: '1.18.x', image, uncompressed_size_mb: 1000, ...element }], ...extra,
});

describe('the online image rules', () => {
  it('ask nothing and say nothing unless online checks are on, or before the answer comes', () => {
    assert.deepEqual(check(entry('acme/lab:1'), {}, {}, false), { problems: [], asked: [] });
    assert.deepEqual(check(entry('acme/lab:1'), {}), { problems: [], asked: ['image acme/lab:1'] });
    assert.deepEqual(check(entry('Not An Image'), {}).asked, [], 'an invalid reference is the offline rules\' business');
  });

  it('a missing tag: what install does, on the image, with the closest tags as fixes; a digest says digest', () => {
    assert.deepEqual(check(entry('ghcr.io/acme/lab:1.2'), { 'ghcr.io/acme/lab:1.2': { kind: 'tag-missing', closestTags: ['1.3', '1.1'] } }).problems, [
      'image-tag-missing/warning at "ghcr.io/acme/lab:1.2": The tag "1.2" does not exist in acme/lab\'s repository, so installing the workspace fails to pull "ghcr.io/acme/lab:1.2". '
      + 'Closest: "ghcr.io/acme/lab:1.3", "ghcr.io/acme/lab:1.1". ["ghcr.io/acme/lab:1.3","ghcr.io/acme/lab:1.1"]',
    ]);
    const digest = `acme/lab@sha256:${'a'.repeat(64)}`;
    assert.deepEqual(check(entry(digest), { [digest]: { kind: 'tag-missing', closestTags: [] } }).problems, [
      `image-tag-missing/warning at "${digest}": The digest sha256:${'a'.repeat(64)} does not exist in acme/lab's repository, so installing the workspace fails to pull "${digest}".`,
    ]);
    assert.match(check(entry('acme/lab'), { 'acme/lab': { kind: 'tag-missing', closestTags: [] } }).problems[0], /The tag "latest" does not exist/);
  });

  it('a missing or private repository, and a refused host said once per reason', () => {
    assert.deepEqual(check(entry('acme/gone:1'), { 'acme/gone:1': { kind: 'repository-missing' } }).problems, [
      'image-repository-missing/info at "acme/gone:1": The repository of "acme/gone:1" does not exist, or is private (anonymously the two look the same): Kasm can pull it only with the registry\'s credentials.',
    ]);
    const refused: ImageFacts = { kind: 'unknown', reason: 'refused', detail: '10.0.0.1 is a private address' };
    const two = { friendly_name: 'Lab', compatibility: [{ version: '1.18.x', image: '10.0.0.1/a:1' }, { version: '1.19.x', image: '10.0.0.1/b:1' }] };
    assert.deepEqual(check(two, { '10.0.0.1/a:1': refused, '10.0.0.1/b:1': refused }).problems, [
      'image-host-refused/info at "10.0.0.1/a:1": Not checked online: 10.0.0.1 is a private address. Requests go only to public registries over HTTPS, '
      + 'unless you allow the host in kasm.images.allowHosts (a user setting) or with --allow-host.',
    ]);
    for (const reason of ['offline', 'timeout', 'rate-limited', 'error', 'bug'] as const) {
      assert.deepEqual(check(entry('acme/lab:1'), { 'acme/lab:1': { kind: 'unknown', reason, detail: 'x' } }).problems, [], reason);
    }
  });

  it('the size: within half to twice the estimate from the compressed layers (×2.5) says nothing', () => {
    const sized = (mb: number, bytes: number | null = 400_000_000) =>
      check(entry('acme/lab:1', {}, { uncompressed_size_mb: mb }), { 'acme/lab:1': found(['amd64'], bytes ?? undefined) }).problems;
    for (const mb of [500, 2000, 1000]) assert.deepEqual(sized(mb), [], `${mb} of about 1000`);
    assert.deepEqual(sized(499), ['image-size-far/hint at 499: uncompressed_size_mb is 499, but "acme/lab:1" has 400 MB of compressed layers: about 1000 MB uncompressed (×2.5), '
      + 'which Kasm shows against the agent\'s free space. [1000]']);
    assert.equal(sized(2001).length, 1);
    assert.deepEqual(sized(1, null), [], 'no layer sizes, no comparison');
    assert.deepEqual(sized(1, 0), []);
    assert.deepEqual(check(entry('acme/lab:1', {}, { uncompressed_size_mb: '1000' }), { 'acme/lab:1': found(['amd64'], 1) }).problems, [], 'not a number: the offline rules say so');
  });

  it('architectures: each listed one the image lacks, and those it has that are not listed', () => {
    const archs = (listed: unknown[], has: string[]) => check(entry('acme/lab:1', { architecture: listed }), { 'acme/lab:1': found(has) }).problems;
    assert.deepEqual(archs(['amd64', 'arm64'], ['amd64']), [
      'image-arch-missing/warning at "arm64": "acme/lab:1" has no arm64 image (it has linux/amd64): arm64 hosts offer the workspace and fail to pull it. ["amd64"]',
    ]);
    assert.deepEqual(archs(['amd64'], ['amd64', 'arm64', 's390x']), [
      'image-arch-unlisted/hint at ["amd64"]: The image also runs on arm64, which architecture does not list: hosts of it never offer the workspace. ["amd64","arm64"]',
    ]);
    assert.deepEqual(archs(['amd64', 'arm64'], ['amd64', 'arm64']), []);
    assert.deepEqual(archs(['amd64', 'i386', 7], ['amd64']), [], 'an architecture Kasm does not offer is the offline rules\' business');
    assert.deepEqual(archs(['arm64'], []), [], 'an image of unknown platforms says nothing');
    assert.deepEqual(check(entry('acme/lab:1', { architecture: 'amd64' }), { 'acme/lab:1': found(['arm64']) }).problems, []);
  });

  it('architectures: the fix sets architecture to what the image has, and is the preferred one', () => {
    const text = JSON.stringify(entry('acme/lab:1', { architecture: ['amd64', 'arm64'] }), null, 2);
    const source: ImageFactsSource = { image: () => found(['amd64', 's390x']), tags: () => null };
    const service = createLanguageService({ images: source });
    const doc = textDocument(text);
    const settings = { ...DEFAULT_SETTINGS, onlineImages: true };
    const diagnostics = service.validate(doc, settings).filter((d) => d.code === 'image-arch-missing');
    assert.equal(diagnostics.length, 1);
    const actions = service.codeActions(doc, diagnostics[0].range, { diagnostics }, settings);
    assert.deepEqual(actions.map((a) => [a.title, a.isPreferred]), [['Set architecture to what the image has: amd64', true]]);
    const fixed = JSON.parse(TextDocument.applyEdits(doc, actions[0].edit?.changes?.[doc.uri] ?? []));
    assert.deepEqual(fixed.architecture, ['amd64']);
    assert.deepEqual(service.validate(textDocument(JSON.stringify(fixed)), settings).filter((d) => ONLINE.has(String(d.code))), [], 'nothing left to fix');
    // Unlisted: the image runs on more than the entry says.
    const narrow = textDocument(JSON.stringify(entry('acme/lab:1'), null, 2));
    const both = createLanguageService({ images: { image: () => found(['amd64', 'arm64']), tags: () => null } });
    const unlisted = both.validate(narrow, settings).filter((d) => d.code === 'image-arch-unlisted');
    assert.deepEqual(both.codeActions(narrow, unlisted[0].range, { diagnostics: unlisted }, settings).map((a) => a.title),
      ['Set architecture to what the image has: amd64, arm64']);
    // A diagnostic without architectures in its data (an older editor's copy) gets no fix.
    assert.deepEqual(service.codeActions(doc, diagnostics[0].range, { diagnostics: [{ ...diagnostics[0], data: { path: ['architecture', 1] } }] }, settings)
      .filter((a) => a.title.startsWith('Set architecture')), []);
  });

  it('architectures over several images: "have", the platforms of the first lacking one, and the ones all share as fixes', () => {
    const two = { friendly_name: 'Lab', architecture: ['amd64', 'arm64'], compatibility: [{ version: '1.18.x', image: 'a/x:1' }, { version: '1.19.x', image: 'a/y:1' }] };
    const { problems } = check(two, { 'a/x:1': found(['arm64']), 'a/y:1': { ...found(['arm64']), platforms: [{ architecture: 'arm64', os: 'linux', variant: 'v8' }] } });
    assert.deepEqual(problems, [
      'image-arch-missing/warning at "amd64": "a/x:1", "a/y:1" have no amd64 image (it has linux/arm64): amd64 hosts offer the workspace and fail to pull it. ["arm64"]',
    ]);
  });

  it('channels: each available tag the repository lacks; the image\'s own tag alone is not asked about', () => {
    const channels = (tags: unknown[], listed: readonly string[] | null) =>
      check(entry('acme/lab:1', {}, { available_tags: tags }), { 'acme/lab:1': found(['amd64']) }, { 'acme/lab:1': listed });
    const { problems, asked } = channels(['1', 'develop', 'gone', '', 3], ['develop', '1']);
    assert.deepEqual(problems, ['available-tag-missing/warning at "gone": The tag "gone" does not exist in acme/lab\'s repository: the channel that pulls it fails to install the workspace.']);
    assert.deepEqual(asked, ['image acme/lab:1', 'tags acme/lab:1']);
    assert.deepEqual(channels(['gone'], null).problems, [], 'a registry that lists no tags');
    assert.deepEqual(channels(['1'], []).asked, ['image acme/lab:1']);
    assert.deepEqual(check(entry('acme/lab', {}, { available_tags: ['latest'] }), {}).asked, ['image acme/lab']);
    assert.deepEqual(check(entry('acme/lab:1', {}, { available_tags: 'develop' }), {}).asked, ['image acme/lab:1']);
  });

  it('reads a schema 1.0 entry\'s image from "name"', () => {
    const v10 = { friendly_name: 'Lab', name: 'acme/old:1', compatibility: ['1.15.x'], architecture: ['amd64'] };
    assert.deepEqual(check(v10, { 'acme/old:1': { kind: 'repository-missing' } }).problems.map((p) => p.split(':')[0]), ['image-repository-missing/info at "acme/old']);
  });
});
