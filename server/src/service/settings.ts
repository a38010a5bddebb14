import { objectOf, stringsOf } from './document';
import { Severity } from './kasm/knowledge';
import { RegistrySchemaSetting } from './schemaVersion';

/** A rule's severity as a registry or a user sets it, or "off". */
export type RuleSeverity = Severity | 'off';
export const RULE_SEVERITIES: readonly RuleSeverity[] = ['error', 'warning', 'info', 'hint', 'off'];

/**
 * What a registry (its `.kasm-lint.json`) or a user (the `kasm.*` settings) says about the rules: a severity per
 * diagnostic code, categories the registry means, Kasm versions newer than this extension knows (#18).
 */
export interface RuleSettings {
  rules?: Readonly<Record<string, RuleSeverity>>;
  /** Categories beyond Kasm's own that the registry uses on purpose: never called misspellings. */
  categories?: readonly string[];
  /** Kasm versions (`1.20.x`, `1.20.0`) that exist though this extension's list does not have them yet. */
  versions?: readonly string[];
  /** The largest agent the registry's users run sessions on (#29.4): an entry asking more never starts there. */
  agent?: AgentSize;
}

/** An agent's size: cores, memory in MB (as an entry's `memory`), GPUs. What is not said is not checked. */
export interface AgentSize { cores?: number; memory?: number; gpus?: number }
/**
 * Each size an agent has, as `.kasm-lint.json`'s reader and its JSON Schema both take it: one table, so that the two
 * cannot disagree (the reader once took 1.5 GPUs that the schema refused). GPUs are counted whole.
 */
export const AGENT_SIZES: Readonly<Record<keyof AgentSize, { type: 'number' | 'integer'; description: string }>> = {
  cores: { type: 'number', description: 'CPU cores of the largest agent.' },
  memory: { type: 'number', description: 'Memory of the largest agent, in MB (as an entry\'s memory).' },
  gpus: { type: 'integer', description: 'GPUs of the largest agent.' },
};
export const AGENT_KEYS = Object.keys(AGENT_SIZES) as readonly (keyof AgentSize)[];

/** The settings that change what the language service reports for a document. */
export interface DocumentSettings extends RuleSettings {
  registrySchema: RegistrySchemaSetting;
  /** The user opted in to asking registries about images (`kasm.images.online`, `--online`); never a registry's say. */
  onlineImages?: boolean;
}

export const DEFAULT_SETTINGS: DocumentSettings = { registrySchema: 'auto' };

/** The strings of a list from a settings value (what is not a string is left out), or undefined for no list. */
export const stringList = (list: unknown): string[] | undefined => (Array.isArray(list) ? stringsOf(list) : undefined);

/** Rule settings from anywhere (a config file, a settings value): only what has the right shape is kept. */
export function ruleSettingsFrom(value: unknown): RuleSettings {
  const record = objectOf(value) ?? {};
  const ruleSeverities = objectOf(record.rules);
  const rules = ruleSeverities
    ? Object.fromEntries(Object.entries(ruleSeverities)
      .filter((entry): entry is [string, RuleSeverity] => RULE_SEVERITIES.includes(entry[1] as RuleSeverity)))
    : undefined;
  return { rules, categories: stringList(record.categories), versions: stringList(record.versions), agent: agentFrom(record.agent) };
}

/** An agent size from a settings value: its non-negative numbers (GPUs whole), or undefined when it says none. */
function agentFrom(value: unknown): AgentSize | undefined {
  const record = objectOf(value) ?? {};
  const sizes = AGENT_KEYS.flatMap((key) => {
    const size = record[key];
    const fits = typeof size === 'number' && Number.isFinite(size) && size >= 0 && (AGENT_SIZES[key].type === 'number' || Number.isInteger(size));
    return fits ? [[key, size] as const] : [];
  });
  return sizes.length ? Object.fromEntries(sizes) : undefined;
}

/** `over` on top of `under`: severities per code and agent sizes from `over` win, lists are joined. */
export function mergeRuleSettings(under: RuleSettings, over: RuleSettings): RuleSettings {
  return {
    rules: { ...under.rules, ...over.rules },
    categories: [...under.categories ?? [], ...over.categories ?? []],
    versions: [...under.versions ?? [], ...over.versions ?? []],
    agent: under.agent || over.agent ? { ...under.agent, ...over.agent } : undefined,
  };
}
