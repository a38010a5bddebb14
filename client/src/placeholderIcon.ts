import * as vscode from 'vscode';
import { Utils } from 'vscode-uri';

/**
 * The quick fix "Create a placeholder icon": the extension's 128×128 placeholder PNG written next to the entry under
 * the name its image_src gives. Never over a file that is there (the editor refuses a file edit that would
 * overwrite); only a plain .png name in the entry's own folder. Through the editor's own file edits, so it works
 * in VS Code for the Web too.
 */
export async function createPlaceholderIcon(entry: vscode.Uri, name: string, placeholder: vscode.Uri): Promise<void> {
  if (!/^[^/\\]+\.png$/i.test(name) || name === '..' || name === '.') {
    void vscode.window.showErrorMessage(`Kasm: "${name}" is not a .png file name in the entry's folder; nothing was written.`);
    return;
  }
  const target = vscode.Uri.joinPath(Utils.dirname(entry), name);
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(target, { overwrite: false, ignoreIfExists: false, contents: await vscode.workspace.fs.readFile(placeholder) });
  if (!await vscode.workspace.applyEdit(edit)) {
    const there = await vscode.workspace.fs.stat(target).then(() => true, () => false);
    const reason = there ? 'a file of that name is there already' : 'the editor could not write it';
    void vscode.window.showErrorMessage(`Kasm: did not create ${name}: ${reason}. Nothing was overwritten.`);
  }
}
