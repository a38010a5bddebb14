/**
 * "Convert entry to registry schema 1.1" (and back), meaning what the registry template's own migration
 * means (format notes §2): `name` and `uncompressed_size_mb` move into one compatibility entry per Kasm
 * version. Key order and the author's formatting are kept: only those three keys change.
 */
import { Edit } from 'jsonc-parser';
import { KasmDocument } from '../document';
import { SchemaVersion, compatibilityVersionsFor, judgeCompatibilityVersion } from '../kasm/knowledge';
import { inSequence, setAt } from './edits';
import { objectAt, propertiesNamed, removeProperty } from './properties';

type Entry = Record<string, unknown>;

/** The compatibility versions an entry keeps in `target`: its own versions of that schema, else the template's. */
function versionsIn(versions: string[], target: SchemaVersion): string[] {
  const own = versions.filter((v) => { const verdict = judgeCompatibilityVersion(v); return verdict.kind === 'known' && verdict.schema === target; });
  if (own.length) return own;
  // The template's migration starts 1.1 at 1.16.x; going back, every Kasm line that reads 1.0, oldest first as the template lists them.
  const lines = compatibilityVersionsFor(target).filter((v) => v.value.endsWith('.x')).map((v) => v.value);
  return target === '1.1' ? [lines[lines.length - 1]] : lines.reverse();
}

export function conversionTarget(schema: SchemaVersion): SchemaVersion {
  return schema === '1.0' ? '1.1' : '1.0';
}

/** A conversion: its edits, and a title that says what it changes and what to check (#18). */
export interface Conversion { title: string; apply: (text: string) => Edit[] }

const listed = (versions: string[]) => versions.join(', ') || 'none';

/** The conversion of the entry to the other schema version, or undefined when it is not an object. */
export function convertSchema(doc: KasmDocument, from: SchemaVersion): Conversion | undefined {
  const entry = doc.value;
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return undefined;
  const value = entry as Entry;
  const compatibility = Array.isArray(value.compatibility) ? value.compatibility : [];
  const remove = (key: string) => (text: string): Edit[] => propertiesNamed(objectAt(text, []), key).map(removeProperty).slice(-1);
  if (from === '1.0') {
    const image = typeof value.name === 'string' ? value.name : 'repository/image:tag';
    const size = typeof value.uncompressed_size_mb === 'number' ? value.uncompressed_size_mb : 0;
    const own = compatibility.filter((c): c is string => typeof c === 'string');
    const versions = versionsIn(own, '1.1');
    return {
      title: `Convert entry to registry schema 1.1: compatibility ${listed(own)} becomes ${listed(versions)}, each with ${image}; check the tag suits ${versions.length === 1 ? 'that Kasm version' : 'those Kasm versions'}`,
      apply: inSequence([
        (text) => setAt(text, ['compatibility'], versions.map((version) => ({ version, image, uncompressed_size_mb: size }))),
        remove('name'),
        remove('uncompressed_size_mb'),
      ]),
    };
  }
  const objects = compatibility.filter((c): c is Entry => typeof c === 'object' && c !== null && !Array.isArray(c));
  const newest = objects[objects.length - 1] ?? {};
  const versions = versionsIn(objects.map((c) => String(c.version)), '1.0');
  const image = typeof newest.image === 'string' ? newest.image : 'repository/image:tag';
  return {
    title: `Convert entry to registry schema 1.0: compatibility becomes ${listed(versions)}, with the image of ${typeof newest.version === 'string' ? newest.version : 'the last entry'} (${image}); the other images are dropped`,
    apply: inSequence([
      (text) => setAt(text, ['compatibility'], versions),
      (text) => setAt(text, ['name'], image),
      (text) => setAt(text, ['uncompressed_size_mb'], typeof newest.uncompressed_size_mb === 'number' ? newest.uncompressed_size_mb : 0),
    ]),
  };
}
