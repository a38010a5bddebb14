import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HOSTILE_MARKDOWN_ENTRY, entryFolder, hasEntryLink, marked, service, squareIcon, textDocument } from '../helpers/core';
import { encodePng } from '../helpers/png';
import { createLanguageService } from '../../server/src/service/languageService';
import { ImageFactsSource } from '../../server/src/service/imageFacts';
import { versionsToAdd } from '../../server/src/service/features/addVersion';

function hover(text: string, file?: string) {
  const { doc, cursor, ranges } = marked(text, file);
  const result = service.hover(doc, doc.positionAt(cursor));
  const value = result && typeof result.contents === 'object' && 'value' in result.contents ? result.contents.value : '';
  return { value, range: result?.range, expectedRange: ranges[0] };
}

describe('hover', () => {
  it('on a key: what Kasm does with it, type, default, docs link, schema versions', () => {
    const { value, range, expectedRange } = hover('{ «"mem|ory"»: 2768 }');
    assert.match(value, /\*\*memory\*\* `number`/);
    assert.match(value, /in MB/);
    assert.match(value, /Default: `2768`/);
    assert.match(value, /\[Documentation\]\(https:\/\/kasmweb\.com\/docs/);
    assert.match(value, /Registry schema 1\.0 and 1\.1; this file: 1\.1/);
    assert.deepEqual(range, expectedRange);
  });

  it('on run_config, exec_config or volume_mappings: the entry\'s trust report first; nothing for a harmless one (#29.5)', () => {
    const plain = (text: string) => hover(text).value.replace(/\\(.)/g, '$1');
    const wide = plain('{ "volume_mappings": { "/srv": {} }, «"run_|config"»: { "privileged": true, "network_mode": "host" } }');
    assert.match(wide, /^\*\*Asks of the host: privileged \(full access to the host\); the host's network; host paths \(\/srv\)\.\*\*/);
    assert.match(plain('{ «"exec_con|fig"»: { "go": { "cmd": "x", "user": "root" } } }'), /Asks of the host: the go command as root\./);
    assert.doesNotMatch(hover('{ «"run_con|fig"»: { "hostname": "kasm" } }').value, /Asks of the host/);
    assert.doesNotMatch(hover('{ «"mem|ory"»: 2768, "run_config": { "privileged": true } }').value, /Asks of the host/);
  });

  it('on a closed-value key lists the allowed values', () => {
    assert.match(hover('{ "cpu_allocation_|method": "Inherit" }').value, /Allowed values: `Inherit`, `Quotas`, `Shares`/);
  });

  it('on a 1.0-only key says so', () => {
    assert.match(hover('{ "na|me": "a/b:1", "compatibility": ["1.15.x"] }').value, /Registry schema 1\.0;/);
  });

  it('on a known value: its meaning', () => {
    assert.match(hover('{ "architecture": ["arm|64"] }').value, /\*\*arm64\*\*: 64-bit ARM/);
    assert.match(hover('{ "cpu_allocation_method": "Quo|tas" }').value, /hard Docker CPU quota/);
  });

  it('on an exact version in a 1.0 entry: that Kasm never matches it', () => {
    assert.match(hover('{ "compatibility": ["1.15|.0"] }').value, /look for `1\.15\.x` in a schema 1\.0 entry, so this exact version never matches/);
  });

  it('on a Kasm version: its releases and the registry schema it reads', () => {
    assert.match(hover('{ "compatibility": ["1.16|.x"] }').value, /releases 1\.16\.0, 1\.16\.1\. Kasm 1\.16 reads registry schema 1\.1, not 1\.0/);
    assert.match(hover('{ "compatibility": [{ "version": "1.18|.x" }] }').value, /1\.18\.0, 1\.18\.1\. Kasm 1\.18 reads registry schema 1\.1\./);
  });

  it('on a version Kasm never had or has not released yet, or no version at all: says which, in its first section', () => {
    const first = (text: string) => hover(text).value.split('\n\n---\n\n')[0];
    const next = versionsToAdd('1.1')[0];
    const newest = versionsToAdd('1.1')[1].replace(/\.x$/, '');
    assert.equal(first('{ "compatibility": [{ "version": "1.9|9.x" }] }'), `**1\\.99\\.x**: no such Kasm release (newest known: ${newest}).`);
    assert.equal(first(`{ "compatibility": [{ "version": "${next.slice(0, 2)}|${next.slice(2)}" }] }`),
      `**${next.replace(/\./g, '\\.')}**: the next Kasm release after ${newest}, not out yet; registries list it ahead with develop tags.`);
    assert.equal(first('{ "compatibility": [{ "version": "1.1|2.x" }] }'), '**1\\.12\\.x**: Kasm 1.12 has no workspace registries (since 1.13).');
    assert.equal(first('{ "compatibility": [{ "version": "fo|o" }] }'), '**foo**: not a Kasm version; write `M.m.x` or `M.m.p`.');
  });

  it('on a key: its facts as a list, in order: required, default, values, schemas', () => {
    const facts = (text: string) => hover(text).value.split('\n\n').filter((part) => part.startsWith('- '));
    assert.deepEqual(facts('{ "archi|tecture": ["amd64"] }'), [
      '- Required (Kasm or the registry build fails without it)\n- Allowed values: `amd64`, `arm64`\n- Registry schema 1.0 and 1.1; this file: 1.1 (the newest: nothing in the file tells)',
    ]);
    assert.match(facts('{ "compatibility": [{ "vers|ion": "1.18.x" }] }')[0], /^- Required by the registry README\n- Known values: `1\.\d+\.x`/);
    assert.deepEqual(facts('{ "run_config": { "hostn|ame": "x" } }'), [], 'a nested key: no facts, no schema line');
    assert.match(hover('{ "run_config": { "hostn|ame": "x" } }').value, /^\*\*hostname\*\* `string`\n\n/);
    assert.match(hover('{ "archi|tecture": ["amd64"] }').value, /^\*\*architecture\*\* `array<string>`/, 'an array names its items\' type');
  });

  it('on memory: the value in GB and bytes', () => {
    assert.match(hover('{ "memory": 27|68 }').value, /2768 MB\*\* = 2\.77 GB \(2,768,000,000 bytes/);
    assert.match(hover('{ "memory": 10|00 }').value, /^\*\*1000 MB\*\* = 1\.00 GB \(1,000,000,000 bytes in Kasm\)/, 'from 1,000 MB on, in GB too');
    assert.match(hover('{ "memory": 99|9 }').value, /^\*\*999 MB\*\* \(999,000,000 bytes in Kasm\)/);
  });

  it('on image_src: the icon itself with its pixel size', () => {
    const file = entryFolder({ 'icon.png': encodePng(128, 128, [9, 9, 9]) });
    const { value } = hover('{ "image_src": "ic|on.png" }', file);
    assert.match(value, /!\[icon\\\.png\]\(file:\/\/\/.*\/icon\.png\|width=96\)/);
    assert.match(value, /128×128 px PNG/);
  });

  it('on image_src of a missing icon leaves the problem to its diagnostic, which VS Code shows in the same hover (#29.7)', () => {
    const file = entryFolder({ 'other.png': squareIcon() });
    const value = hover('{ "image_src": "no|ne.png" }', file).value;
    assert.doesNotMatch(value, /is not in this entry/);
    assert.match(value, /\*\*none\\\.png\*\*/);
    assert.ok(service.validate(textDocument('{ "image_src": "none.png" }', file)).some((d) => d.code === 'icon-missing'), 'said once, by the diagnostic');
  });

  it('on a memory under 1,000 MB: in MB, not "0.01 GB" (#29.7)', () => {
    const value = hover('{ "memory": |8 }').value;
    assert.match(value, /\*\*8 MB\*\* \(8,000,000 bytes in Kasm\)/);
    assert.doesNotMatch(value.split('---')[0], /GB/);
  });

  it('on nothing known: no hover', () => {
    assert.equal(hover('{ "whatever|": 1 }').value, '');
    assert.equal(hover('{ "a": [1, |2').value, '');
  });

  it('shows a hostile entry\'s strings as text at every position: no link or image the editor would fetch', () => {
    const doc = textDocument(HOSTILE_MARKDOWN_ENTRY);
    let hovers = 0;
    for (let offset = 0; offset <= HOSTILE_MARKDOWN_ENTRY.length; offset++) {
      const result = service.hover(doc, doc.positionAt(offset));
      const value = result && typeof result.contents === 'object' && 'value' in result.contents ? result.contents.value : '';
      if (value) hovers++;
      assert.ok(!hasEntryLink(value), `offset ${offset}: ${value}`);
    }
    assert.ok(hovers > 100, 'the sweep hovered the entry\'s strings');
    // Still readable: the text itself is there, escaped.
    const { value } = hover('{ "compatibility": ["![v](https://attacker.example/v.png|)"] }');
    assert.match(value, /\\!\\\[v\\\]\\\(https\\:\\\/\\\/attacker\\\.example/);
  });
});

describe('hover on an image, online checks on (#17)', () => {
  const hostile: ImageFactsSource = {
    image: () => ({
      kind: 'found', digest: '![d](https://attacker.example/d.png)',
      platforms: [{ os: 'linux', architecture: '[a](https://attacker.example/a)' }], created: '<img src=x>',
    }),
    tags: () => null,
  };
  const online = createLanguageService({ images: hostile });
  const at = (text: string) => {
    const { doc, cursor } = marked(text);
    const result = online.hover(doc, doc.positionAt(cursor), { registrySchema: 'auto', onlineImages: true });
    return result && typeof result.contents === 'object' && 'value' in result.contents ? result.contents.value : '';
  };

  it('shows what a hostile registry answers as text, never a link or an image', () => {
    const value = at('{ "compatibility": [{ "version": "1.16.x", "image": "acme/la|b:1.0" }] }');
    assert.match(value, /Digest: \\!\\\[d\\\]\\\(https/);
    assert.match(value, /Platforms: linux\/\\\[a\\\]/);
    const registrySection = value.split('\n---\n')[0];
    assert.doesNotMatch(registrySection, /(?<!\\)\]\(/, 'no unescaped link');
    assert.doesNotMatch(value, /Built|<img/);
  });

  it('is not asked while the setting is off', () => {
    const { doc, cursor } = marked('{ "compatibility": [{ "version": "1.16.x", "image": "acme/la|b:1.0" }] }');
    const result = online.hover(doc, doc.positionAt(cursor), { registrySchema: 'auto' });
    assert.doesNotMatch(JSON.stringify(result), /Digest/);
  });
});
