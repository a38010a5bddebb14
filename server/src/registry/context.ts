/**
 * What the cross-entry rules know of a registry beyond its entries: its root, the git branch checked out there (or
 * the one CI says) and which template's build scripts it has (format notes §2, §5).
 */
import * as path from '../service/paths';
import { WorkspaceFileSystem } from '../service/fileSystem';
import { SchemaVersion } from '../service/kasm/knowledge';

export interface RegistryContext {
  /** The registry's root folder: other entries are named relative to it. */
  root: string;
  fileSystem: WorkspaceFileSystem;
  /** The checked-out git branch; a branch named like a schema version decides what the registry publishes. */
  branch?: string;
  /** The schema the registry's own build scripts are for, when they tell (the 1.1 template's processing/). */
  templateSchema?: SchemaVersion;
}

/** What the host knows of the registry beyond its files: the branch CI checked out (pull requests check out a commit). */
export interface RegistryHints {
  ciBranch?: string;
}

/** The branch a CI run is about, from the variables GitHub Actions sets: a pull request's target, else the pushed branch. */
export function ciBranch(environment: Readonly<Record<string, string | undefined>>): string | undefined {
  return environment.GITHUB_BASE_REF || environment.GITHUB_REF_NAME || undefined;
}

/** The registry rooted at `root`, with the branch checked out there (else the one CI says) and its build scripts' schema. */
export function registryAt(root: string, fileSystem: WorkspaceFileSystem, hints: RegistryHints = {}): RegistryContext {
  const templateSchema = fileSystem.isFile(path.join(root, ...TEMPLATE_1_1_MARKER)) ? '1.1' : undefined;
  return { root, fileSystem, branch: gitBranch(root, fileSystem) ?? hints.ciBranch, templateSchema };
}

/** A script only the 1.1 registry template has (kasm-format.md §2): it adds the next Kasm version as a 1.1 object. */
const TEMPLATE_1_1_MARKER = ['processing', 'add_next_version.js'];

/** Git's own files are small; a larger one is not read (nor a FIFO or device: only regular files are). */
const GIT_FILE_MAX_BYTES = 4096;

function readGitFile(fileSystem: WorkspaceFileSystem, file: string): string | undefined {
  if (!fileSystem.isFile(file)) return undefined;
  const bytes = fileSystem.readHead(file, GIT_FILE_MAX_BYTES);
  return bytes ? new TextDecoder().decode(bytes) : undefined;
}

/**
 * The git branch checked out in `root`, if any: from .git/HEAD, or for a worktree or submodule (where .git is a
 * file saying `gitdir: …`) from that folder's HEAD. A detached HEAD (what pull-request CI checks out) has none.
 */
function gitBranch(root: string, fileSystem: WorkspaceFileSystem): string | undefined {
  const dotGit = path.join(root, '.git');
  const pointer = readGitFile(fileSystem, dotGit);
  const gitDir = pointer ? /^gitdir: (.+)$/m.exec(pointer)?.[1]?.trim() : dotGit;
  if (!gitDir) return undefined;
  const head = readGitFile(fileSystem, path.join(path.resolve(root, gitDir), 'HEAD'));
  const match = head && /^ref: refs\/heads\/(.+)$/m.exec(head);
  return match ? match[1].trim() : undefined;
}
