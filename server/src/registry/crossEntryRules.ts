/**
 * Rules that only show across the entries of one registry (format notes §5): storefront page ids that collide,
 * icons that overwrite each other in the flat icons folder, channels given on some entries only, and entries of
 * another schema version than the registry (or its branch) publishes. Each rule judges one entry, or one group of
 * entries sharing a value, from what CrossEntryIndex keeps up to date; none walks the registry.
 */
import * as path from '../service/paths';
import { DiagnosticSink, KasmDiagnostic } from '../service/diagnostics/context';
import { boundedList, firstShown } from '../service/diagnostics/describe';
import { StampedCache, WorkspaceFileSystem } from '../service/fileSystem';
import { inspectIcon } from '../service/icon';
import { ICON_MAX_BYTES } from '../service/imageFormat';
import { SCHEMA_VERSIONS, SchemaVersion } from '../service/kasm/knowledge';
import { RegistryContext } from './context';
import { RegistryEntry } from './entryFacts';

/** An entry's name in messages: its path from the registry root. */
export type EntryName = (file: string) => string;

/** The key whose value is the storefront's page id: btoa(name) in schema 1.0, btoa(friendly_name) in 1.1. */
export const pageIdKey = (entry: RegistryEntry): 'name' | 'friendly_name' => (entry.schema === '1.0' ? 'name' : 'friendly_name');

/** An entry's storefront page id: the value of its pageIdKey. */
export const pageId = (entry: RegistryEntry) => entry.facts.strings[pageIdKey(entry)]?.value;

/** Entries with the same page id: each is told which others share it. `group` is sorted by file. */
export function duplicateNames(group: readonly RegistryEntry[], name: EntryName): Map<string, KasmDiagnostic[]> {
  return sameValue(group, name, pageIdKey, 'the registry storefront gives them one page, so only one entry can be reached');
}

/**
 * 1.0 entries with the same friendly_name but other images (their page ids differ): Kasm's Workspaces lists show them
 * under one name, so admins and users cannot tell them apart (kasm-format.md §12).
 */
export function duplicateTitles(group: readonly RegistryEntry[], name: EntryName): Map<string, KasmDiagnostic[]> {
  // The same name too: duplicate-name says it already.
  if (new Set(group.map(pageId)).size < 2) return new Map();
  return sameValue(group, name, () => 'friendly_name', 'Kasm\'s workspace lists show them under one name, so admins and users cannot tell them apart');
}

/** Entries sharing the value of `key`: each is told which others share it, and what follows from that. */
function sameValue(
  group: readonly RegistryEntry[], name: EntryName, key: (entry: RegistryEntry) => 'name' | 'friendly_name', consequence: string,
): Map<string, KasmDiagnostic[]> {
  const found = new Map<string, KasmDiagnostic[]>();
  if (group.length < 2) return found;
  const names = group.map((e) => name(e.file));
  group.forEach((entry, index) => {
    const fact = entry.facts.strings[key(entry)]!;
    const others = firstShown(names, (_, other) => other !== index);
    const sink = new DiagnosticSink();
    sink.report('duplicate-name', fact.range,
      `${boundedList(others, group.length - 1)} ${group.length === 2 ? 'has' : 'have'} the ${key(entry)} "${fact.value}" too: ${consequence}. Rename this one or the others.`,
      { path: fact.path });
    found.set(entry.file, sink.diagnostics);
  });
  return found;
}

/**
 * A fast non-cryptographic hash of bytes (53 bits, two mixed 32-bit lanes): enough to tell two icons apart, and it
 * runs where `node:crypto` does not (the web worker).
 */
function contentHash(bytes: Uint8Array): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const byte of bytes) {
    h1 = Math.imul(h1 ^ byte, 2654435761);
    h2 = Math.imul(h2 ^ byte, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${(h2 >>> 0).toString(16)}${(h1 >>> 0).toString(16).padStart(8, '0')}:${bytes.length}`;
}

/** Icon hashes by file: typing in one entry must not re-read every icon of the registry. */
const iconHashes = new StampedCache<string | undefined>(20_000);

/**
 * The hash of an entry's icon: only an image inside the entry's folder (as the icon rule checks it), never a link
 * leading elsewhere, a FIFO or a device, and at most ICON_MAX_BYTES.
 */
function iconHash(fileSystem: WorkspaceFileSystem, entryFile: string, icon: string): string | undefined {
  if (inspectIcon(icon, entryFile, fileSystem).kind !== 'image') return undefined;
  const file = path.join(path.dirname(entryFile), icon);
  const stamp = fileSystem.changeStamp(file);
  if (stamp === undefined) return undefined;
  const known = iconHashes.get(fileSystem, file);
  if (known?.stamp === stamp) return known.value;
  const bytes = fileSystem.readFile(file, ICON_MAX_BYTES);
  const hash = bytes instanceof Uint8Array ? contentHash(bytes) : undefined;
  iconHashes.set(fileSystem, file, stamp, hash);
  return hash;
}

/**
 * Entries whose icons have one file name: the build copies every icon into one icons/ folder, so unless the files
 * are the same (Kasm's own registry reuses one on purpose) one replaces another. `group` is sorted by file.
 */
export function iconCollisions(
  icon: string, group: readonly RegistryEntry[], fileSystem: WorkspaceFileSystem, name: EntryName,
): Map<string, KasmDiagnostic[]> {
  const found = new Map<string, KasmDiagnostic[]>();
  if (group.length < 2) return found;
  const hashed = group.flatMap((entry) => {
    const hash = iconHash(fileSystem, entry.file, icon);
    return hash ? [{ entry, hash }] : [];
  });
  // An entry without the file, where another publishes one of that name: the registry shows that icon for it, so
  // it is no missing icon but a collision (kasm-format.md §12).
  const borrowing = hashed.length ? group.filter((entry) => inspectIcon(icon, entry.file, fileSystem).kind === 'missing') : [];
  for (const entry of borrowing) {
    const named = firstShown(hashed, () => true).map((other) => name(other.entry.file));
    const fact = entry.facts.strings.image_src!;
    const sink = new DiagnosticSink();
    sink.report('icon-collision', fact.range,
      `This entry has no "${icon}" of its own, but ${boundedList(named, hashed.length)} ${hashed.length === 1 ? 'publishes' : 'publish'} one of that name: the registry shows that icon for this entry. Add this entry's own icon under a name of its own.`,
      { path: fact.path });
    found.set(entry.file, sink.diagnostics);
  }
  const counts = new Map<string, number>();
  for (const { hash } of hashed) counts.set(hash, (counts.get(hash) ?? 0) + 1);
  if (counts.size < 2) return found;
  for (const { entry, hash } of hashed) {
    // The entries whose icon of this name has other content: counted, and the first few named.
    const count = hashed.length - (counts.get(hash) ?? 0);
    const named = firstShown(hashed, (other) => other.hash !== hash).map((other) => name(other.entry.file));
    const fact = entry.facts.strings.image_src!;
    const sink = new DiagnosticSink();
    sink.report('icon-collision', fact.range,
      `${boundedList(named, count)} ${count === 1 ? 'has' : 'have'} another icon also called "${icon}": the build copies every icon into one icons/ folder, so one replaces the other. Give this icon a unique file name.`,
      { path: fact.path });
    found.set(entry.file, sink.diagnostics);
  }
  return found;
}

/** How many of the registry's 1.1 compatibility entries there are, and how many give available_tags. */
export interface ChannelCounts { total: number; tagged: number }

/** Whether an entry's channels differ from the registry's: only when some, not all, compatibility entries give tags. */
export const channelsMixed = ({ total, tagged }: ChannelCounts): boolean => tagged > 0 && tagged < total;

export function partialChannels(entry: RegistryEntry, counts: ChannelCounts): KasmDiagnostic[] {
  if (entry.schema !== '1.1' || !channelsMixed(counts)) return [];
  const sink = new DiagnosticSink();
  for (const channel of entry.facts.channels) {
    if (channel.hasTags) continue;
    sink.report('available-tags-partial', channel.range,
      `${counts.tagged} of the registry's ${counts.total} compatibility entries give available_tags (channels) and this one does not: Kasm offers it in no channel but the image's own tag. Add available_tags, e.g. ["develop"].`,
      { path: ['compatibility'] });
  }
  return sink.diagnostics;
}

/** What the registry publishes: a schema and why, or, when nothing tells and the schemas tie, that it mixes them. */
export type SchemaVerdict =
  | { expected: SchemaVersion; because: string; breaksBuildFor1_0: boolean }
  | { expected?: undefined; mix?: string };

/** The registry's schema from its branch, else its build scripts, else a clear majority of its entries. */
export function schemaVerdict(counts: ReadonlyMap<SchemaVersion, number>, registry: RegistryContext): SchemaVerdict {
  const { branch, templateSchema } = registry;
  const fromBranch = (SCHEMA_VERSIONS as readonly string[]).includes(branch ?? '') ? branch as SchemaVersion : undefined;
  const present = [...counts].filter(([, count]) => count > 0);
  const [majority, runnerUp] = present.sort((a, b) => b[1] - a[1]);
  const clearMajority = majority && (!runnerUp || runnerUp[1] < majority[1]) ? majority[0] : undefined;
  const expected = fromBranch ?? templateSchema ?? clearMajority;
  if (!expected) return runnerUp ? { mix: present.map(([schema, count]) => `${count} of schema ${schema}`).join(' and ') } : {};
  const total = present.reduce((sum, [, count]) => sum + count, 0);
  const because = fromBranch
    ? `the branch "${branch}" publishes registry schema ${fromBranch}`
    : templateSchema ? `the registry's build scripts (processing/) are the schema ${templateSchema} template's`
      : `the rest of the registry (${counts.get(expected)} of ${total} entries) is schema ${expected}`;
  // A 1.0 entry on a 1.1 branch crashes the 1.1 build (format notes §5.3, §11).
  return { expected, because, breaksBuildFor1_0: (fromBranch ?? templateSchema) === '1.1' };
}

export function schemaMismatch(entry: RegistryEntry, verdict: SchemaVerdict): KasmDiagnostic[] {
  const range = entry.facts.schemaRange;
  if (!range || entry.schema === verdict.expected || (!verdict.expected && !verdict.mix)) return [];
  const sink = new DiagnosticSink();
  if (verdict.expected) {
    const breaksBuild = verdict.breaksBuildFor1_0 && entry.schema === '1.0' && entry.facts.hasCompatibility;
    sink.report('registry-schema-mismatch', range,
      `This entry is written for registry schema ${entry.schema}, but ${verdict.because}.${breaksBuild ? ' The 1.1 build crashes on its compatibility strings.' : ''} Convert it, or set kasm.registrySchema.`,
      { path: ['compatibility'], severity: breaksBuild ? 'error' : undefined });
  } else {
    // As many entries of each schema, and nothing else to tell: one branch publishes one schema, so say so on all.
    sink.report('registry-schema-mismatch', range,
      `The registry mixes entries of both schemas (${verdict.mix}), but a branch publishes one. This one is schema ${entry.schema}: convert the others, or set kasm.registrySchema.`,
      { path: ['compatibility'] });
  }
  return sink.diagnostics;
}
