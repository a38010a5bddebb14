import { findNodeAtOffset } from 'jsonc-parser';
import { CompletionItem, CompletionItemKind } from 'vscode-languageserver-types';
import { KasmDocument, pathOf, rangeOf } from '../document';
import { ImageFactsSource, ONLINE_LIMITS, isImagePath } from '../imageFacts';
import { SchemaVersion } from '../kasm/knowledge';

/**
 * Tags of the repository, newest first, when the cursor is after the `:` of an image reference (#17, online).
 * Undefined anywhere else; `incomplete` while the registry has not answered yet (the editor asks again as you type).
 */
export function imageTagCompletion(
  doc: KasmDocument, offset: number, schema: SchemaVersion, images: ImageFactsSource,
): { items: CompletionItem[]; incomplete: boolean } | undefined {
  const node = doc.root ? findNodeAtOffset(doc.root, offset, false) : undefined;
  if (node?.type !== 'string' || !isImagePath(pathOf(node), schema)) return undefined;
  const text = doc.textDocument.getText().slice(node.offset + 1, node.offset + node.length - 1);
  const inside = offset - node.offset - 1;
  const colon = text.lastIndexOf(':', inside - 1);
  if (colon < 0 || colon < text.lastIndexOf('/', inside - 1) || text.includes('@')) return undefined;
  const tags = images.tags(text.slice(0, colon), doc.textDocument.uri);
  if (tags === undefined) return { items: [], incomplete: true };
  // The tag written so far and what follows it up to the closing quote are replaced.
  const range = rangeOf(doc, node.offset + 1 + colon + 1, text.length - colon - 1);
  // A long list is narrowed to the tags that start as typed so far, and bounded: the editor asks again as you type.
  const typed = text.slice(colon + 1, inside);
  const all = tags ?? [];
  const matching = all.length > ONLINE_LIMITS.completionTags ? all.filter((tag) => tag.startsWith(typed)) : all;
  return {
    incomplete: matching.length > ONLINE_LIMITS.completionTags || matching !== all,
    items: matching.slice(0, ONLINE_LIMITS.completionTags).map((tag, index) => ({
      label: tag,
      kind: CompletionItemKind.Constant,
      detail: `${text.slice(0, colon)}:${tag}`,
      sortText: String(index).padStart(5, '0'),
      textEdit: { range, newText: tag },
    })),
  };
}
