// The extension in a real VS Code (code-server's extension host), through the real vscode API only.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { KasmExtensionApi } from '../../../client/src/extension';
import { compatibilityVersionsFor } from '../../../server/src/service/kasm/knowledge';

const EXTENSION_ID = 'kasm-registry-tools.kasm-workspace-registry';
const folder = () => (vscode.workspace.workspaceFolders ?? [])[0].uri;
const entry = (name: string) => vscode.Uri.joinPath(folder(), 'workspaces', name, 'workspace.json');

async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 30000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const kasmDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'kasm');
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

/** The language server processes this extension host started (their pids), found through /proc. */
function serverPids(): number[] {
  return fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name)).filter((pid) => {
    try {
      const parent = /^PPid:\s+(\d+)$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      return Number(parent) === process.pid && fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('dist/server.js');
    } catch {
      return false; // the process ended while it was read
    }
  }).map(Number);
}

/** What the extension wrote to its output channel (Output → Kasm Workspaces), as VS Code logs it. */
function outputChannel(): string {
  const logs = process.env.KASM_E2E_LOGS ?? '';
  return fs.readdirSync(logs, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('Kasm Workspaces.log'))
    .map((file) => fs.readFileSync(path.join(logs, file), 'utf8')).join('\n');
}

/**
 * Runs `body` with a workspace setting changed (for one language, when `languageId` is given), then puts it back,
 * whatever `body` did.
 */
async function withSetting<T>(
  setting: { section: string; key: string; value: unknown; languageId?: string }, body: () => Promise<T>,
): Promise<T> {
  const { section, key, value, languageId } = setting;
  const configuration = vscode.workspace.getConfiguration(section, languageId ? { languageId } : undefined);
  const inLanguage = languageId !== undefined;
  await configuration.update(key, value, vscode.ConfigurationTarget.Workspace, inLanguage);
  try {
    return await body();
  } finally {
    await configuration.update(key, undefined, vscode.ConfigurationTarget.Workspace, inLanguage);
  }
}

/** A workspace.json in a folder of its own outside the registry, which the other tests read as it is. */
function outsideEntry(name: string): vscode.Uri {
  const file = path.join(path.dirname(folder().fsPath), 'outside', name, 'workspace.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return vscode.Uri.file(file);
}

/**
 * Waits for `probe` about a file just written in a new folder. VS Code's file watcher can miss a file created
 * together with its folder; touching the file again while waiting gives it a change to report once it watches.
 */
async function seenOnDisk<T>(file: vscode.Uri, what: string, probe: () => T | undefined | false): Promise<T> {
  let touched = Date.now();
  return waitFor(what, () => {
    const value = probe();
    if (!value && Date.now() - touched > 1000) {
      fs.utimesSync(file.fsPath, new Date(), new Date());
      touched = Date.now();
    }
    return value;
  });
}

async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document);
}

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

  it('scaffolds a new workspace that our rules find clean, and refuses to overwrite it', async () => {
    const answers = {
      friendlyName: 'Robotics Club', image: 'myschool/robotics:1.0.0', categories: ['Development'], architectures: ['amd64'],
      versions: ['1.19.x'], uncompressedSizeMb: 3100, description: 'ROS and Gazebo for the robotics club.', icon: 'placeholder',
    };
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

  it('shows the whole registry in the gallery, problems marked on the cards', async () => {
    const api = vscode.extensions.getExtension<KasmExtensionApi>(EXTENSION_ID)?.exports as KasmExtensionApi;
    await open(entry('Data Science Lab'));
    await waitFor('diagnostics', () => kasmDiagnostics(entry('Data Science Lab')).length > 0);
    await vscode.commands.executeCommand('kasm.previewRegistry');
    const html = await waitFor('the gallery', () => (/Data Science Lab.*✖ 1/s.test(api.galleryHtml()) ? api.galleryHtml() : undefined));
    assert.match(html, /Course Desktop/);
    assert.match(html, /<option value="1\.21\.x">/);
  });

  it('fixes a problem with its quick fix, through the editor\'s code action provider', async () => {
    const uri = entry('Data Science Lab');
    const editor = await open(uri);
    const memory = await waitFor('the memory warning', () => kasmDiagnostics(uri).find((d) => codeOf(d) === 'memory-in-gb'));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, memory.range, vscode.CodeActionKind.QuickFix.value);
    const change = actions.find((a) => a.title === 'Change to 8000 MB (8 GB)');
    assert.ok(change?.edit, `actions: ${actions.map((a) => a.title).join(', ')}`);
    // Asked for (as Ctrl+. does), fix-all is among the quick fixes too.
    assert.ok(actions.some((a) => a.title === 'Fix all auto-fixable Kasm problems' && a.kind?.value === 'quickfix'), actions.map((a) => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(change.edit));
    assert.match(editor.document.getText(), /"memory": 8000/);
    await waitFor('the warning to go', () => !kasmDiagnostics(uri).some((d) => codeOf(d) === 'memory-in-gb'));
    await vscode.commands.executeCommand('undo');
  });

  it('creates a placeholder icon for an image_src that is missing, and never writes over a file', async () => {
    // In the registry, where the editor watches files: the new icon is seen there.
    const uri = entry('Iconless');
    const icon = path.join(path.dirname(uri.fsPath), 'iconless.png');
    fs.mkdirSync(path.dirname(uri.fsPath));
    fs.writeFileSync(uri.fsPath, '{\n  "friendly_name": "Iconless",\n  "image_src": "iconless.png"\n}\n');
    await open(uri);
    const missing = await waitFor('the missing icon', () => kasmDiagnostics(uri).find((d) => codeOf(d) === 'icon-missing'));
    const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, missing.range, vscode.CodeActionKind.QuickFix.value);
    const create = fixes.find((a) => a.title === 'Create a placeholder icon "iconless.png"');
    assert.ok(create?.command, fixes.map((a) => a.title).join(', '));
    await vscode.commands.executeCommand(create.command.command, ...(create.command.arguments ?? []));
    await waitFor('the icon problem to go', () => !kasmDiagnostics(uri).some((d) => codeOf(d) === 'icon-missing'));
    assert.deepEqual([...fs.readFileSync(icon).subarray(1, 4)], [...Buffer.from('PNG')]);
    fs.writeFileSync(icon, 'mine');
    await vscode.commands.executeCommand(create.command.command, ...(create.command.arguments ?? []));
    assert.equal(fs.readFileSync(icon, 'utf8'), 'mine', 'an existing file is left as it is');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    fs.rmSync(path.dirname(uri.fsPath), { recursive: true });
  });

  it('offers no quick fix that makes a duplicate, and removes one', async () => {
    const uri = outsideEntry('Duplicates');
    fs.writeFileSync(uri.fsPath, '{\n  "architecture": ["amd64", "i386"],\n  "categories": ["Desktop", "Desktop"]\n}\n');
    const editor = await open(uri);
    const i386 = await waitFor('the unknown architecture', () => kasmDiagnostics(uri).find((d) => codeOf(d) === 'unknown-value'));
    const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, i386.range, vscode.CodeActionKind.QuickFix.value);
    assert.deepEqual(fixes.map((a) => a.title).filter((t) => t.startsWith('Change to')), ['Change to "arm64"']);
    const duplicate = await waitFor('the duplicate category', () => kasmDiagnostics(uri).find((d) => codeOf(d) === 'duplicate-value'));
    const removals = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, duplicate.range, vscode.CodeActionKind.QuickFix.value);
    const remove = removals.find((a) => a.title === 'Remove the duplicate');
    assert.ok(remove?.edit, removals.map((a) => a.title).join(', '));
    assert.ok(await vscode.workspace.applyEdit(remove.edit));
    assert.match(editor.document.getText(), /"categories": \["Desktop"\]/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('links the icon, shows sizes in GB, and offers the preview as a code lens', async () => {
    const uri = entry('Course Desktop');
    await open(uri);
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', uri);
    assert.ok(links.some((l) => l.target?.fsPath.endsWith('course-desktop.png')), `links: ${links.map((l) => l.target?.toString()).join(', ')}`);
    const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', uri, new vscode.Range(0, 0, 40, 0));
    assert.ok(hints.some((h) => (typeof h.label === 'string' ? h.label : '') === '≈ 4.20 GB'), `hints: ${JSON.stringify(hints.map((h) => h.label))}`);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const preview = lenses.find((l) => l.command?.title === 'Preview icon');
    assert.ok(preview?.command);
    const api = vscode.extensions.getExtension<KasmExtensionApi>(EXTENSION_ID)?.exports as KasmExtensionApi;
    await vscode.commands.executeCommand(preview.command.command, ...(preview.command.arguments ?? []));
    await waitFor('the lens to open the preview', () => api.previewHtml().includes('Course Desktop'));
  });

  it('applies the safe fixes on save when editor.codeActionsOnSave asks for source.fixAll.kasm', async () => {
    const copy = outsideEntry('Lab');
    fs.copyFileSync(entry('Data Science Lab').fsPath, copy.fsPath);
    const fixAllOnSave = { section: 'editor', key: 'codeActionsOnSave', value: { 'source.fixAll.kasm': 'explicit' }, languageId: 'kasm-workspace' };
    await withSetting(fixAllOnSave, async () => {
      const editor = await open(copy);
      const bogusRegistry = () => kasmDiagnostics(copy).some((d) => codeOf(d) === 'docker-registry-bogus');
      await waitFor('the bogus registry URL to be reported', bogusRegistry);
      const all = new vscode.Range(0, 0, editor.document.lineCount, 0);
      const offered = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', copy, all, 'source.fixAll.kasm');
      assert.deepEqual(offered.map((a) => a.kind?.value), ['source.fixAll.kasm'], 'fix-all, asked for by its kind');
      // A change, so that the save is not skipped as a no-op.
      await editor.edit((edit) => edit.insert(new vscode.Position(editor.document.lineCount, 0), '\n'));
      await vscode.commands.executeCommand('workbench.action.files.save');
      await waitFor('the saved file to be fixed', () => fs.readFileSync(copy.fsPath, 'utf8').includes('"docker_registry": "https://index.docker.io/v1/"'));
      await waitFor('the fixed problem to go', () => !bogusRegistry());
      // The misspelt category, memory in GB and the image's capitals go too (#18: it fixed 1 of 10).
      const left = kasmDiagnostics(copy).map(codeOf);
      for (const fixed of ['category-near-miss', 'memory-in-gb', 'image-invalid']) assert.ok(!left.includes(fixed), `${fixed} in ${left.join(', ')}`);
      assert.ok(kasmDiagnostics(copy).some((d) => codeOf(d) === 'unknown-value'), 'a fix that needs a choice (i386) is left to the author');
    });
  });

  it('converts a registry schema 1.0 entry to 1.1 from its code lens', async () => {
    const old = outsideEntry('Browser');
    fs.writeFileSync(old.fsPath, JSON.stringify({
      description: 'A browser for the course.', docker_registry: 'https://index.docker.io/v1/', image_src: 'browser.png',
      name: 'myschool/browser:1.0.0', categories: ['Browser'], friendly_name: 'Browser', architecture: ['amd64'],
      compatibility: ['1.14.x', '1.15.x'], uncompressed_size_mb: 2170,
    }, null, 2));
    const editor = await open(old);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', old);
    const convert = lenses.find((l) => l.command?.title === 'Convert to registry schema 1.1');
    assert.ok(convert?.command, `lenses: ${lenses.map((l) => l.command?.title).join(', ')}`);
    await vscode.commands.executeCommand(convert.command.command, ...(convert.command.arguments ?? []));
    const converted = await waitFor('the entry in schema 1.1', () => {
      try {
        const entry = JSON.parse(editor.document.getText()) as { name?: string; compatibility: unknown[] };
        return entry.name === undefined && typeof entry.compatibility[0] === 'object' ? entry : undefined;
      } catch {
        return undefined;
      }
    });
    const versions = converted.compatibility.map((c) => (c as { version: string }).version);
    assert.ok(versions.length > 0 && versions.every((v) => compatibilityVersionsFor('1.1').some((known) => known.value === v)), `Kasm releases that read 1.1: ${versions.join(', ')}`);
    assert.equal((converted.compatibility[0] as { image: string }).image, 'myschool/browser:1.0.0');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

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
      const nxDocument = await vscode.workspace.openTextDocument(nx);
      await waitFor('the Nx file in JSON', () => vscode.workspace.textDocuments.some((d) => d.uri.toString() === nx.toString() && d.languageId === 'json'));
      // It was a Kasm document for a moment, until the switch; the server clears what it reported then.
      await waitFor('no Kasm problems on the JSON file', () => kasmDiagnostics(nxDocument.uri).length === 0);
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
