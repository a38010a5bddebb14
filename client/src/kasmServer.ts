import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  ENTRY_SUMMARIES_REQUEST, EntrySummariesParams, EntrySummariesResult, REGISTRY_SCHEMA_REQUEST, REGISTRY_VIEW_REQUEST, RegistrySchemaParams,
  RegistrySchemaResult, RegistryViewParams, RegistryViewResult,
} from '../../server/src/clientApi';
import { PreviewModel, previewModel } from './previewHtml';

/**
 * What the extension asks the language server about entries: the server reads and judges them with the same rules
 * as its diagnostics, so the previews and New Kasm Workspace… never disagree with the Problems panel (#16.8).
 */
export class KasmServer {
  constructor(private readonly client: Promise<BaseLanguageClient>) {}

  /** Cards for these entries as the webview shows them (undefined for a file that is no Kasm entry). */
  async cards(entries: readonly vscode.Uri[], webview: vscode.Webview): Promise<(PreviewModel | undefined)[]> {
    const client = await this.client;
    const summaries = await client.sendRequest<EntrySummariesResult>(ENTRY_SUMMARIES_REQUEST,
      { uris: entries.map((uri) => uri.toString()) } satisfies EntrySummariesParams);
    return entries.map((entry, i) => {
      const summary = summaries[i];
      if (!summary) return undefined;
      // The file's change stamp in the query makes the webview load an icon again after it changed on disk, and only then.
      const iconSrc = summary.icon && `${webview.asWebviewUri(vscode.Uri.parse(summary.icon.uri)).toString()}?v=${encodeURIComponent(summary.icon.stamp)}`;
      const diagnostics = vscode.languages.getDiagnostics(entry).filter((d) => d.source === 'kasm');
      return previewModel(summary, iconSrc, {
        errors: diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length,
        warnings: diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length,
      });
    });
  }

  /** The releases and channels of the registry at `root`, and what an admin on the chosen release sees of it. */
  async registryView(root: vscode.Uri, chosen: { kasmVersion: string; channel: string }): Promise<RegistryViewResult> {
    const client = await this.client;
    return client.sendRequest<RegistryViewResult>(REGISTRY_VIEW_REQUEST, { uri: root.toString(), ...chosen } satisfies RegistryViewParams);
  }

  /** The schema a new entry in the registry at `root` should have, and how many entries the registry has. */
  async registrySchema(root: vscode.Uri): Promise<RegistrySchemaResult> {
    const client = await this.client;
    return client.sendRequest<RegistrySchemaResult>(REGISTRY_SCHEMA_REQUEST, { uri: root.toString() } satisfies RegistrySchemaParams);
  }
}
