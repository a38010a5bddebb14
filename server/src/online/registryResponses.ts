/**
 * Reading what registries answer: the challenge, Retry-After, pages of tags, JSON bodies (capped), platforms and
 * sizes of manifests, tags in version order. Pure functions, for registryClient.ts.
 */
import { ONLINE_LIMITS, Platform } from '../service/imageFacts';
import { nearMisses } from '../service/suggest';

/** Manifests, configs and token answers are a few KB; a hostile registry's endless body is cut here. */
const MAX_JSON_BYTES = 4 * 1024 * 1024;
const DEFAULT_RETRY_AFTER_MS = 60_000;

export interface Manifest {
  mediaType?: string;
  manifests?: { digest?: string; platform?: Partial<Platform> }[];
  layers?: { size?: number }[];
  config?: { digest?: string };
}

/** `Bearer realm="…",service="…",scope="…"` as a record, or undefined for another scheme (Basic: credentials only). */
export function bearerChallenge(header: string | null): Record<string, string> | undefined {
  const match = header ? /^\s*Bearer\s+(.*)$/i.exec(header) : null;
  if (!match) return undefined;
  const params: Record<string, string> = {};
  for (const [, name, value] of match[1].matchAll(/([a-zA-Z_]+)\s*=\s*"([^"]*)"/g)) params[name.toLowerCase()] = value;
  return params.realm ? params : undefined;
}

export function retryAfterMs(header: string | null): number {
  const seconds = Number(header);
  if (header && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = header ? Date.parse(header) : NaN;
  return Number.isNaN(date) ? DEFAULT_RETRY_AFTER_MS : Math.max(0, date - Date.now());
}

/**
 * The next page of a paginated list (`Link: </v2/…?last=…>; rel="next"`), relative to the page that named it (after
 * a redirect, the other registry's), and only the same list: same host, same path.
 */
export function nextPage(link: string | null, page: URL): URL | undefined {
  const target = link ? /<([^>]+)>\s*;\s*rel="?next"?/i.exec(link)?.[1] : undefined;
  if (!target) return undefined;
  let url: URL;
  try { url = new URL(target, page); } catch { return undefined; }
  return url.origin === page.origin && url.pathname === page.pathname ? url : undefined;
}

export async function readJson<T>(response: Response): Promise<T | undefined> {
  const reader = (response.body as ReadableStream<Uint8Array> | null)?.getReader();
  if (!reader) return undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_JSON_BYTES) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  try {
    const bytes = new Uint8Array(size);
    chunks.reduce((at, chunk) => { bytes.set(chunk, at); return at + chunk.byteLength; }, 0);
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch {
    return undefined;
  }
}

export function platformOf(platform: Partial<Platform> | undefined): Platform[] {
  // Build attestations are listed as the platform unknown/unknown: not an architecture the image runs on.
  if (typeof platform?.architecture !== 'string' || platform.architecture === 'unknown') return [];
  return [{ os: String(platform.os ?? 'linux'), architecture: platform.architecture, ...(platform.variant ? { variant: String(platform.variant) } : {}) }];
}

export function layerBytes(manifest: Manifest | undefined): number | undefined {
  if (!Array.isArray(manifest?.layers)) return undefined;
  return manifest.layers.reduce((sum, layer) => sum + (typeof layer.size === 'number' ? layer.size : 0), 0);
}

/** Made when first needed: building a collator loads ICU's data, which cost every server start 10 ms. */
let collator: Intl.Collator | undefined;
/** Tags by their names, highest version first: the v2 API lists them in lexical order and gives no dates. */
export function sortNewestFirst(tags: string[]): string[] {
  const numeric = (collator ??= new Intl.Collator('en', { numeric: true }));
  return [...new Set(tags)].sort((a, b) => numeric.compare(b, a)).slice(0, ONLINE_LIMITS.tags);
}

/** The tags a missing tag was probably meant to be: near misses first, else the newest. */
export function closestTags(tag: string, tags: string[]): string[] {
  const near = nearMisses(tag, tags);
  return (near.length ? near : tags).slice(0, 3);
}
