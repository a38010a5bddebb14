/** The extension's LSP client in VS Code for the Web: vscode-languageclient with the server in a web worker. */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import { clientOptions } from './clientOptions';
import { SettingTraceChannel } from './traceChannel';
import { answerFileRequests } from './webFileSystem';

/**
 * The worker running the bundled server. From its URL where the editor allows it (vscode.dev); code-server refuses
 * workers from a remote extension's URL, so there the bundle is read and started from a Blob.
 */
async function serverWorker(server: vscode.Uri): Promise<Worker> {
  try {
    return new Worker(server.toString(true));
  } catch {
    const bytes = await vscode.workspace.fs.readFile(server);
    return new Worker(URL.createObjectURL(new Blob([bytes], { type: 'application/javascript' })));
  }
}

export async function startBrowserLanguageClient(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const worker = await serverWorker(vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser', 'server.js'));
  const output = vscode.window.createOutputChannel('Kasm Workspaces', { log: true });
  const trace = new SettingTraceChannel(output);
  // The workspace's own schemes (vscode-vfs on github.dev, vscode-remote in code-server) and unsaved files.
  const schemes = [...new Set([...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme), 'untitled'])];
  const client = new LanguageClient('kasm', 'Kasm Workspaces', worker, clientOptions(output, trace, schemes));
  context.subscriptions.push(output, trace, ...answerFileRequests(client));
  await client.start();
  return client;
}
