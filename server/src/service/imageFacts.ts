/**
 * What registries say about the images entries name (online image checks, #17), and the port the rules, hover and
 * completion read it through. The core never asks a registry itself: a host that may (the user opted in) gives it an
 * `ImageFactsSource` (server/src/online/), which answers from its cache and asks in the background.
 */
import { JsonPath, KasmDocument, nodeAt, propertyValue } from './document';
import { Node } from 'jsonc-parser';
import { SchemaVersion } from './kasm/knowledge';

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/** One image reference as its registry answered for it. */
export type ImageFacts =
  | {
    kind: 'found';
    /** The manifest (or index) digest the tag points at. */
    digest: string;
    /** The platforms the image has (attestation manifests left out); one for a single-platform image. */
    platforms: Platform[];
    /** Sum of the compressed layers of one platform's manifest (amd64 when there is one). */
    compressedBytes?: number;
    /** When the image was built (its config's `created`), where the registry gives it. */
    created?: string;
  }
  /** The repository exists, the tag does not; `closestTags`: the repository's tags nearest to it, best first. */
  | { kind: 'tag-missing'; closestTags: string[] }
  /** Missing or private: an anonymous client cannot tell them apart (registries answer both with 401 or 404). */
  | { kind: 'repository-missing' }
  /** No verdict: the registry could not be reached, limited the rate, timed out or answered something else. */
  | { kind: 'unknown'; reason: 'offline' | 'rate-limited' | 'timeout' | 'error' | 'refused' | 'bug'; detail: string };

/**
 * How much of a registry's answer is kept and shown (#27.5, #27.6): a hostile registry can list a million tags or
 * tens of thousands of platforms. Real repositories have a few hundred tags and a handful of platforms.
 */
export const ONLINE_LIMITS = {
  /** Tags kept per repository, newest first. */
  tags: 10_000,
  /** Platforms kept per image. */
  platforms: 64,
  /** Tags offered by one completion (the list says it is incomplete; typing narrows it). */
  completionTags: 500,
  /** Platforms a hover or a message names, then "and N more". */
  shownPlatforms: 12,
} as const;

/** A list for a message or hover: the first `limit` items, then how many more there are. */
export function boundedList(items: readonly string[], limit: number): string {
  return items.length > limit ? `${items.slice(0, limit).join(', ')} and ${(items.length - limit).toLocaleString('en-US')} more` : items.join(', ');
}

/** Uncompressed images are this many times their compressed layers, roughly (Kasm images measured: 2.3–2.8). */
export const UNCOMPRESSED_FACTOR = 2.5;

/** The uncompressed size in MB Kasm would show, estimated from the compressed layers. */
export function estimatedUncompressedMb(compressedBytes: number): number {
  return Math.round((compressedBytes * UNCOMPRESSED_FACTOR) / 1e6);
}

/**
 * Online facts as far as known now. An answer not known yet is asked for in the background and `undefined` is
 * returned; when it arrives, the host checks `requester` (a document URI) again.
 */
export interface ImageFactsSource {
  image(reference: string, requester: string): ImageFacts | undefined;
  /** The repository's tags, newest first as far as their names tell; `null` when the registry does not list them. */
  tags(reference: string, requester: string): readonly string[] | null | undefined;
}

/** One image an entry names, with the fields that describe it (1.0: top level; 1.1: its compatibility element). */
export interface ImageField {
  node: Node;
  path: JsonPath;
  /** uncompressed_size_mb for this image. */
  size?: Node;
  /** available_tags of the same compatibility element (1.1). */
  availableTags?: Node;
}

/** The image references of an entry: `name` in schema 1.0, each `compatibility[].image` in 1.1. */
export function imageFields(doc: KasmDocument, schema: SchemaVersion): ImageField[] {
  if (schema === '1.0') {
    const node = nodeAt(doc, ['name']);
    return node?.type === 'string' ? [{ node, path: ['name'], size: nodeAt(doc, ['uncompressed_size_mb']) }] : [];
  }
  const list = nodeAt(doc, ['compatibility']);
  return (list?.type === 'array' ? list.children ?? [] : []).flatMap((element, index) => {
    const node = propertyValue(element, 'image');
    return node?.type === 'string'
      ? [{ node, path: ['compatibility', index, 'image'], size: propertyValue(element, 'uncompressed_size_mb'), availableTags: propertyValue(element, 'available_tags') }]
      : [];
  });
}

/** Whether `path` is where an entry of this schema names its image. */
export function isImagePath(path: JsonPath, schema: SchemaVersion): boolean {
  return schema === '1.0'
    ? path.length === 1 && path[0] === 'name'
    : path.length === 3 && path[0] === 'compatibility' && typeof path[1] === 'number' && path[2] === 'image';
}
