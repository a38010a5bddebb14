import { Fix, QuickFixProvider } from './fix';
import { lastKey, parentPath, propertiesNamed, removeProperty } from './properties';

/** Keys Kasm ignores: the build's `sha`, 1.0 fields in a 1.1 file, and the first of duplicate keys (JSON.parse keeps the last). */
export const removeKey: QuickFixProvider = {
  codes: ['build-output-key', 'ignored-field', 'duplicate-key'],
  fixes(diagnostic): Fix[] {
    const key = lastKey(diagnostic.data.path);
    const objectPath = parentPath(diagnostic.data.path);
    const duplicate = diagnostic.code === 'duplicate-key';
    return [{
      title: duplicate ? `Remove the first "${key}" (JSON.parse ignores it)` : `Remove "${key}" (Kasm ignores it)`,
      preferred: true,
      // Removing what JSON.parse or Kasm never read cannot change the entry; 1.0 fields may be meant for a migration.
      safe: diagnostic.code !== 'ignored-field',
      apply(text) {
        const found = propertiesNamed(text, objectPath, key);
        if (duplicate && found.length < 2) return [];
        return found.length ? [removeProperty(found[0].property)] : [];
      },
    }];
  },
};
