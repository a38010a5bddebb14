/**
 * What an entry asks of the agent's host (#29.5), in the words an admin judges it by: the one trust report per entry
 * that the review hint, the hover, the gallery card and `--format json` show. Read from docker-py's run() arguments
 * in `run_config` (§4.3, §10.2), the hooks of `exec_config` (§4.4) and `volume_mappings` (§4.6).
 */
import { JsonPath, objectOf, stringsOf } from '../document';
import { boundedList } from '../imageFacts';

export interface HostAccess {
  /** What is asked, e.g. "privileged" or "the Docker socket". */
  label: string;
  /** Where, for the diagnostic. */
  path: JsonPath;
}

/** Paths, ports or capabilities named in a report; the rest are counted (an entry may list thousands). */
const LISTED = 5;
const DOCKER_SOCKET = /(^|\/)docker\.sock$/;
const ROOT_USERS: readonly unknown[] = ['root', 0, '0', '0:0', 'root:root'];

/** The host paths a `volumes` value mounts: an object's keys, or a list's `host:container` strings. */
function hostPaths(volumes: unknown): string[] {
  const mounts = objectOf(volumes);
  return mounts ? Object.keys(mounts) : stringsOf(volumes).map((v) => v.split(':')[0]);
}

export function hostAccess(entry: unknown): HostAccess[] {
  const asks: HostAccess[] = [];
  const ask = (label: string, ...path: JsonPath) => asks.push({ label, path });
  const run = objectOf(objectOf(entry)?.run_config);
  if (run) {
    if (run.privileged === true) ask('privileged (full access to the host)', 'run_config', 'privileged');
    if (run.network_mode === 'host') ask('the host\'s network', 'run_config', 'network_mode');
    if (run.pid_mode === 'host') ask('the host\'s processes (pid_mode host)', 'run_config', 'pid_mode');
    if (run.ipc_mode === 'host') ask('the host\'s shared memory (ipc_mode host)', 'run_config', 'ipc_mode');
    const mounts = hostPaths(run.volumes);
    if (mounts.some((p) => DOCKER_SOCKET.test(p))) ask('the Docker socket (control of every container on the host)', 'run_config', 'volumes');
    else if (mounts.length) ask(`host paths (${boundedList(mounts, LISTED)})`, 'run_config', 'volumes');
    const capabilities = stringsOf(run.cap_add);
    if (capabilities.length) ask(`capabilities ${boundedList(capabilities, LISTED)}`, 'run_config', 'cap_add');
    for (const option of stringsOf(run.security_opt)) {
      const unconfined = /^(seccomp|apparmor)[=:]unconfined$/.exec(option);
      if (unconfined) ask(`no ${unconfined[1]} confinement`, 'run_config', 'security_opt');
    }
    if (ROOT_USERS.includes(run.user)) ask('running as root', 'run_config', 'user');
    const ports = objectOf(run.ports);
    if (ports && Object.keys(ports).length) ask(`host ports (${boundedList(Object.keys(ports), LISTED)})`, 'run_config', 'ports');
    if (Array.isArray(run.devices) && run.devices.length) ask('host devices', 'run_config', 'devices');
  }
  for (const [hook, value] of Object.entries(objectOf(objectOf(entry)?.exec_config) ?? {}).slice(0, 50)) {
    const command = objectOf(value);
    if (command?.privileged === true) ask(`the ${hook} command privileged`, 'exec_config', hook, 'privileged');
    else if (command && ROOT_USERS.includes(command.user)) ask(`the ${hook} command as root`, 'exec_config', hook, 'user');
  }
  const mappings = objectOf(objectOf(entry)?.volume_mappings);
  if (mappings && Object.keys(mappings).length) ask(`host paths (${boundedList(Object.keys(mappings), LISTED)})`, 'volume_mappings');
  return asks;
}

/** One line for an entry's card or hover: what it asks of the host, or undefined when nothing. */
export function hostAccessSummary(asks: readonly HostAccess[]): string | undefined {
  return asks.length ? `Asks of the host: ${asks.map((a) => a.label).join('; ')}.` : undefined;
}

