import { NEWEST_SCHEMA, SchemaVersion, fieldsOfOtherSchema } from './kasm/knowledge';

/** The `kasm.registrySchema` setting: a fixed registry schema version, or `auto` to tell from each file. */
export type RegistrySchemaSetting = 'auto' | SchemaVersion;

export interface SchemaDetection {
  version: SchemaVersion;
  /** Why this version applies, in a few words, for the status item and hover. */
  reason: string;
}

/** Said in parentheses after the version (hover: "this file: 1.1 (…)"), so without parentheses of its own. */
const NOTHING_TELLS = 'the newest: nothing in the file tells';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Which registry schema a workspace.json is written for. The shape of `compatibility` decides (strings: 1.0,
 * objects: 1.1; objects win in a mixed list, since strings are what breaks a 1.1 build); without it, keys only
 * one version has; when nothing tells, the newest.
 */
export function detectSchemaVersion(value: unknown, setting: RegistrySchemaSetting): SchemaDetection {
  if (setting !== 'auto') return { version: setting, reason: 'set by kasm.registrySchema' };
  if (!isObject(value)) return { version: NEWEST_SCHEMA, reason: NOTHING_TELLS };
  const compatibility = value.compatibility;
  if (Array.isArray(compatibility) && compatibility.length > 0) {
    if (compatibility.some(isObject)) return { version: '1.1', reason: 'compatibility lists objects' };
    if (compatibility.some((c) => typeof c === 'string')) return { version: '1.0', reason: 'compatibility lists version strings' };
  }
  const oldKeys = fieldsOfOtherSchema('1.1').map((f) => f.key).filter((key) => key in value);
  if (oldKeys.length) return { version: '1.0', reason: `has ${oldKeys.join(' and ')} (schema 1.0 only)` };
  return { version: NEWEST_SCHEMA, reason: NOTHING_TELLS };
}
