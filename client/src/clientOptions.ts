/**
 * What the extension's LSP client is, on a desktop (languageClient.ts, Node IPC) and in VS Code for the Web
 * (browserClient.ts, a web worker): which documents, the output channel, the initialization options, and how often
 * a crashed server is restarted. vscode-languageclient does the protocol.
 */
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, ErrorHandler, LanguageClientOptions } from 'vscode-languageclient';
import { SettingTraceChannel } from './traceChannel';
import { linkCodeOffline } from './ruleDocs';
import type { InitializationOptions } from '../../server/src/clientApi';

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
export function clientOptions(
  output: vscode.LogOutputChannel, traceOutputChannel: SettingTraceChannel, schemes: readonly string[],
  initialization: InitializationOptions = {},
): LanguageClientOptions {
  return {
    documentSelector: schemes.map((scheme) => ({ scheme, language: LANGUAGE_ID })),
    outputChannel: output,
    traceOutputChannel,
    // Code lenses and some quick fixes run commands of this extension (kasm.previewIcon, kasm.createPlaceholderIcon).
    // A function: read again at each (re)start, so that trust granted later reaches a restarted server.
    initializationOptions: (): InitializationOptions => ({
      extensionCommands: true, workspaceTrusted: vscode.workspace.isTrusted, ...initialization,
    }),
    errorHandler: crashRestartPolicy(output),
    // A problem's code opens the rule's page shipped in the extension, not github.com (often unreachable in Kasm images).
    middleware: { handleDiagnostics: (uri, diagnostics, next) => next(uri, diagnostics.map(linkCodeOffline)) },
  };
}
