import * as vscode from 'vscode';
import { IconPreview } from './iconPreview';
import { RegistryGallery } from './registryGallery';
import type { LanguageClient } from 'vscode-languageclient/node';
import { startLanguageClient } from './languageClient';
import { KasmServer } from './kasmServer';
import { NewWorkspaceAnswers, NewWorkspaceCommand } from './newWorkspace';
import { registerSchemaStatus } from './schemaStatus';
import { registerEntryLanguage } from './entryLanguage';
import { createPlaceholderIcon } from './placeholderIcon';
import { CREATE_PLACEHOLDER_ICON_COMMAND } from '../../server/src/clientApi';

let client: LanguageClient | undefined;

/** What the extension exports: the webviews' current HTML, read by the end-to-end tests. */
export interface KasmExtensionApi {
  previewHtml(): string;
  /** How often the preview loaded its whole page (edits update it by message). */
  previewPageLoads(): number;
  galleryHtml(): string;
}

export async function activate(context: vscode.ExtensionContext): Promise<KasmExtensionApi> {
  const started = startLanguageClient(context);
  const server = new KasmServer(started);
  const preview = new IconPreview(server);
  const gallery = new RegistryGallery(server);
  const placeholderIcon = context.asAbsolutePath('images/placeholder-icon.png');
  const newWorkspace = new NewWorkspaceCommand(placeholderIcon, server);
  context.subscriptions.push(
    preview,
    gallery,
    vscode.commands.registerCommand('kasm.previewRegistry', () => gallery.show()),
    // A code lens of the server passes the entry's URI as a string.
    vscode.commands.registerCommand('kasm.previewIcon', (uri?: vscode.Uri | string) => preview.show(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri)),
    vscode.commands.registerCommand(CREATE_PLACEHOLDER_ICON_COMMAND, (entryUri: string, name: string) =>
      createPlaceholderIcon(vscode.Uri.parse(entryUri), name, placeholderIcon)),
    vscode.commands.registerCommand('kasm.newWorkspace', (folder?: vscode.Uri, answers?: NewWorkspaceAnswers) => newWorkspace.run(folder, answers)),
  );
  client = await started;
  registerSchemaStatus(context, client);
  registerEntryLanguage(context, client);
  return { previewHtml: () => preview.html, previewPageLoads: () => preview.pageLoads, galleryHtml: () => gallery.html };
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
