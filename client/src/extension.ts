import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/node';
import { IconPreview } from './iconPreview';
import { startLanguageClient } from './languageClient';
import { NewWorkspaceAnswers, newWorkspace } from './newWorkspace';
import { registerSchemaStatus } from './schemaStatus';

let client: LanguageClient | undefined;

/** What the extension exports: the preview's current HTML, read by the end-to-end tests. */
export interface KasmExtensionApi {
  previewHtml(): string;
}

export async function activate(context: vscode.ExtensionContext): Promise<KasmExtensionApi> {
  const preview = new IconPreview();
  context.subscriptions.push(
    preview,
    vscode.commands.registerCommand('kasm.previewIcon', (uri?: vscode.Uri) => preview.show(uri)),
    vscode.commands.registerCommand('kasm.newWorkspace', (folder?: vscode.Uri, answers?: NewWorkspaceAnswers) => newWorkspace(folder, answers)),
  );
  client = await startLanguageClient(context);
  registerSchemaStatus(context, client);
  return { previewHtml: () => preview.html };
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
