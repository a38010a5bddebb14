import { JsonPath } from '../document';

/** A path as an author reads it: `compatibility[0].image`; the whole file is "the entry". */
export function describePath(path: JsonPath): string {
  if (!path.length) return 'the entry';
  return path.map((segment, i) => (typeof segment === 'number' ? `[${segment}]` : i ? `.${segment}` : segment)).join('');
}

export function describeType(type: string): string {
  switch (type) {
    case 'array': return 'an array';
    case 'object': return 'an object';
    case 'integer': return 'a whole number';
    case 'null': return 'null';
    default: return `a ${type}`;
  }
}

export function firstSentence(markdown: string): string {
  const plain = markdown.replace(/\*\*/g, '');
  const match = /^.*?[.!?](\s|$)/.exec(plain);
  return (match ? match[0] : plain).trim();
}

/** How many names a message lists at most, and how long each may be. */
export const NAMES_SHOWN = 5;
const NAME_MAX = 80;

/**
 * Names listed in a message, at most NAMES_SHOWN of them and a count of the rest (of `total`, when `names` is only
 * the start of a longer list): a message never grows with the registry.
 */
export function boundedList(names: readonly string[], total = names.length): string {
  // A name is cut in the middle, keeping its end (a folder's number, the file name).
  const short = (name: string) => (name.length > NAME_MAX ? `${name.slice(0, NAME_MAX / 2)}…${name.slice(-NAME_MAX / 2)}` : name);
  const listed = names.slice(0, NAMES_SHOWN).map(short).join(', ');
  return total > NAMES_SHOWN ? `${listed} and ${(total - NAMES_SHOWN).toLocaleString('en-US')} more` : listed;
}

/**
 * The first NAMES_SHOWN items that `shown` accepts: what a message lists of the others, without walking (or
 * copying) a group of thousands for each of its members.
 */
export function firstShown<T>(items: readonly T[], shown: (item: T, index: number) => boolean): T[] {
  const first: T[] = [];
  for (let i = 0; i < items.length && first.length < NAMES_SHOWN; i++) if (shown(items[i], i)) first.push(items[i]);
  return first;
}
