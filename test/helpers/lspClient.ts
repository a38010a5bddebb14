import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import * as path from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import {
  CancellationToken, MessageConnection, StreamMessageReader, StreamMessageWriter, createMessageConnection,
} from 'vscode-jsonrpc/node';
import {
  InitializeResult, PublishDiagnosticsParams, RegistrationParams, TextDocumentContentChangeEvent, WorkDoneProgress,
  WorkDoneProgressCreateParams,
} from 'vscode-languageserver-protocol';
import { CompletionList, Diagnostic, Hover, Position } from 'vscode-languageserver-types';
import { InitializationOptions, ServerSettings } from '../../server/src/lsp/protocol';
import { REPO_ROOT } from './core';
import { IN_PROCESS } from './cliRun';

export const SERVER_JS = path.join(REPO_ROOT, 'dist', 'server.js');

export interface TestClient {
  connection: MessageConnection;
  /** What the server answered `initialize` with: its capabilities and name. */
  initializeResult: InitializeResult;
  /** The server's process; none when it runs in the test's own (IN_PROCESS). */
  process?: ChildProcessWithoutNullStreams;
  /** Settings the fake editor answers workspace/configuration with; change them, then notify. */
  settings: ServerSettings;
  notifications: { method: string; params: unknown }[];
  open(file: string, text: string): string;
  /** Opens a document and resolves with its uri and the first diagnostics published for it. */
  openChecked(file: string, text: string): Promise<{ uri: string; diagnostics: Diagnostic[] }>;
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): void;
  close(uri: string): void;
  /** Resolves with the first diagnostics for `uri` published after now that satisfy `accept`. */
  diagnostics(uri: string, accept?: (params: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  /** What the editor shows for a file now: the last diagnostics published for it, or undefined when none were. */
  shown(uri: string): Diagnostic[] | undefined;
  complete(uri: string, position: Position, token?: CancellationToken): Promise<CompletionList>;
  hover(uri: string, position: Position): Promise<Hover | null>;
  stop(): Promise<number | null>;
  /** What the server wrote to standard error so far. */
  stderr(): string;
  /** Every publishDiagnostics the server sent so far, in order. */
  published(): PublishDiagnosticsParams[];
}

/** Starts `node dist/server.js --stdio` and speaks LSP to it as an editor would. */
export async function startTestClient(options: {
  settings?: ServerSettings; snippetSupport?: boolean; workspaceFolders?: string[]; preload?: string; nodeFlags?: readonly string[];
  /** Whether the editor offers to watch files for the server (default true, as VS Code does). */
  watchesFiles?: boolean;
  /** Whether the editor shows progress the server reports (window/workDoneProgress; default false). */
  showsProgress?: boolean;
  /** Whether the editor answers workspace/configuration (default true); if not, it pushes its settings. */
  pullsSettings?: boolean;
  /** Whether the editor applies edits that create files (workspaceEdit resourceOperations; default false). */
  createsFiles?: boolean;
  initializationOptions?: InitializationOptions;
  env?: NodeJS.ProcessEnv;
} = {}): Promise<TestClient> {
  // In the mutation run, in this process over in-memory streams (IN_PROCESS), so that mutants of server/src/lsp answer.
  const { child, connection } = IN_PROCESS ? await serverInProcess(options) : serverProcess(options);
  let stderr = '';
  child?.stderr.on('data', (chunk) => { stderr += chunk; });
  const published: PublishDiagnosticsParams[] = [];
  const listeners = new Set<() => void>();
  const client: Partial<TestClient> = { settings: options.settings ?? {}, notifications: [] };
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    published.push(params);
    for (const listener of listeners) listener();
  });
  connection.onNotification((method, params) => { client.notifications?.push({ method, params }); });
  connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => params.items.map(() => client.settings));
  connection.onRequest('client/registerCapability', (params: RegistrationParams) => {
    client.notifications?.push({ method: 'client/registerCapability', params });
    return null;
  });
  connection.onRequest('window/workDoneProgress/create', (params: WorkDoneProgressCreateParams) => {
    client.notifications?.push({ method: 'window/workDoneProgress/create', params });
    // jsonrpc hands $/progress only to a handler of its token.
    connection.onProgress(WorkDoneProgress.type, params.token, (value) => { client.notifications?.push({ method: '$/progress', params: { token: params.token, value } }); });
    return null;
  });
  connection.listen();
  const initializeResult = await connection.sendRequest<InitializeResult>('initialize', {
    // In process, no watchdog: it would poll this very process for ever.
    processId: child ? process.pid : null,
    rootUri: null,
    workspaceFolders: (options.workspaceFolders ?? []).map((folder) => ({ uri: pathToFileURL(folder).href, name: path.basename(folder) })),
    capabilities: {
      workspace: {
        configuration: options.pullsSettings ?? true, workspaceFolders: true,
        ...(options.createsFiles ? { workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } } : {}),
        didChangeWatchedFiles: { dynamicRegistration: options.watchesFiles ?? true }, didChangeConfiguration: { dynamicRegistration: true },
      },
      textDocument: { completion: { completionItem: { snippetSupport: options.snippetSupport ?? true } }, hover: { contentFormat: ['markdown'] } },
      window: { workDoneProgress: options.showsProgress ?? false },
    },
    initializationOptions: options.initializationOptions,
  });
  await connection.sendNotification('initialized', {});
  const versions = new Map<string, number>();

  return Object.assign(client, {
    connection,
    initializeResult,
    process: child,
    open(file: string, text: string) {
      const uri = pathToFileURL(file).href;
      versions.set(uri, 1);
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'json', version: 1, text } });
      return uri;
    },
    async openChecked(file: string, text: string) {
      const first = (client as TestClient).diagnostics(pathToFileURL(file).href);
      const uri = (client as TestClient).open(file, text);
      return { uri, diagnostics: await first };
    },
    change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]) {
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    },
    close(uri: string) {
      void connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    },
    shown(uri: string) {
      return published.filter((p) => p.uri === uri).at(-1)?.diagnostics;
    },
    diagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10000) {
      const start = published.length;
      return new Promise<Diagnostic[]>((resolve, reject) => {
        const check = () => {
          const found = published.slice(start).find((p) => p.uri === uri && accept(p));
          if (found) { listeners.delete(check); clearTimeout(timer); resolve(found.diagnostics); }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; got ${JSON.stringify(published.slice(start))}; server stderr: ${stderr}`));
        }, timeoutMs);
        listeners.add(check);
      });
    },
    complete: (uri: string, position: Position, token?: CancellationToken) => {
      const params = { textDocument: { uri }, position };
      return token
        ? connection.sendRequest<CompletionList>('textDocument/completion', params, token)
        : connection.sendRequest<CompletionList>('textDocument/completion', params);
    },
    hover: (uri: string, position: Position) => connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position }),
    stderr: () => stderr,
    published: () => [...published],
    async stop() {
      if (!child) {
        // `exit` would end this process: in process, a shutdown answered is the clean end, and 0 says so.
        await connection.sendRequest('shutdown');
        connection.dispose();
        return 0;
      }
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      const code = await exited;
      connection.dispose();
      return code;
    },
  }) as TestClient;
}

/** The server's own process, for what only a process shows (its memory, whether it is alive). */
export function serverProcessOf(client: TestClient): ChildProcessWithoutNullStreams {
  if (!client.process) throw new Error('this needs the server in a process of its own, not in process');
  return client.process;
}

type StartOptions = Parameters<typeof startTestClient>[0] & object;

/** `node dist/server.js --stdio`, as an editor starts it, with the test's node flags, preload and environment. */
function spawnServer(options: StartOptions = {}): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [...(options.nodeFlags ?? []), ...(options.preload ? ['-r', options.preload] : []), SERVER_JS, '--stdio'],
    { stdio: 'pipe', env: options.env ?? process.env });
}

function serverProcess(options: StartOptions): { child: ChildProcessWithoutNullStreams; connection: MessageConnection } {
  const child = spawnServer(options);
  return { child, connection: createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin)) };
}

async function serverInProcess(options: StartOptions): Promise<{ child: undefined; connection: MessageConnection }> {
  if (options.preload || options.nodeFlags || options.env) throw new Error('this test needs the server in a process of its own');
  const { input, output } = await serverStreams();
  return { child: undefined, connection: createMessageConnection(new StreamMessageReader(output), new StreamMessageWriter(input)) };
}

/**
 * A language server's standard input and output, for tests that write LSP frames themselves: `node dist/server.js
 * --stdio`, or, in the mutation run, one in this process over in-memory streams. `stop` ends the process, or stops
 * listening to the one in this process.
 */
export async function serverStreams(): Promise<{ input: Writable; output: Readable; stop(): void }> {
  if (!IN_PROCESS) {
    const server = spawnServer();
    return { input: server.stdin, output: server.stdout, stop: () => server.kill() };
  }
  const [{ createConnection, ProposedFeatures }, { startServer }, { nodeHost }] = await Promise.all([
    import('vscode-languageserver/node'), import('../../server/src/lsp/server'), import('../../server/src/node/serverHost'),
  ]);
  const input = new PassThrough();
  const output = new PassThrough();
  startServer(createConnection(ProposedFeatures.all, new StreamMessageReader(input), new StreamMessageWriter(output)), nodeHost);
  // Left idle, not ended: `exit` would end this process, and disposing the connection fails the server's own sends.
  return { input, output, stop: () => output.removeAllListeners('data') };
}

/**
 * A connection to a language server that nothing has been sent to yet, for tests of clients that initialize in their
 * own way (or not at all). Add handlers, then `listen()`; `stop` disposes it and stops the server.
 */
export async function bareConnection(): Promise<{ connection: MessageConnection; stop: () => void }> {
  const server = await serverStreams();
  const connection = createMessageConnection(new StreamMessageReader(server.output), new StreamMessageWriter(server.input));
  return { connection, stop: () => { connection.dispose(); server.stop(); } };
}

/** A diagnostic's message as text (LSP 3.18 allows Markdown; ours are plain). */
export const messageText = (diagnostic: Diagnostic | undefined): string =>
  (diagnostic === undefined ? '' : typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value);
