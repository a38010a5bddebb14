// The extension in a real VS Code: New Kasm Workspace…, the icon preview and the registry gallery.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KasmExtensionApi } from '../../../client/src/extension';
import type { AddVersionSummary } from '../../../client/src/addVersion';
import { EXTENSION_ID, codeOf, entry, folder, kasmDiagnostics, open, waitFor } from './helpers';
import { ROBOTICS_CLUB_ANSWERS } from './workbench';

describe('Kasm Workspaces extension in VS Code', () => {
  it('scaffolds a new workspace that our rules find clean, and refuses to overwrite it', async () => {
    const answers = ROBOTICS_CLUB_ANSWERS;
    const created = await vscode.commands.executeCommand<vscode.Uri | undefined>('kasm.newWorkspace', folder(), answers);
    assert.ok(created, 'the command returns the new workspace.json');
    assert.equal(created.fsPath, path.join(folder().fsPath, 'workspaces', 'Robotics Club', 'workspace.json'));
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, created.fsPath, 'the new entry is opened');
    assert.equal(JSON.parse(fs.readFileSync(created.fsPath, 'utf8')).compatibility[0].image, 'myschool/robotics:1.0.0');
    assert.ok(fs.existsSync(path.join(path.dirname(created.fsPath), 'robotics-club.png')));
    // Clean: the server checks it (a typo shows up, and goes away again), and finds nothing else.
    const editor = await open(created);
    await editor.edit((edit) => edit.insert(new vscode.Position(1, 2), '"memmory": 1,\n  '));
    await waitFor('the typo to be reported', () => kasmDiagnostics(created).some((d) => codeOf(d) === 'misspelled-key'));
    await vscode.commands.executeCommand('undo');
    await waitFor('a clean entry', () => kasmDiagnostics(created).length === 0);
    const before = fs.readFileSync(created.fsPath, 'utf8');
    const again = await vscode.commands.executeCommand('kasm.newWorkspace', folder(), answers);
    assert.equal(again, undefined, 'refused');
    assert.equal(fs.readFileSync(created.fsPath, 'utf8'), before, 'nothing overwritten');
    // From the Explorer menu on an entry folder: beside it in workspaces/, not inside it (#18.8).
    const beside = await vscode.commands.executeCommand<vscode.Uri | undefined>('kasm.newWorkspace', vscode.Uri.file(path.dirname(created.fsPath)), { ...answers, friendlyName: 'Robotics Club 2' });
    assert.equal(beside?.fsPath, path.join(folder().fsPath, 'workspaces', 'Robotics Club 2', 'workspace.json'));
    fs.rmSync(path.dirname(beside.fsPath), { recursive: true });
  });

  it('previews the entry as Kasm shows it, and follows edits', async () => {
    const api = vscode.extensions.getExtension<KasmExtensionApi>(EXTENSION_ID)?.exports as KasmExtensionApi;
    const uri = entry('Course Desktop');
    const editor = await open(uri);
    await vscode.commands.executeCommand('kasm.previewIcon', uri);
    let html = await waitFor('the preview', () => (api.previewHtml().includes('Course Desktop') ? api.previewHtml() : undefined));
    assert.match(html, /<img class="icon" src="[^"]*course-desktop\.png/);
    assert.match(html, /Ubuntu desktop with VS Code and Chrome/);
    assert.match(html, /1\.19\.x/);
    await editor.edit((edit) => edit.replace(new vscode.Range(1, 20, 1, 34), 'Course <b>Desktop</b>'));
    html = await waitFor('the preview to follow the edit', () => (api.previewHtml().includes('Course &#60;b&#62;Desktop') ? api.previewHtml() : undefined));
    assert.ok(!html.includes('<b>Desktop'));
    await vscode.commands.executeCommand('undo');
    await waitFor('the preview to follow the undo', () => !api.previewHtml().includes('Course &#60;b&#62;'));
    assert.equal(api.previewPageLoads(), 1, 'edits update the page by message; reloading it took ~1 s per keystroke (#18.11)');
    // From the Explorer's context menu on an icon file: the entry next to it.
    const otherIcon = vscode.Uri.joinPath(folder(), 'workspaces', 'Data Science Lab', 'datascience-lab.png');
    await vscode.commands.executeCommand('kasm.previewIcon', otherIcon);
    html = await waitFor('the preview of the other entry', () => (api.previewHtml().includes('Data Science Lab') ? api.previewHtml() : undefined));
    assert.match(html, /Icon: The icon &#34;datascience\.png&#34; is not in this entry&#39;s folder/);
  });

  it('updates the preview when the icon file changes on disk', async () => {
    const api = vscode.extensions.getExtension<KasmExtensionApi>(EXTENSION_ID)?.exports as KasmExtensionApi;
    const uri = entry('Course Desktop');
    await vscode.commands.executeCommand('kasm.previewIcon', uri);
    await waitFor('the preview', () => api.previewHtml().includes('128×128 px PNG'));
    const icon = path.join(path.dirname(uri.fsPath), 'course-desktop.png');
    const original = fs.readFileSync(icon);
    // A 1×1 PNG: the preview must call it badly sized.
    fs.writeFileSync(icon, Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'));
    try {
      const html = await waitFor('the preview to see the new icon', () => (api.previewHtml().includes('1×1 px') ? api.previewHtml() : undefined));
      assert.match(html, /The icon&#39;s 1×1 px is smaller than 50×50/);
    } finally {
      fs.writeFileSync(icon, original);
    }
  });

  it('adds a Kasm version to entries as one undoable edit, copied from the newest compatibility (#29.3)', async () => {
    const course = entry('Course Desktop');
    const before = fs.readFileSync(course.fsPath, 'utf8');
    const codesBefore = kasmDiagnostics(course).map(codeOf);
    const result = await vscode.commands.executeCommand<AddVersionSummary>('kasm.addKasmVersion', '1.20.x', [course]);
    assert.deepEqual(result.added.map((u) => u.fsPath), [course.fsPath]);
    assert.deepEqual(result.skipped, []);
    const document = await vscode.workspace.openTextDocument(course);
    assert.equal(document.isDirty, true, 'left unsaved for review');
    assert.equal(fs.readFileSync(course.fsPath, 'utf8'), before, 'nothing written to disk');
    const added = (JSON.parse(document.getText()) as { compatibility: { version: string; image: string }[] }).compatibility.at(-1);
    assert.deepEqual([added?.version, added?.image], ['1.20.x', 'myschool/course-desktop:1.20.0']);
    await waitFor('the unreleased version to be said, and nothing else new', () =>
      JSON.stringify(kasmDiagnostics(course).map(codeOf).filter((c) => c !== 'version-unreleased')) === JSON.stringify(codesBefore)
      && kasmDiagnostics(course).some((d) => codeOf(d) === 'version-unreleased'));
    const again = await vscode.commands.executeCommand<AddVersionSummary>('kasm.addKasmVersion', '1.20.x', [course]);
    assert.deepEqual(again.skipped.map((s) => s.reason), ['already has 1.20.x']);
    await vscode.commands.executeCommand('workbench.action.files.revert', course);
    assert.equal(document.getText(), before);
    assert.equal(await vscode.commands.executeCommand('kasm.addKasmVersion', '1.25.x', [course]), undefined, 'an unknown version is refused');
  });

  it('shows the whole registry in the gallery, problems marked on the cards', async () => {
    const api = vscode.extensions.getExtension<KasmExtensionApi>(EXTENSION_ID)?.exports as KasmExtensionApi;
    await open(entry('Data Science Lab'));
    await waitFor('diagnostics', () => kasmDiagnostics(entry('Data Science Lab')).length > 0);
    await vscode.commands.executeCommand('kasm.previewRegistry');
    const html = await waitFor('the gallery', () => (/Data Science Lab.*✖ 1/s.test(api.galleryHtml()) ? api.galleryHtml() : undefined));
    assert.match(html, /Course Desktop/);
    // The admin's view offers the releases that read the registry's schema, newest first (#29.1).
    assert.match(html, /<select id="kasmVersion"><option value="">\(any release\)<\/option><option value="1\.19\.0">/);
  });

  it('links a problem\'s code to its rule\'s page, shipped in the extension and opened without a network', async () => {
    const uri = entry('Data Science Lab');
    await open(uri);
    const problem = await waitFor('a Kasm problem', () => kasmDiagnostics(uri)[0]);
    const code = problem.code as { value: string; target: vscode.Uri };
    assert.equal(code.target.scheme, 'command', 'the link runs the command, not a github.com page');
    assert.equal(code.target.path, 'kasm.showRuleDocumentation');
    assert.deepEqual(JSON.parse(decodeURIComponent(code.target.query)), [code.value]);
    // What clicking the code does: the command with the code, as the link passes it.
    const page = await vscode.commands.executeCommand<vscode.Uri>('kasm.showRuleDocumentation', code.value);
    const text = (await vscode.workspace.openTextDocument(page)).getText();
    assert.match(text, new RegExp(`^# \`${code.value}\`\n\n\\S`));
    assert.match(text, /- \*\*Usual severity:\*\* (error|warning|info|hint)/);
    assert.match(text, /- \*\*Evidence:\*\* §/);
  });

  it('Check Whole Registry checks every entry now and says what the Problems panel then shows', async () => {
    type Totals = { entries: number; errors: number; warnings: number };
    const before = await vscode.commands.executeCommand<Totals>('kasm.checkRegistry');
    assert.ok(before.entries >= 2 && before.errors >= 1, `Data Science Lab has an error: ${JSON.stringify(before)}`);
    // An entry written behind the editor's back, never opened: the next check counts it and shows its problem.
    const broken = entry('Broken Now');
    fs.mkdirSync(path.dirname(broken.fsPath), { recursive: true });
    fs.writeFileSync(broken.fsPath, '{ "friendly_name": "Broken Now", }');
    try {
      const after = await vscode.commands.executeCommand<Totals>('kasm.checkRegistry');
      assert.equal(after.entries, before.entries + 1);
      assert.ok(after.errors > before.errors, JSON.stringify(after));
      assert.ok(kasmDiagnostics(broken).some((d) => codeOf(d) === 'syntax-error'), 'in the Problems panel');
    } finally {
      fs.rmSync(path.dirname(broken.fsPath), { recursive: true });
    }
  });

  it('offers the whole-entry skeletons for an empty file and through Insert Snippet, and no snippet while typing in an entry', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'kasm-workspace', content: '' });
    const editor = await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('editor.action.insertSnippet', { name: 'Kasm workspace entry (registry schema 1.1)' });
    await waitFor('the skeleton', () => document.getText().includes('"compatibility"'));
    assert.match(document.getText(), /^\{\n\s+"friendly_name": "My Workspace",[\s\S]*"uncompressed_size_mb": 0\n\s+\}\n\s+\]\n\}$/);
    await vscode.commands.executeCommand('undo');
    // Typing inside an entry: VS Code's own snippet completion offers none of ours (they have no prefix).
    const uri = entry('Course Desktop');
    await open(uri);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(1, 2));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('exec_config'), labels.join(', '));
    assert.ok(!labels.some((l) => l.startsWith('Kasm ')), `no snippet among ${labels.join(', ')}`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    assert.ok(editor);
  });
});
