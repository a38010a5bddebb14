/**
 * An entry as its Kasm users see it on its card (the icon preview and the registry gallery): the fields shown, the
 * icon to show, and what is wrong with the icon in the icon rule's words. The extension asks the server for it
 * (kasm/entrySummaries) instead of reading and judging entries itself (#16.8).
 */
import { iconProblems } from '../diagnostics/icon';
import { KasmDocument, fileUri, objectOf, stringsOf } from '../document';
import { WorkspaceFileSystem } from '../fileSystem';
import { iconDescription, inspectIcon } from '../icon';
import { SchemaVersion } from '../kasm/knowledge';
import { hostAccess } from '../kasm/hostAccess';

export interface EntrySummary {
  friendlyName: string;
  description: string;
  categories: string[];
  architectures: string[];
  versions: string[];
  images: string[];
  schema: SchemaVersion;
  /**
   * The icon, only when it is a readable image inside the entry's folder: its path and URI, change stamp, and e.g.
   * "icon.png: 128×128 px PNG".
   */
  icon?: { file: string; uri: string; stamp: string; detail: string };
  /** What the icon rule says is wrong with the icon (missing, badly sized, …); empty when it is fine. */
  iconProblems: string[];
  /** What the entry asks of the agent's host (#29.5): the gallery card's trust badge. */
  hostAccess: string[];
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const record = (value: unknown): Record<string, unknown> => objectOf(value) ?? {};

export function entrySummary(doc: KasmDocument, schema: SchemaVersion, fileSystem: WorkspaceFileSystem | undefined): EntrySummary {
  const entry = record(doc.value);
  const compatibility = Array.isArray(entry.compatibility) ? entry.compatibility : [];
  const versions = compatibility.map((c) => (typeof c === 'string' ? c : text(record(c).version))).filter(Boolean);
  const images = schema === '1.0' ? [text(entry.name)].filter(Boolean) : compatibility.map((c) => text(record(c).image)).filter(Boolean);
  const name = text(entry.image_src);
  const icon = inspectIcon(name, doc.filePath, fileSystem);
  const stamp = icon.kind === 'image' ? fileSystem?.changeStamp(icon.file) : undefined;
  return {
    friendlyName: text(entry.friendly_name), description: text(entry.description),
    categories: stringsOf(entry.categories), architectures: stringsOf(entry.architecture),
    versions, images: [...new Set(images)], schema,
    icon: icon.kind === 'image' && stamp !== undefined
      ? { file: icon.file, uri: fileUri(icon.file), stamp, detail: `${name}: ${iconDescription(icon)}` } : undefined,
    iconProblems: typeof entry.image_src === 'string' ? iconProblems(doc, schema, fileSystem) : ['No image_src: the entry has no icon.'],
    hostAccess: hostAccess(doc.value).map((ask) => ask.label),
  };
}
