/**
 * Rules that only show across the entries of one registry (format notes §5): storefront page ids that
 * collide, icons that overwrite each other in the flat icons folder, channels given on some entries only,
 * and entries of another schema version than the registry (or its branch) publishes.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { Node } from 'jsonc-parser';
import { KasmDocument, missingPropertyRange, nodeAt, propertiesOf } from './document';
import { KasmDiagnostic, RuleContext } from './diagnostics/context';
import { WorkspaceFileSystem, readText } from './fileSystem';
import { iconNameProblem } from './icon';
import { SCHEMA_VERSIONS, SchemaVersion } from './kasm/knowledge';

export interface RegistryEntry {
  file: string;
  doc: KasmDocument;
  schema: SchemaVersion;
}

export interface RegistryContext {
  /** The registry's root folder: other entries are named relative to it. */
  root: string;
  fileSystem: WorkspaceFileSystem;
  /** The checked-out git branch; a branch named like a schema version decides what the registry publishes. */
  branch?: string;
}

export function checkRegistry(entries: RegistryEntry[], registry: RegistryContext): Map<string, KasmDiagnostic[]> {
  const contexts = new Map(entries.map((entry) => [entry.file, new RuleContext(entry.doc, entry.schema, registry.fileSystem)]));
  const name = (file: string) => path.relative(registry.root, file) || path.basename(file);
  checkDuplicateNames(entries, contexts, name);
  checkIconCollisions(entries, contexts, registry.fileSystem, name);
  checkChannels(entries, contexts);
  checkSchemaVersions(entries, contexts, registry.branch);
  return new Map([...contexts].map(([file, ctx]) => [file, ctx.diagnostics]));
}

/** The git branch checked out in `root` (from .git/HEAD), if any. */
export function gitBranch(root: string, fileSystem: WorkspaceFileSystem): string | undefined {
  const head = readText(fileSystem, path.join(root, '.git', 'HEAD'));
  const match = head && /^ref: refs\/heads\/(.+)$/m.exec(head);
  return match ? match[1].trim() : undefined;
}

type Contexts = Map<string, RuleContext>;

function groupBy<T>(items: T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

const stringAt = (entry: RegistryEntry, key: string): Node | undefined => {
  const node = nodeAt(entry.doc, [key]);
  return node?.type === 'string' ? node : undefined;
};

function checkDuplicateNames(entries: RegistryEntry[], contexts: Contexts, name: (file: string) => string): void {
  // The storefront's page id: btoa(name) in schema 1.0, btoa(friendly_name) in 1.1.
  for (const key of ['friendly_name', 'name']) {
    const owners = entries.filter((e) => (key === 'name') === (e.schema === '1.0'));
    for (const [value, group] of groupBy(owners, (e) => stringAt(e, key)?.value as string | undefined)) {
      if (group.length < 2) continue;
      for (const entry of group) {
        const others = group.filter((o) => o !== entry).map((o) => name(o.file));
        contexts.get(entry.file)?.reportValue('duplicate-name', stringAt(entry, key) as Node,
          `${others.join(', ')} has the ${key} "${value}" too: the registry storefront gives both one page, so one entry cannot be reached. Rename one.`);
      }
    }
  }
}

function checkIconCollisions(entries: RegistryEntry[], contexts: Contexts, fileSystem: WorkspaceFileSystem, name: (file: string) => string): void {
  const withIcon = entries.filter((e) => {
    const src = stringAt(e, 'image_src')?.value;
    return typeof src === 'string' && !iconNameProblem(src);
  });
  for (const [icon, group] of groupBy(withIcon, (e) => String(stringAt(e, 'image_src')?.value))) {
    if (group.length < 2) continue;
    // The same file reused on purpose (Kasm's own registry does) is fine: compare contents.
    const hashes = new Map(group.map((e) => {
      const bytes = fileSystem.readFile(path.join(path.dirname(e.file), icon));
      return [e, bytes ? createHash('sha1').update(bytes).digest('hex') : undefined];
    }));
    for (const entry of group) {
      const hash = hashes.get(entry);
      if (!hash) continue;
      const different = group.filter((o) => o !== entry && hashes.get(o) && hashes.get(o) !== hash).map((o) => name(o.file));
      if (!different.length) continue;
      contexts.get(entry.file)?.reportValue('icon-collision', stringAt(entry, 'image_src') as Node,
        `${different.join(', ')} has another icon also called "${icon}": the build copies every icon into one icons/ folder, so one replaces the other. Give this icon a unique file name.`);
    }
  }
}

function checkChannels(entries: RegistryEntry[], contexts: Contexts): void {
  const elements = entries.filter((e) => e.schema === '1.1').flatMap((entry) => {
    const list = nodeAt(entry.doc, ['compatibility']);
    return (list?.type === 'array' ? list.children ?? [] : []).filter((c) => c.type === 'object').map((element) => ({ entry, element }));
  });
  const hasTags = (element: Node) => propertiesOf(element).some((p) => p.name === 'available_tags');
  const tagged = elements.filter(({ element }) => hasTags(element)).length;
  if (tagged === 0 || tagged === elements.length) return;
  for (const { entry, element } of elements) {
    if (hasTags(element)) continue;
    contexts.get(entry.file)?.report('available-tags-partial', missingPropertyRange(entry.doc, element),
      `${tagged} of the registry's ${elements.length} compatibility entries give available_tags (channels) and this one does not: Kasm offers it in no channel but the image's own tag. Add available_tags, e.g. ["develop"].`,
      { path: ['compatibility'] });
  }
}

function checkSchemaVersions(entries: RegistryEntry[], contexts: Contexts, branch: string | undefined): void {
  const fromBranch = (SCHEMA_VERSIONS as readonly string[]).includes(branch ?? '') ? branch as SchemaVersion : undefined;
  const counts = groupBy(entries, (e) => e.schema);
  const [majority, runnerUp] = [...counts].sort((a, b) => b[1].length - a[1].length);
  const expected = fromBranch ?? (majority && (!runnerUp || runnerUp[1].length < majority[1].length) ? majority[0] : undefined);
  if (!expected) return;
  const because = fromBranch
    ? `the branch "${branch}" publishes registry schema ${fromBranch}`
    : `the rest of the registry (${counts.get(expected)?.length} of ${entries.length} entries) is schema ${expected}`;
  for (const entry of entries) {
    if (entry.schema === expected) continue;
    const root = entry.doc.root;
    if (!root) continue;
    const compatibility = nodeAt(entry.doc, ['compatibility']);
    const range = compatibility ? missingPropertyRange(entry.doc, compatibility) : missingPropertyRange(entry.doc, root);
    // A 1.0 entry on a 1.1 branch crashes the 1.1 build (format notes §5.3): that is an error.
    const breaksBuild = fromBranch === '1.1' && entry.schema === '1.0' && compatibility !== undefined;
    contexts.get(entry.file)?.report('registry-schema-mismatch', range,
      `This entry is written for registry schema ${entry.schema}, but ${because}.${breaksBuild ? ' The 1.1 build crashes on its compatibility strings.' : ''} Convert it, or set kasm.registrySchema.`,
      { path: ['compatibility'], severity: breaksBuild ? 'error' : undefined });
  }
}
