/**
 * Which Kasm releases the registry as a whole serves (#29.2): an admin on the newest release who finds no entry for
 * it sees an empty registry, and an entry naming one exact release where the others name the whole line vanishes
 * for the line's other releases. Version matching as kasm-format.md §4 and §10.9 record it: exact version first,
 * then `M.m.x`; schema 1.0 by `M.m.x` only.
 */
import { DiagnosticSink, KasmDiagnostic } from '../service/diagnostics/context';
import { SchemaVersion } from '../service/kasm/knowledge';
import { MinorRelease, judgeCompatibilityVersion, minorReleases } from '../service/kasm/versions';
import { RegistryEntry } from './entryFacts';

/** The newest Kasm `major.minor` that reads a registry schema (1.0: 1.15; 1.1: the newest release). */
export function newestLine(schema: SchemaVersion): MinorRelease | undefined {
  return minorReleases().find((line) => line.schema === schema);
}

const lineOf = (line: MinorRelease) => `${line.major}.${line.minor}`;

/** The `M.m` line a version names (`1.17.x` and `1.17.0` both name 1.17), or undefined for an unknown one. */
export function versionLine(version: string): string | undefined {
  const verdict = judgeCompatibilityVersion(version);
  return verdict.kind === 'known' ? `${verdict.major}.${verdict.minor}` : undefined;
}

const isWildcard = (version: string) => version.endsWith('.x');

/** Whether an admin on some release of the line finds the entry: `M.m.x`, or (1.1 only) an exact release of it. */
export function servesLine(entry: RegistryEntry, line: MinorRelease): boolean {
  return entry.facts.versions.some(({ value }) => versionLine(value) === lineOf(line) && (isWildcard(value) || entry.schema === '1.1'));
}

/** The lines an entry names only by exact releases (schema 1.1): these vanish for the line's other releases. */
export function exactOnlyLines(entry: RegistryEntry): Set<string> {
  if (entry.schema !== '1.1') return new Set();
  const exact = new Set<string>();
  const wildcard = new Set<string>();
  for (const { value } of entry.facts.versions) {
    const line = versionLine(value);
    if (line) (isWildcard(value) ? wildcard : exact).add(line);
  }
  return new Set([...exact].filter((line) => !wildcard.has(line)));
}

/** The lines an entry names as `M.m.x`. */
export function wildcardLines(entry: RegistryEntry): Set<string> {
  return new Set(entry.facts.versions.filter(({ value }) => isWildcard(value)).flatMap(({ value }) => versionLine(value) ?? []));
}

/** The newest version an entry names, as [major, minor], for choosing where the registry's gap is said. */
export function newestNamed(entry: RegistryEntry): [number, number] {
  let best: [number, number] = [-1, -1];
  for (const { value } of entry.facts.versions) {
    const [major, minor] = value.split('.').map(Number);
    const newer = major > best[0] || (major === best[0] && minor > best[1]);
    if (Number.isInteger(major) && Number.isInteger(minor) && newer) best = [major, minor];
  }
  return best;
}

/** Said on one entry (the one naming the newest version): no entry of the registry serves the newest release. */
export function newestUncovered(entry: RegistryEntry, line: MinorRelease): KasmDiagnostic[] {
  const range = entry.facts.schemaRange;
  if (!range) return [];
  const sink = new DiagnosticSink();
  const newest = lineOf(line);
  const [major, minor] = newestNamed(entry);
  const own = major < 0 ? 'names no Kasm version' : `names ${major}.${minor} at newest`;
  sink.report('registry-misses-newest', range,
    `No entry of this registry is compatible with Kasm ${newest} (the newest release that reads schema ${entry.schema}): admins on ${newest} see an empty registry. This entry ${own}; add "${newest}.x" to the entries that run on it (kasm-registry-lint add-version ${newest}.x).`,
    { path: ['compatibility'] });
  return sink.diagnostics;
}

/** An entry naming only exact releases of a line the rest of the registry names as `M.m.x`. */
export function exactBesideWildcard(entry: RegistryEntry, registryWildcards: ReadonlySet<string>): KasmDiagnostic[] {
  const lines = [...exactOnlyLines(entry)].filter((line) => registryWildcards.has(line));
  if (!lines.length) return [];
  const sink = new DiagnosticSink();
  for (const { value, range } of entry.facts.versions) {
    const line = versionLine(value);
    if (!line || !lines.includes(line) || isWildcard(value)) continue;
    sink.report('version-exact-beside-wildcard', range,
      `Other entries of this registry name "${line}.x"; this one names exactly "${value}", so admins on any other ${line} release do not see it. Write "${line}.x" unless the image is for ${value} only.`,
      { path: ['compatibility'], suggestions: [`${line}.x`] });
  }
  return sink.diagnostics;
}
