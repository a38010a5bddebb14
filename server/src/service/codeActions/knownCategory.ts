import { modify } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeAction, CodeActionKind, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { KasmDiagnostic } from '../diagnostics/context';
import { fileUri, nodeAt } from '../document';
import { lintConfigFileFor, readLintConfigText } from '../lintConfig';
import { FixContext } from './fix';

const START = { line: 0, character: 0 };

/**
 * "Add "X" to the registry's categories" for a category called a misspelling that the registry means (#18): the
 * category goes into the registry's `.kasm-lint.json` (created at the registry's root when there is none), so no
 * entry is told again. Offered where the client can create files through an edit.
 */
export function knownCategoryActions(diagnostics: KasmDiagnostic[], { doc, fileSystem, fileEdits }: FixContext): CodeAction[] {
  if (!fileEdits || !fileSystem || !doc.filePath) return [];
  const entryFile = doc.filePath;
  return diagnostics.filter((d) => d.code === 'category-near-miss').flatMap((diagnostic) => {
    const category: unknown = nodeAt(doc, diagnostic.data.path)?.value;
    if (typeof category !== 'string') return [];
    const file = lintConfigFileFor(fileSystem, entryFile);
    const uri = fileUri(file);
    const text = readLintConfigText(fileSystem, file);
    let edit: WorkspaceEdit;
    if (typeof text === 'string') {
      let edits;
      try {
        edits = modify(text, ['categories', -1], category, { isArrayInsertion: true, formattingOptions: { insertSpaces: true, tabSize: 2 } });
      } catch {
        return [];
      }
      const config = TextDocument.create(uri, 'json', 0, text);
      const textEdits: TextEdit[] = edits.map((e) => ({
        range: { start: config.positionAt(e.offset), end: config.positionAt(e.offset + e.length) }, newText: e.content,
      }));
      edit = { documentChanges: [{ textDocument: { uri, version: null }, edits: textEdits }] };
    } else {
      const content = `${JSON.stringify({ categories: [category] }, null, 2)}\n`;
      edit = {
        documentChanges: [
          { kind: 'create', uri, options: { ignoreIfExists: true } },
          { textDocument: { uri, version: null }, edits: [{ range: { start: START, end: START }, newText: content }] },
        ],
      };
    }
    return [{ title: `Add "${category}" to the registry's categories (.kasm-lint.json)`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit }];
  });
}
