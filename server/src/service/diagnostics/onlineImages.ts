import { Node } from 'jsonc-parser';
import { nodeAt } from '../document';
import { ImageFacts, ImageField, ONLINE_LIMITS, UNCOMPRESSED_FACTOR, boundedList, estimatedUncompressedMb, imageFields } from '../imageFacts';
import { ARCHITECTURES } from '../kasm/knowledge';
import { formatImageReference, parseImageReference } from '../kasm/imageReference';
import { RuleContext } from './context';

/** Architectures Kasm offers entries on: an image's other platforms (s390x, 386) are not worth a hint. */
const KASM_ARCHITECTURES = new Set(ARCHITECTURES.map((a) => a.value));
interface FoundImage {
  image: string;
  facts: Extract<ImageFacts, { kind: 'found' }>;
}

/** A size this far from the estimate (either way) is worth a hint; estimates are rough, so only a factor of two. */
const SIZE_TOLERANCE = 2;

/**
 * What registries say of the entry's images (#17), only when the user opted in (the context then has a source).
 * Answers not known yet report nothing: the document is checked again when they come. A registry that could not
 * be asked reports nothing either (the status item says so once, not each entry).
 */
export function checkOnlineImages(ctx: RuleContext): void {
  const source = ctx.images;
  if (!source) return;
  const requester = ctx.doc.textDocument.uri;
  const found: FoundImage[] = [];
  /** One "not checked" per reason and entry: three images on the same refused host say it once. */
  const refused = new Set<string>();
  for (const field of imageFields(ctx.doc, ctx.schema)) {
    const image = String(field.node.value);
    if (parseImageReference(image).problem) continue;
    const facts = source.image(image, requester);
    // Asked together with the image, not after it: one round trip less for an entry with channels. Not asked when the
    // channels are only the image's own tag, which the image's answer already confirms (#27.14).
    const tags = field.availableTags?.type === 'array' && !onlyOwnTag(field.availableTags, image) ? source.tags(image, requester) : undefined;
    if (facts?.kind === 'found') {
      found.push({ image, facts });
      checkSize(ctx, field, facts.compressedBytes);
      checkAvailableTags(ctx, field, tags);
    } else if (facts?.kind === 'tag-missing') {
      const ref = parseImageReference(image);
      const { repository, tag, digest } = ref;
      const closest = facts.closestTags.map((t) => formatImageReference({ ...ref, tag: t, digest: undefined }));
      ctx.reportValue('image-tag-missing', field.node,
        `${digest ? `The digest ${digest}` : `The tag "${tag ?? 'latest'}"`} does not exist in ${repository}'s repository, so installing the workspace fails to pull "${image}".`
        + (closest.length ? ` Closest: ${closest.map((c) => `"${c}"`).join(', ')}.` : ''),
        { suggestions: closest });
    } else if (facts?.kind === 'unknown' && facts.reason === 'refused' && !refused.has(facts.detail)) {
      refused.add(facts.detail);
      ctx.reportValue('image-host-refused', field.node,
        `Not checked online: ${facts.detail}. Requests go only to public registries over HTTPS, unless you allow the host in kasm.images.allowHosts (a user setting) or with --allow-host.`);
    } else if (facts?.kind === 'repository-missing') {
      ctx.reportValue('image-repository-missing', field.node,
        `The repository of "${image}" does not exist, or is private (anonymously the two look the same): Kasm can pull it only with the registry's credentials.`);
    }
  }
  checkArchitectures(ctx, found);
}

/** Whether `available_tags` lists nothing but the tag of the image itself. */
function onlyOwnTag(list: Node, image: string): boolean {
  const own = parseImageReference(image).tag ?? 'latest';
  return (list.children ?? []).every((item) => item.value === own);
}

/** Each listed architecture against the platforms of every image found; unlisted ones the images have. */
function checkArchitectures(ctx: RuleContext, found: FoundImage[]): void {
  const list = nodeAt(ctx.doc, ['architecture']);
  const withPlatforms = found.filter((f) => f.facts.platforms.length > 0);
  if (list?.type !== 'array' || !withPlatforms.length) return;
  const items = (list.children ?? []).flatMap((node) => (node.type === 'string' ? [{ node, arch: String(node.value) }] : []));
  const listed = new Set(items.map((item) => item.arch));
  const has = (facts: FoundImage['facts'], arch: string) => facts.platforms.some((p) => p.architecture === arch);
  const common = [...KASM_ARCHITECTURES].filter((arch) => withPlatforms.every((f) => has(f.facts, arch)));
  for (const { node, arch } of items) {
    const lacking = withPlatforms.filter((f) => !has(f.facts, arch));
    if (!lacking.length || !KASM_ARCHITECTURES.has(arch)) continue;
    ctx.reportValue('image-arch-missing', node,
      `${lacking.map((f) => `"${f.image}"`).join(', ')} ${lacking.length === 1 ? 'has' : 'have'} no ${arch} image (it has ${platformsOf(lacking[0].facts)}): `
      + `${arch} hosts offer the workspace and fail to pull it.`,
      { path: ['architecture'], suggestions: common });
  }
  const unlisted = common.filter((arch) => !listed.has(arch));
  if (unlisted.length) {
    ctx.reportValue('image-arch-unlisted', list,
      `The image also runs on ${unlisted.join(', ')}, which architecture does not list: hosts of ${unlisted.length === 1 ? 'it' : 'them'} never offer the workspace.`,
      { suggestions: common });
  }
}

function checkSize(ctx: RuleContext, field: ImageField, compressedBytes: number | undefined): void {
  const size = field.size;
  if (!compressedBytes || size?.type !== 'number' || typeof size.value !== 'number') return;
  const estimate = estimatedUncompressedMb(compressedBytes);
  const written = size.value;
  if (estimate <= 0 || (written >= estimate / SIZE_TOLERANCE && written <= estimate * SIZE_TOLERANCE)) return;
  ctx.reportValue('image-size-far', size,
    `uncompressed_size_mb is ${written}, but "${String(field.node.value)}" has ${Math.round(compressedBytes / 1e6)} MB of compressed layers: about ${estimate} MB uncompressed (×${UNCOMPRESSED_FACTOR}), which Kasm shows against the agent's free space.`,
    { suggestions: [estimate] });
}

function checkAvailableTags(ctx: RuleContext, field: ImageField, tags: readonly string[] | null | undefined): void {
  const list = field.availableTags;
  if (!tags || list?.type !== 'array') return;
  const known = new Set(tags);
  const { repository } = parseImageReference(String(field.node.value));
  for (const item of list.children ?? []) {
    if (item.type !== 'string' || typeof item.value !== 'string' || item.value === '' || known.has(item.value)) continue;
    ctx.reportValue('available-tag-missing', item,
      `The tag "${item.value}" does not exist in ${repository}'s repository: the channel that pulls it fails to install the workspace.`);
  }
}

function platformsOf(facts: Extract<ImageFacts, { kind: 'found' }>): string {
  return boundedList(facts.platforms.map((p) => `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`), ONLINE_LIMITS.shownPlatforms);
}
