import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/**
 * The quick fix "Create a placeholder icon": the extension's 128×128 placeholder PNG written next to the entry under
 * the name its image_src gives. Never over a file that is there; only a plain name in the entry's own folder.
 */
export async function createPlaceholderIcon(entry: vscode.Uri, name: string, placeholder: string): Promise<void> {
  const folder = path.dirname(entry.fsPath);
  const target = path.join(folder, name);
  if (entry.scheme !== 'file' || path.dirname(target) !== folder || !/\.png$/i.test(name)) {
    void vscode.window.showErrorMessage(`Kasm: "${name}" is not a .png file name in the entry's folder; nothing was written.`);
    return;
  }
  try {
    // "wx": fails if anything is there, even a file that appeared after the problem was reported.
    await fs.promises.writeFile(target, await fs.promises.readFile(placeholder), { flag: 'wx' });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'EEXIST' ? 'a file of that name is there already' : (error as Error).message;
    void vscode.window.showErrorMessage(`Kasm: did not create ${name}: ${reason}. Nothing was overwritten.`);
  }
}
