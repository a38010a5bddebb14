import { ServerHost } from '../lsp/host';
import { WATCHED_STAMP_TRUST_MS, rememberStamps } from '../service/fileSystem';
import { nodeFileSystem } from './nodeFileSystem';
import { createNodeOnlineImages } from './registryFetch';
import { SERVER_WALK_BUDGET, walkWorkspaceFiles } from './workspaceFiles';

/** The language server on a desktop: Node's file system, a budgeted walk of the folders, the process's variables. */
export const nodeHost: ServerHost = {
  createFileSystem: (watched) =>
    (watched ? rememberStamps(nodeFileSystem, WATCHED_STAMP_TRUST_MS) : { ...nodeFileSystem, forget: () => undefined }),
  findEntries: (root, cancelled) => walkWorkspaceFiles(root, SERVER_WALK_BUDGET, cancelled),
  environment: process.env,
  onlineImages: createNodeOnlineImages,
};
