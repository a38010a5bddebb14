// The extension in VS Code for the Web: code-server's web-worker extension host, where there is no Node (no
// `process`, no disk): the language server runs in a web worker and reads files through vscode.workspace.fs.
import * as assert from './expect';
import * as vscode from 'vscode';
import type { KasmExtensionApi } from '../../../client/src/activate';
import { EXTENSION_ID, ROBOTICS_CLUB_ANSWERS, codeOf, entry, folder, kasmDiagnostics as kasm, waitFor } from '../suite/workbench';

async function api(): Promise<KasmExtensionApi> {
  const extension = vscode.extensions.getExtension<KasmExtensionApi>(EXTENSION_ID);
  assert.ok(extension, 'extension installed');
  return extension.activate();
}

describe('Kasm Workspaces extension in VS Code for the Web', () => {
  it('runs in the web worker extension host, on the workspace\'s own files', async () => {
    assert.equal(typeof process, 'undefined', 'no Node here');
    assert.notEqual(folder().scheme, 'file');
    const editor = await vscode.window.showTextDocument(entry('Data Science Lab'));
    assert.equal(editor.document.languageId, 'kasm-workspace');
    await api();
  });

  it('shows the entry\'s problems, icon problems included (read through the editor\'s file system)', async () => {
    const uri = entry('Data Science Lab');
    const codes = await waitFor('kasm diagnostics', () => (kasm(uri).length >= 8 ? kasm(uri).map(codeOf) : undefined));
    for (const code of ['unknown-value', 'image-invalid', 'memory-in-gb', 'category-near-miss', 'icon-missing', 'version-unknown']) {
      assert.ok(codes.includes(code), `${code} in ${codes.join(', ')}`);
    }
    // The other entry is checked too, unopened: the registry was found with the editor's file search.
    await waitFor('the unopened entry checked', () => vscode.languages.getDiagnostics(entry('Course Desktop')) !== undefined
      && vscode.languages.getDiagnostics().some(([u]) => u.toString() === entry('Course Desktop').toString()));
  });

  it('completes and hovers', async () => {
    const uri = entry('Data Science Lab');
    const document = await vscode.workspace.openTextDocument(uri);
    const line = document.getText().split('\n').findIndex((l) => l.includes('"architecture"'));
    const at = new vscode.Position(line, document.lineAt(line).text.indexOf('[') + 2);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, at);
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('arm64') || labels.includes('amd64'), labels.join(', '));
    const memory = document.getText().split('\n').findIndex((l) => l.includes('"memory"'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(memory, 5));
    const text = hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : '')).join('\n');
    assert.match(text, /in MB/);
  });

  it('fixes a problem with its quick fix', async () => {
    const uri = entry('Data Science Lab');
    const memory = await waitFor('memory-in-gb', () => kasm(uri).find((d) => codeOf(d) === 'memory-in-gb'));
    const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, memory.range, vscode.CodeActionKind.QuickFix.value);
    const fix = fixes.find((a) => a.edit && a.title.startsWith('Change to 8000'));
    assert.ok(fix?.edit, fixes.map((a) => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await waitFor('the memory problem to go', () => !kasm(uri).some((d) => codeOf(d) === 'memory-in-gb'));
  });

  it('drops the missing-icon problem when the icon appears, without a keystroke', async () => {
    const uri = entry('Data Science Lab');
    const missing = await waitFor('icon-missing', () => kasm(uri).find((d) => codeOf(d) === 'icon-missing'));
    const name = /"([^"]+)"/.exec(missing.message)?.[1] ?? 'datascience.png';
    const icon = vscode.Uri.joinPath(uri, '..', name);
    const existing = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(uri, '..', 'datascience-lab.png'));
    await vscode.workspace.fs.writeFile(icon, existing);
    await waitFor('the icon problem to go', () => !kasm(uri).some((d) => codeOf(d) === 'icon-missing'));
    await vscode.workspace.fs.delete(icon);
    await waitFor('the icon problem to come back', () => kasm(uri).some((d) => codeOf(d) === 'icon-missing'));
  });

  it('previews the entry and the registry', async () => {
    const kasmApi = await api();
    await vscode.commands.executeCommand('kasm.previewIcon', entry('Course Desktop'));
    const preview = await waitFor('the preview', () => (kasmApi.previewHtml().includes('128×128 px PNG') ? kasmApi.previewHtml() : undefined))
      .catch((error: Error) => { throw new Error(`${error.message}: ${kasmApi.previewHtml().slice(-1500)}`); });
    assert.match(preview, /Course Desktop/);
    await vscode.commands.executeCommand('kasm.previewRegistry');
    const gallery = await waitFor('the gallery', () => (kasmApi.galleryHtml().includes('Data Science Lab') ? kasmApi.galleryHtml() : undefined));
    assert.match(gallery, /Course Desktop/);
  });

  it('creates a new workspace through the editor, clean by our rules, and refuses to overwrite it', async () => {
    const answers = ROBOTICS_CLUB_ANSWERS;
    const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('kasm.newWorkspace', folder(), answers);
    assert.ok(created, 'the command returns the new workspace.json');
    assert.equal(created.toString(), entry('Robotics Club').toString());
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(created));
    assert.match(text, /"image": "myschool\/robotics:1.0.0"/);
    const icon = await vscode.workspace.fs.stat(vscode.Uri.joinPath(created, '..', 'robotics-club.png'));
    assert.ok(icon.size > 0, 'the placeholder icon is written');
    await vscode.window.showTextDocument(created);
    await waitFor('the new entry checked clean', () => vscode.languages.getDiagnostics().some(([u]) => u.toString() === created.toString())
      && kasm(created).length === 0);
    const again = await vscode.commands.executeCommand('kasm.newWorkspace', folder(), answers);
    assert.equal(again, undefined, 'refused');
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(created)), text, 'nothing overwritten');
  });
});
