/**
 * The only file access the language service needs: looking at icons next to a workspace.json.
 * Injected, so the core runs without a disk in tests and any host can provide it.
 */
export interface WorkspaceFileSystem {
  /** The path with every symbolic link resolved, or undefined when nothing exists there. */
  realPath(path: string): string | undefined;
  isFile(path: string): boolean;
  /** Whether the path itself is a symbolic link (dangling or not). Absent where a file system has no links. */
  isLink?(path: string): boolean;
  /**
   * A stamp that changes whenever the file or folder at `path` changes or is replaced (for a folder: a file added,
   * removed or renamed in it), or undefined when nothing is there. Follows symbolic links. Lets the service reuse
   * what it read while it is unchanged.
   */
  changeStamp(path: string): string | undefined;
  /**
   * The first `length` bytes of a regular file (fewer if it is shorter), or undefined when it is unreadable or not a
   * regular file: a FIFO or device is never opened for reading, so a hostile registry cannot hang or flood us.
   */
  readHead(path: string, length: number): Uint8Array | undefined;
  /** A whole regular file of at most `maxBytes`; 'too-large' when it is larger, undefined when unreadable. */
  readFile(path: string, maxBytes: number): Uint8Array | 'too-large' | undefined;
  /** Names of the files directly in a folder (empty when it cannot be read). */
  listFiles(folder: string): string[];
  /**
   * False while some answer given was a guess, a question about it still open (a file system that answers later):
   * what was computed from it must not be kept. Absent: every answer is known.
   */
  answersKnown?(): boolean;
}

/** What readText answers for a file larger than asked for: not a string, so that no text can be mistaken for it. */
export const TOO_LARGE: unique symbol = Symbol('too-large');

/** A file as UTF-8 text, TOO_LARGE past `maxBytes`, or undefined when it cannot be read. */
export function readText(fileSystem: WorkspaceFileSystem, path: string, maxBytes: number): string | typeof TOO_LARGE | undefined {
  const bytes = fileSystem.readFile(path, maxBytes);
  if (bytes === 'too-large') return TOO_LARGE;
  // The byte order mark is kept: the registry build reads the file as it is, and JSON.parse rejects a BOM.
  return bytes && new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
}

/**
 * Answers about files, kept per file system with the change stamp they were read at: a caller reuses an answer
 * while its stamp holds. An answer is filed under a path and, optionally, a name asked about from there (an icon
 * named in a workspace.json): two keys rather than one joined string, which would be built and hashed on every
 * check. Starts over past `limit` answers, so typing a file name letter by letter cannot grow it.
 */
export class StampedCache<T> {
  private readonly byFileSystem =
    new WeakMap<WorkspaceFileSystem, { answers: Map<string, Map<string, { stamp: string; value: T }>>; count: number }>();

  constructor(private readonly limit: number) {}

  get(fileSystem: WorkspaceFileSystem, path: string, name = ''): { stamp: string; value: T } | undefined {
    return this.byFileSystem.get(fileSystem)?.answers.get(path)?.get(name);
  }

  set(fileSystem: WorkspaceFileSystem, path: string, stamp: string, value: T, name = ''): void {
    if (fileSystem.answersKnown?.() === false) return;
    let kept = this.byFileSystem.get(fileSystem);
    if (!kept) this.byFileSystem.set(fileSystem, kept = { answers: new Map(), count: 0 });
    let byName = kept.answers.get(path);
    // A new answer past the limit starts over; a newer stamp for a kept one replaces it.
    if (!byName?.has(name)) {
      if (kept.count >= this.limit) {
        kept.answers.clear();
        kept.count = 0;
        byName = undefined;
      }
      kept.count++;
    }
    if (!byName) kept.answers.set(path, byName = new Map<string, { stamp: string; value: T }>());
    byName.set(name, { stamp, value });
  }
}

/**
 * How long the language server trusts a change stamp when the editor watches files for it (and says when one
 * changes): then a keystroke's check needs no `stat` of the icon. A change the watcher misses shows on a check after this.
 */
export const WATCHED_STAMP_TRUST_MS = 1000;

/** A file system whose change stamps are remembered for a while; `forget` when the host reports a file change. */
export interface RememberingFileSystem extends WorkspaceFileSystem {
  forget(): void;
}

/**
 * `base` with each change stamp remembered for `maxAgeMs`, for a host that watches files and calls `forget` on every
 * change it reports (the language server, when the editor watches). Every keystroke checks the entry's icon; then
 * it costs no `stat`. A change the watcher misses shows within `maxAgeMs`, on the next check.
 */
export function rememberStamps(base: WorkspaceFileSystem, maxAgeMs: number, now: () => number = Date.now): RememberingFileSystem {
  const stamps = new Map<string, { stamp: string | undefined; at: number }>();
  return {
    realPath: (file) => base.realPath(file),
    isFile: (file) => base.isFile(file),
    isLink: (file) => base.isLink?.(file) ?? false,
    readHead: (file, length) => base.readHead(file, length),
    readFile: (file, maxBytes) => base.readFile(file, maxBytes),
    listFiles: (folder) => base.listFiles(folder),
    changeStamp(file) {
      const time = now();
      const known = stamps.get(file);
      if (known && time - known.at < maxAgeMs) return known.stamp;
      const stamp = base.changeStamp(file);
      // Typing an icon name looks up every prefix: start over rather than grow.
      if (stamps.size >= 5000) stamps.clear();
      stamps.set(file, { stamp, at: time });
      return stamp;
    },
    forget: () => stamps.clear(),
  };
}
