import { Node } from 'jsonc-parser';
import { pathOf, propertiesOf, rangeOf } from '../document';
import {
  BUILD_OUTPUT_KEYS, FieldSpec, childSpec, fieldsOfOtherSchema, workspaceSpec,
} from '../kasm/knowledge';
import { DASHBOARD_DROPPED_KEYS } from '../kasm/imageProperties';
import { RUN_CONFIG_ALIASES, RUN_CONFIG_KEYS } from '../kasm/dockerRun';
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
      const value = property.children[1];
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
  if (isTop && ctx.schema === '1.0' && DASHBOARD_DROPPED_KEYS.includes(name)) {
    ctx.report('unknown-key', range, `"${name}" is not a key of a registry entry; Kasm's dashboard drops it before installing.`, { path });
    return;
  }
  const consequence = unknownKeyConsequence(ctx, objectPath, name);
  const flag = name.replace(/-/g, '_');
  const alias = objectPath.length === 1 && objectPath[0] === 'run_config' && Object.hasOwn(RUN_CONFIG_ALIASES, flag) ? RUN_CONFIG_ALIASES[flag] : undefined;
  const near = alias ? [alias] : nearMisses(name, unwritten);
  if (near.length) {
    // Where an unknown key breaks Kasm, so does its misspelling.
    const severity = spec.unknownKeys === 'error' ? 'error' : undefined;
    ctx.report('misspelled-key', range, `Unknown key "${name}": did you mean "${near[0]}"? ${consequence}`, { path, suggestions: near, severity });
    return;
  }
  if (objectPath[0] === 'exec_config' && objectPath.length === 1 && RUN_CONFIG_KEYS.some((key) => key.key === name)) {
    // cap_add, shm_size, environment: Docker arguments put in the wrong place are silently ignored (kasm-format.md §12).
    ctx.report('unknown-key', range, `"${name}" is a Docker run argument: in exec_config Kasm ignores it. Move it to run_config.`, { path, severity: 'warning' });
    return;
  }
  if (objectPath[0] === 'exec_config' && objectPath.length === 1) {
    const hooks = (spec.properties ?? []).map((p) => `"${p.key}"`).join(', ');
    ctx.report('exec-hook-unknown', range, `Kasm runs the exec hooks ${hooks} by itself; "${name}" runs only when called through Kasm's exec API.`, { path });
    return;
  }
  ctx.report('unknown-key', range, `"${name}" is not a ${isTop ? 'key of a registry entry' : `key of ${describePath(objectPath)}`}. ${consequence}`,
    { path, severity: spec.unknownKeys });
}

/** What Kasm does with an unknown key here (kasm-format.md §10.1, §10.2). */
function unknownKeyConsequence(ctx: RuleContext, objectPath: readonly (string | number)[], name: string): string {
  if (objectPath.length === 0) {
    return ctx.schema === '1.0'
      ? `Kasm 1.15 passes the entry to its installer as arguments, so the install fails on "${name}".`
      : `Kasm may reject it on install (as 1.15 does for schema 1.0) or ignore it.`;
  }
  if (objectPath[0] === 'run_config' && objectPath.length === 1) {
    return `docker-py's containers.run() has no argument "${name}": every session start fails with a TypeError.`;
  }
  return `Kasm ignores "${name}".`;
}
