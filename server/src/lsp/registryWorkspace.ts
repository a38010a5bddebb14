import * as path from '../service/paths';
import { isWithin } from '../service/paths';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { KasmDiagnostic } from '../service/diagnostics/context';
import { KasmLanguageService } from '../service/languageService';
import { DocumentSettings } from '../service/settings';
import { RAL } from 'vscode-languageserver';
import { CHECK_LIMITS, fileUri } from '../service/document';
import { WorkspaceFileSystem, readText } from '../service/fileSystem';
import { ciBranch, registryAt } from '../registry/context';
import { ServerHost, settled } from './host';
import { OpenDocuments, RegistryIndex } from '../registry/registryIndex';

/** Files read between two yields to the event loop while a registry is loaded. */
const LOAD_CHUNK = 25;
/** Pause after the last keystroke before the entries of a registry are compared again (the cross-entry rules). */
const CROSS_ENTRY_DELAY_MS = 150;

/** Told how far a scan has got: entries checked so far of all those found. */
export type ScanProgress = (checked: number, total: number) => void;

/** A workspace folder whose registry is checked, with the settings of each of its entries. */
export interface RegistryFolder {
  root: string;
  settings: (file: string) => DocumentSettings;
}

/**
 * The registries of the editor's workspace folders: every entry checked at start and on file changes, so
 * problems show without opening each file. Only diagnostics that changed are published again.
 */
export class RegistryWorkspace {
  private readonly indexes: RegistryIndex[] = [];
  /** Files published with diagnostics by the current scan. */
  private readonly published = new Set<string>();
  /** Scans started, so that a superseded one stops. */
  private scans = 0;
  /** Files published before the current scan, and not yet published by it. */
  private readonly unconfirmed = new Set<string>();
  /** Files the editor has open in another language than Kasm's: the user says they are no entries (#18.3). */
  private readonly otherLanguage = new Set<string>();
  /**
   * Files the editor reported changed while a scan ran: the scan may have read them before the change (an entry
   * deleted meanwhile kept its problems, #27.7), so they are looked at again when it ends.
   */
  private changedDuringScan: Map<string, boolean> | undefined;
  /** Registries waiting to be compared again after typing, and when. */
  private readonly pendingComparison = new Map<RegistryIndex, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly service: KasmLanguageService,
    /** The server's file system (change stamps remembered while the editor watches files): icons are compared through it. */
    private readonly fileSystem: WorkspaceFileSystem,
    private readonly host: ServerHost,
    /** Publishes a file's diagnostics; `version` is the open document's they were computed for, if any. */
    private readonly publish: (file: string, diagnostics: KasmDiagnostic[], version?: number) => void,
    private readonly log: (message: string, level?: 'info' | 'warning') => void = () => undefined,
  ) {}

  /**
   * Checks these registries from scratch. Entries published before that are in none of them now lose their
   * diagnostics, unless the editor has them open (its own checks publish those). A scan started later supersedes
   * this one, which then stops.
   */
  async scan(registries: readonly RegistryFolder[], openDocument: OpenDocuments, progress: ScanProgress = () => undefined): Promise<void> {
    const scan = ++this.scans;
    this.changedDuringScan ??= new Map();
    for (const file of this.published.keys()) this.unconfirmed.add(file);
    this.indexes.length = 0;
    this.published.clear();
    const found: (RegistryFolder & { files: string[] })[] = [];
    for (const registry of registries) {
      const walk = await this.host.findEntries(registry.root, () => scan !== this.scans);
      if (scan !== this.scans) return;
      this.log(`registry ${registry.root}: ${walk.files.length} workspace.json file${walk.files.length === 1 ? '' : 's'}`, 'info');
      if (!walk.complete) this.log(`kasm: stopped looking for workspace.json files in ${registry.root} early (too many folders); open the registry's own folder to check all of it.`);
      found.push({ ...registry, files: walk.files });
    }
    const total = found.reduce((sum, { files }) => sum + files.length, 0);
    let checked = 0;
    progress(checked, total);
    for (const { root, settings, files } of found) {
      const context = await settled(this.host, () => registryAt(root, this.fileSystem, { ciBranch: ciBranch(this.host.environment) }));
      const index = new RegistryIndex(this.service, context, settings);
      for (const file of files) {
        if (!this.otherLanguage.has(file)) {
          await this.warm(file);
          index.refresh(file, { openDocument });
        }
        // Files are read a chunk at a time so that typing stays responsive while a registry loads.
        if (++checked % LOAD_CHUNK === 0) {
          progress(checked, total);
          await new Promise((resolve) => RAL().timer.setImmediate(resolve));
        }
        if (scan !== this.scans) return;
      }
      await settled(this.host, () => index.refreshConfig());
      this.indexes.push(index);
      this.publishChanged(index);
    }
    for (const file of this.unconfirmed) if (!this.published.has(file) && !openDocument(file)) this.publish(file, []);
    this.unconfirmed.clear();
    const changed = this.changedDuringScan;
    this.changedDuringScan = undefined;
    for (const [file, deleted] of changed) await this.fileChanged(file, deleted, openDocument);
  }

  /** Entries checked, and the errors and warnings they have now: what *Check Whole Registry* reports. */
  totals(): { entries: number; errors: number; warnings: number } {
    const totals = { entries: 0, errors: 0, warnings: 0 };
    for (const index of this.indexes) {
      for (const [file, { own, crossEntry }] of index.diagnostics()) {
        if (path.basename(file) === 'workspace.json') totals.entries++;
        for (const { severity } of [...own, ...crossEntry]) {
          if (severity === 1) totals.errors++;
          else if (severity === 2) totals.warnings++;
        }
      }
    }
    return totals;
  }

  /** The registry a file belongs to: the workspace folder that holds it. */
  indexFor(file: string): RegistryIndex | undefined {
    // "..x" is a folder inside the registry; only ".." itself leads out (#19.13).
    return this.indexes.find((index) => isWithin(index.context.root, file));
  }

  /**
   * An open document changed: re-checks it and publishes its own diagnostics at once, with the cross-entry ones it
   * had; the registry's entries are compared again once typing pauses, and whatever that changes is published then.
   */
  updateDocument(index: RegistryIndex, file: string, document: TextDocument, settings: DocumentSettings): void {
    index.update(file, document, { settings });
    index.published(file);
    this.published.add(file);
    this.publish(file, [...index.ownDiagnostics(file), ...index.crossEntryDiagnostics(file)], document.version);
    clearTimeout(this.pendingComparison.get(index));
    this.pendingComparison.set(index, setTimeout(() => {
      this.pendingComparison.delete(index);
      if (this.indexes.includes(index)) this.publishChanged(index);
    }, CROSS_ENTRY_DELAY_MS));
  }

  /**
   * The editor reports a file changed, appeared or was deleted: an entry (unless it is open: its document is what
   * counts), the site config, a folder deleted whole (reported alone), or anything else next to entries (an icon).
   */
  async fileChanged(file: string, deleted: boolean, openDocument: OpenDocuments): Promise<void> {
    this.changedDuringScan?.set(file, deleted);
    const name = path.basename(file);
    if (name === 'workspace.json') {
      if (openDocument(file)) return;
      await this.warm(file);
      this.updateFromDisk(file);
    } else if (name === 'next.config.js') {
      // Where files answer later, the config is read first; updateConfig then finds it known.
      const refresh = () => this.indexes.forEach((index) => index.configFile === file && index.refreshConfig());
      if (this.host.settle) await this.host.settle(refresh);
      this.updateConfig(file);
    } else if (deleted && !path.extname(file)) {
      this.removeUnder(file);
    } else {
      const folder = path.dirname(file);
      for (const index of this.indexes) for (const entry of index.files()) if (path.dirname(entry) === folder) await this.warm(entry);
      this.recheckFolder(folder, openDocument);
    }
  }

  /**
   * Where files answer later (the web), reads what checking the entry on disk will read, so that the check that
   * follows finds it all known. Nothing to do where files answer at once.
   */
  private async warm(file: string): Promise<void> {
    if (!this.host.settle) return;
    const uri = fileUri(file);
    await this.host.settle(() => {
      const text = readText(this.fileSystem, file, CHECK_LIMITS.maxBytes);
      if (typeof text === 'string') this.service.validate(TextDocument.create(uri, 'json', 0, text));
    });
    this.service.forget(uri);
  }

  /** A workspace.json changed, appeared or vanished on disk (or its editor closed): take the disk's version. */
  updateFromDisk(file: string): void {
    const index = this.indexFor(file);
    if (!index || this.otherLanguage.has(file)) return;
    if (!index.refresh(file)) this.forget(file);
    this.publishChanged(index);
  }

  /**
   * The editor opened a workspace.json in another language (JSON, say): no entry while it is open so; closed, it is
   * read from disk again.
   */
  setOtherLanguage(file: string, otherLanguage: boolean): void {
    if (!otherLanguage) {
      if (this.otherLanguage.delete(file)) this.updateFromDisk(file);
      return;
    }
    this.otherLanguage.add(file);
    for (const index of this.indexes.filter((i) => i.has(file))) {
      index.remove(file);
      this.forget(file);
      this.publishChanged(index);
    }
  }

  /** A registry's site/next.config.js changed on disk. */
  updateConfig(file: string): void {
    for (const index of this.indexes.filter((i) => i.configFile === file)) {
      if (!index.refreshConfig()) this.forget(file);
      this.publishChanged(index);
    }
  }

  /** A folder was deleted: every entry under it is gone (read again from disk, which no longer has it). */
  removeUnder(folder: string): void {
    for (const index of this.indexes) {
      const gone = index.files().filter((file) => isWithin(folder, file));
      for (const file of gone) {
        if (!index.refresh(file)) this.forget(file);
      }
      if (gone.length) this.publishChanged(index);
    }
  }

  /** Files around an entry changed (icons): check the entries of that folder again. */
  recheckFolder(folder: string, openDocument: OpenDocuments): void {
    this.recheck((file) => path.dirname(file) === folder, openDocument);
  }

  /** What the entries read besides their text changed (a registry answered about their images): check them again. */
  recheck(affected: (file: string) => boolean, openDocument: OpenDocuments): void {
    for (const index of this.indexes) {
      const files = index.files().filter((file) => affected(file) && !this.otherLanguage.has(file));
      for (const file of files) {
        if (!index.refresh(file, { openDocument, force: true })) this.forget(file);
      }
      if (files.length) this.publishChanged(index);
    }
  }

  private forget(file: string): void {
    if (this.published.has(file)) this.publish(file, []);
    this.published.delete(file);
  }

  /** Publishes the entries whose diagnostics changed: after a keystroke, the entry typed in and those it affects. */
  private publishChanged(index: RegistryIndex): void {
    for (const [file, { own, crossEntry, version }] of index.takeChanged()) {
      this.published.add(file);
      this.publish(file, [...own, ...crossEntry], version);
    }
  }
}
