import * as fs from 'node:fs';
import * as fsPromises from 'node:fs/promises';
import * as path from 'node:path';
import { WorkspaceFileSystem } from '../service/fileSystem';

/**
 * Up to `length` bytes from the start of a regular file, and its size. Opened without blocking and checked after
 * opening, so that a FIFO or device put there (even between a check and the read) is never read from.
 */
function readRegularFile(file: string, length: number): { bytes: Uint8Array; size: number } | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    const stats = fs.fstatSync(fd);
    if (!stats.isFile()) return undefined;
    const buffer = Buffer.alloc(Math.min(length, stats.size));
    const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
    return { bytes: buffer.subarray(0, read), size: stats.size };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** WorkspaceFileSystem on the local disk, for the language server, the CLI and the tests. */
export const nodeFileSystem: WorkspaceFileSystem = {
  realPath(file) {
    try { return fs.realpathSync.native(file); } catch { return undefined; }
  },
  isFile(file) {
    // Without throwIfNoEntry a missing file costs an exception: the icon of an entry being written is often missing.
    try { return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false; } catch { return false; }
  },
  isLink(file) {
    try { return fs.lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink() ?? false; } catch { return false; }
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
    const read = readRegularFile(file, length);
    return read && read.bytes;
  },
  readFile(file, maxBytes) {
    const read = readRegularFile(file, maxBytes);
    return read && (read.size > maxBytes ? 'too-large' : read.bytes);
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

/**
 * Writes a whole file through a temporary one beside it, removed when the write fails: a crash or a full disk never
 * leaves half of it (the image cache, entries written by add-version).
 */
export async function writeFileWhole(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await fsPromises.writeFile(temporary, text);
    await fsPromises.rename(temporary, file);
  } catch (error) {
    await fsPromises.rm(temporary, { force: true });
    throw error;
  }
}
