import { ImageFactsSource, estimatedUncompressedMb } from '../imageFacts';
import { escapeMarkdown } from '../markdown';

const size = (bytes: number) => (bytes < 1e6 ? `${Math.ceil(bytes / 1e3)} KB` : `${Math.round(bytes / 1e6).toLocaleString('en-US')} MB`);

/** What the image's registry says of it (#17, online): digest, platforms, size, build date, or why it is not known. */
export function imageDocumentation(image: string, images: ImageFactsSource, requester: string): string {
  const facts = images.image(image, requester);
  const title = `**${escapeMarkdown(image)}**`;
  switch (facts?.kind) {
    case undefined: return `${title}: asking its registry…`;
    case 'unknown': return `${title}: not checked online (${escapeMarkdown(facts.detail)}).`;
    case 'repository-missing': return `${title}: the repository does not exist or is private.`;
    case 'tag-missing': return `${title}: no such tag${facts.closestTags.length ? `; closest: ${facts.closestTags.map((t) => `\`${t}\``).join(', ')}` : ''}.`;
    case 'found': {
      const lines = [`- Digest: \`${facts.digest}\``];
      if (facts.platforms.length) lines.push(`- Platforms: ${facts.platforms.map((p) => `${p.os}/${p.architecture}${p.variant ? `/${p.variant}` : ''}`).join(', ')}`);
      if (facts.compressedBytes) lines.push(`- Compressed: ${size(facts.compressedBytes)} (about ${estimatedUncompressedMb(facts.compressedBytes).toLocaleString('en-US')} MB uncompressed)`);
      const built = /^\d{4}-\d{2}-\d{2}/.exec(facts.created ?? '')?.[0];
      if (built) lines.push(`- Built: ${built}`);
      return `${title}\n\n${lines.join('\n')}`;
    }
  }
}
