// The bundled server on hostile registries: special files and links are never read, entries in folders named
// "..x" belong to their registry, and the server keeps answering.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { URI } from 'vscode-uri';
import { entryText, registryFolder } from '../helpers/core';
import { messageText, startTestClient } from '../helpers/lspClient';

const entry = (name: string) => entryText({ friendly_name: name });

const uriOf = (root: string, folder: string, file = 'workspace.json') => URI.file(path.join(root, 'workspaces', folder, file)).toString();

describe('language server on hostile registries', () => {
  it('never reads icons that are FIFOs or links to devices and outside files, nor a FIFO or outside link named workspace.json', { timeout: 30_000 }, async () => {
    const root = registryFolder({ A: entry('A'), B: entry('B'), C: entry('C') });
    const secret = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-secret-')), 'workspace.json');
    fs.writeFileSync(secret, JSON.stringify({ secret_key_name: 1 }));
    fs.symlinkSync('/dev/zero', path.join(root, 'workspaces', 'A', 'icon.png'));
    fs.symlinkSync(secret, path.join(root, 'workspaces', 'B', 'icon.png'));
    spawnSync('mkfifo', [path.join(root, 'workspaces', 'C', 'icon.png')]);
    const client = await startTestClient({ workspaceFolders: [root] });
    try {
      const codes = async (folder: string, accept: (codes: string[]) => boolean) =>
        (await client.diagnostics(uriOf(root, folder), (p) => accept(p.diagnostics.map((d) => String(d.code))))).map((d) => String(d.code));
      // Whatever arrived first, the scan finishes: wait for what each entry settles on.
      assert.ok((await codes('A', (c) => c.includes('icon-path'))).includes('icon-path'));
      // A FIFO named workspace.json and a link leading out, reported after a file-change event: not read, no hang.
      fs.mkdirSync(path.join(root, 'workspaces', 'D'));
      spawnSync('mkfifo', [path.join(root, 'workspaces', 'D', 'workspace.json')]);
      fs.mkdirSync(path.join(root, 'workspaces', 'E'));
      fs.symlinkSync(secret, path.join(root, 'workspaces', 'E', 'workspace.json'));
      const d = client.diagnostics(uriOf(root, 'D'));
      const e = client.diagnostics(uriOf(root, 'E'));
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(root, 'D'), type: 1 }, { uri: uriOf(root, 'E'), type: 1 }] });
      assert.match(messageText((await d)[0]), /cannot be read/);
      const outside = await e;
      assert.match(messageText(outside[0]), /link leading outside the registry/);
      assert.ok(!outside.some((x) => messageText(x).includes('secret_key_name')));
      assert.equal(await client.hover('file:///nowhere/workspace.json', { line: 0, character: 0 }), null, 'still answering');
    } finally {
      await client.stop();
    }
  });

  it('keeps the cross-entry checks for entry folders named "..x" when the opened folder is workspaces/', { timeout: 30_000 }, async () => {
    const root = registryFolder({ '..dots': entry('Same'), Plain: entry('Same') });
    const client = await startTestClient({ workspaceFolders: [path.join(root, 'workspaces')] });
    try {
      const uri = URI.file(path.join(root, 'workspaces', '..dots', 'workspace.json')).toString();
      const diagnostics = await client.diagnostics(uri, (p) => p.diagnostics.some((x) => x.code === 'duplicate-name'));
      assert.ok(diagnostics.some((x) => x.code === 'duplicate-name'));
      // Edited in the editor, it is still checked against the others.
      const text = fs.readFileSync(path.join(root, 'workspaces', '..dots', 'workspace.json'), 'utf8');
      // The entry's own check is published at once; the comparison with the others once typing pauses.
      const renamed = client.diagnostics(uri, (p) => p.version === 2 && !p.diagnostics.some((x) => x.code === 'duplicate-name'));
      void client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'kasm-workspace', version: 1, text } });
      client.change(uri, 2, [{ text: text.replace('"Same"', '"Other"') }]);
      assert.ok(!(await renamed).some((x) => x.code === 'duplicate-name'));
    } finally {
      await client.stop();
    }
  });
});
