/**
 * How the desktop server and the CLI reach image registries (#17): undici (its own bundle, loaded when the first
 * question is asked) connecting to the address it resolved only when that address is public or the host allowed
 * (#27.1), or through a proxy (`http.proxy` from VS Code, else HTTPS_PROXY / HTTP_PROXY / NO_PROXY as curl and
 * Docker read them), which then resolves names itself. Answers are kept between sessions in a JSON file.
 */
import * as dns from 'node:dns';
import * as fs from 'node:fs/promises';
import type { LookupFunction } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Fetch } from '../online/registryClient';
import { ImageCacheStore, MAX_CACHE_BYTES } from '../online/imageCache';
import { nodeFileSystem, writeFileWhole } from './nodeFileSystem';
import { OnlineImages, OnlineImagesOptions } from '../online/onlineImages';
import { HOST_REFUSED, addressRefusal, isAllowedHost } from '../online/hostPolicy';

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];
const CACHE_FILE = 'image-cache.json';

/**
 * A DNS lookup that refuses a name resolving to a loopback, private, link-local or metadata address, unless the
 * user allowed the host: the socket connects to the address judged here, so a second answer cannot slip past it.
 */
export function guardedLookup(allowedHosts: () => readonly string[]): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const allowed = isAllowedHost(new URL(`https://${hostname.includes(':') ? `[${hostname}]` : hostname}`), allowedHosts());
      const refused = allowed ? undefined : addresses.map((a) => addressRefusal(a.address)).find(Boolean);
      if (refused) return callback(Object.assign(new Error(`${hostname} resolves to ${refused.replace(/ is /, ', ')}`), { code: HOST_REFUSED }), '', 4);
      if (options.all) return (callback as unknown as (e: null, all: dns.LookupAddress[]) => void)(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

export function registryFetch(
  proxy: string | undefined, allowedHosts: () => readonly string[], environment: NodeJS.ProcessEnv = process.env,
): Fetch {
  const viaProxy = proxy !== undefined || PROXY_VARIABLES.some((name) => environment[name]);
  const load = () => import('undici').then((undici) => ({
    fetch: undici.fetch,
    dispatcher: !viaProxy ? new undici.Agent({ connect: { lookup: guardedLookup(allowedHosts) } })
      : proxy ? new undici.ProxyAgent(proxy) : new undici.EnvHttpProxyAgent(),
  }));
  // Loaded at the first request, not before: with online checks off (the default) the server never pays for it.
  let agent: ReturnType<typeof load> | undefined;
  return async (url, init) => {
    const { fetch: guarded, dispatcher } = await (agent ??= load());
    return guarded(url, { ...init, dispatcher });
  };
}

/**
 * The cache file in `folder`: read through the guarded reader (a regular file of at most MAX_CACHE_BYTES: a FIFO or
 * /dev/zero put there is never read, #27.5), written whole through a temporary file that is removed when the
 * write fails, so that a crash never leaves half of it.
 */
export function fileCacheStore(folder: string): ImageCacheStore {
  const file = path.join(folder, CACHE_FILE);
  return {
    load: () => {
      const bytes = nodeFileSystem.readFile(file, MAX_CACHE_BYTES);
      return Promise.resolve(bytes instanceof Uint8Array ? new TextDecoder().decode(bytes) : undefined);
    },
    async save(text) {
      await fs.mkdir(folder, { recursive: true });
      await writeFileWhole(file, text);
    },
  };
}

/** Where the CLI, and a server no editor gave a folder, keep answers: the user's cache folder. */
export function defaultCacheFolder(environment: NodeJS.ProcessEnv = process.env): string {
  return path.join(environment.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'kasm-registry-lint');
}

export function createNodeOnlineImages(
  callbacks: Omit<OnlineImagesOptions, 'fetch' | 'store'>, options: { cacheFolder?: string; proxy?: string },
): OnlineImages {
  const allowedHosts = callbacks.allowedHosts ?? (() => []);
  return new OnlineImages({
    ...callbacks, fetch: registryFetch(options.proxy, allowedHosts), store: fileCacheStore(options.cacheFolder ?? defaultCacheFolder()),
  });
}
