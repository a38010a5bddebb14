import { DOCS, Severity } from '../kasm/knowledge';

export interface Rule {
  severity: Severity;
  /** One line for the rule list in docs and --help. */
  summary: string;
  docs: string;
}

/**
 * Every diagnostic code, with its usual severity. Codes are stable: quick fixes, CI filters and users'
 * muscle memory key on them. Severity is an error only where Kasm or the registry build breaks or
 * mis-installs; a rule may raise or lower it where the knowledge module says so (e.g. loosely checked run_config).
 */
export const RULES = {
  'check-degraded': { severity: 'warning', summary: 'The file is far larger or deeper than any registry entry: only its JSON syntax is checked.', docs: DOCS.template },
  'syntax-error': { severity: 'error', summary: 'The file is not valid JSON (the registry build reads it with JSON.parse).', docs: DOCS.template },
  'duplicate-key': { severity: 'warning', summary: 'A key appears twice in one object; JSON.parse silently keeps the last.', docs: DOCS.template },
  'wrong-type': { severity: 'error', summary: 'A value has the wrong JSON type.', docs: DOCS.template },
  'missing-required': { severity: 'warning', summary: 'A field the registry README requires is missing.', docs: DOCS.template },
  'unknown-value': { severity: 'warning', summary: 'A value is not one of the values Kasm knows for this field.', docs: DOCS.workspaces },
  'unknown-key': { severity: 'info', summary: 'A key Kasm does not know; it is ignored.', docs: DOCS.template },
  'misspelled-key': { severity: 'warning', summary: 'A key that looks like a misspelling of a known one.', docs: DOCS.template },
  'not-for-registry': { severity: 'info', summary: 'A Kasm workspace setting that registry entries are not known to apply.', docs: DOCS.workspaces },
  'ignored-field': { severity: 'warning', summary: 'A field of the other registry schema version, which Kasm ignores here.', docs: DOCS.template },
  'build-output-key': { severity: 'warning', summary: 'A key the registry build adds to list.json (sha) in a source file.', docs: DOCS.template },
  'compatibility-shape': { severity: 'error', summary: 'A compatibility element of the wrong shape for the file\'s schema version (strings in 1.0, objects in 1.1).', docs: DOCS.template },
  'compatibility-empty': { severity: 'warning', summary: 'An empty compatibility list: no Kasm version will offer the entry.', docs: DOCS.template },
  'version-format': { severity: 'error', summary: 'A Kasm version that is not "M.m.x" or "M.m.p".', docs: DOCS.template },
  'version-unknown': { severity: 'warning', summary: 'A Kasm version that does not exist.', docs: DOCS.template },
  'version-before-registries': { severity: 'warning', summary: 'A Kasm version older than 1.13, which has no registries.', docs: DOCS.registry },
  'version-wrong-schema': { severity: 'warning', summary: 'A Kasm version that reads the other registry schema, so it never sees this entry.', docs: DOCS.template },
  'version-duplicate': { severity: 'warning', summary: 'The same Kasm version listed twice.', docs: DOCS.template },
  'tag-not-available': { severity: 'warning', summary: 'The image tag is not among available_tags.', docs: DOCS.template },
  'size-zero': { severity: 'warning', summary: 'uncompressed_size_mb is 0 (not measured yet).', docs: DOCS.template },
  'architecture-empty': { severity: 'warning', summary: 'No architecture listed: no host will offer the entry.', docs: DOCS.template },
  'duplicate-value': { severity: 'warning', summary: 'The same value listed twice.', docs: DOCS.template },
  'too-many-categories': { severity: 'warning', summary: 'More than three categories.', docs: DOCS.template },
  'category-near-miss': { severity: 'warning', summary: 'A category that looks like a misspelling of a known one.', docs: DOCS.template },
  'non-latin1-name': { severity: 'warning', summary: 'A name with characters outside Latin-1, which break the storefront build.', docs: DOCS.template },
  'empty-notes': { severity: 'info', summary: 'An empty notes string.', docs: DOCS.workspaces },
  'memory-not-positive': { severity: 'error', summary: 'memory is 0 or negative.', docs: DOCS.workspaces },
  'memory-in-gb': { severity: 'warning', summary: 'memory looks like GB, but it is in MB.', docs: DOCS.workspaces },
  'memory-too-small': { severity: 'warning', summary: 'memory below what a desktop session needs.', docs: DOCS.workspaces },
  'memory-too-large': { severity: 'warning', summary: 'memory larger than any host.', docs: DOCS.workspaces },
  'memory-not-integer': { severity: 'warning', summary: 'memory is a fraction of a MB.', docs: DOCS.workspaces },
  'cores-not-positive': { severity: 'error', summary: 'cores is 0 or negative.', docs: DOCS.workspaces },
  'cores-too-many': { severity: 'warning', summary: 'cores more than any realistic host has.', docs: DOCS.workspaces },
  'gpu-count-invalid': { severity: 'error', summary: 'gpu_count negative or not a whole number.', docs: DOCS.workspaces },
  'gpu-count-too-many': { severity: 'warning', summary: 'gpu_count more than any realistic host has.', docs: DOCS.workspaces },
  'gpu-contradiction': { severity: 'warning', summary: 'require_gpu and gpu_count disagree.', docs: DOCS.workspaces },
  'image-invalid': { severity: 'error', summary: 'Not a valid Docker image reference.', docs: DOCS.dockerReference },
  'image-no-tag': { severity: 'warning', summary: 'A Docker image without a tag (Docker pulls "latest").', docs: DOCS.dockerReference },
  'docker-registry-invalid': { severity: 'error', summary: 'docker_registry is not an http(s) URL.', docs: DOCS.template },
  'docker-registry-bogus': { severity: 'warning', summary: 'docker_registry is https://index.docker.io/v1.1/, which does not exist.', docs: DOCS.template },
  'docker-registry-slash': { severity: 'warning', summary: 'docker_registry does not end with "/".', docs: DOCS.template },
  'icon-path': { severity: 'warning', summary: 'image_src is not a plain file name in the entry\'s folder.', docs: DOCS.template },
  'icon-extension': { severity: 'warning', summary: 'The icon is not .png or .svg.', docs: DOCS.template },
  'icon-missing': { severity: 'warning', summary: 'The icon file is not in the entry\'s folder.', docs: DOCS.template },
  'icon-unreadable': { severity: 'warning', summary: 'The icon file is not a readable PNG.', docs: DOCS.template },
  'icon-size': { severity: 'warning', summary: 'The PNG icon is smaller than 50×50 or not square.', docs: DOCS.template },
  'exec-hook-unknown': { severity: 'info', summary: 'An exec_config hook Kasm does not run.', docs: DOCS.registry },
  'launch-form-key': { severity: 'warning', summary: 'A launch form field key that is duplicated or referenced but missing.', docs: DOCS.launchConfig },
  'launch-form-options': { severity: 'warning', summary: 'A select field without options, or options on a field that shows none.', docs: DOCS.launchConfig },
  'launch-form-regex': { severity: 'warning', summary: 'A validator_regex or value_regex that is not a valid regular expression.', docs: DOCS.launchConfig },
  'duplicate-name': { severity: 'warning', summary: 'Two entries of the registry have the same friendly_name (1.1) or name (1.0): the storefront gives them one page.', docs: DOCS.template },
  'icon-collision': { severity: 'warning', summary: 'Two entries use the same icon file name with different content: the build copies all icons into one folder, so one overwrites the other.', docs: DOCS.template },
  'available-tags-partial': { severity: 'warning', summary: 'Some entries of the registry give available_tags and this one does not: it shows in no channel but develop.', docs: DOCS.template },
  'registry-schema-mismatch': { severity: 'warning', summary: 'The entry is of another registry schema version than the rest of the registry (or its branch).', docs: DOCS.template },
  'docker-config-review': { severity: 'hint', summary: 'run_config/exec_config settings admins should review before installing (they can run arbitrary commands).', docs: DOCS.registry },
} as const satisfies Record<string, Rule>;

export type RuleCode = keyof typeof RULES;
