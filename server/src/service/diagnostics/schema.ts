import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Node } from 'jsonc-parser';
import { JsonPath, missingPropertyRange, nodeAt } from '../document';
import { validate1_0, validate1_1 } from '../generated/validators';
import { FieldSpec, SchemaVersion, childSpec, specAt, typeList } from '../kasm/knowledge';
import { VERSION_PATTERN } from '../kasm/versions';
import { nearMisses } from '../suggest';
import { RuleContext } from './context';
import { describePath, describeType, firstSentence } from './describe';

const VALIDATORS: Record<SchemaVersion, ValidateFunction> = { '1.0': validate1_0, '1.1': validate1_1 };

/** Types, required fields, closed value sets and version patterns, from the ahead-of-time compiled JSON Schema. */
export function checkAgainstSchema(ctx: RuleContext): void {
  if (ctx.doc.value === undefined) return;
  const validate = VALIDATORS[ctx.schema];
  if (validate(ctx.doc.value)) return;
  for (const error of validate.errors ?? []) reportSchemaError(ctx, error);
}

function reportSchemaError(ctx: RuleContext, error: ErrorObject): void {
  const path = toJsonPath(ctx.doc.value, error.instancePath);
  const node = nodeAt(ctx.doc, path);
  const spec = specAt(ctx.schema, path);
  if (!node || !spec) return;
  const where = describePath(path);
  switch (error.keyword) {
    case 'type': {
      if (node.type === 'number' && !Number.isFinite(node.value)) {
        // 1e309: JSON.parse reads it as Infinity, which no setting can hold.
        ctx.reportValue('wrong-type', node, `${where} is a number too large for JSON to hold (it reads as Infinity); write a real value.`);
        return;
      }
      const expected = typeList(spec);
      const advice = spec.typeAdvice ? ` ${spec.typeAdvice}` : '';
      const suggestion = coerce(node.value, expected);
      // "true" for a Docker boolean: docker-py hands the string on and Docker refuses it at every session start (§12).
      const stringBoolean = path[0] === 'run_config' && expected.includes('boolean') && typeof suggestion === 'boolean';
      ctx.reportValue(spec.typeCode === 'compatibility-shape' ? 'compatibility-shape' : 'wrong-type', node,
        `${where} must be ${expected.map(describeType).join(' or ')}, not ${describeType(jsonTypeOf(node.value, node.type))}.${advice}`
        + (stringBoolean ? ` Docker refuses the string ${JSON.stringify(node.value)}: every session start fails.` : ''),
        { severity: stringBoolean ? 'error' : spec.typeSeverity, suggestions: suggestion === undefined ? undefined : [suggestion] });
      return;
    }
    case 'required': {
      const missing = String(error.params.missingProperty);
      const missingSpec = childSpec(spec, missing);
      if (!missingSpec) return;
      ctx.report('missing-required', missingPropertyRange(ctx.doc, node),
        `Missing "${missing}"${path.length ? ` in ${where}` : ''}: ${firstSentence(missingSpec.description)}${missingReason(missingSpec)}`,
        { severity: missingSpec.required, path: [...path, missing] });
      return;
    }
    case 'enum': {
      const allowed = (spec.values ?? []).map((v) => v.value);
      const value = String(node.value);
      // A value the same array already lists is no fix: it would only make a duplicate (#18.6).
      const listed = new Set(node.parent?.type === 'array' ? (node.parent.children ?? []).map((item): unknown => item.value) : []);
      const field = String(path.filter((segment) => typeof segment === 'string').pop() ?? where);
      const alias = spec.aliases && Object.hasOwn(spec.aliases, value) ? spec.aliases[value] : undefined;
      if (alias && listed.has(alias)) {
        // Another name for a value listed already: the fix is to remove it (removeDuplicate).
        ctx.reportValue('duplicate-value', node, `"${value}" is another name for "${alias}", which is listed already. Remove it.`, { suggestions: [alias] });
        return;
      }
      if (alias) {
        ctx.reportValue('unknown-value', node, `"${value}" is not a valid ${field}: Kasm calls it "${alias}".`,
          { severity: spec.closedValues, suggestions: [alias] });
        return;
      }
      const near = nearMisses(value, allowed).filter((v) => !listed.has(v));
      const offered = near.length ? near : allowed.filter((v) => !listed.has(v));
      ctx.reportValue('unknown-value', node,
        `"${value}" is not a valid ${field}. Use ${allowed.map((a) => `"${a}"`).join(', ')}${near.length ? ` (did you mean "${near[0]}"?)` : ''}.`,
        { severity: spec.closedValues, suggestions: offered });
      return;
    }
    case 'pattern': {
      const value = String(node.value);
      const fixed = /^\d+\.\d+$/.test(value) ? `${value}.x` : undefined;
      // Beside versions that do match, a stray "1.15" matches nothing and harms nothing: the entry is still listed
      // for the others (kasm-format.md §12). Alone, no Kasm version lists the entry.
      const harmless = node.parent ? listsAVersion(node.parent) : false;
      ctx.reportValue('version-format', node,
        `"${value}" is not a Kasm version: write "M.m.x" for every release of a version, or an exact "M.m.p"${fixed ? ` (did you mean "${fixed}"?)` : ''}.`
        + (harmless ? ' It matches no Kasm version; the entry is still listed for its other versions.' : ''),
        { suggestions: fixed ? [fixed] : undefined, severity: harmless ? 'info' : undefined });
      return;
    }
  }
}

const VERSION = new RegExp(VERSION_PATTERN);
/** Whether an array holds a well-formed version string; once per array (a fuzzed list of 10,000 made it quadratic). */
const listsAVersion = (() => {
  const known = new WeakMap<Node, boolean>();
  return (list: Node): boolean => {
    let answer = known.get(list);
    if (answer === undefined) known.set(list, answer = (list.children ?? []).some((item) => typeof item.value === 'string' && VERSION.test(item.value)));
    return answer;
  };
})();

function missingReason(spec: FieldSpec): string {
  return ` ${spec.whenMissing ?? 'The registry README requires it.'}`;
}

/** ajv's instancePath ("/compatibility/0/image") as a path whose array indexes are numbers. */
function toJsonPath(value: unknown, pointer: string): JsonPath {
  const path: JsonPath = [];
  let current = value;
  for (const raw of pointer.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(current)) {
      path.push(Number(segment));
      current = current[Number(segment)];
    } else {
      path.push(segment);
      current = (current as Record<string, unknown> | undefined)?.[segment];
    }
  }
  return path;
}

function jsonTypeOf(value: unknown, nodeType: string): string {
  if (nodeType === 'null') return 'null';
  if (nodeType === 'number' && Number.isInteger(value)) return 'integer';
  return nodeType;
}

/** The value a string was probably meant to be ("4096" → 4096, "true" → true), for a quick fix. */
function coerce(value: unknown, expected: readonly string[]): number | boolean | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (expected.includes('boolean') && /^(true|false)$/i.test(text)) return text.toLowerCase() === 'true';
  if ((expected.includes('integer') && /^-?\d+$/.test(text)) || (expected.includes('number') && /^-?\d+(\.\d+)?$/.test(text))) return Number(text);
  return undefined;
}
