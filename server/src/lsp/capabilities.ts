import { CodeActionKind, FileSystemWatcher, ServerCapabilities, TextDocumentSyncKind, WatchKind } from 'vscode-languageserver';
import { CONVERT_SCHEMA_KIND, FIX_ALL_KIND } from '../service/codeActions/index';
import { LINT_CONFIG_FILE } from '../service/lintConfig';

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

/**
 * The files whose changes the server asks the editor to report: icons appearing or vanishing change the problems of
 * the entries next to them; entries, the site config and `.kasm-lint.json` changed outside the editor change the
 * registry's.
 */
export const WATCHED_FILES: FileSystemWatcher[] = [
  { globPattern: '**/*.{png,svg,PNG,SVG,jpg,jpeg,gif,webp,ico}' }, { globPattern: '**/workspace.json' }, { globPattern: '**/site/next.config.js' },
  { globPattern: `**/${LINT_CONFIG_FILE}` },
  // Folders deleted whole: the editor reports the folder, not each workspace.json in it.
  { globPattern: '**/*', kind: WatchKind.Delete },
];
