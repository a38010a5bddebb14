import { ImageFactsSource, ONLINE_LIMITS, boundedList, estimatedUncompressedMb } from '../imageFacts';
import { escapeMarkdown } from '../markdown';

const DIGEST = /^[a-z0-9]+:[a-f0-9]{32,128}$/;
/** A platform word as it is (`linux`, `arm64`, `v8`), anything else escaped. */
const word = (text: string) => (/^[\w.-]+$/.test(text) ? text : escapeMarkdown(text));
const size = (bytes: number) => (bytes < 1e6 ? `${Math.ceil(bytes / 1e3)} KB` : `${Math.round(bytes / 1e6).toLocaleString('en-US')} MB`);

/** What the image's registry says of it (#17, online): digest, platforms, size, build date, or why it is not known. */
export function imageDocumentation(image: string, images: ImageFactsSource, requester: string): string {
  const facts = images.image(image, requester);
  const title = `**${escapeMarkdown(image)}**`;
  switch (facts?.kind) {
    case undefined: return `${title}: asking its registry…`;
    case 'unknown': return `${title}: not checked online (${escapeMarkdown(facts.detail)}).`;
    case 'repository-missing': return `${title}: the repository does not exist or is private.`;
    case 'tag-missing': return `${title}: no such tag${facts.closestTags.length ? `; closest: ${facts.closestTags.map(escapeMarkdown).join(', ')}` : ''}.`;
    case 'found': {
      // What a registry answers is shown as text: a hostile one cannot put a link or image into the hover.
      const lines = [DIGEST.test(facts.digest) ? `- Digest: \`${facts.digest}\`` : `- Digest: ${escapeMarkdown(facts.digest)}`];
      const platforms = facts.platforms.map((p) => [p.os, p.architecture, p.variant ?? ''].filter(Boolean).map(word).join('/'));
      if (platforms.length) lines.push(`- Platforms: ${boundedList(platforms, ONLINE_LIMITS.shownPlatforms)}`);
      if (facts.compressedBytes) lines.push(`- Compressed: ${size(facts.compressedBytes)} (about ${estimatedUncompressedMb(facts.compressedBytes).toLocaleString('en-US')} MB uncompressed)`);
      const built = /^\d{4}-\d{2}-\d{2}/.exec(facts.created ?? '')?.[0];
      if (built) lines.push(`- Built: ${built}`);
      return `${title}\n\n${lines.join('\n')}`;
    }
  }
}
