import * as path from '../paths';
import { Node, findNodeAtOffset, getLocation, getNodeValue } from 'jsonc-parser';
import {
  CompletionItem, CompletionItemKind, CompletionList, InsertTextFormat, MarkupKind, Range, TextEdit,
} from 'vscode-languageserver-types';
import { JsonPath, KasmDocument, nodeAt, pathOf, positionAt, propertiesOf, propertyValue, rangeOf } from '../document';
import { WorkspaceFileSystem } from '../fileSystem';
import { iconFilesIn } from '../icon';
import {
  FieldSpec, KnownValue, SCHEMA_VERSIONS, SchemaVersion, compatibilityVersionsFor, specAt, typeList,
} from '../kasm/knowledge';
import { ImageFactsSource } from '../imageFacts';
import { imageTagCompletion } from './imageTags';
import { compatibilityEntrySnippet, entrySnippet, valueSnippet } from './snippets';
import { lineOfVersion, newestCompatibility, releaseFor, retag } from './addVersion';

export interface CompletionOptions {
  /** Whether the client understands snippet syntax (`${1:placeholder}`); otherwise plain text is inserted. */
  snippetSupport: boolean;
  /** Registry answers, when the user opted in: tags after an image's `:`. */
  images?: ImageFactsSource;
}

/** Completion at an offset: keys not yet present, known values, compatibility entries, icon files, skeletons. */
export function doComplete(
  doc: KasmDocument, offset: number, schema: SchemaVersion, fileSystem: WorkspaceFileSystem | undefined, options: CompletionOptions,
): CompletionList {
  const text = doc.textDocument.getText();
  const tags = options.images && !doc.degraded ? imageTagCompletion(doc, offset, schema, options.images) : undefined;
  if (tags) return { isIncomplete: tags.incomplete, items: tags.items };
  const items = text.trim() === ''
    ? skeletonItems(doc, schema)
    : doc.degraded ? [] : completeAt(doc, offset, schema, fileSystem);
  return { isIncomplete: false, items: options.snippetSupport ? items : items.map(withoutSnippets) };
}

function completeAt(
  doc: KasmDocument, offset: number, schema: SchemaVersion, fileSystem: WorkspaceFileSystem | undefined,
): CompletionItem[] {
  const text = doc.textDocument.getText();
  const location = getLocation(text, offset);
  // The value or key being typed, if any: it is replaced as a whole. (A half-typed key arrives as a
  // 'property' node whose offset and length are those of the key; a word typed without quotes is no node.)
  const previous = location.previousNode;
  const typed = previous && ['string', 'number', 'boolean', 'null', 'property'].includes(previous.type)
    && previous.offset <= offset && offset <= previous.offset + previous.length
    ? previous : undefined;
  const word = typed ? { start: typed.offset, end: typed.offset + typed.length } : bareWordAt(text, offset);
  const replace = rangeOf(doc, word.start, word.end - word.start);
  const quoted = text[word.start] === '"';
  const unseparated = valueBefore(doc, text, word.start);
  if (unseparated) {
    // A key typed on the line after the last property, before its comma (#18.5): keys, and the missing comma.
    const comma = TextEdit.insert(positionAt(doc, unseparated.end), ',');
    return keyItems(doc, schema, pathOf(unseparated.object), replace, quoted, insertionAt(text, word.end, false), [comma]);
  }
  if (location.isAtPropertyKey) {
    return keyItems(doc, schema, location.path.slice(0, -1), replace, quoted, insertionAt(text, word.end, true));
  }
  const spec = specAt(schema, location.path);
  if (!spec) return [];
  return valueItems(doc, schema, location.path, spec, fileSystem, typed, replace, needsCommaAfter(text, word.end));
}

/** A word typed without quotes (`cor`) around the offset: completion replaces it, so it does not stay in front (#18.4). */
function bareWordAt(text: string, offset: number): { start: number; end: number } {
  const before = /[A-Za-z0-9_]*$/.exec(text.slice(Math.max(0, offset - 256), offset))?.[0] ?? '';
  const after = /^[A-Za-z0-9_]*/.exec(text.slice(offset, offset + 256))?.[0] ?? '';
  return { start: offset - before.length, end: offset + after.length };
}

/**
 * The object property value that ends just before `start`, with only white space between: the user is typing the
 * next key and has not written the comma yet. Returns where the value ends and the object holding it.
 */
function valueBefore(doc: KasmDocument, text: string, start: number): { end: number; object: Node } | undefined {
  let end = start;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  if (end === start || !doc.root || !/["}\]0-9el]/.test(text[end - 1] ?? '')) return undefined;
  let node = findNodeAtOffset(doc.root, end - 1, true);
  while (node?.parent && node.parent.type !== 'property') node = node.parent;
  const property = node?.parent;
  const isValue = property?.children?.[1] === node && node !== undefined && node.offset + node.length === end;
  return isValue && property?.parent?.type === 'object' ? { end, object: property.parent } : undefined;
}

/** What a key completion inserts, from the text after the word: just the key when a value follows. */
function insertionAt(text: string, after: number, valueMayFollow: boolean): KeyInsertion {
  if (valueMayFollow && /^\s*:/.test(text.slice(after))) return 'key-only';
  return needsCommaAfter(text, after) ? 'with-comma' : 'key-and-value';
}

/** What a key completion inserts: just the key (a value follows already), or key and value, with a comma. */
type KeyInsertion = 'key-only' | 'key-and-value' | 'with-comma';

function keyItems(
  doc: KasmDocument, schema: SchemaVersion, objectPath: JsonPath, replace: Range, quoted: boolean, insertion: KeyInsertion,
  additionalTextEdits?: TextEdit[],
): CompletionItem[] {
  const spec = specAt(schema, objectPath);
  const object = objectPath.length ? nodeAt(doc, objectPath) : doc.root;
  const present = new Set(object ? propertiesOf(object).map((p) => p.name) : []);
  return (spec?.properties ?? [])
    .filter((property) => !present.has(property.key))
    .map((property, index) => ({
      label: property.key,
      kind: CompletionItemKind.Property,
      detail: `${typeLabel(property)}${property.required ? ' (required)' : ''}`,
      documentation: fieldDocumentation(property),
      // Required fields first, then the others in the order the template README lists them.
      sortText: `${property.required ? 0 : 1}${String(index).padStart(3, '0')}`,
      // VS Code filters by the text from the range start to the cursor: with its quote, or without one.
      filterText: quoted ? `"${property.key}"` : property.key,
      insertTextFormat: InsertTextFormat.Snippet,
      additionalTextEdits,
      textEdit: TextEdit.replace(replace, insertion === 'key-only'
        ? `"${property.key}"`
        : `"${property.key}": ${contextualValueSnippet(doc, objectPath, property)}${insertion === 'with-comma' ? ',' : ''}`),
    }));
}

function valueItems(
  doc: KasmDocument, schema: SchemaVersion, valuePath: JsonPath, spec: FieldSpec, fileSystem: WorkspaceFileSystem | undefined,
  typed: Node | undefined, replace: Range, comma: boolean,
): CompletionItem[] {
  const suffix = comma ? ',' : '';
  const inArray = typeof valuePath[valuePath.length - 1] === 'number';
  const used = new Set<unknown>(inArray ? siblingValues(doc, valuePath.slice(0, -1), typed) : []);
  // A 1.1 compatibility version: the versions the other compatibility objects already give.
  if (valuePath.length === 3 && valuePath[0] === 'compatibility' && valuePath[2] === 'version') {
    siblingVersions(doc, valuePath[1]).forEach((version) => used.add(version));
  }
  const items: CompletionItem[] = [];
  const valueItem = (known: KnownValue, index: number, kind: CompletionItemKind = CompletionItemKind.Value): CompletionItem => ({
    label: known.value,
    kind,
    documentation: { kind: MarkupKind.Markdown, value: known.description },
    sortText: String(index).padStart(4, '0'),
    filterText: JSON.stringify(known.value),
    textEdit: TextEdit.replace(replace, `${JSON.stringify(known.value)}${suffix}`),
  });
  (spec.values ?? []).filter((v) => !used.has(v.value)).forEach((v, i) => items.push(valueItem(v, i, CompletionItemKind.EnumMember)));
  if (valuePath.length === 1 && valuePath[0] === 'image_src' && doc.filePath && fileSystem) {
    iconFilesIn(fileSystem, path.dirname(doc.filePath))
      .forEach((file, i) => items.push(valueItem({ value: file, description: 'Icon file in this entry\'s folder.' }, i, CompletionItemKind.File)));
  }
  if (typeList(spec).includes('boolean')) {
    [true, false].forEach((value, i) => items.push({
      label: String(value), kind: CompletionItemKind.Value, sortText: String(i),
      documentation: spec.default === value ? 'The default.' : undefined,
      textEdit: TextEdit.replace(replace, `${value}${suffix}`),
    }));
  }
  if (schema === '1.1' && valuePath[0] === 'compatibility' && valuePath.length === 2) {
    const present = new Set(siblingVersions(doc));
    compatibilityVersionsFor('1.1').filter((v) => v.value.endsWith('.x') && !present.has(v.value)).forEach((v, i) => items.push({
      label: `{ "version": "${v.value}", … }`,
      kind: CompletionItemKind.Snippet,
      detail: `compatibility entry for Kasm ${v.value}`,
      documentation: { kind: MarkupKind.Markdown, value: v.description },
      sortText: String(i).padStart(4, '0'),
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: TextEdit.replace(replace, `${compatibilityEntrySnippet(v.value, ownImage(doc, v.value))}${suffix}`),
    }));
  }
  if (!items.length && (spec.insertValue || !typeList(spec).includes('string'))) {
    // No known values: offer the value's shape (an empty list, an object skeleton, the default number).
    items.push({
      label: spec.default !== undefined ? String(spec.default) : typeLabel(spec),
      kind: CompletionItemKind.Value,
      documentation: fieldDocumentation(spec),
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: TextEdit.replace(replace, `${valueSnippet(spec)}${suffix}`),
    });
  }
  return items;
}

/** A whole entry for each registry schema version, the one in force first, for an empty file. */
function skeletonItems(doc: KasmDocument, preferred: SchemaVersion): CompletionItem[] {
  const versions = [preferred, ...SCHEMA_VERSIONS.filter((v) => v !== preferred)];
  return versions.map((version, i) => {
    return {
      label: `Kasm workspace (registry schema ${version})`,
      kind: CompletionItemKind.Snippet,
      detail: version === '1.0' ? 'Kasm 1.13–1.15' : 'Kasm 1.16 and newer',
      documentation: { kind: MarkupKind.Markdown, value: `A new workspace.json with every field the registry README requires for schema ${version}.` },
      sortText: String(i),
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: TextEdit.replace(rangeOf(doc, 0, doc.textDocument.getText().length), entrySnippet(version)),
    };
  });
}

function typeLabel(spec: FieldSpec): string {
  const types = typeList(spec);
  // An object offered with its required keys (a launch form field): named by the first of them.
  const required = (spec.properties ?? []).filter((p) => p.required).map((p) => `"${p.key}"`);
  if (types[0] === 'object' && required.length) return `{ ${required.slice(0, 2).join(', ')}${required.length > 2 ? ', …' : ''} }`;
  if (types.length === 1 && types[0] === 'array' && spec.items) return `${typeList(spec.items).join(' | ')}[]`;
  return types.join(' | ');
}

function fieldDocumentation(spec: FieldSpec) {
  const lines = [spec.description];
  if (spec.default !== undefined) lines.push(`Default: \`${spec.default}\``);
  lines.push(`[Documentation](${spec.docs})`);
  return { kind: MarkupKind.Markdown, value: lines.join('\n\n') };
}

/** Values already in an array, but the one being typed, so that completion does not offer them twice. */
function siblingValues(doc: KasmDocument, arrayPath: JsonPath, typed: Node | undefined): unknown[] {
  const array = nodeAt(doc, arrayPath);
  // `typed` comes from another parse (getLocation's): the same value is the one at the same offset (#29.7: Ctrl+Space
  // inside "Desk|top" offered everything but Desktop, which VS Code's filter then hid as well).
  return (array?.type === 'array' ? array.children ?? [] : []).filter((n) => n.offset !== typed?.offset).map((n): unknown => n.value);
}

/** The versions of the compatibility objects, but the one at index `except`. */
function siblingVersions(doc: KasmDocument, except?: JsonPath[number]): string[] {
  const list = nodeAt(doc, ['compatibility']);
  return (list?.children ?? []).filter((_, index) => index !== except).map((entry) => {
    const version = entry.type === 'object' ? propertiesOf(entry).find((p) => p.name === 'version')?.value : undefined;
    return String(version?.value);
  });
}

/** Whether a comma must follow inserted text: another value or key comes next. */
function needsCommaAfter(text: string, offset: number): boolean {
  const next = /\S/.exec(text.slice(offset));
  return next !== null && /["{[\-0-9tfn]/.test(next[0]);
}

/** A snippet item as plain text, for clients without snippet support: placeholders become their defaults. */
function withoutSnippets(item: CompletionItem): CompletionItem {
  if (item.insertTextFormat !== InsertTextFormat.Snippet || !item.textEdit || !('range' in item.textEdit)) return item;
  const plain = item.textEdit.newText
    .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\{\d+\}|\$\d+/g, '')
    .replace(/\t/g, '  ');
  return { ...item, insertTextFormat: InsertTextFormat.PlainText, textEdit: TextEdit.replace(item.textEdit.range, plain) };
}

/** A key's value as the entry around it needs it: gpu_count 1 beside require_gpu true (0 is a gpu-contradiction, #29.6). */
function contextualValueSnippet(doc: KasmDocument, objectPath: JsonPath, property: FieldSpec): string {
  if (property.key === 'gpu_count' && !objectPath.length && nodeAt(doc, ['require_gpu'])?.value === true) return '${1:1}';
  return valueSnippet(property);
}

/** The entry's own image and size for a new compatibility version: its newest object's, the tag moved to the release. */
function ownImage(doc: KasmDocument, version: string): { image?: string; size?: number } | undefined {
  const list = nodeAt(doc, ['compatibility']);
  const givesImage = (node: Node) => node.type === 'object'
    && propertyValue(node, 'version')?.type === 'string' && propertyValue(node, 'image')?.type === 'string';
  // The object add-version copies, among those that give a version and an image.
  const newest = newestCompatibility((list?.type === 'array' ? list.children ?? [] : []).filter(givesImage));
  if (!newest) return undefined;
  type Given = { version: string; image: string; uncompressed_size_mb?: unknown };
  const { version: from, image, uncompressed_size_mb: size } = getNodeValue(newest) as Given;
  return { image: retag(image, lineOfVersion(from), releaseFor(version)), size: typeof size === 'number' ? size : undefined };
}
