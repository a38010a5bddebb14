import { CodeAction, CodeActionKind } from 'vscode-languageserver-types';
import { KasmDiagnostic } from '../diagnostics/context';
import { nodeAt } from '../document';
import { FixContext } from './fix';

/** The VS Code extension's command that writes the placeholder PNG next to an entry (never over a file). */
export const CREATE_PLACEHOLDER_ICON_COMMAND = 'kasm.createPlaceholderIcon';

/**
 * "Create a placeholder icon" for an image_src naming a .png that is not there (#18): the file is binary, so the
 * extension writes it (a text edit cannot); offered only where the client runs the extension's commands.
 */
export function placeholderIconActions(diagnostics: KasmDiagnostic[], { doc, extensionCommands }: FixContext): CodeAction[] {
  if (!extensionCommands || !doc.filePath) return [];
  return diagnostics.filter((d) => d.code === 'icon-missing').flatMap((diagnostic) => {
    const name: unknown = nodeAt(doc, ['image_src'])?.value;
    // A plain file name of this folder only: anything else is reported as not plain, and has no file to create.
    if (typeof name !== 'string' || !/^[^/\\]+\.png$/i.test(name) || name.startsWith('.')) return [];
    const title = `Create a placeholder icon "${name}"`;
    const command = { title, command: CREATE_PLACEHOLDER_ICON_COMMAND, arguments: [doc.textDocument.uri, name] };
    return [{ title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], command }];
  });
}
