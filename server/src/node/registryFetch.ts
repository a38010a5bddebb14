/**
 * How the desktop server and the CLI reach image registries (#17): Node's fetch, or through a proxy (`http.proxy`
 * from VS Code, else HTTPS_PROXY / HTTP_PROXY / NO_PROXY as curl and Docker read them) with undici's agents, loaded
 * only when a proxy is set. Answers are kept between sessions in a JSON file.
 */
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { Fetch } from '../online/registryClient';
import { ImageCacheStore } from '../online/imageCache';
import { OnlineImages, OnlineImagesOptions } from '../online/onlineImages';

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];
const CACHE_FILE = 'image-cache.json';

export function registryFetch(proxy: string | undefined, environment: NodeJS.ProcessEnv = process.env): Fetch {
  if (!proxy && !PROXY_VARIABLES.some((name) => environment[name])) return (url, init) => fetch(url, init);
  const agent = import('undici').then((undici) => ({
    fetch: undici.fetch,
    dispatcher: proxy ? new undici.ProxyAgent(proxy) : new undici.EnvHttpProxyAgent(),
  }));
  return async (url, init) => {
    const { fetch: proxied, dispatcher } = await agent;
    return proxied(url, { ...init, dispatcher });
  };
}

/** The cache file in `folder`, written whole through a temporary file so that a crash never leaves half of it. */
export function fileCacheStore(folder: string): ImageCacheStore {
  const file = path.join(folder, CACHE_FILE);
  return {
    load: () => fs.readFile(file, 'utf8').catch(() => undefined),
    async save(text) {
      await fs.mkdir(folder, { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await fs.writeFile(temporary, text);
      await fs.rename(temporary, file);
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
  return new OnlineImages({
    ...callbacks, fetch: registryFetch(options.proxy), store: fileCacheStore(options.cacheFolder ?? defaultCacheFolder()),
  });
}
