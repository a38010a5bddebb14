import { Node } from 'jsonc-parser';
import { JsonPath, nodeAtPath } from '../document';
import { treeOf } from './edits';
import { Fix, QuickFixProvider } from './fix';
import { parentPath, removeProperty } from './properties';

/** The array holding the item at `path`, and the item starting at `offset` (where the diagnostic is). */
function itemAt(root: Node | undefined, path: JsonPath, offset: number): { array?: Node; item?: Node } {
  const array = nodeAtPath(root, parentPath(path));
  return array?.type === 'array' ? { array, item: array.children?.find((element) => element.offset === offset) } : {};
}

/**
 * A value listed twice in an array (an architecture, a category), or another name for a value listed (`x86` beside
 * `amd64`): the copy the diagnostic is on removed. Nothing changes for Kasm.
 */
export const removeDuplicate: QuickFixProvider = {
  codes: ['duplicate-value'],
  fixes(diagnostic, { doc }): Fix[] {
    // The diagnostic is on the later copy: that one goes.
    const offset = doc.textDocument.offsetAt(diagnostic.range.start);
    return [{
      title: 'Remove the duplicate',
      preferred: true,
      safe: true,
      apply(text) {
        const { array, item } = itemAt(treeOf(text), diagnostic.data.path, offset);
        // Still a copy of a value listed elsewhere (or another name for one: the suggestion names it).
        const repeated: unknown = diagnostic.data.suggestions?.[0] ?? item?.value;
        if (!item || !array?.children?.some((element) => element !== item && element.value === repeated)) return [];
        return [removeProperty(item)];
      },
    }];
  },
};

/**
 * An unknown value in a list beside known ones (`"i386"` beside `"amd64"`): removing it is often what is meant, where
 * changing it would claim something the image may not have (an architecture, #29.7). Never applied by fix-all.
 */
export const removeUnknownItem: QuickFixProvider = {
  codes: ['unknown-value'],
  fixes(diagnostic, { doc }): Fix[] {
    const path = diagnostic.data.path;
    if (typeof path.at(-1) !== 'number') return [];
    const offset = doc.textDocument.offsetAt(diagnostic.range.start);
    const { array, item } = itemAt(doc.root, path, offset);
    if (!item || (array?.children?.length ?? 0) < 2) return [];
    return [{
      title: `Remove ${JSON.stringify(item.value)}`,
      safe: false,
      apply(text) {
        const found = itemAt(treeOf(text), path, offset).item;
        return found && found.value === item.value ? [removeProperty(found)] : [];
      },
    }];
  },
};
