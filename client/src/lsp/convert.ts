/**
 * Conversions between LSP's JSON shapes and VS Code's API objects, for the features the Kasm server offers.
 * Enumerations that VS Code numbers from 0 and LSP from 1 (completion and symbol kinds) differ by one.
 */
import * as vscode from 'vscode';
import type * as lsp from 'vscode-languageserver-protocol';

export const toPosition = (position: lsp.Position): vscode.Position => new vscode.Position(position.line, position.character);

export const toRange = (range: lsp.Range): vscode.Range => new vscode.Range(toPosition(range.start), toPosition(range.end));

export const fromPosition = (position: vscode.Position): lsp.Position => ({ line: position.line, character: position.character });

export const fromRange = (range: vscode.Range): lsp.Range => ({ start: fromPosition(range.start), end: fromPosition(range.end) });

export const textDocumentOf = (document: vscode.TextDocument): lsp.TextDocumentIdentifier => ({ uri: document.uri.toString() });

export function toMarkdown(content: string | lsp.MarkupContent | lsp.MarkedString): vscode.MarkdownString {
  if (typeof content === 'string') return new vscode.MarkdownString(content);
  if ('language' in content) return new vscode.MarkdownString().appendCodeblock(content.value, content.language);
  return content.kind === 'markdown' ? new vscode.MarkdownString(content.value) : new vscode.MarkdownString().appendText(content.value);
}

export function toHover(hover: lsp.Hover): vscode.Hover {
  const contents = Array.isArray(hover.contents) ? hover.contents : [hover.contents];
  return new vscode.Hover(contents.map(toMarkdown), hover.range && toRange(hover.range));
}

export const toTextEdit = (edit: lsp.TextEdit): vscode.TextEdit => vscode.TextEdit.replace(toRange(edit.range), edit.newText);

export const toCommand = (command: lsp.Command): vscode.Command => ({ title: command.title, command: command.command, arguments: command.arguments });

/** The Kasm server edits with `changes` only: the client does not announce `documentChanges`. */
export function toWorkspaceEdit(edit: lsp.WorkspaceEdit): vscode.WorkspaceEdit {
  const result = new vscode.WorkspaceEdit();
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) result.set(vscode.Uri.parse(uri), edits.map(toTextEdit));
  return result;
}

const SEVERITIES: Record<lsp.DiagnosticSeverity, vscode.DiagnosticSeverity> = {
  1: vscode.DiagnosticSeverity.Error,
  2: vscode.DiagnosticSeverity.Warning,
  3: vscode.DiagnosticSeverity.Information,
  4: vscode.DiagnosticSeverity.Hint,
};

const DIAGNOSTIC_TAGS: Record<lsp.DiagnosticTag, vscode.DiagnosticTag> = {
  1: vscode.DiagnosticTag.Unnecessary,
  2: vscode.DiagnosticTag.Deprecated,
};

/**
 * What the server sent for each diagnostic VS Code shows. Code action requests send these back unchanged, with
 * their `data`; VS Code hands a code action provider the very objects its collection holds.
 */
const sentByServer = new WeakMap<vscode.Diagnostic, lsp.Diagnostic>();

export function toDiagnostic(diagnostic: lsp.Diagnostic): vscode.Diagnostic {
  // LSP 3.18 allows markup in a message; VS Code's Problems panel shows plain text.
  const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
  const result = new vscode.Diagnostic(toRange(diagnostic.range), message, SEVERITIES[diagnostic.severity ?? 1]);
  result.source = diagnostic.source;
  if (diagnostic.code !== undefined) {
    const href = diagnostic.codeDescription?.href;
    result.code = href ? { value: diagnostic.code, target: vscode.Uri.parse(href) } : diagnostic.code;
  }
  if (diagnostic.tags) result.tags = diagnostic.tags.map((tag) => DIAGNOSTIC_TAGS[tag]);
  if (diagnostic.relatedInformation) {
    result.relatedInformation = diagnostic.relatedInformation.map((related) => new vscode.DiagnosticRelatedInformation(
      new vscode.Location(vscode.Uri.parse(related.location.uri), toRange(related.location.range)), related.message));
  }
  sentByServer.set(result, diagnostic);
  return result;
}

/** The server's own diagnostic where VS Code passes one of ours; otherwise (another source's) rebuilt from it. */
export function fromDiagnostic(diagnostic: vscode.Diagnostic): lsp.Diagnostic {
  const sent = sentByServer.get(diagnostic);
  if (sent) return sent;
  const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
  return { range: fromRange(diagnostic.range), message: diagnostic.message, severity: diagnostic.severity + 1 as lsp.DiagnosticSeverity, source: diagnostic.source, code };
}

function toCompletionItem(item: lsp.CompletionItem): vscode.CompletionItem {
  const label = item.labelDetails ? { label: item.label, ...item.labelDetails } : item.label;
  const result = new vscode.CompletionItem(label, item.kind === undefined ? undefined : item.kind - 1);
  const snippet = item.insertTextFormat === 2;
  const asInserted = (text: string) => (snippet ? new vscode.SnippetString(text) : text);
  result.detail = item.detail;
  if (item.documentation !== undefined) result.documentation = toMarkdown(item.documentation);
  result.sortText = item.sortText;
  result.filterText = item.filterText;
  result.preselect = item.preselect;
  if (item.textEdit) {
    result.insertText = asInserted(item.textEdit.newText);
    result.range = 'range' in item.textEdit
      ? toRange(item.textEdit.range)
      : { inserting: toRange(item.textEdit.insert), replacing: toRange(item.textEdit.replace) };
  } else if (item.insertText !== undefined) {
    result.insertText = asInserted(item.insertText);
  }
  if (item.additionalTextEdits) result.additionalTextEdits = item.additionalTextEdits.map(toTextEdit);
  result.commitCharacters = item.commitCharacters;
  if (item.command) result.command = toCommand(item.command);
  if (item.tags?.includes(1) || item.deprecated) result.tags = [vscode.CompletionItemTag.Deprecated];
  return result;
}

export function toCompletionList(result: lsp.CompletionItem[] | lsp.CompletionList): vscode.CompletionList {
  return Array.isArray(result)
    ? new vscode.CompletionList(result.map(toCompletionItem))
    : new vscode.CompletionList(result.items.map(toCompletionItem), result.isIncomplete);
}

export function toCodeAction(action: lsp.CodeAction | lsp.Command): vscode.CodeAction | vscode.Command {
  if (typeof action.command === 'string') return toCommand(action as lsp.Command);
  const literal = action as lsp.CodeAction;
  const result = new vscode.CodeAction(literal.title, literal.kind === undefined ? undefined : vscode.CodeActionKind.Empty.append(literal.kind));
  if (literal.diagnostics) result.diagnostics = literal.diagnostics.map(toDiagnostic);
  if (literal.edit) result.edit = toWorkspaceEdit(literal.edit);
  if (literal.command) result.command = toCommand(literal.command);
  result.isPreferred = literal.isPreferred;
  if (literal.disabled) result.disabled = literal.disabled;
  return result;
}

export function toDocumentLink(link: lsp.DocumentLink): vscode.DocumentLink {
  const result = new vscode.DocumentLink(toRange(link.range), link.target === undefined ? undefined : vscode.Uri.parse(link.target));
  result.tooltip = link.tooltip;
  return result;
}

export function toInlayHint(hint: lsp.InlayHint): vscode.InlayHint {
  const label = typeof hint.label === 'string' ? hint.label : hint.label.map((part) => {
    const result = new vscode.InlayHintLabelPart(part.value);
    if (part.tooltip !== undefined) result.tooltip = typeof part.tooltip === 'string' ? part.tooltip : toMarkdown(part.tooltip);
    if (part.command) result.command = toCommand(part.command);
    return result;
  });
  const result = new vscode.InlayHint(toPosition(hint.position), label, hint.kind);
  if (hint.tooltip !== undefined) result.tooltip = typeof hint.tooltip === 'string' ? hint.tooltip : toMarkdown(hint.tooltip);
  if (hint.textEdits) result.textEdits = hint.textEdits.map(toTextEdit);
  result.paddingLeft = hint.paddingLeft;
  result.paddingRight = hint.paddingRight;
  return result;
}

export const toCodeLens = (lens: lsp.CodeLens): vscode.CodeLens => new vscode.CodeLens(toRange(lens.range), lens.command && toCommand(lens.command));

export function toDocumentSymbol(symbol: lsp.DocumentSymbol): vscode.DocumentSymbol {
  const result = new vscode.DocumentSymbol(symbol.name, symbol.detail ?? '', symbol.kind - 1, toRange(symbol.range), toRange(symbol.selectionRange));
  result.children = (symbol.children ?? []).map(toDocumentSymbol);
  if (symbol.tags?.includes(1)) result.tags = [vscode.SymbolTag.Deprecated];
  return result;
}

const FOLDING_KINDS: Record<string, vscode.FoldingRangeKind> = {
  comment: vscode.FoldingRangeKind.Comment,
  imports: vscode.FoldingRangeKind.Imports,
  region: vscode.FoldingRangeKind.Region,
};

export const toFoldingRange = (range: lsp.FoldingRange): vscode.FoldingRange =>
  new vscode.FoldingRange(range.startLine, range.endLine, range.kind === undefined ? undefined : FOLDING_KINDS[range.kind]);

export const toSelectionRange = (range: lsp.SelectionRange): vscode.SelectionRange =>
  new vscode.SelectionRange(toRange(range.range), range.parent && toSelectionRange(range.parent));
