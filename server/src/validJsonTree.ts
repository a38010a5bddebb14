import { Node, NodeType } from 'jsonc-parser';

/** A node as the builder fills it in; handed out as jsonc-parser's read-only `Node`. */
interface BuildingNode {
  type: NodeType;
  value?: unknown;
  offset: number;
  length: number;
  colonOffset?: number;
  parent?: BuildingNode;
  children?: BuildingNode[];
}

const SPACE = 32, TAB = 9, LINE_FEED = 10, CARRIAGE_RETURN = 13;
/** Thrown to unwind the recursion when the nesting passes the limit. */
const TOO_DEEP = new Error('nested too deeply');

const QUOTE = 34, BACKSLASH = 92, COMMA = 44, OPEN_BRACE = 123, CLOSE_BRACE = 125, OPEN_BRACKET = 91, CLOSE_BRACKET = 93;

/**
 * The syntax tree of a text that JSON.parse has already accepted, in the shape jsonc-parser's `parseTree`
 * gives (same node types, offsets, lengths, colon offsets and leaf values). It is about twice as fast because
 * valid input needs no error recovery: every keystroke's check parses the whole entry, and most of the time the
 * entry is valid JSON. Text that JSON.parse rejects goes to jsonc-parser, which reports and recovers.
 * Recursive, so it gives up (undefined) on containers nested deeper than `maxDepth`.
 */
export function parseValidJsonTree(text: string, maxDepth: number): Node | undefined {
  let pos = 0;

  const skipWhitespace = (): void => {
    for (let c = text.charCodeAt(pos); c === SPACE || c === LINE_FEED || c === CARRIAGE_RETURN || c === TAB; c = text.charCodeAt(++pos));
  };

  /** The string starting at `pos` (a quote): its unescaped value; `pos` ends after the closing quote. */
  const readString = (): string => {
    const start = pos;
    let escaped = false;
    for (let c = text.charCodeAt(++pos); c !== QUOTE; c = text.charCodeAt(++pos)) {
      if (c === BACKSLASH) { escaped = true; pos++; }
    }
    pos++;
    return escaped ? JSON.parse(text.slice(start, pos)) as string : text.slice(start + 1, pos - 1);
  };

  const readValue = (parent: BuildingNode | undefined, depth: number): BuildingNode => {
    skipWhitespace();
    const offset = pos;
    const c = text.charCodeAt(pos);
    if ((c === OPEN_BRACE || c === OPEN_BRACKET) && depth >= maxDepth) throw TOO_DEEP;
    if (c === OPEN_BRACE) {
      const object: BuildingNode = { type: 'object', offset, length: 0, parent, children: [] };
      pos++;
      skipWhitespace();
      while (text.charCodeAt(pos) !== CLOSE_BRACE) {
        if (text.charCodeAt(pos) === COMMA) { pos++; skipWhitespace(); }
        const keyOffset = pos;
        const name = readString();
        const keyLength = pos - keyOffset;
        skipWhitespace();
        // Every field set at creation: nodes keep one shape, which keeps the builder fast.
        const property: BuildingNode = { type: 'property', offset: keyOffset, length: 0, colonOffset: pos++, parent: object, children: [] };
        const key: BuildingNode = { type: 'string', value: name, offset: keyOffset, length: keyLength, parent: property };
        property.children!.push(key, readValue(property, depth + 1));
        property.length = pos - keyOffset;
        object.children!.push(property);
        skipWhitespace();
      }
      pos++;
      object.length = pos - offset;
      return object;
    }
    if (c === OPEN_BRACKET) {
      const array: BuildingNode = { type: 'array', offset, length: 0, parent, children: [] };
      pos++;
      skipWhitespace();
      while (text.charCodeAt(pos) !== CLOSE_BRACKET) {
        if (text.charCodeAt(pos) === COMMA) pos++;
        array.children!.push(readValue(array, depth + 1));
        skipWhitespace();
      }
      pos++;
      array.length = pos - offset;
      return array;
    }
    if (c === QUOTE) {
      const value = readString();
      return { type: 'string', offset, length: pos - offset, parent, value };
    }
    if (c === 116 /* t */ || c === 102 /* f */ || c === 110 /* n */) {
      const literal = c === 116 ? true : c === 102 ? false : null;
      pos += c === 102 ? 5 : 4;
      return { type: literal === null ? 'null' : 'boolean', offset, length: pos - offset, parent, value: literal };
    }
    for (let d = text.charCodeAt(++pos); (d >= 48 && d <= 57) || d === 46 || d === 101 || d === 69 || d === 43 || d === 45; d = text.charCodeAt(++pos));
    return { type: 'number', offset, length: pos - offset, parent, value: Number(text.slice(offset, pos)) };
  };

  try {
    const root = readValue(undefined, 0);
    // jsonc-parser's root has no `parent` key at all.
    delete root.parent;
    return root as Node;
  } catch (error) {
    if (error === TOO_DEEP) return undefined;
    throw error;
  }
}
