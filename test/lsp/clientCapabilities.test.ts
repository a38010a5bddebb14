// What the server does depends on what the editor says it can do at initialize: create files through an edit,
// answer workspace/configuration (or push settings instead), name its workspace folders (or only a rootUri).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { entryText, registryFolder } from '../helpers/core';
import { bareConnection, startTestClient } from '../helpers/lspClient';

const MISSPELT = entryText({ categories: ['Developmnet'], memory: 4 });
const codesOf = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => String(d.code)).sort();

describe('language server: what the editor can do', () => {
  it('offers to add a misspelt category to a new .kasm-lint.json only to an editor that can create files', async () => {
    const titlesFor = async (createsFiles: boolean) => {
      const root = registryFolder({ Lab: MISSPELT });
      const client = await startTestClient({ createsFiles });
      try {
        const { uri, diagnostics } = await client.openChecked(path.join(root, 'workspaces', 'Lab', 'workspace.json'), MISSPELT);
        const nearMiss = diagnostics.find((d) => d.code === 'category-near-miss');
        assert.ok(nearMiss, JSON.stringify(diagnostics));
        type Action = { title: string; edit?: { documentChanges?: unknown[] } };
        const actions = await client.connection.sendRequest<Action[]>('textDocument/codeAction',
          { textDocument: { uri }, range: nearMiss.range, context: { diagnostics: [nearMiss], only: ['quickfix'] } });
        const addToConfig = actions.find((a) => a.title.includes('.kasm-lint.json'));
        if (addToConfig) {
          const config = pathToFileURL(path.join(root, '.kasm-lint.json')).href;
          assert.deepEqual(addToConfig.edit?.documentChanges, [
            { kind: 'create', uri: config, options: { ignoreIfExists: true } },
            { textDocument: { uri: config, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: '{\n  "categories": [\n    "Developmnet"\n  ]\n}\n' }] },
          ]);
        }
        return actions.map((a) => a.title);
      } finally {
        await client.stop();
      }
    };
    assert.ok((await titlesFor(true)).includes('Add "Developmnet" to the registry\'s categories (.kasm-lint.json)'));
    assert.ok(!(await titlesFor(false)).some((title) => title.includes('.kasm-lint.json')), 'an edit that creates a file would fail there');
  });

  it('takes the settings an editor pushes when it cannot be asked: at start, then with each change', async () => {
    const root = registryFolder({ Lab: MISSPELT });
    const file = path.join(root, 'workspaces', 'Lab', 'workspace.json');
    const client = await startTestClient({ pullsSettings: false, initializationOptions: { settings: { rules: { 'memory-in-gb': 'off' } } } });
    try {
      const { uri, diagnostics } = await client.openChecked(file, MISSPELT);
      assert.ok(!diagnostics.some((d) => d.code === 'memory-in-gb'), 'turned off at start');
      assert.ok(diagnostics.some((d) => d.code === 'category-near-miss'));
      const changed = client.diagnostics(uri, (p) => !codesOf(p).includes('category-near-miss'));
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { kasm: { rules: { 'category-near-miss': 'off' } } } });
      const codes = (await changed).map((d) => String(d.code));
      assert.ok(codes.includes('memory-in-gb'), `the pushed settings replace the earlier ones: ${codes.join(', ')}`);
      const cleared = client.diagnostics(uri, (p) => p.diagnostics.length === 0);
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { kasm: { validate: { enable: false } } } });
      await cleared;
    } finally {
      await client.stop();
    }
  });

  it('checks the registry under rootUri for an editor that names no workspace folders', async () => {
    const root = registryFolder({ Lab: MISSPELT });
    const { connection, stop } = await bareConnection();
    const entryUri = pathToFileURL(path.join(root, 'workspaces', 'Lab', 'workspace.json')).href;
    const shown = new Promise<PublishDiagnosticsParams>((resolve) => {
      connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
        if (params.uri === entryUri) resolve(params);
      });
    });
    connection.listen();
    try {
      await connection.sendRequest('initialize', { processId: null, rootUri: pathToFileURL(root).href, capabilities: {} });
      await connection.sendNotification('initialized', {});
      // An unopened entry, checked as part of its registry: the cross-entry rules too.
      assert.deepEqual(codesOf(await shown), ['category-near-miss', 'icon-missing', 'memory-in-gb', 'registry-misses-newest']);
    } finally {
      stop();
    }
  });
});
