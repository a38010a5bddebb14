/** Messages and settings shared by the language server and its clients (the VS Code extension, tests). */
import { DEFAULT_SETTINGS, DocumentSettings, RuleSettings, mergeRuleSettings, ruleSettingsFrom } from '../service/settings';
import { SCHEMA_VERSIONS, SchemaVersion } from '../service/kasm/knowledge';
import type { EntrySummary } from '../service/features/entrySummary';
import type { Visibility } from '../registry/visibility';
import type { TextEdit } from 'vscode-languageserver-types';
import { RegistrySchemaSetting, SchemaDetection } from '../service/schemaVersion';

/**
 * Node flags the server is started with: a small young generation, which V8 otherwise grows while a registry loads
 * and keeps. Measured with 1,000 entries: ~80 → ~75 MB RSS at the same load time (docs/benchmarks.md).
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];

/** The `kasm` settings section, as the client sends it. */
export interface ServerSettings {
  registrySchema?: string;
  validate?: { enable?: boolean };
  registryChecks?: { enable?: boolean };
  /** Severity per diagnostic code, or "off"; categories and Kasm versions the user means (RuleSettings). */
  rules?: unknown;
  categories?: unknown;
  versions?: unknown;
  /** `kasm.agent`: the largest agent the user's sessions run on (#29.4), over the registry's. */
  agent?: unknown;
  /** `kasm.images.online`: ask image registries (#17). Only the user's settings say so, never a registry's files. */
  images?: { online?: boolean; allowHosts?: unknown };
}

/** What the VS Code extension passes in initializationOptions (other editors may pass the same). */
export interface InitializationOptions {
  settings?: ServerSettings;
  extensionCommands?: boolean;
  /** Where answers of image registries are kept between sessions (the extension's global storage). */
  imageCacheFolder?: string;
  /** The editor's proxy (VS Code's `http.proxy`); otherwise HTTPS_PROXY / HTTP_PROXY. */
  proxy?: string;
  /**
   * false in VS Code's Restricted Mode: no registry is contacted, and a `.kasm-lint.json` may only raise severities
   * (#27.10). Absent: trusted (other editors have no such mode).
   */
  workspaceTrusted?: boolean;
}

/** A text option the editor sent (a folder, a proxy URL), or undefined when it sent none or no text. */
export const optionText = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** The editor's settings for a document, on top of the rule settings of its registry (its `.kasm-lint.json`). */
export function toDocumentSettings(settings: ServerSettings, registry: RuleSettings = {}): DocumentSettings {
  const allowed: readonly string[] = ['auto', ...SCHEMA_VERSIONS];
  const registrySchema = allowed.includes(settings.registrySchema ?? '') ? settings.registrySchema as RegistrySchemaSetting : DEFAULT_SETTINGS.registrySchema;
  return { registrySchema, ...mergeRuleSettings(registry, ruleSettingsFrom(settings)), onlineImages: settings.images?.online === true };
}

/** Notification (ImageStatus), while online image checks run: for the editor's status item. */
export const IMAGE_STATUS_NOTIFICATION = 'kasm/imageStatus';
export type { OnlineImagesStatus as ImageStatus } from '../online/onlineImages';

export interface SchemaVersionParams { uri: string }
export type SchemaVersionResult = SchemaDetection | null;
export type SchemaVersionChange = SchemaDetection & { uri: string };

// Plain method names, not jsonrpc message types, so that the extension's bundle carries no JSON-RPC library.
/** Request (SchemaVersionParams → SchemaVersionResult): which registry schema applies to an open document. */
export const SCHEMA_VERSION_REQUEST = 'kasm/schemaVersion';

/** Notification (SchemaVersionChange), sent after each validation: the registry schema that applied to the document. */
export const SCHEMA_VERSION_NOTIFICATION = 'kasm/schemaVersionChanged';

export interface OtherLanguageParams { uri: string; open: boolean }
/**
 * Notification (OtherLanguageParams) from the extension: a workspace.json is open in another language than Kasm's
 * (`open` false when that editor closed). The server is not told of such documents otherwise.
 */
export const OTHER_LANGUAGE_NOTIFICATION = 'kasm/otherLanguage';

export interface EntrySummariesParams { uris: string[] }
/** Per uri, the entry's summary, or null when it is no Kasm entry or cannot be read. */
export type EntrySummariesResult = (EntrySummary | null)[];
/** Notification (LintConfigStatus) after each registry check: the `.kasm-lint.json` files ignored for their problems. */
export const LINT_CONFIG_STATUS_NOTIFICATION = 'kasm/lintConfigStatus';
export interface LintConfigStatus { ignored: string[] }

/** Request (no params → RegistryCheckResult): every registry of the workspace checked from scratch, now. */
export const CHECK_REGISTRY_REQUEST = 'kasm/checkRegistry';
export interface RegistryCheckResult { entries: number; errors: number; warnings: number }

/** Request (EntrySummariesParams → EntrySummariesResult): entries as their cards show them, for the previews. */
export const ENTRY_SUMMARIES_REQUEST = 'kasm/entrySummaries';

/** `uri`: a registry's root folder. */
export interface RegistrySchemaParams { uri: string }
/** The schema a new entry there should have (the registry's, as the cross-entry rules judge it), and how many entries it has. */
export interface RegistrySchemaResult {
  schema: SchemaVersion;
  entries: number;
  /** The entries' icon file names (image_src): a new entry's must differ, since the build copies all into one folder. */
  icons: string[];
}
/** Request (RegistrySchemaParams → RegistrySchemaResult), for New Kasm Workspace…. */
export const REGISTRY_SCHEMA_REQUEST = 'kasm/registrySchema';

/** `uri`: a registry's root folder; the Kasm release (`M.m.p`) and channel an admin adds it with, if one is chosen. */
export interface RegistryViewParams { uri: string; kasmVersion?: string; channel?: string }
/** The releases and channels to choose from, and the registry as an admin on the chosen release sees it (#29.1). */
export interface RegistryViewResult { schema: SchemaVersion; releases: string[]; channels: string[]; view?: Visibility }
/** A Kasm version to add to entries (none: only the choices are asked for), and the entries. */
export interface AddVersionParams { version?: string; uris?: string[] }
/** The versions worth adding, and per entry the edits that add the version, or why it is left alone (#29.3). */
export interface AddVersionResult {
  versions: string[];
  refused?: string;
  entries: ({ uri: string; edits: TextEdit[]; image?: string } | { uri: string; skipped: string })[];
}
/** Request (AddVersionParams → AddVersionResult), for Kasm: Add Kasm Version to Entries…. */
export const ADD_VERSION_REQUEST = 'kasm/addVersion';

/** Request (RegistryViewParams → RegistryViewResult), for the registry gallery's admin view. */
export const REGISTRY_VIEW_REQUEST = 'kasm/registryView';

// The web's file system: the server asks, the extension answers with vscode.workspace.fs (as VS Code's CSS and
// HTML servers do). Each request is { uri }.
/** Request → FileStatResult: what is at the URI, or null when nothing is. */
export const FS_STAT_REQUEST = 'kasm/fs/stat';
export type FileStatResult = { type: 'file' | 'directory' | 'other'; mtime: number; size: number } | null;
/** Request → string | null: the file's bytes, base64, or null when it cannot be read. */
export const FS_READ_FILE_REQUEST = 'kasm/fs/readFile';
/** Request → string[]: the names of the regular files in a folder. */
export const FS_LIST_FILES_REQUEST = 'kasm/fs/listFiles';
/** Request → string[]: the URIs of every workspace.json under a folder (vscode.workspace.findFiles). */
export const FIND_ENTRIES_REQUEST = 'kasm/findEntries';
export interface UriParams { uri: string }
