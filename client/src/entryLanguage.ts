/**
 * Which open workspace.json files are Kasm entries (#18.3). VS Code gives every file of that name our language;
 * one that another tool wrote (Nx, Angular) is switched to JSON when it opens, and the server is told about every
 * workspace.json open in another language, so that the registry checks leave it alone while it is.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { Utils } from 'vscode-uri';
import { OTHER_LANGUAGE_NOTIFICATION, OtherLanguageParams, isKasmEntry } from '../../server/src/clientApi';
import { LANGUAGE_ID } from './clientOptions';

const isWorkspaceJson = (document: vscode.TextDocument) =>
  document.uri.scheme !== 'untitled' && Utils.basename(document.uri) === 'workspace.json';

export function registerEntryLanguage(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
  const tell = (document: vscode.TextDocument, open: boolean) =>
    void client.sendNotification(OTHER_LANGUAGE_NOTIFICATION, { uri: document.uri.toString(), open } satisfies OtherLanguageParams);
  const opened = (document: vscode.TextDocument) => {
    if (!isWorkspaceJson(document)) return;
    if (document.languageId !== LANGUAGE_ID) tell(document, true);
    else if (!isKasmEntry(document.uri.path, document.getText())) void vscode.languages.setTextDocumentLanguage(document, 'json');
  };
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(opened),
    vscode.workspace.onDidCloseTextDocument((document) => {
      if (isWorkspaceJson(document) && document.languageId !== LANGUAGE_ID) tell(document, false);
    }),
  );
  vscode.workspace.textDocuments.forEach(opened);
}
