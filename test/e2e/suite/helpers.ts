// Shared by the in-host suites: the workspace under test, waiting, and what the extension host can observe.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
export { EXTENSION_ID, codeOf, entry, folder, kasmDiagnostics, waitFor } from './workbench';
import { folder, waitFor } from './workbench';

/** The language server processes this extension host started (their pids), found through /proc. */
export function serverPids(): number[] {
  return fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name)).filter((pid) => {
    try {
      const parent = /^PPid:\s+(\d+)$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      return Number(parent) === process.pid && fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('dist/server.js');
    } catch {
      return false; // the process ended while it was read
    }
  }).map(Number);
}

/** What the extension wrote to its output channel (Output → Kasm Workspaces), as VS Code logs it. */
export function outputChannel(): string {
  const logs = process.env.KASM_E2E_LOGS ?? '';
  return fs.readdirSync(logs, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('Kasm Workspaces.log'))
    .map((file) => fs.readFileSync(path.join(logs, file), 'utf8')).join('\n');
}

/**
 * Runs `body` with a workspace setting changed (for one language, when `languageId` is given), then puts it back,
 * whatever `body` did.
 */
export async function withSetting<T>(
  setting: { section: string; key: string; value: unknown; languageId?: string }, body: () => Promise<T>,
): Promise<T> {
  const { section, key, value, languageId } = setting;
  const configuration = vscode.workspace.getConfiguration(section, languageId ? { languageId } : undefined);
  const inLanguage = languageId !== undefined;
  await configuration.update(key, value, vscode.ConfigurationTarget.Workspace, inLanguage);
  try {
    return await body();
  } finally {
    await configuration.update(key, undefined, vscode.ConfigurationTarget.Workspace, inLanguage);
  }
}

/** A workspace.json in a folder of its own outside the registry, which the other tests read as it is. */
export function outsideEntry(name: string): vscode.Uri {
  const file = path.join(path.dirname(folder().fsPath), 'outside', name, 'workspace.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return vscode.Uri.file(file);
}

/**
 * Waits for `probe` about a file just written in a new folder. VS Code's file watcher can miss a file created
 * together with its folder; touching the file again while waiting gives it a change to report once it watches.
 */
export async function seenOnDisk<T>(file: vscode.Uri, what: string, probe: () => T | undefined | false): Promise<T> {
  let touched = Date.now();
  return waitFor(what, () => {
    const value = probe();
    if (!value && Date.now() - touched > 1000) {
      fs.utimesSync(file.fsPath, new Date(), new Date());
      touched = Date.now();
    }
    return value;
  });
}

export async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document);
}
