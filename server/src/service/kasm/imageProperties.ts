/**
 * Kasm workspace (image) properties that Kasm 1.15's installer takes from a registry entry besides the
 * template's fields (kasm-format.md §10.6), and the keys its dashboard drops before installing (§10.1).
 */
import { DOCS, FieldSpec, JsonType } from './fieldSpec';

/** Top-level keys the 1.15 dashboard removes from an entry before it calls the installer: unknown, yet harmless. */
export const DASHBOARD_DROPPED_KEYS: readonly string[] = [
  'sha', 'official', 'author', 'available', 'memory_friendly', 'persistent_profile_settings', 'zones', 'networks',
  'default_category', 'architecture', 'store', 'compatibility', 'checkRequired',
];

/** The placeholders Kasm fills in a persistent profile path; the install fails without one (§10.6). */
export const PROFILE_PATH_PLACEHOLDERS: readonly string[] = ['{username}', '{user_id}'];

/** Keys that publish registry credentials to everyone who reads the registry (§10.6). */
export const CREDENTIAL_KEYS: readonly string[] = ['docker_user', 'docker_token', 'docker_password'];

const property = (key: string, type: JsonType | readonly JsonType[], description: string, extra: Partial<FieldSpec> = {}): FieldSpec =>
  ({ key, type, description, docs: DOCS.workspaces, typeSeverity: 'warning', ...extra });

const nullableString: readonly JsonType[] = ['string', 'null'];

const VOLUME_MAPPING: FieldSpec = {
  key: '', type: 'object', docs: DOCS.workspaces, unknownKeys: 'warning',
  description: 'How one host path is mounted into each session.',
  properties: [
    property('bind', 'string', 'Path inside the session container.', { required: 'error', typeSeverity: 'error' }),
    property('mode', 'string', '`"rw"` (read-write) or `"ro"` (read-only).', { values: [{ value: 'rw', description: 'Read-write.' }, { value: 'ro', description: 'Read-only.' }], closedValues: 'error' }),
    property('uid', 'integer', 'Owner uid the path is given in the session (Kasm images run as 1000).', { typeSeverity: 'error' }),
    property('gid', 'integer', 'Owner gid the path is given in the session.', { typeSeverity: 'error' }),
    property('required', 'boolean', 'Fail the session when the host path is missing (default true).', { typeSeverity: 'error' }),
    property('skip_check', 'boolean', 'Do not check the host path before starting.', { typeSeverity: 'error' }),
    property('timeout', 'number', 'Seconds to wait for the host path (default 10; more than 0).', { typeSeverity: 'error' }),
  ],
};

/** Image properties as fields of an entry: known keys, with their types and what Kasm does with them. */
export const IMAGE_PROPERTY_FIELDS: readonly FieldSpec[] = [
  property('docker_user', 'string', 'User name Kasm logs in to `docker_registry` with. **Published to everyone who reads the registry.**'),
  property('docker_token', 'string', 'Password or token Kasm logs in to `docker_registry` with. **Published to everyone who reads the registry.**'),
  property('docker_password', 'string', 'Password Kasm logs in to `docker_registry` with. **Published to everyone who reads the registry.**'),
  property('persistent_profile_path', 'string', 'Where each user\'s home folder is kept between sessions; must contain `{username}` or `{user_id}`, or the install fails.'),
  property('restrict_to_network', 'boolean', 'Start sessions only on the Docker networks in `restrict_network_names` (the install fails without them).'),
  property('restrict_network_names', 'array', 'Docker networks sessions may use when `restrict_to_network` is true.', { items: property('', 'string', 'A Docker network name.') }),
  property('restrict_to_server', 'boolean', 'Start sessions only on the server `server_id` (the install fails without a valid id).'),
  property('server_id', nullableString, 'Id of the server sessions are restricted to.'),
  property('restrict_to_zone', 'boolean', 'Start sessions only in the zone `zone_id` (the install fails without a valid id).'),
  property('zone_id', nullableString, 'Id of the zone sessions are restricted to.'),
  property('filter_policy_id', nullableString, 'Id (a UUID) of the web filter policy of the sessions; anything else fails the install.'),
  property('session_time_limit', ['integer', 'null'], 'Longest a session may run, in seconds.'),
  property('hidden', 'boolean', 'Hide the workspace from users\' dashboards.'),
  property('allow_network_selection', 'boolean', 'Let users pick the Docker network of a session.'),
  property('override_egress_gateways', 'boolean', 'Let the workspace override the egress gateways of the user\'s group.'),
  property('gpu_graphics_acceleration', ['boolean', 'string', 'null'], 'Use the GPU for graphics acceleration in the session.'),
  property('gpu_video_encoding', ['boolean', 'string', 'null'], 'Use the GPU to encode the session\'s video stream.'),
  {
    key: 'volume_mappings', type: 'object', docs: DOCS.workspaces, typeSeverity: 'error', additionalProperties: VOLUME_MAPPING,
    insertValue: '{\n\t"${1:/host/path}": { "bind": "${2:/home/kasm-user/shared}", "mode": "${3|rw,ro|}", "uid": 1000, "gid": 1000 }\n}',
    description: 'Host paths mounted into every session: `{"/host/path": {"bind": …, "mode": "rw"|"ro", "uid", "gid", "required", "skip_check", "timeout"}}`. Kasm 1.15 cannot install it from a schema 1.0 entry ("Invalid json format"), and asks the admin to review it.',
  },
];
