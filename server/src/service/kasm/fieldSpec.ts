/**
 * The shapes every piece of Kasm knowledge is written in: field descriptions, known values, severities, and
 * the documentation they link to.
 */

export type SchemaVersion = '1.0' | '1.1';
export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';
export type Severity = 'error' | 'warning' | 'info' | 'hint';

export const DOCS = {
  /** This project's page of diagnostic codes; each code has an anchor there. */
  rules: 'https://github.com/kasm-registry-tools/kasm-workspace-registry/blob/main/docs/rules.md',
  workspaces: 'https://kasmweb.com/docs/latest/guide/workspaces.html',
  registry: 'https://kasmweb.com/docs/latest/guide/workspace_registry.html',
  launchConfig: 'https://kasmweb.com/docs/latest/guide/launch_config.html',
  template: 'https://github.com/kasmtech/workspaces_registry_template#readme',
  dockerRun: 'https://docker-py.readthedocs.io/en/stable/containers.html',
  dockerExec: 'https://docker-py.readthedocs.io/en/stable/containers.html#docker.models.containers.Container.exec_run',
  dockerReference: 'https://docs.docker.com/reference/cli/docker/image/tag/',
} as const;

export interface KnownValue { value: string; description: string }

/** A description of one JSON value or property, with everything a feature needs to know about it. */
export interface FieldSpec {
  key: string;
  type: JsonType | readonly JsonType[];
  /** What Kasm does with it, in Markdown. */
  description: string;
  docs: string;
  default?: string | number | boolean;
  /** The value text inserted when the key is completed (snippet syntax). */
  insertValue?: string;
  values?: readonly KnownValue[];
  /** Other names authors write for a known value (`x86` for `amd64`): reported with the known value as the fix. */
  aliases?: Readonly<Record<string, string>>;
  /** When set, a value outside `values` is reported with this severity (and the schema gets an enum). */
  closedValues?: Severity;
  pattern?: string;
  items?: FieldSpec;
  properties?: readonly FieldSpec[];
  /** Spec of the values of a map (keys chosen by the author). */
  additionalProperties?: FieldSpec;
  /** Severity of a key that is not in `properties`; undefined = keys are not checked. */
  unknownKeys?: Severity;
  /** Severity when the property is missing from its object; undefined = optional. */
  required?: Severity;
  /** What goes wrong without it, for the missing-property message (default: the README requires it). */
  whenMissing?: string;
  /** Severity of a wrong JSON type (default error; loosely checked places use warning). */
  typeSeverity?: Severity;
  /** Where a wrong type has its own diagnostic code and advice (e.g. 1.0 strings in a 1.1 compatibility list). */
  typeCode?: string;
  typeAdvice?: string;
}
