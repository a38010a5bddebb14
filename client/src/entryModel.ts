import * as vscode from 'vscode';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseKasmDocument } from '../../server/src/service/document';
import { inspectIcon } from '../../server/src/service/icon';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { RegistrySchemaSetting, detectSchemaVersion } from '../../server/src/service/schemaVersion';
import { PreviewModel, previewModel } from './previewHtml';

/**
 * What the webviews show of one entry: its text as open in the editor (or on disk), checked with the
 * language server's own code, its icon as a webview URI (only a file inside the entry's folder), and the
 * number of Kasm problems the server published for it.
 */
export async function loadEntryModel(entry: vscode.Uri, webview: vscode.Webview): Promise<PreviewModel> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === entry.toString());
  const text = open?.getText() ?? Buffer.from(await vscode.workspace.fs.readFile(entry)).toString('utf8');
  const parsed = parseKasmDocument(TextDocument.create(entry.toString(), 'json', open?.version ?? 0, text));
  const setting = vscode.workspace.getConfiguration('kasm', entry).get<RegistrySchemaSetting>('registrySchema', 'auto');
  const schema = detectSchemaVersion(parsed.value, setting).version;
  const imageSrc = (parsed.value as { image_src?: unknown } | undefined)?.image_src;
  const icon = inspectIcon(typeof imageSrc === 'string' ? imageSrc : '', entry.fsPath, nodeFileSystem);
  // The file's change stamp in the query makes the webview load an icon again after it changed on disk, and only then.
  const iconSrc = icon.kind === 'image'
    ? `${webview.asWebviewUri(vscode.Uri.file(icon.file))}?v=${encodeURIComponent(nodeFileSystem.changeStamp(icon.file) ?? '')}`
    : undefined;
  const diagnostics = vscode.languages.getDiagnostics(entry).filter((d) => d.source === 'kasm');
  return previewModel(parsed.value, schema, icon, iconSrc, {
    errors: diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length,
    warnings: diagnostics.filter((d) => d.severity === vscode.DiagnosticSeverity.Warning).length,
  });
}
