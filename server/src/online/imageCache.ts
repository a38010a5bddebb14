import { ImageFacts } from '../service/imageFacts';

/** An answer and when it came (ms since the epoch). */
export interface Timed<T> {
  value: T;
  at: number;
}

/** A repository's tags, newest first; 'missing' when the repository is missing or private; null when not listed. */
export type TagList = string[] | 'missing' | null;

/** Where answers are kept between sessions: a file in the extension's global storage, or the CLI's cache folder. */
export interface ImageCacheStore {
  load(): Promise<string | undefined>;
  save(text: string): Promise<void>;
}

const FORMAT = 1;
/** At most this many answers of each kind are written: the newest. */
const MAX_KEPT = 5000;

/** The verdicts worth keeping (not "could not ask"), as JSON. */
export function serializeCache(images: ReadonlyMap<string, Timed<ImageFacts>>, tags: ReadonlyMap<string, Timed<TagList>>): string {
  const newest = <T>(map: ReadonlyMap<string, Timed<T>>, keep: (value: T) => boolean) =>
    Object.fromEntries([...map].filter(([, timed]) => keep(timed.value)).sort((a, b) => b[1].at - a[1].at).slice(0, MAX_KEPT));
  return JSON.stringify({ format: FORMAT, images: newest(images, (facts) => facts.kind !== 'unknown'), tags: newest(tags, (list) => list !== null) });
}

/**
 * Answers from a cache file into the maps. The file is ours, but a disk can hold anything: what does not have the
 * shape of an answer is skipped, and a file that is not one is ignored.
 */
export function restoreCache(text: string, images: Map<string, Timed<ImageFacts>>, tags: Map<string, Timed<TagList>>): void {
  let parsed: unknown;
  try { parsed = JSON.parse(text); } catch { return; }
  const file = parsed as { format?: unknown; images?: unknown; tags?: unknown } | null;
  if (file?.format !== FORMAT) return;
  for (const [key, timed] of entries(file.images)) if (isFacts(timed.value)) images.set(key, { value: timed.value, at: timed.at });
  for (const [key, timed] of entries(file.tags)) {
    const list = timed.value;
    if (list === 'missing' || (Array.isArray(list) && list.every((t) => typeof t === 'string'))) tags.set(key, { value: list, at: timed.at });
  }
}

function entries(record: unknown): [string, { value: unknown; at: number }][] {
  if (typeof record !== 'object' || record === null) return [];
  return Object.entries(record as Record<string, { value?: unknown; at?: unknown }>)
    .filter((entry): entry is [string, { value: unknown; at: number }] => typeof entry[1]?.at === 'number');
}

function isFacts(value: unknown): value is ImageFacts {
  const facts = value as Partial<Record<string, unknown>> | null;
  switch (facts?.kind) {
    case 'found': return typeof facts.digest === 'string' && Array.isArray(facts.platforms)
      && facts.platforms.every((p: { architecture?: unknown; os?: unknown } | null) => typeof p?.architecture === 'string' && typeof p.os === 'string');
    case 'tag-missing': return Array.isArray(facts.closestTags) && facts.closestTags.every((t) => typeof t === 'string');
    case 'repository-missing': return true;
    default: return false;
  }
}
