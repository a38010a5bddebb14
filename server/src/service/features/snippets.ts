import { releaseFor } from './addVersion';
import { FieldSpec, SCHEMA_VERSIONS, SchemaVersion, compatibilityVersionsFor, specAt, typeList, workspaceSpec } from '../kasm/knowledge';

/**
 * Snippet bodies built from the knowledge module, offered by completion where each fits (#18: no static snippets
 * that show everywhere), and written as they are into the extension's snippet file (snippetFile) for VS Code's
 * *Insert Snippet* and *Fill File with Snippet*.
 */

/** A snippet as VS Code's snippet files hold it. */
interface SnippetFileEntry { description: string; body: string[]; isFileTemplate?: boolean }

/**
 * `snippets/kasm-workspace.code-snippets` (scripts/generate.ts writes it): the whole entry per registry schema as
 * file templates, and the shapes completion offers inside an entry. None has a prefix: VS Code then offers them in
 * *Insert Snippet* and for new files only, never among the suggestions while typing, where completion offers each
 * one just where it fits.
 */
export function snippetFile(): Record<string, SnippetFileEntry> {
  const lines = (body: string) => body.replace(/\n$/, '').split('\n');
  const file: Record<string, SnippetFileEntry> = {};
  for (const version of [...SCHEMA_VERSIONS].reverse()) {
    file[`Kasm workspace entry (registry schema ${version})`] = {
      description: `A whole workspace.json with every field the registry README requires, for registry schema ${version}.`,
      isFileTemplate: true,
      body: lines(entrySnippet(version)),
    };
  }
  const newest = compatibilityVersionsFor('1.1')[0].value;
  file['Kasm compatibility entry (schema 1.1)'] = { description: 'One element of `compatibility`: a Kasm version, the image for it and its size.', body: lines(compatibilityEntrySnippet(newest)) };
  const field = specAt('1.1', ['launch_config', 'launch_form', 0]);
  const execConfig = specAt('1.1', ['exec_config']);
  if (field) file['Kasm launch form field'] = { description: 'One field of `launch_config.launch_form`, with the keys Kasm requires.', body: lines(valueSnippet(field)) };
  if (execConfig) file['Kasm exec hook'] = { description: 'An `exec_config` with one hook (`first_launch`, `go` or `assign`) and its command.', body: lines(valueSnippet(execConfig)) };
  return file;
}

/** A whole entry with every field the registry README requires for a schema version. */
export function entrySnippet(version: SchemaVersion): string {
  let tabStop = 0;
  const body = (workspaceSpec(version).properties ?? [])
    .filter((p) => p.required)
    .map((p) => `\t"${p.key}": ${renumber(valueSnippet(p), () => ++tabStop).replace(/\n/g, '\n\t')}`)
    .join(',\n');
  return `{\n${body}\n}\n`;
}

/**
 * One schema 1.1 compatibility entry for a Kasm version (`1.18.x`): with the entry's own image (its tag moved to the
 * release where it follows the release) and size when it has them (#29.6), else an example of each that the rules
 * accept. The image reference is one tab stop: a pasted `org/image:1.0` replaces it whole (#18).
 */
export function compatibilityEntrySnippet(version: string, own?: { image?: string; size?: number }): string {
  const release = releaseFor(version);
  const image = own?.image ?? `repository/image:${release}`;
  const size = own?.size && own.size > 0 ? own.size : EXAMPLE_SIZE_MB;
  return `{\n\t"version": "${version}",\n\t"image": "\${1:${escapeSnippet(image)}}",\n\t"uncompressed_size_mb": \${2:${size}}\n}`;
}

/** A size `docker image ls` might show for a desktop image: plausible to the size rule, to be replaced. */
const EXAMPLE_SIZE_MB = 2460;

/** Text inside a snippet placeholder: `$`, `}` and `\` are snippet syntax there. */
const escapeSnippet = (text: string) => text.replace(/[$}\\]/g, '\\$&');

/** The value inserted after a completed key: the spec's own snippet, else one shaped by its type. */
export function valueSnippet(spec: FieldSpec): string {
  if (spec.insertValue) return spec.insertValue;
  if (spec.default !== undefined && typeof spec.default !== 'string') return `\${1:${spec.default}}`;
  switch (typeList(spec)[0]) {
    case 'string': return '"$1"';
    case 'array': return '[$1]';
    case 'object': return objectSnippet(spec);
    case 'boolean': return '${1|true,false|}';
    default: return '$1';
  }
}

/**
 * An object with its required properties, each with its own value's snippet (a launch form field, say); `{}` to
 * fill in when nothing is required.
 */
function objectSnippet(spec: FieldSpec): string {
  const required = (spec.properties ?? []).filter((p) => p.required);
  if (!required.length) return '{$1}';
  let tabStop = 0;
  return `{\n${required.map((p) => `\t"${p.key}": ${renumber(valueSnippet(p), () => ++tabStop)}`).join(',\n')}\n}`;
}

/** Gives each tab stop of a snippet a fresh number, so that snippets can be joined into one. */
function renumber(snippet: string, next: () => number): string {
  const numbers = new Map<string, number>();
  const fresh = (n: string) => { if (!numbers.has(n)) numbers.set(n, next()); return numbers.get(n); };
  return snippet.replace(/\$\{(\d+)/g, (_, n: string) => `\${${fresh(n)}`).replace(/\$(\d+)/g, (_, n: string) => `$${fresh(n)}`);
}
