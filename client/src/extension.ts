/** The extension on a desktop (package.json `main`): the language server in Node, and New Kasm Workspace…. */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { KasmExtensionApi, activateWith } from './activate';
import { startLanguageClient } from './languageClient';
import { NewWorkspaceAnswers, NewWorkspaceCommand } from './newWorkspace';

export type { KasmExtensionApi } from './activate';

let client: BaseLanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<KasmExtensionApi> {
  const started = await activateWith(context, startLanguageClient(context));
  client = started.client;
  const newWorkspace = new NewWorkspaceCommand(context.asAbsolutePath('images/placeholder-icon.png'), started.server);
  context.subscriptions.push(
    vscode.commands.registerCommand('kasm.newWorkspace', (folder?: vscode.Uri, answers?: NewWorkspaceAnswers) => newWorkspace.run(folder, answers)),
  );
  return started.api;
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
