/**
 * Writing a new workspace entry through the editor (VS Code for the Web, where there is no disk): one workspace
 * edit that creates the entry's files, which the editor refuses as a whole when any of them exists.
 */
import * as vscode from 'vscode';
import { NewWorkspace, ScaffoldError, entryContent, friendlyNameProblem, iconFileName } from './newEntry';

export async function createWorkspaceWithEdit(entry: NewWorkspace<vscode.Uri>): Promise<vscode.Uri> {
  const problem = friendlyNameProblem(entry.friendlyName);
  if (problem) throw new ScaffoldError(problem);
  const folder = vscode.Uri.joinPath(entry.workspacesFolder, entry.friendlyName);
  const exists = await vscode.workspace.fs.stat(folder).then(() => true, () => false);
  if (exists) throw new ScaffoldError(`"${folder.path}" already exists; nothing was written. Choose another name.`);
  const extension = /\.(png|svg)$/i.exec(entry.iconSource.path)?.[1]?.toLowerCase();
  if (!extension) throw new ScaffoldError('The icon must be a .png or .svg file.');
  const iconName = iconFileName(entry.friendlyName).replace(/\.png$/, `.${extension}`);
  const content = `${JSON.stringify({ ...entryContent(entry), image_src: iconName }, null, 2)}\n`;
  const workspaceJson = vscode.Uri.joinPath(folder, 'workspace.json');
  const edit = new vscode.WorkspaceEdit();
  const create = { overwrite: false, ignoreIfExists: false };
  edit.createFile(workspaceJson, { ...create, contents: new TextEncoder().encode(content) });
  edit.createFile(vscode.Uri.joinPath(folder, iconName), { ...create, contents: await vscode.workspace.fs.readFile(entry.iconSource) });
  if (!await vscode.workspace.applyEdit(edit)) throw new ScaffoldError(`the editor did not create "${folder.path}"; nothing was overwritten.`);
  return workspaceJson;
}
