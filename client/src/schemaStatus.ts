import * as vscode from 'vscode';
import { SCHEMA_VERSION_NOTIFICATION, SchemaDetection, SchemaVersionChange } from '../../server/src/clientApi';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { LANGUAGE_ID } from './clientOptions';

/** A language status item that shows which registry schema (1.0/1.1) applies to the active workspace.json. */
export function registerSchemaStatus(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
  const item = vscode.languages.createLanguageStatusItem('kasm.registrySchema', { language: LANGUAGE_ID });
  item.name = 'Kasm registry schema';
  item.command = { title: 'Change', command: 'workbench.action.openSettings', arguments: ['kasm.registrySchema'] };
  const known = new Map<string, SchemaDetection>();
  const show = () => {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const detection = uri ? known.get(uri) : undefined;
    item.text = detection ? `Kasm registry schema ${detection.version}` : 'Kasm registry schema';
    item.detail = detection ? `${detection.reason}; Kasm ${detection.version === '1.0' ? '1.13–1.15' : '1.16 and newer'}` : undefined;
  };
  context.subscriptions.push(
    item,
    client.onNotification(SCHEMA_VERSION_NOTIFICATION, ({ uri, ...detection }: SchemaVersionChange) => {
      known.set(uri, detection);
      show();
    }),
    vscode.window.onDidChangeActiveTextEditor(show),
    vscode.workspace.onDidCloseTextDocument((document) => known.delete(document.uri.toString())),
  );
  show();
}
