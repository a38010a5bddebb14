import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  FIND_ENTRIES_REQUEST, FS_LIST_FILES_REQUEST, FS_READ_FILE_REQUEST, FS_STAT_REQUEST, FileStatResult, UriParams,
} from '../../server/src/clientApi';

/** Bytes as base64, a slice at a time (String.fromCharCode takes a bounded number of arguments). */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

const uriOf = (params: UriParams) => vscode.Uri.parse(String(params?.uri));

/**
 * The language server's file questions in VS Code for the Web, answered with the editor's file system (as VS Code's
 * CSS and HTML servers have theirs answered): a web worker has no disk of its own.
 */
export function answerFileRequests(client: BaseLanguageClient): vscode.Disposable[] {
  return [
    client.onRequest(FS_STAT_REQUEST, async (params: UriParams): Promise<FileStatResult> => {
      const stat = await vscode.workspace.fs.stat(uriOf(params)).then((s) => s, () => undefined);
      if (!stat) return null;
      const type = stat.type & vscode.FileType.File ? 'file' : stat.type & vscode.FileType.Directory ? 'directory' : 'other';
      return { type, mtime: stat.mtime, size: stat.size };
    }),
    client.onRequest(FS_READ_FILE_REQUEST, async (params: UriParams): Promise<string | null> =>
      vscode.workspace.fs.readFile(uriOf(params)).then(toBase64, () => null)),
    client.onRequest(FS_LIST_FILES_REQUEST, async (params: UriParams): Promise<string[]> => {
      const entries = await vscode.workspace.fs.readDirectory(uriOf(params)).then((e) => e, () => []);
      return entries.filter(([, type]) => type & vscode.FileType.File).map(([name]) => name);
    }),
    client.onRequest(FIND_ENTRIES_REQUEST, async (params: UriParams): Promise<string[]> => {
      const found = await vscode.workspace.findFiles(new vscode.RelativePattern(uriOf(params), '**/workspace.json'), '**/{node_modules,.git}/**');
      return found.map((uri) => uri.toString());
    }),
  ];
}
