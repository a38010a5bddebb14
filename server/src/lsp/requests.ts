/**
 * The editor's requests (completion, hover, code actions, …): each answered by the pure service once the messages
 * queued behind it are handled, for the document version it was asked for.
 */
import {
  CancellationToken, CodeActionTriggerKind, Connection, ErrorCodes, LSPErrorCodes, RAL, ResponseError, TextDocuments,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { KasmLanguageService } from '../service/languageService';
import { DEFAULT_SETTINGS, DocumentSettings } from '../service/settings';
import { SCHEMA_VERSION_REQUEST, SchemaVersionParams, SchemaVersionResult } from './protocol';

export interface RequestContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  /** The service as configured by `initialize` (it replaces the first one). */
  service: () => KasmLanguageService;
  settings: (uri: string) => Promise<DocumentSettings>;
  initialized: () => boolean;
  /** Runs `compute`, logging a failure and answering `fallback` instead. */
  safely: <T>(compute: () => T, fallback: T) => T;
  /** Runs `compute` until every file it reads is known (the web's files answer later). */
  settle: <T>(compute: () => T) => Promise<T>;
}

export function registerRequests(context: RequestContext): void {
  const { connection, documents } = context;
  const service = () => context.service();
  /**
   * Runs a request once the messages queued behind it are handled, so that a $/cancelRequest sent right
   * after it is seen (the connection handles one queued message per turn, hence two turns). Unknown
   * documents get the fallback answer, failures are logged and answered with it too.
   */
  function runRequest<T>(
    uri: string, token: CancellationToken, fallback: T, compute: (document: TextDocument, settings: DocumentSettings) => T,
  ): Promise<T | ResponseError<void>> {
    // The version the request was made for: an answer for a later text would land at the wrong positions.
    const asked = documents.get(uri)?.version;
    const modified = () => new ResponseError(LSPErrorCodes.ContentModified, 'The document changed');
    return new Promise((resolve) => {
      const answer = async () => {
        if (!context.initialized()) return resolve(new ResponseError(ErrorCodes.ServerNotInitialized, 'The server has not been initialized'));
        if (token.isCancellationRequested) return resolve(new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled'));
        const document = documents.get(uri);
        if (!document) return resolve(fallback);
        if (document.version !== asked) return resolve(modified());
        const settings = await context.settings(uri).catch(() => DEFAULT_SETTINGS);
        if (token.isCancellationRequested) return resolve(new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled'));
        if (document.version !== asked) return resolve(modified());
        const answered = await context.settle(() => context.safely(() => compute(document, settings), fallback));
        resolve(document.version === asked ? answered : modified());
      };
      const { timer } = RAL();
      timer.setImmediate(() => timer.setImmediate(() => void answer()));
    });
  }


  connection.onCompletion((params, token) =>
    runRequest(params.textDocument.uri, token, { isIncomplete: false, items: [] },
      (document, settings) => service().complete(document, params.position, settings)));
  connection.onHover((params, token) =>
    runRequest(params.textDocument.uri, token, null, (document, settings) => service().hover(document, params.position, settings)));
  connection.onCodeAction((params, token) =>
    runRequest(params.textDocument.uri, token, [], (document, settings) => service().codeActions(document, params.range, {
      only: params.context.only, diagnostics: params.context.diagnostics,
      invoked: params.context.triggerKind === CodeActionTriggerKind.Invoked,
    }, settings)));
  connection.onDocumentLinks((params, token) =>
    runRequest(params.textDocument.uri, token, [], (document) => service().documentLinks(document)));
  connection.languages.inlayHint.on((params, token) =>
    runRequest(params.textDocument.uri, token, [], (document) => service().inlayHints(document, params.range)));
  connection.onCodeLens((params, token) =>
    runRequest(params.textDocument.uri, token, [], (document, settings) => service().codeLenses(document, settings)));
  connection.onDocumentFormatting((params, token) =>
    runRequest(params.textDocument.uri, token, [], (document) => service().format(document, params.options)));
  connection.onDocumentSymbol((params, token) =>
    runRequest(params.textDocument.uri, token, [], (document) => service().documentSymbols(document)));
  connection.onFoldingRanges((params, token) =>
    runRequest(params.textDocument.uri, token, [], (document) => service().foldingRanges(document)));
  connection.onSelectionRanges((params, token) =>
    runRequest(params.textDocument.uri, token, [], (document) => service().selectionRanges(document, params.positions)));
  connection.onRequest(SCHEMA_VERSION_REQUEST, (params: SchemaVersionParams, token: CancellationToken) =>
    runRequest<SchemaVersionResult>(params.uri, token, null, (document, settings) => service().schemaVersion(document, settings)));

}
