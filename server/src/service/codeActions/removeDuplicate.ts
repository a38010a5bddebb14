import { nodeAtPath } from '../document';
import { treeOf } from './edits';
import { Fix, QuickFixProvider } from './fix';
import { parentPath, removeProperty } from './properties';

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
        const array = nodeAtPath(treeOf(text), parentPath(diagnostic.data.path));
        const item = array?.type === 'array' ? array.children?.find((element) => element.offset === offset) : undefined;
        // Still a copy of a value listed elsewhere (or another name for one: the suggestion names it).
        const repeated: unknown = diagnostic.data.suggestions?.[0] ?? item?.value;
        if (!item || !array?.children?.some((element) => element !== item && element.value === repeated)) return [];
        return [removeProperty(item)];
      },
    }];
  },
};
