/**
 * The GitHub Action (action.yml): kasm-registry-lint with its inputs from INPUT_* variables, annotations on the
 * pull request through the `github` format, a job summary, an optional SARIF file, and the counts as step outputs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SCHEMA_VERSIONS } from '../service/kasm/knowledge';
import { RegistrySchemaSetting } from '../service/schemaVersion';
import { LintConfig, lowersRule } from '../service/lintConfig';
import { RULES } from '../service/diagnostics/rules';
import { format, workflowCommand } from './formats';
import { LintConfigError, UsageError, VERSION, counts, lint, lintOnline, relativeFile } from './lint';
import { jobSummary } from './summary';

type Environment = Readonly<Record<string, string | undefined>>;

/** An input as the runner passes it: INPUT_<NAME>, upper case, spaces as underscores (hyphens stay). */
const input = (environment: Environment, name: string) => (environment[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();

/** A boolean input as GitHub writes them (`true`/`false`, any case); anything else is a usage error. */
function booleanInput(environment: Environment, name: string): boolean {
  const value = input(environment, name).toLowerCase();
  if (value === '' || value === 'false') return false;
  if (value === 'true') return true;
  throw new UsageError(`${name} must be true or false, not "${input(environment, name)}"`);
}

/** Why a file could not be written, in words (the error codes of mkdir and writeFile). */
const WRITE_FAILURES: Readonly<Record<string, string>> = {
  EEXIST: 'part of the path is a file, not a folder', ENOTDIR: 'part of the path is a file, not a folder',
  EISDIR: 'it is a folder', EACCES: 'permission denied', EPERM: 'permission denied', EROFS: 'the file system is read-only',
};

/** Writes `text` to `file` (relative to the workspace), making its folder; a path that cannot be written is a usage error. */
function writeInput(workspace: string, name: string, file: string, text: string): void {
  const target = path.resolve(workspace, file);
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    throw new UsageError(`cannot write ${name} "${file}": ${WRITE_FAILURES[code] ?? (error as Error).message}`);
  }
}

export async function runAction(environment: Environment, out: (s: string) => void): Promise<number> {
  const workspace = environment.GITHUB_WORKSPACE ?? process.cwd();
  try {
    const schema = input(environment, 'schema') || 'auto';
    if (!['auto', ...SCHEMA_VERSIONS].includes(schema)) throw new UsageError(`schema must be auto, ${SCHEMA_VERSIONS.join(' or ')}, not "${schema}"`);
    const maxWarnings = input(environment, 'max-warnings');
    if (maxWarnings && !/^\d+$/.test(maxWarnings)) throw new UsageError(`max-warnings must be a whole number, not "${maxWarnings}"`);
    const options = {
      schema: schema as RegistrySchemaSetting, allowEmpty: booleanInput(environment, 'allow-empty'), ignoreConfig: booleanInput(environment, 'ignore-config'),
    };
    const paths = [input(environment, 'path') || '.'];
    const { results, configs } = booleanInput(environment, 'online')
      ? await lintOnline(paths, options, workspace, { cacheFolder: environment.RUNNER_TEMP && path.join(environment.RUNNER_TEMP, 'kasm-registry-lint') }, out)
      : lint(paths, options, workspace);
    out(format('github', results, { color: false, version: VERSION }));
    if (PULL_REQUEST_EVENTS.has(environment.GITHUB_EVENT_NAME ?? '')) out(loweredRules(configs, workspace));
    const sarif = input(environment, 'sarif');
    if (sarif) writeInput(workspace, 'sarif', sarif, format('sarif', results, { color: false, version: VERSION }));
    const { errors, warnings, entries } = counts(results);
    if (environment.GITHUB_OUTPUT) fs.appendFileSync(environment.GITHUB_OUTPUT, `errors=${errors}\nwarnings=${warnings}\nentries=${entries}\n`);
    if (environment.GITHUB_STEP_SUMMARY) fs.appendFileSync(environment.GITHUB_STEP_SUMMARY, jobSummary(results));
    out(`kasm-registry-lint: ${entries} entries, ${errors} errors, ${warnings} warnings\n`);
    if (maxWarnings && warnings > Number(maxWarnings)) {
      out(workflowCommand('error', { title: 'kasm-registry-lint' }, `${warnings} warnings, more than max-warnings ${maxWarnings}`));
      return 1;
    }
    return errors ? 1 : 0;
  } catch (error) {
    if (error instanceof LintConfigError) {
      for (const config of error.configs) {
        for (const { range, message } of config.problems) out(workflowCommand('error', { ...at(config, range, workspace), title: 'kasm(lint-config)' }, message));
      }
      out(workflowCommand('error', { title: 'kasm-registry-lint' }, 'A .kasm-lint.json is not valid; nothing was checked. Fix it, or set ignore-config: true.'));
      return 2;
    }
    if (!(error instanceof UsageError)) throw error;
    out(workflowCommand('error', { title: 'kasm-registry-lint' }, error.message));
    return 2;
  }
}

/** Events whose code comes from a pull request: its own `.kasm-lint.json` could silence the check that judges it. */
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target']);

/** A file position as annotation properties, relative to the workspace. */
function at(config: LintConfig, range: LintConfig['problems'][number]['range'], workspace: string) {
  return { file: relativeFile(workspace, config.file), line: range.start.line + 1, col: range.start.character + 1 };
}

/**
 * On a pull request, every rule the `.kasm-lint.json` files turn off or lower, as a warning on the line that does it
 * (#27.9): a reviewer sees what the check no longer says, and `ignore-config: true` checks without them.
 */
function loweredRules(configs: readonly LintConfig[], workspace: string): string {
  return configs.flatMap((config) => config.rules
    .filter(({ code, severity }) => lowersRule(code, severity))
    .map(({ code, severity, range }) => workflowCommand('warning', { ...at(config, range, workspace), title: 'kasm(lint-config)' },
      `${severity === 'off' ? 'Turns off' : `Lowers to ${severity}`} the rule "${code}" (usually ${RULES[code].severity}) for this registry: `
      + 'its problems are not reported. Set ignore-config: true to check with the default severities.'))).join('');
}
