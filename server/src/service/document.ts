import { Node, ParseError, ParseErrorCode, getNodeValue, parseTree, printParseErrorCode } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Position, Range } from 'vscode-languageserver-types';
import { URI } from 'vscode-uri';
import { memoize } from './memoize';

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
  /** File-system path of the workspace.json, when the document is a file. */
  filePath: string | undefined;
  /** Set when the document is too large or too deeply nested to check fully: why, and JSON.parse's verdict. */
  degraded?: { reason: string; jsonError?: { offset: number; message: string } };
}

/** Real entries are a few KB and a few levels deep: far beyond that, only JSON validity is checked. */
export const CHECK_LIMITS = { maxBytes: 1_000_000, maxDepth: 128 } as const;

const TOO_DEEP = `This workspace.json nests values more than ${CHECK_LIMITS.maxDepth} levels deep; registry entries nest a few. Only its JSON syntax is checked.`;

/**
 * jsonc-parser's tree (with its error recovery for text being typed) and JSON.parse's value, which is what the
 * registry build and Kasm read. The depth is measured on the tree itself, without recursion, before anything
 * walks it: recovery can nest deeper than the brackets suggest.
 */
export function parseKasmDocument(textDocument: TextDocument): KasmDocument {
  const text = textDocument.getText();
  const base = { textDocument, version: textDocument.version, filePath: filePathOf(textDocument.uri) };
  const degraded = (reason: string): KasmDocument =>
    // What the registry build would say about it.
    ({ ...base, root: undefined, value: undefined, syntaxErrors: [], degraded: { reason, jsonError: jsonParseError(text) } });
  const bytes = bytesOver(text, CHECK_LIMITS.maxBytes);
  if (bytes !== undefined) {
    return degraded(`This workspace.json is ${(bytes / 1e6).toFixed(1)} MB; registry entries are a few KB. Only its JSON syntax is checked.`);
  }
  const syntaxErrors: ParseError[] = [];
  let root: Node | undefined;
  try {
    // The registry build uses JSON.parse: comments and trailing commas break it, so they are errors here.
    root = parseTree(text, syntaxErrors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
  } catch {
    return degraded(TOO_DEEP); // the parser's own recursion ran out of stack
  }
  if (root && treeDepth(root, CHECK_LIMITS.maxDepth) > CHECK_LIMITS.maxDepth) return degraded(TOO_DEEP);
  return { ...base, root, value: valueOf(text, root, syntaxErrors), syntaxErrors };
}

/** JSON.parse's value of the text, as the registry build reads it, or undefined when it is not JSON. */
export function jsonValue(text: string): unknown {
  try { return JSON.parse(text); } catch { return undefined; }
}

/** A parsed value as an object, or undefined when it is none (null and arrays are none). */
export const objectOf = (value: unknown): Record<string, unknown> | undefined =>
  (typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : undefined);

/** The strings of a parsed list; none when it is not a list. */
export const stringsOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** JSON.parse's value of valid text; for text being typed, the value of what could be parsed. */
function valueOf(text: string, root: Node | undefined, syntaxErrors: ParseError[]): unknown {
  if (!root) return undefined;
  if (syntaxErrors.length === 0) {
    try { return JSON.parse(text); } catch { /* jsonc-parser accepted what JSON.parse does not: use the tree */ }
  }
  return getNodeValue(root);
}

/** The deepest nesting of the tree, counted up to `stopAbove` + 1 (enough to decide), without recursion. */
export function treeDepth(root: Node, stopAbove: number): number {
  let deepest = 0;
  const pending: [Node, number][] = [[root, 1]];
  while (pending.length) {
    const [node, depth] = pending.pop()!;
    if (depth > deepest && (deepest = depth) > stopAbove) return deepest;
    for (const child of node.children ?? []) pending.push([child, node.type === 'property' ? depth : depth + 1]);
  }
  return deepest;
}

/** The text's size in UTF-8 (as on disk: the limit is in bytes, not UTF-16 units) when it is over `limit`. */
function bytesOver(text: string, limit: number): number | undefined {
  // No UTF-16 unit takes more than 3 bytes: most texts are ruled out without encoding them.
  if (text.length * 3 <= limit) return undefined;
  const bytes = new TextEncoder().encode(text).length;
  return bytes > limit ? bytes : undefined;
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

/**
 * The scheme and authority of the editor's files: `file` on a desktop, where a file is named by its file-system
 * path; in VS Code for the Web the workspace's own (`vscode-remote`, `vscode-vfs`, …), where it is named by its URI
 * path. Set once by the host before any document is seen.
 */
const files = { scheme: 'file', authority: '' };

export function useFileScheme(scheme: string, authority: string): void {
  files.scheme = scheme;
  files.authority = authority;
}

/** The file a document URI names, if any; memoized, as every keystroke's parse asks again for the same URI. */
export const filePathOf = memoize((uri: string): string | undefined => {
  if (typeof uri !== 'string' || !uri.startsWith(`${files.scheme}:`)) return undefined;
  try {
    const parsed = URI.parse(uri);
    if (files.scheme === 'file') return parsed.fsPath;
    return parsed.authority === files.authority ? parsed.path : undefined;
  } catch {
    return undefined;
  }
});

/** The URI of a file as VS Code writes it (vscode-uri's encoding, e.g. `&` as `%26`): one identity for a file. */
export function fileUri(file: string): string {
  if (files.scheme === 'file') return URI.file(file).toString();
  return URI.from({ scheme: files.scheme, authority: files.authority, path: file }).toString();
}

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

/**
 * The node at `path`. Where a key is given twice, the last copy, the one JSON.parse, the registry build and Kasm
 * keep (the duplicate itself is reported by the duplicate-key rule).
 */
export function nodeAt(doc: KasmDocument, path: JsonPath): Node | undefined {
  return nodeAtPath(doc.root, path);
}

/** The node at `path` below `root`, through the last copy of a repeated key (as nodeAt). */
export function nodeAtPath(root: Node | undefined, path: JsonPath): Node | undefined {
  let node = root;
  for (const segment of path) {
    if (!node) return undefined;
    if (typeof segment === 'number') node = node.type === 'array' ? node.children?.[segment] : undefined;
    else node = propertyValue(node, segment);
  }
  return node;
}

export function rangeOf(doc: KasmDocument, offset: number, length: number): Range {
  return { start: positionAt(doc, offset), end: positionAt(doc, offset + length) };
}

export function positionAt(doc: KasmDocument, offset: number): Position {
  return doc.textDocument.positionAt(offset);
}

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
    if (key) properties.push({ key, value: property.children[1], name: String(key.value) });
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
