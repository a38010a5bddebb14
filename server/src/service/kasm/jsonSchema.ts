import { FieldSpec, SchemaVersion, workspaceSpec } from './knowledge';

/** A JSON Schema (draft-07) object, as far as this project writes one. */
export interface JsonSchema {
  [keyword: string]: unknown;
}

export function schemaId(version: SchemaVersion): string {
  return `https://kasm-registry-tools.invalid/schemas/workspace-${version}.schema.json`;
}

/** The JSON Schema of a workspace.json for one registry schema version, derived from the knowledge module. */
export function workspaceJsonSchema(version: SchemaVersion): JsonSchema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: schemaId(version),
    title: `Kasm Workspaces registry entry (workspace.json), registry schema ${version}`,
    ...fieldSchema(workspaceSpec(version)),
  };
}

function fieldSchema(spec: FieldSpec): JsonSchema {
  const schema: JsonSchema = {
    type: spec.type,
    description: spec.description.replace(/`/g, ''),
    markdownDescription: `${spec.description}\n\n[Documentation](${spec.docs})`,
  };
  if (spec.default !== undefined && spec.default !== '[]') schema.default = spec.default;
  if (spec.values) {
    if (spec.closedValues) schema.enum = spec.values.map((v) => v.value);
    else schema.examples = spec.values.map((v) => v.value);
  }
  if (spec.pattern) schema.pattern = spec.pattern;
  if (spec.items) schema.items = fieldSchema(spec.items);
  if (spec.properties) {
    schema.properties = Object.fromEntries(spec.properties.map((p) => [p.key, fieldSchema(p)]));
    const required = spec.properties.filter((p) => p.required).map((p) => p.key);
    if (required.length) schema.required = required;
  }
  if (spec.additionalProperties) schema.additionalProperties = fieldSchema(spec.additionalProperties);
  return schema;
}
