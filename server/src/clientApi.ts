/**
 * Everything the extension (client/) takes from the server's source tree: message names and shapes, Kasm's lists
 * for the New Kasm Workspace… prompts, and the check that tells a Kasm entry from another tool's workspace.json.
 * The client imports nothing else from server/src (ESLint's no-restricted-imports holds it to that); what needs
 * reading or judging an entry, it asks the server for.
 */
export {
  ENTRY_SUMMARIES_REQUEST, OTHER_LANGUAGE_NOTIFICATION, REGISTRY_SCHEMA_REQUEST, SCHEMA_VERSION_NOTIFICATION, SERVER_NODE_FLAGS,
} from './lsp/protocol';
export type {
  EntrySummariesParams, EntrySummariesResult, OtherLanguageParams, RegistrySchemaParams, RegistrySchemaResult, SchemaVersionChange,
} from './lsp/protocol';
export type { EntrySummary } from './service/features/entrySummary';
export type { SchemaDetection } from './service/schemaVersion';
export { CREATE_PLACEHOLDER_ICON_COMMAND } from './service/codeActions/placeholderIcon';
export { isKasmEntry } from './service/entryDetection';
export {
  ARCHITECTURES, CATEGORIES, DOCKER_REGISTRIES, MAX_CATEGORIES, NEWEST_SCHEMA, compatibilityVersionsFor,
} from './service/kasm/knowledge';
export type { SchemaVersion } from './service/kasm/knowledge';
export { parseImageReference } from './service/kasm/imageReference';
export { isWithin } from './node/workspaceFiles';
