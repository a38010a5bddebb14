import { RememberingFileSystem } from '../service/fileSystem';
import { OnlineImages, OnlineImagesOptions } from '../online/onlineImages';

/**
 * What the language server takes from where it runs: Node on a desktop (node/serverHost.ts), a web worker in VS
 * Code for the Web (web/serverHost.ts). Everything else is the same code.
 */
export interface ServerHost {
  /** The files the service reads; `watched`: the editor reports changes, so answers may be kept until then. */
  createFileSystem(watched: boolean): RememberingFileSystem;
  /** Every workspace.json under a registry's root; `complete` false when the search stopped early. */
  findEntries(root: string, cancelled: () => boolean): Promise<{ files: string[]; complete: boolean }>;
  /** The variables CI sets (the branch a pull request targets); none in a browser. */
  environment: Readonly<Record<string, string | undefined>>;
  /**
   * Where files answer later (the web): runs `compute` until all it reads is known. Absent where they answer at
   * once: computing is enough.
   */
  settle?: <T>(compute: () => T) => Promise<T>;
  /**
   * Whether files are named by URI path under the workspace's scheme (VS Code for the Web), which `initialize`
   * then tells; else they are `file:` URIs named by file-system path.
   */
  filesByUriPath?: boolean;
  /** Registry answers about images, where this host may ask registries (#17); absent in a browser. */
  onlineImages?(callbacks: Omit<OnlineImagesOptions, 'fetch' | 'store'>, options: { cacheFolder?: string; proxy?: string }): OnlineImages;
}

/** `compute` once every file it reads is known: settled where files answer later, at once where they do not. */
export function settled<T>(host: ServerHost, compute: () => T): Promise<T> {
  return host.settle ? host.settle(compute) : Promise.resolve(compute());
}
