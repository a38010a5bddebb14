/**
 * Upgrade day (#29.3): one more Kasm version in an entry's `compatibility`, made from the entry's newest one. In a
 * schema 1.1 entry the new object copies the newest object's keys in their order, its image tag (and channel tags)
 * moved to the new release where the tag follows the release (`…:1.19.0` → `…:1.20.0`, Kasm's own practice), its
 * `uncompressed_size_mb` carried over; in a 1.0 entry the version string is added. Only that insertion changes the
 * text (jsonc-parser's modify, in the file's own indentation and line ends).
 */
import { Edit, Node, applyEdits, getNodeValue, modify, parseTree } from 'jsonc-parser';
import { propertyValue } from '../document';
import { formatImageReference, parseImageReference } from '../kasm/imageReference';
import { ImageFacts, estimatedUncompressedMb } from '../imageFacts';
import { SchemaVersion, judgeCompatibilityVersion, kasmReleaseTag, minorReleases, schemaForKasm } from '../kasm/knowledge';

export type AddVersionOutcome =
  | { kind: 'added'; text: string; edits: Edit[]; version: string; image?: string; from?: string; size?: number }
  | { kind: 'skipped'; reason: string };

/** What the caller learnt of the new image (online): another existing tag, and a size estimate. */
export interface ImageAdjustment { image?: string; uncompressedSizeMb?: number }

/** The release a new version's image is tagged with: the version itself, or the first release of its line. */
export function releaseFor(version: string): string {
  return version.replace(/\.x$/, '.0');
}

/** The versions worth adding, newest first: the next Kasm line (before its release, §10.9), then each known line. */
export function versionsToAdd(schema: SchemaVersion): string[] {
  const [newest] = minorReleases();
  const next = `${newest.major}.${newest.minor + 1}.x`;
  return [...(schemaOf(next) === schema ? [next] : []), ...minorReleases().filter((line) => line.schema === schema).map((l) => `${l.major}.${l.minor}.x`)];
}

/** Whether a version can be added: `M.m.x` or `M.m.p` of a known release, the next line, or one the registry names. */
export function addableVersion(version: string, known: readonly string[] = []): boolean {
  const verdict = judgeCompatibilityVersion(version);
  return verdict.kind === 'known' || (verdict.kind === 'next') || (verdict.kind === 'unknown' && known.includes(version));
}

/** The schema a version is read by (1.16+: 1.1). */
function schemaOf(version: string): SchemaVersion | undefined {
  const [major, minor] = version.split('.').map(Number);
  return schemaForKasm(major, minor);
}

/** A tag that names the source's Kasm line, moved to `release`; any other tag as it is. */
function movedTag(tag: string, line: string, release: string): string {
  const named = kasmReleaseTag(tag);
  return named && `${named.major}.${named.minor}` === line ? `${release}${named.suffix}` : tag;
}

export function addKasmVersion(text: string, schema: SchemaVersion, version: string, adjust: ImageAdjustment = {}): AddVersionOutcome {
  const root = parseTree(text);
  const list = root?.type === 'object' ? propertyValue(root, 'compatibility') : undefined;
  if (list?.type !== 'array') return { kind: 'skipped', reason: 'no compatibility list' };
  if (schemaOf(version) !== schema) return { kind: 'skipped', reason: `a schema ${schema} entry: Kasm ${version} reads schema ${schemaOf(version) ?? 'none'}` };
  const elements = list.children ?? [];
  const versionOf = (element: Node): unknown => (schema === '1.0' ? element : propertyValue(element, 'version'))?.value;
  if (elements.some((element) => versionOf(element) === version)) return { kind: 'skipped', reason: `already has ${version}` };
  const format = formattingOf(text);
  const insert = (value: unknown) => {
    const edits = modify(text, ['compatibility', elements.length], value, { isArrayInsertion: true, formattingOptions: format });
    return { text: applyEdits(text, edits), edits };
  };
  if (schema === '1.0') return { kind: 'added', ...insert(version), version };
  const source = newestCompatibility(elements.filter((e) => e.type === 'object'));
  if (!source) return { kind: 'skipped', reason: 'no compatibility object to copy' };
  const copy = getNodeValue(source) as Record<string, unknown>;
  const sourceVersion = String(copy.version);
  const line = lineOfVersion(sourceVersion);
  const release = releaseFor(version);
  const added: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(copy)) {
    if (key === 'version') added[key] = version;
    else if (key === 'image' && typeof value === 'string') added[key] = adjust.image ?? retag(value, line, release);
    // 1.16.0-… and 1.16.1-… both move to 1.20.0-…: each tag once.
    else if (key === 'available_tags' && Array.isArray(value)) {
      added[key] = [...new Set((value as unknown[]).map((tag) => (typeof tag === 'string' ? movedTag(tag, line, release) : tag)))];
    }
    else if (key === 'uncompressed_size_mb' && adjust.uncompressedSizeMb !== undefined) added[key] = adjust.uncompressedSizeMb;
    else added[key] = value;
  }
  const image = typeof added.image === 'string' ? added.image : undefined;
  return { kind: 'added', ...insert(added), version, image, from: sourceVersion, size: typeof added.uncompressed_size_mb === 'number' ? added.uncompressed_size_mb : undefined };
}

/** The image with its tag moved to the release, when the tag follows the source's line. */
export function retag(image: string, line: string, release: string): string {
  const reference = parseImageReference(image);
  if (reference.problem || !reference.tag) return image;
  const tag = movedTag(reference.tag, line, release);
  return tag === reference.tag ? image : formatImageReference({ ...reference, tag });
}

/** The `M.m` a compatibility version names (`1.19.x`, `1.19.0` → `1.19`): the line its image tag may follow. */
export const lineOfVersion = (version: string): string => version.split('.').slice(0, 2).join('.');

/** The object naming the newest Kasm version (an `M.m.x` before an exact release of the same line). */
export function newestCompatibility(objects: Node[]): Node | undefined {
  const rank = (node: Node) => {
    const value: unknown = propertyValue(node, 'version')?.value;
    const [major, minor, patch] = typeof value === 'string' ? value.split('.') : [];
    return [Number(major) || 0, Number(minor) || 0, patch === 'x' ? Infinity : Number(patch) || 0];
  };
  return objects.reduce<Node | undefined>((best, node) => {
    if (!best) return node;
    const [a, b] = [rank(node), rank(best)];
    return a[0] > b[0] || (a[0] === b[0] && (a[1] > b[1] || (a[1] === b[1] && a[2] > b[2]))) ? node : best;
  }, undefined);
}

/** The file's own indentation and line ends, so that the inserted object looks like its neighbours. */
function formattingOf(text: string): { insertSpaces: boolean; tabSize: number; eol: string } {
  const indent = /^([ \t]+)"/m.exec(text)?.[1] ?? '  ';
  return { insertSpaces: !indent.includes('\t'), tabSize: indent.includes('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

/**
 * What a registry's answer on a new image means for the added version (--online, kasm.images.online): found → its
 * size estimated from the compressed layers; tag missing → the nearest tag of the new release; anything else → why
 * the entry is left alone (nothing unconfirmed is added when the user asked for confirmation).
 */
export function adjustmentFor(image: string, version: string, facts: ImageFacts | undefined): ImageAdjustment | string {
  if (facts?.kind === 'found') {
    return { image, uncompressedSizeMb: facts.compressedBytes ? estimatedUncompressedMb(facts.compressedBytes) : undefined };
  }
  const release = releaseFor(version);
  if (facts?.kind === 'tag-missing') {
    const nearest = facts.closestTags.find((tag) => tag.startsWith(release.replace(/\.0$/, '.')));
    return nearest ? { image: formatImageReference({ ...parseImageReference(image), tag: nearest }) } : `"${image}" is not in its registry, and no tag of ${release} is`;
  }
  return `"${image}" could not be confirmed (${facts?.kind === 'unknown' ? facts.detail : facts?.kind ?? 'no answer'})`;
}

/** The registries' answers as confirming new images uses them: ask (answered later), and wait for the answers. */
export interface ImageQuestions { image(reference: string, requester: string): ImageFacts | undefined; settled(): Promise<void> }

/**
 * Asks about each new image and waits for the answers (at most `waitMs` when given), then says per requester what
 * each answer means for the added version (adjustmentFor). The CLI and the editor's command confirm the same way.
 */
export async function confirmNewImages(
  images: ImageQuestions, asked: readonly { requester: string; image: string }[], version: string, waitMs?: number,
): Promise<Map<string, ImageAdjustment | string>> {
  for (const { requester, image } of asked) images.image(image, requester);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const limit = waitMs === undefined ? [] : [new Promise<void>((resolve) => { timer = setTimeout(resolve, waitMs); })];
  await Promise.race([images.settled(), ...limit]);
  clearTimeout(timer);
  return new Map(asked.map(({ requester, image }) => [requester, adjustmentFor(image, version, images.image(image, requester))]));
}
