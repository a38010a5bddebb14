import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GalleryCard, renderGallery } from '../../client/src/galleryHtml';

const card = (more: Partial<GalleryCard>): GalleryCard => ({
  friendlyName: 'A', description: 'd', categories: [], versions: [], folder: 'workspaces/A', errors: 0, warnings: 0, ...more,
});

describe('registry gallery HTML', () => {
  const html = renderGallery([
    card({ friendlyName: '<script>alert(1)</script>', description: '"><img src=x onerror=alert(2)>', categories: ['"x" onmouseover="alert(3)'], versions: ['1.18.x'] }),
    card({ friendlyName: 'Clean', categories: ['Desktop'], versions: ['1.19.x', '1.18.x'], iconSrc: 'https://res/icon.png', errors: 1, warnings: 2 }),
  ], 'https://res', 'NONCE42');

  it('escapes every workspace string, in text and in attributes', () => {
    assert.ok(!/<script>alert|<img src=x/.test(html));
    assert.ok(!/<[a-z][^>]*\son\w+\s*=\s*"alert/i.test(html), 'no inline event handler survives');
    assert.match(html, /data-categories="\[&#34;\\&#34;x\\&#34; onmouseover=\\&#34;alert\(3\)&#34;\]"/);
  });

  it('runs only its own nonce\'d script, and loads images only from the webview origin', () => {
    assert.match(html, /default-src 'none'; img-src https:\/\/res; style-src 'nonce-NONCE42'; script-src 'nonce-NONCE42'/);
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.match(html, /<script nonce="NONCE42">/);
  });

  it('offers the Kasm versions (newest first) and categories to filter by, and marks problems on cards', () => {
    assert.match(html, /<option value="1\.19\.x">1\.19\.x<\/option><option value="1\.18\.x">/);
    assert.match(html, /<option value="Desktop">/);
    assert.match(html, /title="1 error\(s\), 2 warning\(s\)">✖ 1 ⚠ 2/);
    assert.match(html, /<span class="icon missing">\?<\/span>/);
  });
});
