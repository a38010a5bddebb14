import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { SERVER_NODE_FLAGS } from '../../server/src/lsp/protocol';

export const LANGUAGE_ID = 'kasm-workspace';

/** Starts the bundled language server (dist/server.js) over IPC for every kasm-workspace document. */
export async function startLanguageClient(context: vscode.ExtensionContext): Promise<LanguageClient> {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: LANGUAGE_ID }, { scheme: 'untitled', language: LANGUAGE_ID }],
    outputChannelName: 'Kasm Workspaces',
    // This client can run the commands of the server's code lenses (kasm.previewIcon, source actions).
    initializationOptions: { codeLenses: true },
  };
  // The id "kasm" makes the client read the kasm.trace.server setting.
  const client = new LanguageClient('kasm', 'Kasm Workspaces', serverOptions, clientOptions);
  await client.start();
  return client;
}
