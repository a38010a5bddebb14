/**
 * Rules that only show across the entries of one registry (format notes §5): storefront page ids that
 * collide, icons that overwrite each other in the flat icons folder, channels given on some entries only,
 * and entries of another schema version than the registry (or its branch) publishes.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { Range } from 'vscode-languageserver-types';
import { JsonPath, KasmDocument, hasPropertyNamed, missingPropertyRange, nodeAt, pathOf, valueRange } from './document';
import { DiagnosticSink, KasmDiagnostic } from './diagnostics/context';
import { boundedList, firstShown } from './diagnostics/describe';
import { StampedCache, WorkspaceFileSystem } from './fileSystem';
import { iconNameProblem, inspectIcon } from './icon';
import { ICON_MAX_BYTES } from './imageFormat';
import { SCHEMA_VERSIONS, SchemaVersion } from './kasm/knowledge';

/** A string value an entry gives, and where to underline it. */
interface StringFact { value: string; range: Range; path: JsonPath }

/**
 * What the cross-entry rules need of one entry, taken from its tree once per version: a registry keeps these
 * instead of a thousand syntax trees, and a keystroke in one entry compares them without parsing the others.
 */
export interface EntryFacts {
  strings: Partial<Record<'friendly_name' | 'name' | 'image_src', StringFact>>;
  /** The compatibility objects: whether each gives available_tags (a channel), and where to say it does not. */
  channels: { hasTags: boolean; range: Range }[];
  /** Where a schema mismatch is underlined (the compatibility key, else the entry's "{"); undefined without a root. */
  schemaRange?: Range;
  hasCompatibility: boolean;
}

export function entryFacts(doc: KasmDocument): EntryFacts {
  const strings: EntryFacts['strings'] = {};
  for (const key of ['friendly_name', 'name', 'image_src'] as const) {
    const node = nodeAt(doc, [key]);
    if (node?.type === 'string') strings[key] = { value: String(node.value), range: valueRange(doc, node), path: pathOf(node) };
  }
  const compatibility = nodeAt(doc, ['compatibility']);
  const channels = (compatibility?.type === 'array' ? compatibility.children ?? [] : [])
    .filter((element) => element.type === 'object')
    .map((element) => ({ hasTags: hasPropertyNamed(element, 'available_tags'), range: missingPropertyRange(doc, element) }));
  const schemaRange = doc.root && missingPropertyRange(doc, compatibility ?? doc.root);
  return { strings, channels, schemaRange, hasCompatibility: compatibility !== undefined };
}

export interface RegistryEntry {
  file: string;
  schema: SchemaVersion;
  facts: EntryFacts;
}

export interface RegistryContext {
  /** The registry's root folder: other entries are named relative to it. */
  root: string;
  fileSystem: WorkspaceFileSystem;
  /** The checked-out git branch; a branch named like a schema version decides what the registry publishes. */
  branch?: string;
  /** The schema the registry's own build scripts are for, when they tell (the 1.1 template's processing/). */
  templateSchema?: SchemaVersion;
}

/** What the host knows of the registry beyond its files: the branch CI checked out (pull requests check out a commit). */
export interface RegistryHints {
  ciBranch?: string;
}

/** The branch a CI run is about, from the variables GitHub Actions sets: a pull request's target, else the pushed branch. */
export function ciBranch(environment: Readonly<Record<string, string | undefined>>): string | undefined {
  return environment.GITHUB_BASE_REF || environment.GITHUB_REF_NAME || undefined;
}

export function checkRegistry(entries: RegistryEntry[], registry: RegistryContext): Map<string, KasmDiagnostic[]> {
  const sinks = new Map(entries.map((entry) => [entry.file, new DiagnosticSink()]));
  const name = (file: string) => path.relative(registry.root, file) || path.basename(file);
  checkDuplicateNames(entries, sinks, name);
  checkIconCollisions(entries, sinks, registry.fileSystem, name);
  checkChannels(entries, sinks);
  checkSchemaVersions(entries, sinks, registry);
  return new Map([...sinks].map(([file, sink]) => [file, sink.diagnostics]));
}

/** The registry rooted at `root`, with the branch checked out there (else the one CI says) and its build scripts' schema. */
export function registryAt(root: string, fileSystem: WorkspaceFileSystem, hints: RegistryHints = {}): RegistryContext {
  const templateSchema = fileSystem.isFile(path.join(root, ...TEMPLATE_1_1_MARKER)) ? '1.1' : undefined;
  return { root, fileSystem, branch: gitBranch(root, fileSystem) ?? hints.ciBranch, templateSchema };
}

/** A script only the 1.1 registry template has (kasm-format.md §2): it adds the next Kasm version as a 1.1 object. */
const TEMPLATE_1_1_MARKER = ['processing', 'add_next_version.js'];

/** Git's own files are small; a larger one is not read (nor a FIFO or device: only regular files are). */
const GIT_FILE_MAX_BYTES = 4096;

function readGitFile(fileSystem: WorkspaceFileSystem, file: string): string | undefined {
  if (!fileSystem.isFile(file)) return undefined;
  const bytes = fileSystem.readHead(file, GIT_FILE_MAX_BYTES);
  return bytes ? new TextDecoder().decode(bytes) : undefined;
}

/**
 * The git branch checked out in `root`, if any: from .git/HEAD, or for a worktree or submodule (where .git is a
 * file saying `gitdir: …`) from that folder's HEAD. A detached HEAD (what pull-request CI checks out) has none.
 */
function gitBranch(root: string, fileSystem: WorkspaceFileSystem): string | undefined {
  const dotGit = path.join(root, '.git');
  const pointer = readGitFile(fileSystem, dotGit);
  const gitDir = pointer ? /^gitdir: (.+)$/m.exec(pointer)?.[1]?.trim() : dotGit;
  if (!gitDir) return undefined;
  const head = readGitFile(fileSystem, path.join(path.resolve(root, gitDir), 'HEAD'));
  const match = head && /^ref: refs\/heads\/(.+)$/m.exec(head);
  return match ? match[1].trim() : undefined;
}

type Sinks = Map<string, DiagnosticSink>;

function groupBy<T>(items: T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function checkDuplicateNames(entries: RegistryEntry[], sinks: Sinks, name: (file: string) => string): void {
  // The storefront's page id: btoa(name) in schema 1.0, btoa(friendly_name) in 1.1.
  for (const key of ['friendly_name', 'name'] as const) {
    const owners = entries.filter((e) => (key === 'name') === (e.schema === '1.0'));
    for (const [value, group] of groupBy(owners, (e) => e.facts.strings[key]?.value)) {
      if (group.length < 2) continue;
      const names = group.map((e) => name(e.file));
      group.forEach((entry, index) => {
        const others = firstShown(names, (_, other) => other !== index);
        const fact = entry.facts.strings[key]!;
        sinks.get(entry.file)?.report('duplicate-name', fact.range,
          `${boundedList(others, group.length - 1)} ${group.length === 2 ? 'has' : 'have'} the ${key} "${value}" too: the registry storefront gives them one page, so only one entry can be reached. Rename this one or the others.`,
          { path: fact.path });
      });
    }
  }
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
  const hash = bytes instanceof Uint8Array ? createHash('sha1').update(bytes).digest('hex') : undefined;
  iconHashes.set(fileSystem, file, stamp, hash);
  return hash;
}

function checkIconCollisions(entries: RegistryEntry[], sinks: Sinks, fileSystem: WorkspaceFileSystem, name: (file: string) => string): void {
  const withIcon = entries.filter((e) => {
    const src = e.facts.strings.image_src?.value;
    return src !== undefined && !iconNameProblem(src);
  });
  for (const [icon, group] of groupBy(withIcon, (e) => e.facts.strings.image_src?.value)) {
    if (group.length < 2) continue;
    // The same file reused on purpose (Kasm's own registry does) is fine: compare contents.
    const hashed = group.flatMap((entry) => {
      const hash = iconHash(fileSystem, entry.file, icon);
      return hash ? [{ entry, hash }] : [];
    });
    const sameHash = groupBy(hashed, ({ hash }) => hash);
    if (sameHash.size < 2) continue;
    for (const { entry, hash } of hashed) {
      // The entries whose icon of this name has other content: counted, and the first few named.
      const count = hashed.length - (sameHash.get(hash)?.length ?? 0);
      const named = firstShown(hashed, (other) => other.hash !== hash).map((other) => name(other.entry.file));
      const fact = entry.facts.strings.image_src!;
      sinks.get(entry.file)?.report('icon-collision', fact.range,
        `${boundedList(named, count)} ${count === 1 ? 'has' : 'have'} another icon also called "${icon}": the build copies every icon into one icons/ folder, so one replaces the other. Give this icon a unique file name.`,
        { path: fact.path });
    }
  }
}

function checkChannels(entries: RegistryEntry[], sinks: Sinks): void {
  const channels = entries.filter((e) => e.schema === '1.1').flatMap((entry) => entry.facts.channels.map((channel) => ({ entry, channel })));
  const tagged = channels.filter(({ channel }) => channel.hasTags).length;
  if (tagged === 0 || tagged === channels.length) return;
  for (const { entry, channel } of channels) {
    if (channel.hasTags) continue;
    sinks.get(entry.file)?.report('available-tags-partial', channel.range,
      `${tagged} of the registry's ${channels.length} compatibility entries give available_tags (channels) and this one does not: Kasm offers it in no channel but the image's own tag. Add available_tags, e.g. ["develop"].`,
      { path: ['compatibility'] });
  }
}

function checkSchemaVersions(entries: RegistryEntry[], sinks: Sinks, registry: RegistryContext): void {
  const { branch, templateSchema } = registry;
  const fromBranch = (SCHEMA_VERSIONS as readonly string[]).includes(branch ?? '') ? branch as SchemaVersion : undefined;
  const counts = groupBy(entries, (e) => e.schema);
  const [majority, runnerUp] = [...counts].sort((a, b) => b[1].length - a[1].length);
  const clearMajority = majority && (!runnerUp || runnerUp[1].length < majority[1].length) ? majority[0] : undefined;
  const expected = fromBranch ?? templateSchema ?? clearMajority;
  if (!expected) {
    // As many entries of each schema, and nothing else to tell: one branch publishes one schema, so say so on all.
    if (runnerUp) reportMixed(entries, sinks, counts);
    return;
  }
  const because = fromBranch
    ? `the branch "${branch}" publishes registry schema ${fromBranch}`
    : templateSchema ? `the registry's build scripts (processing/) are the schema ${templateSchema} template's`
      : `the rest of the registry (${counts.get(expected)?.length} of ${entries.length} entries) is schema ${expected}`;
  for (const entry of entries) {
    const range = entry.facts.schemaRange;
    if (entry.schema === expected || !range) continue;
    // A 1.0 entry on a 1.1 branch crashes the 1.1 build (format notes §5.3, §11): that is an error.
    const breaksBuild = (fromBranch ?? templateSchema) === '1.1' && entry.schema === '1.0' && entry.facts.hasCompatibility;
    sinks.get(entry.file)?.report('registry-schema-mismatch', range,
      `This entry is written for registry schema ${entry.schema}, but ${because}.${breaksBuild ? ' The 1.1 build crashes on its compatibility strings.' : ''} Convert it, or set kasm.registrySchema.`,
      { path: ['compatibility'], severity: breaksBuild ? 'error' : undefined });
  }
}

function reportMixed(entries: RegistryEntry[], sinks: Sinks, counts: Map<string, RegistryEntry[]>): void {
  const mix = [...counts].map(([schema, group]) => `${group.length} of schema ${schema}`).join(' and ');
  for (const entry of entries) {
    const range = entry.facts.schemaRange;
    if (!range) continue;
    sinks.get(entry.file)?.report('registry-schema-mismatch', range,
      `The registry mixes entries of both schemas (${mix}), but a branch publishes one. This one is schema ${entry.schema}: convert the others, or set kasm.registrySchema.`,
      { path: ['compatibility'] });
  }
}
