/**
 * Commands about the language server itself, as ESLint's and YAML's extensions have them: restart it, show its
 * output, and check every entry of the workspace's registries now.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { CHECK_REGISTRY_REQUEST, RegistryCheckResult } from '../../server/src/clientApi';

const count = (n: number, one: string, many: string) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

export function registerServerCommands(context: vscode.ExtensionContext, client: BaseLanguageClient): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('kasm.restartServer', async () => {
      client.outputChannel.appendLine('Restarting the language server (Kasm: Restart Server).');
      // stop + start, which is the Node client's restart(); the web client has only these two.
      await client.stop();
      await client.start();
    }),
    vscode.commands.registerCommand('kasm.showOutput', () => client.outputChannel.show(true)),
    vscode.commands.registerCommand('kasm.checkRegistry', async (): Promise<RegistryCheckResult> => {
      const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Checking the Kasm registry' },
        () => client.sendRequest<RegistryCheckResult>(CHECK_REGISTRY_REQUEST));
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      void vscode.window.showInformationMessage(result.entries
        ? `Kasm: ${count(result.entries, 'entry', 'entries')} checked: ${count(result.errors, 'error', 'errors')}, ${count(result.warnings, 'warning', 'warnings')}.`
        : 'Kasm: no workspace.json found in the open folders.');
      return result;
    }),
  );
}
