import { Node } from 'jsonc-parser';
import { nodeAt, propertyValue } from '../document';
import { judgeCompatibilityVersion } from '../kasm/knowledge';
import { parseImageReference } from '../kasm/imageReference';
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
  for (const element of elements) {
    const versionNode = ctx.schema === '1.0' ? element : propertyValue(element, 'version');
    if (versionNode?.type === 'string') checkVersion(ctx, versionNode, seen);
    if (ctx.schema === '1.1' && element.type === 'object') checkEntry(ctx, element);
  }
}

function checkVersion(ctx: RuleContext, node: Node, seen: Set<string>): void {
  const version = String(node.value);
  if (seen.has(version)) {
    ctx.reportValue('version-duplicate', node, `Kasm version "${version}" is listed twice; Kasm uses only one of them. Remove the other.`);
  }
  seen.add(version);
  const verdict = judgeCompatibilityVersion(version);
  switch (verdict.kind) {
    case 'unknown':
      ctx.reportValue('version-unknown', node, `There is no Kasm release "${version}" (the newest known is ${verdict.newest}); no Kasm installation will match it.`);
      return;
    case 'before-registries':
      ctx.reportValue('version-before-registries', node, `Kasm ${verdict.major}.${verdict.minor} has no workspace registries (they came with 1.13); this version is never used.`);
      return;
    case 'known':
      if (verdict.schema !== ctx.schema) {
        ctx.reportValue('version-wrong-schema', node,
          `Kasm ${verdict.major}.${verdict.minor} reads registry schema ${verdict.schema}, but this is a schema ${ctx.schema} entry: Kasm ${verdict.major}.${verdict.minor} never sees it here.`);
      }
      return;
    case 'malformed':
      return; // reported by the schema check (version-format)
  }
}

function checkEntry(ctx: RuleContext, entry: Node): void {
  const size = propertyValue(entry, 'uncompressed_size_mb');
  if (size?.type === 'number' && size.value <= 0) reportSize(ctx, size);
  const image = propertyValue(entry, 'image');
  const tags = propertyValue(entry, 'available_tags');
  if (image?.type !== 'string' || tags?.type !== 'array') return;
  const tag = parseImageReference(String(image.value)).tag;
  const available = (tags.children ?? []).map((t) => t.value);
  if (tag && !available.includes(tag)) {
    ctx.reportValue('tag-not-available', image,
      `The image tag "${tag}" is not among this entry's available_tags (${available.map((t) => `"${t}"`).join(', ') || 'none'}): Kasm pulls the channel's tag instead. Add "${tag}" to available_tags or fix the tag.`,
      { suggestions: [tag] });
  }
}

export function reportSize(ctx: RuleContext, size: Node): void {
  ctx.reportValue('size-zero', size, size.value === 0
    ? 'uncompressed_size_mb is 0 (not measured): Kasm cannot check the registry\'s remaining space. Enter the image size in MB (2.46 GB → 2460).'
    : 'uncompressed_size_mb cannot be negative. Enter the image size in MB (2.46 GB → 2460).');
}
