import * as path from '../service/paths';
import { KasmDiagnostic } from '../service/diagnostics/context';
import { iconNameProblem } from '../service/icon';
import { SCHEMA_VERSIONS, SchemaVersion } from '../service/kasm/knowledge';
import { RegistryContext } from './context';
import {
  ChannelCounts, SchemaVerdict, channelsMixed, duplicateNames, duplicateTitles, iconCollisions, pageId, partialChannels, schemaMismatch,
  schemaVerdict,
} from './crossEntryRules';
import { RegistryEntry } from './entryFacts';
import { exactBesideWildcard, exactOnlyLines, newestLine, newestNamed, newestUncovered, servesLine, wildcardLines } from './versionCoverage';

/** The families of cross-entry rules, in the order their diagnostics are listed. */
type Family = 'names' | 'titles' | 'icons' | 'channels' | 'schema' | 'versions';
type Results = Record<Family, KasmDiagnostic[]>;
const NONE: readonly KasmDiagnostic[] = [];

/** Files by a value they share (a page id, an icon name). */
class Groups {
  private readonly byValue = new Map<string, Set<string>>();

  add(value: string | undefined, file: string): void {
    if (value === undefined) return;
    let files = this.byValue.get(value);
    if (!files) this.byValue.set(value, files = new Set());
    files.add(file);
  }

  delete(value: string | undefined, file: string): void {
    if (value === undefined) return;
    const files = this.byValue.get(value);
    files?.delete(file);
    if (files?.size === 0) this.byValue.delete(value);
  }

  get(value: string): ReadonlySet<string> {
    return this.byValue.get(value) ?? new Set();
  }

  values(): IterableIterator<string> {
    return this.byValue.keys();
  }
}

/** A 1.0 entry's friendly_name, which its page id (name) does not cover: what Kasm's lists show (§12). */
const title10 = (entry: RegistryEntry) => (entry.schema === '1.0' ? entry.facts.strings.friendly_name?.value : undefined);
/** The icon name an entry shares with others: only a plain file name is ever copied by the build. */
const iconName = (entry: RegistryEntry) => {
  const value = entry.facts.strings.image_src?.value;
  // "./icon.png" is copied as icon.png (§12): the same name as another entry's "icon.png".
  return value !== undefined && !iconNameProblem(value) ? value.replace(/^\.\//, '') : undefined;
};
const sameDiagnostics = (a: readonly KasmDiagnostic[], b: readonly KasmDiagnostic[]) =>
  a.length === b.length && a.every((d, i) => d.message === b[i].message && JSON.stringify(d.range) === JSON.stringify(b[i].range));

/**
 * The cross-entry diagnostics of one registry, kept up to date entry by entry: a keystroke in one entry re-judges
 * only the entries that share a value with it (before or after the change), and the whole registry only when a
 * count that every message quotes changed (#16.13). Per-value groups and per-schema counts are updated in place.
 */
export class CrossEntryIndex {
  private readonly entries = new Map<string, RegistryEntry>();
  private readonly results = new Map<string, Results>();
  private readonly pageIds = new Groups();
  private readonly titles = new Groups();
  private readonly icons = new Groups();
  private readonly bySchema = new Map<SchemaVersion, Set<string>>(SCHEMA_VERSIONS.map((schema) => [schema, new Set()]));
  private readonly channels: ChannelCounts = { total: 0, tagged: 0 };
  /** Files with a channel that gives no available_tags: the only ones the channel rule can report. */
  private readonly untagged = new Set<string>();
  /** Since the last `update`: entries changed, and groups whose members must be judged again. */
  private readonly touched = new Set<string>();
  private readonly staleGroups = { names: new Set<string>(), titles: new Set<string>(), icons: new Set<string>() };
  /** What the channel and schema rules last judged with: when it changes, every entry they could report is judged again. */
  private judgedChannels: ChannelCounts | undefined;
  private judgedSchema: SchemaVerdict = {};
  /** Entries serving the newest Kasm release of their schema; lines named `M.m.x`, and those named only exactly. */
  private readonly servingNewest = new Set<string>();
  private readonly wildcards = new Groups();
  private readonly exactOnly = new Groups();
  /** What the version rules last judged with: the entry told of the registry's gap, and the lines named `M.m.x`. */
  private judgedNewestTarget: string | undefined;
  private judgedWildcards = new Set<string>();

  constructor(private readonly registry: RegistryContext) {}

  set(entry: RegistryEntry): void {
    this.delete(entry.file);
    this.entries.set(entry.file, entry);
    this.pageIds.add(pageId(entry), entry.file);
    this.titles.add(title10(entry), entry.file);
    this.icons.add(iconName(entry), entry.file);
    // An empty file (nothing parsed) says nothing about the registry's schema (kasm-format.md §12).
    if (entry.facts.schemaRange) this.bySchema.get(entry.schema)?.add(entry.file);
    const newest = newestLine(entry.schema);
    if (newest && servesLine(entry, newest)) this.servingNewest.add(entry.file);
    for (const line of wildcardLines(entry)) this.wildcards.add(line, entry.file);
    for (const line of exactOnlyLines(entry)) this.exactOnly.add(line, entry.file);
    if (entry.schema === '1.1') {
      this.channels.total += entry.facts.channels.length;
      this.channels.tagged += entry.facts.channels.filter((c) => c.hasTags).length;
      if (entry.facts.channels.some((c) => !c.hasTags)) this.untagged.add(entry.file);
    }
    this.markStale(entry);
  }

  delete(file: string): void {
    const entry = this.entries.get(file);
    this.touched.add(file);
    if (!entry) return;
    this.markStale(entry);
    this.entries.delete(file);
    this.pageIds.delete(pageId(entry), file);
    this.titles.delete(title10(entry), file);
    this.icons.delete(iconName(entry), file);
    this.bySchema.get(entry.schema)?.delete(file);
    this.servingNewest.delete(file);
    for (const line of wildcardLines(entry)) this.wildcards.delete(line, file);
    for (const line of exactOnlyLines(entry)) this.exactOnly.delete(line, file);
    if (entry.schema === '1.1') {
      this.channels.total -= entry.facts.channels.length;
      this.channels.tagged -= entry.facts.channels.filter((c) => c.hasTags).length;
      this.untagged.delete(file);
    }
  }

  /** An entry's cross-entry diagnostics as of the last `update`. */
  diagnosticsOf(file: string): KasmDiagnostic[] {
    const results = this.results.get(file);
    if (!results) return [];
    return [...results.names, ...results.titles, ...results.icons, ...results.channels, ...results.schema, ...results.versions];
  }

  /** Judges again what the changes since the last call affect; returns the files whose diagnostics changed. */
  update(): Set<string> {
    const before = new Map<string, KasmDiagnostic[]>();
    const judge = (file: string, family: Family, diagnostics: readonly KasmDiagnostic[]) => {
      if (!before.has(file)) before.set(file, this.diagnosticsOf(file));
      if (!this.entries.has(file)) return;
      let results = this.results.get(file);
      if (!results) this.results.set(file, results = { names: [], titles: [], icons: [], channels: [], schema: [], versions: [] });
      results[family] = [...diagnostics];
    };
    for (const file of this.touched) {
      if (!this.entries.has(file)) {
        before.set(file, this.diagnosticsOf(file));
        this.results.delete(file);
      } else {
        for (const family of ['names', 'titles', 'icons'] as const) judge(file, family, NONE);
      }
    }
    this.judgeGroups(judge);
    this.judgeChannels(judge);
    this.judgeSchema(judge);
    this.judgeVersions(judge);
    this.touched.clear();
    const changed = new Set<string>();
    for (const [file, old] of before) if (!sameDiagnostics(old, this.diagnosticsOf(file))) changed.add(file);
    return changed;
  }

  private markStale(entry: RegistryEntry): void {
    this.touched.add(entry.file);
    const id = pageId(entry);
    if (id !== undefined) this.staleGroups.names.add(id);
    const title = title10(entry);
    if (title !== undefined) this.staleGroups.titles.add(title);
    const icon = iconName(entry);
    if (icon !== undefined) this.staleGroups.icons.add(icon);
  }

  private members(groups: Groups, value: string): RegistryEntry[] {
    return [...groups.get(value)].sort().flatMap((file) => this.entries.get(file) ?? []);
  }

  private judgeGroups(judge: (file: string, family: Family, diagnostics: readonly KasmDiagnostic[]) => void): void {
    const name = (file: string) => path.relative(this.registry.root, file) || path.basename(file);
    for (const value of this.staleGroups.names) {
      const group = this.members(this.pageIds, value);
      const found = duplicateNames(group, name);
      for (const entry of group) judge(entry.file, 'names', found.get(entry.file) ?? NONE);
    }
    for (const title of this.staleGroups.titles) {
      const group = this.members(this.titles, title);
      const found = duplicateTitles(group, name);
      for (const entry of group) judge(entry.file, 'titles', found.get(entry.file) ?? NONE);
    }
    for (const icon of this.staleGroups.icons) {
      const group = this.members(this.icons, icon);
      const found = iconCollisions(icon, group, this.registry.fileSystem, name);
      for (const entry of group) judge(entry.file, 'icons', found.get(entry.file) ?? NONE);
    }
    this.staleGroups.names.clear();
    this.staleGroups.titles.clear();
    this.staleGroups.icons.clear();
  }

  private judgeChannels(judge: (file: string, family: Family, diagnostics: readonly KasmDiagnostic[]) => void): void {
    const last = this.judgedChannels;
    const now = { ...this.channels };
    // The counts every message quotes changed: judge every entry that can be reported, and those that were.
    const countsChanged = !last || last.tagged !== now.tagged || last.total !== now.total;
    const everyone = countsChanged && ((last !== undefined && channelsMixed(last)) || channelsMixed(now));
    for (const file of everyone ? new Set([...this.untagged, ...this.touched]) : this.touched) {
      const entry = this.entries.get(file);
      if (entry) judge(file, 'channels', partialChannels(entry, now));
    }
    this.judgedChannels = now;
  }

  private judgeSchema(judge: (file: string, family: Family, diagnostics: readonly KasmDiagnostic[]) => void): void {
    const verdict = schemaVerdict(new Map([...this.bySchema].map(([schema, files]) => [schema, files.size])), this.registry);
    const last = this.judgedSchema;
    // A verdict is a few short strings: comparing them whole says whether any message would change.
    const same = JSON.stringify(verdict) === JSON.stringify(last);
    // The verdict (and so every message) changed: judge those it reports now and those it reported (outside the
    // expected schema); a tie reports every entry.
    const outside = (v: SchemaVerdict) => [...this.bySchema]
      .filter(([schema]) => (v.expected ? schema !== v.expected : v.mix !== undefined))
      .flatMap(([, group]) => [...group]);
    const files = same ? this.touched : new Set([...this.touched, ...outside(verdict), ...outside(last)]);
    for (const file of files) {
      const entry = this.entries.get(file);
      if (entry) judge(file, 'schema', schemaMismatch(entry, verdict));
    }
    this.judgedSchema = verdict;
  }

  private judgeVersions(judge: (file: string, family: Family, diagnostics: readonly KasmDiagnostic[]) => void): void {
    const target = this.newestTarget();
    const wildcards = new Set(this.wildcards.values());
    const flipped = [...new Set([...wildcards, ...this.judgedWildcards])]
      .filter((line) => wildcards.has(line) !== this.judgedWildcards.has(line));
    const files = new Set([...this.touched, ...flipped.flatMap((line) => [...this.exactOnly.get(line)])]);
    for (const file of [this.judgedNewestTarget, target]) if (file) files.add(file);
    for (const file of files) {
      const entry = this.entries.get(file);
      const newest = entry && newestLine(entry.schema);
      if (entry) judge(file, 'versions', [...(file === target && newest ? newestUncovered(entry, newest) : []), ...exactBesideWildcard(entry, wildcards)]);
    }
    [this.judgedNewestTarget, this.judgedWildcards] = [target, wildcards];
  }

  /**
   * Where the registry's gap is said when no entry of its schema serves the newest Kasm release: the entry naming
   * the newest version (the first path of those), since it is the one an author updates next.
   */
  private newestTarget(): string | undefined {
    const schema = this.judgedSchema.expected;
    const files = schema ? this.bySchema.get(schema) : undefined;
    if (!files?.size || [...files].some((file) => this.servingNewest.has(file))) return undefined;
    let best: { file: string; version: [number, number] } | undefined;
    for (const file of files) {
      const entry = this.entries.get(file);
      if (!entry) continue;
      const version = newestNamed(entry);
      const newer = !best || version[0] > best.version[0] || (version[0] === best.version[0] && version[1] > best.version[1]);
      if (newer || (best && version.join() === best.version.join() && file < best.file)) best = { file, version };
    }
    return best?.file;
  }
}
