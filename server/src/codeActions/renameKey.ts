import { Fix, QuickFixProvider } from './fix';
import { lastKey, parentPath, propertiesNamed } from './properties';

/** A misspelled key (`compatability`, `friendlyname`) renamed, its value kept. */
export const renameKey: QuickFixProvider = {
  codes: ['misspelled-key'],
  fixes(diagnostic): Fix[] {
    const objectPath = parentPath(diagnostic.data.path);
    const wrong = lastKey(diagnostic.data.path);
    const suggestions = (diagnostic.data.suggestions ?? []).map(String);
    return suggestions.slice(0, 3).map((right, index) => ({
      title: `Rename "${wrong}" to "${right}"`,
      preferred: index === 0,
      safe: suggestions.length === 1,
      apply(text) {
        if (propertiesNamed(text, objectPath, right).length) return []; // the right key exists already
        const [found] = propertiesNamed(text, objectPath, wrong);
        return found ? [{ offset: found.key.offset, length: found.key.length, content: JSON.stringify(right) }] : [];
      },
    }));
  },
};
