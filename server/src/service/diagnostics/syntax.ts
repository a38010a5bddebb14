import { Node } from 'jsonc-parser';
import { pathOf, propertiesOf, rangeOf, syntaxErrorMessage } from '../document';
import { RuleContext } from './context';

/** JSON syntax errors, and keys given twice in one object (JSON.parse silently keeps the last one). */
export function checkSyntax(ctx: RuleContext): void {
  const text = ctx.doc.textDocument.getText();
  for (const error of ctx.doc.syntaxErrors) {
    // Some editors save UTF-8 with a byte order mark; Node's JSON.parse in the registry build rejects it.
    const message = error.offset === 0 && text.startsWith('\uFEFF')
      ? 'The file starts with a byte order mark (BOM): the registry build\'s JSON.parse rejects it. Save the file as UTF-8 without BOM.'
      : syntaxErrorMessage(error.error);
    ctx.report('syntax-error', rangeOf(ctx.doc, error.offset, Math.max(error.length, 1)), message);
  }
  if (ctx.doc.root) checkDuplicateKeys(ctx, ctx.doc.root);
}

function checkDuplicateKeys(ctx: RuleContext, node: Node): void {
  if (node.type === 'object' && hasDuplicateKey(node)) {
    const properties = propertiesOf(node);
    // Report every occurrence but the last: that one is what JSON.parse keeps.
    const lastIndex = new Map(properties.map((p, i) => [p.name, i]));
    properties.forEach((property, index) => {
      if (lastIndex.get(property.name) !== index) {
        ctx.report('duplicate-key', rangeOf(ctx.doc, property.key.offset, property.key.length),
          `Duplicate key "${property.name}": JSON.parse keeps only the last one, so this value is ignored. Remove one of them.`,
          { path: pathOf(property.value ?? property.key) });
      }
    });
  }
  for (const child of node.children ?? []) checkDuplicateKeys(ctx, child);
}

/** Whether two properties of an object share a name; cheap, as almost no object has any. */
function hasDuplicateKey(object: Node): boolean {
  const names = new Set<unknown>();
  for (const property of object.children ?? []) {
    const name: unknown = property.children?.[0]?.value;
    if (names.has(name)) return true;
    names.add(name);
  }
  return false;
}
