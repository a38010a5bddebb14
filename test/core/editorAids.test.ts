import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { imagePage, readableMegabytes } from '../../server/src/service/features/editorAids';
import { VALID_1_0, entryFolder, marked, service, squareIcon, textDocument } from '../helpers/core';

const WHOLE = { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } };

describe('editor aids', () => {
  it('links image_src to the icon file, and images to their registry page', () => {
    const file = entryFolder({ 'icon.png': squareIcon() });
    const { doc, ranges } = marked('{ "image_src": "«icon.png»", "compatibility": [{ "image": "«kasmweb/chrome:1.18.0»" }, { "image": "ghcr.io/a/b:1" }] }', file);
    const links = service.documentLinks(doc);
    assert.deepEqual(links.map((l) => [l.range, l.target]), [
      [ranges[0], pathToFileURL(path.join(path.dirname(file), 'icon.png')).href],
      [ranges[1], 'https://hub.docker.com/r/kasmweb/chrome'],
    ]);
  });

  it('links no icon outside the entry\'s folder, and none that is missing', () => {
    assert.deepEqual(service.documentLinks(textDocument('{ "image_src": "../../etc/passwd" }', entryFolder())), []);
    assert.deepEqual(service.documentLinks(textDocument('{ "image_src": "missing.png" }', entryFolder())), []);
  });

  it('knows Docker Hub pages of official and user images', () => {
    assert.equal(imagePage('ubuntu:22.04'), 'https://hub.docker.com/_/ubuntu');
    assert.equal(imagePage('docker.io/library/alpine:3'), 'https://hub.docker.com/_/alpine');
    assert.equal(imagePage('quay.io/org/img:1'), 'https://quay.io/repository/org/img');
    assert.equal(imagePage('lscr.io/linuxserver/chromium:latest'), undefined);
  });

  it('shows sizes in GB beside memory and uncompressed_size_mb', () => {
    const hints = service.inlayHints(textDocument('{\n  "memory": 2768,\n  "cores": 4000,\n  "uncompressed_size_mb": 2460\n}'), WHOLE);
    assert.deepEqual(hints.map((h) => [h.position, h.label]), [[{ line: 1, character: 17 }, '≈ 2.77 GB'], [{ line: 3, character: 30 }, '≈ 2.46 GB']]);
    assert.equal(readableMegabytes(512), '512 MB');
  });

  it('offers "Preview icon" on image_src and, on 1.0 entries, a conversion that says what it changes (#29.7)', () => {
    const lenses = service.codeLenses(textDocument(VALID_1_0)).map((l) => [l.command?.title, l.range.start.line]);
    assert.deepEqual(lenses.map(([title, line]) => [String(title).split(':')[0], line]), [['Preview icon', 4], ['Convert entry to registry schema 1.1', 0]]);
    assert.match(String(lenses[1][0]), /^Convert entry to registry schema 1\.1: compatibility .* becomes .*, each with /);
    assert.deepEqual(service.codeLenses(textDocument('{ "compatibility": [{ "version": "1.18.x" }] }')), []);
  });

  it('knows the page of an image at each edge: a Docker Hub host, a library path, a digest, an invalid reference', () => {
    assert.equal(imagePage('index.docker.io/org/app:1'), 'https://hub.docker.com/r/org/app');
    assert.equal(imagePage('docker.io/org/app:1'), 'https://hub.docker.com/r/org/app');
    assert.equal(imagePage('org/app@sha256:' + 'a'.repeat(64)), 'https://hub.docker.com/r/org/app');
    assert.equal(imagePage('library/ubuntu'), 'https://hub.docker.com/_/ubuntu');
    assert.equal(imagePage('Not An Image'), undefined);
    assert.equal(imagePage('quay.io/org/img@sha256:' + 'b'.repeat(64)), 'https://quay.io/repository/org/img');
    // A 1.0 entry's name is an image too.
    const { doc, ranges } = marked('{ "name": "«org/app:1»", "compatibility": ["1.15.x"] }');
    assert.deepEqual(service.documentLinks(doc).map((l) => [l.range, l.target, l.tooltip]),
      [[ranges[0], 'https://hub.docker.com/r/org/app', 'Open the image\'s registry page']]);
  });

  it('shows sizes from 1,000 MB, whole GB from 100,000 MB, after the comma, within the asked lines only', () => {
    const hints = (text: string, range = WHOLE) =>
      service.inlayHints(textDocument(text), range).map((h) => [h.position, h.label, h.paddingLeft]);
    assert.deepEqual(hints('{ "memory": 999 }'), []);
    assert.deepEqual(hints('{ "memory": 1000 }'), [[{ line: 0, character: 16 }, '≈ 1.00 GB', true]]);
    assert.deepEqual(hints('{ "memory": 1000, "cores": 2 }'), [[{ line: 0, character: 17 }, '≈ 1.00 GB', true]], 'after the comma');
    assert.deepEqual(hints('{ "uncompressed_size_mb": 99999 }')[0][1], '≈ 100.00 GB');
    assert.deepEqual(hints('{ "uncompressed_size_mb": 100000 }')[0][1], '≈ 100 GB');
    assert.deepEqual(hints('{ "memory": "4000", "compatibility": [{ "uncompressed_size_mb": 2000 }] }').map((h) => h[1]), ['≈ 2.00 GB'], 'a number only, at any depth');
    const text = '{\n  "memory": 2000,\n  "x": 1,\n  "uncompressed_size_mb": 3000\n}';
    assert.deepEqual(hints(text, { start: { line: 1, character: 0 }, end: { line: 1, character: 99 } }).map((h) => h[1]), ['≈ 2.00 GB']);
    assert.deepEqual(hints(text, { start: { line: 2, character: 0 }, end: { line: 3, character: 0 } }).map((h) => h[1]), ['≈ 3.00 GB']);
    assert.deepEqual(hints(text, { start: { line: 2, character: 0 }, end: { line: 2, character: 9 } }), []);
    assert.deepEqual(hints(''), []);
  });
});
