// The server over stdio as VS Code drives it: URIs in VS Code's own encoding, and clients that send nonsense.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { URI } from 'vscode-uri';
import { bareConnection, startTestClient } from '../helpers/lspClient';
import { waitFor } from '../helpers/waitFor';

describe('one identity per document, in VS Code\'s URI encoding', () => {
  it('publishes an open entry of a folder named "VS Code & Tools (1)" only under the URI VS Code sent, for its version', { timeout: 30_000 }, async () => {
    const root = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-identity-')), 'registry');
    const file = path.join(root, 'workspaces', 'VS Code & Tools (1)', 'workspace.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const text = JSON.stringify({ friendly_name: 'Tools', image_src: 'icon.png', memory: 4 }, null, 2);
    fs.writeFileSync(file, text);
    const vscodeUri = URI.file(file).toString();
    assert.notEqual(vscodeUri, pathToFileURL(file).href, 'the two encodings differ for this folder');
    const client = await startTestClient({ workspaceFolders: [root] });
    try {
      const scanned = () => client.published().some((p) => p.uri === vscodeUri);
      await waitFor('the registry scan, before the editor opens the entry', scanned, 30000, 20);
      const before = client.published().length;
      const fixed = client.diagnostics(vscodeUri, (p) => p.version === 2);
      void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: vscodeUri, languageId: 'kasm-workspace', version: 1, text } });
      client.change(vscodeUri, 2, [{ text: text.replace('"memory": 4', '"memory": 4000') }]);
      const diagnostics = await fixed;
      assert.ok(!diagnostics.some((d) => d.code === 'memory-in-gb'), 'the edit is checked');
      // An icon appears: the recheck must not bring back what the file on disk says.
      fs.writeFileSync(path.join(path.dirname(file), 'icon.png'), 'x');
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: URI.file(path.join(path.dirname(file), 'icon.png')).toString(), type: 1 }] });
      // The recheck publishes (the icon is unreadable now); then nothing older may have come.
      await client.diagnostics(vscodeUri, (p) => p.diagnostics.some((d) => d.code === 'icon-unreadable'));
      const published = client.published().slice(before);
      assert.deepEqual(published.filter((p) => p.uri !== vscodeUri).map((p) => p.uri), [], 'nothing under a second URI');
      assert.deepEqual(published.filter((p) => p.version !== 2 && p.version !== 1).map((p) => p.version), [], 'only results of the open document\'s versions');
      assert.ok(!published.at(-1)?.diagnostics.some((d) => d.code === 'memory-in-gb'), 'not what the file on disk says');
    } finally {
      await client.stop();
    }
  });
});

describe('a client that sends nonsense', () => {
  it('answers requests before initialize with ServerNotInitialized, drops malformed notifications, says so, and keeps running', { timeout: 20_000 }, async () => {
    const { connection, stop } = await bareConnection();
    const logged: string[] = [];
    connection.onNotification('window/logMessage', (params: { message: string }) => { logged.push(params.message); });
    connection.listen();
    const hover = (uri: string) => connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    try {
      await assert.rejects(hover('file:///x/workspace.json'), { code: -32002, message: 'The server has not been initialized' });
      await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
      await connection.sendNotification('initialized', {});
      const uri = 'file:///x/workspace.json';
      // Each is one field away from a well-formed notification.
      const malformed: [string, object][] = [
        ['textDocument/didOpen', { textDocument: { uri: 42, languageId: 'json', version: 1, text: '{}' } }],
        ['textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1 } }],
        ['textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: '1', text: '{}' } }],
        ['textDocument/didOpen', { textDocument: null }],
        ['textDocument/didOpen', {}],
        ['textDocument/didChange', { textDocument: { uri } }],
        ['textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: '{}' }, { range: {} }] }],
        ['textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [null] }],
        ['textDocument/didChange', { textDocument: { version: 2 }, contentChanges: [] }],
        ['textDocument/didClose', { textDocument: { uri: null } }],
        ['textDocument/didClose', null as unknown as object],
      ];
      for (const [method, params] of malformed) await connection.sendNotification(method, params);
      // Answered after the malformed notifications, so the server has handled them by then.
      assert.equal(await hover('file:///nowhere/workspace.json'), null, 'still answering');
      assert.deepEqual(logged.filter((m) => m.includes('malformed')), malformed.map(([method]) => `kasm: ignored a malformed ${method} notification`));
      // Well-formed ones still count.
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text: '{ "friendly_name": 1 }' } });
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: '{ "friendly_name": "Lab" }' }] });
      const symbols = await connection.sendRequest<{ name: string; detail?: string }[]>('textDocument/documentSymbol', { textDocument: { uri } });
      assert.deepEqual(symbols.map((symbol) => [symbol.name, symbol.detail]), [['friendly_name', 'Lab']], 'the text after the change');
      await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      assert.deepEqual(await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }), [], 'closed');
    } finally {
      stop();
    }
  });
});
