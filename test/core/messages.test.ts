// What each rule says, case by case, pinned in test/golden/messages.json (#31): code, severity, the text it is on,
// the message and its fixes, for entries on both sides of each rule's lines. A message is what an author reads to
// decide what to do; a changed one must be a decision (UPDATE_GOLDEN=1 rewrites the file, and the diff shows it).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT, entryFolder, service, spoken, textDocument } from '../helpers/core';
import { encodePng } from '../helpers/png';

const GOLDEN = path.join(REPO_ROOT, 'test', 'golden', 'messages.json');
const c11 = (element: object) => ({ compatibility: [{ version: '1.18.x', image: 'a/b:1', uncompressed_size_mb: 2000, ...element }] });
const v10 = (extra: object) => ({ name: 'a/b:1', compatibility: ['1.15.x'], uncompressed_size_mb: 2000, ...extra });
const form = (fields: object[]) => ({ launch_config: { launch_form: fields } });

/** A GIF or ICO header of a size: enough for the sniffing. */
const gif = (width: number, height: number) => Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.from([width, 0, height, 0]), Buffer.alloc(16), Buffer.from([0x3b])]);
const ico = () => Buffer.concat([Buffer.from([0, 0, 1, 0, 1, 0, 64, 64]), Buffer.alloc(30)]);
/** Icon cases: the entry's image_src and the files beside it. */
const ICONS: [string, Record<string, Buffer | string>][] = [
  ['icon.png', {}], ['../icon.png', {}], ['icons/icon.png', {}], ['icon.png', { 'icon.png': 'not an image' }],
  ['icon.png', { 'icon.png': encodePng(64, 64, [1, 2, 3]) }], ['icon.png', { 'icon.png': encodePng(20, 20, [1, 2, 3]) }],
  ['icon.png', { 'icon.png': encodePng(100, 50, [1, 2, 3]) }], ['icon.png', { 'icon.png': encodePng(40, 30, [1, 2, 3]) }],
  ['icon.png', { 'icon.png': encodePng(48, 48, [1, 2, 3]) }], ['icon.png', { 'icon.png': encodePng(47, 47, [1, 2, 3]) }],
  ['icon.png', { 'icon.png': encodePng(50, 50, [1, 2, 3]) }], ['icon.png', { 'icon.png': gif(64, 64) }], ['icon.png', { 'icon.png': ico() }],
  ['icon.gif', { 'icon.gif': gif(64, 64) }], ['icon.svg', { 'icon.svg': '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"/>' }],
  ['icon', { icon: encodePng(64, 64, [1, 2, 3]) }],
];

/** Rule family → its cases: [schema, entry]. */
const CASES: Record<string, ['1.0' | '1.1', object][]> = {
  compatibility: [
    ['1.1', { compatibility: [] }], ['1.0', v10({ compatibility: ['1.15.x', '1.15.x'] })], ['1.0', v10({ compatibility: ['1.15.2'] })],
    ['1.1', c11({ version: '1.21.x' })], ['1.1', c11({ version: '2.0.x' })], ['1.1', c11({ version: '1.18.9' })], ['1.1', c11({ version: '1.20.x' })],
    ['1.0', v10({ compatibility: ['1.12.x'] })], ['1.1', c11({ version: '1.15.x' })],
    ['1.1', { compatibility: [{ version: '1.15.x', image: 'a:1', uncompressed_size_mb: 2000 }, { version: '1.18.x', image: 'a:1', uncompressed_size_mb: 2000 }] }],
    ['1.1', c11({ image: 'a/b:1.18.0', available_tags: ['develop'] })], ['1.1', c11({ image: 'a/b:1.18.0', available_tags: [] })],
    ['1.1', c11({ image: 'a/b:1.18.0', available_tags: ['1.18.0', ' ', '1.18.0'] })],
    ['1.1', c11({ version: '1.19.x', image: 'kasmweb/chrome:1.18.0' })], ['1.1', c11({ version: '1.19.0', image: 'kasmweb/chrome:1.18.1-rolling' })],
    ['1.1', c11({ image: 'kasmweb/chrome:1.18.0' })], ['1.1', c11({ image: 'kasmweb/chrome:1.19.0' })],
    ...[0, -5, 3, 49, 50, 100_000, 100_001, 1_000_000, 2460.5].map((mb): ['1.1', object] => ['1.1', c11({ uncompressed_size_mb: mb })]),
    ['1.0', v10({ uncompressed_size_mb: 0 })],
  ],
  launchForm: [
    ['1.1', form([{ key: 'a', label: 'A', input_type: 'text' }, { key: 'a', label: 'B', input_type: 'text' }])],
    ['1.1', form([{ key: 'a', label: 'A', input_type: 'select' }])],
    ['1.1', form([{ key: 'a', label: 'A', input_type: 'select', options: [] }])],
    ['1.1', form([{ key: 'a', label: 'A', input_type: 'text', options: [{ value: 'x', label: 'X' }] }])],
    ['1.1', form([{ key: 'a', label: 'A', input_type: 'text', display_if: [{ key: 'b', value: 'x' }] }])],
    ['1.1', form([{ key: 'a', label: 'A', input_type: 'text', validator_regex: '([a-z' }])],
    ['1.1', form([{ key: 'a', label: 'A', input_type: 'text', validator_regex: '^[a-z]+$' }])],
    ['1.1', form([{ key: 'a', label: 'A', input_type: 'text' }, { key: 'b', label: 'B', input_type: 'text', display_if: [{ key: 'a', value_regex: '^on.*$' }] }])],
    ['1.1', form([{ key: 'a', label: 'A', input_type: 'text' }, { key: 'b', label: 'B', input_type: 'text', display_if: [{ key: 'a', value_regex: 'on' }] }])],
    ['1.1', form([{ key: 'b', label: 'B', input_type: 'text', display_if: [{ key: 'z', value: 'x' }] }, ...['c', 'd', 'e', 'f', 'g', 'h'].map((key) => ({ key, label: key, input_type: 'text' }))])],
  ],
  runConfig: [
    ['1.1', { run_config: { name: 'x', detach: true, environment: { A: '1' } } }], ['1.1', { run_config: { shm_size: '1 GB' } }],
    ['1.1', { run_config: { shm_size: '1g', mem_limit: '2g' } }], ['1.1', { run_config: { cap_add: ['NET_ADMIN', 'SYS_FOO'] } }],
    ['1.1', { run_config: { environment: ['A=1', 'B'] } }], ['1.1', { run_config: { network_mode: 'host' } }],
    ['1.1', { run_config: { volumes: { '/srv': { bind: '/srv', mode: 'rw' } } } }], ['1.1', { run_config: { ports: { '80/tcp': 8080 } } }],
    ['1.1', { run_config: { ports: { '80/tcp': null, '443/tcp': [8443] } } }],
    ...['2 GB', '1GiB', '512 MB', ' 1.5 g ', '2t', '2g', '1024', '2gb'].map((size): ['1.1', object] => ['1.1', { run_config: { shm_size: size } }]),
    ['1.1', { run_config: { shm_size: 1024, memswap_limit: '1 TB' } }],
    ['1.1', { run_config: { cpu_shares: 512 } }], ['1.1', { cpu_allocation_method: 'Shares', run_config: { cpu_shares: 512 } }],
    ['1.1', { cpu_allocation_method: 'Quotas', run_config: { cpu_quota: 1, cpu_period: 2 } }], ['1.1', { cpu_allocation_method: 'Shares', run_config: { cpu_quota: 1 } }],
    ['1.1', { run_config: { devices: ['/dev/a:/dev/a:rwm', '/dev/b:/dev/b:1rwm', '/dev/c:/dev/c:rr', '/dev/d:/dev/d', '/dev/e:/dev/e:', 7] } }],
    ['1.1', { run_config: { restart_policy: { Name: 'always', MaximumRetryCount: 1, Retries: 2 } } }],
  ],
  values: [
    ['1.1', { architecture: [] }], ['1.1', { friendly_name: 'Café' }], ['1.1', { friendly_name: 'Chrome 🚀' }],
    ['1.1', { exec_config: { go: { cmd: ' ' } } }], ['1.1', { notes: '' }], ['1.1', { notes: 'Needs libseccomp.' }],
    ['1.1', { categories: ['Desktop', 'Office', 'Games', 'Chat'] }], ['1.1', { categories: ['Developement'] }], ['1.1', { categories: ['desktop'] }],
    ['1.1', { categories: ['Robotics'] }], ['1.1', { categories: ['Desktop', 'Desktop'] }], ['1.1', { architecture: ['amd64', 'amd64', 'x86_64'] }],
  ],
  images: [
    ['1.1', c11({ image: 'Bad Image' })], ['1.1', c11({ image: 'acme/app' })], ['1.1', c11({ image: 'acme/app:latest' })],
    ['1.1', c11({ image: 'ghcr.io/acme/app:1' })], ['1.1', { docker_registry: 'https://index.docker.io/v1.1/' }],
    ['1.1', { docker_registry: 'https://hub.docker.com/r/acme/app' }], ['1.1', { docker_registry: 'https://github.com/acme' }],
    ['1.1', { docker_registry: 'not a url' }], ['1.1', { docker_registry: 'https://ghcr.io' }], ['1.1', { docker_registry: 'https://ghcr.io/', ...c11({ image: 'acme/app:1' }) }],
  ],
  review: [
    ['1.1', { run_config: { privileged: true, network_mode: 'host', volumes: { '/var/run/docker.sock': {} } } }],
    ['1.1', { exec_config: { first_launch: { cmd: 'x', user: 'root' } } }], ['1.1', { volume_mappings: { '/srv': {} } }], ['1.1', { run_config: { hostname: 'kasm' } }],
  ],
};

function said(schema: '1.0' | '1.1', entry: object, file?: string, others = ['missing-required', 'icon-missing', 'registry-misses-newest']): string[] {
  const text = JSON.stringify(entry);
  const doc = textDocument(text, file);
  return service.validate(doc, { registrySchema: schema })
    // Every case lacks the fields it is not about: those problems are other families'.
    .filter((d) => !others.includes(String(d.code)) || /cmd/.test(d.message))
    .map((d) => spoken(doc, d));
}

describe('what each rule says', () => {
  const actual = Object.fromEntries(Object.entries(CASES).map(([family, cases]) =>
    [family, cases.map(([schema, entry]) => ({ schema, entry: JSON.stringify(entry), said: said(schema, entry) }))]));
  actual.icon = ICONS.map(([imageSrc, files]) => ({
    schema: '1.1' as const, entry: `${imageSrc} beside ${Object.keys(files).join(', ') || 'nothing'}`,
    said: said('1.1', { image_src: imageSrc }, entryFolder(files), []).filter((line) => line.startsWith('icon')),
  }));
  if (process.env.UPDATE_GOLDEN) fs.writeFileSync(GOLDEN, `${JSON.stringify(actual, null, 2)}\n`);
  const golden = JSON.parse(fs.readFileSync(GOLDEN, 'utf8')) as typeof actual;
  for (const family of [...Object.keys(CASES), 'icon']) {
    it(`${family}: as in test/golden/messages.json`, () => {
      for (const [i, expected] of golden[family].entries()) assert.deepEqual(actual[family][i], expected, `${family} case ${i}: ${expected.entry}`);
      assert.equal(actual[family].length, golden[family].length);
    });
  }
});
