/**
 * A registry's own rule settings, `.kasm-lint.json`, found from an entry's folder upward (#18): a severity per
 * diagnostic code or "off", the categories it means, Kasm versions newer than this extension knows. The editor's
 * `kasm.*` settings go on top; the CLI reads the same file.
 */
import { parse } from 'jsonc-parser';
import { WorkspaceFileSystem, readText } from './fileSystem';
import * as path from './paths';
import { RuleSettings, ruleSettingsFrom } from './settings';

export const LINT_CONFIG_FILE = '.kasm-lint.json';
/** A rule file is a few hundred bytes; a larger one is not read. */
const LINT_CONFIG_MAX_BYTES = 256 * 1024;

export interface LintConfig { file: string; settings: RuleSettings }

/** A `.kasm-lint.json`'s text (TOO_LARGE past the cap, undefined when unreadable): for reading it and editing it. */
export function readLintConfigText(fileSystem: WorkspaceFileSystem, file: string): ReturnType<typeof readText> {
  return readText(fileSystem, file, LINT_CONFIG_MAX_BYTES);
}

/** The nearest `.kasm-lint.json` in `folder` or above it, or undefined. */
export function findLintConfig(fileSystem: WorkspaceFileSystem, folder: string): LintConfig | undefined {
  for (let at = folder; ; at = path.dirname(at)) {
    const file = path.join(at, LINT_CONFIG_FILE);
    if (fileSystem.isFile(file)) {
      const text = readLintConfigText(fileSystem, file);
      return { file, settings: typeof text === 'string' ? ruleSettingsFrom(parse(text) as unknown) : {} };
    }
    if (path.dirname(at) === at) return undefined;
  }
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
