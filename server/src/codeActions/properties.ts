import { Edit, Node } from 'jsonc-parser';
import { treeOf } from './edits';
import { JsonPath, propertiesOf } from '../document';

/** The property nodes named `key` in the object at `objectPath` of `text`, in text order. */
export function propertiesNamed(text: string, objectPath: JsonPath, key: string): { key: Node; property: Node }[] {
  let node = treeOf(text);
  for (const segment of objectPath) {
    if (!node) return [];
    node = typeof segment === 'number'
      ? (node.type === 'array' ? node.children?.[segment] : undefined)
      : propertiesOf(node).filter((p) => p.name === segment).pop()?.value;
  }
  return node ? propertiesOf(node).filter((p) => p.name === key && p.key.parent).map((p) => ({ key: p.key, property: p.key.parent as Node })) : [];
}

/** Removes a property with its comma, leaving the neighbours' layout as it was. */
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
