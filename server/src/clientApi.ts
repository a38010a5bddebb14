import { DOCS } from './service/kasm/fieldSpec';

/**
 * Everything the extension (client/) takes from the server's source tree: message names and shapes, Kasm's lists
 * for the New Kasm Workspace… prompts, and the check that tells a Kasm entry from another tool's workspace.json.
 * The client imports nothing else from server/src (ESLint's no-restricted-imports holds it to that); what needs
 * reading or judging an entry, it asks the server for.
 */
export {
  CHECK_REGISTRY_REQUEST, ENTRY_SUMMARIES_REQUEST, FIND_ENTRIES_REQUEST, FS_LIST_FILES_REQUEST, FS_READ_FILE_REQUEST, FS_STAT_REQUEST,
  IMAGE_STATUS_NOTIFICATION, LINT_CONFIG_STATUS_NOTIFICATION, OTHER_LANGUAGE_NOTIFICATION,
  ADD_VERSION_REQUEST, REGISTRY_SCHEMA_REQUEST, REGISTRY_VIEW_REQUEST, SCHEMA_VERSION_NOTIFICATION, SERVER_NODE_FLAGS,
} from './lsp/protocol';
export type {
  EntrySummariesParams, EntrySummariesResult, FileStatResult, ImageStatus, InitializationOptions, LintConfigStatus, OtherLanguageParams,
  RegistryCheckResult,
  AddVersionParams, AddVersionResult, RegistrySchemaParams, RegistrySchemaResult, RegistryViewParams, RegistryViewResult,
  SchemaVersionChange, UriParams,
} from './lsp/protocol';
export type { EntrySummary } from './service/features/entrySummary';
export type { SchemaDetection } from './service/schemaVersion';
export { CREATE_PLACEHOLDER_ICON_COMMAND } from './service/codeActions/placeholderIcon';
export { isKasmEntry } from './service/entryDetection';
/** The web page of the rules, where the server's diagnostic codes link; the extension opens its own pages instead. */
export const RULES_DOCUMENT_URL = DOCS.rules;
/** The rule table that docs/rules.md is generated from: the extension's offline rule pages. */
export { RULES } from './service/diagnostics/rules';
export type { Rule } from './service/diagnostics/rules';
export { ruleDocsLink, ruleEvidence } from './service/diagnostics/rulesDoc';
export {
  ARCHITECTURES, CATEGORIES, DOCKER_REGISTRIES, MAX_CATEGORIES, NEWEST_SCHEMA, compatibilityVersionsFor,
} from './service/kasm/knowledge';
export type { SchemaVersion } from './service/kasm/knowledge';
export { parseImageReference } from './service/kasm/imageReference';
export { iconFileProblem, ownCategoryProblem, parseImageSizeMb } from './service/features/newEntryChecks';
export { isWithin } from './service/paths';
