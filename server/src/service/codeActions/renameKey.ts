import { hasPropertyNamed } from '../document';
import { Fix, QuickFixProvider } from './fix';
import { lastKey, objectAt, parentPath, propertyAt } from './properties';

/** A misspelled key (`compatability`, `friendlyname`) renamed, its value kept. */
export const renameKey: QuickFixProvider = {
  codes: ['misspelled-key'],
  fixes(diagnostic, { doc }): Fix[] {
    const objectPath = parentPath(diagnostic.data.path);
    // The diagnostic is on the key: that copy is the one renamed.
    const keyOffset = doc.textDocument.offsetAt(diagnostic.range.start);
    const wrong = lastKey(diagnostic.data.path);
    const suggestions = (diagnostic.data.suggestions ?? []).map(String);
    return suggestions.slice(0, 3).map((right, index) => ({
      title: `Rename "${wrong}" to "${right}"`,
      preferred: index === 0,
      safe: suggestions.length === 1,
      // Two misspellings of one key would otherwise both be renamed to it, and JSON.parse would drop the first.
      alone: true,
      apply(text) {
        const object = objectAt(text, objectPath);
        if (hasPropertyNamed(object, right)) return []; // the right key exists already
        const key = propertyAt(object, wrong, keyOffset)?.children?.[0];
        return key ? [{ offset: key.offset, length: key.length, content: JSON.stringify(right) }] : [];
      },
    }));
  },
};
