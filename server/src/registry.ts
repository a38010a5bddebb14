import * as fs from 'node:fs';
import * as path from 'node:path';

/** Folders never searched for entries: they hold dependencies or version-control data, not a registry. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/**
 * Every workspace.json under a folder, sorted: the registry build treats each of them as an entry,
 * wherever it is (format notes §5). Symbolic links to folders are not followed, so a loop cannot hang us.
 */
export function findWorkspaceFiles(root: string): string[] {
  const found: string[] = [];
  const visit = (folder: string) => {
    let entries: fs.Dirent[];
    try { entries = fs.readdirSync(folder, { withFileTypes: true }); } catch { return; }
    for (const entry of entries) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) visit(full);
      else if (entry.isFile() && entry.name === 'workspace.json') found.push(full);
    }
  };
  visit(root);
  return found.sort();
}
