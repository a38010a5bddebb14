/**
 * VS Code's Restricted Mode (#27.10): the server then contacts no registry and lets a registry's .kasm-lint.json
 * only raise severities; the workspace's kasm.rules, kasm.categories and kasm.versions are not read (package.json's
 * restrictedConfigurations). A language status item says so; trust granted later restarts the server with it.
 */
import * as vscode from 'vscode';
import { LANGUAGE_ID } from './clientOptions';

export function registerTrustStatus(context: vscode.ExtensionContext): void {
  if (vscode.workspace.isTrusted) return;
  const item = vscode.languages.createLanguageStatusItem('kasm.restrictedMode', { language: LANGUAGE_ID });
  item.name = 'Kasm in Restricted Mode';
  item.text = 'Kasm: Restricted Mode';
  item.detail = 'No registry is contacted; the workspace\'s .kasm-lint.json and kasm.* settings cannot lower a rule';
  item.severity = vscode.LanguageStatusSeverity.Warning;
  item.command = { title: 'Manage Workspace Trust', command: 'workbench.trust.manage' };
  context.subscriptions.push(item, vscode.workspace.onDidGrantWorkspaceTrust(() => {
    item.dispose();
    void vscode.commands.executeCommand('kasm.restartServer');
  }));
}
