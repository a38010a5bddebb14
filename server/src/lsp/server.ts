/**
 * The LSP transport over the language service: documents, settings, debounced validation, file watching
 * (requests.ts answers the editor's requests; main.ts is the command line). Every rule lives in the core; this
 * file only wires it to a connection.
 */
import {
  Connection, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification, FileChangeType,
  InitializeResult, TextDocuments,
} from 'vscode-languageserver';
import { URI } from 'vscode-uri';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { fileUri, filePathOf, useFileScheme } from '../service/document';
import { KasmLanguageService, createLanguageService } from '../service/languageService';
import { RememberingFileSystem } from '../service/fileSystem';
import { inWorkspacesFolder, isKasmValue } from '../service/entryDetection';
import { LINT_CONFIG_FILE, LintConfigs } from '../service/lintConfig';
import { DocumentSettings, RuleSettings, stringList } from '../service/settings';
import { ServerHost, settled } from './host';
import {
  CHECK_REGISTRY_REQUEST, InitializationOptions, OTHER_LANGUAGE_NOTIFICATION, optionText,
  OtherLanguageParams, RegistryCheckResult, SCHEMA_VERSION_NOTIFICATION, SchemaVersionChange, ServerSettings, toDocumentSettings,
} from './protocol';
import { startOnlineImages } from './onlineImages';
import { RegistryFolder, RegistryWorkspace } from './registryWorkspace';
import { checkedSync } from './checkedSync';
import { registerRequests } from './requests';
import { registerEntryRequests } from './entryRequests';
import type { OnlineImages } from '../online/onlineImages';
import { SettingsStore } from './settingsStore';
import { WATCHED_FILES, serverCapabilities } from './capabilities';
import { LintConfigStatusPublisher } from './lintConfigStatus';

/**
 * A document is checked as soon as the event loop is free after a change (changes that arrive together are checked
 * once): one entry's check costs well under a millisecond, and a fixed pause made squiggles slower than VS Code's JSON
 * support (#18). The registry-wide comparison is what waits (RegistryWorkspace).
 */
const VALIDATION_DELAY_MS = 0;

/** What the host may tell a running server. */
export interface RunningServer {
  /** These files changed, or what is known of them did (an answer about them came late, in the web). */
  filesChanged(files: readonly string[]): void;
}

export function startServer(connection: Connection, host: ServerHost): RunningServer {
  const documents = new TextDocuments(TextDocument);
  let fileSystem: RememberingFileSystem = host.createFileSystem(false);
  let service: KasmLanguageService = createLanguageService({ fileSystem });
  /** Each entry's nearest `.kasm-lint.json`, read once per folder; forgotten when such a file changes. */
  let lintConfigs = new LintConfigs(fileSystem);
  const rulesFor = (uri: string): RuleSettings => {
    const file = filePathOf(uri);
    return file ? lintConfigs.rulesFor(file) : {};
  };
  const lintConfigStatus = new LintConfigStatusPublisher(connection);
  const settings = new SettingsStore(connection, rulesFor);
  let followWorkspaceFolders = false;
  const pendingValidation = new Map<string, ReturnType<typeof setTimeout>>();
  let workspaceFolders: string[] = [];
  let registries: RegistryWorkspace | undefined;
  let onlineImages: OnlineImages | undefined;
  const settle = <T>(compute: () => T) => settled(host, compute);
  const logError = (error: Error) => connection.console.error(`kasm: ${error.stack ?? error.message}`);

  let initialized = false;
  connection.onInitialize((params): InitializeResult => {
    initialized = true;
    const firstFolder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
    if (host.filesByUriPath && firstFolder) {
      const { scheme, authority } = URI.parse(firstFolder);
      useFileScheme(scheme, authority);
    }
    workspaceFolders = (params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri }] : []))
      .flatMap((f) => filePathOf(f.uri) ?? []);
    const capabilities = params.capabilities;
    settings.pull = capabilities.workspace?.configuration === true;
    followWorkspaceFolders = capabilities.workspace?.workspaceFolders === true;
    const initializationOptions = params.initializationOptions as InitializationOptions | undefined;
    settings.push(initializationOptions?.settings ?? {});
    // Code lenses and some quick fixes run commands of the VS Code extension; other editors could not run them.
    const extensionCommands = initializationOptions?.extensionCommands === true;
    fileSystem = host.createFileSystem(capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true);
    // VS Code's Restricted Mode: nothing is asked of registries, and configs only raise severities (#27.10).
    settings.untrusted = initializationOptions?.workspaceTrusted === false;
    lintConfigs = new LintConfigs(fileSystem, false, settings.untrusted);
    const images = onlineImages = startOnlineImages(connection, host, {
      cacheFolder: optionText(initializationOptions?.imageCacheFolder), proxy: optionText(initializationOptions?.proxy),
      // kasm.images.allowHosts is a user setting (application scope): no workspace can allow a host (#27.1).
      allowedHosts: () => stringList(settings.latest.images?.allowHosts) ?? [],
    }, imagesAnswered);
    service = createLanguageService({
      images,
      onError: (error) => connection.console.error(`kasm: a check failed: ${(error as Error).stack ?? String(error)}`),
      fileSystem,
      snippetSupport: capabilities.textDocument?.completion?.completionItem?.snippetSupport === true,
      extensionCommands,
      fileEdits: capabilities.workspace?.workspaceEdit?.documentChanges === true
        && (capabilities.workspace.workspaceEdit.resourceOperations ?? []).includes('create'),
    });
    registries = new RegistryWorkspace(service, fileSystem, host, (file, diagnostics, version) => {
      const uri = openUris.get(file) ?? fileUri(file);
      const open = documents.get(uri);
      // Results are published for the text they were computed from: never disk results for an open document, never
      // an older version's results under a newer one (a newer check publishes its own).
      if (open && open.version !== version) return;
      void connection.sendDiagnostics({ uri, version, diagnostics });
    }, (message, level) => (level === 'info' ? connection.console.info(message) : connection.console.warn(message)));
    return {
      capabilities: serverCapabilities(extensionCommands),
      serverInfo: { name: 'kasm-workspace-language-server', version: process.env.KASM_SERVER_VERSION },
    };
  });

  connection.onInitialized(async () => {
    connection.console.info(`Kasm language server ${process.env.KASM_SERVER_VERSION ?? '(development)'} started`);
    // Before any await: a change sent right after `initialized` must find the listener.
    if (followWorkspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(({ added, removed }) => {
        const gone = new Set(removed.flatMap((f) => filePathOf(f.uri) ?? []));
        workspaceFolders = [...workspaceFolders.filter((folder) => !gone.has(folder)), ...added.flatMap((f) => filePathOf(f.uri) ?? [])];
        void scanRegistries();
      });
    }
    await connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_FILES }).catch(() => undefined);
    if (settings.pull) await connection.client.register(DidChangeConfigurationNotification.type, { section: 'kasm' }).catch(() => undefined);
    void scanRegistries();
  });

  /**
   * The URI the client sent for each file it opened (kept after it closes, as its problems stay under it): one
   * identity per document, whatever the client's URI encoding.
   */
  const openUris = new Map<string, string>();
  const openDocument = (file: string) => {
    const uri = openUris.get(file);
    return uri === undefined ? undefined : documents.get(uri);
  };

  /**
   * Checks every entry of the workspace folders from scratch (at start, and when settings or folders change), but
   * not where kasm.registryChecks.enable is off; then the open documents again, since one may have left a registry.
   */
  async function scanRegistries(): Promise<void> {
    const workspace = registries;
    if (!workspace) return;
    const checked: RegistryFolder[] = [];
    for (const folder of workspaceFolders) {
      const folderSettings = await settings.of(fileUri(folder));
      if (folderSettings.registryChecks?.enable === false || folderSettings.validate?.enable === false) continue;
      checked.push({ root: folder, settings: (file) => toDocumentSettings(folderSettings, lintConfigs.rulesFor(file)) });
    }
    // In the editor's status bar while a registry loads (an editor that cannot show progress gets a silent reporter).
    const progress = await connection.window.createWorkDoneProgress();
    const entries = (count: number) => `${count.toLocaleString('en-US')} Kasm ${count === 1 ? 'entry' : 'entries'}`;
    await workspace.scan(checked, openDocument, (done, total) => {
      if (total === 0) return;
      if (done === 0) progress.begin('Kasm registry', 0, `Checking ${entries(total)}…`);
      else progress.report(Math.floor((done / total) * 100), `Checking ${entries(total)}… ${done.toLocaleString('en-US')} done`);
    }).catch(logError);
    progress.done();
    lintConfigStatus.publish(lintConfigs.read());
    for (const document of documents.all()) scheduleValidation(document, 0);
  }

  // Kasm: Check Whole Registry: every entry now, as at start; answered with what the Problems panel then shows.
  connection.onRequest(CHECK_REGISTRY_REQUEST, async (): Promise<RegistryCheckResult> => {
    await scanRegistries();
    return registries?.totals() ?? { entries: 0, errors: 0, warnings: 0 };
  });

  async function validate(document: TextDocument): Promise<void> {
    const { uri, version } = document;
    const asked = await settings.of(uri);
    // The document may have changed or closed while the settings were fetched: never publish stale results.
    if (documents.get(uri)?.version !== version) return;
    if (asked.validate?.enable === false) {
      await connection.sendDiagnostics({ uri, version, diagnostics: [] });
      return;
    }
    const editorSettings = toDocumentSettings(asked, rulesFor(uri));
    // A file being written starts empty: a hint to take the skeleton, not an error, while it is open (#18).
    const checkSettings = { ...editorSettings, rules: { 'empty-file': 'hint', ...editorSettings.rules } } satisfies DocumentSettings;
    if (host.settle) {
      // Where files answer later, what the check reads is asked for first, so that it never publishes a guess.
      await settle(() => service.validate(document, checkSettings));
      if (documents.get(uri)?.version !== version) return;
    }
    const file = filePathOf(uri);
    // Another tool's workspace.json (Nx, Angular) open before the extension switches it to JSON: never a Kasm
    // problem on it, not even for a moment (#18.3). Outside a registry's workspaces/ folder only.
    if (file && !inWorkspacesFolder(file) && !isKasmValue(service.parse(document).value)) {
      await connection.sendDiagnostics({ uri, version, diagnostics: [] });
      return;
    }
    const index = file ? registries?.indexFor(file) : undefined;
    if (file && index) {
      // Part of a registry: its own checks and the cross-entry ones; other entries are republished if they change.
      safely(() => registries?.updateDocument(index, file, document, checkSettings), undefined);
    } else {
      const diagnostics = safely(() => service.validate(document, checkSettings), []);
      await connection.sendDiagnostics({ uri, version, diagnostics });
    }
    const detected = safely(() => service.schemaVersion(document, checkSettings), undefined);
    if (detected) await connection.sendNotification(SCHEMA_VERSION_NOTIFICATION, { uri, ...detected } satisfies SchemaVersionChange);
  }

  function scheduleValidation(document: TextDocument, delay: number): void {
    clearTimeout(pendingValidation.get(document.uri));
    pendingValidation.set(document.uri, setTimeout(() => {
      pendingValidation.delete(document.uri);
      const current = documents.get(document.uri);
      if (current) validate(current).catch(logError);
    }, delay));
  }

  function safely<T>(compute: () => T, fallback: T): T {
    try {
      return compute();
    } catch (error) {
      connection.console.error(`kasm: ${(error as Error).stack ?? String(error)}`);
      return fallback;
    }
  }

  documents.onDidOpen(({ document }) => {
    const file = filePathOf(document.uri);
    if (!file) return;
    openUris.set(file, document.uri);
    registries?.setOtherLanguage(file, false);
  });
  // TextDocuments reports an opened document as changed too: that checks it.
  documents.onDidChangeContent(({ document }) => scheduleValidation(document, VALIDATION_DELAY_MS));
  documents.onDidClose(({ document }) => {
    clearTimeout(pendingValidation.get(document.uri));
    pendingValidation.delete(document.uri);
    settings.forget(document.uri);
    service.forget(document.uri);
    const file = filePathOf(document.uri);
    // An entry of a registry stays in the Problems panel with what is on disk; anything else is cleared.
    if (file && registries?.indexFor(file)) registries.updateFromDisk(file);
    else void connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration((change) => {
    settings.clear();
    lintConfigs.clear();
    if (!settings.pull) settings.push((change.settings as { kasm?: ServerSettings } | undefined)?.kasm ?? {});
    for (const document of documents.all()) scheduleValidation(document, 0);
    void scanRegistries();
  });
  /** Files changed (the editor says so, or, in the web, an answer about them came late): check what they affect again. */
  function filesChanged(changes: readonly { file: string; deleted: boolean }[]): void {
    for (const { file, deleted } of changes) registries?.fileChanged(file, deleted, openDocument).catch(logError);
    for (const document of documents.all()) scheduleValidation(document, 0);
  }
  /** A registry answered about the images of these documents: check them again (a registry's entries through it). */
  function imagesAnswered(uris: string[]): void {
    const files = new Set(uris.flatMap((uri) => filePathOf(uri) ?? []));
    registries?.recheck((file) => files.has(file), openDocument);
    for (const uri of uris) {
      const document = documents.get(uri);
      const file = filePathOf(uri);
      if (document && !(file && registries?.indexFor(file))) scheduleValidation(document, 0);
    }
  }
  connection.onDidChangeWatchedFiles(({ changes }) => {
    fileSystem.forget();
    // A registry's rule settings changed: every entry is judged again with them, as after a settings change.
    if (changes.some((change) => change.uri.endsWith(`/${LINT_CONFIG_FILE}`))) {
      lintConfigs.clear();
      settings.clear();
      void scanRegistries();
    }
    filesChanged(changes.flatMap((change) => {
      const file = filePathOf(change.uri);
      return file ? [{ file, deleted: change.type === FileChangeType.Deleted }] : [];
    }));
  });

  connection.onNotification(OTHER_LANGUAGE_NOTIFICATION, (params: OtherLanguageParams) => {
    const file = typeof params?.uri === 'string' ? filePathOf(params.uri) : undefined;
    if (file && !openDocument(file)) safely(() => registries?.setOtherLanguage(file, params.open === true), undefined);
  });

  const documentSettings = (uri: string) => settings.documentSettings(uri);
  registerRequests({
    connection, documents, service: () => service, settings: documentSettings, initialized: () => initialized, safely, settle,
  });
  registerEntryRequests({
    connection, documents, openDocument, service: () => service, fileSystem: () => fileSystem, settings: documentSettings, host,
    images: () => onlineImages,
  });

  documents.listen(checkedSync(connection));
  connection.listen();
  return { filesChanged: (files) => filesChanged(files.map((file) => ({ file, deleted: false }))) };
}
