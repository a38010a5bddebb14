import { RememberingFileSystem } from './fileSystem';

/** What a file system that answers later says about a path. */
export interface FileFacts { type: 'file' | 'directory' | 'other'; mtime: number; size: number }

/**
 * File access that answers later: in VS Code for the Web, the editor's (`vscode.workspace.fs`), asked through the
 * language server's connection. Paths are those the core uses (document.ts's filePathOf).
 */
export interface AsyncFileSystem {
  stat(path: string): Promise<FileFacts | undefined>;
  readFile(path: string): Promise<Uint8Array | undefined>;
  /** The names of the regular files directly in a folder. */
  listFiles(folder: string): Promise<string[]>;
}

/** Rounds of reading a computation may need: the entry, then its icon's facts, then the icon itself, and a margin. */
const SETTLE_ROUNDS = 8;

/**
 * The core's synchronous file system over an asynchronous one. An answer not known yet is asked for and reads as
 * "nothing there" meanwhile; `settle` runs a computation again until everything it read is known, so what is
 * published never rests on a question still open. Answers are kept until `forget` (the editor reports a change).
 */
export class CachedFileSystem implements RememberingFileSystem {
  private readonly facts = new Map<string, FileFacts | undefined>();
  private readonly contents = new Map<string, Uint8Array | undefined>();
  private readonly folders = new Map<string, string[]>();
  private readonly asked = new Map<string, Promise<void>>();
  private settling = 0;

  constructor(
    private readonly source: AsyncFileSystem,
    /** Told of an answer that came when no `settle` waited for it: what was computed from "nothing there" is stale. */
    private readonly lateAnswer: (path: string) => void = () => undefined,
  ) {}

  realPath(path: string): string | undefined {
    return this.stat(path) ? path : undefined;
  }

  isFile(path: string): boolean {
    return this.stat(path)?.type === 'file';
  }

  changeStamp(path: string): string | undefined {
    const facts = this.stat(path);
    return facts && `${facts.type}/${facts.mtime}/${facts.size}`;
  }

  readHead(path: string, length: number): Uint8Array | undefined {
    return this.content(path)?.subarray(0, length);
  }

  readFile(path: string, maxBytes: number): Uint8Array | 'too-large' | undefined {
    const facts = this.stat(path);
    if (facts?.type !== 'file') return undefined;
    return facts.size > maxBytes ? 'too-large' : this.content(path);
  }

  listFiles(folder: string): string[] {
    const known = this.folders.get(folder);
    if (known) return known;
    this.ask(`list:${folder}`, folder, async () => { this.folders.set(folder, await this.source.listFiles(folder).catch(() => [])); });
    return [];
  }

  answersKnown(): boolean {
    return this.asked.size === 0;
  }

  forget(): void {
    this.facts.clear();
    this.contents.clear();
    this.folders.clear();
  }

  /** `compute` run until every file it read is known (or the rounds run out), its last answer returned. */
  async settle<T>(compute: () => T): Promise<T> {
    this.settling++;
    try {
      let answer = compute();
      for (let round = 1; round < SETTLE_ROUNDS && this.asked.size > 0; round++) {
        await Promise.all(this.asked.values());
        answer = compute();
      }
      return answer;
    } finally {
      this.settling--;
    }
  }

  private stat(path: string): FileFacts | undefined {
    if (this.facts.has(path)) return this.facts.get(path);
    this.ask(`stat:${path}`, path, async () => { this.facts.set(path, await this.source.stat(path).catch(() => undefined)); });
    return undefined;
  }

  private content(path: string): Uint8Array | undefined {
    if (this.contents.has(path)) return this.contents.get(path);
    if (this.stat(path)?.type === 'file') {
      this.ask(`read:${path}`, path, async () => { this.contents.set(path, await this.source.readFile(path).catch(() => undefined)); });
    }
    return undefined;
  }

  private ask(key: string, path: string, fetch: () => Promise<void>): void {
    if (this.asked.has(key)) return;
    const late = this.settling === 0;
    // A failed question reads as "nothing there" (each fetch says so), never as a question asked again and again.
    const done = fetch().finally(() => {
      this.asked.delete(key);
      if (late) this.lateAnswer(path);
    });
    this.asked.set(key, done);
  }
}
