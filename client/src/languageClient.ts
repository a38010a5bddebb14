/**
 * The extension's LSP client: starts the bundled server (dist/server.js) over Node IPC, keeps it told of open
 * documents, shows its diagnostics and serves VS Code's providers from it, and restarts it after a crash.
 * Hand-written rather than vscode-languageclient, which alone is 2.4 × the extension's whole size budget
 * (docs/benchmarks.md); it speaks only what the Kasm server uses.
 */
import { ChildProcess, fork } from 'node:child_process';
import * as vscode from 'vscode';
import type * as lsp from 'vscode-languageserver-protocol';
import { SERVER_NODE_FLAGS } from '../../server/src/lsp/protocol';
import { toDiagnostic } from './lsp/convert';
import { DocumentSync } from './lsp/documentSync';
import { CLIENT_CAPABILITIES, ServerRequest, registerProviders } from './lsp/providers';
import { Notify, RpcConnection, RpcError, RpcErrorCodes, RpcMessage } from './lsp/rpc';
import { WorkspaceRegistrations, configuration } from './lsp/workspace';

export const LANGUAGE_ID = 'kasm-workspace';

const SELECTOR: vscode.DocumentSelector = [{ scheme: 'file', language: LANGUAGE_ID }, { scheme: 'untitled', language: LANGUAGE_ID }];

/** After this many crashes within the window the server is left stopped, and the user is told. */
const MAX_CRASHES = 5;
const CRASH_WINDOW_MS = 3 * 60_000;
/** How long a stopping server gets to answer `shutdown`, and then to exit, before it is killed. */
const STOP_GRACE_MS = 2000;

type TraceLevel = 'off' | 'messages' | 'verbose';

export class KasmLanguageClient {
  private readonly output = vscode.window.createOutputChannel('Kasm Workspaces');
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('kasm');
  private readonly documents = new DocumentSync(SELECTOR);
  private readonly notificationHandlers = new Map<string, (params: unknown) => void>();
  private providers: vscode.Disposable[] = [];
  private server: { child: ChildProcess; connection: RpcConnection; registrations: WorkspaceRegistrations } | undefined;
  /** The server once it has answered `initialize`; undefined while it cannot be reached. */
  private ready: Promise<RpcConnection | undefined> = Promise.resolve(undefined);
  private crashes: number[] = [];
  private stopping = false;
  private traceLevel: TraceLevel = 'off';
  private readonly traceSetting = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('kasm.trace.server')) this.readTraceLevel();
  });

  constructor(private readonly serverModule: string, private readonly execArgv: readonly string[]) {
    this.readTraceLevel();
  }

  /** Resolves once the server has answered `initialize` (or failed to; the output channel says why). */
  start(): Promise<void> {
    this.ready = this.launch();
    return this.ready.then(() => undefined);
  }

  /** Calls `handler` for each of the server's `method` notifications, across restarts. */
  onNotification<P>(method: string, handler: (params: P) => void): vscode.Disposable {
    this.notificationHandlers.set(method, handler as (params: unknown) => void);
    return new vscode.Disposable(() => this.notificationHandlers.delete(method));
  }

  /** Asks the server to shut down and exit; kills it if it does not. */
  async stop(): Promise<void> {
    this.stopping = true;
    const server = this.server;
    if (server && server.child.exitCode === null && server.child.signalCode === null) {
      const exited = new Promise<void>((resolve) => server.child.once('exit', () => resolve()));
      const grace = () => new Promise<void>((resolve) => setTimeout(resolve, STOP_GRACE_MS));
      await Promise.race([server.connection.sendRequest('shutdown', null).catch(() => undefined), grace()]);
      server.connection.sendNotification('exit', null);
      await Promise.race([exited, grace()]);
      server.child.kill();
    }
    this.release();
  }

  /** Everything the client holds in VS Code, once the server is gone. */
  private release(): void {
    for (const provider of this.providers) provider.dispose();
    this.server?.registrations.dispose();
    this.documents.dispose();
    this.diagnostics.dispose();
    this.traceSetting.dispose();
    this.output.dispose();
  }

  /** The providers' way to the server: cancelled, failed or unanswerable requests resolve undefined. */
  private readonly request: ServerRequest = async <R>(method: string, params: unknown, token: vscode.CancellationToken) => {
    const connection = await this.ready;
    if (!connection) return undefined;
    try {
      return await connection.sendRequest<R>(method, params, token);
    } catch (error) {
      const expected = error instanceof RpcError && (error.code === RpcErrorCodes.RequestCancelled || error.code === RpcErrorCodes.ContentModified);
      if (!expected && !token.isCancellationRequested) this.log(`Request ${method} failed: ${(error as Error).message}`);
      return undefined;
    }
  };

  private async launch(): Promise<RpcConnection | undefined> {
    const child = fork(this.serverModule, ['--node-ipc', `--clientProcessId=${process.pid}`], { execArgv: [...this.execArgv], silent: true });
    child.stdout?.on('data', (chunk: Buffer) => this.output.append(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => this.output.append(chunk.toString()));
    child.on('error', (error) => this.log(`The language server could not run: ${error.message}`));
    const connection = new RpcConnection(child, (direction, message) => this.trace(direction, message));
    const notify: Notify = (method, params) => connection.sendNotification(method, params);
    const registrations = new WorkspaceRegistrations(notify);
    this.server = { child, connection, registrations };
    child.on('exit', (code, signal) => this.exited(child, code, signal));

    connection.onRequest('workspace/configuration', configuration);
    connection.onRequest('client/registerCapability', (params: lsp.RegistrationParams) => registrations.register(params));
    connection.onRequest('client/unregisterCapability', (params: lsp.UnregistrationParams) => registrations.unregister(params));
    connection.onNotification('textDocument/publishDiagnostics', ({ uri, diagnostics }: lsp.PublishDiagnosticsParams) =>
      this.diagnostics.set(vscode.Uri.parse(uri), diagnostics.map(toDiagnostic)));
    connection.onNotification('window/logMessage', ({ message }: lsp.LogMessageParams) => this.output.appendLine(message));
    connection.onNotification('window/showMessage', ({ type, message }: lsp.ShowMessageParams) => {
      if (type === 1) void vscode.window.showErrorMessage(message);
      else if (type === 2) void vscode.window.showWarningMessage(message);
      else void vscode.window.showInformationMessage(message);
    });
    connection.onOtherNotification((method, params) => this.notificationHandlers.get(method)?.(params));

    const folders = vscode.workspace.workspaceFolders ?? [];
    const initializeParams: lsp.InitializeParams = {
      processId: process.pid,
      clientInfo: { name: vscode.env.appName, version: vscode.version },
      locale: vscode.env.language,
      rootUri: folders[0]?.uri.toString() ?? null,
      workspaceFolders: folders.map((folder) => ({ uri: folder.uri.toString(), name: folder.name })),
      capabilities: CLIENT_CAPABILITIES,
      // This client can run the commands of the server's code lenses (kasm.previewIcon, source actions).
      initializationOptions: { codeLenses: true },
    };
    try {
      const { capabilities } = await connection.sendRequest<lsp.InitializeResult>('initialize', initializeParams);
      connection.sendNotification('initialized', {});
      if (capabilities.workspace?.workspaceFolders?.changeNotifications) registrations.followWorkspaceFolders();
      // Registered once: later servers are the same program, and the providers always ask the current one.
      if (this.providers.length === 0) this.providers = registerProviders(SELECTOR, capabilities, this.request);
      this.documents.connect(notify);
      return connection;
    } catch (error) {
      this.log(`The language server did not start: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** A server that exits while the extension runs crashed: restart it, unless it keeps crashing. */
  private exited(child: ChildProcess, code: number | null, signal: NodeJS.Signals | null): void {
    if (this.server?.child !== child) return;
    this.server.registrations.dispose();
    this.server = undefined;
    this.documents.disconnect();
    if (this.stopping) return;
    this.diagnostics.clear();
    const now = Date.now();
    this.crashes = [...this.crashes.filter((time) => now - time < CRASH_WINDOW_MS), now];
    const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
    if (this.crashes.length < MAX_CRASHES) {
      this.log(`The language server ${how}; restarting it.`);
      this.ready = this.launch();
    } else {
      this.ready = Promise.resolve(undefined);
      this.log(`The language server ${how}, ${MAX_CRASHES} times in ${CRASH_WINDOW_MS / 60_000} minutes; it is not restarted.`);
      void vscode.window.showErrorMessage(`The Kasm language server stopped ${MAX_CRASHES} times in ${CRASH_WINDOW_MS / 60_000} minutes and was not restarted. Reload the window to start it again; Output → Kasm Workspaces shows why it stopped.`);
    }
  }

  private readTraceLevel(): void {
    this.traceLevel = vscode.workspace.getConfiguration('kasm').get<TraceLevel>('trace.server', 'off');
  }

  /** With kasm.trace.server on, each message in the output channel; its content too when verbose. */
  private trace(direction: 'send' | 'receive', message: RpcMessage): void {
    if (this.traceLevel === 'off') return;
    const kind = message.method === undefined ? 'response' : message.id === undefined ? 'notification' : 'request';
    const name = message.method === undefined ? `(${message.id})` : message.id === undefined ? message.method : `${message.method} (${message.id})`;
    const content = message.method === undefined ? message.error ?? message.result : message.params;
    const detail = this.traceLevel === 'verbose' && content !== undefined ? `\n${JSON.stringify(content, undefined, 2)}` : '';
    this.output.appendLine(`[Trace - ${new Date().toLocaleTimeString()}] ${direction === 'send' ? 'Sending' : 'Received'} ${kind} '${name}'.${detail}`);
  }

  private log(message: string): void {
    this.output.appendLine(`[${new Date().toLocaleTimeString()}] ${message}`);
  }
}

/** Starts the bundled language server for every kasm-workspace document. */
export async function startLanguageClient(context: vscode.ExtensionContext): Promise<KasmLanguageClient> {
  // When the extension host is being debugged, so is the server (attach to port 6009).
  const debugging = process.execArgv.some((arg) => /^--(inspect|debug)(-brk)?(=|$)/.test(arg));
  const client = new KasmLanguageClient(context.asAbsolutePath('dist/server.js'), [...SERVER_NODE_FLAGS, ...(debugging ? ['--nolazy', '--inspect=6009'] : [])]);
  await client.start();
  return client;
}
