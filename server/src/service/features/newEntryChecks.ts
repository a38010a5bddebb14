/**
 * The checks New Kasm Workspace… makes of its answers (#29.6), in the rules' own terms, so that nothing the wizard
 * accepts is reported once the entry is written: a category that looks misspelt (category-near-miss), an icon too
 * small or not square (icon-size), a size that is not plausible MB (size-implausible). Pure: the extension runs them
 * as the user types.
 */
import { categoryNearMisses } from '../diagnostics/values';
import { iconSizeProblem } from '../icon';
import { sniffImage } from '../imageFormat';
import { SIZE_PLAUSIBLE_MB } from '../kasm/knowledge';

/** Why an own category would be reported as a misspelling, or undefined. */
export function ownCategoryProblem(category: string): string | undefined {
  const [near] = categoryNearMisses(category);
  return near ? `"${category}" looks like a misspelling of "${near}": pick "${near}" in the previous step, or write another name.` : undefined;
}

/** Why an icon file's first bytes would be reported (unreadable, too small, not square), or undefined. */
export function iconFileProblem(head: Uint8Array): string | undefined {
  const facts = sniffImage(head);
  if (!facts) return 'This file is not a PNG, SVG, JPEG, GIF, WebP or ICO image a browser can show.';
  const size = iconSizeProblem(facts);
  return size ? `The icon's ${size.text}; use a square image of at least 50×50 px.` : undefined;
}

const UNITS: Readonly<Record<string, number>> = { '': 1, mb: 1, m: 1, gb: 1000, g: 1000 };

/**
 * An image size as people write it ("2460", "2460 MB", "2.46 GB": what `docker image ls` shows) in whole MB, or why
 * it is not one the size rule accepts.
 */
export function parseImageSizeMb(text: string): { mb: number } | { problem: string } {
  const match = /^(\d+(?:\.\d+)?)\s*(mb|m|gb|g)?$/i.exec(text.trim());
  if (!match) return { problem: 'A size in MB or GB, e.g. 2460 or 2.46 GB.' };
  const mb = Math.round(Number(match[1]) * UNITS[(match[2] ?? '').toLowerCase()]);
  if (mb < SIZE_PLAUSIBLE_MB.min) return { problem: `${mb} MB is smaller than any workspace image; for ${match[1]} GB write "${match[1]} GB".` };
  if (mb > SIZE_PLAUSIBLE_MB.max) return { problem: `${mb} MB is larger than any workspace image; check the number.` };
  return { mb };
}
