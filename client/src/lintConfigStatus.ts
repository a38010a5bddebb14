/**
 * A language status item while a registry's `.kasm-lint.json` is ignored for its problems (#27.2): the entries are
 * checked with the default severities, and the item opens the file, where the problems are shown.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { LINT_CONFIG_STATUS_NOTIFICATION, LintConfigStatus } from '../../server/src/clientApi';
import { LANGUAGE_ID } from './clientOptions';

export function registerLintConfigStatus(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
  let item: vscode.LanguageStatusItem | undefined;
  context.subscriptions.push(
    { dispose: () => item?.dispose() },
    client.onNotification(LINT_CONFIG_STATUS_NOTIFICATION, ({ ignored }: LintConfigStatus) => {
      if (!ignored.length) {
        item?.dispose();
        item = undefined;
        return;
      }
      item ??= vscode.languages.createLanguageStatusItem('kasm.lintConfig', { language: LANGUAGE_ID });
      item.name = 'Kasm registry rule settings';
      item.severity = vscode.LanguageStatusSeverity.Error;
      item.text = '.kasm-lint.json ignored';
      item.detail = 'It has problems: entries are checked with the default severities';
      item.command = { title: 'Open', command: 'vscode.open', arguments: [vscode.Uri.parse(ignored[0])] };
    }),
  );
}
