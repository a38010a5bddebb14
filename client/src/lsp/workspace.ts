/**
 * The server's requests about the workspace: the settings it pulls (workspace/configuration), the file and
 * settings changes it registers to hear of (client/registerCapability), and the workspace folder changes its
 * capabilities ask for. One instance per server process.
 */
import * as vscode from 'vscode';
import type * as lsp from 'vscode-languageserver-protocol';
import type { Notify } from './rpc';

/** File events are sent in batches, so that a checkout or a generator touching many files is one message. */
const FILE_EVENT_BATCH_MS = 250;

const enum WatchKind { Create = 1, Change = 2, Delete = 4 }
const enum FileChangeType { Created = 1, Changed = 2, Deleted = 3 }

/** Answers workspace/configuration from VS Code's settings, scoped to each item's resource. */
export function configuration({ items }: lsp.ConfigurationParams): unknown[] {
  return items.map(({ section, scopeUri }) => {
    const value = vscode.workspace.getConfiguration(undefined, scopeUri ? vscode.Uri.parse(scopeUri) : undefined).get(section ?? '');
    // Settings objects carry proxies and functions; the server gets plain JSON.
    return value === undefined ? null : JSON.parse(JSON.stringify(value));
  });
}

export class WorkspaceRegistrations implements vscode.Disposable {
  private readonly registrations = new Map<string, vscode.Disposable>();
  private folderChanges: vscode.Disposable | undefined;
  private fileEvents: lsp.FileEvent[] = [];
  private fileEventTimer: NodeJS.Timeout | undefined;

  constructor(private readonly notify: Notify) {}

  register({ registrations }: lsp.RegistrationParams): void {
    for (const { id, method, registerOptions } of registrations) {
      if (method === 'workspace/didChangeWatchedFiles') {
        this.registrations.set(id, this.watch((registerOptions as lsp.DidChangeWatchedFilesRegistrationOptions).watchers));
      } else if (method === 'workspace/didChangeConfiguration') {
        const { section } = (registerOptions ?? {}) as { section?: string | string[] };
        const sections = section === undefined ? [] : [section].flat();
        this.registrations.set(id, vscode.workspace.onDidChangeConfiguration((event) => {
          // The server pulls what it needs (workspace/configuration); the notification only says when.
          if (sections.length === 0 || sections.some((s) => event.affectsConfiguration(s))) this.notify('workspace/didChangeConfiguration', { settings: null });
        }));
      } else {
        throw new Error(`This client cannot register ${method}.`);
      }
    }
  }

  /** Tells the server of workspace folders added and removed. */
  followWorkspaceFolders(): void {
    const asFolder = (folder: vscode.WorkspaceFolder): lsp.WorkspaceFolder => ({ uri: folder.uri.toString(), name: folder.name });
    this.folderChanges ??= vscode.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
      const event: lsp.WorkspaceFoldersChangeEvent = { added: added.map(asFolder), removed: removed.map(asFolder) };
      this.notify('workspace/didChangeWorkspaceFolders', { event });
    });
  }

  unregister({ unregisterations }: lsp.UnregistrationParams): void {
    for (const { id } of unregisterations) {
      this.registrations.get(id)?.dispose();
      this.registrations.delete(id);
    }
  }

  dispose(): void {
    for (const registration of this.registrations.values()) registration.dispose();
    this.registrations.clear();
    this.folderChanges?.dispose();
    clearTimeout(this.fileEventTimer);
  }

  private watch(watchers: lsp.FileSystemWatcher[]): vscode.Disposable {
    const disposables = watchers.flatMap(({ globPattern, kind = WatchKind.Create | WatchKind.Change | WatchKind.Delete }) => {
      const pattern = typeof globPattern === 'string' ? globPattern : new vscode.RelativePattern(
        vscode.Uri.parse(typeof globPattern.baseUri === 'string' ? globPattern.baseUri : globPattern.baseUri.uri), globPattern.pattern);
      const watcher = vscode.workspace.createFileSystemWatcher(pattern, !(kind & WatchKind.Create), !(kind & WatchKind.Change), !(kind & WatchKind.Delete));
      return [
        watcher,
        watcher.onDidCreate((uri) => this.fileChanged(uri, FileChangeType.Created)),
        watcher.onDidChange((uri) => this.fileChanged(uri, FileChangeType.Changed)),
        watcher.onDidDelete((uri) => this.fileChanged(uri, FileChangeType.Deleted)),
      ];
    });
    return vscode.Disposable.from(...disposables);
  }

  private fileChanged(uri: vscode.Uri, type: FileChangeType): void {
    this.fileEvents.push({ uri: uri.toString(), type });
    this.fileEventTimer ??= setTimeout(() => {
      this.fileEventTimer = undefined;
      const changes = this.fileEvents;
      this.fileEvents = [];
      this.notify('workspace/didChangeWatchedFiles', { changes });
    }, FILE_EVENT_BATCH_MS);
  }
}
