/**
 * `run_config`: the keyword arguments of docker-py 7's `containers.run()`, which Kasm calls with the entry's
 * run_config at every session start (kasm-format.md §4.3, §10.2). docker-py raises TypeError on any other name,
 * so an unknown key fails every session. Descriptions are ours, after docker-py's documentation.
 */
import { DOCS, FieldSpec, JsonType } from './fieldSpec';

interface DockerRunArgument {
  type: JsonType | readonly JsonType[];
  description: string;
  /** Element type of a list argument. */
  items?: JsonType;
  /** Kasm sets this argument itself at session start (§10.2): the entry's value has no effect. */
  setByKasm?: string;
  /** A docker size: bytes as an integer, or a string such as "512m" or "1g" (§10.2). */
  size?: boolean;
}

const STRINGS = 'string' as const;

/** Every argument, by name (docker-py 7.1 RUN_CREATE_KWARGS, RUN_HOST_CONFIG_KWARGS, and those run() itself takes). */
const ARGUMENTS: Readonly<Record<string, DockerRunArgument>> = {
  auto_remove: { type: 'boolean', description: 'Remove the container when it exits' },
  blkio_weight: { type: 'integer', description: 'Relative block IO weight, 10 to 1000' },
  blkio_weight_device: { type: 'array', description: 'Block IO weight per device: `[{"Path": …, "Weight": …}]`' },
  cap_add: { type: 'array', items: STRINGS, description: 'Linux capabilities to add, e.g. `["IPC_LOCK"]`' },
  cap_drop: { type: 'array', items: STRINGS, description: 'Linux capabilities to drop' },
  cgroup_parent: { type: 'string', description: 'Parent cgroup of the container' },
  cgroupns: { type: 'string', description: 'cgroup namespace mode: `"private"` or `"host"`' },
  command: { type: ['string', 'array'], description: 'Command to run instead of the image\'s default' },
  cpu_count: { type: 'integer', description: 'Number of usable CPUs (Windows only)' },
  cpu_percent: { type: 'integer', description: 'Usable percentage of the CPUs (Windows only)' },
  cpu_period: { type: 'integer', description: 'CPU CFS period in microseconds (conflicts with `cpu_allocation_method: "Quotas"`)' },
  cpu_quota: { type: 'integer', description: 'CPU CFS quota in microseconds (conflicts with `cpu_allocation_method: "Quotas"`)' },
  cpu_rt_period: { type: 'integer', description: 'CPU real-time period in microseconds' },
  cpu_rt_runtime: { type: 'integer', description: 'CPU real-time runtime in microseconds' },
  cpu_shares: { type: 'integer', description: 'Relative CPU weight', setByKasm: 'Kasm sets CPU shares from `cores` when `cpu_allocation_method` is "Shares"' },
  cpuset_cpus: { type: 'string', description: 'CPUs the container may use, e.g. `"0-3"`' },
  cpuset_mems: { type: 'string', description: 'Memory nodes the container may use' },
  detach: { type: 'boolean', description: 'Run in the background', setByKasm: 'Kasm always starts sessions detached' },
  device_cgroup_rules: { type: 'array', items: STRINGS, description: 'Rules for the device cgroup' },
  device_read_bps: { type: 'array', description: 'Read rate limits per device: `[{"Path": …, "Rate": …}]`' },
  device_read_iops: { type: 'array', description: 'Read IO-per-second limits per device' },
  device_requests: { type: 'array', items: 'object', description: 'Device requests, e.g. GPUs `[{"driver": "nvidia", "count": 1, "capabilities": [["gpu"]]}]`' },
  device_write_bps: { type: 'array', description: 'Write rate limits per device' },
  device_write_iops: { type: 'array', description: 'Write IO-per-second limits per device' },
  devices: { type: 'array', items: STRINGS, description: 'Host devices to map, e.g. `["/dev/dri/card0:/dev/dri/card0:rwm"]`' },
  dns: { type: 'array', items: STRINGS, description: 'DNS servers of the container' },
  dns_opt: { type: 'array', items: STRINGS, description: 'Options for the container\'s resolv.conf' },
  dns_search: { type: 'array', items: STRINGS, description: 'DNS search domains' },
  domainname: { type: 'string', description: 'Domain name of the container' },
  entrypoint: { type: ['string', 'array'], description: 'Replaces the image\'s entrypoint' },
  environment: { type: 'object', description: 'Environment variables of the session container, as an object `{"NAME": "value"}`: Kasm adds its own to it at every start, so a list fails' },
  extra_hosts: { type: ['object', 'array'], description: 'Extra /etc/hosts entries, `{"host": "address"}`' },
  group_add: { type: 'array', description: 'Additional groups of the container user' },
  healthcheck: { type: 'object', description: 'Health check of the container' },
  hostname: { type: 'string', description: 'Host name inside the session container, usually `"kasm"`' },
  image: { type: 'string', description: 'The image', setByKasm: 'Kasm runs the image of the entry (`name` or `compatibility[].image`)' },
  init: { type: 'boolean', description: 'Run an init process in the container' },
  init_path: { type: 'string', description: 'Path of the init binary' },
  ipc_mode: { type: 'string', description: 'IPC namespace mode' },
  isolation: { type: 'string', description: 'Isolation technology (Windows)' },
  kernel_memory: { type: ['string', 'integer'], size: true, description: 'Kernel memory limit' },
  labels: { type: ['object', 'array'], description: 'Container labels', setByKasm: 'Kasm labels its session containers itself' },
  links: { type: 'object', description: 'Legacy container links' },
  log_config: { type: 'object', description: 'Logging driver configuration: `{"type": …, "config": {…}}`' },
  lxc_conf: { type: 'object', description: 'LXC configuration (legacy)' },
  mac_address: { type: 'string', description: 'MAC address of the container' },
  mem_limit: { type: ['string', 'integer'], size: true, description: 'Memory limit', setByKasm: 'Kasm sets the memory limit from `memory`' },
  mem_reservation: { type: ['string', 'integer'], size: true, description: 'Memory soft limit' },
  mem_swappiness: { type: 'integer', description: 'How readily the kernel swaps container memory, 0 to 100' },
  memswap_limit: { type: ['string', 'integer'], size: true, description: 'Memory plus swap limit' },
  mounts: { type: 'array', items: 'object', description: 'Mounts as docker Mount objects' },
  name: { type: 'string', description: 'Container name', setByKasm: 'Kasm names each session container' },
  nano_cpus: { type: 'integer', description: 'CPU limit in units of 10⁻⁹ CPUs', setByKasm: 'Kasm sets the CPU limit from `cores`' },
  network: { type: 'string', description: 'Network to connect the container to' },
  network_disabled: { type: 'boolean', description: 'Disable networking' },
  network_driver_opt: { type: 'object', description: 'Options for the network driver' },
  network_mode: { type: 'string', description: 'Network mode of the container' },
  oom_kill_disable: { type: 'boolean', description: 'Do not kill the container when it runs out of memory' },
  oom_score_adj: { type: 'integer', description: 'Adjustment of the out-of-memory score' },
  pid_mode: { type: 'string', description: 'PID namespace mode' },
  pids_limit: { type: 'integer', description: 'Most processes the container may run (-1 for no limit)' },
  platform: { type: 'string', description: 'Platform of the image, e.g. `"linux/arm64"`' },
  ports: { type: 'object', description: 'Ports to publish: `{"8080/tcp": 8080}`' },
  privileged: { type: 'boolean', description: 'Run the container privileged: full access to the host\'s devices' },
  publish_all_ports: { type: 'boolean', description: 'Publish every exposed port' },
  read_only: { type: 'boolean', description: 'Mount the root file system read-only' },
  remove: { type: 'boolean', description: 'Remove the container when it exits' },
  restart_policy: { type: 'object', description: 'Restart policy: `{"Name": "on-failure", "MaximumRetryCount": 3}`' },
  runtime: { type: 'string', description: 'Container runtime, e.g. `"nvidia"` for GPUs' },
  security_opt: { type: 'array', items: STRINGS, description: 'Security options, e.g. `["seccomp=unconfined"]`' },
  shm_size: { type: ['string', 'integer'], size: true, description: 'Size of /dev/shm, e.g. `"512m"`' },
  stderr: { type: 'boolean', description: 'Return standard error (only without detach)' },
  stdin_open: { type: 'boolean', description: 'Keep standard input open' },
  stdout: { type: 'boolean', description: 'Return standard output (only without detach)' },
  stop_signal: { type: 'string', description: 'Signal that stops the container' },
  storage_opt: { type: 'object', description: 'Storage driver options per container' },
  stream: { type: 'boolean', description: 'Stream the logs (only without detach)' },
  sysctls: { type: 'object', description: 'Kernel parameters set in the container, `{"net.ipv4.ip_forward": 1}`' },
  tmpfs: { type: 'object', description: 'tmpfs mounts: `{"/run": "size=64m"}`' },
  tty: { type: 'boolean', description: 'Allocate a pseudo-TTY' },
  ulimits: { type: 'array', items: 'object', description: 'ulimits: `[{"name": "nofile", "soft": 1024, "hard": 2048}]`' },
  use_config_proxy: { type: 'boolean', description: 'Pass the Docker client\'s proxy settings into the container' },
  user: { type: ['string', 'integer'], description: 'User (name or uid) the container runs as; Kasm images run as 1000' },
  userns_mode: { type: 'string', description: 'User namespace mode' },
  uts_mode: { type: 'string', description: 'UTS namespace mode' },
  version: { type: 'string', description: 'API version for the host configuration' },
  volume_driver: { type: 'string', description: 'Volume driver' },
  volumes: { type: 'object', description: 'Volumes to mount, as an object `{"/host/path": {"bind": "/path", "mode": "rw"}}`: Kasm adds its own to it, so a list fails' },
  volumes_from: { type: 'array', items: STRINGS, description: 'Containers to mount the volumes of' },
  working_dir: { type: 'string', description: 'Working directory of the command' },
};

/** `docker run` flags people write instead of docker-py's argument names (which near-miss matching cannot find). */
export const RUN_CONFIG_ALIASES: Readonly<Record<string, string>> = {
  workdir: 'working_dir', env: 'environment', gpus: 'device_requests', cpus: 'nano_cpus', memory: 'mem_limit', publish: 'ports',
  restart: 'restart_policy', add_host: 'extra_hosts', net: 'network', log_driver: 'log_config', device: 'devices', label: 'labels',
  ulimit: 'ulimits', volume: 'volumes', cap: 'cap_add', sysctl: 'sysctls', dns_option: 'dns_opt',
};

/** run_config keys Kasm's dashboard does not ask the admin to review before installing (§10.3). */
export const RUN_CONFIG_WITHOUT_REVIEW: readonly string[] = ['entrypoint', 'hostname', 'environment', 'user'];

/** The uid Kasm images run as; any other `user` is shown to the admin for review (§10.3). */
export const KASM_USER = 1000;

/** docker-py's size strings (`parse_bytes`): digits with an optional b/k/m/g unit. "1GiB" and "2 GB" fail. */
export const DOCKER_SIZE_PATTERN = /^\d+(\.\d+)?[bkmg]?b?$/i;

/** Whether docker-py's run() takes this argument. */
export const isDockerRunArgument = (name: string): boolean => Object.hasOwn(ARGUMENTS, name);

/** Arguments Kasm sets itself, with why the entry's value has no effect. */
export const RUN_CONFIG_SET_BY_KASM: ReadonlyMap<string, string> = new Map(
  Object.entries(ARGUMENTS).flatMap(([key, argument]) => (argument.setByKasm ? [[key, argument.setByKasm]] : [])),
);

/** Arguments that take a docker size. */
export const RUN_CONFIG_SIZES: ReadonlySet<string> = new Set(Object.entries(ARGUMENTS).filter(([, a]) => a.size).map(([key]) => key));

/** Where a wrong type fails every session start for sure (§10.2); elsewhere docker's own error is likelier, not certain. */
const TYPE_FAILS_SESSION = new Set(['environment', 'volumes']);

export const RUN_CONFIG_KEYS: readonly FieldSpec[] = Object.entries(ARGUMENTS).map(([key, argument]): FieldSpec => ({
  key,
  type: argument.type,
  description: `${argument.description} (docker-py \`containers.run(${key}=…)\`).${argument.setByKasm ? ` ${argument.setByKasm}, so a value here has no effect.` : ''}`,
  docs: DOCS.dockerRun,
  typeSeverity: TYPE_FAILS_SESSION.has(key) ? 'error' : 'warning',
  ...(argument.items ? { items: { key: '', type: argument.items, typeSeverity: 'warning', description: `An element of ${key}.`, docs: DOCS.dockerRun } } : {}),
}));
