import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { KasmDiagnostic } from './diagnostics/context';
import { readText } from './fileSystem';
import { KasmLanguageService } from './languageService';
import { DEFAULT_SETTINGS, DocumentSettings } from './settings';
import { findWorkspaceFiles } from './registry';
import { RegistryContext, RegistryEntry, checkRegistry, entryFacts } from './registryChecks';
import { REGISTRY_CONFIG_FILE, checkRegistryConfig } from './registryConfig';

/** A next.config.js is a few KB; a larger file is not read. */
const CONFIG_MAX_BYTES = 256 * 1024;

/** The editor's open document for a file, if it has one. */
export type OpenDocuments = (file: string) => TextDocument | undefined;

/**
 * Every entry of one registry with its diagnostics. An update re-checks only the entry that changed;
 * the cross-entry rules, which only compare a few values per entry, run over the whole registry.
 */
export class RegistryIndex {
  private readonly entries = new Map<string, { text: string; diagnostics: KasmDiagnostic[]; entry: RegistryEntry }>();
  private version = 0;
  /** The registry's site/next.config.js and what is wrong in it, when it exists. */
  private config: { file: string; diagnostics: KasmDiagnostic[] } | undefined;

  constructor(
    private readonly service: KasmLanguageService,
    readonly context: RegistryContext,
    private readonly settings: (file: string) => DocumentSettings = () => DEFAULT_SETTINGS,
  ) {}

  /** Loads every workspace.json under the registry root from disk. */
  load(): this {
    for (const file of findWorkspaceFiles(this.context.root)) this.refresh(file);
    this.refreshConfig();
    return this;
  }

  /** Reads the registry's site/next.config.js again (a regular file of at most 256 KB; never run). */
  refreshConfig(): void {
    const file = path.join(this.context.root, ...REGISTRY_CONFIG_FILE);
    const { fileSystem } = this.context;
    const bytes = fileSystem.isFile(file) ? fileSystem.readHead(file, CONFIG_MAX_BYTES) : undefined;
    this.config = bytes ? { file, diagnostics: checkRegistryConfig(new TextDecoder().decode(bytes), pathToFileURL(file).href) } : undefined;
  }

  /** The registry's config file, where a change to it should call refreshConfig. */
  get configFile(): string {
    return path.join(this.context.root, ...REGISTRY_CONFIG_FILE);
  }

  /**
   * Reads an entry again: from the editor's document where `openDocument` has one (its text is newer than the
   * disk's), else from disk. An entry that is in neither is dropped; returns whether it is still there.
   * `force` as for update.
   */
  refresh(file: string, openDocument: OpenDocuments = () => undefined, force = false): boolean {
    const source = openDocument(file) ?? readText(this.context.fileSystem, file);
    if (source === undefined) this.remove(file);
    else this.update(file, source, force);
    return source !== undefined;
  }

  /**
   * Sets the text of an entry and re-checks it: text from disk, or an open editor's document (whose parse the
   * editor's requests then share). `force` re-checks unchanged text (its icon changed).
   */
  update(file: string, source: string | TextDocument, force = false): void {
    const text = typeof source === 'string' ? source : source.getText();
    const current = this.entries.get(file);
    if (current && !force && current.text === text) return;
    const document = typeof source === 'string' ? TextDocument.create(pathToFileURL(file).href, 'json', ++this.version, text) : source;
    const settings = this.settings(file);
    const diagnostics = this.service.validate(document, settings);
    const entry = { file, schema: this.service.schemaVersion(document, settings).version, facts: entryFacts(this.service.parse(document)) };
    // The text, not the document: an editor's document changes in place.
    this.entries.set(file, { text, diagnostics, entry });
    // The facts are all the index needs of a file read from disk. Kept in the service's cache, a thousand entries'
    // syntax trees would pass through it while a registry loads, outliving enough garbage collections that V8
    // grows its young generation for good (~25 MB more resident memory).
    if (document !== source) this.service.forget(document.uri);
  }

  remove(file: string): void {
    this.entries.delete(file);
  }

  has(file: string): boolean {
    return this.entries.has(file);
  }

  files(): string[] {
    return [...this.entries.keys()].sort();
  }

  /** Each entry's own diagnostics and those of the cross-entry rules. */
  diagnostics(): Map<string, { own: KasmDiagnostic[]; crossEntry: KasmDiagnostic[] }> {
    const crossEntry = checkRegistry([...this.entries.values()].map(({ entry }) => entry), this.context);
    const diagnostics = new Map(this.files().map((file) => [file, { own: this.entries.get(file)?.diagnostics ?? [], crossEntry: crossEntry.get(file) ?? [] }]));
    if (this.config?.diagnostics.length) diagnostics.set(this.config.file, { own: this.config.diagnostics, crossEntry: [] });
    return diagnostics;
  }
}
