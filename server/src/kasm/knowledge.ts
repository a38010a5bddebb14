/**
 * Everything this project knows about Kasm's workspace.json, in one place.
 *
 * Diagnostics, completion, hover and the generated JSON Schemas all read these tables, so a new Kasm
 * release or a newly documented field is a change here only. Facts and their sources are written up in
 * shared/kasm-format.md (the section numbers below refer to it).
 */

import { memoize } from '../memoize';

export type SchemaVersion = '1.0' | '1.1';
export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';
export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** Registry schema versions, oldest first. */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = ['1.0', '1.1'];
export const NEWEST_SCHEMA: SchemaVersion = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1];

/** Kasm releases (docs version selector, §4.2). A new release is one more string here. */
export const KASM_RELEASES: readonly string[] = [
  '1.10.0', '1.11.0', '1.12.0', '1.13.0', '1.13.1', '1.14.0', '1.15.0',
  '1.16.0', '1.16.1', '1.17.0', '1.18.0', '1.18.1', '1.19.0',
];

/** Which registry schema a Kasm release reads (§2): registries exist since 1.13; 1.16 moved to schema 1.1. */
const SCHEMA_SINCE: readonly { minor: number; schema: SchemaVersion }[] = [
  { minor: 13, schema: '1.0' },
  { minor: 16, schema: '1.1' },
];

export const DOCS = {
  workspaces: 'https://kasmweb.com/docs/latest/guide/workspaces.html',
  registry: 'https://kasmweb.com/docs/latest/guide/workspace_registry.html',
  launchConfig: 'https://kasmweb.com/docs/latest/guide/launch_config.html',
  template: 'https://github.com/kasmtech/workspaces_registry_template#readme',
  dockerRun: 'https://docker-py.readthedocs.io/en/stable/containers.html',
  dockerExec: 'https://docker-py.readthedocs.io/en/stable/containers.html#docker.models.containers.Container.exec_run',
  dockerReference: 'https://docs.docker.com/reference/cli/docker/image/tag/',
} as const;

/** `compatibility` version strings: `M.m.x` or an exact `M.m.p` (§3.2). */
export const VERSION_PATTERN = '^\\d+\\.\\d+\\.(x|\\d+)$';

export interface MinorRelease { major: number; minor: number; schema: SchemaVersion | undefined; releases: string[] }

function parseRelease(version: string): { major: number; minor: number; patch: number } {
  const [major, minor, patch] = version.split('.').map(Number);
  return { major, minor, patch };
}

/** The registry schema that a Kasm `major.minor` reads, or undefined before registries existed. */
export function schemaForKasm(major: number, minor: number): SchemaVersion | undefined {
  if (major !== 1) return major > 1 ? NEWEST_SCHEMA : undefined;
  let found: SchemaVersion | undefined;
  for (const step of SCHEMA_SINCE) if (minor >= step.minor) found = step.schema;
  return found;
}

let minorLines: MinorRelease[] | undefined;

/** Distinct `major.minor` lines of the known releases, newest first (derived once: rules ask on every keystroke). */
export function minorReleases(): MinorRelease[] {
  if (!minorLines) {
    const seen = new Map<string, MinorRelease>();
    for (const release of KASM_RELEASES) {
      const { major, minor } = parseRelease(release);
      const line = seen.get(`${major}.${minor}`) ?? { major, minor, schema: schemaForKasm(major, minor), releases: [] };
      line.releases.push(release);
      seen.set(`${major}.${minor}`, line);
    }
    minorLines = [...seen.values()].reverse();
  }
  return minorLines;
}

export interface KnownValue { value: string; description: string }

/** Compatibility version strings an author may write for a schema, newest first: `M.m.x`, then exact releases. */
export const compatibilityVersionsFor: (schema: SchemaVersion) => KnownValue[] = memoize(buildCompatibilityVersions);

function buildCompatibilityVersions(schema: SchemaVersion): KnownValue[] {
  const lines = minorReleases().filter((r) => r.schema === schema);
  const wildcard = lines.map((r) => ({
    value: `${r.major}.${r.minor}.x`,
    description: `Every Kasm ${r.major}.${r.minor} release (${r.releases.join(', ')}). Kasm ${r.major}.${r.minor} reads registry schema ${r.schema}.`,
  }));
  const exact = [...KASM_RELEASES].reverse()
    .filter((v) => { const { major, minor } = parseRelease(v); return schemaForKasm(major, minor) === schema; })
    .map((v) => ({ value: v, description: `Exactly Kasm ${v}. Kasm matches an exact version before the ${v.replace(/\.\d+$/, '.x')} entry.` }));
  return [...wildcard, ...exact];
}

/** What a compatibility version string refers to, for diagnostics and hover. */
export type VersionVerdict =
  | { kind: 'malformed' }
  | { kind: 'unknown'; newest: string }
  | { kind: 'before-registries'; major: number; minor: number }
  | { kind: 'known'; major: number; minor: number; schema: SchemaVersion; releases: string[] };

const VERSION_REGEX = new RegExp(VERSION_PATTERN);

export const judgeCompatibilityVersion: (version: string) => Readonly<VersionVerdict> = memoize(judgeVersion);

function judgeVersion(version: string): VersionVerdict {
  if (!VERSION_REGEX.test(version)) return { kind: 'malformed' };
  const [majorText, minorText, last] = version.split('.');
  const major = Number(majorText);
  const minor = Number(minorText);
  const line = minorReleases().find((r) => r.major === major && r.minor === minor);
  const newest = minorReleases()[0];
  if (!line) {
    const older = major < newest.major || (major === newest.major && minor < newest.minor);
    if (older && schemaForKasm(major, minor) === undefined) return { kind: 'before-registries', major, minor };
    return { kind: 'unknown', newest: `${newest.major}.${newest.minor}` };
  }
  if (line.schema === undefined) return { kind: 'before-registries', major, minor };
  const releases = line.releases;
  if (last !== 'x' && !releases.includes(version)) return { kind: 'unknown', newest: `${newest.major}.${newest.minor}` };
  return { kind: 'known', major, minor, schema: line.schema, releases: last === 'x' ? releases : [version] };
}

export const ARCHITECTURES: readonly KnownValue[] = [
  { value: 'amd64', description: 'x86-64 hosts (Intel/AMD). Kasm offers the workspace only on agents of a listed architecture.' },
  { value: 'arm64', description: '64-bit ARM hosts (e.g. Graviton, Ampere, Raspberry Pi 4/5 with a 64-bit OS).' },
];

/** Category suggestions (§4.1): the registry builder's presets, then extra values of the 1st-party registry. */
export const CATEGORIES: readonly KnownValue[] = [
  ...['Browser', 'Communication', 'Desktop', 'Development', 'Games', 'Multimedia', 'Office', 'Privacy', 'Productivity', 'Remote Access']
    .map((value) => ({ value, description: 'Preset category of the registry template\'s workspace builder.' })),
  ...['Chat', 'Mobile', 'OSINT', 'Security']
    .map((value) => ({ value, description: 'Category used by Kasm\'s own registry.' })),
];
/** The template README: "should be limited to a max of 3"; the first one is the one displayed. */
export const MAX_CATEGORIES = 3;

export const CPU_ALLOCATION_METHODS: readonly KnownValue[] = [
  { value: 'Inherit', description: 'Use the CPU allocation method set globally in Kasm (the default).' },
  { value: 'Quotas', description: 'Limit the session with a hard Docker CPU quota of `cores` CPUs.' },
  { value: 'Shares', description: 'Weight the session with Docker CPU shares; it may use idle CPU beyond `cores`.' },
];

export const IMAGE_TYPES: readonly KnownValue[] = [
  { value: 'Container', description: 'A Docker container workspace: the only type a registry entry installs.' },
  { value: 'Server', description: 'A fixed server reached over RDP/VNC/SSH. Not something a registry entry can install.' },
  { value: 'Server Pool', description: 'A pool of servers. Not something a registry entry can install.' },
  { value: 'Link', description: 'A web link. Not something a registry entry can install.' },
];

export const DOCKER_REGISTRIES: readonly KnownValue[] = [
  { value: 'https://index.docker.io/v1/', description: 'Docker Hub (the builder\'s default).' },
  { value: 'https://ghcr.io/', description: 'GitHub Container Registry (also serves lscr.io images).' },
  { value: 'https://kcr.kasmweb.com/v1/', description: 'Kasm\'s own container registry.' },
];
/** A Docker Hub address some registries use that does not exist (§4.2). */
export const BOGUS_DOCKER_REGISTRY = { value: 'https://index.docker.io/v1.1/', replacement: 'https://index.docker.io/v1/' };

export const EXEC_HOOKS: readonly KnownValue[] = [
  { value: 'first_launch', description: 'Runs once, when the session container is first started (e.g. start a VPN as root).' },
  { value: 'go', description: 'Runs when a session is opened with a URL to go to (`$KASM_URL`), e.g. to open it in the browser.' },
  { value: 'assign', description: 'Runs when a pre-created (staged) session is assigned to a user.' },
];

export const LAUNCH_INPUT_TYPES: readonly KnownValue[] = [
  { value: 'text', description: 'A one-line text box.' },
  { value: 'select', description: 'A drop-down list of `options`.' },
  { value: 'password', description: 'A one-line masked text box.' },
  { value: 'passwordtextarea', description: 'A multi-line masked text box (e.g. a VPN configuration).' },
];

/** Image properties Kasm has, but no registry uses and no document says a registry entry can set (§3.1). */
export const NOT_FOR_REGISTRY_KEYS: readonly string[] = [
  'volume_mappings', 'persistent_profile_path', 'restrict_to_network', 'restrict_network_names', 'restrict_to_server',
  'restrict_to_zone', 'server_id', 'zone_id', 'allow_network_selection', 'override_egress_gateways', 'hidden',
  'docker_user', 'docker_token', 'docker_password', 'gpu_graphics_acceleration', 'gpu_video_encoding',
  'session_time_limit', 'filter_policy_id',
];

/** Keys the registry build adds to list.json; a source file should not carry them (§3.1, §5). */
export const BUILD_OUTPUT_KEYS: readonly string[] = ['sha'];

/** Sanity bounds for session resources. Memory is in MB (1 MB = 10^6 bytes in Kasm); see diagnostics/resources.ts. */
export const RESOURCE_LIMITS = {
  /** At or below this, a `memory` value was almost certainly meant in GB. */
  memoryLooksLikeGbMax: 128,
  /** Below this no desktop image starts usefully. */
  memoryMinMb: 256,
  /** 1 TB: more than any session host has. */
  memoryMaxMb: 1_000_000,
  coresMax: 128,
  gpuCountMax: 16,
} as const;

/** Icon rules of the template README: "ideally … square and at least 50 x 50px", .png or .svg. */
export const ICON_RULES = { extensions: ['.png', '.svg'], minPixels: 50 } as const;

/** A description of one JSON value or property, with everything a feature needs to know about it. */
export interface FieldSpec {
  key: string;
  type: JsonType | readonly JsonType[];
  /** What Kasm does with it, in Markdown. */
  description: string;
  docs: string;
  default?: string | number | boolean;
  /** The value text inserted when the key is completed (snippet syntax). */
  insertValue?: string;
  values?: readonly KnownValue[];
  /** When set, a value outside `values` is reported with this severity (and the schema gets an enum). */
  closedValues?: Severity;
  pattern?: string;
  items?: FieldSpec;
  properties?: readonly FieldSpec[];
  /** Spec of the values of a map (keys chosen by the author). */
  additionalProperties?: FieldSpec;
  /** Severity of a key that is not in `properties`; undefined = keys are not checked. */
  unknownKeys?: Severity;
  /** Severity when the property is missing from its object; undefined = optional. */
  required?: Severity;
  /** Severity of a wrong JSON type (default error; loosely checked places use warning). */
  typeSeverity?: Severity;
  /** Where a wrong type has its own diagnostic code and advice (e.g. 1.0 strings in a 1.1 compatibility list). */
  typeCode?: string;
  typeAdvice?: string;
}

const runConfigKey = (key: string, type: JsonType | readonly JsonType[], description: string): FieldSpec =>
  ({ key, type, description: `${description} (docker-py \`containers.run(${key}=…)\`).`, docs: DOCS.dockerRun, typeSeverity: 'warning' });

/** Known `run_config` keys: docker-py `containers.run()` keyword arguments (§4.3), checked loosely. */
const RUN_CONFIG_KEYS: readonly FieldSpec[] = [
  runConfigKey('hostname', 'string', 'Host name inside the session container, usually `"kasm"`'),
  runConfigKey('privileged', 'boolean', 'Run the container privileged: full access to the host\'s devices'),
  runConfigKey('security_opt', 'array', 'Security options, e.g. `["seccomp=unconfined"]`'),
  runConfigKey('environment', ['object', 'array'], 'Environment variables of the session container'),
  runConfigKey('entrypoint', ['string', 'array'], 'Replaces the image\'s entrypoint'),
  runConfigKey('user', ['string', 'integer'], 'User (name or uid) the container runs as'),
  runConfigKey('sysctls', 'object', 'Kernel parameters set in the container'),
  runConfigKey('dns', 'array', 'DNS servers of the container'),
  runConfigKey('cap_add', 'array', 'Linux capabilities to add, e.g. `["IPC_LOCK"]`'),
  runConfigKey('cap_drop', 'array', 'Linux capabilities to drop'),
  runConfigKey('runtime', 'string', 'Container runtime, e.g. `"nvidia"` for GPUs'),
  runConfigKey('device_requests', 'array', 'Device requests, e.g. GPUs `[{"driver": "nvidia", "count": 1, "capabilities": [["gpu"]]}]`'),
  runConfigKey('devices', 'array', 'Host devices to map, e.g. `["/dev/dri/card0:/dev/dri/card0:rwm"]`'),
  runConfigKey('shm_size', ['string', 'integer'], 'Size of /dev/shm, e.g. `"512m"`'),
  runConfigKey('volumes', ['object', 'array'], 'Volumes to mount'),
  runConfigKey('network', 'string', 'Network to connect the container to'),
  runConfigKey('network_mode', 'string', 'Network mode of the container'),
  runConfigKey('tmpfs', ['object', 'array'], 'tmpfs mounts'),
  runConfigKey('ulimits', 'array', 'ulimits of the container'),
  runConfigKey('working_dir', 'string', 'Working directory'),
  runConfigKey('mem_limit', ['string', 'integer'], 'Memory limit (Kasm sets this from `memory`)'),
  runConfigKey('ports', 'object', 'Ports to publish'),
  runConfigKey('labels', ['object', 'array'], 'Container labels'),
  runConfigKey('command', ['string', 'array'], 'Command to run instead of the image\'s default'),
  runConfigKey('extra_hosts', ['object', 'array'], 'Extra /etc/hosts entries'),
  runConfigKey('init', 'boolean', 'Run an init process in the container'),
  runConfigKey('read_only', 'boolean', 'Mount the root file system read-only'),
  runConfigKey('ipc_mode', 'string', 'IPC mode'),
  runConfigKey('pid_mode', 'string', 'PID namespace mode'),
  runConfigKey('group_add', 'array', 'Additional groups of the container user'),
  runConfigKey('userns_mode', 'string', 'User namespace mode'),
  runConfigKey('stdin_open', 'boolean', 'Keep STDIN open'),
  runConfigKey('tty', 'boolean', 'Allocate a pseudo-TTY'),
];

const execHook = (hook: KnownValue): FieldSpec => ({
  key: hook.value,
  type: 'object',
  description: `Exec hook \`${hook.value}\`: ${hook.description}`,
  docs: DOCS.registry,
  insertValue: '{\n\t"cmd": "${1:bash -c \'…\'}"\n}',
  unknownKeys: 'info',
  properties: [
    { key: 'cmd', type: 'string', required: 'error', description: 'The command Kasm runs in the session container (`docker exec`). Without it the hook cannot run.', docs: DOCS.registry, insertValue: '"${1:bash -c \'…\'}"' },
    { key: 'user', type: 'string', description: 'User the command runs as, e.g. `"root"`. Default: the container\'s user.', docs: DOCS.dockerExec, insertValue: '"${1:root}"' },
    { key: 'privileged', type: 'boolean', default: false, description: 'Run the command with extended privileges.', docs: DOCS.dockerExec },
    { key: 'environment', type: ['object', 'array'], description: 'Environment variables for the command (docker `exec_run(environment=…)`).', docs: DOCS.dockerExec },
    { key: 'workdir', type: 'string', description: 'Working directory of the command (docker `exec_run(workdir=…)`).', docs: DOCS.dockerExec },
  ],
});

const nullableString: readonly JsonType[] = ['string', 'null'];

const LAUNCH_FORM_FIELD: FieldSpec = {
  key: '',
  type: 'object',
  description: 'One field of the launch form shown to the user before the session starts.',
  docs: DOCS.launchConfig,
  unknownKeys: 'info',
  properties: [
    { key: 'key', type: 'string', required: 'warning', description: 'Name under which the answer is written to the `file_mapping` file.', docs: DOCS.launchConfig, insertValue: '"${1:my_field}"' },
    { key: 'label', type: 'string', required: 'warning', description: 'Label shown next to the field.', docs: DOCS.launchConfig, insertValue: '"${1:My field}"' },
    { key: 'value', type: ['string', 'null', 'number', 'boolean'], description: 'Initial value, or `null`.', docs: DOCS.launchConfig, insertValue: 'null' },
    { key: 'allow_saving', type: 'boolean', default: false, description: 'Let the user save the answer for the next launch.', docs: DOCS.launchConfig },
    { key: 'required', type: 'boolean', default: false, description: 'The user must fill this field to launch.', docs: DOCS.launchConfig },
    { key: 'placeholder', type: nullableString, description: 'Placeholder text of the field, or `null`.', docs: DOCS.launchConfig, insertValue: 'null' },
    { key: 'help', type: nullableString, description: 'Help text shown with the field, or `null`.', docs: DOCS.launchConfig, insertValue: '"${1}"' },
    { key: 'input_type', type: 'string', required: 'warning', values: LAUNCH_INPUT_TYPES, closedValues: 'warning', description: 'Kind of input.', docs: DOCS.launchConfig, insertValue: '"${1|text,select,password,passwordtextarea|}"' },
    {
      key: 'options', type: 'array', description: 'Choices of a `select` field.', docs: DOCS.launchConfig, insertValue: '[\n\t{ "value": "${1}", "label": "${2}" }\n]',
      items: {
        key: '', type: 'object', description: 'One choice of a `select` field.', docs: DOCS.launchConfig, unknownKeys: 'info',
        properties: [
          { key: 'value', type: 'string', required: 'warning', description: 'Value written when this choice is picked.', docs: DOCS.launchConfig },
          { key: 'label', type: 'string', required: 'warning', description: 'Text the user sees.', docs: DOCS.launchConfig },
        ],
      },
    },
    { key: 'validator_regex', type: nullableString, description: 'Regular expression the answer must match, or `null`.', docs: DOCS.launchConfig, insertValue: 'null' },
    { key: 'validator_regex_description', type: nullableString, description: 'Message shown when the answer does not match `validator_regex`.', docs: DOCS.launchConfig, insertValue: 'null' },
    {
      key: 'display_if', type: ['array', 'null'], description: 'Show the field only when other fields match: `[{"key": …, "value_regex": …}]`, or `null`.', docs: DOCS.launchConfig, insertValue: 'null',
      items: {
        key: '', type: 'object', typeSeverity: 'warning', typeAdvice: 'Each condition is an object {"key": …, "value_regex": …}; remove the extra brackets.', description: 'A condition on another field of the form.', docs: DOCS.launchConfig, unknownKeys: 'info',
        properties: [
          { key: 'key', type: 'string', required: 'warning', description: 'The `key` of another field of this form.', docs: DOCS.launchConfig },
          { key: 'value_regex', type: 'string', required: 'warning', description: 'Regular expression the other field\'s value must match.', docs: DOCS.launchConfig },
        ],
      },
    },
  ],
};

function compatibilitySpec(schema: SchemaVersion): FieldSpec {
  const base = {
    key: 'compatibility',
    type: 'array' as const,
    docs: DOCS.template,
    required: schema === '1.1' ? 'error' as const : 'warning' as const,
  };
  const versions = compatibilityVersionsFor(schema);
  if (schema === '1.0') {
    return {
      ...base,
      description: 'Kasm versions this entry is for, as `"M.m.x"` strings. Kasm 1.13–1.15 offer the entry only when their version is listed.',
      insertValue: `[\n\t"\${1:${versions[0].value}}"\n]`,
      items: {
        key: '', type: 'string', pattern: VERSION_PATTERN, values: versions, docs: DOCS.template,
        description: 'A Kasm version, `"M.m.x"` (every release of M.m).',
        typeCode: 'compatibility-shape',
        typeAdvice: 'Schema 1.0 lists Kasm versions as strings such as "1.15.x"; objects with "version"/"image" are schema 1.1 (Kasm 1.16+).',
      },
    };
  }
  return {
    ...base,
    description: 'One entry per Kasm version: the image and size to install on that version, and optionally its channels. Kasm matches the exact version first, then `M.m.x`; a registry with no entry for the running Kasm version breaks Kasm\'s registry page before 1.16.1. The registry build crashes when this is missing or holds strings.',
    insertValue: `[\n\t{\n\t\t"version": "\${1:${versions[0].value}}",\n\t\t"image": "\${2:repository/image}:\${3:tag}",\n\t\t"uncompressed_size_mb": \${4:0}\n\t}\n]`,
    items: {
      key: '', type: 'object', docs: DOCS.template, unknownKeys: 'info',
      description: 'What to install on one Kasm version.',
      typeCode: 'compatibility-shape',
      typeAdvice: 'Schema 1.1 (Kasm 1.16+) needs objects {"version", "image", "uncompressed_size_mb"}; a string here crashes the registry build.',
      properties: [
        { key: 'version', type: 'string', required: 'warning', pattern: VERSION_PATTERN, values: versions, description: 'Kasm version this entry applies to: `"M.m.x"` or an exact `"M.m.p"`.', docs: DOCS.template, insertValue: `"\${1:${versions[0].value}}"` },
        { key: 'image', type: 'string', required: 'warning', description: 'Docker image installed on that Kasm version, with tag (`repository:tag`). Its tag is used when there are no `available_tags`.', docs: DOCS.template, insertValue: '"${1:repository/image}:${2:tag}"' },
        { key: 'uncompressed_size_mb', type: 'integer', required: 'warning', description: 'Uncompressed image size in MB ("if an image is 2.46GB you would enter 2460"); `0` means not measured yet.', docs: DOCS.template, insertValue: '${1:0}' },
        {
          key: 'available_tags', type: 'array', description: 'Channels (image tags) this entry is offered in. If one workspace of a registry gives `available_tags`, all should.', docs: DOCS.template, insertValue: '[\n\t"${1:develop}"\n]',
          items: { key: '', type: 'string', description: 'An image tag offered as a channel, e.g. `develop` or `1.18.0-rolling-weekly`.', docs: DOCS.template },
        },
      ],
    },
  };
}

/** The description of a whole workspace.json for one registry schema version (built once, then shared). */
export const workspaceSpec: (schema: SchemaVersion) => FieldSpec = memoize(buildWorkspaceSpec);

function buildWorkspaceSpec(schema: SchemaVersion): FieldSpec {
  const only10 = schema === '1.0';
  const properties: FieldSpec[] = [
    { key: 'friendly_name', type: 'string', required: 'warning', description: 'Name shown to users in Kasm and in the registry storefront. In schema 1.1 it is also the storefront page id, so it must be unique and Latin-1 only.', docs: DOCS.workspaces, insertValue: '"${1:My Workspace}"' },
    { key: 'description', type: 'string', required: 'warning', description: 'Short description of the workspace, shown on its card.', docs: DOCS.workspaces, insertValue: '"${1:What this workspace is for.}"' },
    { key: 'image_src', type: 'string', required: 'warning', description: 'File name of the icon **in the same folder** as this workspace.json (`.png` or `.svg`, square, at least 50×50 px). The build copies it to `<schema>/icons/<image_src>`: all icons share one folder.', docs: DOCS.template, insertValue: '"${1:icon.png}"' },
    {
      key: 'architecture', type: 'array', required: 'warning', description: 'CPU architectures the image exists for. Kasm offers the workspace only on hosts of a listed architecture.', docs: DOCS.template, insertValue: '[\n\t"${1|amd64,arm64|}"\n]',
      items: { key: '', type: 'string', values: ARCHITECTURES, closedValues: 'error', description: 'A CPU architecture.', docs: DOCS.template },
    },
    compatibilitySpec(schema),
    ...(only10 ? [
      { key: 'name', type: 'string' as const, required: 'warning' as const, description: 'The Docker image to use (`repository:tag`). Schema 1.0 only: in 1.1 the image is per Kasm version in `compatibility[].image`. Also the storefront page id in 1.0.', docs: DOCS.template, insertValue: '"${1:repository/image}:${2:tag}"' },
      { key: 'uncompressed_size_mb', type: 'integer' as const, required: 'warning' as const, description: 'Approximate uncompressed image size in MB ("if an image is 2.46GB you would enter 2460"), shown against the registry\'s remaining space. Schema 1.0 only.', docs: DOCS.template, insertValue: '${1:0}' },
    ] : []),
    {
      key: 'categories', type: 'array', description: `Dashboard categories; free-form, at most ${MAX_CATEGORIES}. The first one is the one displayed.`, docs: DOCS.template, default: '[]', insertValue: '[\n\t"${1:Desktop}"\n]',
      items: { key: '', type: 'string', values: CATEGORIES, description: 'A category (free text; the known ones are suggested).', docs: DOCS.template },
    },
    { key: 'docker_registry', type: 'string', values: DOCKER_REGISTRIES, default: 'https://index.docker.io/v1/', description: 'Docker registry Kasm pulls the image from (a URL ending in `/`).', docs: DOCS.template, insertValue: '"${1:https://index.docker.io/v1/}"' },
    {
      key: 'run_config', type: 'object', description: '"Docker Run Config Override (JSON)": extra `docker run` parameters (docker-py `containers.run()` keyword arguments). Admins are warned it can run arbitrary commands.', docs: DOCS.registry, insertValue: '{\n\t"hostname": "${1:kasm}"\n}',
      unknownKeys: 'info', properties: RUN_CONFIG_KEYS,
    },
    {
      key: 'exec_config', type: 'object', description: '"Docker Exec Config (JSON)": commands Kasm runs in the session container at `first_launch`, `go` and `assign`.', docs: DOCS.registry, insertValue: '{\n\t"${1|first_launch,go,assign|}": {\n\t\t"cmd": "${2:bash -c \'…\'}"\n\t}\n}',
      unknownKeys: 'info', properties: EXEC_HOOKS.map(execHook),
    },
    { key: 'notes', type: 'string', description: 'Notes for admins about running the workspace (e.g. "requires libseccomp"); Markdown and `\\n` allowed.', docs: DOCS.workspaces, insertValue: '"${1}"' },
    { key: 'cores', type: 'number', default: 2, description: 'CPU cores given to each session (Kasm stores a float).', docs: DOCS.workspaces, insertValue: '${1:2}' },
    { key: 'memory', type: 'number', default: 2768, description: 'Memory of each session **in MB** (Kasm stores bytes: 2768 → 2,768,000,000). Write 4000 for 4 GB, not 4.', docs: DOCS.workspaces, insertValue: '${1:2768}' },
    { key: 'gpu_count', type: 'number', default: 0, description: 'Number of GPUs given to each session.', docs: DOCS.workspaces, insertValue: '${1:0}' },
    { key: 'cpu_allocation_method', type: 'string', values: CPU_ALLOCATION_METHODS, closedValues: 'warning', default: 'Inherit', description: 'How the session\'s CPU is limited (exact case).', docs: DOCS.workspaces, insertValue: '"${1|Inherit,Quotas,Shares|}"' },
    { key: 'require_gpu', type: 'boolean', default: false, description: 'Only start sessions on agents that have a GPU.', docs: DOCS.workspaces },
    { key: 'enabled', type: 'boolean', default: true, description: 'Whether the workspace is enabled (offered to users) once installed.', docs: DOCS.workspaces },
    { key: 'image_type', type: 'string', values: IMAGE_TYPES, closedValues: 'warning', default: 'Container', description: 'Workspace type. Registry entries are Docker containers: `"Container"`.', docs: DOCS.workspaces, insertValue: '"${1:Container}"' },
    {
      key: 'launch_config', type: 'object', description: 'A launch form shown to the user before the session starts; the answers are written to `file_mapping.destination` inside the session.', docs: DOCS.launchConfig, unknownKeys: 'info',
      insertValue: '{\n\t"file_mapping": { "destination": "${1:/dockerstartup/launch_selections.json}" },\n\t"launch_form": [\n\t\t$0\n\t]\n}',
      properties: [
        {
          key: 'file_mapping', type: 'object', description: 'Where the answers are written in the session.', docs: DOCS.launchConfig, unknownKeys: 'info', insertValue: '{ "destination": "${1:/dockerstartup/launch_selections.json}" }',
          properties: [{ key: 'destination', type: 'string', required: 'warning', description: 'Path of the JSON file with the answers inside the session.', docs: DOCS.launchConfig }],
        },
        { key: 'launch_form', type: 'array', description: 'The fields of the form, in order.', docs: DOCS.launchConfig, items: LAUNCH_FORM_FIELD, insertValue: '[\n\t$0\n]' },
      ],
    },
  ];
  return {
    key: '', type: 'object', docs: DOCS.template, unknownKeys: 'info', properties,
    description: `A Kasm Workspaces registry entry, registry schema ${schema} (Kasm ${schema === '1.0' ? '1.13–1.15' : '1.16 and newer'}).`,
  };
}

/** Top-level keys that belong to the other schema version only, and what Kasm does with them there (found once). */
export const fieldsOfOtherSchema: (schema: SchemaVersion) => readonly FieldSpec[] = memoize((schema: SchemaVersion) => {
  const mine = new Set((workspaceSpec(schema).properties ?? []).map((p) => p.key));
  return SCHEMA_VERSIONS.filter((v) => v !== schema)
    .flatMap((v) => workspaceSpec(v).properties ?? [])
    .filter((p) => !mine.has(p.key));
});

/** Each spec's properties by key, indexed on first use: the key rules look up every key on every keystroke. */
const propertiesByKey = new WeakMap<FieldSpec, Map<string, FieldSpec>>();

/** Child spec of an object or array spec at one path segment. */
export function childSpec(parent: FieldSpec, segment: string | number): FieldSpec | undefined {
  if (typeof segment === 'number') return parent.items;
  let byKey = propertiesByKey.get(parent);
  if (!byKey) propertiesByKey.set(parent, byKey = new Map((parent.properties ?? []).map((p) => [p.key, p])));
  return byKey.get(segment) ?? parent.additionalProperties;
}

/** Spec of the value at a JSON path, e.g. ['compatibility', 0, 'image']. */
export function specAt(schema: SchemaVersion, path: readonly (string | number)[]): FieldSpec | undefined {
  let spec: FieldSpec | undefined = workspaceSpec(schema);
  for (const segment of path) {
    if (!spec) return undefined;
    spec = childSpec(spec, segment);
  }
  return spec;
}

export function typeList(spec: FieldSpec): readonly JsonType[] {
  return typeof spec.type === 'string' ? [spec.type] : spec.type;
}
