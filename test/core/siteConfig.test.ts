// The registry's site/next.config.js, read as text (kasm-format.md §6, §10.12; #31): what each problem says, on
// which text, with which path and fix, and what is fine on the other side of each line.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { checkRegistryConfig } from '../../server/src/registry/siteConfig';
import { spoken } from '../helpers/core';

const said = (text: string) => {
  const doc = TextDocument.create('file:///r/site/next.config.js', 'javascript', 0, text);
  return checkRegistryConfig(text, doc.uri).map((d) => `${spoken(doc, d)} ${JSON.stringify(d.data.path)}`);
};
const config = (env: string) => `module.exports = {\n  env: {\n    ${env}\n  },\n}\n`;

describe('site/next.config.js', () => {
  it('no listUrl at all: an error on "env", or at the start when there is no env either', () => {
    assert.deepEqual(said(config("name: 'My registry',")), [
      'registry-config/error at env: env.listUrl is not set: the registry build publishes list_url as null, and Kasm cannot add a registry '
      + 'without it (#29.2). Set it to your registry site\'s root with a final "/", e.g. "https://<owner>.github.io/<repository>/". ["env","listUrl"]',
    ]);
    assert.deepEqual(said('module.exports = {}').map((s) => s.split(':')[0]), ['registry-config/error at ']);
  });

  it('a listUrl computed by code is not judged', () => {
    assert.deepEqual(said(config('listUrl: process.env.LIST_URL,')), []);
  });

  it('the template\'s own URL: an error on the URL, in any quotes', () => {
    for (const quote of ["'", '"', '`']) {
      assert.deepEqual(said(config(`listUrl: ${quote}https://registry.kasmweb.com/${quote},`)), [
        'registry-config/error at https://registry.kasmweb.com/: env.listUrl is still the template\'s "https://registry.kasmweb.com/": Kasm knows '
        + 'registries by this URL, so adding this one fails ("This Registry has already been installed"). Set it to your registry site\'s root, '
        + 'e.g. "https://<owner>.github.io/<repository>/". ["env","listUrl"]',
      ], quote);
    }
  });

  it('a URL without its final "/": a warning with the fix; with it, nothing', () => {
    assert.deepEqual(said(config("listUrl : 'https://acme.github.io/kasm'")), [
      'registry-config/warning at https://acme.github.io/kasm: env.listUrl is the site root admins paste into Kasm; write it with a final "/" '
      + '("https://acme.github.io/kasm/"). ["https://acme.github.io/kasm/"] ["env","listUrl"]',
    ]);
    assert.deepEqual(said(config("listUrl: 'https://acme.github.io/kasm/'")), []);
  });

  it('a relative icon: a warning on it; a full address, or none, is fine', () => {
    const base = "listUrl: 'https://acme.github.io/kasm/', ";
    assert.deepEqual(said(config(`${base}icon: 'img/logo.png'`)), [
      'registry-config/warning at img/logo.png: Kasm does not resolve a relative env.icon ("img/logo.png") against the registry\'s URL: '
      + 'write the full address of the icon. ["env","icon"]',
    ]);
    for (const fine of ["icon: 'https://acme.example/logo.png'", "icon: 'HTTP://acme.example/logo.png'", "icon: ''", "myicon: 'x.png'"]) {
      assert.deepEqual(said(config(`${base}${fine}`)), [], fine);
    }
    assert.equal(said(config(`${base}icon: 'ftp://acme.example/https://x'`)).length, 1, 'the scheme is at the start');
  });
});
