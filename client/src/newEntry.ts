/**
 * A new workspace entry: the answers, the checks on them, and the entry's content. Pure, so it is tested in plain
 * Node and used by both writers (scaffold.ts on a desktop's disk, workspaceEditScaffold.ts in VS Code for the Web).
 */
import { DOCKER_REGISTRIES, MAX_CATEGORIES, SchemaVersion, parseImageReference } from '../../server/src/clientApi';

/** A new entry's answers; `Location` is a path on a desktop's disk, or the editor's URI (VS Code for the Web). */
export interface NewWorkspace<Location = string> {
  /** The folder that holds the entry folders (usually `<registry>/workspaces`). */
  workspacesFolder: Location;
  friendlyName: string;
  description: string;
  image: string;
  categories: string[];
  architectures: string[];
  /** Kasm versions, e.g. "1.18.x". */
  versions: string[];
  uncompressedSizeMb: number;
  schema: SchemaVersion;
  /** The image copied as the icon: the user's, or the extension's placeholder (a file, so no PNG is encoded here). */
  iconSource: Location;
}

/** Device names Windows reserves, with or without an extension (COM¹–³ and LPT¹–³ too). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;

/** Folder names tools own: an entry there would be hidden from the registry build or clash with the tool. */
const TOOL_FOLDERS = new Set(['.git', 'node_modules', '.github', '.vscode', 'site', 'processing', 'public']);

/** Why a friendly name cannot be a workspace folder name, or undefined when it can. */
export function friendlyNameProblem(name: string): string | undefined {
  if (!name.trim()) return 'Enter a name.';
  if (name !== name.trim()) return 'The name cannot start or end with spaces.';
  if (/[/\\]/.test(name)) return 'The name cannot contain / or \\: it becomes a folder name.';
  if (name === '.') return 'The name cannot be ".": that is the folder itself.';
  if (name === '..' || name.includes('..')) return 'The name cannot contain "..".';
  if (TOOL_FOLDERS.has(name.toLowerCase())) return `"${name}" is a folder that git, npm or the registry template uses; choose another name.`;
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'The name cannot contain control characters.';
  if (/[<>:"|?*]/.test(name)) return 'The name cannot contain < > : " | ? * (not allowed in folder names on Windows).';
  if (name.endsWith('.')) return 'The name cannot end with a dot.';
  if (WINDOWS_RESERVED.test(name)) return `"${name}" is a reserved device name on Windows.`;
  if (/[^\u0000-\u00ff]/.test(name)) return 'Use Latin-1 characters only: the registry storefront build fails on others.';
  if (name.length > 100) return 'Keep the name under 100 characters.';
  return undefined;
}

export function imageProblem(image: string): string | undefined {
  const ref = parseImageReference(image.trim());
  if (ref.problem) return `Not a Docker image Kasm can pull: ${ref.problem}${ref.suggestion ? ` (did you mean "${ref.suggestion}"?)` : ''}.`;
  if (ref.tag === undefined && ref.digest === undefined) return 'Add a tag (e.g. ":1.0.0"), or Docker pulls "latest".';
  return undefined;
}

/** The icon file name the registry builder derives from a friendly name ("VS Code & Tools" → "vs-code-and-tools.png"). */
export function iconFileName(friendlyName: string): string {
  const slug = friendlyName.toLowerCase().replace(/&/g, '-and-').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `${slug || 'workspace'}.png`;
}

/** The docker_registry matching an image's host. */
export function dockerRegistryFor(image: string): string {
  const host = parseImageReference(image).host;
  if (!host || host === 'docker.io' || host === 'index.docker.io') return DOCKER_REGISTRIES[0].value;
  if (host === 'lscr.io' || host === 'ghcr.io') return 'https://ghcr.io/';
  return `https://${host}/`;
}

/**
 * Where new entries go, for a folder's URI path (`/`-separated on every system): the folder itself when it is a
 * `workspaces` folder, the `workspaces` folder an entry folder sits in (the Explorer menu on an entry, #18.8), else
 * `<folder>/workspaces`.
 */
export function workspacesFolderFor(folder: string): string {
  const parts = folder.replace(/\/+$/, '').split('/');
  if (parts.at(-1) === 'workspaces') return parts.join('/');
  if (parts.at(-2) === 'workspaces') return parts.slice(0, -1).join('/');
  return [...parts, 'workspaces'].join('/');
}

export function entryContent(entry: NewWorkspace<unknown>): Record<string, unknown> {
  const image = entry.image.trim();
  const common = {
    friendly_name: entry.friendlyName,
    description: entry.description,
    image_src: iconFileName(entry.friendlyName),
    architecture: entry.architectures,
    categories: entry.categories.slice(0, MAX_CATEGORIES),
    docker_registry: dockerRegistryFor(image),
  };
  if (entry.schema === '1.0') {
    return { ...common, name: image, compatibility: entry.versions, uncompressed_size_mb: entry.uncompressedSizeMb };
  }
  return {
    ...common,
    compatibility: entry.versions.map((version) => ({ version, image, uncompressed_size_mb: entry.uncompressedSizeMb })),
  };
}

export class ScaffoldError extends Error {}
