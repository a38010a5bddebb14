import * as path from './paths';
import { StampedCache, WorkspaceFileSystem } from './fileSystem';
import { ICON_RULES } from './kasm/knowledge';
import { memoize } from './memoize';
import { FORMAT_EXTENSIONS, ICON_MAX_BYTES, ImageFacts, sniffImage } from './imageFormat';

/** What we know about the icon an `image_src` names. Shared by diagnostics, hover and completion. */
export type IconInfo =
  | { kind: 'not-plain'; reason: string }
  | { kind: 'no-folder' }
  | { kind: 'missing'; candidates: string[] }
  | { kind: 'outside'; }
  | ({ kind: 'image'; file: string } & ImageFacts)
  | { kind: 'unreadable'; file: string };

/** How far from square an icon may be: the storefront keeps the aspect ratio in a fixed box (§11). */
const SQUARE_TOLERANCE = 0.1;

/** What is wrong with a readable icon's size, e.g. "smaller than 50×50 and not square", or undefined. */
/** What is off about an icon's size: the words, and which limits it misses. */
export interface IconSizeProblem { text: string; small: boolean; notSquare: boolean; nearlyBigEnough: boolean }

export function iconSizeProblem(icon: ImageFacts): IconSizeProblem | undefined {
  const { width, height } = icon;
  if (width === undefined || height === undefined) return undefined;
  const min = ICON_RULES.minPixels;
  // A vector image is never too small: only its proportions count.
  const small = icon.format !== 'SVG' && (width < min || height < min);
  const notSquare = Math.abs(width - height) > SQUARE_TOLERANCE * Math.max(width, height);
  if (!small && !notSquare) return undefined;
  const problems = [...(small ? [`smaller than ${min}×${min}`] : []), ...(notSquare ? ['far from square'] : [])];
  // 48 × 48 looks the same as 50 × 50 (kasm-format.md §12).
  const nearlyBigEnough = Math.min(width, height) >= min - ICON_RULES.nearMissPixels;
  return { text: `${width}×${height} px is ${problems.join(' and ')}`, small, notSquare, nearlyBigEnough };
}

/** One line about a readable icon: its size and real format, e.g. "128×128 px PNG" or "SVG". */
export function iconDescription(icon: ImageFacts): string {
  return icon.width === undefined || icon.format === 'SVG' ? icon.format : `${icon.width}×${icon.height} px ${icon.format}`;
}

/** Whether an icon's file extension names another format than its bytes are. */
export function iconExtensionMismatch(name: string, icon: ImageFacts): boolean {
  return !FORMAT_EXTENSIONS[icon.format].includes(path.extname(name).toLowerCase());
}

/**
 * Why `image_src` is not a plain file name in the entry's folder, or undefined when it is one. Such values
 * are never looked up on disk, so a hostile entry cannot make us read outside its folder.
 */
export const iconNameProblem = memoize((name: string): string | undefined => {
  if (!name.trim()) return 'it is empty';
  if (/^[a-z][a-z0-9+.-]+:/i.test(name)) return 'it is a URL; Kasm serves the icon from the registry, so put the file next to workspace.json and give its name';
  if (/^[a-z]:/i.test(name) || name.startsWith('/') || name.startsWith('\\')) return 'it is an absolute path';
  if (name.split(/[\\/]/).includes('..')) return 'it leads out of the folder with ".."';
  // "./icon.png" is this folder: the build copies it and the URL resolves (kasm-format.md §12).
  // Stryker disable next-line StringLiteral: what replaces "./" is only searched for a separator; any text without one is the same
  if (/[\\/]/.test(name.replace(/^\.\/(?=[^\\/]+$)/, ''))) return 'it names a sub-folder; the build copies icons into one flat folder, so keep the icon next to workspace.json';
  if (/[\u0000-\u001f]/.test(name)) return 'it contains control characters';
  return undefined;
});

/** Icon files (by extension) directly in a folder, sorted. */
export function iconFilesIn(fileSystem: WorkspaceFileSystem, folder: string): string[] {
  return fileSystem.listFiles(folder)
    .filter((file) => (ICON_RULES.extensions as readonly string[]).includes(path.extname(file).toLowerCase()))
    .sort();
}

/** Icons looked at, by workspace.json and icon name (typing image_src looks up every prefix). */
const inspected = new StampedCache<{ info: IconInfo; stamped: string }>(5000);

/**
 * What the icon `name` next to `workspaceJsonPath` is. Every keystroke in workspace.json checks the icon again, so
 * the answer is kept until the icon changes or, while it is missing, its folder does.
 */
export function inspectIcon(name: string, workspaceJsonPath: string | undefined, fileSystem: WorkspaceFileSystem | undefined): IconInfo {
  const problem = iconNameProblem(name);
  if (problem) return { kind: 'not-plain', reason: problem };
  if (!workspaceJsonPath || !fileSystem) return { kind: 'no-folder' };
  const cached = inspected.get(fileSystem, workspaceJsonPath, name);
  if (cached && cached.stamp === fileSystem.changeStamp(cached.value.stamped)) return cached.value.info;
  const folder = path.dirname(workspaceJsonPath);
  const file = path.join(folder, name);
  // Stamped before looking, so that a change while looking makes the next check look again.
  const before = { folder: fileSystem.changeStamp(folder), file: fileSystem.changeStamp(file) };
  const info = lookAtIcon(folder, file, fileSystem);
  // One stat tells whether what was found still holds: an icon that is there is known by its own stamp (a link
  // pointed elsewhere stamps as its new target); a missing one by its folder's, which changes when it arrives.
  const stamp = info.kind === 'missing' ? before.folder : before.file;
  if (stamp) inspected.set(fileSystem, workspaceJsonPath, stamp, { info, stamped: info.kind === 'missing' ? folder : file }, name);
  return info;
}

function lookAtIcon(folder: string, file: string, fileSystem: WorkspaceFileSystem): IconInfo {
  const isFile = fileSystem.isFile(file);
  // Nothing there (the common case while a name is typed) costs one stat.
  const realFile = isFile || fileSystem.changeStamp(file) !== undefined ? fileSystem.realPath(file) : undefined;
  if (!realFile) return { kind: 'missing', candidates: iconFilesIn(fileSystem, folder) };
  // A symbolic link may lead anywhere (a device, another registry's file): only follow it inside the entry's folder.
  const realFolder = fileSystem.realPath(folder);
  if (!realFolder || path.dirname(realFile) !== realFolder) return { kind: 'outside' };
  // A FIFO, a device or a folder of that name is never opened.
  if (!isFile) return { kind: 'unreadable', file };
  const bytes = fileSystem.readFile(file, ICON_MAX_BYTES);
  const facts = bytes instanceof Uint8Array ? sniffImage(bytes) : undefined;
  return facts ? { kind: 'image', file, ...facts } : { kind: 'unreadable', file };
}
