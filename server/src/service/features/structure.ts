import { Node, format } from 'jsonc-parser';
import {
  DocumentSymbol, FoldingRange, FormattingOptions, Position, SelectionRange, SymbolKind, TextEdit,
} from 'vscode-languageserver-types';
import { KasmDocument, positionAt, rangeOf } from '../document';

/**
 * The structural features VS Code's JSON service would give a .json file (workspace.json has its own
 * language id, so that service does not run on it): formatting, outline, folding, selection ranges.
 */

export function formatDocument(doc: KasmDocument, options: FormattingOptions): TextEdit[] {
  // Formatting a file that does not parse could move text the user has not finished writing.
  if (doc.syntaxErrors.length || doc.degraded) return [];
  return format(doc.textDocument.getText(), undefined, {
    tabSize: options.tabSize, insertSpaces: options.insertSpaces, insertFinalNewline: options.insertFinalNewline ?? false,
    eol: doc.textDocument.getText().includes('\r\n') ? '\r\n' : '\n',
  }).map((edit) => TextEdit.replace(rangeOf(doc, edit.offset, edit.length), edit.content));
}

export function documentSymbols(doc: KasmDocument): DocumentSymbol[] {
  return doc.root ? childSymbols(doc, doc.root) : [];
}

function childSymbols(doc: KasmDocument, node: Node): DocumentSymbol[] {
  if (node.type === 'object') {
    return (node.children ?? []).flatMap((property) => {
      const [key, value] = property.children ?? [];
      if (!key) return [];
      return [symbol(doc, String(key.value), property, key, value)];
    });
  }
  if (node.type === 'array') {
    return (node.children ?? []).map((item, index) => symbol(doc, labelOfItem(item, index), item, item, item));
  }
  return [];
}

function symbol(doc: KasmDocument, name: string, whole: Node, selection: Node, value: Node | undefined): DocumentSymbol {
  return {
    // VS Code refuses a symbol without a name, and then shows no outline at all: an empty key or string is "".
    name: name === '' ? '""' : name,
    detail: value && ['string', 'number', 'boolean', 'null'].includes(value.type) ? String(value.value) : undefined,
    kind: kindOf(value),
    range: rangeOf(doc, whole.offset, whole.length),
    selectionRange: rangeOf(doc, selection.offset, selection.length),
    children: value ? childSymbols(doc, value) : [],
  };
}

/** An array element's outline name: a compatibility entry by its version, a launch field by its key. */
function labelOfItem(item: Node, index: number): string {
  if (item.type !== 'object') return item.type === 'string' ? String(item.value) : String(index);
  const named = (item.children ?? []).find((p) => ['version', 'key'].includes(String(p.children?.[0]?.value)));
  const value: unknown = named?.children?.[1]?.value;
  return typeof value === 'string' ? value : String(index);
}

function kindOf(node: Node | undefined): SymbolKind {
  switch (node?.type) {
    case 'object': return SymbolKind.Module;
    case 'array': return SymbolKind.Array;
    case 'string': return SymbolKind.String;
    case 'number': return SymbolKind.Number;
    case 'boolean': return SymbolKind.Boolean;
    default: return SymbolKind.Null;
  }
}

export function foldingRanges(doc: KasmDocument): FoldingRange[] {
  const ranges: FoldingRange[] = [];
  const visit = (node: Node) => {
    if (node.type === 'object' || node.type === 'array') {
      const start = positionAt(doc, node.offset).line;
      const end = positionAt(doc, node.offset + node.length).line;
      // Keep the closing bracket visible, as VS Code's JSON folding does.
      if (end - 1 > start) ranges.push({ startLine: start, endLine: end - 1 });
    }
    for (const child of node.children ?? []) visit(child);
  };
  if (doc.root) visit(doc.root);
  return ranges;
}

export function selectionRanges(doc: KasmDocument, positions: Position[]): SelectionRange[] {
  return positions.map((position) => {
    const offset = doc.textDocument.offsetAt(position);
    const chain: Node[] = [];
    let node: Node | undefined = doc.root;
    while (node && node.offset <= offset && offset <= node.offset + node.length) {
      chain.push(node);
      node = node.children?.find((c) => c.offset <= offset && offset <= c.offset + c.length);
    }
    let range: SelectionRange | undefined;
    for (const n of chain) range = { range: rangeOf(doc, n.offset, n.length), parent: range };
    return range ?? { range: { start: position, end: position } };
  });
}
