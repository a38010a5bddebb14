import { findNodeAtLocation } from 'jsonc-parser';
import { treeOf } from './edits';
import { Fix, QuickFixProvider } from './fix';

/** The image's tag added to its entry's available_tags, so the channel offers the image that is installed. */
export const addTag: QuickFixProvider = {
  codes: ['tag-not-available'],
  fixes(diagnostic): Fix[] {
    const tag = diagnostic.data.suggestions?.[0];
    if (typeof tag !== 'string') return [];
    const tagsPath = [...diagnostic.data.path.slice(0, -1), 'available_tags'];
    return [{
      title: `Add "${tag}" to available_tags`,
      preferred: true,
      apply(text) {
        const root = treeOf(text);
        const tags = root && findNodeAtLocation(root, tagsPath);
        if (tags?.type !== 'array') return [];
        // Appended by hand, right after the last tag: the array keeps the layout the author gave it.
        const last = tags.children?.[tags.children.length - 1];
        return last
          ? [{ offset: last.offset + last.length, length: 0, content: `, ${JSON.stringify(tag)}` }]
          : [{ offset: tags.offset + 1, length: 0, content: JSON.stringify(tag) }];
      },
    }];
  },
};
