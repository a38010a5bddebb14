import * as vscode from 'vscode';
import { Utils } from 'vscode-uri';
import { KasmServer } from './kasmServer';
import { AdminView, GalleryCard, galleryBody, renderGallery } from './galleryHtml';
import { LiveWebview } from './liveWebview';
import { newNonce } from './html';

/**
 * Every workspace.json of the open folders, by the editor's own search: it skips what files.exclude and
 * search.exclude skip (node_modules, .git), without blocking.
 */
export function findEntryFiles(): Thenable<vscode.Uri[]> {
  return vscode.workspace.findFiles('**/workspace.json', '**/{node_modules,.git}/**');
}

/**
 * "Kasm: Preview Registry": the workspace folders' registries as their users browse them. One panel,
 * refreshed when entries, icons or problems change; a card opens its workspace.json.
 */
export class RegistryGallery implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private live: LiveWebview | undefined;
  private files: vscode.Uri[] = [];
  private pending: NodeJS.Timeout | undefined;
  /** What refreshes the open panel; made with the panel and gone with it, so a closed gallery watches nothing. */
  private watching: vscode.Disposable[] = [];
  /** The Kasm release and channel the admin's view is for ('' for none): chosen on the page, kept while it is open. */
  private chosen = { kasmVersion: '', channel: '' };
  /** The HTML last shown, for tests and for nothing else. */
  html = '';

  constructor(private readonly server: KasmServer) {}

  private watch(): vscode.Disposable[] {
    // Entries and their icons; problems of entries only (every keystroke anywhere changes some file's diagnostics).
    const watcher = vscode.workspace.createFileSystemWatcher('**/{workspace.json,*.png,*.svg}');
    const refresh = () => this.scheduleRender();
    const isEntry = (uri: vscode.Uri) => Utils.basename(uri) === 'workspace.json';
    return [
      watcher, watcher.onDidChange(refresh), watcher.onDidCreate(refresh), watcher.onDidDelete(refresh),
      vscode.languages.onDidChangeDiagnostics((e) => { if (e.uris.some(isEntry)) refresh(); }),
      vscode.workspace.onDidChangeTextDocument((e) => { if (isEntry(e.document.uri)) refresh(); }),
    ];
  }

  private stopWatching(): void {
    for (const subscription of this.watching) subscription.dispose();
    this.watching = [];
  }

  async show(): Promise<void> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    if (!folders.length) {
      void vscode.window.showErrorMessage('Kasm: open a registry folder to preview it.');
      return;
    }
    if (this.panel) {
      this.panel.reveal(undefined, true);
    } else {
      const panel = vscode.window.createWebviewPanel('kasm.registryGallery', 'Kasm Registry', vscode.ViewColumn.Active,
        { enableScripts: true, localResourceRoots: folders.map((f) => f.uri) });
      const live = new LiveWebview(panel.webview, (message) => this.open(message));
      panel.onDidDispose(() => { this.panel = undefined; live.dispose(); this.stopWatching(); });
      [this.panel, this.live] = [panel, live];
      this.watching = this.watch();
    }
    await this.render();
  }

  /** The page names a card by its index, or the admin's view by a release and channel; anything else is ignored. */
  private open(message: unknown): void {
    type Posted = { type?: unknown; index?: unknown; kasmVersion?: unknown; channel?: unknown };
    const { type, index, kasmVersion, channel } = (message ?? {}) as Posted;
    if (type === 'view' && typeof kasmVersion === 'string' && typeof channel === 'string' && kasmVersion.length < 100 && channel.length < 200) {
      this.chosen = { kasmVersion, channel };
      void this.render();
      return;
    }
    if (type !== 'open' || !Number.isInteger(index)) return;
    const file = this.files[index as number];
    if (file) void vscode.window.showTextDocument(file, { viewColumn: vscode.ViewColumn.Beside });
  }

  private scheduleRender(): void {
    if (!this.panel) return;
    clearTimeout(this.pending);
    this.pending = setTimeout(() => void this.render(), 300);
  }

  private async render(): Promise<void> {
    const { panel, live } = this;
    if (!panel || !live) return;
    const found = await findEntryFiles();
    const files = found.flatMap((file) => {
      const folder = vscode.workspace.getWorkspaceFolder(file);
      return folder ? [{ folder, file }] : [];
    }).sort((a, b) => a.file.path.localeCompare(b.file.path));
    const models = await this.server.cards(files.map(({ file }) => file), panel.webview).catch(() => []);
    const { admin, views } = await this.adminView(files.map(({ folder }) => folder));
    // A card's index names its file: only entries that could be read get both.
    const shown: { card: GalleryCard; file: vscode.Uri }[] = [];
    for (const [i, { folder, file }] of files.entries()) {
      const model = models[i];
      if (!model) continue;
      const inFolder = (uri: vscode.Uri) => uri.path.slice(folder.uri.path.replace(/\/$/, '').length + 1);
      shown.push({
        file,
        card: {
          friendlyName: model.friendlyName, description: model.description, categories: model.categories,
          iconSrc: model.iconSrc, folder: inFolder(Utils.dirname(file)), errors: model.problems.errors, warnings: model.problems.warnings,
          hostAccess: model.hostAccess, view: views.get(`${folder.uri.toString()}|${inFolder(file)}`),
        },
      });
    }
    this.files = shown.map(({ file }) => file);
    const cards = shown.map(({ card }) => card);
    this.html = renderGallery(cards, panel.webview.cspSource, newNonce(), admin);
    live.show(galleryBody(cards, admin), () => this.html);
  }

  /**
   * The releases and channels to choose from (over every folder's registry), and with a release chosen, what an admin
   * on it sees of each entry, keyed by folder and the entry's path in it. The server judges; the page only shows.
   */
  private async adminView(folders: readonly vscode.WorkspaceFolder[]): Promise<{ admin: AdminView; views: Map<string, GalleryCard['view']> }> {
    const releases = new Set<string>();
    const channels = new Set<string>();
    const views = new Map<string, GalleryCard['view']>();
    for (const folder of new Set(folders)) {
      const answer = await this.server.registryView(folder.uri, this.chosen).catch(() => undefined);
      answer?.releases.forEach((release) => releases.add(release));
      answer?.channels.forEach((channel) => channels.add(channel));
      for (const { entry, image } of answer?.view?.visible ?? []) views.set(`${folder.uri.toString()}|${entry}`, { image });
      for (const { entry, reason } of answer?.view?.hidden ?? []) views.set(`${folder.uri.toString()}|${entry}`, { hidden: reason });
    }
    return { admin: { releases: [...releases], channels: [...channels], ...this.chosen }, views };
  }

  dispose(): void {
    clearTimeout(this.pending);
    this.panel?.dispose();
    this.stopWatching();
  }
}
