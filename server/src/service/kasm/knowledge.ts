/**
 * Everything this project knows about Kasm's workspace.json, in one place.
 *
 * Diagnostics, completion, hover and the generated JSON Schemas all read these tables, so a new Kasm
 * release or a newly documented field is a change here only. Facts and their sources are written up in
 * docs/kasm-format.md (the section numbers below refer to it).
 */

import { memoize } from '../memoize';
import { DOCS, FieldSpec, JsonType, KnownValue, SchemaVersion } from './fieldSpec';
import { SCHEMA_VERSIONS, VERSION_PATTERN, compatibilityVersionsFor } from './versions';
import { RUN_CONFIG_KEYS } from './dockerRun';
import { IMAGE_PROPERTY_FIELDS } from './imageProperties';
import { LAUNCH_CONFIG } from './launchConfig';

export * from './fieldSpec';
export * from './versions';

export const ARCHITECTURES: readonly KnownValue[] = [
  { value: 'amd64', description: 'x86-64 hosts (Intel/AMD). Kasm offers the workspace only on agents of a listed architecture.' },
  { value: 'arm64', description: '64-bit ARM hosts (e.g. Graviton, Ampere, Raspberry Pi 4/5 with a 64-bit OS).' },
];

/** What authors write for an architecture that Docker and Kasm call otherwise (seen in real registries, §10.12). */
export const ARCHITECTURE_ALIASES: Readonly<Record<string, string>> = {
  x86: 'amd64', x86_64: 'amd64', 'x86-64': 'amd64', x64: 'amd64', amd: 'amd64', intel: 'amd64',
  aarch64: 'arm64', arm: 'arm64', armv8: 'arm64', 'arm64v8': 'arm64',
};

/** Category suggestions (§4.1): the registry builder's presets, then extra values of the 1st-party registry. */
export const CATEGORIES: readonly KnownValue[] = [
  ...['Browser', 'Communication', 'Desktop', 'Development', 'Games', 'Multimedia', 'Office', 'Privacy', 'Productivity', 'Remote Access']
    .map((value) => ({ value, description: 'Preset category of the registry template\'s workspace builder.' })),
  ...['Chat', 'Mobile', 'OSINT', 'Security']
    .map((value) => ({ value, description: 'Category used by Kasm\'s own registry.' })),
];
/** Categories written for a known one that near-miss matching does not find (seen in real registries, §10.12). */
export const CATEGORY_ALIASES: Readonly<Record<string, string>> = { Developer: 'Development', Developers: 'Development' };
/** Every other name for a known value: replacing one with the value it names keeps what the author meant. */
export const KNOWN_ALIASES: Readonly<Record<string, string>> = { ...ARCHITECTURE_ALIASES, ...CATEGORY_ALIASES };
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
/**
 * Registries whose repositories of a namespace are also on Docker Hub: a hostless image there is found all the same.
 * Kasm's own registry names kcr.kasmweb.com and pulls `kasmweb/…` without a host (85 official entries, §11, §12).
 */
export const DOCKER_HUB_MIRRORED: Readonly<Record<string, string>> = { 'kcr.kasmweb.com': 'kasmweb/' };

export const BOGUS_DOCKER_REGISTRY = { value: 'https://index.docker.io/v1.1/', replacement: 'https://index.docker.io/v1/' };

export const EXEC_HOOKS: readonly KnownValue[] = [
  { value: 'first_launch', description: 'Runs once, when the session container is first started (e.g. start a VPN as root).' },
  { value: 'go', description: 'Runs when a session is opened with a URL to go to (`$KASM_URL`), e.g. to open it in the browser.' },
  { value: 'assign', description: 'Runs when a pre-created (staged) session is assigned to a user.' },
];

/**
 * Top-level keys no other tool's workspace.json has (Nx and Angular write `version`, `projects`, `$schema`): a file
 * outside a registry's workspaces folder with one of them is a Kasm entry (entryDetection.ts).
 */
export const ENTRY_SIGNATURE_KEYS: readonly string[] = [
  'friendly_name', 'image_src', 'compatibility', 'categories', 'architecture', 'run_config', 'exec_config', 'docker_registry',
  'uncompressed_size_mb', 'require_gpu', 'gpu_count', 'cores', 'memory',
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
/**
 * `uncompressed_size_mb` within these bounds is believable: below, it looks like GB; above, like KB or a typo (131418
 * was seen, §12). The largest Kasm images are about 15 GB uncompressed.
 */
export const SIZE_PLAUSIBLE_MB = { min: 50, max: 100_000 } as const;

/** An icon up to `nearMissPixels` under `minPixels` (48 × 48) looks the same: an info only (§12). */
export const ICON_RULES = { extensions: ['.png', '.svg'], minPixels: 50, nearMissPixels: 2 } as const;

const execHook = (hook: KnownValue): FieldSpec => ({
  key: hook.value,
  type: 'object',
  description: `Exec hook \`${hook.value}\`: ${hook.description}`,
  docs: DOCS.registry,
  insertValue: '{\n\t"cmd": "${1:bash -c \'…\'}"\n}',
  unknownKeys: 'info',
  properties: [
    { key: 'cmd', type: 'string', required: 'warning', whenMissing: 'The entry installs, and the hook fails when it runs.', description: 'The command Kasm runs in the session container (`docker exec`). Without it the entry installs, and the hook fails when run.', docs: DOCS.registry, insertValue: '"${1:bash -c \'…\'}"' },
    { key: 'user', type: 'string', description: 'User the command runs as, e.g. `"root"`. Default: the container\'s user.', docs: DOCS.dockerExec, insertValue: '"${1:root}"' },
    { key: 'privileged', type: 'boolean', default: false, description: 'Run the command with extended privileges.', docs: DOCS.dockerExec },
    { key: 'environment', type: 'object', typeSeverity: 'warning', description: 'Environment variables for the command, as an object `{"NAME": "value"}` (docker `exec_run(environment=…)`).', docs: DOCS.dockerExec },
    { key: 'workdir', type: 'string', description: 'Working directory of the command (docker `exec_run(workdir=…)`).', docs: DOCS.dockerExec },
  ],
});

function compatibilitySpec(schema: SchemaVersion): FieldSpec {
  const base = {
    key: 'compatibility',
    type: 'array' as const,
    docs: DOCS.template,
    // 1.0: Kasm 1.14/1.15's dashboard never lists such an entry and the template storefront throws on its index page
    // for every visitor (kasm-format.md §12).
    required: 'error' as const,
    whenMissing: schema === '1.1' ? 'Without it the schema 1.1 registry build crashes.'
      : 'Without it Kasm 1.13–1.15 never list the entry, and the registry site\'s index page fails for every visitor.',
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
    insertValue: `[\n\t{\n\t\t"version": "\${1:${versions[0].value}}",\n\t\t"image": "\${2:repository/image:tag}",\n\t\t"uncompressed_size_mb": \${3:0}\n\t}\n]`,
    items: {
      key: '', type: 'object', docs: DOCS.template, unknownKeys: 'info',
      description: 'What to install on one Kasm version.',
      typeCode: 'compatibility-shape',
      typeAdvice: 'Schema 1.1 (Kasm 1.16+) needs objects {"version", "image", "uncompressed_size_mb"}; a string here crashes the registry build.',
      properties: [
        { key: 'version', type: 'string', required: 'warning', pattern: VERSION_PATTERN, values: versions, description: 'Kasm version this entry applies to: `"M.m.x"` or an exact `"M.m.p"`.', docs: DOCS.template, insertValue: `"\${1:${versions[0].value}}"` },
        { key: 'image', type: 'string', required: 'error', whenMissing: 'Kasm installs a workspace with no image without it.', description: 'Docker image installed on that Kasm version, with tag (`repository:tag`); without it Kasm installs a workspace with no image. Its tag is used when there are no `available_tags`.', docs: DOCS.template, insertValue: '"${1:repository/image:tag}"' },
        { key: 'uncompressed_size_mb', type: 'number', required: 'warning', description: 'Uncompressed image size in MB ("if an image is 2.46GB you would enter 2460"); `0` means not measured yet.', docs: DOCS.template, insertValue: '${1:0}' },
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
    { key: 'friendly_name', type: 'string', required: 'error', whenMissing: 'Kasm\'s Registry page sorts entries by it and breaks, for every registry, without it.', description: 'Name shown to users in Kasm and in the registry storefront (at most 255 characters). Kasm\'s Registry page sorts entries by it: without it the page breaks for every registry. In schema 1.1 it is also the storefront page id, so it must be unique and Latin-1 only.', docs: DOCS.workspaces, insertValue: '"${1:My Workspace}"' },
    // null: the template's own builder writes it, and the dashboard shows it blank (kasm-format.md §12).
    { key: 'description', type: ['string', 'null'], required: 'warning', description: 'Short description of the workspace, shown on its card (`null` shows none).', docs: DOCS.workspaces, insertValue: '"${1:What this workspace is for.}"' },
    { key: 'image_src', type: 'string', required: 'warning', description: 'File name of the icon **in the same folder** as this workspace.json (`.png` or `.svg`, square, at least 50×50 px). The build copies it to `<schema>/icons/<image_src>`: all icons share one folder.', docs: DOCS.template, insertValue: '"${1:icon.png}"' },
    {
      key: 'architecture', type: 'array', required: 'error', whenMissing: 'Kasm\'s Registry page breaks, for every registry, without it.', description: 'CPU architectures the image exists for. Kasm offers the workspace only on hosts of a listed architecture; without the key Kasm\'s Registry page breaks for every registry.', docs: DOCS.template, insertValue: '[\n\t"${1|amd64,arm64|}"\n]',
      items: { key: '', type: 'string', values: ARCHITECTURES, aliases: ARCHITECTURE_ALIASES, closedValues: 'warning', description: 'A CPU architecture (another value only greys the card out).', docs: DOCS.template },
    },
    compatibilitySpec(schema),
    ...(only10 ? [
      { key: 'name', type: 'string' as const, required: 'error' as const, whenMissing: 'Kasm installs a workspace with no image without it.', description: 'The Docker image to use (`repository:tag`); without it Kasm installs a workspace with no image. Schema 1.0 only: in 1.1 the image is per Kasm version in `compatibility[].image`. Also the storefront page id in 1.0.', docs: DOCS.template, insertValue: '"${1:repository/image:tag}"' },
      { key: 'uncompressed_size_mb', type: 'number' as const, required: 'warning' as const, description: 'Approximate uncompressed image size in MB ("if an image is 2.46GB you would enter 2460"), shown against the registry\'s remaining space. Schema 1.0 only.', docs: DOCS.template, insertValue: '${1:0}' },
    ] : []),
    {
      key: 'categories', type: 'array', description: `Dashboard categories; free-form, at most ${MAX_CATEGORIES}. The first one is the one displayed.`, docs: DOCS.template, default: '[]', insertValue: '[\n\t"${1:Desktop}"\n]',
      items: { key: '', type: 'string', values: CATEGORIES, description: 'A category (free text; the known ones are suggested).', docs: DOCS.template },
    },
    { key: 'docker_registry', type: 'string', values: DOCKER_REGISTRIES, default: 'https://index.docker.io/v1/', description: 'Registry Kasm **logs in to** before pulling (with `docker_user`/`docker_token` when given); docker-py keeps only its host name. Where the image is pulled from is decided by the image reference itself. Written as a URL ending in `/`.', docs: DOCS.template, insertValue: '"${1:https://index.docker.io/v1/}"' },
    {
      key: 'run_config', type: 'object', description: '"Docker Run Config Override (JSON)": extra `docker run` parameters (docker-py `containers.run()` keyword arguments). Admins are warned it can run arbitrary commands.', docs: DOCS.registry, insertValue: '{\n\t"hostname": "${1:kasm}"\n}',
      unknownKeys: 'error', properties: RUN_CONFIG_KEYS,
    },
    {
      key: 'exec_config', type: 'object', description: '"Docker Exec Config (JSON)": commands Kasm runs in the session container at `first_launch`, `go` and `assign`.', docs: DOCS.registry, insertValue: '{\n\t"${1|first_launch,go,assign|}": {\n\t\t"cmd": "${2:bash -c \'…\'}"\n\t}\n}',
      unknownKeys: 'info', properties: EXEC_HOOKS.map(execHook),
    },
    { key: 'notes', type: 'string', description: 'Notes for admins about running the workspace (e.g. "requires libseccomp"); Markdown and `\\n` allowed.', docs: DOCS.workspaces, insertValue: '"${1}"' },
    { key: 'cores', type: 'number', default: 2, description: 'CPU cores given to each session (Kasm stores a float).', docs: DOCS.workspaces, insertValue: '${1:2}' },
    { key: 'memory', type: 'number', default: 2768, description: 'Memory of each session **in MB** (Kasm stores bytes: 2768 → 2,768,000,000). Write 4000 for 4 GB, not 4.', docs: DOCS.workspaces, insertValue: '${1:2768}' },
    { key: 'gpu_count', type: 'number', default: 0, description: 'Number of GPUs given to each session (Kasm rounds a fraction).', docs: DOCS.workspaces, insertValue: '${1:0}' },
    { key: 'cpu_allocation_method', type: 'string', values: CPU_ALLOCATION_METHODS, closedValues: 'warning', default: 'Inherit', description: 'How the session\'s CPU is limited (exact case).', docs: DOCS.workspaces, insertValue: '"${1|Inherit,Quotas,Shares|}"' },
    { key: 'require_gpu', type: 'boolean', default: false, description: 'Only start sessions on agents that have a GPU.', docs: DOCS.workspaces },
    { key: 'enabled', type: 'boolean', default: true, description: 'Whether the workspace is enabled (offered to users). Kasm\'s installer sets it to `true` whatever the entry says.', docs: DOCS.workspaces },
    { key: 'image_type', type: 'string', values: IMAGE_TYPES, closedValues: 'warning', default: 'Container', description: 'Workspace type. Kasm\'s installer sets `"Container"` whatever the entry says.', docs: DOCS.workspaces, insertValue: '"${1:Container}"' },
    LAUNCH_CONFIG,
    ...IMAGE_PROPERTY_FIELDS,
  ];
  return {
    // Kasm 1.15 passes a 1.0 entry to its installer as keyword arguments: an unknown key fails the install (§10.1).
    key: '', type: 'object', docs: DOCS.template, unknownKeys: only10 ? 'error' : 'warning', properties,
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
