/**
 * kasm-registry-lint's work: the editor's checks for a whole registry, for CI (cli/main.ts runs it). Same rules, codes and messages as
 * the language server. Exit 0 clean (or warnings within --max-warnings), 1 errors or too many warnings, 2 bad usage.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { SCHEMA_VERSIONS } from '../service/kasm/knowledge';
import { hostAccess } from '../service/kasm/hostAccess';
import { jsonValue } from '../service/document';
import { createLanguageService } from '../service/languageService';
import { nodeFileSystem } from '../node/nodeFileSystem';
import { findWorkspaceFiles } from '../node/workspaceFiles';
import { RegistryIndex } from '../registry/registryIndex';
import { LINT_CONFIG_FILE, LintConfig, LintConfigs } from '../service/lintConfig';
import { ciBranch, registryAt } from '../registry/context';
import { RegistrySchemaSetting } from '../service/schemaVersion';
import { FORMATS, FormatName, LintResult, format, toLintMessage } from './formats';
import { ImageFactsSource } from '../service/imageFacts';
import { createNodeOnlineImages, defaultCacheFolder } from '../node/registryFetch';
import { OnlineImages } from '../online/onlineImages';
import { runVisible } from './visible';
import { runAddVersion } from './addVersion';

declare const KASM_VERSION: string | undefined;
export const VERSION = typeof KASM_VERSION === 'string' ? KASM_VERSION : '0.0.0-dev';

const USAGE = `Usage: kasm-registry-lint [options] [paths...]
       kasm-registry-lint visible --kasm-version <M.m.p> [--channel <tag>] [path]   (--help for its options)
       kasm-registry-lint add-version <M.m.x> [--write] [--entry <name>] [path]      (--help for its options)

Checks every workspace.json under each path (default: the current folder) as Kasm and the
registry build read it, with the same rules as the Kasm Workspaces extension for VS Code.

Options:
  --format <name>      ${FORMATS.join(' | ')} (default: stylish)
  --schema <version>   auto | ${SCHEMA_VERSIONS.join(' | ')}: registry schema to check against (default: auto)
  --max-warnings <n>   exit 1 when there are more than n warnings (default: no limit)
  --quiet              report errors only
  --no-color           plain stylish output (also when NO_COLOR is set or output is not a terminal)
  --online             also ask each image's registry (anonymously) whether the tag exists, for
                       which architectures, and how big it is; answers are kept in --cache-dir
  --cache-dir <dir>    where --online keeps answers (default: $XDG_CACHE_HOME/kasm-registry-lint)
  --online-budget <s>  seconds --online may take in all (default: 60); then it ends its requests and
                       says how many images were not checked
  --allow-host <host>  let --online ask this host although it is this machine, a private address or
                       plain HTTP (HOST allows every port, HOST:PORT one; repeat for more)
  --ignore-config      check with the default severities, ignoring every ${LINT_CONFIG_FILE}
  --allow-empty        exit 0 when a folder holds no workspace.json (default: exit 2, as a wrong
                       path is the likelier cause)
  -h, --help           this text
  -v, --version        the version

Exit codes: 0 no errors (and warnings within --max-warnings), 1 errors or too many warnings,
2 bad usage, an unreadable path, or no workspace.json found.
`;

export class UsageError extends Error {}

/** A `.kasm-lint.json` that is not valid: nothing is checked with it (exit 2, as ESLint does for a bad config). */
export class LintConfigError extends UsageError {
  constructor(readonly configs: readonly LintConfig[], cwd: string) {
    super([
      ...configs.flatMap((config) => config.problems.map(({ range, message }) =>
        `${path.relative(cwd, config.file)}:${range.start.line + 1}:${range.start.character + 1}: ${message}`)),
      `${LINT_CONFIG_FILE} is not valid: fix it, or run with --ignore-config to check with the default severities.`,
    ].join('\n'));
  }
}

/** What decides how entries are checked, whoever runs the check (the command, the Action). */
export interface LintOptions {
  schema: RegistrySchemaSetting;
  /** A folder without any workspace.json is fine (else a usage error: the path is likelier wrong than the registry empty). */
  allowEmpty: boolean;
  /** Every `.kasm-lint.json` is ignored: default severities (a pull request's own config must not silence its check). */
  ignoreConfig?: boolean;
  /** Each result names what its entry asks of the host (#29.5): only the json format prints it. */
  hostAccess?: boolean;
}

/** What a lint run found: each file's problems, and the `.kasm-lint.json` files that set its rules. */
export interface LintRun { results: LintResult[]; configs: LintConfig[] }

interface Options extends LintOptions {
  paths: string[];
  format: FormatName;
  maxWarnings?: number;
  quiet: boolean;
  color: boolean;
  online: boolean;
  cacheDir?: string;
  allowHosts: string[];
  onlineBudgetMs: number;
}

export function parseArguments(args: string[], isTty: boolean): Options | 'help' | 'version' {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    // parseArgs says what was wrong ("Unknown option '--x'"), in its own words.
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  if (values.version) return 'version';
  const format = values.format ?? 'stylish';
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format "${format}"; use ${FORMATS.join(', ')}`);
  const schema = values.schema ?? 'auto';
  if (!['auto', ...SCHEMA_VERSIONS].includes(schema)) throw new UsageError(`unknown schema "${schema}"; use auto, ${SCHEMA_VERSIONS.join(', ')}`);
  if (values['max-warnings'] !== undefined && !/^\d+$/.test(values['max-warnings'])) {
    throw new UsageError(`--max-warnings takes a whole number, not "${values['max-warnings']}"`);
  }
  if (values['online-budget'] !== undefined && !/^\d+(\.\d+)?$/.test(values['online-budget'])) {
    throw new UsageError(`--online-budget takes seconds, not "${values['online-budget']}"`);
  }
  if (positionals.some((p) => p === '')) throw new UsageError('an empty path names nothing; give a folder or a workspace.json');
  return {
    paths: positionals.length ? positionals : ['.'],
    format: format as FormatName,
    schema: schema as RegistrySchemaSetting,
    maxWarnings: values['max-warnings'] === undefined ? undefined : Number(values['max-warnings']),
    quiet: values.quiet ?? false,
    color: isTty && !process.env.NO_COLOR && !values['no-color'],
    online: values.online ?? false,
    cacheDir: values['cache-dir'],
    allowEmpty: values['allow-empty'] ?? false,
    allowHosts: values['allow-host'] ?? [],
    onlineBudgetMs: Number(values['online-budget'] ?? 60) * 1000,
    ignoreConfig: values['ignore-config'] ?? false,
    hostAccess: format === 'json',
  };
}

/** The options, by node:util's parseArgs: `--name value`, `--name=value`, and `--` before paths that start with "-". */
function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string' }, schema: { type: 'string' }, 'max-warnings': { type: 'string' },
      quiet: { type: 'boolean' }, 'no-color': { type: 'boolean' }, online: { type: 'boolean' }, 'cache-dir': { type: 'string' }, 'allow-empty': { type: 'boolean' }, 'ignore-config': { type: 'boolean' },
      'allow-host': { type: 'string', multiple: true }, 'online-budget': { type: 'string' }, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'v' },
    },
  });
}

/** Lints the registries at `paths`; a file path is linted on its own. With `images`, online facts known so far count. */
export function lint(paths: string[], options: LintOptions, cwd: string, images?: ImageFactsSource): LintRun {
  const onError = (error: unknown) => process.stderr.write(`kasm-registry-lint: a check failed (a bug): ${(error as Error).stack ?? String(error)}\n`);
  const service = createLanguageService({ fileSystem: nodeFileSystem, images, onError });
  const results: LintResult[] = [];
  // Each entry's nearest .kasm-lint.json, as the editor resolves it (#27.11).
  const configs = new LintConfigs(nodeFileSystem, options.ignoreConfig);
  for (const given of paths) {
    const target = path.resolve(cwd, given);
    let stat: fs.Stats;
    try { stat = fs.statSync(target); } catch { throw new UsageError(`cannot read "${given}": no such file or folder`); }
    if (stat.isDirectory()) {
      // A folder we may not list would otherwise look like an empty registry: "0 entries, all clean".
      try { fs.readdirSync(target); } catch { throw new UsageError(`cannot read the folder "${given}"`); }
    }
    const root = stat.isDirectory() ? target : path.dirname(target);
    const registry = registryAt(root, nodeFileSystem, { ciBranch: ciBranch(process.env) });
    const index = new RegistryIndex(service, registry,
      (file) => ({ registrySchema: options.schema, ...configs.rulesFor(file), onlineImages: images !== undefined }));
    if (stat.isDirectory()) {
      const files = findWorkspaceFiles(root);
      if (!files.length && !options.allowEmpty) throw new UsageError(`no workspace.json found in "${given}" (--allow-empty to accept that)`);
      index.load(files);
    } else if (!index.refresh(target, { anyContent: true })) {
      throw new UsageError(`cannot read "${given}"`);
    }
    for (const [file, { own, crossEntry }] of index.diagnostics()) {
      const messages = [...own, ...crossEntry].map(toLintMessage).sort((a, b) => a.line - b.line || a.column - b.column);
      // What the entry asks of the host, from the text checked: not read a second time, so never another one.
      const asks = options.hostAccess ? { hostAccess: hostAccess(jsonValue(index.text(file) ?? '')).map((ask) => ask.label) } : {};
      results.push({ file: relativeFile(cwd, file), diagnostics: messages, ...asks });
    }
  }
  const invalid = configs.read().filter((config) => config.problems.length);
  if (invalid.length) throw new LintConfigError(invalid, cwd);
  return { results, configs: configs.read() };
}

/** A file's path from `from`, with forward slashes: how every output names files, on any system. */
export function relativeFile(from: string, file: string): string {
  return path.relative(from, file).split(path.sep).join('/');
}

/** Errors, warnings and entries of a lint run: what decides the exit status, and what the Action reports. */
export function counts(results: LintResult[]): { errors: number; warnings: number; entries: number } {
  const all = results.flatMap((r) => r.diagnostics);
  return {
    errors: all.filter((d) => d.severity === 'error').length,
    warnings: all.filter((d) => d.severity === 'warning').length,
    entries: results.length,
  };
}

/**
 * The command line's online image source (lint and add-version): answers kept in the cache folder, what goes wrong
 * said on standard error, and no build dates, which only an editor's hover shows (#27.14).
 */
export function cliOnlineImages(
  online: { cacheFolder?: string; allowHosts?: readonly string[]; budgetMs?: number }, err: (s: string) => void,
): OnlineImages {
  const allowHosts = online.allowHosts ?? [];
  return createNodeOnlineImages({
    onAnswer: () => undefined, log: (message) => err(`kasm-registry-lint: ${message}\n`), allowedHosts: () => allowHosts,
    budgetMs: online.budgetMs, readsBuildDates: false,
  }, { cacheFolder: online.cacheFolder ?? defaultCacheFolder() });
}

/** Questions to registries come from a check, and answers bring more (tags, once an image is found): a few rounds. */
const ONLINE_ROUNDS = 4;

/** Lints with online image checks: checks, waits for the registries' answers, and checks again until nothing is asked. */
export async function lintOnline(
  paths: string[], options: LintOptions, cwd: string, online: { cacheFolder?: string; allowHosts?: readonly string[]; budgetMs?: number },
  err: (s: string) => void,
): Promise<LintRun> {
  const budgetMs = online.budgetMs ?? 60_000;
  const images = cliOnlineImages({ ...online, budgetMs }, err);
  let run = lint(paths, options, cwd, images);
  for (let round = 1; round < ONLINE_ROUNDS && images.busy; round++) {
    await images.settled();
    run = lint(paths, options, cwd, images);
  }
  await images.save();
  const { checked, problems } = images.status();
  err(`kasm-registry-lint: images checked online: ${checked}, not found: ${problems}\n`);
  if (images.budgetEnded) {
    err(`kasm-registry-lint: online checks ended early: their ${budgetMs / 1000} s (--online-budget) ran out; ${images.unanswered()} images were not checked\n`);
  }
  return run;
}

export async function main(
  args: string[], io: { cwd: string; isTty: boolean; out: (s: string) => void; err: (s: string) => void },
): Promise<number> {
  try {
    if (args[0] === 'visible') return runVisible(args.slice(1), io.cwd, io.out);
    if (args[0] === 'add-version') return await runAddVersion(args.slice(1), io.cwd, io.out, io.err);
    const options = parseArguments(args, io.isTty);
    if (options === 'help') { io.out(USAGE); return 0; }
    if (options === 'version') { io.out(`${VERSION}\n`); return 0; }
    let { results } = options.online
      ? await lintOnline(options.paths, options, io.cwd,
        { cacheFolder: options.cacheDir, allowHosts: options.allowHosts, budgetMs: options.onlineBudgetMs }, io.err)
      : lint(options.paths, options, io.cwd);
    if (options.quiet) results = results.map((r) => ({ ...r, diagnostics: r.diagnostics.filter((d) => d.severity === 'error') }));
    io.out(format(options.format, results, { color: options.color, version: VERSION }));
    const { errors, warnings } = counts(results);
    if (options.maxWarnings !== undefined && warnings > options.maxWarnings) {
      io.err(`kasm-registry-lint: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}\n`);
      return 1;
    }
    return errors ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`kasm-registry-lint: ${error.message}\nRun kasm-registry-lint --help for the options.\n`);
      return 2;
    }
    throw error;
  }
}
