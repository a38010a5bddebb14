import { CodeActionKind, ServerCapabilities, TextDocumentSyncKind } from 'vscode-languageserver';
import { CONVERT_SCHEMA_KIND, FIX_ALL_KIND } from '../service/codeActions/index';

/** What the server offers; code lenses only to the VS Code extension, which has the commands they run. */
export function serverCapabilities(extensionCommands: boolean): ServerCapabilities {
  return {
    textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
    completionProvider: { triggerCharacters: ['"', ':'] },
    hoverProvider: true,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, CONVERT_SCHEMA_KIND] },
    documentFormattingProvider: true,
    documentLinkProvider: {},
    inlayHintProvider: true,
    ...(extensionCommands ? { codeLensProvider: {} } : {}),
    documentSymbolProvider: true,
    foldingRangeProvider: true,
    selectionRangeProvider: true,
    // A folder added to the workspace gets its registry checked; a removed one's problems go.
    workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
  };
}
