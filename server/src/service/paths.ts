/**
 * Paths of the host's files. Imported as the bare `path` module: Node's own on a desktop (Windows paths included);
 * the browser build maps it to path-browserify (POSIX), where files are named by their URI paths. So the core
 * imports no `node:` module and runs in both.
 */
import { isAbsolute, relative, sep } from 'path';

export { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'path';

/** Whether `child` lies strictly inside the folder `parent` (for paths that have no links left in them). */
export function isWithin(parent: string, child: string): boolean {
  const between = relative(parent, child);
  // "..x" is a folder inside; only ".." itself leads out (#19.13).
  return between !== '' && between !== '..' && !between.startsWith(`..${sep}`) && !isAbsolute(between);
}
