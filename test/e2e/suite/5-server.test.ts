// The extension in a real VS Code: the language server's life (crashes, tracing, folders, hostile entries); last, since it kills servers.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, codeOf, entry, folder, kasmDiagnostics, open, outputChannel, seenOnDisk, serverPids, waitFor, withSetting } from './helpers';

describe('Kasm Workspaces extension in VS Code', () => {
  it('restarts a crashed language server, which gets the open entry as edited, not as saved', async () => {
    const uri = entry('Course Desktop');
    const editor = await open(uri);
    await waitFor('one language server', () => serverPids().length === 1);
    const [crashed] = serverPids();
    const typo = () => kasmDiagnostics(uri).some((d) => d.message.includes('"memmory"'));
    await editor.edit((edit) => edit.insert(new vscode.Position(1, 2), '"memmory": 1,\n  '));
    await waitFor('the typo to be reported', () => typo());
    process.kill(crashed, 'SIGKILL');
    await waitFor('a new server', () => serverPids().some((pid) => pid !== crashed));
    // The new server knows only what it is told: the unsaved typo shows again, and an edit reaches it.
    await waitFor('the typo from the new server', () => typo());
    await vscode.commands.executeCommand('undo');
    await waitFor('the typo to go', () => !typo());
    const hover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(1, 4));
    assert.ok(hover.length > 0, 'the new server answers requests');
    await waitFor('the output channel to say why', () => outputChannel().includes('The language server stopped unexpectedly; restarting it.'));
  });

  it('Kasm: Restart Server starts a new server, and its output names the version and the registry it found', async () => {
    const uri = entry('Course Desktop');
    await open(uri);
    const [before] = await waitFor('one language server', () => (serverPids().length === 1 ? serverPids() : undefined));
    await vscode.commands.executeCommand('kasm.restartServer');
    await waitFor('a new server', () => serverPids().length === 1 && serverPids()[0] !== before);
    const hover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(1, 4));
    assert.ok(hover.length > 0, 'the new server answers');
    const version = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { version: string }).version;
    await waitFor('the start line', () => outputChannel().includes(`Kasm language server ${version} started`));
    await waitFor('the registry line', () => new RegExp(`registry ${folder().fsPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: \\d+ workspace\\.json files?`).test(outputChannel()));
    await vscode.commands.executeCommand('kasm.showOutput');
  });

  it('logs the messages with the server in the output channel while kasm.trace.server asks for it', async () => {
    const uri = entry('Course Desktop');
    await open(uri);
    await withSetting({ section: 'kasm', key: 'trace.server', value: 'verbose' }, async () => {
      await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(1, 4));
      const log = await waitFor('the traced hover', () => /Sending request 'textDocument\/hover - \((\d+)\)'/.exec(outputChannel()) ?? undefined);
      await waitFor('its answer, with content', () => new RegExp(`Received response 'textDocument/hover - \\(${log[1]}\\)' in \\d+ms\\.\\nResult: \\{\\n\\s+"contents"`).test(outputChannel()));
    });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 500)); // VS Code writes the log file in batches
    await settle();
    const before = outputChannel().length;
    await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, new vscode.Position(1, 4));
    await settle();
    assert.equal(outputChannel().slice(before), '', 'nothing is logged once tracing is off');
  });

  it('checks the registry of a folder added to the workspace, and clears its problems when the folder is removed', async function (this: Mocha.Context) {
    // A folder window becomes a multi-root workspace only through a dialog; the development run opens a workspace file.
    if (!vscode.workspace.workspaceFile) this.skip();
    const second = path.join(path.dirname(folder().fsPath), 'second-registry');
    fs.cpSync(path.join(folder().fsPath, 'workspaces', 'Data Science Lab'), path.join(second, 'workspaces', 'Lab'), { recursive: true });
    const unopened = vscode.Uri.file(path.join(second, 'workspaces', 'Lab', 'workspace.json'));
    const added = new Promise((resolve) => {
      const once = vscode.workspace.onDidChangeWorkspaceFolders(() => { once.dispose(); resolve(undefined); });
    });
    assert.ok(vscode.workspace.updateWorkspaceFolders(1, 0, { uri: vscode.Uri.file(second) }));
    await added;
    await waitFor('the new registry\'s problems', () => kasmDiagnostics(unopened).some((d) => codeOf(d) === 'memory-in-gb'));
    assert.ok(vscode.workspace.updateWorkspaceFolders(1, 1));
    await waitFor('its problems to go with it', () => kasmDiagnostics(unopened).length === 0);
  });

  it('survives hostile entries added to the registry: an output bomb and recovery nesting get bounded problems, the server stays up', async () => {
    await open(entry('Course Desktop'));
    const [server] = await waitFor('one language server', () => serverPids().length === 1 && serverPids());
    const fields = Array.from({ length: 400 }, (_, i) => ({ key: `${'k'.repeat(100)}${i}`, display_if: Array.from({ length: 17 }, () => ({ key: 'nope', value_regex: 'x' })) }));
    const bomb = entry('Bomb');
    const deep = entry('Deep');
    fs.mkdirSync(path.dirname(bomb.fsPath), { recursive: true });
    fs.mkdirSync(path.dirname(deep.fsPath), { recursive: true });
    fs.writeFileSync(bomb.fsPath, JSON.stringify({ friendly_name: 'Bomb', launch_config: { file_mapping: { destination: '/x' }, launch_form: fields } }));
    fs.writeFileSync(deep.fsPath, '[},'.repeat(3000) + '1');
    try {
      const bombProblems = await seenOnDisk(bomb, 'the bomb\'s problems', () => (kasmDiagnostics(bomb).length > 0 ? kasmDiagnostics(bomb) : undefined));
      assert.equal(bombProblems.length, 1000, 'at most 1,000 per file');
      assert.ok(bombProblems.some((d) => codeOf(d) === 'too-many-problems'));
      assert.ok(bombProblems.every((d) => d.message.length <= 1001));
      await seenOnDisk(deep, 'the deep entry\'s notice', () => kasmDiagnostics(deep).some((d) => codeOf(d) === 'check-degraded'));
      assert.deepEqual(serverPids(), [server], 'the same server, never restarted');
      assert.ok(kasmDiagnostics(entry('Data Science Lab')).some((d) => codeOf(d) === 'memory-in-gb'), 'the other entries keep their problems');
    } finally {
      fs.rmSync(path.dirname(bomb.fsPath), { recursive: true, force: true });
      fs.rmSync(path.dirname(deep.fsPath), { recursive: true, force: true });
    }
  });

  // Last: it leaves the extension without a server.
  it('stops restarting a server that keeps crashing, says so, and answers requests with nothing instead of hanging', async () => {
    const uri = entry('Course Desktop');
    await open(uri);
    let kills = 0;
    for (;;) {
      const [running] = await waitFor('a running server', () => serverPids().length > 0 && serverPids());
      process.kill(running, 'SIGKILL');
      kills += 1;
      const deadline = Date.now() + 3000;
      const restarted = () => serverPids().some((pid) => pid !== running);
      while (!restarted() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      if (!restarted()) break;
      assert.ok(kills < 5, 'no more than five crashes in three minutes are restarted');
    }
    await waitFor('the output channel to say it gave up', () => outputChannel().includes('times in 3 minutes; it is not restarted.'));
    assert.deepEqual(serverPids(), []);
    assert.deepEqual(kasmDiagnostics(uri), [], 'no stale problems from the dead server');
    const hover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(1, 4));
    assert.deepEqual(hover, []);
  });
});
