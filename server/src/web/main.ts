/**
 * The language server in a web worker, for VS Code for the Web (vscode.dev, github.dev, code-server's web-worker
 * extension host): the same server as on a desktop, over the worker's messages, with the editor's files.
 */
import { BrowserMessageReader, BrowserMessageWriter, ProposedFeatures, createConnection } from 'vscode-languageserver/browser';
import { RunningServer, startServer } from '../lsp/server';
import { webHost } from './serverHost';

/** Late answers about files, gathered for a moment: one recheck for a folder's worth of them. */
const LATE_ANSWER_BATCH_MS = 50;

const worker = globalThis as unknown as Worker;
const connection = createConnection(ProposedFeatures.all, new BrowserMessageReader(worker), new BrowserMessageWriter(worker));
const late = new Set<string>();
let flush: ReturnType<typeof setTimeout> | undefined;
const host = webHost(connection, (path) => {
  late.add(path);
  flush ??= setTimeout(() => {
    flush = undefined;
    const files = [...late];
    late.clear();
    server.filesChanged(files);
  }, LATE_ANSWER_BATCH_MS);
});
// Late answers come only once the server runs and asks.
const server: RunningServer = startServer(connection, host);
