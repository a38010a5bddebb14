import { Connection } from 'vscode-languageserver';
import { ServerHost } from '../lsp/host';
import {
  FIND_ENTRIES_REQUEST, FS_LIST_FILES_REQUEST, FS_READ_FILE_REQUEST, FS_STAT_REQUEST, FileStatResult, UriParams,
} from '../lsp/protocol';
import { AsyncFileSystem, CachedFileSystem } from '../service/cachedFileSystem';
import { filePathOf, fileUri } from '../service/document';

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * The language server in a web worker (VS Code for the Web): files are the editor's, asked through the connection
 * and answered with vscode.workspace.fs; entries are found with vscode.workspace.findFiles.
 */
export function webHost(connection: Connection, onLateAnswer: (path: string) => void): ServerHost {
  const ask = <T>(method: string, path: string) => connection.sendRequest<T>(method, { uri: fileUri(path) } satisfies UriParams);
  const files: AsyncFileSystem = {
    stat: async (path) => (await ask<FileStatResult>(FS_STAT_REQUEST, path)) ?? undefined,
    readFile: async (path) => {
      const content = await ask<string | null>(FS_READ_FILE_REQUEST, path);
      return typeof content === 'string' ? fromBase64(content) : undefined;
    },
    listFiles: async (folder) => {
      const names = await ask<unknown>(FS_LIST_FILES_REQUEST, folder);
      return Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [];
    },
  };
  let current: CachedFileSystem | undefined;
  return {
    createFileSystem: () => (current = new CachedFileSystem(files, onLateAnswer)),
    findEntries: async (root) => {
      const uris = await ask<unknown>(FIND_ENTRIES_REQUEST, root);
      const found = Array.isArray(uris) ? uris.flatMap((uri) => (typeof uri === 'string' ? filePathOf(uri) ?? [] : [])) : [];
      return { files: found.sort(), complete: true };
    },
    environment: {},
    filesByUriPath: true,
    settle: (compute) => (current ? current.settle(compute) : Promise.resolve(compute())),
  };
}
