import { DOCS, Severity } from '../kasm/knowledge';

export interface Rule {
  severity: Severity;
  /** One line for the rule list in docs and --help. */
  summary: string;
  docs: string;
  /** Where the fact comes from (a section of kasm-format.md) and which Kasm versions it is known for. */
  evidence?: string;
}

/**
 * Every diagnostic code, with its usual severity. Codes are stable: quick fixes, CI filters and users'
 * muscle memory key on them. Severity is an error only where Kasm or the registry build breaks or
 * mis-installs; a rule may raise or lower it where the knowledge module says so (e.g. loosely checked run_config).
 */
export const RULES = {
  'too-many-problems': { severity: 'warning', summary: 'More than 1,000 problems in one file: the rest are not shown until the first are fixed.', docs: DOCS.template },
  'check-degraded': { severity: 'warning', summary: 'The file is far larger or deeper than any registry entry: only its JSON syntax is checked.', docs: DOCS.template },
  'entry-not-regular-file': { severity: 'error', summary: 'A workspace.json that is a symbolic link, a FIFO or a device, or that cannot be read: the registry build finds it by name and fails on it (a link leading outside the registry is not read).', evidence: '§5; the registry build globs **/workspace.json and reads each', docs: DOCS.template },
  'empty-file': { severity: 'error', summary: 'The file is empty: the registry build fails on it. A hint while the file is open in the editor (completion offers a skeleton).', evidence: '§5.2; registry build, all versions', docs: DOCS.template },
  'syntax-error': { severity: 'error', summary: 'The file is not valid JSON (the registry build reads it with JSON.parse).', evidence: '§5.2; registry build, all versions', docs: DOCS.template },
  'duplicate-key': { severity: 'warning', summary: 'A key appears twice in one object; JSON.parse silently keeps the last.', docs: DOCS.template },
  'wrong-type': { severity: 'error', summary: 'A value has the wrong JSON type.', evidence: '§3, §10.2; Kasm 1.15 installer and docker-py 7 (1.1: inferred), §12', docs: DOCS.template },
  'missing-required': { severity: 'warning', summary: 'A field the registry README requires is missing.', evidence: '§3, §10.5, §10.8; Kasm 1.15 dashboard and installer (1.1: inferred), §12', docs: DOCS.template },
  'unknown-value': { severity: 'warning', summary: 'A value is not one of the values Kasm knows for this field.', evidence: '§4.2, §10.10; Kasm 1.15 dashboard', docs: DOCS.workspaces },
  'unknown-key': { severity: 'info', summary: 'A key Kasm does not know. At the top of a schema 1.0 entry it fails the Kasm 1.15 install (error; warning in 1.1); in run_config it fails every session start (error).', evidence: '§10.1, §10.2; Kasm 1.15 installer (1.0), docker-py 7 (run_config), §12', docs: DOCS.template },
  'misspelled-key': { severity: 'warning', summary: 'A key that looks like a misspelling of a known one (an error where an unknown key is one).', evidence: '§3.1 (README spelling trap), §10.1', docs: DOCS.template },
  'ignored-field': { severity: 'warning', summary: 'A field of the other registry schema version, which Kasm ignores here.', evidence: '§2; template build and Kasm 1.16+', docs: DOCS.template },
  'build-output-key': { severity: 'warning', summary: 'A key the registry build adds to list.json (sha) in a source file.', evidence: '§5.5; template build', docs: DOCS.template },
  'compatibility-shape': { severity: 'error', summary: 'A compatibility element of the wrong shape for the file\'s schema version (strings in 1.0, objects in 1.1).', evidence: '§5.3; template 1.1 build', docs: DOCS.template },
  'compatibility-empty': { severity: 'warning', summary: 'An empty compatibility list: no Kasm version will offer the entry.', docs: DOCS.template },
  'version-format': { severity: 'error', summary: 'A Kasm version that is not "M.m.x" or "M.m.p".', evidence: '§3.2; template, Kasm version matching, §12', docs: DOCS.template },
  'version-unknown': { severity: 'warning', summary: 'A Kasm version that does not exist.', evidence: '§4.2, §10.9; Kasm releases up to 1.19', docs: DOCS.template },
  'version-unreleased': { severity: 'info', summary: 'The Kasm minor after the newest release, added before it is out (as the template\'s add_next_version does).', evidence: '§10.9; template add_next_version.js, Kasm\'s own registry', docs: DOCS.template },
  'version-exact-in-1.0': { severity: 'error', summary: 'An exact Kasm version in a schema 1.0 entry: Kasm 1.13–1.15 look for "M.m.x" only, so it never matches.', evidence: '§10.9; Kasm 1.13–1.15 dashboard', docs: DOCS.template },
  'version-before-registries': { severity: 'warning', summary: 'A Kasm version older than 1.13, which has no registries.', docs: DOCS.registry },
  'version-wrong-schema': { severity: 'warning', summary: 'A Kasm version that reads the other registry schema, so it never sees this entry.', evidence: '§2; Kasm 1.13–1.15 read 1.0, 1.16+ read 1.1, §12', docs: DOCS.template },
  'version-duplicate': { severity: 'warning', summary: 'The same Kasm version listed twice.', docs: DOCS.template },
  'image-tag-older-release': { severity: 'warning', summary: 'A compatibility for a Kasm release whose image tag names an older Kasm release ("1.19.x" installing "…:1.18.0"): admins on the new release get the old image.', evidence: '§3.2 (Kasm\'s own images are tagged with the Kasm release); #29.2', docs: DOCS.template },
  'tag-not-available': { severity: 'warning', summary: 'The image tag is not among available_tags.', evidence: '§2, §3.2; template README (channels)', docs: DOCS.template },
  'size-zero': { severity: 'warning', summary: 'uncompressed_size_mb is 0 (not measured yet).', docs: DOCS.template },
  'architecture-empty': { severity: 'warning', summary: 'No architecture listed: no host will offer the entry.', docs: DOCS.template },
  'duplicate-value': { severity: 'warning', summary: 'The same value listed twice.', docs: DOCS.template },
  'too-many-categories': { severity: 'warning', summary: 'More than three categories.', docs: DOCS.template },
  'category-near-miss': { severity: 'warning', summary: 'A category that looks like a misspelling of a known one.', docs: DOCS.template },
  'non-latin1-name': { severity: 'error', summary: 'A name with characters outside Latin-1, which break the storefront build.', evidence: '§5.7, §10.11; storefront build (btoa)', docs: DOCS.template },
  'empty-notes': { severity: 'info', summary: 'An empty notes string.', docs: DOCS.workspaces },
  'name-too-long': { severity: 'error', summary: 'friendly_name longer than the 255 characters Kasm\'s database takes.', evidence: '§10.8; Kasm 1.15 database', docs: DOCS.workspaces },
  'memory-not-positive': { severity: 'error', summary: 'memory is negative (error) or 0 (warning: the installer uses its default).', evidence: '§10.10; Kasm 1.15 installer', docs: DOCS.workspaces },
  'memory-in-gb': { severity: 'warning', summary: 'memory looks like GB, but it is in MB.', docs: DOCS.workspaces },
  'memory-too-small': { severity: 'warning', summary: 'memory below what a desktop session needs.', docs: DOCS.workspaces },
  'memory-too-large': { severity: 'warning', summary: 'memory larger than any host (often written in bytes: 8589934592 is 8192 MB).', docs: DOCS.workspaces },
  'memory-not-integer': { severity: 'warning', summary: 'memory is a fraction of a MB.', docs: DOCS.workspaces },
  'cores-not-positive': { severity: 'error', summary: 'cores is negative (error) or 0 (warning: the installer uses its default).', evidence: '§10.10; Kasm 1.15 installer', docs: DOCS.workspaces },
  'cores-too-many': { severity: 'warning', summary: 'cores more than any realistic host has.', docs: DOCS.workspaces },
  'gpu-count-invalid': { severity: 'error', summary: 'gpu_count negative (error) or not a whole number (warning: Kasm rounds it).', evidence: '§10.10; Kasm 1.15 installer', docs: DOCS.workspaces },
  'gpu-count-too-many': { severity: 'warning', summary: 'gpu_count more than any realistic host has.', docs: DOCS.workspaces },
  'agent-too-small': { severity: 'warning', summary: 'The entry asks more cores, memory or GPUs than the largest agent the registry targets (agent in .kasm-lint.json, kasm.agent): no agent can take its sessions.', evidence: '#29.4 (admins report "No resources are available" at every session start); Kasm places a session on an agent with enough free cores, memory and GPUs (inferred)', docs: DOCS.workspaces },
  'gpu-contradiction': { severity: 'warning', summary: 'require_gpu and gpu_count disagree.', docs: DOCS.workspaces },
  'image-invalid': { severity: 'error', summary: 'Not a valid Docker image reference.', evidence: '§3.1; Docker reference grammar', docs: DOCS.dockerReference },
  'image-no-tag': { severity: 'warning', summary: 'A Docker image without a tag (Docker pulls "latest").', docs: DOCS.dockerReference },
  'image-host-missing': { severity: 'warning', summary: 'An image without a registry host while docker_registry names another registry: Kasm pulls it from Docker Hub, where it usually does not exist.', evidence: '§12; Kasm pulls the image reference as written, docker_registry is only the login', docs: DOCS.template },
  'docker-registry-invalid': { severity: 'info', summary: 'docker_registry is empty or not an http(s) URL (it is only the login registry).', evidence: '§10.10; docker-py login (all versions)', docs: DOCS.template },
  'docker-registry-web-page': { severity: 'warning', summary: 'docker_registry is a Docker Hub web page, not a registry.', evidence: '§10.10, §12', docs: DOCS.template },
  'docker-registry-bogus': { severity: 'warning', summary: 'docker_registry is https://index.docker.io/v1.1/, which does not exist.', evidence: '§4.2', docs: DOCS.template },
  'docker-registry-slash': { severity: 'info', summary: 'docker_registry does not end with "/".', evidence: '§4.2, §10.10', docs: DOCS.template },
  'icon-path': { severity: 'warning', summary: 'image_src is not a plain file name in the entry\'s folder.', docs: DOCS.template },
  'icon-extension': { severity: 'info', summary: 'The icon is not .png or .svg as the registry README asks; a JPEG, WebP, GIF or ICO displays in Kasm all the same (it is an <img>).', evidence: '§12', docs: DOCS.template },
  'icon-missing': { severity: 'warning', summary: 'The icon file is not in the entry\'s folder.', evidence: '§5.4; template build', docs: DOCS.template },
  'icon-unreadable': { severity: 'warning', summary: 'The icon file is not an image a browser can show.', evidence: '§11; browsers', docs: DOCS.template },
  'icon-format-mismatch': { severity: 'info', summary: 'The icon\'s bytes are another image format than its extension says (browsers show it anyway).', evidence: '§11; browsers sniff image bytes', docs: DOCS.template },
  'icon-size': { severity: 'warning', summary: 'The icon is smaller than 50×50 or more than 10 % off square.', evidence: '§3.1, §11; storefront layout', docs: DOCS.template },
  'exec-hook-unknown': { severity: 'info', summary: 'An exec_config hook Kasm does not run by itself (it can be run through Kasm\'s exec API).', evidence: '§10.4; Kasm 1.15 exec API', docs: DOCS.registry },
  'launch-form-key': { severity: 'warning', summary: 'A launch form field key that is duplicated or referenced but missing.', evidence: '§4.5, §10.5', docs: DOCS.launchConfig },
  'launch-form-options': { severity: 'warning', summary: 'A select field without options, or options on a field that shows none.', docs: DOCS.launchConfig },
  'launch-form-regex': { severity: 'warning', summary: 'A validator_regex that is not a valid regular expression, or a value_regex written as one (Kasm 1.15 compares it for equality).', evidence: '§10.5; Kasm 1.15 compares value_regex for equality', docs: DOCS.launchConfig },
  'run-config-set-by-kasm': { severity: 'warning', summary: 'A run_config argument Kasm sets itself at session start: the value has no effect.', evidence: '§10.2; Kasm 1.15 session start, §12', docs: DOCS.dockerRun },
  'run-config-value': { severity: 'error', summary: 'A run_config value docker-py rejects (a size such as "1GiB"), or cpu_quota/cpu_period with cpu_allocation_method "Quotas": every session start fails.', evidence: '§10.2; docker-py 7 parse_bytes, Docker, §12', docs: DOCS.dockerRun },
  'image-setting-invalid': { severity: 'error', summary: 'A Kasm image setting the installer rejects: a profile path without {username}/{user_id}, a restriction without its target, a filter policy id that is not a UUID, volume_mappings in schema 1.0.', evidence: '§10.6; Kasm 1.15 installer', docs: DOCS.workspaces },
  'credentials-published': { severity: 'warning', summary: 'docker_user/docker_token/docker_password in an entry: everyone who reads the registry gets them.', evidence: '§10.6', docs: DOCS.workspaces },
  'installer-override': { severity: 'hint', summary: 'A value Kasm\'s installer replaces (image_type becomes Container, enabled becomes true).', evidence: '§10.7; Kasm 1.15 installer', docs: DOCS.workspaces },
  'size-implausible': { severity: 'warning', summary: 'uncompressed_size_mb looks like GB or bytes, not MB, or is not a whole number.', evidence: '§3.1, §10.10, §10.12', docs: DOCS.template },
  'available-tags-invalid': { severity: 'warning', summary: 'An empty available_tags list or an empty or repeated tag.', evidence: '§3.2, §10.12', docs: DOCS.template },
  'image-tag-missing': { severity: 'warning', summary: 'Online check: the image\'s tag does not exist in its registry, so installing the workspace fails to pull it.', evidence: '§10.8 (the installer pulls the image); Registry HTTP API v2', docs: DOCS.dockerReference },
  'image-host-refused': { severity: 'info', summary: 'Online check: not asked, because the image\'s registry (or where it sends the request) is this machine, a private or link-local address, or plain HTTP; the user may allow the host (kasm.images.allowHosts, --allow-host).', evidence: 'this project\'s security rule (#27.1): an entry must not steer requests to internal hosts', docs: DOCS.rules },
  'image-repository-missing': { severity: 'info', summary: 'Online check: the image\'s repository does not exist or is private (anonymously the two look the same).', evidence: '§10.8; Registry HTTP API v2 (401/404 for both)', docs: DOCS.dockerReference },
  'image-arch-missing': { severity: 'warning', summary: 'Online check: architecture lists a CPU architecture the image has no manifest for; hosts of it offer the entry and fail to pull.', evidence: '§3.1 (Kasm offers entries on hosts of a listed architecture); OCI image index', docs: DOCS.template },
  'image-arch-unlisted': { severity: 'hint', summary: 'Online check: the image runs on an architecture the entry does not list, so hosts of it never offer it.', evidence: '§3.1; OCI image index', docs: DOCS.template },
  'image-size-far': { severity: 'hint', summary: 'Online check: uncompressed_size_mb is far from the size estimated from the image\'s compressed layers (×2.5).', evidence: '§2 (get_image_sizes.js measures the pulled image), §3.1', docs: DOCS.template },
  'available-tag-missing': { severity: 'warning', summary: 'Online check: a tag in available_tags does not exist in the image\'s repository, so its channel cannot pull it.', evidence: '§2, §3.2 (channels pull these tags)', docs: DOCS.template },
  'duplicate-name': { severity: 'warning', summary: 'Two entries of the registry have the same friendly_name (1.1) or name (1.0): the storefront gives them one page.', evidence: '§5.7; storefront build', docs: DOCS.template },
  'icon-collision': { severity: 'warning', summary: 'Two entries use the same icon file name with different content: the build copies all icons into one folder, so one overwrites the other.', evidence: '§5.4; template build', docs: DOCS.template },
  'available-tags-partial': { severity: 'warning', summary: 'Some entries of the registry give available_tags and this one does not: it shows in no channel but develop.', docs: DOCS.template },
  'registry-misses-newest': { severity: 'warning', summary: 'No entry of the registry is compatible with the newest Kasm release of its schema: admins on it see an empty registry (said once, on the entry naming the newest version).', evidence: '§4, §10.9 (version matching); #29.2', docs: DOCS.template },
  'version-exact-beside-wildcard': { severity: 'warning', summary: 'An entry names one exact Kasm release ("1.17.0") where the rest of the registry names the line ("1.17.x"): admins on the line\'s other releases do not see it.', evidence: '§4 (exact version first, then M.m.x); #29.2', docs: DOCS.template },
  'registry-schema-mismatch': { severity: 'warning', summary: 'The entry is of another registry schema version than the rest of the registry (or its branch).', evidence: '§5.3, §11', docs: DOCS.template },
  'lint-config': { severity: 'error', summary: 'The registry\'s .kasm-lint.json is not valid (syntax, an unknown key or rule code, a severity that is none): it is ignored, and entries are checked with the default severities.', evidence: 'this project\'s own file, read as ESLint reads its config: a bad config is an error, never silently half-applied', docs: DOCS.rules },
  'registry-config': { severity: 'error', summary: 'site/next.config.js: env.listUrl missing (list_url is published as null, which Kasm does not add) or left at the template\'s Kasm URL (adding the registry fails), without a final "/", or a relative env.icon.', evidence: '§6, §10.12; Kasm 1.15 registry install and update', docs: DOCS.template },
  'docker-config-review': { severity: 'hint', summary: 'One trust report per entry: what it asks of the host (privileged, host network or PID, the Docker socket, host paths, capabilities, no seccomp/apparmor, root, host ports), and the settings Kasm\'s dashboard asks the admin to review before installing (run_config beyond entrypoint/hostname/environment/user 1000, exec hooks not as 1000 or privileged, volume_mappings).', evidence: '§10.3; Kasm 1.15 dashboard install review', docs: DOCS.registry },
} as const satisfies Record<string, Rule>;

export type RuleCode = keyof typeof RULES;
