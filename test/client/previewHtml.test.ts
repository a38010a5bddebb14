// The preview renders text from files anyone can send in a pull request: it must stay inert.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { previewBody, previewModel, renderPreview } from '../../client/src/previewHtml';
import { encodePng } from '../helpers/png';
import { entryFolder, service, textDocument } from '../helpers/core';

/** The server's summary of an entry (kasm/entrySummaries answers with it), at `file` when given. */
const summary = (value: unknown, file?: string) => service.summary(textDocument(JSON.stringify(value), file));

const HOSTILE = {
  friendly_name: '<script>alert(1)</script>',
  description: '"><img src=x onerror=alert(2)>',
  categories: ['javascript:alert(3)', '<b onmouseover=alert(4)>x</b>'],
  architecture: ['amd64'],
  compatibility: [{ version: '1.18.x', image: '"><iframe src=javascript:alert(5)>' }],
};

describe('icon preview HTML', () => {
  const html = renderPreview(previewModel(summary(HOSTILE), undefined, { errors: 1, warnings: 2 }), 'vscode-resource:', 'NONCE123');

  it('escapes every string from the entry', () => {
    assert.ok(!/<script>|<img src=x|<iframe|<b onmouseover/i.test(html), html);
    assert.match(html, /&#60;script&#62;alert\(1\)&#60;\/script&#62;/);
    assert.ok(!/<[a-z][^>]*\son\w+\s*=/i.test(html), 'no element carries an inline event handler');
  });

  it('has a strict Content-Security-Policy with a nonce, and runs only its own nonce\'d update script', () => {
    assert.match(html, /default-src 'none'; img-src vscode-resource:; style-src 'nonce-NONCE123'; script-src 'nonce-NONCE123'/);
    assert.match(html, /<style nonce="NONCE123">/);
    assert.equal(html.match(/<script/gi)?.length, 1);
    assert.match(html, /<script nonce="NONCE123">/);
  });

  it('puts the same escaped body in the page that an update sends', () => {
    const model = previewModel(summary(HOSTILE), undefined, { errors: 1, warnings: 2 });
    assert.ok(html.includes(`<div id="root">\n${previewBody(model)}\n</div>`));
  });

  it('shows only the icon it was given, and says clearly when there is none', () => {
    assert.ok(!/<img/.test(html));
    assert.match(html, /Icon: No image_src: the entry has no icon/);
    const entry = entryFolder({ 'a.png': encodePng(40, 30, [1, 2, 3]) });
    const withIcon = renderPreview(previewModel(summary({ image_src: 'a.png' }, entry), 'https://file+.vscode-resource/x/a.png', { errors: 0, warnings: 0 }), 'src', 'n');
    assert.match(withIcon, /<img class="icon" src="https:\/\/file\+\.vscode-resource\/x\/a\.png"/);
    assert.match(withIcon, /a\.png: 40×30 px PNG/);
    // In the icon rule's words, as the Problems panel says it.
    assert.match(withIcon, /Icon: The icon&#39;s 40×30 px is smaller than 50×50 and far from square/);
  });

  it('shows the entry: name, description, categories, architectures, versions, image, problems', () => {
    const card = renderPreview(previewModel(summary({
      friendly_name: 'Chromium', description: 'A browser.', categories: ['Browser'], architecture: ['amd64', 'arm64'],
      compatibility: ['1.14.x', '1.15.x'], name: 'kasmweb/chromium:1.15.0',
    }), 'src/c.svg', { errors: 0, warnings: 1 }), 'src', 'n');
    for (const expected of ['Chromium', 'A browser.', 'Browser', 'arm64', '1.15.x', 'kasmweb/chromium:1.15.0', '0 error(s), 1 warning(s)']) {
      assert.ok(card.includes(expected), expected);
    }
  });

  it('renders anything, even an entry that is not an object', () => {
    for (const value of [null, 42, 'x', [], { compatibility: 'nope', categories: [1, null] }]) {
      assert.match(renderPreview(previewModel(summary(value), undefined, { errors: 0, warnings: 0 }), 's', 'n'), /no friendly_name/);
    }
  });
});
