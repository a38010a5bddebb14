/**
 * Writing a new workspace entry on a desktop's disk: a write that never overwrites and never leaves a half-written
 * entry. No VS Code API here, so it is tested in plain Node.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isWithin } from '../../server/src/clientApi';
import { NewWorkspace, ScaffoldError, entryContent, friendlyNameProblem, iconFileName } from './newEntry';

/** A `workspaces` folder that is a link leading out of the folder that holds it would have us write elsewhere. */
function refuseLinkLeadingOut(folder: string): void {
  const real = fs.realpathSync(folder);
  if (!isWithin(fs.realpathSync(path.dirname(folder)), real)) {
    throw new ScaffoldError(`"${folder}" is a link leading outside its registry (to "${real}"); nothing was written.`);
  }
}

/**
 * Writes `<workspacesFolder>/<friendly name>/workspace.json` and its icon. Refuses a folder that exists.
 * Everything is written into a hidden sibling folder first and renamed into place in one step, so a
 * crash leaves no half-written entry. Returns the path of the new workspace.json.
 */
export function createWorkspace(entry: NewWorkspace): string {
  const problem = friendlyNameProblem(entry.friendlyName);
  if (problem) throw new ScaffoldError(problem);
  const target = path.join(entry.workspacesFolder, entry.friendlyName);
  if (path.dirname(target) !== path.resolve(entry.workspacesFolder)) throw new ScaffoldError('The name must be a single folder name.');
  if (fs.existsSync(target)) throw new ScaffoldError(`"${target}" already exists; nothing was written. Choose another name.`);
  const icon = iconFileName(entry.friendlyName);
  if (!['.png', '.svg'].includes(path.extname(entry.iconSource).toLowerCase())) throw new ScaffoldError('The icon must be a .png or .svg file.');
  const iconBytes = fs.readFileSync(entry.iconSource);
  const iconName = path.extname(entry.iconSource).toLowerCase() === '.svg' ? icon.replace(/\.png$/, '.svg') : icon;
  const content = { ...entryContent(entry), image_src: iconName };

  fs.mkdirSync(entry.workspacesFolder, { recursive: true });
  refuseLinkLeadingOut(entry.workspacesFolder);
  // Written in a hidden staging folder first, so that a failure leaves no half-written entry.
  const staging = fs.mkdtempSync(path.join(entry.workspacesFolder, '.kasm-new-'));
  const files: [string, string | Buffer][] = [['workspace.json', `${JSON.stringify(content, null, 2)}\n`], [iconName, iconBytes]];
  let created = false;
  try {
    for (const [name, data] of files) fs.writeFileSync(path.join(staging, name), data, { flag: 'wx' });
    // mkdir fails on anything already there, even an empty folder that appeared meanwhile (a rename would replace
    // it), and gives the entry folder the mode every new folder gets (the umask's), not mkdtemp's 0700.
    try {
      fs.mkdirSync(target);
    } catch {
      throw new ScaffoldError(`"${target}" already exists; nothing was written. Choose another name.`);
    }
    created = true;
    // link fails where a file exists: nothing in the new folder is ever replaced.
    for (const [name] of files) fs.linkSync(path.join(staging, name), path.join(target, name));
  } catch (error) {
    if (created) fs.rmSync(target, { recursive: true, force: true });
    throw error;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  return path.join(target, 'workspace.json');
}
