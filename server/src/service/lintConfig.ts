/**
 * A registry's own rule settings, `.kasm-lint.json`, found from an entry's folder upward (#18): a severity per
 * diagnostic code or "off", the categories it means, Kasm versions newer than this extension knows. The editor's
 * `kasm.*` settings go on top; the CLI reads the same file through the same resolver (#27.11).
 *
 * A file that is not valid (syntax, an unknown key or code, a severity that is none) is ignored as a whole and
 * reported, as ESLint treats its config (#27.2): half of a config applied would check a registry in a way nobody
 * wrote down.
 */
import { Node, ParseError, parseTree, printParseErrorCode } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Range } from 'vscode-languageserver-types';
import { RULES, RuleCode } from './diagnostics/rules';
import { WorkspaceFileSystem, TOO_LARGE, readText } from './fileSystem';
import { propertiesOf, treeDepth } from './document';
import * as path from './paths';
import { AGENT_KEYS, AGENT_SIZES, AgentSize, RULE_SEVERITIES, RuleSettings, RuleSeverity } from './settings';

export const LINT_CONFIG_FILE = '.kasm-lint.json';
/** A rule file is a few hundred bytes; a larger one is not read. */
const LINT_CONFIG_MAX_BYTES = 256 * 1024;
/** The file nests two levels; anything far deeper is not a config (and must not reach a recursive parser's limit). */
const LINT_CONFIG_MAX_DEPTH = 16;
/** Keys an object may have that would set its prototype or constructor when read naively: never read (#27.9). */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export interface LintConfigProblem { range: Range; message: string }
type Report = (node: { offset: number; length: number }, message: string) => void;

/** One rule the file sets, where: what a pull request that silences its own check is shown (#27.9). */
export interface LintConfigRule { code: RuleCode; severity: RuleSeverity; range: Range }

export interface LintConfig {
  file: string;
  /** What the file says; empty when it has problems (then it is ignored). */
  settings: RuleSettings;
  rules: LintConfigRule[];
  problems: LintConfigProblem[];
}

/** A `.kasm-lint.json`'s text (TOO_LARGE past the cap, undefined when unreadable): for reading it and editing it. */
export function readLintConfigText(fileSystem: WorkspaceFileSystem, file: string): ReturnType<typeof readText> {
  return readText(fileSystem, file, LINT_CONFIG_MAX_BYTES);
}

/** The JSON Schema of `.kasm-lint.json` (schemas/kasm-lint.schema.json): completion of codes and severities in any editor. */
export function lintConfigJsonSchema(): object {
  const severity = { enum: [...RULE_SEVERITIES] };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/kasm-registry-tools/kasm-workspace-registry/blob/main/schemas/kasm-lint.schema.json',
    title: 'Kasm registry rule settings (.kasm-lint.json)',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      rules: {
        type: 'object', description: 'A severity per diagnostic code, or "off".', additionalProperties: false,
        properties: Object.fromEntries(Object.entries(RULES)
          .map(([code, rule]) => [code, { ...severity, description: `${rule.summary} (usually ${rule.severity})` }])),
      },
      categories: { type: 'array', items: { type: 'string' }, description: 'Categories the registry means beyond Kasm\'s own: never called misspellings.' },
      versions: { type: 'array', items: { type: 'string' }, description: 'Kasm versions newer than this extension knows (e.g. "1.20.x").' },
      agent: {
        type: 'object', additionalProperties: false,
        description: 'The largest agent your users run sessions on: an entry asking more cores, memory or GPUs gets a warning.',
        properties: Object.fromEntries(AGENT_KEYS.map((key) => {
          const { type, description } = AGENT_SIZES[key];
          return [key, { type, minimum: 0, description }];
        })),
      },
    },
  };
}

/** Reads and checks one `.kasm-lint.json`. */
export function readLintConfig(fileSystem: WorkspaceFileSystem, file: string): LintConfig {
  const text = readLintConfigText(fileSystem, file);
  const start = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  if (typeof text !== 'string') {
    const why = text === TOO_LARGE ? `larger than ${LINT_CONFIG_MAX_BYTES / 1024} KB` : 'not a regular file that can be read';
    return { file, settings: {}, rules: [], problems: [{ range: start, message: `${LINT_CONFIG_FILE} is ${why}: it is ignored.` }] };
  }
  return lintConfigFromText(file, text);
}

/** A `.kasm-lint.json` from its text: its settings, or, when it has any problem, the problems and no settings. */
export function lintConfigFromText(file: string, text: string): LintConfig {
  const document = TextDocument.create('file:///', 'json', 0, text);
  const at = (offset: number, length: number): Range => ({ start: document.positionAt(offset), end: document.positionAt(offset + length) });
  const problems: LintConfigProblem[] = [];
  const report: Report = (node, message) => problems.push({ range: at(node.offset, node.length), message });
  const errors: ParseError[] = [];
  let root: Node | undefined;
  let tooDeep = false;
  try {
    root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  } catch {
    tooDeep = true; // the parser's recursion ran out of stack (20 KB of "[")
  }
  for (const error of errors.slice(0, 20)) report(error, `Not valid JSON: ${printParseErrorCode(error.error)}.`);
  if (tooDeep || (root && treeDepth(root, LINT_CONFIG_MAX_DEPTH) > LINT_CONFIG_MAX_DEPTH)) {
    report({ offset: 0, length: 1 }, `Nested more than ${LINT_CONFIG_MAX_DEPTH} levels deep: this is not a ${LINT_CONFIG_FILE}.`);
  }
  const rules: LintConfigRule[] = [];
  const settings: { rules: Record<string, RuleSeverity>; categories?: string[]; versions?: string[]; agent?: AgentSize } = { rules: {} };
  if (root && !problems.length) {
    if (root.type !== 'object') report(root, `${LINT_CONFIG_FILE} must be an object: { "rules": { … }, "categories": [ … ], "versions": [ … ], "agent": { … } }.`);
    for (const { name: key, key: keyNode, value } of propertiesOf(root)) {
      if (!value) continue; // a key without a value is a syntax error, reported above
      if (UNSAFE_KEYS.has(key)) report(keyNode, `"${key}" is not a setting; it is ignored so that it cannot change how the file is read.`);
      else if (key === 'rules') readRules(value, settings.rules, rules, report, at);
      else if (key === 'categories' || key === 'versions') settings[key] = readStrings(value, key, report);
      else if (key === 'agent') settings.agent = readAgent(value, report);
      else if (key !== '$schema') report(keyNode, `Unknown setting "${key}"; ${LINT_CONFIG_FILE} has "rules", "categories", "versions" and "agent".`);
    }
  }
  if (problems.length) return { file, settings: {}, rules: [], problems };
  const { categories, versions, agent } = settings;
  return { file, settings: { rules: settings.rules, categories, versions, agent }, rules, problems };
}

function readRules(
  node: Node, into: Record<string, RuleSeverity>, rules: LintConfigRule[],
  report: Report, at: (offset: number, length: number) => Range,
): void {
  if (node.type !== 'object') return report(node, '"rules" must be an object: a severity per rule code, e.g. { "size-zero": "off" }.');
  for (const { name: code, key: keyNode, value } of propertiesOf(node)) {
    if (!value) continue;
    if (!Object.hasOwn(RULES, code) || UNSAFE_KEYS.has(code)) {
      report(keyNode, `Unknown rule code "${code}" (the codes are listed in docs/rules.md).`);
    } else if (value.type !== 'string' || !RULE_SEVERITIES.includes(value.value as RuleSeverity)) {
      report(value, `The severity of "${code}" must be one of ${RULE_SEVERITIES.map((s) => `"${s}"`).join(', ')}.`);
    } else {
      into[code] = value.value as RuleSeverity;
      const range = at(keyNode.offset, value.offset + value.length - keyNode.offset);
      rules.push({ code: code as RuleCode, severity: value.value as RuleSeverity, range });
    }
  }
}

function readAgent(node: Node, report: Report): AgentSize {
  const agent: AgentSize = {};
  if (node.type !== 'object') {
    report(node, '"agent" must be an object: the largest agent\'s { "cores": 8, "memory": 16384, "gpus": 0 } (memory in MB).');
    return agent;
  }
  for (const { name, key, value } of propertiesOf(node)) {
    if (!value) continue;
    const size = AGENT_KEYS.find((k) => k === name);
    if (!size) report(key, `Unknown agent size "${name}"; an agent has "cores", "memory" (MB) and "gpus".`);
    else if (value.type !== 'number' || (value.value as number) < 0) report(value, `The agent's "${name}" must be a number, 0 or more.`);
    else if (AGENT_SIZES[size].type === 'integer' && !Number.isInteger(value.value)) report(value, `The agent's "${name}" must be a whole number.`);
    else agent[size] = value.value as number;
  }
  return agent;
}

function readStrings(node: Node, key: string, report: Report): string[] {
  if (node.type !== 'array') {
    report(node, `"${key}" must be a list of strings.`);
    return [];
  }
  const strings: string[] = [];
  for (const item of node.children ?? []) {
    if (item.type === 'string') strings.push(item.value as string);
    else report(item, `"${key}" holds strings only.`);
  }
  return strings;
}

/**
 * The `.kasm-lint.json` in force for each file: the nearest in its folder or above, read once per folder. Every
 * host (the editor's open documents, its registry scan, the CLI) asks this, so an entry shows the same problems
 * everywhere (#27.11).
 */
export class LintConfigs {
  private readonly byFolder = new Map<string, LintConfig | undefined>();

  constructor(
    private readonly fileSystem: WorkspaceFileSystem,
    private readonly ignore = false,
    /** A workspace the user has not trusted: its configs may make rules stricter, never quieter (#27.10). */
    private readonly untrusted = false,
  ) {}

  /** The config in force in a folder, or undefined when there is none (or configs are ignored). */
  forFolder(folder: string): LintConfig | undefined {
    if (this.ignore) return undefined;
    const passed: string[] = [];
    let found: LintConfig | undefined;
    for (let at = folder; ; at = path.dirname(at)) {
      if (this.byFolder.has(at)) { found = this.byFolder.get(at); break; }
      passed.push(at);
      const file = path.join(at, LINT_CONFIG_FILE);
      if (this.fileSystem.isFile(file) || this.fileSystem.changeStamp(file) !== undefined) {
        found = readLintConfig(this.fileSystem, file);
        break;
      }
      if (path.dirname(at) === at) break;
    }
    for (const at of passed) this.byFolder.set(at, found);
    return found;
  }

  /** The rule settings for an entry: its config's, or none when the config has problems (it is ignored then). */
  rulesFor(file: string): RuleSettings {
    const settings = this.forFolder(path.dirname(file))?.settings ?? {};
    return this.untrusted ? onlyStricter(settings) : settings;
  }

  /** Every config read so far (the ones with problems are reported on the file). */
  read(): LintConfig[] {
    return [...new Set([...this.byFolder.values()].filter((c): c is LintConfig => c !== undefined))];
  }

  clear(): void {
    this.byFolder.clear();
  }
}

const RANK: Readonly<Record<RuleSeverity, number>> = { error: 0, warning: 1, info: 2, hint: 3, off: 4 };

/** Whether a severity set for a rule reports its problems less loudly than the rule does by default. */
export function lowersRule(code: RuleCode, severity: RuleSeverity): boolean {
  return RANK[severity] > RANK[RULES[code].severity];
}

/**
 * What an untrusted config may say: severities raised and the agent (it only adds warnings); no rule lowered, no
 * category or version accepted.
 */
function onlyStricter(settings: RuleSettings): RuleSettings {
  const rules = Object.entries(settings.rules ?? {}).filter(([code, severity]) => !lowersRule(code as RuleCode, severity));
  return { rules: Object.fromEntries(rules), agent: settings.agent };
}

/** The nearest `.kasm-lint.json` in `folder` or above it, or undefined. */
export function findLintConfig(fileSystem: WorkspaceFileSystem, folder: string): LintConfig | undefined {
  return new LintConfigs(fileSystem).forFolder(folder);
}

/**
 * Where a registry's `.kasm-lint.json` belongs for an entry: the one in force, else the registry's root (the folder
 * holding `workspaces/`), else the entry's own folder.
 */
export function lintConfigFileFor(fileSystem: WorkspaceFileSystem, entryFile: string): string {
  const folder = path.dirname(entryFile);
  const found = findLintConfig(fileSystem, folder);
  if (found) return found.file;
  const workspaces = path.dirname(folder);
  return path.join(path.basename(workspaces) === 'workspaces' ? path.dirname(workspaces) : folder, LINT_CONFIG_FILE);
}
