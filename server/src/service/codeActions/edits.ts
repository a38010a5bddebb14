import { Edit, FormattingOptions, JSONPath, Node, applyEdits, findNodeAtLocation, modify, parseTree } from 'jsonc-parser';
import { TextEdit } from 'vscode-languageserver-types';
import { KasmDocument, rangeOf } from '../document';

/** The indentation the author uses (tabs, or the first indented line's spaces), so inserted text matches it. */
export function formattingOf(text: string): FormattingOptions {
  const indented = /\n([ \t]+)\S/.exec(text);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  if (indented?.[1].startsWith('\t')) return { insertSpaces: false, tabSize: 4, eol };
  return { insertSpaces: true, tabSize: indented ? indented[1].length : 2, eol };
}

let lastTree: { text: string; root: WeakRef<Node> | undefined } | undefined;

/**
 * jsonc-parser's tree of `text`, for computing a fix's edits. All the fixes offered in one request edit the same
 * text, so it is parsed once, not once per fix (a document with thousands of problems took minutes, then memory).
 * Held weakly: a WeakRef's target lives at least to the end of the current job, so the tree lasts the request and
 * then may go, instead of a large document's tree staying in the server's memory.
 */
export function treeOf(text: string): Node | undefined {
  const kept = lastTree?.text === text ? lastTree.root?.deref() : undefined;
  if (kept) return kept;
  const root = parseTree(text);
  lastTree = { text, root: root && new WeakRef(root) };
  return root;
}

/** Whether edits (of one text) overlap, which would make applying them ambiguous. */
export function editsOverlap(edits: readonly Edit[]): boolean {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset);
  return sorted.some((edit, i) => i > 0 && edit.offset < sorted[i - 1].offset + sorted[i - 1].length);
}

/** Edits that set (or, with undefined, remove) the value at a path, keeping everything else as written. */
export function setAt(text: string, path: JSONPath, value: unknown): Edit[] {
  const key = path[path.length - 1];
  const root = treeOf(text);
  const existing = root && findNodeAtLocation(root, path);
  // A plain value in place of another: written directly (jsonc's modify would parse the whole text again, per fix).
  if (existing && value !== undefined && (value === null || typeof value !== 'object')) {
    return [{ offset: existing.offset, length: existing.length, content: JSON.stringify(value) }];
  }
  const parent = root && (path.length > 1 ? findNodeAtLocation(root, path.slice(0, -1)) : root);
  const last = parent?.type === 'object' ? parent.children?.[parent.children.length - 1] : undefined;
  if (value === undefined || typeof key !== 'string' || !last || existing) {
    return modify(text, path, value, { formattingOptions: formattingOf(text) });
  }
  // A new key after the last one, in the object's own style: jsonc's modify would lay a one-line object out again.
  const lineStart = text.lastIndexOf('\n', last.offset) + 1;
  const onOwnLine = text.slice(lineStart, last.offset).trim() === '';
  const indent = text.slice(lineStart, last.offset);
  const options = formattingOf(text);
  const unit = options.insertSpaces ? ' '.repeat(options.tabSize ?? 2) : '\t';
  const json = onOwnLine
    ? JSON.stringify(value, null, unit).replace(/\n/g, `${options.eol}${indent}`)
    : JSON.stringify(value, null, 1).replace(/\n\s*/g, ' ');
  const content = `,${onOwnLine ? `${options.eol}${indent}` : ' '}${JSON.stringify(key)}: ${json}`;
  return [{ offset: last.offset + last.length, length: 0, content }];
}

/**
 * The text with edits that do not overlap applied, in one pass; inserts at one place keep their order. (jsonc's
 * applyEdits copies the whole text once per edit: fix-all removing 3,000 copies of a key took over a second.)
 */
export function applyApart(text: string, edits: readonly Edit[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const edit of [...edits].sort((a, b) => a.offset - b.offset)) {
    parts.push(text.slice(at, edit.offset), edit.content);
    at = edit.offset + edit.length;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Applies changes one after another (each sees the result of the last) and returns the new text. */
export function applyInSequence(text: string, changes: ((current: string) => Edit[])[]): string {
  return changes.reduce((current, change) => applyEdits(current, change(current)), text);
}

/** One edit covering only what differs between `text` and `next`, so the rest stays untouched. */
export function diffEdit(text: string, next: string): Edit[] {
  if (text === next) return [];
  let start = 0;
  while (start < text.length && start < next.length && text[start] === next[start]) start++;
  let end = 0;
  while (end < text.length - start && end < next.length - start && text[text.length - 1 - end] === next[next.length - 1 - end]) end++;
  return [{ offset: start, length: text.length - end - start, content: next.slice(start, next.length - end) }];
}

/** Several changes applied one after another, as one edit of the text they start from. */
export function inSequence(changes: ((current: string) => Edit[])[]): (text: string) => Edit[] {
  return (text) => diffEdit(text, applyInSequence(text, changes));
}

/**
 * Several changes as the edits of one text: all computed on that text (one parse, however many) when they do not
 * overlap — inserts at one place keep the changes' order — and otherwise one after another.
 */
export function together(changes: ((current: string) => Edit[])[]): (text: string) => Edit[] {
  return (text) => {
    const edits = changes.flatMap((change) => change(text));
    return editsOverlap(edits) ? inSequence(changes)(text) : edits;
  };
}

export function toTextEdits(doc: KasmDocument, edits: Edit[]): TextEdit[] {
  return edits.map((e) => TextEdit.replace(rangeOf(doc, e.offset, e.length), e.content));
}
