// The server under editor-like pressure: thousands of rapid incremental edits, a 20 MB document, and no
// network access whatever it is asked.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { REPO_ROOT, VALID_1_1, entryFolder, service, squareIcon } from '../helpers/core';
import { messageText, startTestClient } from '../helpers/lspClient';

describe('the server under pressure', () => {
  it('after 10,000 rapid incremental edits, publishes diagnostics of the final text only', async () => {
    const client = await startTestClient();
    const file = entryFolder({ 'icon.png': squareIcon() });
    const { uri } = await client.openChecked(file, VALID_1_1);
    // Type and delete inside the description, leaving the document valid, broken and valid again in turn.
    const mirror = TextDocument.create(uri, 'json', 1, VALID_1_1);
    const at = mirror.positionAt(VALID_1_1.indexOf('for the course'));
    const typed = '"memory": 4, x';
    let version = 1;
    for (let i = 0; i < 10_000; i++) {
      const k = i % (2 * typed.length);
      const change = k < typed.length
        ? { range: { start: { line: at.line, character: at.character + k }, end: { line: at.line, character: at.character + k } },
          text: typed[k] }
        : { range: { start: { line: at.line, character: at.character + 2 * typed.length - k - 1 }, end: { line: at.line, character: at.character + 2 * typed.length - k } }, text: '' };
      TextDocument.update(mirror, [change], ++version);
      client.change(uri, version, [change]);
    }
    const finalVersion = ++version;
    const settled = client.diagnostics(uri, (p) => p.version === finalVersion, 30000);
    const last = { range: { start: at, end: at }, text: '"' };
    TextDocument.update(mirror, [last], finalVersion);
    client.change(uri, finalVersion, [last]);
    const published = await settled;
    const expected = service.validate(TextDocument.create(uri, 'json', finalVersion, mirror.getText()));
    assert.deepEqual(published.map((d) => [d.code, d.range]), expected.map((d) => [d.code, d.range]));
    assert.ok(published.some((d) => d.code === 'syntax-error'), 'the final text is broken, and so say the diagnostics');
    await client.stop();
  });

  it('answers a 20 MB workspace.json with a notice, and keeps working', async () => {
    const client = await startTestClient();
    const file = entryFolder();
    const huge = `{ "friendly_name": "Huge", "notes": "${'x'.repeat(20_000_000)}" }`;
    const { uri, diagnostics } = await client.openChecked(file, huge);
    assert.deepEqual(diagnostics.map((d) => d.code), ['check-degraded']);
    assert.match(messageText(diagnostics[0]), /20\.0 MB/);
    assert.deepEqual((await client.complete(uri, { line: 0, character: 10 })).items, []);
    assert.equal(await client.hover(uri, { line: 0, character: 5 }), null);
    const small = client.diagnostics(uri, (p) => p.version === 2);
    client.change(uri, 2, [{ text: '{ "memory": 4 }' }]);
    assert.ok((await small).some((d) => d.code === 'memory-in-gb'), 'back to full checks once the file is small');
    await client.stop();
  });

  it('never reaches for the network: the server, checking a registry and answering every request', async () => {
    const root = path.join(REPO_ROOT, 'examples', 'registry');
    const client = await startTestClient({ preload: path.join(REPO_ROOT, 'test', 'helpers', 'noNetwork.cjs'), workspaceFolders: [root] });
    const file = path.join(root, 'workspaces', 'Data Science Lab', 'workspace.json');
    const { uri, diagnostics } = await client.openChecked(file, fs.readFileSync(file, 'utf8'));
    assert.ok(diagnostics.length > 0);
    await client.complete(uri, { line: 5, character: 6 });
    await client.hover(uri, { line: 16, character: 10 });
    await client.connection.sendRequest('textDocument/documentLink', { textDocument: { uri } });
    await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } }, context: { diagnostics: [] } });
    assert.equal(await client.stop(), 0);
    assert.equal(client.stderr(), '');
  });

  it('never reaches for the network: the CLI over a registry with a preload that refuses all connections', () => {
    const result = spawnSync(process.execPath, ['-r', path.join(REPO_ROOT, 'test', 'helpers', 'noNetwork.cjs'), path.join(REPO_ROOT, 'dist', 'cli.js'), '--format', 'json', 'examples', 'test/fixtures/lint-registry'],
      { cwd: REPO_ROOT, encoding: 'utf8' });
    assert.equal(result.stderr, '');
    assert.equal(result.status, 1, 'the examples have errors, and the run finished');
    assert.equal(JSON.parse(result.stdout).length, 6);
  });
});
