/**
 * The extension in VS Code for the Web (package.json `browser`): vscode.dev, github.dev, code-server's web-worker
 * extension host. The same features as on a desktop, with the language server in a web worker and new entries
 * written through the editor.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { KasmExtensionApi, activateWith } from './activate';
import { startBrowserLanguageClient } from './browserClient';
import { createWorkspaceWithEdit } from './workspaceEditScaffold';

let client: BaseLanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<KasmExtensionApi> {
  const started = await activateWith(context, startBrowserLanguageClient(context), createWorkspaceWithEdit);
  client = started.client;
  return started.api;
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
