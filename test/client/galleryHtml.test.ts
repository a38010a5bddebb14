import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GalleryCard, renderGallery } from '../../client/src/galleryHtml';

const card = (more: Partial<GalleryCard>): GalleryCard => ({
  friendlyName: 'A', description: 'd', categories: [], folder: 'workspaces/A', errors: 0, warnings: 0, hostAccess: [], ...more,
});

describe('registry gallery HTML', () => {
  const html = renderGallery([
    card({ friendlyName: '<script>alert(1)</script>', description: '"><img src=x onerror=alert(2)>', categories: ['"x" onmouseover="alert(3)'],
      hostAccess: ['host paths (/"><script>alert(4)</script>)'], view: { hidden: 'no compatibility for <b>1.19.0</b>' } }),
    card({ friendlyName: 'Clean', categories: ['Desktop'], iconSrc: 'https://res/icon.png', errors: 1, warnings: 2, view: { image: 'kasmweb/clean:1.19.0' } }),
  ], 'https://res', 'NONCE42', { releases: ['1.19.0', '1.18.1'], channels: ['develop', '<x>'], kasmVersion: '1.19.0', channel: '' });

  it('escapes every workspace string, in text and in attributes', () => {
    assert.ok(!/<script>alert|<img src=x|<b>1\.19/.test(html));
    assert.ok(!/<[a-z][^>]*\son\w+\s*=\s*"alert/i.test(html), 'no inline event handler survives');
    assert.match(html, /data-categories="\[&#34;\\&#34;x\\&#34; onmouseover=\\&#34;alert\(3\)&#34;\]"/);
    assert.match(html, /<option value="&#60;x&#62;">&#60;x&#62;<\/option>/);
  });

  it('runs only its own nonce\'d script, and loads images only from the webview origin', () => {
    assert.match(html, /default-src 'none'; img-src https:\/\/res; style-src 'nonce-NONCE42'; script-src 'nonce-NONCE42'/);
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.match(html, /<script nonce="NONCE42">/);
  });

  it('offers the releases (the chosen one selected), channels and categories, and marks problems on cards', () => {
    assert.match(html, /<option value="1\.19\.0" selected>1\.19\.0<\/option><option value="1\.18\.1">/);
    assert.match(html, /<option value="Desktop">/);
    assert.match(html, /title="1 error\(s\), 2 warning\(s\)">✖ 1 ⚠ 2/);
    assert.match(html, /<span class="icon missing">\?<\/span>/);
  });

  it('greys an entry Kasm hides, with the reason; says what a listed one installs; badges what an entry asks of the host (#29.1, #29.5)', () => {
    assert.match(html, /class="card greyed"[^>]*>[\s\S]*?Hidden: no compatibility for &#60;b&#62;1\.19\.0&#60;\/b&#62;/);
    assert.match(html, /Installs kasmweb\/clean:1\.19\.0/);
    assert.match(html, /1 listed, 1 hidden on Kasm 1\.19\.0/);
    assert.match(html, /<span class="trust" title="Asks of the host: host paths \(\/&#34;&#62;&#60;script&#62;alert\(4\)&#60;\/script&#62;\)">⛨ host paths<\/span>/);
  });
});
