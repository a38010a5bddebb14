import * as vscode from 'vscode';
import { Utils } from 'vscode-uri';
import { KasmServer } from './kasmServer';
import { newNonce } from './html';
import { LiveWebview } from './liveWebview';
import { previewBody, renderPreview } from './previewHtml';

/**
 * "Kasm: Preview Workspace Icon": one webview beside the editor that shows the entry as a Kasm user sees it,
 * updated as the entry is typed, its icon changes or its problems change. It loads nothing but the icon,
 * and only from the entry's own folder.
 */
export class IconPreview implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private live: LiveWebview | undefined;
  private entry: vscode.Uri | undefined;
  private iconWatcher: vscode.FileSystemWatcher | undefined;
  private pending: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The HTML last shown, for tests and for nothing else. */
  html = '';

  constructor(private readonly server: KasmServer) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => { if (this.isEntry(e.document.uri)) this.scheduleRender(); }),
      vscode.languages.onDidChangeDiagnostics((e) => { if (e.uris.some((u) => this.isEntry(u))) this.scheduleRender(); }),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('kasm.registrySchema')) this.scheduleRender(); }),
    );
  }

  /** Shows the entry for a workspace.json, or for an icon file (the workspace.json next to it). */
  async show(target: vscode.Uri | undefined): Promise<void> {
    const uri = target ?? vscode.window.activeTextEditor?.document.uri;
    if (!uri || uri.scheme === 'untitled') {
      void vscode.window.showErrorMessage('Kasm: open a workspace.json (or select its icon) to preview it.');
      return;
    }
    const entry = Utils.basename(uri) === 'workspace.json' ? uri : Utils.joinPath(Utils.dirname(uri), 'workspace.json');
    const exists = await vscode.workspace.fs.stat(entry).then((stat) => stat.type !== vscode.FileType.Directory, () => false);
    if (!exists && !vscode.workspace.textDocuments.some((d) => d.uri.toString() === entry.toString())) {
      void vscode.window.showErrorMessage(`Kasm: there is no workspace.json next to ${Utils.basename(uri)}.`);
      return;
    }
    const folder = Utils.dirname(entry);
    // Only the update script runs; icons load only from the entry's own folder.
    const options = { enableScripts: true, localResourceRoots: [folder] };
    if (this.panel && this.live) {
      if (this.entry?.toString() !== entry.toString()) {
        this.panel.webview.options = options;
        this.live.reload();
      }
      this.panel.reveal(vscode.ViewColumn.Beside, true);
    } else {
      const panel = vscode.window.createWebviewPanel('kasm.iconPreview', 'Kasm Workspace Preview', { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, options);
      const live = new LiveWebview(panel.webview);
      panel.onDidDispose(() => { this.panel = undefined; live.dispose(); this.iconWatcher?.dispose(); this.iconWatcher = undefined; });
      [this.panel, this.live] = [panel, live];
    }
    this.entry = entry;
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

  /** How often the preview's whole page was loaded, for tests: edits update it by message. */
  get pageLoads(): number {
    return this.live?.pageLoads ?? 0;
  }

  private scheduleRender(): void {
    clearTimeout(this.pending);
    // A short pause gathers a keystroke's document change and the diagnostics that follow it.
    this.pending = setTimeout(() => void this.render(), 50);
  }

  private async render(): Promise<void> {
    const { panel, live, entry } = this;
    if (!panel || !live || !entry) return;
    // The server stopped (a restart, the window closing): the preview keeps what it shows.
    const cards = await this.server.cards([entry], panel.webview).catch(() => undefined);
    if (!cards) return;
    const [model] = cards;
    if (!model) {
      live.show('<p>This workspace.json is not a Kasm entry, or cannot be read.</p>', () => this.html);
      return;
    }
    panel.title = `Preview: ${model.friendlyName || Utils.basename(Utils.dirname(entry))}`;
    this.html = renderPreview(model, panel.webview.cspSource, newNonce());
    live.show(previewBody(model), () => this.html);
  }

  dispose(): void {
    clearTimeout(this.pending);
    this.panel?.dispose();
    this.iconWatcher?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
