/** Tells the server which documents are open and how they change (incremental sync), across server restarts. */
import * as vscode from 'vscode';
import type * as lsp from 'vscode-languageserver-protocol';
import { fromRange } from './convert';
import type { Notify } from './rpc';

export class DocumentSync implements vscode.Disposable {
  /** Documents the current server was told are open. */
  private readonly opened = new Set<string>();
  private notify: Notify | undefined;
  private readonly subscriptions = [
    vscode.workspace.onDidOpenTextDocument((document) => this.open(document)),
    vscode.workspace.onDidChangeTextDocument((event) => this.change(event)),
    vscode.workspace.onDidCloseTextDocument((document) => this.close(document)),
  ];

  constructor(private readonly selector: vscode.DocumentSelector) {}

  /** Starts syncing with a server that knows no document yet: it is told of each matching one open now. */
  connect(notify: Notify): void {
    this.opened.clear();
    this.notify = notify;
    for (const document of vscode.workspace.textDocuments) this.open(document);
  }

  /** The server is gone; a new one starts from nothing. */
  disconnect(): void {
    this.notify = undefined;
    this.opened.clear();
  }

  dispose(): void {
    this.disconnect();
    for (const subscription of this.subscriptions) subscription.dispose();
  }

  private open(document: vscode.TextDocument): void {
    const uri = document.uri.toString();
    if (!this.notify || this.opened.has(uri) || vscode.languages.match(this.selector, document) === 0) return;
    this.opened.add(uri);
    const textDocument: lsp.TextDocumentItem = { uri, languageId: document.languageId, version: document.version, text: document.getText() };
    this.notify('textDocument/didOpen', { textDocument });
  }

  private change({ document, contentChanges }: vscode.TextDocumentChangeEvent): void {
    const uri = document.uri.toString();
    if (!this.notify || !this.opened.has(uri) || contentChanges.length === 0) return;
    const params: lsp.DidChangeTextDocumentParams = {
      textDocument: { uri, version: document.version },
      contentChanges: contentChanges.map((change) => ({ range: fromRange(change.range), rangeLength: change.rangeLength, text: change.text })),
    };
    this.notify('textDocument/didChange', params);
  }

  private close(document: vscode.TextDocument): void {
    const uri = document.uri.toString();
    if (!this.notify || !this.opened.delete(uri)) return;
    this.notify('textDocument/didClose', { textDocument: { uri } });
  }
}
