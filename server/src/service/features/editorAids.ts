/**
 * Small editor aids over the parsed entry: links (icon file, image's registry page), inlay hints that make
 * sizes readable, and code lenses for the preview and the schema conversion.
 */
import { convertSchema } from '../codeActions/convertSchema';
import { Node } from 'jsonc-parser';
import { CodeLens, DocumentLink, InlayHint, Range } from 'vscode-languageserver-types';
import { KasmDocument, nodeAt, positionAt, rangeOf, fileUri } from '../document';
import { WorkspaceFileSystem } from '../fileSystem';
import { inspectIcon } from '../icon';
import { SchemaVersion } from '../kasm/knowledge';
import { parseImageReference } from '../kasm/imageReference';
import { imageFields } from '../imageFacts';

/** Inside the quotes of a string node. */
const innerRange = (doc: KasmDocument, node: Node): Range => rangeOf(doc, node.offset + 1, Math.max(0, node.length - 2));

/** Every image reference, whichever schema the entry has: a link costs nothing where Kasm would not read it. */
function imageNodes(doc: KasmDocument): Node[] {
  return [...imageFields(doc, '1.0'), ...imageFields(doc, '1.1')].map((field) => field.node);
}

/** The page of an image on its registry, for Docker Hub and Quay (others have no predictable page). */
export function imagePage(image: string): string | undefined {
  const ref = parseImageReference(image);
  if (ref.problem) return undefined;
  if (!ref.host || ref.host === 'docker.io' || ref.host === 'index.docker.io') {
    return ref.repository.includes('/') && !ref.repository.startsWith('library/')
      ? `https://hub.docker.com/r/${ref.repository}` : `https://hub.docker.com/_/${ref.repository.replace(/^library\//, '')}`;
  }
  if (ref.host === 'quay.io') return `https://quay.io/repository/${ref.repository}`;
  return undefined;
}

export function documentLinks(doc: KasmDocument, fileSystem: WorkspaceFileSystem | undefined): DocumentLink[] {
  const links: DocumentLink[] = [];
  const icon = nodeAt(doc, ['image_src']);
  if (icon?.type === 'string') {
    const info = inspectIcon(String(icon.value), doc.filePath, fileSystem);
    // Only a file that is really inside the entry's folder is linked.
    if ('file' in info) links.push({ range: innerRange(doc, icon), target: fileUri(info.file), tooltip: 'Open the icon' });
  }
  for (const image of imageNodes(doc)) {
    const page = imagePage(String(image.value));
    if (page) links.push({ range: innerRange(doc, image), target: page, tooltip: 'Open the image\'s registry page' });
  }
  return links;
}

/** `2768` → `2.77 GB`: Kasm's MB are 10^6 bytes. */
export function readableMegabytes(mb: number): string {
  return mb >= 1000 ? `${(mb / 1000).toFixed(mb >= 100_000 ? 0 : 2)} GB` : `${mb} MB`;
}

export function inlayHints(doc: KasmDocument, range: Range): InlayHint[] {
  const hints: InlayHint[] = [];
  const visit = (node: Node) => {
    const key = node.parent?.type === 'property' ? String(node.parent.children?.[0]?.value) : undefined;
    if (node.type === 'number' && (key === 'memory' || key === 'uncompressed_size_mb') && Number(node.value) >= 1000) {
      // After the comma that follows the value, so that the hint does not sit between the number and its comma.
      const end = node.offset + node.length;
      const position = positionAt(doc, doc.textDocument.getText().charAt(end) === ',' ? end + 1 : end);
      if (position.line >= range.start.line && position.line <= range.end.line) {
        hints.push({ position, label: `≈ ${readableMegabytes(Number(node.value))}`, paddingLeft: true });
      }
    }
    for (const child of node.children ?? []) visit(child);
  };
  if (doc.root) visit(doc.root);
  return hints;
}

/** Lenses whose commands exist only in the VS Code extension: the server offers them when the client says so. */
export function codeLenses(doc: KasmDocument, schema: SchemaVersion): CodeLens[] {
  const lenses: CodeLens[] = [];
  const icon = nodeAt(doc, ['image_src']);
  const key = icon?.parent?.children?.[0];
  if (key) lenses.push({ range: rangeOf(doc, key.offset, key.length), command: { title: 'Preview icon', command: 'kasm.previewIcon', arguments: [doc.textDocument.uri] } });
  const conversion = schema === '1.0' && doc.root?.type === 'object' && !doc.syntaxErrors.length ? convertSchema(doc, schema) : undefined;
  if (conversion && doc.root) {
    // The lens says what the conversion changes, as the source action does (#29.7): it applies at one click.
    lenses.push({
      range: rangeOf(doc, doc.root.offset, 1),
      command: { title: conversion.title, command: 'editor.action.sourceAction', arguments: [{ kind: 'source.kasm.convertSchema', apply: 'first' }] },
    });
  }
  return lenses;
}

