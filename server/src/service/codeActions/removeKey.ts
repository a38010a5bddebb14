import { hasPropertyNamed } from '../document';
import { Fix, QuickFixProvider } from './fix';
import { lastKey, objectAt, parentPath, propertyAt, removeProperty } from './properties';

/** Keys Kasm ignores: the build's `sha`, 1.0 fields in a 1.1 file, and the first of duplicate keys (JSON.parse keeps the last). */
export const removeKey: QuickFixProvider = {
  codes: ['build-output-key', 'ignored-field', 'duplicate-key'],
  fixes(diagnostic, { doc }): Fix[] {
    const key = lastKey(diagnostic.data.path);
    const objectPath = parentPath(diagnostic.data.path);
    const duplicate = diagnostic.code === 'duplicate-key';
    // The diagnostic is on the key: that copy is the one removed.
    const keyOffset = doc.textDocument.offsetAt(diagnostic.range.start);
    return [{
      title: duplicate ? `Remove this "${key}" (JSON.parse ignores it)` : `Remove "${key}" (Kasm ignores it)`,
      preferred: true,
      // Removing what JSON.parse or Kasm never read cannot change the entry; 1.0 fields may be meant for a migration.
      safe: diagnostic.code !== 'ignored-field',
      apply(text) {
        const object = objectAt(text, objectPath);
        const target = propertyAt(object, key, keyOffset);
        // Of duplicate keys, only a copy that JSON.parse ignores: one of the same name comes after it.
        if (!target || (duplicate && !hasPropertyNamed(object, key, target.offset))) return [];
        return [removeProperty(target)];
      },
    }];
  },
};
