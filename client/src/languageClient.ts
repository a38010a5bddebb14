/**
 * The extension's LSP client: vscode-languageclient starting the bundled server (dist/server.js) over Node IPC.
 * The library does the protocol; this file only says what is ours: which documents, the output channel, the
 * initialization options, and how often a crashed server is restarted.
 */
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, ErrorHandler, LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { SERVER_NODE_FLAGS } from '../../server/src/clientApi';
import { SettingTraceChannel } from './traceChannel';

export const LANGUAGE_ID = 'kasm-workspace';

/** After this many crashes within the window the server is left stopped, and the user is told. */
const MAX_CRASHES = 5;
const CRASH_WINDOW_MS = 3 * 60_000;

/**
 * Restarts a server that stops unexpectedly, unless it stopped MAX_CRASHES times within CRASH_WINDOW_MS. The
 * library's default gives up after fewer crashes and says less about why.
 */
export function crashRestartPolicy(output: vscode.LogOutputChannel, now: () => number = Date.now): ErrorHandler {
  let crashes: number[] = [];
  const minutes = CRASH_WINDOW_MS / 60_000;
  return {
    error: () => ({ action: ErrorAction.Continue, handled: true }),
    closed: () => {
      const time = now();
      crashes = [...crashes.filter((at) => time - at < CRASH_WINDOW_MS), time];
      if (crashes.length < MAX_CRASHES) {
        output.warn('The language server stopped unexpectedly; restarting it.');
        return { action: CloseAction.Restart, handled: true };
      }
      output.error(`The language server stopped ${MAX_CRASHES} times in ${minutes} minutes; it is not restarted.`);
      return {
        action: CloseAction.DoNotRestart,
        message: `The Kasm language server stopped ${MAX_CRASHES} times in ${minutes} minutes and was not restarted. Reload the window to start it again; Output → Kasm Workspaces shows why it stopped.`,
      };
    },
  };
}

/** The client options shared by the desktop and the web client. */
export function clientOptions(output: vscode.LogOutputChannel, traceOutputChannel: SettingTraceChannel): LanguageClientOptions {
  return {
    documentSelector: [{ scheme: 'file', language: LANGUAGE_ID }, { scheme: 'untitled', language: LANGUAGE_ID }],
    outputChannel: output,
    traceOutputChannel,
    // Code lenses and some quick fixes run commands of this extension (kasm.previewIcon, kasm.createPlaceholderIcon).
    initializationOptions: { extensionCommands: true },
    errorHandler: crashRestartPolicy(output),
  };
}

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
  const client = new LanguageClient('kasm', 'Kasm Workspaces', serverOptions, clientOptions(output, trace));
  context.subscriptions.push(output, trace);
  await client.start();
  return client;
}
