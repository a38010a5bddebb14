import { memoize } from '../memoize';

/**
 * Docker image references (`[host[:port]/]path[:tag][@digest]`), following the grammar of
 * distribution/reference that `docker pull` uses.
 */
export interface ImageReference {
  host?: string;
  repository: string;
  tag?: string;
  digest?: string;
  /** Why the reference is invalid, or undefined when it is valid. */
  problem?: string;
  /** A corrected reference, when the problem has an obvious fix (upper case). */
  suggestion?: string;
}

const HOST_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const HOST = new RegExp(`^(?:${HOST_COMPONENT}(?:\\.${HOST_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?$`);
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;

export const parseImageReference: (text: string) => Readonly<ImageReference> = memoize(parseReference);

function parseReference(text: string): ImageReference {
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) { digest = rest.slice(at + 1); rest = rest.slice(0, at); }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) { tag = rest.slice(colon + 1); rest = rest.slice(0, colon); }
  const parts = rest.split('/');
  let host: string | undefined;
  // As in Docker: the first component is a registry host when it has a dot or a port, or is localhost.
  if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === 'localhost')) host = parts.shift();
  const repository = parts.join('/');
  const reference: ImageReference = { host, repository, tag, digest };
  reference.problem = problemOf(text, reference);
  if (reference.problem && repository !== repository.toLowerCase()) {
    const fixed = { ...reference, repository: repository.toLowerCase() };
    if (!problemOf(text.toLowerCase(), fixed)) reference.suggestion = formatImageReference(fixed);
  }
  return reference;
}

function problemOf(text: string, ref: ImageReference): string | undefined {
  if (!text.trim()) return 'the image is empty';
  if (/\s/.test(text)) return 'an image reference cannot contain spaces';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return 'an image reference has no scheme (remove "https://")';
  if (ref.host !== undefined && !HOST.test(ref.host)) return `"${ref.host}" is not a valid registry host`;
  if (!ref.repository) return 'the repository name is missing';
  const bad = ref.repository.split('/').find((component) => !PATH_COMPONENT.test(component));
  if (bad !== undefined) {
    return bad !== bad.toLowerCase()
      ? `the repository name must be lower case ("${bad}")`
      : `"${bad}" is not a valid repository name component (lower-case letters, digits and single . _ - separators)`;
  }
  if (ref.tag !== undefined && !TAG.test(ref.tag)) return `"${ref.tag}" is not a valid tag (letters, digits, _ . -, at most 128, not starting with . or -)`;
  if (ref.digest !== undefined && !DIGEST.test(ref.digest)) return `"${ref.digest}" is not a valid digest (e.g. sha256:<64 hex digits>)`;
  return undefined;
}

export function formatImageReference(ref: ImageReference): string {
  return `${ref.host ? `${ref.host}/` : ''}${ref.repository}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest ? `@${ref.digest}` : ''}`;
}
