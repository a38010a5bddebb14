/** The extension on a desktop (package.json `main`): the language server in Node, new entries written to disk. */
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { KasmExtensionApi, activateWith } from './activate';
import { startLanguageClient } from './languageClient';
import { NewWorkspace } from './newEntry';
import { createWorkspace } from './scaffold';
import { hasExternalInterface } from './network';
import { registerOnlineImages } from './onlineImages';

export type { KasmExtensionApi } from './activate';

let client: BaseLanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<KasmExtensionApi> {
  const writeToDisk = (entry: NewWorkspace<vscode.Uri>) => Promise.resolve(vscode.Uri.file(
    createWorkspace({ ...entry, workspacesFolder: entry.workspacesFolder.fsPath, iconSource: entry.iconSource.fsPath })));
  const started = await activateWith(context, startLanguageClient(context), writeToDisk);
  client = started.client;
  registerOnlineImages(context, started.client, () => hasExternalInterface(os.networkInterfaces()));
  return started.api;
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
