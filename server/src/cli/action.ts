/**
 * The GitHub Action (action.yml): kasm-registry-lint with its inputs from INPUT_* variables, annotations on the
 * pull request through the `github` format, an optional SARIF file, and the counts as step outputs.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SCHEMA_VERSIONS } from '../service/kasm/knowledge';
import { RegistrySchemaSetting } from '../service/schemaVersion';
import { format } from './formats';
import { UsageError, VERSION, counts, lint } from './lint';

type Environment = Readonly<Record<string, string | undefined>>;

/** An input as the runner passes it: INPUT_<NAME>, upper case, spaces as underscores (hyphens stay). */
const input = (environment: Environment, name: string) => (environment[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();

export function runAction(environment: Environment, out: (s: string) => void): number {
  const workspace = environment.GITHUB_WORKSPACE ?? process.cwd();
  try {
    const schema = input(environment, 'schema') || 'auto';
    if (!['auto', ...SCHEMA_VERSIONS].includes(schema)) throw new UsageError(`schema must be auto, ${SCHEMA_VERSIONS.join(' or ')}, not "${schema}"`);
    const maxWarnings = input(environment, 'max-warnings');
    if (maxWarnings && !/^\d+$/.test(maxWarnings)) throw new UsageError(`max-warnings must be a whole number, not "${maxWarnings}"`);
    const results = lint([input(environment, 'path') || '.'], schema as RegistrySchemaSetting, workspace);
    out(format('github', results, { color: false, version: VERSION }));
    const sarif = input(environment, 'sarif');
    if (sarif) fs.writeFileSync(path.resolve(workspace, sarif), format('sarif', results, { color: false, version: VERSION }));
    const { errors, warnings, entries } = counts(results);
    if (environment.GITHUB_OUTPUT) fs.appendFileSync(environment.GITHUB_OUTPUT, `errors=${errors}\nwarnings=${warnings}\nentries=${entries}\n`);
    out(`kasm-registry-lint: ${entries} entries, ${errors} errors, ${warnings} warnings\n`);
    if (maxWarnings && warnings > Number(maxWarnings)) {
      out(`::error title=kasm-registry-lint::${warnings} warnings, more than max-warnings ${maxWarnings}\n`);
      return 1;
    }
    return errors ? 1 : 0;
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    out(`::error title=kasm-registry-lint::${error.message}\n`);
    return 2;
  }
}

if (require.main === module) process.exitCode = runAction(process.env, (s) => process.stdout.write(s));
