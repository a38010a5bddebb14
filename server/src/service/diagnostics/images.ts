import { Node } from 'jsonc-parser';
import { JsonPath, nodeAt } from '../document';
import { imageFields } from '../imageFacts';
import { BOGUS_DOCKER_REGISTRY, DOCKER_HUB_MIRRORED, DOCKER_REGISTRIES } from '../kasm/knowledge';

/** Docker Hub's web pages, which some authors paste as the registry. */
const DOCKER_HUB_WEB = /^https?:\/\/hub\.docker\.com(\/|$)/i;
/** A GitHub Pages site (often the workspace registry's own storefront), pasted as the Docker registry (§12). */
const GITHUB_PAGES = /^https?:\/\/[^/]+\.github\.io(\/|$)/i;
import { parseImageReference } from '../kasm/imageReference';
import { RuleContext } from './context';
import { describePath } from './describe';
import { checkSize } from './compatibility';
import { memoize } from '../memoize';

/** Docker image references (1.0 `name`, 1.1 `compatibility[].image`), `docker_registry` and the 1.0 size. */
export function checkImages(ctx: RuleContext): void {
  const loginHost = registryHost(nodeAt(ctx.doc, ['docker_registry'])?.value);
  for (const { node, path } of imageFields(ctx.doc, ctx.schema)) {
    checkImage(ctx, node, path);
    checkImageHost(ctx, node, path, loginHost);
  }
  if (ctx.schema === '1.0') {
    const size = nodeAt(ctx.doc, ['uncompressed_size_mb']);
    if (size?.type === 'number') checkSize(ctx, size);
  }
  const registry = nodeAt(ctx.doc, ['docker_registry']);
  if (registry?.type === 'string') checkDockerRegistry(ctx, registry);
}

function checkImage(ctx: RuleContext, node: Node, path: JsonPath): void {
  const text = String(node.value);
  const ref = parseImageReference(text);
  if (ref.problem) {
    ctx.reportValue('image-invalid', node,
      `${describePath(path)} "${text}" is not a Docker image reference Kasm can pull: ${ref.problem}${ref.suggestion ? ` (did you mean "${ref.suggestion}"?)` : ''}.`,
      { suggestions: ref.suggestion ? [ref.suggestion] : undefined });
  } else if (ref.tag === undefined && ref.digest === undefined) {
    ctx.reportValue('image-no-tag', node,
      `${describePath(path)} "${text}" has no tag, so Docker pulls "latest", which changes under your users. Add a tag, e.g. "${text}:1.0.0".`);
  }
}

/** docker_registry's host, unless it is Docker Hub (then a bare image name is right). */
function registryHost(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  let host: string;
  try { host = new URL(value).host.toLowerCase(); } catch { return undefined; }
  return /(^|\.)docker\.(io|com)$/.test(host) || host.endsWith('.github.io') ? undefined : host;
}

/**
 * An image without a host pulls from Docker Hub whatever docker_registry says (Kasm only logs in there), so with
 * another registry named it is usually not found (kasm-format.md §12). The fix prefixes the host.
 */
function checkImageHost(ctx: RuleContext, node: Node, path: JsonPath, loginHost: string | undefined): void {
  const text = String(node.value);
  const ref = parseImageReference(text);
  if (!loginHost || ref.problem || ref.host !== undefined) return;
  if (Object.hasOwn(DOCKER_HUB_MIRRORED, loginHost) && ref.repository.startsWith(DOCKER_HUB_MIRRORED[loginHost])) return;
  const prefixed = `${loginHost}/${text}`;
  ctx.reportValue('image-host-missing', node,
    `${describePath(path)} "${text}" names no registry, so Kasm pulls it from Docker Hub, but docker_registry is ${loginHost}: write "${prefixed}".`,
    { suggestions: [prefixed] });
}

function checkDockerRegistry(ctx: RuleContext, node: Node): void {
  const text = String(node.value);
  if (text === BOGUS_DOCKER_REGISTRY.value) {
    ctx.reportValue('docker-registry-bogus', node,
      `"${text}" is not a Docker Hub endpoint (there is no v1.1); use "${BOGUS_DOCKER_REGISTRY.replacement}".`,
      { suggestions: [BOGUS_DOCKER_REGISTRY.replacement] });
    return;
  }
  // Only the login registry: docker-py keeps its host name, and the image reference decides where it is pulled from (§10.10).
  if (DOCKER_HUB_WEB.test(text)) {
    ctx.reportValue('docker-registry-web-page', node,
      `"${text}" is a Docker Hub web page, not a registry address; for Docker Hub write "${DOCKER_REGISTRIES[0].value}".`, { suggestions: [DOCKER_REGISTRIES[0].value] });
  } else if (GITHUB_PAGES.test(text)) {
    ctx.reportValue('docker-registry-web-page', node,
      `"${text}" is a GitHub Pages site (a workspace registry's storefront, say), not a Docker registry: Kasm cannot log in there. For Docker Hub write "${DOCKER_REGISTRIES[0].value}".`,
      { suggestions: [DOCKER_REGISTRIES[0].value] });
  } else if (!isHttpUrl(text)) {
    ctx.reportValue('docker-registry-invalid', node,
      `docker_registry "${text}" is not a URL; write the registry's address, e.g. "https://index.docker.io/v1/" for Docker Hub. Kasm uses it only to log in.`);
  } else if (!text.endsWith('/')) {
    ctx.reportValue('docker-registry-slash', node, `docker_registry is usually written with a final "/" ("${text}/"), as Kasm's own registries are.`, { suggestions: [`${text}/`] });
  }
}

/** Whether a docker_registry value is an http(s) URL with a host; memoized, as URL parsing is the rule's whole cost. */
const isHttpUrl = memoize((text: string): boolean => {
  let url: URL | undefined;
  try { url = new URL(text); } catch { return false; }
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
});
