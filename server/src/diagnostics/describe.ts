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
