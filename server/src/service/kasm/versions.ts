/**
 * Kasm releases and the registry schema each reads (kasm-format.md §2, §4.2, §10.9): what `compatibility`
 * versions mean. A new Kasm release is one more string in KASM_RELEASES.
 */
import { memoize } from '../memoize';
import { KnownValue, SchemaVersion } from './fieldSpec';

/** Registry schema versions, oldest first. */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = ['1.0', '1.1'];
export const NEWEST_SCHEMA: SchemaVersion = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1];

/** Kasm releases (docs version selector, §4.2). A new release is one more string here. */
export const KASM_RELEASES: readonly string[] = [
  '1.10.0', '1.11.0', '1.12.0', '1.13.0', '1.13.1', '1.14.0', '1.15.0',
  '1.16.0', '1.16.1', '1.17.0', '1.18.0', '1.18.1', '1.19.0',
];

/** Which registry schema a Kasm release reads (§2): registries exist since 1.13; 1.16 moved to schema 1.1. */
const SCHEMA_SINCE: readonly { minor: number; schema: SchemaVersion }[] = [
  { minor: 13, schema: '1.0' },
  { minor: 16, schema: '1.1' },
];

/** `compatibility` version strings: `M.m.x` or an exact `M.m.p` (§3.2). */
export const VERSION_PATTERN = '^\\d+\\.\\d+\\.(x|\\d+)$';

export interface MinorRelease { major: number; minor: number; schema: SchemaVersion | undefined; releases: string[] }

function parseRelease(version: string): { major: number; minor: number; patch: number } {
  const [major, minor, patch] = version.split('.').map(Number);
  return { major, minor, patch };
}

/** The registry schema that a Kasm `major.minor` reads, or undefined before registries existed. */
export function schemaForKasm(major: number, minor: number): SchemaVersion | undefined {
  if (major !== 1) return major > 1 ? NEWEST_SCHEMA : undefined;
  let found: SchemaVersion | undefined;
  for (const step of SCHEMA_SINCE) if (minor >= step.minor) found = step.schema;
  return found;
}

let minorLines: MinorRelease[] | undefined;

/** Distinct `major.minor` lines of the known releases, newest first (derived once: rules ask on every keystroke). */
export function minorReleases(): MinorRelease[] {
  if (!minorLines) {
    const seen = new Map<string, MinorRelease>();
    for (const release of KASM_RELEASES) {
      const { major, minor } = parseRelease(release);
      const line = seen.get(`${major}.${minor}`) ?? { major, minor, schema: schemaForKasm(major, minor), releases: [] };
      line.releases.push(release);
      seen.set(`${major}.${minor}`, line);
    }
    minorLines = [...seen.values()].reverse();
  }
  return minorLines;
}

/** Compatibility version strings an author may write for a schema, newest first: `M.m.x`, then exact releases. */
export const compatibilityVersionsFor: (schema: SchemaVersion) => KnownValue[] = memoize(buildCompatibilityVersions);

function buildCompatibilityVersions(schema: SchemaVersion): KnownValue[] {
  const lines = minorReleases().filter((r) => r.schema === schema);
  const wildcard = lines.map((r) => ({
    value: `${r.major}.${r.minor}.x`,
    description: `Every Kasm ${r.major}.${r.minor} release (${r.releases.join(', ')}). Kasm ${r.major}.${r.minor} reads registry schema ${r.schema}.`,
  }));
  // Kasm 1.13–1.15 look for exactly "M.m.x" in a 1.0 entry, so an exact version there never matches (§10.9).
  if (schema === '1.0') return wildcard;
  const exact = [...KASM_RELEASES].reverse()
    .filter((v) => { const { major, minor } = parseRelease(v); return schemaForKasm(major, minor) === schema; })
    .map((v) => ({ value: v, description: `Exactly Kasm ${v}. Kasm matches an exact version before the ${v.replace(/\.\d+$/, '.x')} entry.` }));
  return [...wildcard, ...exact];
}

/** What a compatibility version string refers to, for diagnostics and hover. */
export type VersionVerdict =
  | { kind: 'malformed' }
  | { kind: 'unknown'; newest: string }
  /** The minor after the newest release: registries add it with develop tags before it is out (§10.9). */
  | { kind: 'next'; newest: string }
  | { kind: 'before-registries'; major: number; minor: number }
  | { kind: 'known'; major: number; minor: number; schema: SchemaVersion; releases: string[] };

const VERSION_REGEX = new RegExp(VERSION_PATTERN);

export const judgeCompatibilityVersion: (version: string) => Readonly<VersionVerdict> = memoize(judgeVersion);

function judgeVersion(version: string): VersionVerdict {
  if (!VERSION_REGEX.test(version)) return { kind: 'malformed' };
  const [majorText, minorText, last] = version.split('.');
  const major = Number(majorText);
  const minor = Number(minorText);
  const line = minorReleases().find((r) => r.major === major && r.minor === minor);
  const newest = minorReleases()[0];
  if (!line) {
    const older = major < newest.major || (major === newest.major && minor < newest.minor);
    if (older && schemaForKasm(major, minor) === undefined) return { kind: 'before-registries', major, minor };
    const isNext = major === newest.major && minor === newest.minor + 1 && last === 'x';
    return { kind: isNext ? 'next' : 'unknown', newest: `${newest.major}.${newest.minor}` };
  }
  if (line.schema === undefined) return { kind: 'before-registries', major, minor };
  const releases = line.releases;
  if (last !== 'x' && !releases.includes(version)) return { kind: 'unknown', newest: `${newest.major}.${newest.minor}` };
  return { kind: 'known', major, minor, schema: line.schema, releases: last === 'x' ? releases : [version] };
}

/**
 * An image tag that names a Kasm release, as Kasm's own images are tagged (`1.18.0`, `1.18.0-rolling-daily`): the
 * release and what follows it. Undefined for any other tag (an application's own version such as `3.2.1` is not a
 * Kasm release).
 */
export function kasmReleaseTag(tag: string): { release: string; major: number; minor: number; suffix: string } | undefined {
  const match = /^(\d+)\.(\d+)\.(\d+)(-.*)?$/.exec(tag);
  if (!match || !KASM_RELEASES.includes(`${match[1]}.${match[2]}.${match[3]}`)) return undefined;
  return { release: `${match[1]}.${match[2]}.${match[3]}`, major: Number(match[1]), minor: Number(match[2]), suffix: match[4] ?? '' };
}
