import { memoize } from './memoize';

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** Lower case, letters and digits only. */
const normalize = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
/** The same, for the known words, which are compared again on every keystroke (a few hundred short words). */
const normalizeKnown = memoize(normalize);

/**
 * The known words that `word` is probably a misspelling of, best first: same letters ignoring case and
 * separators (`friendlyname`), or a small edit distance relative to the length (`compatability`).
 */
export function nearMisses(word: string, known: readonly string[]): string[] {
  const target = normalize(word);
  if (!target) return [];
  const scored: { candidate: string; distance: number }[] = [];
  for (const candidate of known) {
    if (candidate === word) continue;
    const allowed = Math.max(1, Math.floor(Math.min(candidate.length, word.length) / 4));
    const c = normalizeKnown(candidate);
    // The distance is at least the difference in length: skip the quadratic count when that alone is too much
    // (a key pasted as a 500 KB string would otherwise take seconds per known key).
    if (Math.abs(c.length - target.length) > allowed) continue;
    const distance = c === target ? 0 : editDistance(target, c);
    if (distance <= allowed) scored.push({ candidate, distance });
  }
  return scored.sort((x, y) => x.distance - y.distance).map((s) => s.candidate);
}
