// The extension in a real VS Code: activation, diagnostics, completion, hover, formatting.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, codeOf, entry, kasmDiagnostics, open, outsideEntry, waitFor } from './helpers';

describe('Kasm Workspaces extension in VS Code', () => {
  it('activates on a workspace.json, which gets the kasm-workspace language', async () => {
    const editor = await open(entry('Data Science Lab'));
    assert.equal(editor.document.languageId, 'kasm-workspace');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'extension installed');
    await waitFor('activation', () => extension.isActive);
    if (process.env.KASM_EXPECT_INSTALLED) {
      assert.ok(extension.extensionPath.includes(`${path.sep}extensions${path.sep}`), `loaded from the installed .vsix, not ${extension.extensionPath}`);
    }
    // Nothing but Kasm's own suggestions: in a full architecture array VS Code's word list showed otherwise (#29.7).
    assert.equal(vscode.workspace.getConfiguration('editor', { languageId: 'kasm-workspace' }).get('wordBasedSuggestions'), 'off');
    // The run on the oldest VS Code the manifest allows must really be on it.
    if (process.env.KASM_EXPECT_VSCODE) assert.equal(vscode.version, process.env.KASM_EXPECT_VSCODE);
  });

  it('shows Kasm diagnostics for a bad entry, each once, and nothing from other sources', async () => {
    const uri = entry('Data Science Lab');
    await open(uri);
    const diagnostics = await waitFor('kasm diagnostics', () => (kasmDiagnostics(uri).length >= 8 ? kasmDiagnostics(uri) : undefined));
    const codes = diagnostics.map(codeOf);
    for (const code of ['unknown-value', 'image-invalid', 'memory-in-gb', 'category-near-miss', 'icon-missing', 'version-unknown']) {
      assert.ok(codes.includes(code), `${code} in ${codes.join(', ')}`);
    }
    const all = vscode.languages.getDiagnostics(uri);
    const keys = all.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`);
    assert.equal(new Set(keys).size, keys.length, `a problem shows twice: ${keys.join(' | ')}`);
    assert.deepEqual(all.filter((d) => d.source !== 'kasm').map((d) => d.message), []);
    const arch = diagnostics.find((d) => codeOf(d) === 'unknown-value');
    assert.equal(arch?.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepEqual([arch?.range.start.line, arch?.range.start.character, arch?.range.end.character], [6, 4, 10]);
  });

  it('drops the missing-icon problem when the icon appears on disk, without a keystroke, and brings it back', async () => {
    const uri = entry('Data Science Lab');
    await open(uri);
    await waitFor('icon-missing', () => kasmDiagnostics(uri).some((d) => codeOf(d) === 'icon-missing'));
    // The server trusts what it saw of a file for a second unless the editor's file watcher reports a change:
    // this only passes if VS Code delivers the change and the server forgets what it saw.
    const icon = path.join(path.dirname(uri.fsPath), 'datascience.png');
    fs.copyFileSync(path.join(path.dirname(entry('Course Desktop').fsPath), 'course-desktop.png'), icon);
    try {
      await waitFor('icon-missing to go', () => !kasmDiagnostics(uri).some((d) => codeOf(d) === 'icon-missing'), 10000);
    } finally {
      fs.rmSync(icon, { force: true });
    }
    await waitFor('icon-missing to come back', () => kasmDiagnostics(uri).some((d) => codeOf(d) === 'icon-missing'), 10000);
  });

  it('completes architecture values through the completion provider, each once', async () => {
    const uri = entry('Course Desktop');
    const editor = await open(uri);
    // "amd64" → "" on line 6: arm64 is listed on the next line, so only amd64 is left to offer.
    await editor.edit((edit) => edit.replace(new vscode.Range(5, 4, 5, 11), '""'));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(5, 5));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.deepEqual(labels.filter((l) => ['amd64', 'arm64'].includes(l)), ['amd64'], `labels: ${labels.join(', ')}`);
    await vscode.commands.executeCommand('undo');
  });

  it('completes a key typed without quotes, and one after the last property before its comma, in the suggest widget', async () => {
    const uri = outsideEntry('Typing');
    fs.writeFileSync(uri.fsPath, '{\n  "friendly_name": "Lab",\n  "require_gpu": true\n}\n');
    const editor = await open(uri);
    /** Types `word` at the end of line 2 on a new line, accepts the suggest widget's first item, returns the text. */
    const typeAndAccept = async (word: string) => {
      await editor.edit((edit) => edit.insert(new vscode.Position(2, 21), `\n  ${word}`));
      editor.selection = new vscode.Selection(3, 2 + word.length, 3, 2 + word.length);
      await vscode.commands.executeCommand('editor.action.triggerSuggest');
      await new Promise((resolve) => setTimeout(resolve, 1500)); // the widget asks the server, then filters
      await vscode.commands.executeCommand('acceptSelectedSuggestion');
      const text = editor.document.getText();
      await vscode.commands.executeCommand('undo');
      await vscode.commands.executeCommand('undo');
      return text;
    };
    const afterCores = await typeAndAccept('cor');
    assert.match(afterCores, /"require_gpu": true,\n {2}"cores": 2\n}/, afterCores);
    const afterRunConfig = await typeAndAccept('run_c');
    assert.match(afterRunConfig, /"require_gpu": true,\n {2}"run_config": \{/, afterRunConfig);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('hovers with what Kasm does with a field', async () => {
    const uri = entry('Course Desktop');
    await open(uri);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(29, 5));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /Memory of each session \*\*in MB\*\*/);
  });

  it('formats and outlines the entry', async () => {
    const uri = entry('Course Desktop');
    await open(uri);
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
    assert.ok(symbols.some((s) => s.name === 'compatibility' && s.children.some((c) => c.name === '1.18.x')));
    const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>('vscode.executeFormatDocumentProvider', uri, { tabSize: 4, insertSpaces: true });
    assert.ok(edits.length > 0, 'reindenting to 4 spaces changes the file');
  });
});
