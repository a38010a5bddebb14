import * as fs from 'node:fs';
import * as path from 'node:path';
import { WorkspaceFileSystem } from './fileSystem';

/** WorkspaceFileSystem on the local disk, for the language server, the CLI and the tests. */
export const nodeFileSystem: WorkspaceFileSystem = {
  realPath(file) {
    try { return fs.realpathSync.native(file); } catch { return undefined; }
  },
  isFile(file) {
    // Without throwIfNoEntry a missing file costs an exception: the icon of an entry being written is often missing.
    try { return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false; } catch { return false; }
  },
  changeStamp(file) {
    try {
      const stats = fs.statSync(file, { throwIfNoEntry: false });
      return stats && `${stats.ino}/${stats.mtimeMs}/${stats.ctimeMs}/${stats.size}`;
    } catch {
      return undefined;
    }
  },
  readHead(file, length) {
    let fd: number | undefined;
    try {
      fd = fs.openSync(file, 'r');
      const buffer = Buffer.alloc(length);
      const read = fs.readSync(fd, buffer, 0, length, 0);
      return buffer.subarray(0, read);
    } catch {
      return undefined;
    } finally {
      if (fd !== undefined) fs.closeSync(fd);
    }
  },
  readFile(file) {
    try { return fs.readFileSync(file); } catch { return undefined; }
  },
  listFiles(folder) {
    try {
      return fs.readdirSync(folder, { withFileTypes: true })
        .filter((entry) => entry.isFile() || (entry.isSymbolicLink() && nodeFileSystem.isFile(path.join(folder, entry.name))))
        .map((entry) => entry.name);
    } catch {
      return [];
    }
  },
};
