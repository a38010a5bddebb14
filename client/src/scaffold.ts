/**
 * Creating a new workspace entry on disk: name checks, the entry's content, and a write that never
 * overwrites and never leaves a half-written entry. No VS Code API here, so it is tested in plain Node.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DOCKER_REGISTRIES, MAX_CATEGORIES, SchemaVersion, isWithin, parseImageReference } from '../../server/src/clientApi';

export interface NewWorkspace {
  /** The folder that holds the entry folders (usually `<registry>/workspaces`). */
  workspacesFolder: string;
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
  iconSource: string;
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
 * Where new entries go: the folder itself when it is a `workspaces` folder, the `workspaces` folder an entry folder
 * sits in (the Explorer menu on an entry, #18.8), else `<folder>/workspaces`.
 */
export function workspacesFolderFor(folder: string): string {
  if (path.basename(folder) === 'workspaces') return folder;
  if (path.basename(path.dirname(folder)) === 'workspaces') return path.dirname(folder);
  return path.join(folder, 'workspaces');
}

export function entryContent(entry: NewWorkspace): Record<string, unknown> {
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
