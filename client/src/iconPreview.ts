import * as path from 'node:path';
import * as vscode from 'vscode';
import { nodeFileSystem } from '../../server/src/nodeFileSystem';
import { loadEntryModel } from './entryModel';
import { newNonce } from './html';
import { renderPreview } from './previewHtml';

/**
 * "Kasm: Preview Workspace Icon": one webview beside the editor that shows the entry as a Kasm user sees it,
 * updated as the entry is typed, its icon changes or its problems change. It loads nothing but the icon,
 * and only from the entry's own folder.
 */
export class IconPreview implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private entry: vscode.Uri | undefined;
  private iconWatcher: vscode.FileSystemWatcher | undefined;
  private pending: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The HTML last shown, for tests and for nothing else. */
  html = '';

  constructor() {
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => { if (this.isEntry(e.document.uri)) this.scheduleRender(); }),
      vscode.languages.onDidChangeDiagnostics((e) => { if (e.uris.some((u) => this.isEntry(u))) this.scheduleRender(); }),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('kasm.registrySchema')) this.scheduleRender(); }),
    );
  }

  /** Shows the entry for a workspace.json, or for an icon file (the workspace.json next to it). */
  async show(target: vscode.Uri | undefined): Promise<void> {
    const uri = target ?? vscode.window.activeTextEditor?.document.uri;
    if (!uri || uri.scheme !== 'file') {
      void vscode.window.showErrorMessage('Kasm: open a workspace.json (or select its icon) to preview it.');
      return;
    }
    const entry = path.basename(uri.fsPath) === 'workspace.json' ? uri : vscode.Uri.file(path.join(path.dirname(uri.fsPath), 'workspace.json'));
    if (!nodeFileSystem.isFile(entry.fsPath) && !vscode.workspace.textDocuments.some((d) => d.uri.toString() === entry.toString())) {
      void vscode.window.showErrorMessage(`Kasm: there is no workspace.json next to ${path.basename(uri.fsPath)}.`);
      return;
    }
    this.entry = entry;
    const folder = vscode.Uri.file(path.dirname(entry.fsPath));
    if (this.panel) {
      this.panel.webview.options = { enableScripts: false, localResourceRoots: [folder] };
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
      this.panel = vscode.window.createWebviewPanel('kasm.iconPreview', 'Kasm Workspace Preview', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: false, localResourceRoots: [folder] });
      this.panel.onDidDispose(() => { this.panel = undefined; this.iconWatcher?.dispose(); this.iconWatcher = undefined; });
    }
    this.iconWatcher?.dispose();
    this.iconWatcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '*'));
    this.iconWatcher.onDidCreate(() => this.scheduleRender());
    this.iconWatcher.onDidChange(() => this.scheduleRender());
    this.iconWatcher.onDidDelete(() => this.scheduleRender());
    await this.render();
  }

  private isEntry(uri: vscode.Uri): boolean {
    return this.panel !== undefined && this.entry?.toString() === uri.toString();
  }

  private scheduleRender(): void {
    clearTimeout(this.pending);
    this.pending = setTimeout(() => void this.render(), 150);
  }

  private async render(): Promise<void> {
    const panel = this.panel;
    const entry = this.entry;
    if (!panel || !entry) return;
    const model = await loadEntryModel(entry, panel.webview);
    panel.title = `Preview: ${model.friendlyName || path.basename(path.dirname(entry.fsPath))}`;
    this.html = renderPreview(model, panel.webview.cspSource, newNonce());
    panel.webview.html = this.html;
  }

  dispose(): void {
    clearTimeout(this.pending);
    this.panel?.dispose();
    this.iconWatcher?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
