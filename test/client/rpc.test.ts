// The extension's JSON-RPC transport against the real bundled server, forked over Node IPC as the extension does.
import * as assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { after, describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import type * as lsp from 'vscode-languageserver-protocol';
import { CancellationSignal, RpcConnection, RpcError, RpcErrorCodes } from '../../client/src/lsp/rpc';
import { SERVER_JS } from '../helpers/lspClient';

/** A token its test cancels by hand, as VS Code cancels a provider's. */
function cancellable(): CancellationSignal & { cancel(): void } {
  const listeners: (() => void)[] = [];
  let cancelled = false;
  return {
    get isCancellationRequested() { return cancelled; },
    onCancellationRequested(listener) {
      listeners.push(listener);
      return { dispose: () => listeners.splice(listeners.indexOf(listener), 1) };
    },
    cancel() {
      cancelled = true;
      for (const listener of [...listeners]) listener();
    },
  };
}

async function startServer() {
  const child = fork(SERVER_JS, ['--node-ipc'], { silent: true });
  const connection = new RpcConnection(child);
  const registered: string[] = [];
  const diagnostics: lsp.PublishDiagnosticsParams[] = [];
  connection.onRequest('client/registerCapability', ({ registrations }: lsp.RegistrationParams) => { registered.push(...registrations.map((r) => r.method)); });
  connection.onRequest('workspace/configuration', ({ items }: lsp.ConfigurationParams) => items.map(() => ({})));
  connection.onNotification('textDocument/publishDiagnostics', (params: lsp.PublishDiagnosticsParams) => { diagnostics.push(params); });
  const other: string[] = [];
  connection.onOtherNotification((method) => other.push(method));
  const initialized = await connection.sendRequest<lsp.InitializeResult>('initialize', {
    processId: process.pid, rootUri: null, workspaceFolders: [],
    capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
  });
  connection.sendNotification('initialized', {});
  return { child, connection, registered, diagnostics, other, initialized };
}

const until = async (what: string, probe: () => boolean) => {
  for (const end = Date.now() + 10_000; !probe();) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('the extension\'s JSON-RPC connection to the server over Node IPC', () => {
  const children: ReturnType<typeof fork>[] = [];
  after(() => { for (const child of children) child.kill(); });

  it('initializes, answers the server\'s requests and receives its notifications', async () => {
    const server = await startServer();
    children.push(server.child);
    assert.equal(server.initialized.capabilities.hoverProvider, true);
    await until('the file watcher registration', () => server.registered.includes('workspace/didChangeWatchedFiles'));
    const uri = pathToFileURL('/tmp/nowhere/Lab/workspace.json').href;
    server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'kasm-workspace', version: 1, text: '{"memmory": 1}' } });
    await until('diagnostics', () => server.diagnostics.some((d) => d.uri === uri));
    const published = server.diagnostics.find((d) => d.uri === uri);
    assert.ok(published?.diagnostics.some((d) => d.code === 'misspelled-key'), JSON.stringify(published));
    await until('the schema notification, for handlers of other methods', () => server.other.includes('kasm/schemaVersionChanged'));
  });

  it('cancels a request: the server is told, and the promise fails as cancelled', async () => {
    const server = await startServer();
    children.push(server.child);
    const uri = pathToFileURL('/tmp/nowhere/Lab/workspace.json').href;
    server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'kasm-workspace', version: 1, text: '{"": 1}' } });
    const token = cancellable();
    const completion = server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 2 } }, token);
    token.cancel();
    await assert.rejects(completion, (error: RpcError) => error.code === RpcErrorCodes.RequestCancelled);
    // An uncancelled one is answered.
    const answered = await server.connection.sendRequest<lsp.CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 2 } });
    assert.ok(answered.items.length > 0);
    await assert.rejects(server.connection.sendRequest('textDocument/hover', {}, token), (error: RpcError) => error.code === RpcErrorCodes.RequestCancelled, 'already cancelled: not sent');
  });

  it('fails waiting and later requests with the reason when the server exits', async () => {
    const server = await startServer();
    children.push(server.child);
    const exited = new Promise((resolve) => server.child.once('exit', resolve));
    server.connection.sendNotification('exit', null);
    const pending = server.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///x' }, position: { line: 0, character: 0 } });
    await assert.rejects(pending, /The language server exited \(code 1\)/);
    await exited;
    await assert.rejects(server.connection.sendRequest('shutdown', null), /exited/);
  });
});
