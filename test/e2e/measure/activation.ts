/**
 * Loaded as extensionTestsPath for `npm run bench` (#15), in the desktop extension host and in the web worker one:
 * how long the extension takes to activate, the language server started and initialized included. The workspace
 * holds no workspace.json, so nothing activated it before; the time is printed for the harness to read.
 */
import * as vscode from 'vscode';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension('kasm-registry-tools.kasm-workspace-registry');
  if (!extension) throw new Error('the extension is not installed');
  if (extension.isActive) throw new Error('the extension was active already: the measurement would be empty');
  const start = performance.now();
  await extension.activate();
  console.log(`KASM-ACTIVATION-MS ${performance.now() - start}`);
}
