/**
 * `kasm-registry-lint visible --kasm-version 1.19.0 [--channel TAG] [--format json|stylish] [--schema …] [PATH]`: the
 * registry as an admin on that Kasm version sees it (#29.1), from registry/visibility.ts.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { nodeFileSystem } from '../node/nodeFileSystem';
import { findWorkspaceFiles } from '../node/workspaceFiles';
import { ciBranch, registryAt } from '../registry/context';
import { schemaVerdict } from '../registry/crossEntryRules';
import { EntryView, Visibility, isExactKasmVersion, visibleEntries } from '../registry/visibility';
import { CHECK_LIMITS, fileUri, jsonValue } from '../service/document';
import { readText } from '../service/fileSystem';
import { NEWEST_SCHEMA, SCHEMA_VERSIONS, SchemaVersion } from '../service/kasm/knowledge';
import { createLanguageService } from '../service/languageService';
import { escapeControl } from './formats';
import { UsageError, relativeFile } from './lint';

export const VISIBLE_USAGE = `Usage: kasm-registry-lint visible --kasm-version <M.m.p> [options] [path]

Lists the entries an admin on that Kasm version sees in the registry at path (default: the current
folder), with the image each would install, and those Kasm hides, with the reason.

Options:
  --kasm-version <v>   the Kasm release, e.g. 1.19.0 (required)
  --channel <tag>      the channel the registry is added with (an available_tags value)
  --schema <version>   ${SCHEMA_VERSIONS.join(' | ')}: the registry's schema (default: told from its branch or entries)
  --format <name>      stylish | json (default: stylish)
`;

export function runVisible(args: string[], cwd: string, out: (s: string) => void): number {
  let parsed: ReturnType<typeof parse>;
  try { parsed = parse(args); } catch (error) { throw new UsageError((error as Error).message); }
  const { values, positionals } = parsed;
  if (values.help) { out(VISIBLE_USAGE); return 0; }
  const kasmVersion = values['kasm-version'];
  if (!kasmVersion || !isExactKasmVersion(kasmVersion)) throw new UsageError(`visible needs --kasm-version as a Kasm release such as 1.19.0${kasmVersion ? `, not "${kasmVersion}"` : ''}`);
  const format = values.format ?? 'stylish';
  if (format !== 'stylish' && format !== 'json') throw new UsageError(`unknown format "${format}" for visible; use stylish or json`);
  if (values.schema !== undefined && !(SCHEMA_VERSIONS as readonly string[]).includes(values.schema)) throw new UsageError(`unknown schema "${values.schema}"`);
  if (positionals.length > 1) throw new UsageError('visible takes one registry folder');
  const root = path.resolve(cwd, positionals[0] ?? '.');
  const files = findWorkspaceFiles(root);
  if (!files.length) throw new UsageError(`no workspace.json found in "${positionals[0] ?? '.'}"`);
  const service = createLanguageService({ fileSystem: nodeFileSystem });
  const entries: EntryView[] = files.map((file) => {
    const text = readText(nodeFileSystem, file, CHECK_LIMITS.maxBytes);
    const document = TextDocument.create(fileUri(file), 'json', 1, typeof text === 'string' ? text : '');
    return { entry: relativeFile(root, file), value: jsonValue(document.getText()), schema: service.schemaVersion(document).version };
  });
  const count = (schema: SchemaVersion) => entries.filter((e) => e.value !== undefined && e.schema === schema).length;
  const counts = new Map<SchemaVersion, number>(SCHEMA_VERSIONS.map((schema) => [schema, count(schema)]));
  const schema = (values.schema as SchemaVersion | undefined)
    ?? schemaVerdict(counts, registryAt(root, nodeFileSystem, { ciBranch: ciBranch(process.env) })).expected ?? NEWEST_SCHEMA;
  const result = visibleEntries(entries, schema, kasmVersion, values.channel);
  out(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : stylish(result));
  return 0;
}

function parse(args: string[]) {
  return parseArgs({
    args, allowPositionals: true, strict: true,
    options: { 'kasm-version': { type: 'string' }, channel: { type: 'string' }, schema: { type: 'string' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
}

function stylish(result: Visibility): string {
  const name = (entry: { entry: string; friendly_name: string }) => escapeControl(entry.friendly_name || entry.entry);
  const lines = [
    `Kasm ${result.kasmVersion}${result.channel ? `, channel "${escapeControl(result.channel)}"` : ''}, registry schema ${result.schema}:`
    + ` ${result.visible.length} listed, ${result.hidden.length} hidden`, '',
    ...result.visible.map((v) => `  listed  ${name(v)}  ${escapeControl(v.image)}`),
    ...result.hidden.map((h) => `  hidden  ${name(h)}  (${escapeControl(h.entry)}): ${escapeControl(h.reason)}`),
  ];
  return `${lines.join('\n')}\n`;
}
