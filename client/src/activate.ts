import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { CREATE_PLACEHOLDER_ICON_COMMAND } from '../../server/src/clientApi';
import { registerEntryLanguage } from './entryLanguage';
import { IconPreview } from './iconPreview';
import { AddKasmVersion } from './addVersion';
import { KasmServer } from './kasmServer';
import { NewWorkspace } from './newEntry';
import { NewWorkspaceAnswers, NewWorkspaceCommand } from './newWorkspace';
import { createPlaceholderIcon } from './placeholderIcon';
import { RegistryGallery } from './registryGallery';
import { registerSchemaStatus } from './schemaStatus';
import { registerRuleDocumentation } from './ruleDocs';
import { registerServerCommands } from './serverCommands';
import { registerTrustStatus } from './trustStatus';
import { registerLintConfigStatus } from './lintConfigStatus';

/** What the extension exports: the webviews' current HTML, read by the end-to-end tests. */
export interface KasmExtensionApi {
  previewHtml(): string;
  /** How often the preview loaded its whole page (edits update it by message). */
  previewPageLoads(): number;
  galleryHtml(): string;
}

/**
 * Activation shared by the desktop (extension.ts) and the web (browserExtension.ts): the commands, webviews and
 * status items over a language client the caller starts, new entries written by the caller's writer. Returns the
 * client once it runs.
 */
export async function activateWith(
  context: vscode.ExtensionContext,
  start: Promise<BaseLanguageClient>,
  writeEntry: (entry: NewWorkspace<vscode.Uri>) => Promise<vscode.Uri>,
): Promise<{ api: KasmExtensionApi; client: BaseLanguageClient }> {
  const server = new KasmServer(start);
  const preview = new IconPreview(server);
  const gallery = new RegistryGallery(server);
  const placeholderIcon = vscode.Uri.joinPath(context.extensionUri, 'images', 'placeholder-icon.png');
  const newWorkspace = new NewWorkspaceCommand(placeholderIcon, server, writeEntry);
  const addVersion = new AddKasmVersion(start);
  context.subscriptions.push(
    preview,
    gallery,
    vscode.commands.registerCommand('kasm.previewRegistry', () => gallery.show()),
    // A code lens of the server passes the entry's URI as a string.
    vscode.commands.registerCommand('kasm.previewIcon', (uri?: vscode.Uri | string) => preview.show(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri)),
    vscode.commands.registerCommand(CREATE_PLACEHOLDER_ICON_COMMAND, (entryUri: string, name: string) =>
      createPlaceholderIcon(vscode.Uri.parse(entryUri), name, placeholderIcon)),
    vscode.commands.registerCommand('kasm.newWorkspace', (folder?: vscode.Uri, answers?: NewWorkspaceAnswers) => newWorkspace.run(folder, answers)),
    vscode.commands.registerCommand('kasm.addKasmVersion', (version?: string, entries?: vscode.Uri[]) =>
      addVersion.run(typeof version === 'string' ? version : undefined, Array.isArray(entries) ? entries : undefined)),
  );
  registerRuleDocumentation(context);
  const client = await start;
  registerServerCommands(context, client);
  registerTrustStatus(context);
  registerLintConfigStatus(context, client);
  registerSchemaStatus(context, client);
  registerEntryLanguage(context, client);
  const api = { previewHtml: () => preview.html, previewPageLoads: () => preview.pageLoads, galleryHtml: () => gallery.html };
  return { api, client };
}
