/**
 * The extension in VS Code for the Web (package.json `browser`): vscode.dev, github.dev, code-server's web-worker
 * extension host. The same features as on a desktop, with the language server in a web worker.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { KasmExtensionApi, activateWith } from './activate';
import { startBrowserLanguageClient } from './browserClient';

let client: BaseLanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<KasmExtensionApi> {
  const started = await activateWith(context, startBrowserLanguageClient(context));
  client = started.client;
  context.subscriptions.push(vscode.commands.registerCommand('kasm.newWorkspace', () => vscode.window.showInformationMessage(
    'Kasm: New Kasm Workspace… writes a new entry folder with the desktop app; in VS Code for the Web, copy an entry folder instead.')));
  return started.api;
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
