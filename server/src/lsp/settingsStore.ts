import { Connection } from 'vscode-languageserver';
import { DocumentSettings, RuleSettings } from '../service/settings';
import { ServerSettings, toDocumentSettings } from './protocol';

/**
 * The `kasm` settings per document: asked of the editor (workspace/configuration) and kept until they change, or,
 * for an editor that cannot be asked, those it pushed (initializationOptions, didChangeConfiguration).
 */
export class SettingsStore {
  private readonly asked = new Map<string, Promise<ServerSettings>>();
  private pushed: ServerSettings = {};
  /** Whether the editor answers workspace/configuration (set by initialize). */
  pull = false;
  /** The settings last answered (or pushed): the user-scope ones (kasm.images.*) are the same for every document. */
  latest: ServerSettings = {};
  /** VS Code's Restricted Mode: online checks stay off whatever the settings say (#27.10). */
  untrusted = false;

  constructor(
    private readonly connection: Connection,
    /** The rule settings of the registry a document belongs to (its `.kasm-lint.json`), under the editor's. */
    private readonly registryRules: (uri: string) => RuleSettings = () => ({}),
  ) {}

  /** Settings the editor pushed (at start, or with a change): used when it cannot be asked. */
  push(settings: ServerSettings): void {
    this.pushed = settings;
    this.latest = settings;
  }

  /** The settings changed: ask again. */
  clear(): void {
    this.asked.clear();
  }

  forget(uri: string): void {
    this.asked.delete(uri);
  }

  of(uri: string): Promise<ServerSettings> {
    const restrict = (settings: ServerSettings): ServerSettings =>
      (this.untrusted ? { ...settings, images: { ...settings.images, online: false } } : settings);
    return this.asEditorSays(uri).then(restrict);
  }

  private asEditorSays(uri: string): Promise<ServerSettings> {
    if (!this.pull) return Promise.resolve(this.pushed);
    let settings = this.asked.get(uri);
    if (!settings) {
      settings = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'kasm' })
        .then((value: ServerSettings | null) => (this.latest = value ?? {}), () => ({}));
      this.asked.set(uri, settings);
    }
    return settings;
  }

  async documentSettings(uri: string): Promise<DocumentSettings> {
    return toDocumentSettings(await this.of(uri), this.registryRules(uri));
  }
}
