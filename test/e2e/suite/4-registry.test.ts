// The extension in a real VS Code: registry-wide checks, other tools' files, structure, settings.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { codeOf, entry, folder, kasmDiagnostics, open, outsideEntry, seenOnDisk, waitFor, withSetting } from './helpers';

describe('Kasm Workspaces extension in VS Code', () => {
  it('clears the problems of an entry folder deleted whole, without a reload', async () => {
    const doomed = entry('Doomed');
    fs.cpSync(path.dirname(entry('Data Science Lab').fsPath), path.dirname(doomed.fsPath), { recursive: true });
    await seenOnDisk(doomed, 'the new entry\'s problems', () => kasmDiagnostics(doomed).some((d) => codeOf(d) === 'memory-in-gb'));
    fs.rmSync(path.dirname(doomed.fsPath), { recursive: true, force: true });
    await waitFor('its problems to go', () => kasmDiagnostics(doomed).length === 0);
  });

  it('leaves other tools\' workspace.json alone: no Kasm problems, JSON when opened, and none while the user picks another language', async () => {
    // One new folder level each: VS Code's watcher can miss folders made inside a folder it has just seen appear.
    const nx = vscode.Uri.file(path.join(folder().fsPath, 'nx', 'workspace.json'));
    const kasm = vscode.Uri.file(path.join(folder().fsPath, 'drafts', 'workspace.json'));
    fs.mkdirSync(path.dirname(nx.fsPath), { recursive: true });
    fs.mkdirSync(path.dirname(kasm.fsPath), { recursive: true });
    fs.writeFileSync(nx.fsPath, JSON.stringify({ version: 2, projects: { app: 'apps/app' } }, null, 2));
    fs.writeFileSync(kasm.fsPath, JSON.stringify({ friendly_name: 'Tool', memory: 4 }, null, 2));
    try {
      // The Kasm one outside workspaces/ is found by its keys; by then the Nx one has been read too.
      await seenOnDisk(kasm, 'the Kasm entry\'s problems', () => kasmDiagnostics(kasm).some((d) => codeOf(d) === 'memory-in-gb'));
      fs.utimesSync(nx.fsPath, new Date(), new Date());
      await new Promise((resolve) => setTimeout(resolve, 1000));
      assert.deepEqual(kasmDiagnostics(nx).map(codeOf), []);
      // Opened, it is a Kasm document for a moment, until the extension switches it to JSON: never a Kasm problem.
      let flashed = false;
      const watching = vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === nx.toString()) && kasmDiagnostics(nx).length) flashed = true;
      });
      try {
        await vscode.workspace.openTextDocument(nx);
        await waitFor('the Nx file in JSON', () => vscode.workspace.textDocuments.some((d) => d.uri.toString() === nx.toString() && d.languageId === 'json'));
        await new Promise((resolve) => setTimeout(resolve, 500));
      } finally {
        watching.dispose();
      }
      assert.equal(flashed, false, 'Kasm problems shown on the Nx file');
      // A Kasm entry the user switches to JSON loses its Kasm problems while it stays so.
      const kasmDocument = await vscode.workspace.openTextDocument(kasm);
      await vscode.languages.setTextDocumentLanguage(kasmDocument, 'json');
      await waitFor('its problems to go', () => kasmDiagnostics(kasm).length === 0);
      await vscode.languages.setTextDocumentLanguage(kasmDocument, 'kasm-workspace');
      await waitFor('its problems back', () => kasmDiagnostics(kasm).some((d) => codeOf(d) === 'memory-in-gb'));
    } finally {
      for (const file of [nx, kasm]) fs.rmSync(path.dirname(file.fsPath), { recursive: true, force: true });
    }
  });

  it('keeps the outline while the entry holds an empty key or string (every new string typed)', async () => {
    const uri = outsideEntry('Outline');
    fs.writeFileSync(uri.fsPath, '{\n  "": 1,\n  "architecture": [""],\n  "friendly_name": "Lab"\n}\n');
    await open(uri);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
    assert.deepEqual(symbols?.map((s) => s.name), ['""', 'architecture', 'friendly_name']);
    assert.deepEqual(symbols?.[1].children.map((s) => s.name), ['""']);
  });

  it('folds the entry and grows the selection along its structure', async () => {
    const uri = entry('Course Desktop');
    const editor = await open(uri);
    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', uri);
    const compatibilityLine = editor.document.getText().split('\n').findIndex((line) => line.includes('"compatibility"'));
    assert.ok(folds.some((f) => f.start === compatibilityLine && f.end > f.start), `folds: ${folds.map((f) => `${f.start}-${f.end}`).join(', ')}`);
    const inside = editor.document.positionAt(editor.document.getText().indexOf('"image"') + 2);
    const [selection] = await vscode.commands.executeCommand<vscode.SelectionRange[]>('vscode.executeSelectionRangeProvider', uri, [inside]);
    const widths: number[] = [];
    for (let range: vscode.SelectionRange | undefined = selection; range; range = range.parent) {
      widths.push(editor.document.offsetAt(range.range.end) - editor.document.offsetAt(range.range.start));
    }
    assert.ok(widths.length >= 4, `selection steps: ${widths.join(', ')}`);
    assert.deepEqual([...widths].sort((a, b) => a - b), widths, 'each step contains the one before');
  });

  it('follows the kasm settings as they change: validation off clears the problems, on brings them back', async () => {
    const uri = entry('Data Science Lab');
    await open(uri);
    await waitFor('kasm diagnostics', () => kasmDiagnostics(uri).length > 0);
    await withSetting({ section: 'kasm', key: 'validate.enable', value: false },
      () => waitFor('the problems to clear', () => kasmDiagnostics(uri).length === 0));
    await waitFor('the problems to come back', () => kasmDiagnostics(uri).some((d) => codeOf(d) === 'memory-in-gb'));
  });

  it('follows the rules the user sets (kasm.rules) and the registry\'s .kasm-lint.json, which its quick fix writes', async () => {
    const uri = entry('Data Science Lab');
    await open(uri);
    await waitFor('memory in GB', () => kasmDiagnostics(uri).some((d) => codeOf(d) === 'memory-in-gb'));
    await withSetting({ section: 'kasm', key: 'rules', value: { 'memory-in-gb': 'off' } }, async () => {
      await waitFor('the rule turned off', () => !kasmDiagnostics(uri).some((d) => codeOf(d) === 'memory-in-gb'));
    });
    await waitFor('the rule back on', () => kasmDiagnostics(uri).some((d) => codeOf(d) === 'memory-in-gb'));
    const nearMiss = await waitFor('the misspelt category', () => kasmDiagnostics(uri).find((d) => codeOf(d) === 'category-near-miss'));
    const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, nearMiss.range, vscode.CodeActionKind.QuickFix.value);
    const add = fixes.find((a) => a.title === 'Add "Developement" to the registry\'s categories (.kasm-lint.json)');
    assert.ok(add?.edit, fixes.map((a) => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(add.edit));
    const config = vscode.Uri.joinPath(folder(), '.kasm-lint.json');
    // The edit leaves the new file open with its text; saved, the registry is judged again with it.
    await vscode.workspace.textDocuments.find((d) => d.uri.toString() === config.toString())?.save();
    assert.deepEqual(JSON.parse(fs.readFileSync(config.fsPath, 'utf8')), { categories: ['Developement'] });
    await waitFor('the category taken as meant', () => !kasmDiagnostics(uri).some((d) => codeOf(d) === 'category-near-miss'));
    fs.rmSync(config.fsPath);
    await waitFor('the category called a misspelling again', () => kasmDiagnostics(uri).some((d) => codeOf(d) === 'category-near-miss'));
  });
});
