/**
 * Document sync notifications checked at the edge: a client that sends `didOpen` with a number for a URI, or a
 * change without its text, gets the message dropped (and logged) instead of ending the server (#19.4).
 */
import {
  Connection, DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams, NotificationHandler, TextDocuments,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';

/** What TextDocuments listens to (the library does not export the type by name). */
type TextDocumentConnection = Parameters<TextDocuments<TextDocument>['listen']>[0];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const hasUri = (document: unknown): boolean => isObject(document) && typeof document.uri === 'string';

function opened(params: unknown): boolean {
  const document = isObject(params) ? params.textDocument : undefined;
  return hasUri(document) && isObject(document) && typeof document.text === 'string' && typeof document.version === 'number';
}

function changed(params: unknown): boolean {
  const document = isObject(params) ? params.textDocument : undefined;
  return hasUri(document) && isObject(document) && typeof document.version === 'number' && isObject(params) && Array.isArray(params.contentChanges)
    && params.contentChanges.every((change) => isObject(change) && typeof change.text === 'string');
}

const closed = (params: unknown): boolean => isObject(params) && hasUri(params.textDocument);

/** The connection's document notifications, each passed on only when well-formed. */
export function checkedSync(connection: Connection): TextDocumentConnection {
  const guard = <P>(
    method: string, valid: (params: unknown) => boolean, handler: NotificationHandler<P>,
  ): NotificationHandler<P> => (params) => {
    if (valid(params)) return handler(params);
    connection.console.error(`kasm: ignored a malformed ${method} notification`);
  };
  return {
    onDidOpenTextDocument: (handler) => connection.onDidOpenTextDocument(guard<DidOpenTextDocumentParams>('textDocument/didOpen', opened, handler)),
    onDidChangeTextDocument: (handler) => connection.onDidChangeTextDocument(guard<DidChangeTextDocumentParams>('textDocument/didChange', changed, handler)),
    onDidCloseTextDocument: (handler) => connection.onDidCloseTextDocument(guard<DidCloseTextDocumentParams>('textDocument/didClose', closed, handler)),
    onWillSaveTextDocument: (handler) => connection.onWillSaveTextDocument(handler),
    onWillSaveTextDocumentWaitUntil: (handler) => connection.onWillSaveTextDocumentWaitUntil(handler),
    onDidSaveTextDocument: (handler) => connection.onDidSaveTextDocument(handler),
  };
}
