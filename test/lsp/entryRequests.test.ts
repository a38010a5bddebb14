// What the extension asks the server instead of reading entries itself (#16.8): entry summaries for the previews,
// and the registry schema for New Kasm Workspace…, judged by the same rules as the diagnostics.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { URI } from 'vscode-uri';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { TextEdit } from 'vscode-languageserver-types';
import type { AddVersionResult, EntrySummariesResult, RegistrySchemaResult, RegistryViewResult } from '../../server/src/clientApi';
import { versionsToAdd } from '../../server/src/service/features/addVersion';
import { folderWith, writeFiles } from '../helpers/core';
import { encodePng } from '../helpers/png';
import { TestClient, startTestClient } from '../helpers/lspClient';

const entry11 = (name: string, icon = 'icon.png') => JSON.stringify({
  friendly_name: name, description: 'x', image_src: icon, architecture: ['amd64'], categories: ['Development'],
  compatibility: [{ version: '1.18.x', image: 'a/b:1', uncompressed_size_mb: 1 }],
});
const entry10 = (name: string) => JSON.stringify({
  friendly_name: name, name: `a/${name.toLowerCase().replace(/\W/g, '')}:1`, description: 'x', image_src: 'icon.png', architecture: ['amd64'],
  categories: ['Development'], compatibility: ['1.15.x'], uncompressed_size_mb: 1,
});

describe('requests the extension makes about entries', () => {
  let client: TestClient;
  before(async () => { client = await startTestClient(); });
  after(async () => { await client.stop(); });
  // As VS Code names files (vscode-uri), folders named after friendly names included.
  const uri = (file: string) => URI.file(file).toString();
  const summaries = (files: string[]) => client.connection.sendRequest<EntrySummariesResult>('kasm/entrySummaries', { uris: files.map(uri) });
  const schema = (root: string) => client.connection.sendRequest<RegistrySchemaResult>('kasm/registrySchema', { uri: uri(root) });

  it('summarises entries on disk and open ones as typed; another tool\'s workspace.json gets null', async () => {
    const root = folderWith({
      'workspaces/VS Code & Tools/workspace.json': entry11('VS Code & Tools'),
      'workspaces/VS Code & Tools/icon.png': encodePng(64, 64, [1, 2, 3]),
      'workspaces/Small/workspace.json': entry11('Small', 'small.png'),
      'workspaces/Small/small.png': encodePng(20, 20, [1, 2, 3]),
      'apps/web/workspace.json': JSON.stringify({ version: 2, projects: {} }),
    });
    const vscodeTools = path.join(root, 'workspaces/VS Code & Tools/workspace.json');
    const small = path.join(root, 'workspaces/Small/workspace.json');
    const [tools, smallIcon, nx, missing] = await summaries([vscodeTools, small, path.join(root, 'apps/web/workspace.json'), path.join(root, 'none.json')]);
    assert.equal(tools?.friendlyName, 'VS Code & Tools');
    assert.deepEqual(tools?.categories, ['Development']);
    assert.equal(tools?.icon?.file, path.join(root, 'workspaces/VS Code & Tools/icon.png'));
    assert.equal(tools?.icon?.detail, 'icon.png: 64×64 px PNG');
    assert.deepEqual(tools?.iconProblems, []);
    assert.equal(nx, null);
    assert.equal(missing, null);
    // The icon's problem in the same words as its diagnostic.
    const { diagnostics } = await client.openChecked(small, entry11('Small', 'small.png'));
    assert.deepEqual(smallIcon?.iconProblems, diagnostics.filter((d) => d.code === 'icon-size').map((d) => d.message));
    // An open document is summarised as typed, not as saved.
    const openUri = client.open(vscodeTools, entry11('Renamed, not saved'));
    const [typed] = await client.connection.sendRequest<EntrySummariesResult>('kasm/entrySummaries', { uris: [openUri] });
    assert.equal(typed?.friendlyName, 'Renamed, not saved');
  });

  it('shows the registry as an admin on a Kasm release and channel sees it, and what each entry asks of the host (#29.1, #29.5)', async () => {
    const lab = (version: string, tags?: string[]) => ({ version, image: `acme/lab:${version.replace('.x', '.0')}`, uncompressed_size_mb: 1, ...(tags ? { available_tags: tags } : {}) });
    const root = folderWith({
      'workspaces/New/workspace.json': JSON.stringify({ ...JSON.parse(entry11('New')), compatibility: [lab('1.19.x', ['develop', '1.19.0'])], run_config: { privileged: true } }),
      'workspaces/Old/workspace.json': entry11('Old'),
      'workspaces/Pinned/workspace.json': JSON.stringify({ ...JSON.parse(entry11('Pinned')), compatibility: [lab('1.19.1')] }),
    });
    const view = (kasmVersion?: string, channel?: string) =>
      client.connection.sendRequest<RegistryViewResult>('kasm/registryView', { uri: uri(root), kasmVersion, channel });
    const choices = await view();
    assert.equal(choices.view, undefined, 'no release chosen, no view');
    assert.deepEqual(choices.releases.slice(0, 3), ['1.19.0', '1.18.1', '1.18.0'], 'the releases reading the registry\'s schema, newest first');
    assert.ok(!choices.releases.includes('1.15.0'));
    assert.deepEqual(choices.channels, ['develop', '1.19.0']);
    const onNewest = await view('1.19.0', 'develop');
    assert.deepEqual(onNewest.view?.visible, [{ entry: 'workspaces/New/workspace.json', friendly_name: 'New', image: 'acme/lab:develop' }]);
    assert.deepEqual(onNewest.view?.hidden.map((h) => [h.entry, h.reason]), [
      ['workspaces/Old/workspace.json', 'no compatibility for 1.19.0 or 1.19.x'],
      ['workspaces/Pinned/workspace.json', 'exact version "1.19.1" does not match 1.19.0'],
    ]);
    const [summary] = await summaries([path.join(root, 'workspaces/New/workspace.json')]);
    assert.deepEqual(summary?.hostAccess, ['privileged (full access to the host)']);
  });

  it('gives the registry schema as the cross-entry rules judge it: a majority, else the branch, else the newest', async () => {
    const root = folderWith({});
    assert.deepEqual(await schema(root), { schema: '1.1', entries: 0, icons: [] });
    writeFiles(root, { 'workspaces/A/workspace.json': entry10('A') });
    assert.deepEqual(await schema(root), { schema: '1.0', entries: 1, icons: ['icon.png'] });
    writeFiles(root, { 'workspaces/B/workspace.json': entry11('B') });
    // A tie tells nothing (the rules call it a mix): the newest schema.
    // Every entry's icon name, for New Kasm Workspace…'s check that a new one is not taken (#29.6).
    assert.deepEqual(await schema(root), { schema: '1.1', entries: 2, icons: ['icon.png', 'icon.png'] });
    // A release must be exact (M.m.p) for the admin's view: 1.18 alone is no release.
    const view = await client.connection.sendRequest<RegistryViewResult>('kasm/registryView', { uri: uri(root), kasmVersion: '1.18' });
    assert.equal(view.view, undefined);
    assert.ok(view.releases.includes('1.18.0'), JSON.stringify(view.releases));
    writeFiles(root, { '.git/HEAD': 'ref: refs/heads/1.0\n' });
    assert.deepEqual((await schema(root)).schema, '1.0');
  });

  it('plans Kasm: Add Kasm Version to Entries: edits per entry, an entry that has it left alone, another tool\'s file left out', async () => {
    const pretty = (name: string, version: string) => `${JSON.stringify({ ...JSON.parse(entry11(name)), image_src: './icon.png',
      compatibility: [{ version, image: 'a/b:1.18.0', uncompressed_size_mb: 1 }] }, null, 2)}\n`;
    const root = folderWith({
      'workspaces/A/workspace.json': pretty('A', '1.18.x'), 'workspaces/B/workspace.json': pretty('B', '1.19.x'),
      'apps/web/workspace.json': JSON.stringify({ version: 2, projects: {} }),
    });
    const [a, b, nx] = ['workspaces/A', 'workspaces/B', 'apps/web'].map((folder) => uri(path.join(root, folder, 'workspace.json')));
    const addVersion = (params: object) => client.connection.sendRequest<AddVersionResult>('kasm/addVersion', params);
    // The choices, newest schema's first: what the command's picker shows.
    const versions = [...versionsToAdd('1.1'), ...versionsToAdd('1.0')];
    assert.deepEqual(await addVersion({}), { versions, entries: [] });
    assert.deepEqual(await addVersion({ version: '1.99.x', uris: [a] }),
      { versions, entries: [], refused: '"1.99.x" is not a Kasm version (M.m.x or M.m.p of a release, or the next one)' });
    const planned = await addVersion({ version: '1.19.x', uris: [a, b, nx, 5] });
    assert.deepEqual(planned.entries.map((e) => e.uri), [a, b], 'another tool\'s workspace.json and a non-string are left out');
    assert.deepEqual(planned.entries[1], { uri: b, skipped: 'already has 1.19.x' });
    const added = planned.entries[0] as { edits: TextEdit[]; image?: string };
    assert.equal(added.image, 'a/b:1.19.0', 'the image tag follows the version');
    const text = TextDocument.applyEdits(TextDocument.create(a, 'json', 0, pretty('A', '1.18.x')), added.edits);
    assert.deepEqual(JSON.parse(text).compatibility, [
      { version: '1.18.x', image: 'a/b:1.18.0', uncompressed_size_mb: 1 }, { version: '1.19.x', image: 'a/b:1.19.0', uncompressed_size_mb: 1 },
    ]);
    // The icons a new entry's must differ from, without the leading ./ the build ignores.
    assert.deepEqual(await schema(root), { schema: '1.1', entries: 2, icons: ['icon.png', 'icon.png'] });
    // A release must be exact (M.m.p) for the admin's view: 1.18 alone is no release.
    const view = await client.connection.sendRequest<RegistryViewResult>('kasm/registryView', { uri: uri(root), kasmVersion: '1.18' });
    assert.equal(view.view, undefined);
    assert.ok(view.releases.includes('1.18.0'), JSON.stringify(view.releases));
  });

  it('answers requests without a registry folder with empty results, not errors', async () => {
    assert.deepEqual(await client.connection.sendRequest('kasm/registrySchema', { uri: 'untitled:Untitled-1' }), { schema: '1.1', entries: 0, icons: [] });
    assert.deepEqual(await client.connection.sendRequest('kasm/registrySchema', {}), { schema: '1.1', entries: 0, icons: [] });
    assert.deepEqual(await client.connection.sendRequest('kasm/registryView', { uri: 'untitled:Untitled-1' }), { schema: '1.1', releases: [], channels: [] });
    assert.deepEqual(await client.connection.sendRequest('kasm/entrySummaries', { uris: 'not a list' }), []);
    assert.deepEqual(await client.connection.sendRequest('kasm/entrySummaries', { uris: [42] }), [null]);
  });
});
