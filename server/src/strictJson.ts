import { Node, NodeType } from 'jsonc-parser';

/** A node as the parser fills it in; handed out as jsonc-parser's read-only `Node`. */
interface BuildingNode {
  type: NodeType;
  value?: unknown;
  offset: number;
  length: number;
  colonOffset?: number;
  parent?: BuildingNode;
  children?: BuildingNode[];
}

/** What `parseStrictJson` makes of a text. */
export type StrictJsonResult =
  /**
   * JSON.parse accepts it: its value, the syntax tree, whether an object gives a key twice (JSON.parse keeps the
   * last), and the offset where each line starts (as vscode-languageserver-textdocument counts lines).
   */
  | { kind: 'valid'; value: unknown; root: Node; duplicateKeys: boolean; lineStarts: number[] }
  /** JSON.parse rejects it. */
  | { kind: 'invalid' }
  /** Containers nest deeper than the limit; nothing more is said. */
  | { kind: 'too-deep' };

// Thrown to unwind the recursion.
const INVALID = new Error('not JSON');
const TOO_DEEP = new Error('nested too deeply');

const TAB = 9, LINE_FEED = 10, CARRIAGE_RETURN = 13, SPACE = 32, QUOTE = 34, PLUS = 43, COMMA = 44, MINUS = 45, DOT = 46,
  SLASH = 47, ZERO = 48, NINE = 57, COLON = 58, UPPER_E = 69, OPEN_BRACKET = 91, BACKSLASH = 92, CLOSE_BRACKET = 93,
  LOWER_B = 98, LOWER_E = 101, LOWER_F = 102, LOWER_N = 110, LOWER_R = 114, LOWER_T = 116, LOWER_U = 117,
  OPEN_BRACE = 123, CLOSE_BRACE = 125;

/** What a string cannot hold as it is: escapes (to decode) and raw control characters (JSON.parse rejects them). */
const NEEDS_CARE = /[\\\u0000-\u001f]/;
const isDigit = (c: number): boolean => c >= ZERO && c <= NINE;
const isHexDigit = (c: number): boolean => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
const isSimpleEscape = (c: number): boolean =>
  c === QUOTE || c === BACKSLASH || c === SLASH || c === LOWER_B || c === LOWER_F || c === LOWER_N || c === LOWER_R || c === LOWER_T;

/**
 * JSON.parse's verdict, its value and jsonc-parser's syntax tree (same node types, offsets, lengths, colon offsets
 * and leaf values), in one pass over the text. Every keystroke's check parses the whole entry, and most of the
 * time the entry is valid JSON: then no error recovery is needed, and this is several times faster than
 * JSON.parse followed by jsonc-parser. Text it calls invalid goes to jsonc-parser, which reports and recovers.
 * Recursive, so it stops at containers nested deeper than `maxDepth`.
 */
export function parseStrictJson(text: string, maxDepth: number): StrictJsonResult {
  let pos = 0;
  let duplicateKeys = false;
  // Valid JSON has line breaks only between tokens, so the whitespace skipper sees them all: placing a diagnostic
  // then needs no second pass over the text.
  const lineStarts = [0];
  /** The value of the node `readValue` returned last (returned beside it, it would cost an object per node). */
  let lastValue: unknown;

  const skipWhitespace = (): void => {
    // Most calls stand on a token already; whitespace and control characters are all below "!".
    for (let c = text.charCodeAt(pos); c <= SPACE; c = text.charCodeAt(++pos)) {
      // "\r\n" is one line break.
      if (c === LINE_FEED || (c === CARRIAGE_RETURN && text.charCodeAt(pos + 1) !== LINE_FEED)) lineStarts.push(pos + 1);
      else if (c !== SPACE && c !== TAB && c !== CARRIAGE_RETURN) return;
    }
  };

  /** The string starting at `pos` (a quote): its value; `pos` ends after the closing quote. */
  const readString = (): string => {
    const start = pos;
    // Most strings hold neither: then the native indexOf and one regex test read them, not a loop per character.
    const end = text.indexOf('"', start + 1);
    if (end >= 0) {
      const content = text.slice(start + 1, end);
      if (!NEEDS_CARE.test(content)) { pos = end + 1; return content; }
    }
    let escaped = false;
    for (let c = text.charCodeAt(++pos); c !== QUOTE; c = text.charCodeAt(++pos)) {
      // Also the end of the text (NaN): JSON.parse rejects raw control characters and unterminated strings.
      if (!(c >= SPACE)) throw INVALID;
      if (c === BACKSLASH) {
        escaped = true;
        const escape = text.charCodeAt(++pos);
        if (escape === LOWER_U) {
          for (let i = 0; i < 4; i++) if (!isHexDigit(text.charCodeAt(++pos))) throw INVALID;
        } else if (!isSimpleEscape(escape)) {
          throw INVALID;
        }
      }
    }
    pos++;
    return escaped ? JSON.parse(text.slice(start, pos)) as string : text.slice(start + 1, pos - 1);
  };

  /** A number as JSON writes it: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
  const readNumber = (): number => {
    const start = pos;
    let c = text.charCodeAt(pos);
    if (c === MINUS) c = text.charCodeAt(++pos);
    if (c === ZERO) c = text.charCodeAt(++pos);
    else if (isDigit(c)) while (isDigit(c = text.charCodeAt(++pos)));
    else throw INVALID;
    if (c === DOT) {
      if (!isDigit(c = text.charCodeAt(++pos))) throw INVALID;
      while (isDigit(c = text.charCodeAt(++pos)));
    }
    if (c === LOWER_E || c === UPPER_E) {
      c = text.charCodeAt(++pos);
      if (c === PLUS || c === MINUS) c = text.charCodeAt(++pos);
      if (!isDigit(c)) throw INVALID;
      while (isDigit(c = text.charCodeAt(++pos)));
    }
    return Number(text.slice(start, pos));
  };

  const readLiteral = (word: string): void => {
    if (!text.startsWith(word, pos)) throw INVALID;
    pos += word.length;
  };

  /** The value starting after any whitespace at `pos`; `pos` ends right after it. */
  const readValue = (parent: BuildingNode | undefined, depth: number): BuildingNode => {
    skipWhitespace();
    const offset = pos;
    const c = text.charCodeAt(pos);
    if ((c === OPEN_BRACE || c === OPEN_BRACKET) && depth >= maxDepth) throw TOO_DEEP;
    if (c === OPEN_BRACE) {
      const node: BuildingNode = { type: 'object', offset, length: 0, parent, children: [] };
      const value: Record<string, unknown> = {};
      pos++;
      skipWhitespace();
      if (text.charCodeAt(pos) === CLOSE_BRACE) pos++;
      else for (;;) {
        const keyOffset = pos;
        if (text.charCodeAt(pos) !== QUOTE) throw INVALID;
        const name = readString();
        const keyLength = pos - keyOffset;
        skipWhitespace();
        if (text.charCodeAt(pos) !== COLON) throw INVALID;
        // Every field set at creation: nodes keep one shape, which keeps the parser fast.
        const property: BuildingNode = { type: 'property', offset: keyOffset, length: 0, colonOffset: pos++, parent: node, children: undefined };
        const key: BuildingNode = { type: 'string', offset: keyOffset, length: keyLength, parent: property, value: name };
        const member = readValue(property, depth + 1);
        const memberValue = lastValue;
        property.children = [key, member];
        property.length = pos - keyOffset;
        node.children!.push(property);
        if (Object.prototype.hasOwnProperty.call(value, name)) duplicateKeys = true;
        // As JSON.parse: "__proto__" is an ordinary key, not the object's prototype.
        if (name === '__proto__') Object.defineProperty(value, name, { value: memberValue, enumerable: true, writable: true, configurable: true });
        else value[name] = memberValue;
        skipWhitespace();
        const next = text.charCodeAt(pos++);
        if (next === CLOSE_BRACE) break;
        if (next !== COMMA) throw INVALID;
        skipWhitespace();
      }
      node.length = pos - offset;
      lastValue = value;
      return node;
    }
    if (c === OPEN_BRACKET) {
      const node: BuildingNode = { type: 'array', offset, length: 0, parent, children: [] };
      const value: unknown[] = [];
      pos++;
      skipWhitespace();
      if (text.charCodeAt(pos) === CLOSE_BRACKET) pos++;
      else for (;;) {
        node.children!.push(readValue(node, depth + 1));
        value.push(lastValue);
        skipWhitespace();
        const next = text.charCodeAt(pos++);
        if (next === CLOSE_BRACKET) break;
        if (next !== COMMA) throw INVALID;
      }
      node.length = pos - offset;
      lastValue = value;
      return node;
    }
    let type: NodeType;
    if (c === QUOTE) {
      type = 'string';
      lastValue = readString();
    } else if (c === LOWER_T || c === LOWER_F) {
      type = 'boolean';
      lastValue = c === LOWER_T;
      readLiteral(c === LOWER_T ? 'true' : 'false');
    } else if (c === LOWER_N) {
      type = 'null';
      lastValue = null;
      readLiteral('null');
    } else {
      type = 'number';
      lastValue = readNumber();
    }
    return { type, offset, length: pos - offset, parent, value: lastValue };
  };

  try {
    const root = readValue(undefined, 0);
    const value = lastValue;
    skipWhitespace();
    if (pos !== text.length) throw INVALID;
    // jsonc-parser's root has no `parent` key at all.
    delete root.parent;
    return { kind: 'valid', value, root: root as Node, duplicateKeys, lineStarts };
  } catch (error) {
    if (error === INVALID) return { kind: 'invalid' };
    if (error === TOO_DEEP) return { kind: 'too-deep' };
    throw error;
  }
}
