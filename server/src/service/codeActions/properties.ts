import { Edit, Node } from 'jsonc-parser';
import { treeOf } from './edits';
import { JsonPath, nodeAtPath } from '../document';

/** The object at `objectPath` in the tree of `text` (through the last of duplicate keys, as JSON.parse reads it). */
export function objectAt(text: string, objectPath: JsonPath): Node | undefined {
  const node = nodeAtPath(treeOf(text), objectPath);
  return node?.type === 'object' ? node : undefined;
}

/** The property nodes of `object` named `key`, in text order. */
export function propertiesNamed(object: Node | undefined, key: string): Node[] {
  return (object?.children ?? []).filter((property) => property.children?.[0]?.value === key);
}

/**
 * The property of `object` named `key` whose key starts at `offset` (where a diagnostic on it points), if it is
 * still there. Each copy of a repeated key has its own diagnostic, and its fix edits that copy.
 */
export function propertyAt(object: Node | undefined, key: string, offset: number): Node | undefined {
  return object?.children?.find((property) => property.offset === offset && property.children?.[0]?.value === key);
}

/** Removes a property (or an array element) with its comma, leaving the neighbours' layout as it was. */
export function removeProperty(property: Node): Edit {
  const siblings = property.parent?.children ?? [];
  const index = siblings.indexOf(property);
  const next = siblings[index + 1];
  if (next) return { offset: property.offset, length: next.offset - property.offset, content: '' };
  const previous = siblings[index - 1];
  const start = previous ? previous.offset + previous.length : property.offset;
  return { offset: start, length: property.offset + property.length - start, content: '' };
}

export const parentPath = (path: JsonPath) => path.slice(0, -1);
export const lastKey = (path: JsonPath) => String(path[path.length - 1]);
