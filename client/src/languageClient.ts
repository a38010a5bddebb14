/** The extension's LSP client on a desktop: vscode-languageclient starting the bundled server (dist/server.js) over Node IPC. */
import * as vscode from 'vscode';
import { LanguageClient, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { SERVER_NODE_FLAGS } from '../../server/src/clientApi';
import { clientOptions } from './clientOptions';
import { SettingTraceChannel } from './traceChannel';

/** Starts the bundled language server for every kasm-workspace document. */
export async function startLanguageClient(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    // When the extension host is being debugged, so is the server (attach to port 6009).
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'] } },
  };
  const output = vscode.window.createOutputChannel('Kasm Workspaces', { log: true });
  // The id makes `kasm.trace.server` the trace setting.
  const trace = new SettingTraceChannel(output);
  // Registry answers about images are kept between sessions; VS Code's proxy is the server's too (#17).
  const proxy = vscode.workspace.getConfiguration('http').get<string>('proxy') || undefined;
  const client = new LanguageClient('kasm', 'Kasm Workspaces', serverOptions,
    clientOptions(output, trace, ['file', 'untitled'], { imageCacheFolder: context.globalStorageUri.fsPath, proxy }));
  context.subscriptions.push(output, trace);
  await client.start();
  return client;
}
