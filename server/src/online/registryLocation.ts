import { parseImageReference } from '../service/kasm/imageReference';

/** Where the Registry HTTP API v2 answers for one image reference. */
export interface RegistryLocation {
  /** The registry as users name it (`docker.io` for bare names): what rate limits and status messages are about. */
  registry: string;
  /** The API's base URL, without `/v2/`. */
  base: string;
  /** The repository path in the API (`library/ubuntu` for Docker Hub's bare `ubuntu`). */
  repository: string;
  /** Tag or digest; `latest` when the reference has neither, as `docker pull` does. */
  reference: string;
  /** The reference as written in the entry. */
  written: string;
}

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);
/** Loopback hosts are asked over plain HTTP, as Docker does for them; everything else over HTTPS. */
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])(:\d+)?$/i;

/** The location of a valid reference, or undefined for one the offline rules already report. */
export function registryLocation(written: string): RegistryLocation | undefined {
  const ref = parseImageReference(written);
  if (ref.problem) return undefined;
  const host = ref.host ?? 'docker.io';
  const hub = DOCKER_HUB.has(host.toLowerCase());
  return {
    registry: hub ? 'docker.io' : host,
    base: hub ? 'https://registry-1.docker.io' : `${isLoopback(host) ? 'http' : 'https'}://${host}`,
    repository: hub && !ref.repository.includes('/') ? `library/${ref.repository}` : ref.repository,
    reference: ref.digest ?? ref.tag ?? 'latest',
    written,
  };
}

/** Whether a `host[:port]` is this machine, which Docker (and these checks) ask over plain HTTP. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.test(host);
}
