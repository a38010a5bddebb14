import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Folders never searched for entries: dependencies, version-control data and caches, not a registry. Skipping them
 * keeps a home folder opened by mistake from costing a walk over everything in it.
 */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn', '.cache', '.venv', 'venv', '__pycache__', '.vscode-test', 'bower_components', '.npm', '.yarn']);


/**
 * Anything named workspace.json but a folder: the registry build's glob finds links, FIFOs and devices by that name
 * too, so they are entries to report, never to drop (#27.3).
 */
const isEntry = (entry: fs.Dirent) => entry.name === 'workspace.json' && !entry.isDirectory();
const isSearched = (entry: fs.Dirent) => entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name);

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
      if (isSearched(entry)) visit(path.join(folder, entry.name));
      else if (isEntry(entry)) found.push(path.join(folder, entry.name));
    }
  };
  visit(root);
  return found.sort();
}

/** How much of a folder tree the language server searches before it stops. */
export interface WalkBudget {
  /** Folders read at most. */
  folders: number;
  /** Folders read between two yields to the event loop, so that requests are answered meanwhile. */
  batch: number;
}

/**
 * Enough for the largest registries we load (20,000 entries, one folder each: `npm run bench`), yet a home folder
 * opened by mistake stops well before a walk over everything in it.
 */
export const SERVER_WALK_BUDGET: WalkBudget = { folders: 50_000, batch: 50 };

/**
 * findWorkspaceFiles for the language server: asynchronous, yielding between batches of folders, and stopping after
 * the budget (`complete` is false then). `cancelled` stops it early (a newer scan).
 */
export async function walkWorkspaceFiles(
  root: string, budget: WalkBudget, cancelled: () => boolean = () => false,
): Promise<{ files: string[]; complete: boolean }> {
  const found: string[] = [];
  const pending = [root];
  let read = 0;
  while (pending.length) {
    if (read >= budget.folders || cancelled()) return { files: found.sort(), complete: false };
    const folder = pending.pop()!;
    read++;
    let entries: fs.Dirent[];
    try { entries = await fs.promises.readdir(folder, { withFileTypes: true }); } catch { continue; }
    for (const entry of entries) {
      if (isSearched(entry)) pending.push(path.join(folder, entry.name));
      else if (isEntry(entry)) found.push(path.join(folder, entry.name));
    }
    if (read % budget.batch === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return { files: found.sort(), complete: true };
}
