import { Node } from 'jsonc-parser';
import { pathOf, propertiesOf, rangeOf } from '../document';
import {
  BUILD_OUTPUT_KEYS, FieldSpec, NOT_FOR_REGISTRY_KEYS, childSpec, fieldsOfOtherSchema, workspaceSpec,
} from '../kasm/knowledge';
import { nearMisses } from '../suggest';
import { RuleContext } from './context';
import { describePath } from './describe';

/** Keys Kasm does not know, misspelled keys, keys of the other schema version and build-only keys. */
export function checkKeys(ctx: RuleContext): void {
  if (ctx.doc.root) visit(ctx, ctx.doc.root, workspaceSpec(ctx.schema));
}

function visit(ctx: RuleContext, node: Node, spec: FieldSpec): void {
  if (node.type === 'array' && spec.items) {
    for (const item of node.children ?? []) visit(ctx, item, spec.items);
    return;
  }
  if (node.type !== 'object' || !node.children) return;
  // Known keys not written yet: what a misspelled key may have meant. Found once per object, when first needed.
  let unwritten: string[] | undefined;
  // Over the property nodes themselves: this runs for every object of the entry on every check.
  for (const property of node.children) {
    const key = property.children?.[0];
    if (!key) continue;
    const name = String(key.value);
    const child = childSpec(spec, name);
    if (child) {
      const value = property.children![1];
      if (value) visit(ctx, value, child);
    } else if (spec.unknownKeys && !spec.additionalProperties) {
      if (!unwritten) {
        const present = new Set(propertiesOf(node).map((p) => p.name));
        unwritten = (spec.properties ?? []).map((p) => p.key).filter((k) => !present.has(k));
      }
      reportUnknownKey(ctx, node, key, name, unwritten, spec);
    }
  }
}

function reportUnknownKey(ctx: RuleContext, object: Node, key: Node, name: string, unwritten: string[], spec: FieldSpec): void {
  const objectPath = pathOf(object);
  const range = rangeOf(ctx.doc, key.offset, key.length);
  const path = [...objectPath, name];
  const isTop = objectPath.length === 0;
  if (isTop && BUILD_OUTPUT_KEYS.includes(name)) {
    ctx.report('build-output-key', range, `"${name}" is added to list.json by the registry build; it does not belong in a source workspace.json. Remove it.`, { path });
    return;
  }
  const otherSchemaField = isTop ? fieldsOfOtherSchema(ctx.schema).find((f) => f.key === name) : undefined;
  if (otherSchemaField) {
    const where = ctx.schema === '1.1'
      ? `Kasm ignores "${name}" in registry schema 1.1: set it per Kasm version in compatibility[].${name === 'name' ? 'image' : name}.`
      : `"${name}" belongs to registry schema 1.1; Kasm 1.13–1.15 ignore it here.`;
    ctx.report('ignored-field', range, where, { path });
    return;
  }
  if (isTop && NOT_FOR_REGISTRY_KEYS.includes(name)) {
    ctx.report('not-for-registry', range, `"${name}" is a Kasm workspace setting, but registry entries are not known to apply it; set it in Kasm after installing.`, { path });
    return;
  }
  const near = nearMisses(name, unwritten);
  if (near.length) {
    ctx.report('misspelled-key', range, `Unknown key "${name}": did you mean "${near[0]}"? Kasm ignores "${name}".`, { path, suggestions: near });
    return;
  }
  if (objectPath[0] === 'exec_config' && objectPath.length === 1) {
    const hooks = (spec.properties ?? []).map((p) => `"${p.key}"`).join(', ');
    ctx.report('exec-hook-unknown', range, `Kasm runs the exec hooks ${hooks}; "${name}" is never run.`, { path });
    return;
  }
  const owner = objectPath[0] === 'run_config' ? 'docker run option known to this extension' : `key of ${describePath(objectPath)}`;
  ctx.report('unknown-key', range, `"${name}" is not a ${owner}; Kasm may ignore it.`, { path, severity: spec.unknownKeys });
}
