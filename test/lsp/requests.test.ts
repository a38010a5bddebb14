// What any LSP editor asks of the bundled server (dist/server.js --stdio) besides diagnostics: the capabilities it
// announces and registers, every document request on an entry and on a document it does not have, the order of
// initialize and requests, and the registry-wide answers (totals, progress). Exact answers: a mutant of the LSP layer
// that drops a request's handler, a capability or a fallback changes what the editor shows.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CompletionList, Diagnostic, InsertTextFormat, TextEdit } from 'vscode-languageserver-types';
import { pathToFileURL } from 'node:url';
import * as path from 'node:path';
import { VALID_1_1, entryFolder, entryText, registryFolder, squareIcon } from '../helpers/core';
import { TestClient, startTestClient } from '../helpers/lspClient';
import { IN_PROCESS } from '../helpers/cliRun';
import { waitFor } from '../helpers/waitFor';
import { version as PACKAGE_VERSION } from '../../package.json';

/** VALID_1_1 with memory and cores, whose sizes get inlay hints. */
const ENTRY = VALID_1_1.replace('"compatibility"', '"memory": 2768,\n  "cores": 2,\n  "compatibility"');
const WHOLE = { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } };

const EXPECTED_CAPABILITIES = {
  textDocumentSync: { openClose: true, change: 2 },
  completionProvider: { triggerCharacters: ['"', ':'] },
  hoverProvider: true,
  codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.kasm', 'source.kasm.convertSchema'] },
  documentFormattingProvider: true,
  documentLinkProvider: {},
  inlayHintProvider: true,
  documentSymbolProvider: true,
  foldingRangeProvider: true,
  selectionRangeProvider: true,
  workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
};

const registrations = (client: TestClient) => client.notifications.filter((n) => n.method === 'client/registerCapability')
  .flatMap((n) => (n.params as { registrations: { method: string; registerOptions?: unknown }[] }).registrations)
  .map(({ method, registerOptions }) => ({ method, registerOptions }));

describe('language server: what it announces', () => {
  it('answers initialize with its name, version and capabilities, and logs that it started', async () => {
    const client = await startTestClient();
    try {
      assert.deepEqual(client.initializeResult.capabilities, EXPECTED_CAPABILITIES);
      // The bundle carries package.json's version; the sources run in process (mutation run) carry none.
      assert.deepEqual(client.initializeResult.serverInfo, { name: 'kasm-workspace-language-server', ...(IN_PROCESS ? {} : { version: PACKAGE_VERSION }) });
      await client.hover('file:///nowhere/workspace.json', { line: 0, character: 0 });
      const logged = client.notifications.filter((n) => n.method === 'window/logMessage').map((n) => n.params);
      assert.deepEqual(logged[0], { type: 3, message: `Kasm language server ${IN_PROCESS ? '(development)' : PACKAGE_VERSION} started` });
    } finally {
      await client.stop();
    }
  });

  it('offers code lenses only to the VS Code extension, which has their commands', async () => {
    const client = await startTestClient({ initializationOptions: { extensionCommands: true } });
    try {
      assert.deepEqual(client.initializeResult.capabilities, { ...EXPECTED_CAPABILITIES, codeLensProvider: {} });
    } finally {
      await client.stop();
    }
  });

  it('asks an editor that watches files for icons, entries, site configs and .kasm-lint.json, and for its kasm settings', async () => {
    const client = await startTestClient();
    try {
      await waitFor('the configuration registration', () => registrations(client).length === 2, 10000, 20);
      assert.deepEqual(registrations(client), [
        {
          method: 'workspace/didChangeWatchedFiles', registerOptions: {
            watchers: [
              { globPattern: '**/*.{png,svg,PNG,SVG,jpg,jpeg,gif,webp,ico}' }, { globPattern: '**/workspace.json' },
              { globPattern: '**/site/next.config.js' }, { globPattern: '**/.kasm-lint.json' }, { globPattern: '**/*', kind: 4 },
            ],
          },
        },
        { method: 'workspace/didChangeConfiguration', registerOptions: { section: 'kasm' } },
      ]);
    } finally {
      await client.stop();
    }
  });
});

describe('language server: document requests', () => {
  let client: TestClient;
  let uri: string;
  let folder: string;
  before(async () => {
    client = await startTestClient({ initializationOptions: { extensionCommands: true } });
    const file = entryFolder({ 'icon.png': squareIcon() }, 'Desk');
    folder = path.dirname(file);
    ({ uri } = await client.openChecked(file, ENTRY));
  });
  after(async () => { await client.stop(); });
  const ask = <T>(method: string, params: object = {}) => client.connection.sendRequest<T>(method, { textDocument: { uri }, ...params });

  it('links the icon to its file and the image to its registry page', async () => {
    assert.deepEqual(await ask('textDocument/documentLink'), [
      { range: { start: { line: 3, character: 16 }, end: { line: 3, character: 24 } }, target: pathToFileURL(path.join(folder, 'icon.png')).href, tooltip: 'Open the icon' },
      { range: { start: { line: 10, character: 37 }, end: { line: 10, character: 57 } }, target: 'https://hub.docker.com/r/myorg/desktop', tooltip: 'Open the image\'s registry page' },
    ]);
  });

  it('shows memory and image sizes in GB as inlay hints, within the asked range only', async () => {
    assert.deepEqual(await ask('textDocument/inlayHint', { range: WHOLE }), [
      { position: { line: 7, character: 17 }, label: '≈ 2.77 GB', paddingLeft: true },
      { position: { line: 10, character: 88 }, label: '≈ 4.20 GB', paddingLeft: true },
    ]);
    assert.deepEqual(await ask('textDocument/inlayHint', { range: { start: { line: 9, character: 0 }, end: { line: 12, character: 0 } } }),
      [{ position: { line: 10, character: 88 }, label: '≈ 4.20 GB', paddingLeft: true }]);
  });

  it('puts "Preview icon" above image_src for the extension', async () => {
    assert.deepEqual(await ask('textDocument/codeLens'), [{
      range: { start: { line: 3, character: 2 }, end: { line: 3, character: 13 } },
      command: { title: 'Preview icon', command: 'kasm.previewIcon', arguments: [uri] },
    }]);
  });

  it('formats the entry with the editor\'s indentation', async () => {
    const edits = await ask<TextEdit[]>('textDocument/formatting', { options: { tabSize: 4, insertSpaces: true } });
    const formatted = TextDocument.applyEdits(TextDocument.create(uri, 'json', 1, ENTRY), edits).split('\n');
    assert.deepEqual(formatted.slice(0, 8), [
      '{', '    "friendly_name": "My Desktop",', '    "description": "A desktop for the course.",', '    "image_src": "icon.png",',
      '    "architecture": [', '        "amd64",', '        "arm64"', '    ],',
    ]);
  });

  it('outlines, folds and selects by the JSON structure', async () => {
    const symbols = await ask<{ name: string; detail?: string }[]>('textDocument/documentSymbol');
    assert.deepEqual(symbols.map((s) => s.name), ['friendly_name', 'description', 'image_src', 'architecture', 'categories', 'docker_registry', 'memory', 'cores', 'compatibility']);
    assert.equal(symbols[0].detail, 'My Desktop');
    assert.deepEqual(await ask('textDocument/foldingRange'), [{ startLine: 0, endLine: 11 }, { startLine: 9, endLine: 10 }]);
    assert.deepEqual(await ask('textDocument/selectionRange', { positions: [{ line: 1, character: 5 }] }), [{
      range: { start: { line: 1, character: 2 }, end: { line: 1, character: 17 } },
      parent: {
        range: { start: { line: 1, character: 2 }, end: { line: 1, character: 31 } },
        parent: { range: { start: { line: 0, character: 0 }, end: { line: 12, character: 1 } } },
      },
    }]);
  });

  it('answers a document it does not have with empty lists, not null or an error', async () => {
    const unknown = { textDocument: { uri: 'file:///nowhere/workspace.json' } };
    const asked: [string, object][] = [
      ['textDocument/documentLink', {}], ['textDocument/inlayHint', { range: WHOLE }], ['textDocument/codeLens', {}],
      ['textDocument/formatting', { options: { tabSize: 2, insertSpaces: true } }], ['textDocument/documentSymbol', {}],
      ['textDocument/foldingRange', {}], ['textDocument/selectionRange', { positions: [{ line: 0, character: 0 }] }],
      ['textDocument/codeAction', { range: WHOLE, context: { diagnostics: [] } }],
    ];
    for (const [method, params] of asked) {
      assert.deepEqual(await client.connection.sendRequest(method, { ...unknown, ...params }), [], method);
    }
  });

  it('adds "fix all" to the quick fixes when the user opens the menu, not to the light bulb as the cursor moves', async () => {
    const broken = entryFolder({ 'icon.png': squareIcon() }, 'Broken');
    const { uri: brokenUri, diagnostics } = await client.openChecked(broken, entryText({ memory: 4 }));
    const memory = diagnostics.find((d) => d.code === 'memory-in-gb');
    assert.ok(memory, JSON.stringify(diagnostics));
    const titles = async (triggerKind: number) => (await client.connection.sendRequest<{ title: string }[]>('textDocument/codeAction', {
      textDocument: { uri: brokenUri }, range: memory.range, context: { diagnostics: [memory], triggerKind },
    })).map((a) => a.title);
    assert.deepEqual(await titles(1), ['Change to 4000 MB (4 GB)', 'Fix all auto-fixable Kasm problems'], 'invoked from the menu');
    assert.deepEqual(await titles(2), ['Change to 4000 MB (4 GB)'], 'automatic');
    client.close(brokenUri);
  });
});

describe('language server: completion without snippets', () => {
  it('inserts plain text for an editor without snippet support, snippets for one with', async () => {
    const formats = async (snippetSupport: boolean) => {
      const client = await startTestClient({ snippetSupport });
      try {
        const { uri } = await client.openChecked(entryFolder(), '{\n  \n}');
        const list = await client.connection.sendRequest<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 1, character: 2 } });
        assert.ok(list.items.length > 10, 'every key is offered');
        return new Set(list.items.map((item) => item.insertTextFormat ?? InsertTextFormat.PlainText));
      } finally {
        await client.stop();
      }
    };
    assert.deepEqual([...await formats(false)], [InsertTextFormat.PlainText]);
    assert.ok((await formats(true)).has(InsertTextFormat.Snippet));
  });
});

describe('language server: a registry folder', () => {
  const ENTRIES = 60;
  // Every third entry has its memory in GB: a warning.
  const root = registryFolder(Object.fromEntries(Array.from({ length: ENTRIES }, (_, i) => [
    `Lab${i}`, entryText({ friendly_name: `Lab ${i}`, memory: i % 3 === 0 ? 4 : 4096 }),
  ])));

  it('reports progress as it checks, in whole percent, and totals what it shows', async () => {
    const client = await startTestClient({ workspaceFolders: [root], showsProgress: true });
    try {
      const progress = () => client.notifications.filter((n) => n.method === '$/progress').map((n) => (n.params as { value: { kind: string } }).value);
      await waitFor('the end of the first check\'s progress', () => progress().some((p) => p.kind === 'end'), 20000, 20);
      // Up to the first end: a later check (the registration of settings may start one) reports again.
      const first = progress().slice(0, progress().findIndex((p) => p.kind === 'end') + 1);
      assert.deepEqual(first, [
        { kind: 'begin', title: 'Kasm registry', percentage: 0, message: `Checking ${ENTRIES} Kasm entries…` },
        { kind: 'report', percentage: 41, message: `Checking ${ENTRIES} Kasm entries… 25 done` },
        { kind: 'report', percentage: 83, message: `Checking ${ENTRIES} Kasm entries… 50 done` },
        { kind: 'end' },
      ]);
      // Kasm: Check Whole Registry: checked again, and answered with what the Problems panel then shows.
      const totals = await client.connection.sendRequest<{ entries: number; errors: number; warnings: number }>('kasm/checkRegistry');
      // What the Problems panel shows for the registry, counted from what was published.
      const shown = Array.from({ length: ENTRIES }, (_, i) => client.shown(pathToFileURL(path.join(root, 'workspaces', `Lab${i}`, 'workspace.json')).href) ?? []);
      const count = (severity: number) => shown.flat().filter((d: Diagnostic) => d.severity === severity).length;
      assert.deepEqual(totals, { entries: ENTRIES, errors: count(1), warnings: count(2) });
      assert.ok(count(2) >= ENTRIES / 3, 'the memory warnings are among them');
    } finally {
      await client.stop();
    }
  });
});
