/**
 * `kasm-registry-lint add-version <version> [--write] [--entry NAME]… [--online] [PATH]`: upgrade day (#29.3). Each
 * chosen entry gets a compatibility for the new Kasm version (service/features/addVersion.ts); without --write the
 * change is printed as a diff and nothing is written. With --online the new image tag is confirmed to exist (else
 * the nearest tag of the new release is used, or the entry is left alone and said) and the size estimated from the
 * image's compressed layers.
 */
import { createTwoFilesPatch } from 'diff';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { nodeFileSystem, writeFileWhole } from '../node/nodeFileSystem';
import { findWorkspaceFiles } from '../node/workspaceFiles';
import { CHECK_LIMITS, fileUri } from '../service/document';
import { AddVersionOutcome, ImageAdjustment, addKasmVersion, addableVersion, confirmNewImages } from '../service/features/addVersion';
import { readText } from '../service/fileSystem';
import { createLanguageService } from '../service/languageService';
import { LintConfigs } from '../service/lintConfig';
import { escapeControl } from './formats';
import { UsageError, cliOnlineImages, relativeFile } from './lint';

export const ADD_VERSION_USAGE = `Usage: kasm-registry-lint add-version <version> [options] [path]

Adds a compatibility for a Kasm version (e.g. 1.20.x) to each entry of the registry at path (default:
the current folder) that lacks it, copied from the entry's newest one: the image tag moved to the new
release where it follows the release (…:1.19.0 → …:1.20.0), uncompressed_size_mb carried over. Prints
the change as a diff; nothing is written without --write. Entries that have the version are left alone.

Options:
  --write              write the entries
  --entry <name>       only this entry (its folder name or path; repeatable)
  --online             confirm each new image tag exists (else use the nearest tag of the new release, or
                       leave the entry) and estimate its size from the image's layers
  --allow-host <host>  let --online ask this host although it is this machine or a private address
  --cache-dir <dir>    where --online keeps answers
`;

interface Planned { file: string; name: string; before: string; outcome: AddVersionOutcome }

export async function runAddVersion(args: string[], cwd: string, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try { parsed = parse(args); } catch (error) { throw new UsageError((error as Error).message); }
  const { values, positionals } = parsed;
  if (values.help) { out(ADD_VERSION_USAGE); return 0; }
  const [version, folder = '.', ...extra] = positionals;
  if (!version) throw new UsageError('add-version needs a Kasm version, e.g. add-version 1.20.x');
  if (extra.length) throw new UsageError('add-version takes one registry folder');
  const root = path.resolve(cwd, folder);
  const configs = new LintConfigs(nodeFileSystem);
  if (!addableVersion(version, configs.rulesFor(path.join(root, 'workspace.json')).versions)) {
    throw new UsageError(`"${version}" is not a Kasm version this tool knows (M.m.x or M.m.p); name a newer one in .kasm-lint.json "versions"`);
  }
  const wanted = values.entry ?? [];
  const files = findWorkspaceFiles(root).filter((file) => !wanted.length || wanted.some((name) => matches(root, file, name)));
  if (!files.length) throw new UsageError(wanted.length ? `no entry named ${wanted.join(', ')} in "${folder}"` : `no workspace.json found in "${folder}"`);
  const service = createLanguageService({ fileSystem: nodeFileSystem });
  const plan = (file: string, text: string, adjust?: ImageAdjustment) =>
    addKasmVersion(text, service.schemaVersion(TextDocument.create(fileUri(file), 'json', 1, text)).version, version, adjust);
  let planned: Planned[] = files.map((file) => {
    const text = readText(nodeFileSystem, file, CHECK_LIMITS.maxBytes);
    const name = relativeFile(root, file);
    if (typeof text !== 'string') return { file, name, before: '', outcome: { kind: 'skipped', reason: 'cannot be read' } };
    return { file, name, before: text, outcome: plan(file, text) };
  });
  if (values.online) {
    const adjustments = await confirmImages(planned, version, { allowHosts: values['allow-host'] ?? [], cacheFolder: values['cache-dir'] }, err);
    planned = planned.map((p) => {
      const adjust = adjustments.get(p.file);
      if (adjust === undefined) return p;
      return { ...p, outcome: typeof adjust === 'string' ? { kind: 'skipped', reason: adjust } : plan(p.file, p.before, adjust) };
    });
  }
  const added = planned.flatMap((p) => (p.outcome.kind === 'added' ? [{ ...p, after: p.outcome.text }] : []));
  for (const { file, name, before, after } of added) {
    // Through a temporary file: a failed write leaves the entry as it was.
    if (values.write) await writeFileWhole(file, after);
    else out(createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 3 }));
  }
  for (const { name, outcome } of planned) if (outcome.kind === 'skipped') err(`kasm-registry-lint: ${escapeControl(name)}: left alone: ${escapeControl(outcome.reason)}\n`);
  err(`kasm-registry-lint: ${version} ${values.write ? 'added to' : 'would be added to'} ${added.length} of ${planned.length} entries${values.write || !added.length ? '' : ' (--write to write them)'}\n`);
  return 0;
}

/** Whether a file is the entry a user named: its folder's name or its path from the registry. */
function matches(root: string, file: string, name: string): boolean {
  const folder = relativeFile(root, path.dirname(file));
  return folder === name.replace(/\/+$/, '') || path.basename(path.dirname(file)) === name || relativeFile(root, file) === name;
}

/**
 * Asks each new image's registry: found → the size estimated from its layers; tag missing → the nearest tag of the
 * new release, or a reason to leave the entry alone; no answer → a reason too (nothing unconfirmed is written).
 */
async function confirmImages(
  planned: readonly Planned[], version: string, online: { allowHosts: readonly string[]; cacheFolder?: string }, err: (s: string) => void,
): Promise<Map<string, ImageAdjustment | string>> {
  const images = cliOnlineImages(online, err);
  const asked = planned.flatMap((p) => (p.outcome.kind === 'added' && p.outcome.image ? [{ requester: p.file, image: p.outcome.image }] : []));
  const adjustments = await confirmNewImages(images, asked, version);
  await images.save();
  return adjustments;
}

function parse(args: string[]) {
  return parseArgs({
    args, allowPositionals: true, strict: true,
    options: {
      write: { type: 'boolean' }, entry: { type: 'string', multiple: true }, online: { type: 'boolean' },
      'allow-host': { type: 'string', multiple: true }, 'cache-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' },
    },
  });
}
