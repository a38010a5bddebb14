import * as path from '../service/paths';
import { isWithin } from '../service/paths';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSink, KasmDiagnostic, withRuleSeverities } from '../service/diagnostics/context';
import { CHECK_LIMITS, fileUri } from '../service/document';
import { NEWEST_SCHEMA } from '../service/kasm/knowledge';
import { TOO_LARGE, readText } from '../service/fileSystem';
import { isKasmEntry } from '../service/entryDetection';
import { KasmLanguageService } from '../service/languageService';
import { DEFAULT_SETTINGS, DocumentSettings } from '../service/settings';
import { RegistryContext } from './context';
import { CrossEntryIndex } from './crossEntryIndex';
import { EntryFacts, entryFacts } from './entryFacts';
import { REGISTRY_CONFIG_FILE, checkRegistryConfig } from './siteConfig';

/** A next.config.js is a few KB; a larger file is not read. */
const CONFIG_MAX_BYTES = 256 * 1024;

/** An entry's own and cross-entry diagnostics, and the version of the open document they were computed for. */
export interface EntryDiagnostics { own: KasmDiagnostic[]; crossEntry: KasmDiagnostic[]; version?: number }

/** The editor's open document for a file, if it has one. */
export type OpenDocuments = (file: string) => TextDocument | undefined;

export interface RefreshOptions { openDocument?: OpenDocuments; force?: boolean; anyContent?: boolean }

/**
 * Every entry of one registry with its diagnostics. An update re-checks only the entry that changed, and the
 * cross-entry rules only the entries that share a value with it (CrossEntryIndex); `takeChanged` hands out what
 * changed since it was last called, so a keystroke costs the same in a registry of 100 entries or 20,000.
 */
export class RegistryIndex {
  /** Each entry: the text checked, and the editor's document version when it came from an open document. */
  private readonly entries = new Map<string, { text: string; version?: number; diagnostics: KasmDiagnostic[] }>();
  private readonly crossEntry: CrossEntryIndex;
  /** Entries whose own diagnostics changed since `takeChanged` last handed them out. */
  private readonly ownChanged = new Set<string>();
  private version = 0;
  /** The registry's site/next.config.js and what is wrong in it, when it exists; `changed` until handed out. */
  private config: { file: string; diagnostics: KasmDiagnostic[] } | undefined;
  private configChanged = false;

  constructor(
    private readonly service: KasmLanguageService,
    readonly context: RegistryContext,
    private readonly settings: (file: string) => DocumentSettings = () => DEFAULT_SETTINGS,
  ) {
    this.crossEntry = new CrossEntryIndex(context);
  }

  /** Loads these workspace.json files (every one under the registry root) from disk. */
  load(files: readonly string[]): this {
    for (const file of files) this.refresh(file);
    this.refreshConfig();
    return this;
  }

  /** Reads the registry's site/next.config.js again (a regular file of at most 256 KB; never run); whether it has problems. */
  refreshConfig(): boolean {
    const file = path.join(this.context.root, ...REGISTRY_CONFIG_FILE);
    const { fileSystem } = this.context;
    const bytes = fileSystem.isFile(file) ? fileSystem.readHead(file, CONFIG_MAX_BYTES) : undefined;
    this.config = bytes ? { file, diagnostics: checkRegistryConfig(new TextDecoder().decode(bytes), fileUri(file)) } : undefined;
    this.configChanged = true;
    return (this.config?.diagnostics.length ?? 0) > 0;
  }

  /** The registry's config file, where a change to it should call refreshConfig. */
  get configFile(): string {
    return path.join(this.context.root, ...REGISTRY_CONFIG_FILE);
  }

  /**
   * Reads an entry again: from the editor's document where `openDocument` has one (its text is newer than the
   * disk's), else from disk. An entry that is in neither, or a file on disk that is not a Kasm entry (another tool's
   * workspace.json), is dropped; returns whether it is still there. `force` as for update; `anyContent` checks a
   * file the user named even when it does not look like a Kasm entry.
   */
  refresh(file: string, { openDocument, force = false, anyContent = false }: RefreshOptions = {}): boolean {
    const { fileSystem } = this.context;
    const open = openDocument?.(file);
    if (!open && !this.insideRoot(file)) {
      this.unread(file, 'This workspace.json is a link leading outside the registry: the registry build would read another file. It is not read.', 'entry-not-regular-file');
      return true;
    }
    if (!open && this.isLink(file)) {
      this.unread(file, 'This workspace.json is a symbolic link: git stores a link as the path it names, not the entry, so the registry build does not read this entry as written here. Make it a regular file.', 'entry-not-regular-file');
      return true;
    }
    const source = open ?? readText(fileSystem, file, CHECK_LIMITS.maxBytes);
    if (source === TOO_LARGE) {
      this.unread(file, `This workspace.json is larger than ${CHECK_LIMITS.maxBytes / 1e6} MB; registry entries are a few KB. It is not read.`);
    } else if (typeof source === 'string' && !anyContent && !isKasmEntry(file, source)) {
      this.remove(file);
      return false;
    } else if (source !== undefined) {
      this.update(file, source, { force });
    } else if (fileSystem.changeStamp(file) !== undefined) {
      // There, but not a regular file we may read (permissions, a FIFO, a device).
      this.unread(file, 'This workspace.json cannot be read (it is not a regular file, or not readable): the registry build fails on it.', 'entry-not-regular-file');
    } else {
      this.remove(file);
      return false;
    }
    return true;
  }

  /** Whether a file (its links followed) is inside the registry's folder; a missing file is, as far as we know. */
  private insideRoot(file: string): boolean {
    const { fileSystem, root } = this.context;
    const real = fileSystem.realPath(file);
    if (real === undefined) return true;
    return isWithin(fileSystem.realPath(root) ?? root, real);
  }

  /** Whether the file itself (not a folder above it) is a symbolic link, dangling or not. */
  private isLink(file: string): boolean {
    return this.context.fileSystem.isLink?.(file) ?? false;
  }

  /** An entry that is there but not read: its only diagnostic says why. */
  private unread(file: string, reason: string, code: 'check-degraded' | 'entry-not-regular-file' = 'check-degraded'): void {
    const sink = new DiagnosticSink();
    sink.report(code, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, reason);
    const facts: EntryFacts = { strings: {}, channels: [], hasCompatibility: false, versions: [] };
    this.entries.set(file, { text: '', diagnostics: sink.diagnostics });
    this.ownChanged.add(file);
    this.crossEntry.set({ file, schema: NEWEST_SCHEMA, facts });
  }

  /**
   * Sets the text of an entry and re-checks it: text from disk, or an open editor's document (whose parse the
   * editor's requests then share). `force` re-checks unchanged text (its icon changed).
   */
  update(
    file: string, source: string | TextDocument,
    { force = false, settings = this.settings(file) }: { force?: boolean; settings?: DocumentSettings } = {},
  ): void {
    const text = typeof source === 'string' ? source : source.getText();
    const current = this.entries.get(file);
    if (current && !force && current.text === text) {
      // The same text, now from an open document (or from disk again): its results stand for this version.
      current.version = typeof source === 'string' ? undefined : source.version;
      return;
    }
    const document = typeof source === 'string' ? TextDocument.create(fileUri(file), 'json', ++this.version, text) : source;
    const diagnostics = this.service.validate(document, settings);
    const schema = this.service.schemaVersion(document, settings).version;
    this.crossEntry.set({ file, schema, facts: entryFacts(this.service.parse(document)) });
    // The text, not the document: an editor's document changes in place.
    this.entries.set(file, { text, version: typeof source === 'string' ? undefined : source.version, diagnostics });
    this.ownChanged.add(file);
    // The facts are all the index needs of a file read from disk. Kept in the service's cache, a thousand entries'
    // syntax trees would pass through it while a registry loads, outliving enough garbage collections that V8
    // grows its young generation for good (~25 MB more resident memory).
    if (document !== source) this.service.forget(document.uri);
  }

  /** An entry's own diagnostics (those of its text alone), as last checked. */
  ownDiagnostics(file: string): KasmDiagnostic[] {
    const own = this.entries.get(file)?.diagnostics ?? [];
    // An icon that is not in the entry's folder collides only when a sibling publishes one of that name, which the
    // registry then shows for it (icon-collision says whose): it is not missing (kasm-format.md §12).
    const borrowed = this.crossEntryDiagnostics(file).some((d) => d.code === 'icon-collision');
    return borrowed ? own.filter((d) => d.code !== 'icon-missing') : own;
  }

  /** An entry's cross-entry diagnostics as last judged (typing pauses before they are judged again). */
  crossEntryDiagnostics(file: string): KasmDiagnostic[] {
    // With the severities the registry or the user set per code (the entry's own had theirs when checked).
    return withRuleSeverities(this.crossEntry.diagnosticsOf(file), this.settings(file).rules);
  }

  remove(file: string): void {
    this.entries.delete(file);
    this.crossEntry.delete(file);
  }

  /** The entry's own diagnostics were published by the caller: `takeChanged` need not hand them out again. */
  published(file: string): void {
    this.ownChanged.delete(file);
  }

  /** The text last checked of an entry ('' for one that was not read), undefined for a file that is none. */
  text(file: string): string | undefined {
    return this.entries.get(file)?.text;
  }

  has(file: string): boolean {
    return this.entries.has(file);
  }

  files(): string[] {
    return [...this.entries.keys()].sort();
  }

  /**
   * The diagnostics of every entry (and of the site config) whose own or cross-entry diagnostics changed since the
   * last call; a removed entry is not among them (its caller clears it).
   */
  takeChanged(): Map<string, EntryDiagnostics> {
    const files = new Set([...this.ownChanged, ...this.crossEntry.update()]);
    this.ownChanged.clear();
    const changed = new Map<string, EntryDiagnostics>();
    for (const file of [...files].sort()) {
      const entry = this.entries.get(file);
      if (!entry) continue;
      changed.set(file, { own: this.ownDiagnostics(file), crossEntry: this.crossEntryDiagnostics(file), version: entry.version });
    }
    if (this.configChanged && this.config?.diagnostics.length) {
      changed.set(this.config.file, { own: this.config.diagnostics, crossEntry: [] });
    }
    this.configChanged = false;
    return changed;
  }

  /** Each entry's own diagnostics and those of the cross-entry rules (the CLI's whole report). */
  diagnostics(): Map<string, EntryDiagnostics> {
    this.takeChanged();
    const all = new Map<string, EntryDiagnostics>(this.files().map((file) => {
      const entry = this.entries.get(file);
      return [file, { own: this.ownDiagnostics(file), crossEntry: this.crossEntryDiagnostics(file), version: entry?.version }];
    }));
    if (this.config?.diagnostics.length) all.set(this.config.file, { own: this.config.diagnostics, crossEntry: [] });
    return all;
  }
}
