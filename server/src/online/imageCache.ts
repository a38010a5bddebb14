import { ImageFacts, ONLINE_LIMITS } from '../service/imageFacts';

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
/** The cache file's size at most (#27.5): fewer answers are written until it fits; a larger file is not read. */
export const MAX_CACHE_BYTES = 8 * 1024 * 1024;
/** A clock may be a little off; an answer dated further in the future than this is not believed. */
const CLOCK_SKEW_MS = 5 * 60_000;

/** Which kept answers are still fresh: only those are written. */
export interface CacheFreshness { images: (timed: Timed<ImageFacts>) => boolean; tags: (timed: Timed<TagList>) => boolean }

/** The verdicts worth keeping (not "could not ask", not expired: `fresh`), as JSON of at most MAX_CACHE_BYTES. */
export function serializeCache(
  images: ReadonlyMap<string, Timed<ImageFacts>>, tags: ReadonlyMap<string, Timed<TagList>>,
  fresh: CacheFreshness = { images: () => true, tags: () => true },
): string {
  const newest = <T>(map: ReadonlyMap<string, Timed<T>>, keep: (timed: Timed<T>) => boolean, count: number) =>
    Object.fromEntries([...map].filter(([, timed]) => keep(timed)).sort((a, b) => b[1].at - a[1].at).slice(0, count));
  for (let count = MAX_KEPT; ; count = Math.floor(count / 2)) {
    const text = JSON.stringify({
      format: FORMAT,
      images: newest(images, (timed) => timed.value.kind !== 'unknown' && fresh.images(timed), count),
      tags: newest(tags, (timed) => timed.value !== null && fresh.tags(timed), count),
    });
    if (text.length <= MAX_CACHE_BYTES || count === 0) return text;
  }
}

/**
 * Answers from a cache file into the maps. The file is ours, but a disk can hold anything: what does not have the
 * shape of an answer is skipped, and a file that is not one is ignored.
 */
export function restoreCache(
  text: string, images: Map<string, Timed<ImageFacts>>, tags: Map<string, Timed<TagList>>, now = Date.now(),
): void {
  let parsed: unknown;
  try { parsed = JSON.parse(text); } catch { return; }
  const file = parsed as { format?: unknown; images?: unknown; tags?: unknown } | null;
  if (file?.format !== FORMAT) return;
  for (const [key, timed] of entries(file.images, now)) {
    if (!isFacts(timed.value)) continue;
    const facts = timed.value.kind === 'found' ? { ...timed.value, platforms: timed.value.platforms.slice(0, ONLINE_LIMITS.platforms) } : timed.value;
    images.set(key, { value: facts, at: timed.at });
  }
  for (const [key, timed] of entries(file.tags, now)) {
    const list = timed.value;
    if (list === 'missing') tags.set(key, { value: list, at: timed.at });
    else if (Array.isArray(list) && list.every((t) => typeof t === 'string')) tags.set(key, { value: list.slice(0, ONLINE_LIMITS.tags), at: timed.at });
  }
}

/** The answers of a record with a plausible time: not in the future (a wrong clock or a crafted file would keep them forever). */
function entries(record: unknown, now: number): [string, { value: unknown; at: number }][] {
  if (typeof record !== 'object' || record === null) return [];
  return Object.entries(record as Record<string, { value?: unknown; at?: unknown }>)
    .filter((entry): entry is [string, { value: unknown; at: number }] => typeof entry[1]?.at === 'number' && entry[1].at <= now + CLOCK_SKEW_MS)
    .slice(0, MAX_KEPT);
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
