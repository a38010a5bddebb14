// The bundled server (dist/server.js --stdio) over real LSP messages, as any editor would drive it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { MarkupContent } from 'vscode-languageserver-types';
import { HOSTILE_MARKDOWN_ENTRY, VALID_1_1, entryFolder, hasEntryLink, squareIcon } from '../helpers/core';
import { TestClient, messageText, serverStreams, startTestClient } from '../helpers/lspClient';
import { IN_PROCESS } from '../helpers/cliRun';

const BAD_ENTRY = `{
  "friendly_name": "Broken",
  "description": "x",
  "image_src": "icon.png",
  "architecture": ["x86"],
  "memory": 4,
  "compatibility": [
    { "version": "1.18.x", "image": "a/b:1", "uncompressed_size_mb": 2460 }
  ]
}`;

describe('language server over stdio', () => {
  let client: TestClient;
  before(async () => { client = await startTestClient(); });
  after(async () => { assert.equal(await client.stop(), 0, 'the server exits cleanly on shutdown/exit'); });

  it('publishes positioned diagnostics with code, source, docs link and data for an opened entry', async () => {
    const file = entryFolder({ 'icon.png': squareIcon() }, 'Broken');
    const { uri, diagnostics } = await client.openChecked(file, BAD_ENTRY);
    const byCode = Object.fromEntries(diagnostics.map((d) => [String(d.code), d]));
    assert.deepEqual(Object.keys(byCode).sort(), ['memory-in-gb', 'unknown-value']);
    assert.deepEqual(byCode['unknown-value'].range, { start: { line: 4, character: 19 }, end: { line: 4, character: 24 } });
    assert.equal(byCode['unknown-value'].severity, 2, 'an unknown architecture only greys the card out (kasm-format.md §10.10)');
    assert.equal(byCode['memory-in-gb'].source, 'kasm');
    assert.match(messageText(byCode['memory-in-gb']), /For 4 GB write 4000/);
    assert.deepEqual(byCode['memory-in-gb'].data, { path: ['memory'], suggestions: [4000] });
    assert.equal(byCode['memory-in-gb'].codeDescription?.href, 'https://github.com/kasm-registry-tools/kasm-workspace-registry/blob/main/docs/rules.md#memory-in-gb', 'each code links to its row of the rules page');
    client.close(uri);
  });

  it('re-validates after incremental edits, and never publishes an older version after the final one', async () => {
    const file = entryFolder({ 'icon.png': squareIcon() });
    const { uri } = await client.openChecked(file, BAD_ENTRY);
    // Fix the memory, one keystroke at a time, in quick succession: `4` → `4000`.
    const final = client.diagnostics(uri, (p) => p.version === 4);
    for (let version = 2; version <= 4; version++) {
      client.change(uri, version, [{ range: { start: { line: 5, character: 13 + version - 2 }, end: { line: 5, character: 13 + version - 2 } }, text: '0' }]);
    }
    const diagnostics = await final;
    assert.deepEqual(diagnostics.map((d) => d.code), ['unknown-value']);
    // Answered after every message queued before it: whatever the server was going to publish, it has.
    await client.hover(uri, { line: 0, character: 0 });
    const forUri = client.published().filter((p) => p.uri === uri);
    const finalAt = forUri.findIndex((p) => p.version === 4);
    assert.deepEqual(forUri.slice(finalAt).filter((p) => p.version !== 4), [], 'an older version published after the final one');
    client.close(uri);
  });

  it('reports nothing on another tool\'s workspace.json opened outside a registry\'s workspaces/ folder (Nx)', async () => {
    const file = entryFolder({}, 'nx-app');
    const { uri, diagnostics } = await client.openChecked(file, JSON.stringify({ version: 2, projects: { app: 'apps/app' } }));
    assert.deepEqual(diagnostics, []);
    // Typing a Kasm key makes it an entry being written: checked from then on.
    const published = client.diagnostics(uri, (p) => p.version === 2);
    client.change(uri, 2, [{ text: '{ "friendly_name": "X", "memory": 4 }' }]);
    assert.ok((await published).some((d) => d.code === 'memory-in-gb'));
    client.close(uri);
  });

  it('takes an empty open file as one being written: a hint and the skeletons, one per schema, nothing else', async () => {
    const file = entryFolder({ 'icon.png': squareIcon() });
    const { uri, diagnostics } = await client.openChecked(file, '');
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['empty-file', 4]]);
    const completion = await client.complete(uri, { line: 0, character: 0 });
    assert.deepEqual(completion.items.map((i) => i.label), ['Kasm workspace (registry schema 1.1)', 'Kasm workspace (registry schema 1.0)']);
    client.close(uri);
  });

  it('answers completion and hover', async () => {
    const file = entryFolder({ 'icon.png': squareIcon() });
    const { uri } = await client.openChecked(file, '{\n  "architecture": [""],\n  "memory": 2768\n}');
    const completion = await client.complete(uri, { line: 1, character: 20 });
    assert.deepEqual(completion.items.map((i) => i.label), ['amd64', 'arm64']);
    const hover = await client.hover(uri, { line: 2, character: 5 });
    assert.match((hover?.contents as MarkupContent).value, /Memory of each session \*\*in MB\*\*/);
    client.close(uri);
  });

  it('hovers a hostile entry\'s strings without a link or image from the entry', async () => {
    const { uri } = await client.openChecked(entryFolder({}, 'Hostile'), HOSTILE_MARKDOWN_ENTRY);
    const lines = HOSTILE_MARKDOWN_ENTRY.split('\n');
    for (let line = 0; line < lines.length; line++) {
      for (let character = 0; character <= lines[line].length; character += 3) {
        const hover = await client.hover(uri, { line, character });
        const value = (hover?.contents as MarkupContent | undefined)?.value ?? '';
        assert.ok(!hasEntryLink(value), `${line}:${character}: ${value}`);
      }
    }
    client.close(uri);
  });

  it('answers ContentModified for a request whose document changed before the answer (#16.4)', async () => {
    const { uri } = await client.openChecked(entryFolder({}, 'Modified'), '{\n  "architecture": [""]\n}');
    // The change must reach the server before its answer; under load the two messages can be read apart, when the
    // answer (for the text as it was) is right too. At least one of the tries has them read together.
    let modified = false;
    for (let version = 2; version < 22 && !modified; version += 2) {
      const completion = client.complete(uri, { line: 1, character: 20 });
      client.change(uri, version, [{ text: '{\n  "memory": 1\n}' }]);
      modified = await completion.then(() => false, (error: { code?: number }) => error.code === -32801);
      client.change(uri, version + 1, [{ text: '{\n  "architecture": [""]\n}' }]);
    }
    assert.ok(modified, 'ContentModified for a request whose document changed under it');
    const after = await client.complete(uri, { line: 1, character: 12 });
    assert.ok(Array.isArray(after.items), 'the next request is answered');
    client.close(uri);
  });

  it('tells the client which registry schema applies, by notification and on request', async () => {
    const file = entryFolder({ 'icon.png': squareIcon() });
    const { uri } = await client.openChecked(file, '{ "compatibility": ["1.15.x"] }');
    const detected = await client.connection.sendRequest('kasm/schemaVersion', { uri });
    assert.deepEqual(detected, { version: '1.0', reason: 'compatibility lists version strings' });
    assert.ok(client.notifications.some((n) => n.method === 'kasm/schemaVersionChanged' && (n.params as { uri: string }).uri === uri));
    client.close(uri);
  });

  it('re-validates when an icon file appears', async () => {
    const file = entryFolder();
    const { uri, diagnostics } = await client.openChecked(file, VALID_1_1);
    assert.deepEqual(diagnostics.map((d) => d.code), ['icon-missing']);
    fs.writeFileSync(path.join(path.dirname(file), 'icon.png'), squareIcon());
    const after = client.diagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `file://${path.dirname(file)}/icon.png`, type: 1 }] });
    assert.deepEqual(await after, []);
    client.close(uri);
  });

  it('sees an icon that appeared on the next keystroke, even within a second of the last check, once told of it', async () => {
    const file = entryFolder();
    const { uri } = await client.openChecked(file, VALID_1_1);
    fs.writeFileSync(path.join(path.dirname(file), 'icon.png'), squareIcon());
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: `file://${path.dirname(file)}/icon.png`, type: 1 }] });
    const after = client.diagnostics(uri, (params) => params.version === 2);
    client.change(uri, 2, [{ text: `${VALID_1_1}\n` }]);
    assert.deepEqual(await after, []);
    client.close(uri);
  });

  it('follows kasm.registrySchema and kasm.validate.enable from workspace/configuration', async () => {
    const file = entryFolder({ 'icon.png': squareIcon() });
    const { uri, diagnostics } = await client.openChecked(file, VALID_1_1);
    assert.deepEqual(diagnostics, []);
    client.settings = { registrySchema: '1.0' };
    let next = client.diagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.ok((await next).some((d) => d.code === 'compatibility-shape'), 'a 1.1 entry checked as 1.0');
    client.settings = { validate: { enable: false } };
    next = client.diagnostics(uri);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(await next, []);
    client.settings = {};
    client.close(uri);
  });

  it('offers quick fixes for the diagnostics the editor sends, and fix-all', async () => {
    const file = entryFolder({ 'icon.png': squareIcon() });
    const { uri, diagnostics } = await client.openChecked(file, BAD_ENTRY);
    const memory = diagnostics.find((d) => d.code === 'memory-in-gb');
    assert.ok(memory);
    type Action = { title: string; kind: string; edit: { changes: Record<string, { newText: string }[]> } };
    const actions = await client.connection.sendRequest<Action[]>(
      'textDocument/codeAction', { textDocument: { uri }, range: memory.range, context: { diagnostics: [memory], only: ['quickfix'] } });
    assert.deepEqual(actions.map((a) => [a.title, a.kind]), [['Change to 4000 MB (4 GB)', 'quickfix']]);
    assert.deepEqual(actions[0].edit.changes[uri].map((e) => e.newText), ['4000']);
    const fixAll = await client.connection.sendRequest<{ title: string; kind: string }[]>('textDocument/codeAction',
      { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.kasm'] } });
    // x86 is another name for amd64, and 4 MB of memory was meant in GB: both are fixed without asking.
    assert.deepEqual(fixAll.map((a) => [a.title, a.kind]), [['Fix all safe Kasm problems', 'source.fixAll.kasm']]);
    client.close(uri);
  });

  it('clears diagnostics when a document closes', async () => {
    const file = entryFolder();
    const { uri, diagnostics } = await client.openChecked(file, '{ "memory": 0 }');
    assert.ok(diagnostics.length > 0);
    const cleared = client.diagnostics(uri);
    client.close(uri);
    assert.deepEqual(await cleared, []);
  });

  it('gives empty answers for unknown documents and out-of-range positions, never errors', async () => {
    assert.deepEqual(await client.complete('file:///nowhere/workspace.json', { line: 0, character: 0 }), { isIncomplete: false, items: [] });
    assert.equal(await client.hover('file:///nowhere/workspace.json', { line: 3, character: 1 }), null);
    const file = entryFolder();
    const { uri } = await client.openChecked(file, '{ "memory": 1 }');
    assert.equal(await client.hover(uri, { line: 999, character: 999 }), null);
    assert.ok(Array.isArray((await client.complete(uri, { line: 999, character: 999 })).items));
    client.close(uri);
  });

  it('survives garbage and answers it with syntax errors', async () => {
    const file = entryFolder();
    const { uri, diagnostics } = await client.openChecked(file, '\u0000{{{ "a": [1,, } ]]] \uFEFF');
    assert.ok(diagnostics.some((d) => d.code === 'syntax-error'), JSON.stringify(diagnostics));
    assert.ok((await client.complete(uri, { line: 0, character: 5 })).items !== undefined);
    client.close(uri);
  });
});

describe('cancellation', () => {
  it('answers a request cancelled right after it was sent with RequestCancelled', async () => {
    // One write holds the whole exchange, so the cancellation is queued behind the request, as when an
    // editor cancels a completion the user typed past.
    const server = await serverStreams();
    const uri = 'file:///nowhere/Example/workspace.json';
    const frame = (message: object) => {
      const body = JSON.stringify({ jsonrpc: '2.0', ...message });
      return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    };
    server.input.write([
      frame({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }),
      frame({ method: 'initialized', params: {} }),
      frame({ method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'json', version: 1, text: '{ "architecture": [""] }' } } }),
      frame({ id: 2, method: 'textDocument/completion', params: { textDocument: { uri }, position: { line: 0, character: 19 } } }),
      frame({ method: '$/cancelRequest', params: { id: 2 } }),
      frame({ id: 3, method: 'textDocument/completion', params: { textDocument: { uri }, position: { line: 0, character: 19 } } }),
    ].join(''));
    const responses = new Map<number, { result?: { items: { label: string }[] }; error?: { code: number } }>();
    let buffer = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no answers to requests 2 and 3; got ${buffer}`)), 10000);
      server.output.on('data', (chunk: Buffer) => {
        buffer += chunk.toString('utf8');
        for (const match of buffer.matchAll(/Content-Length: (\d+)\r\n\r\n/g)) {
          const body = buffer.slice((match.index ?? 0) + match[0].length, (match.index ?? 0) + match[0].length + Number(match[1]));
          try { const message = JSON.parse(body); if (typeof message.id === 'number') responses.set(message.id, message); } catch { /* not complete yet */ }
        }
        if (responses.has(2) && responses.has(3)) { clearTimeout(timer); resolve(); }
      });
    });
    server.stop();
    assert.equal(responses.get(2)?.error?.code, -32800, 'the cancelled request is answered with RequestCancelled');
    assert.deepEqual(responses.get(3)?.result?.items.map((i) => i.label), ['amd64', 'arm64'], 'the next request is answered normally');
  });
});

describe('language server started with a bad command line', () => {
  it('prints its usage and exits with 2 instead of hanging', { skip: IN_PROCESS && 'the command line needs a process of its own' }, async () => {
    const { spawnSync } = await import('node:child_process');
    const { SERVER_JS } = await import('../helpers/lspClient');
    const result = spawnSync(process.execPath, [SERVER_JS], { encoding: 'utf8', timeout: 10000 });
    assert.equal(result.status, 2);
    assert.match(result.stdout, /Usage: node dist\/server\.js --stdio/);
  });
});

describe('language server over stdio, for an editor that does not watch files', () => {
  let client: TestClient;
  before(async () => { client = await startTestClient({ watchesFiles: false }); });
  after(async () => { assert.equal(await client.stop(), 0); });

  it('looks at the icon again on every check, as nobody tells it of changes', async () => {
    const file = entryFolder();
    const { uri, diagnostics } = await client.openChecked(file, VALID_1_1);
    assert.deepEqual(diagnostics.map((d) => d.code), ['icon-missing']);
    fs.writeFileSync(path.join(path.dirname(file), 'icon.png'), squareIcon());
    const after = client.diagnostics(uri, (params) => params.version === 2);
    client.change(uri, 2, [{ text: `${VALID_1_1}\n` }]);
    assert.deepEqual(await after, []);
    client.close(uri);
  });
});
