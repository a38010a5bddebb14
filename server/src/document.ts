import { Node, ParseError, ParseErrorCode, findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Position, Range } from 'vscode-languageserver-types';
import { fileURLToPath } from 'node:url';
import { memoize } from './memoize';
import { parseStrictJson } from './strictJson';

export type JsonPath = (string | number)[];

/** A parsed workspace.json: the text, its syntax tree with offsets, and the plain value. */
export interface KasmDocument {
  textDocument: TextDocument;
  /** The document version that was parsed (the TextDocument itself is updated in place by LSP edits). */
  version: number;
  root: Node | undefined;
  /** The value as JSON.parse (and so the registry build) would see it: the last of duplicate keys wins. */
  value: unknown;
  syntaxErrors: ParseError[];
  /** False only when the parse found that no object gives a key twice: then the duplicate-key check skips its walk. */
  mayHaveDuplicateKeys: boolean;
  /** Offsets where lines start, when the parse found them on its way (valid JSON); see `positionAt`. */
  lineStarts?: number[];
  /** The top-level properties' values by key (the first of duplicates, as `findNodeAtLocation`); made by `nodeAt`. */
  topLevel?: Map<string, Node>;
  /** File-system path of the workspace.json, when the document is a file. */
  filePath: string | undefined;
  /** Set when the document is too large or too deeply nested to check fully: why, and JSON.parse's verdict. */
  degraded?: { reason: string; jsonError?: { offset: number; message: string } };
}

/** Real entries are a few KB and a few levels deep: far beyond that, only JSON validity is checked. */
export const CHECK_LIMITS = { maxLength: 1_000_000, maxDepth: 128 } as const;

export function parseKasmDocument(textDocument: TextDocument): KasmDocument {
  const text = textDocument.getText();
  const filePath = filePathOf(textDocument.uri);
  const degraded = (reason: string): KasmDocument => ({
    textDocument, version: textDocument.version, root: undefined, value: undefined, syntaxErrors: [], mayHaveDuplicateKeys: false, filePath,
    // What the registry build would say about it.
    degraded: { reason, jsonError: jsonParseError(text) },
  });
  if (text.length > CHECK_LIMITS.maxLength) {
    return degraded(`This workspace.json is ${(text.length / 1e6).toFixed(1)} MB; registry entries are a few KB. Only its JSON syntax is checked.`);
  }
  // Both parsers recurse: a very deep document would overflow the stack.
  const tooDeep = `This workspace.json nests values more than ${CHECK_LIMITS.maxDepth} levels deep; registry entries nest a few. Only its JSON syntax is checked.`;
  // Valid text (most keystrokes) needs no error recovery.
  const strict = parseStrictJson(text, CHECK_LIMITS.maxDepth);
  if (strict.kind === 'valid') {
    return {
      textDocument, version: textDocument.version, root: strict.root, value: strict.value, syntaxErrors: [], mayHaveDuplicateKeys: strict.duplicateKeys,
      lineStarts: strict.lineStarts, filePath,
    };
  }
  if (strict.kind === 'too-deep' || nestingDepth(text, CHECK_LIMITS.maxDepth) > CHECK_LIMITS.maxDepth) return degraded(tooDeep);
  const syntaxErrors: ParseError[] = [];
  let root: Node | undefined;
  try {
    // The registry build uses JSON.parse: comments and trailing commas break it, so they are errors here.
    root = parseTree(text, syntaxErrors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
  } catch {
    // The depth guard above should make this impossible; if the parser still overflows, check less, never crash.
    return degraded('This workspace.json is too deeply nested to check. Only its JSON syntax is checked.');
  }
  return {
    textDocument, version: textDocument.version, root, value: root ? getNodeValue(root) : undefined, syntaxErrors, mayHaveDuplicateKeys: true, filePath,
  };
}

/** The deepest nesting of brackets outside strings, counted up to `stopAbove` + 1 (enough to decide). */
function nestingDepth(text: string, stopAbove: number): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      // As in jsonc-parser's scanner, a string also ends at a line break (unterminated).
      if (c === 92 /* \\ */) i++;
      else if (c === 34 /* " */ || c === 10 || c === 13) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 123 || c === 91) {
      if (++depth > deepest && (deepest = depth) > stopAbove) return deepest;
    } else if (c === 125 || c === 93) {
      depth--;
    }
  }
  return deepest;
}

/** Where and why JSON.parse, and so the registry build, rejects the text; undefined when it accepts it. */
function jsonParseError(text: string): { offset: number; message: string } | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message);
    return { offset: position ? Number(position[1]) : 0, message: `Not valid JSON: ${message}` };
  }
}

/** The file a document URI names, if any; memoized, as every keystroke's parse asks again for the same URI. */
export const filePathOf = memoize((uri: string): string | undefined => {
  if (!uri.startsWith('file:')) return undefined;
  try { return fileURLToPath(uri); } catch { return undefined; }
});

export function syntaxErrorMessage(code: ParseErrorCode): string {
  switch (code) {
    case ParseErrorCode.InvalidCommentToken: return 'Comments are not allowed: the registry build reads the file with JSON.parse';
    case ParseErrorCode.PropertyNameExpected: return 'Property name expected (a trailing comma is not allowed in JSON)';
    case ParseErrorCode.ValueExpected: return 'Value expected';
    case ParseErrorCode.CommaExpected: return 'Comma expected';
    case ParseErrorCode.ColonExpected: return 'Colon expected';
    case ParseErrorCode.CloseBraceExpected: return 'Closing brace "}" expected';
    case ParseErrorCode.CloseBracketExpected: return 'Closing bracket "]" expected';
    case ParseErrorCode.EndOfFileExpected: return 'End of file expected: only one JSON value is allowed';
    case ParseErrorCode.UnexpectedEndOfString: return 'Unterminated string';
    case ParseErrorCode.InvalidEscapeCharacter: return 'Invalid escape character in string';
    case ParseErrorCode.InvalidCharacter: return 'Invalid character in string (control characters must be escaped, e.g. \\n)';
    case ParseErrorCode.InvalidSymbol: return 'Unexpected text: not a JSON value (strings need double quotes; true, false and null are lower case)';
    case ParseErrorCode.InvalidNumberFormat: return 'Invalid number';
    case ParseErrorCode.InvalidUnicode: return 'Invalid \\u escape: it needs four hexadecimal digits';
    case ParseErrorCode.UnexpectedEndOfComment: return 'Unterminated comment (and comments are not allowed in JSON)';
    case ParseErrorCode.UnexpectedEndOfNumber: return 'Incomplete number';
    default: return printParseErrorCode(code);
  }
}

/** The node at `path`, as jsonc-parser's `findNodeAtLocation` finds it. */
export function nodeAt(doc: KasmDocument, path: JsonPath): Node | undefined {
  const root = doc.root;
  if (!root) return undefined;
  const [first, ...rest] = path;
  if (typeof first !== 'string' || root.type !== 'object') return findNodeAtLocation(root, path);
  // The rules ask for some twenty top-level fields on every check: one pass over the entry's keys serves them all.
  const value = (doc.topLevel ??= topLevelValues(root)).get(first);
  return value && rest.length ? findNodeAtLocation(value, rest) : value;
}

function topLevelValues(root: Node): Map<string, Node> {
  const values = new Map<string, Node>();
  for (const property of root.children ?? []) {
    const [key, value] = property.children ?? [];
    if (value && !values.has(key.value)) values.set(key.value, value);
  }
  return values;
}

export function rangeOf(doc: KasmDocument, offset: number, length: number): Range {
  return { start: positionAt(doc, offset), end: positionAt(doc, offset + length) };
}

/**
 * The line and character of an offset, as the document's TextDocument gives them. A TextDocument finds its line
 * starts by a pass over the whole text, which costs about half a parse; most entries have a diagnostic to place, so
 * the strict parse's line starts are used when there are some.
 */
export function positionAt(doc: KasmDocument, offset: number): Position {
  const lineStarts = doc.lineStarts;
  if (!lineStarts) return doc.textDocument.positionAt(offset);
  const text = doc.textDocument.getText();
  offset = Math.max(Math.min(offset, text.length), 0);
  let low = 0;
  let high = lineStarts.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (lineStarts[middle] > offset) high = middle;
    else low = middle + 1;
  }
  const line = low - 1;
  const lineStart = lineStarts[line];
  // As TextDocument does: an offset between "\r" and "\n" is the end of its line.
  while (offset > lineStart && isLineBreak(text.charCodeAt(offset - 1))) offset--;
  return { line, character: offset - lineStart };
}

const isLineBreak = (c: number): boolean => c === 10 || c === 13;

/** The property node (key + value) that holds `value`, when `value` is a property value. */
export function propertyOf(value: Node): Node | undefined {
  return value.parent?.type === 'property' ? value.parent : undefined;
}

/** The key node of the property that holds `value`. */
export function keyOf(value: Node): Node | undefined {
  return propertyOf(value)?.children?.[0];
}

/**
 * Where to underline a problem with a value: the value itself, but never a whole multi-line
 * object or array (then its key, or its opening bracket for an array element).
 */
export function valueRange(doc: KasmDocument, node: Node): Range {
  const range = rangeOf(doc, node.offset, node.length);
  if (range.start.line === range.end.line) return range;
  const key = keyOf(node);
  return key ? rangeOf(doc, key.offset, key.length) : rangeOf(doc, node.offset, 1);
}

/** Where to underline a property missing from `object`: the key that holds the object, or its "{". */
export function missingPropertyRange(doc: KasmDocument, object: Node): Range {
  const key = keyOf(object);
  return key ? rangeOf(doc, key.offset, key.length) : rangeOf(doc, object.offset, 1);
}

/** Properties of an object node as [key, value] pairs, duplicates included, in text order. */
export function propertiesOf(object: Node): { key: Node; value: Node | undefined; name: string }[] {
  const properties: { key: Node; value: Node | undefined; name: string }[] = [];
  if (object.type !== 'object' || !object.children) return properties;
  // A plain loop: every rule calls this for every object on every keystroke.
  for (const property of object.children) {
    const key = property.children?.[0];
    if (key) properties.push({ key, value: property.children![1], name: String(key.value) });
  }
  return properties;
}

/** The value node of `name` in an object node (the last one when the key is duplicated, as JSON.parse keeps). */
export function propertyValue(object: Node, name: string): Node | undefined {
  if (object.type !== 'object' || !object.children) return undefined;
  for (let i = object.children.length - 1; i >= 0; i--) {
    const [key, value] = object.children[i].children ?? [];
    if (key?.value === name) return value;
  }
  return undefined;
}

/** Whether `object` has a property named `key` starting after `offset` (anywhere, by default). */
export function hasPropertyNamed(object: Node | undefined, key: string, offset = -1): boolean {
  return !!object?.children?.some((property) => property.offset > offset && property.children?.[0]?.value === key);
}

/** The path of a node from the root, e.g. ['compatibility', 0, 'image']. */
export function pathOf(node: Node): JsonPath {
  const path: JsonPath = [];
  let current: Node | undefined = node;
  while (current?.parent) {
    const parent: Node = current.parent;
    if (parent.type === 'property') {
      path.unshift(String(parent.children?.[0]?.value));
      current = parent.parent;
    } else if (parent.type === 'array') {
      path.unshift(parent.children?.indexOf(current) ?? 0);
      current = parent;
    } else {
      current = parent;
    }
  }
  return path;
}
