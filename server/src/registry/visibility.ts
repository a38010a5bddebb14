/**
 * The registry as an admin on one Kasm version sees it (#29.1): which entries Kasm lists, with the image it would
 * install, and which it hides, and why. Version matching as docs/kasm-format.md records it: schema 1.1 entries by the
 * exact version first, then `M.m.x` (§4, the install wizard's matchVersion); schema 1.0 entries by `M.m.x` only
 * (§10.9). Channels are inferred from the template README (§4): an entry is in a channel when its matched
 * compatibility lists the channel in `available_tags`, and the channel is the tag pulled.
 */
import { objectOf } from '../service/document';
import { SchemaVersion } from '../service/kasm/knowledge';
import { schemaForKasm } from '../service/kasm/versions';
import { formatImageReference, parseImageReference } from '../service/kasm/imageReference';

export interface EntryView {
  /** The entry's path relative to the registry. */
  entry: string;
  /** JSON.parse's value of the file, undefined when it is not JSON. */
  value: unknown;
  schema: SchemaVersion;
}

export interface Visibility {
  kasmVersion: string;
  channel: string | null;
  schema: SchemaVersion;
  visible: { entry: string; friendly_name: string; image: string }[];
  hidden: { entry: string; friendly_name: string; reason: string }[];
}

const KASM_VERSION = /^(\d+)\.(\d+)\.(\d+)$/;

/** Whether a Kasm version is one `visibleEntries` takes: an exact `M.m.p` release. */
export const isExactKasmVersion = (version: string) => KASM_VERSION.test(version);

export function visibleEntries(
  entries: readonly EntryView[], registrySchema: SchemaVersion, kasmVersion: string, channel?: string,
): Visibility {
  const [, major, minor] = KASM_VERSION.exec(kasmVersion) ?? [];
  const wildcard = `${major}.${minor}.x`;
  const readsSchema = schemaForKasm(Number(major), Number(minor));
  const result: Visibility = { kasmVersion, channel: channel ?? null, schema: registrySchema, visible: [], hidden: [] };
  for (const { entry, value, schema } of [...entries].sort((a, b) => a.entry.localeCompare(b.entry))) {
    const record = objectOf(value);
    const friendlyName = typeof record?.friendly_name === 'string' ? record.friendly_name : '';
    const hide = (reason: string) => result.hidden.push({ entry, friendly_name: friendlyName, reason });
    if (!record) { hide('not a JSON object: the registry build fails on it'); continue; }
    if (readsSchema === undefined) { hide(`Kasm ${major}.${minor} has no workspace registries`); continue; }
    if (readsSchema !== registrySchema) { hide(`Kasm ${major}.${minor} reads registry schema ${readsSchema}; this registry publishes ${registrySchema}`); continue; }
    if (schema !== registrySchema) { hide(`a schema ${schema} entry in a schema ${registrySchema} registry`); continue; }
    const compatibility = Array.isArray(record.compatibility) ? record.compatibility as unknown[] : [];
    if (schema === '1.0') {
      if (!compatibility.includes(wildcard)) {
        const exact = compatibility.find((v): v is string => typeof v === 'string' && v.startsWith(`${major}.${minor}.`));
        hide(exact ? `exact version "${exact}": Kasm 1.13–1.15 look for "${wildcard}" only` : `no compatibility for ${wildcard}`);
      } else if (typeof record.name !== 'string') hide('no image ("name")');
      else result.visible.push({ entry, friendly_name: friendlyName, image: record.name });
      continue;
    }
    const objects = compatibility.filter((c): c is Record<string, unknown> => typeof c === 'object' && c !== null);
    const matched = objects.find((c) => c.version === kasmVersion) ?? objects.find((c) => c.version === wildcard);
    if (!matched) {
      const otherExact = objects.find((c) => typeof c.version === 'string' && c.version.startsWith(`${major}.${minor}.`) && c.version !== wildcard);
      hide(otherExact ? `exact version "${String(otherExact.version)}" does not match ${kasmVersion}` : `no compatibility for ${kasmVersion} or ${wildcard}`);
      continue;
    }
    if (typeof matched.image !== 'string') { hide(`no image for ${String(matched.version)}`); continue; }
    const tags = Array.isArray(matched.available_tags) ? matched.available_tags as unknown[] : undefined;
    if (channel !== undefined && tags !== undefined && !tags.includes(channel)) { hide(`not offered in the channel "${channel}"`); continue; }
    // In a channel the channel's tag is pulled; without channels, the image's own tag (template README, §4).
    const ref = parseImageReference(matched.image);
    const inChannel = channel !== undefined && tags?.includes(channel) && !ref.problem;
    const image = inChannel ? formatImageReference({ ...ref, tag: channel, digest: undefined }) : matched.image;
    result.visible.push({ entry, friendly_name: friendlyName, image });
  }
  return result;
}

/** The channels a registry offers: every available_tags value, in the order first seen (the build's `channels`, §7). */
export function registryChannels(values: readonly unknown[]): string[] {
  const channels = new Set<string>();
  for (const value of values) {
    const compatibility = (value as { compatibility?: unknown } | null)?.compatibility;
    for (const item of Array.isArray(compatibility) ? compatibility as unknown[] : []) {
      const tags = (item as { available_tags?: unknown } | null)?.available_tags;
      for (const tag of Array.isArray(tags) ? tags as unknown[] : []) if (typeof tag === 'string') channels.add(tag);
    }
  }
  return [...channels];
}
