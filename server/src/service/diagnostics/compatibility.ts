import { Node } from 'jsonc-parser';
import { nodeAt, propertyValue } from '../document';
import { SIZE_PLAUSIBLE_MB, compatibilityVersionsFor, judgeCompatibilityVersion, kasmReleaseTag } from '../kasm/knowledge';
import { ImageReference, formatImageReference, parseImageReference } from '../kasm/imageReference';
import { RuleContext } from './context';

/** The `compatibility` list: real Kasm versions for this schema, no duplicates, channels that contain the image tag. */
export function checkCompatibility(ctx: RuleContext): void {
  const list = nodeAt(ctx.doc, ['compatibility']);
  if (list?.type !== 'array') return;
  const elements = list.children ?? [];
  if (elements.length === 0) {
    ctx.reportValue('compatibility-empty', list, 'No Kasm version is listed, so no Kasm installation will offer this entry. Add the versions it works on.');
    return;
  }
  const seen = new Set<string>();
  const versionNodes = elements.map((element) => (ctx.schema === '1.0' ? element : propertyValue(element, 'version')));
  // Every version read by the other schema's Kasm: no Kasm version lists the entry at all (kasm-format.md §12).
  const listedNowhere = versionNodes.every((node) => {
    const verdict = node?.type === 'string' ? judgeCompatibilityVersion(String(node.value)) : undefined;
    return verdict?.kind === 'known' && verdict.schema !== ctx.schema;
  });
  // Each object's tag against its version, read once: whether any follows its release decides for the others.
  const releases = elements.map(releaseOfTag);
  const tagsFollowRelease = releases.some((release) => release?.sameLine);
  elements.forEach((element, i) => {
    const versionNode = versionNodes[i];
    if (versionNode?.type === 'string') checkVersion(ctx, versionNode, seen, listedNowhere);
    if (ctx.schema === '1.1' && element.type === 'object') checkEntry(ctx, element, releases[i], tagsFollowRelease);
  });
}

function checkVersion(ctx: RuleContext, node: Node, seen: Set<string>, listedNowhere: boolean): void {
  const version = String(node.value);
  if (seen.has(version)) {
    ctx.reportValue('version-duplicate', node, `Kasm version "${version}" is listed twice; Kasm uses only one of them. Remove the other.`);
  }
  seen.add(version);
  const verdict = judgeCompatibilityVersion(version);
  if (ctx.schema === '1.0' && verdict.kind !== 'malformed' && !version.endsWith('.x')) {
    const wildcard = version.replace(/\.\d+$/, '.x');
    ctx.reportValue('version-exact-in-1.0', node,
      `Kasm 1.13–1.15 look for "${wildcard}" in a schema 1.0 entry, never an exact version: "${version}" matches no Kasm installation. Write "${wildcard}".`,
      { suggestions: [wildcard] });
    return;
  }
  // A release newer than this extension knows, named by the registry or the user (kasm.versions, .kasm-lint.json).
  if ((verdict.kind === 'unknown' || verdict.kind === 'next') && ctx.settings.versions?.includes(version)) return;
  switch (verdict.kind) {
    case 'unknown': {
      // The newest Kasm line of that major the schema is read by: the likeliest meant (a version typed ahead, 1.21.x).
      const major = version.split('.')[0];
      const newestOfMajor = compatibilityVersionsFor(ctx.schema).find((v) => v.value.endsWith('.x') && v.value.split('.')[0] === major)?.value;
      ctx.reportValue('version-unknown', node, `There is no Kasm release "${version}" (the newest known is ${verdict.newest}); no Kasm installation will match it.`,
        { suggestions: newestOfMajor && newestOfMajor !== version ? [newestOfMajor] : undefined });
      return;
    }
    case 'next':
      ctx.reportValue('version-unreleased', node, `Kasm ${version} is not released yet (the newest known is ${verdict.newest}); listing the next version ahead, with develop tags, is what Kasm's own registry does.`);
      return;
    case 'before-registries':
      ctx.reportValue('version-before-registries', node, `Kasm ${verdict.major}.${verdict.minor} has no workspace registries (they came with 1.13); this version is never used.`);
      return;
    case 'known':
      if (verdict.schema !== ctx.schema) {
        ctx.reportValue('version-wrong-schema', node,
          `Kasm ${verdict.major}.${verdict.minor} reads registry schema ${verdict.schema}, but this is a schema ${ctx.schema} entry: Kasm ${verdict.major}.${verdict.minor} never sees it here.`
          + (listedNowhere ? ' No other version is listed, so no Kasm installation lists this entry.' : ''),
          { severity: listedNowhere ? 'error' : undefined });
      }
      return;
    case 'malformed':
      return; // reported by the schema check (version-format)
  }
}

function checkEntry(ctx: RuleContext, entry: Node, release: ReleaseOfTag | undefined, tagsFollowRelease: boolean): void {
  const size = propertyValue(entry, 'uncompressed_size_mb');
  if (size?.type === 'number') checkSize(ctx, size);
  const image = propertyValue(entry, 'image');
  const tags = propertyValue(entry, 'available_tags');
  if (tags?.type === 'array') checkTags(ctx, tags);
  if (release?.older && image && (tagsFollowRelease || isKasmImage(release.reference))) reportOlderRelease(ctx, image, release);
  if (image?.type !== 'string' || tags?.type !== 'array') return;
  const tag = parseImageReference(String(image.value)).tag;
  const available = (tags.children ?? []).map((t): unknown => t.value);
  if (tag && !available.includes(tag)) {
    ctx.reportValue('tag-not-available', image,
      `The image tag "${tag}" is not among this entry's available_tags (${available.map((t) => JSON.stringify(t)).join(', ') || 'none'}): Kasm pulls the channel's tag instead. Add "${tag}" to available_tags or fix the tag.`,
      { suggestions: [tag] });
  }
}

type ReleaseOfTag = NonNullable<ReturnType<typeof releaseOfTag>>;

/**
 * A compatibility object whose image tag names a Kasm release (`1.18.0-rolling-daily`): whether that is the
 * object's own Kasm line, or an older one. Undefined when the tag names no Kasm release or the version is unknown.
 */
function releaseOfTag(element: Node) {
  const image = propertyValue(element, 'image');
  const version = propertyValue(element, 'version');
  if (image?.type !== 'string' || version?.type !== 'string') return undefined;
  const verdict = judgeCompatibilityVersion(String(version.value));
  const reference = parseImageReference(String(image.value));
  const tagged = reference.tag && !reference.problem ? kasmReleaseTag(reference.tag) : undefined;
  if (verdict.kind !== 'known' || !tagged) return undefined;
  const older = tagged.major < verdict.major || (tagged.major === verdict.major && tagged.minor < verdict.minor);
  const sameLine = tagged.major === verdict.major && tagged.minor === verdict.minor;
  return { version: String(version.value), verdict, reference, tagged, older, sameLine };
}

/** Images Kasm builds, whose tags are Kasm releases; another project's `1.16.1` may be its own version. */
const isKasmImage = (reference: ImageReference) => reference.repository.startsWith('kasmweb/') || (reference.host ?? '').endsWith('kasmweb.com');

/**
 * A compatibility for a Kasm release installing an image tagged for an older one (`1.19.x` → `…:1.18.0`): said for
 * Kasm's images and for entries whose other tags follow their release, where an upgrade copied the object and
 * forgot the tag (#29.2).
 */
function reportOlderRelease(ctx: RuleContext, image: Node, { version, verdict, reference, tagged }: ReleaseOfTag): void {
  const release = version.endsWith('.x') ? verdict.releases[0] : version;
  const retagged = formatImageReference({ ...reference, tag: `${release}${tagged.suffix}` });
  ctx.reportValue('image-tag-older-release', image,
    `This is the compatibility for Kasm ${version}, but the image's tag names Kasm ${tagged.release}: admins on ${version} install the ${tagged.release} image. Use the image built for ${release} ("${retagged}") if there is one.`,
    { suggestions: [retagged] });
}

/** Sizes no real image has: smaller than this many MB was meant in GB; larger, in KB or bytes (§10.10, §10.12). */

/** An `uncompressed_size_mb` value: measured, whole, and in MB. */
export function checkSize(ctx: RuleContext, size: Node): void {
  const value = Number(size.value);
  if (value <= 0) {
    ctx.reportValue('size-zero', size, value === 0
      ? 'uncompressed_size_mb is 0 (not measured): Kasm cannot check the registry\'s remaining space. Enter the image size in MB (2.46 GB → 2460).'
      : 'uncompressed_size_mb cannot be negative. Enter the image size in MB (2.46 GB → 2460).');
  } else if (value < SIZE_PLAUSIBLE_MB.min) {
    const mb = Math.round(value * 1000);
    ctx.reportValue('size-implausible', size, `uncompressed_size_mb is in MB: ${value} looks like GB. For ${value} GB write ${mb}.`, { suggestions: [mb] });
  } else if (value > SIZE_PLAUSIBLE_MB.max) {
    const amount = value >= 1e6 ? `${(value / 1e6).toFixed(1)} TB` : `${Math.round(value / 1000)} GB`;
    ctx.reportValue('size-implausible', size, `${value} MB is ${amount}, larger than any workspace image (the largest are a few tens of GB): uncompressed_size_mb is in MB; check the number.`);
  } else if (!Number.isInteger(value)) {
    ctx.reportValue('size-implausible', size, `uncompressed_size_mb is a whole number of MB; Kasm stores ${Math.round(value)}.`, { suggestions: [Math.round(value)] });
  }
}

function checkTags(ctx: RuleContext, tags: Node): void {
  if (!tags.children?.length) {
    ctx.reportValue('available-tags-invalid', tags, 'An empty available_tags list puts this Kasm version of the entry in no channel. List its tags, or remove the key.');
    return;
  }
  const seen = new Set<unknown>();
  for (const tag of tags.children) {
    if (tag.type === 'string' && !String(tag.value).trim()) ctx.reportValue('available-tags-invalid', tag, 'An empty tag is no channel. Remove it.');
    else if (seen.has(tag.value)) ctx.reportValue('available-tags-invalid', tag, `The tag "${tag.value}" is listed twice. Remove one.`);
    seen.add(tag.value);
  }
}
