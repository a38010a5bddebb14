import { EXEC_HOOKS, FieldSpec, SCHEMA_VERSIONS, SchemaVersion, compatibilityVersionsFor, specAt, typeList, workspaceSpec } from '../kasm/knowledge';

/** Snippet bodies built from the knowledge module: used by completion and written to snippets/ for VS Code. */

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
 * One schema 1.1 compatibility entry for a Kasm version (`1.18.x`). The image reference is one tab stop: a pasted
 * `org/image:1.0` replaces it whole (#18).
 */
export function compatibilityEntrySnippet(version: string): string {
  return `{\n\t"version": "${version}",\n\t"image": "\${1:repository/image:${version.replace('.x', '.0')}}",\n\t"uncompressed_size_mb": \${2:0}\n}`;
}

/** The value inserted after a completed key: the spec's own snippet, else one shaped by its type. */
export function valueSnippet(spec: FieldSpec): string {
  if (spec.insertValue) return spec.insertValue;
  if (spec.default !== undefined && typeof spec.default !== 'string') return `\${1:${spec.default}}`;
  switch (typeList(spec)[0]) {
    case 'string': return '"$1"';
    case 'array': return '[$1]';
    case 'object': return '{$1}';
    case 'boolean': return '${1|true,false|}';
    default: return '$1';
  }
}

/** Gives each tab stop of a snippet a fresh number, so that snippets can be joined into one. */
function renumber(snippet: string, next: () => number): string {
  const numbers = new Map<string, number>();
  const fresh = (n: string) => { if (!numbers.has(n)) numbers.set(n, next()); return numbers.get(n); };
  return snippet.replace(/\$\{(\d+)/g, (_, n: string) => `\${${fresh(n)}`).replace(/\$(\d+)/g, (_, n: string) => `$${fresh(n)}`);
}

interface VsCodeSnippet { prefix: string; description: string; body: string[] }

/** snippets/kasm-workspace.code-snippets: whole entries, a compatibility entry, exec hooks, a launch-form field. */
export function vscodeSnippets(): Record<string, VsCodeSnippet> {
  const lines = (text: string) => text.replace(/\n$/, '').split('\n');
  const snippets: Record<string, VsCodeSnippet> = {};
  for (const version of SCHEMA_VERSIONS) {
    snippets[`Kasm workspace entry (schema ${version})`] = {
      prefix: `kasm-entry-${version}`,
      description: `A whole workspace.json for registry schema ${version} (${version === '1.0' ? 'Kasm 1.13–1.15' : 'Kasm 1.16 and newer'}).`,
      body: lines(entrySnippet(version)),
    };
  }
  const newest = compatibilityVersionsFor('1.1')[0].value;
  snippets['Kasm compatibility entry (schema 1.1)'] = {
    prefix: 'kasm-compatibility', description: 'What to install on one Kasm version.', body: lines(compatibilityEntrySnippet(newest)),
  };
  for (const hook of EXEC_HOOKS) {
    snippets[`Kasm exec hook ${hook.value}`] = {
      prefix: `kasm-exec-${hook.value.replace('_', '-')}`, description: hook.description,
      body: lines(`"${hook.value}": ${specAt('1.1', ['exec_config', hook.value])?.insertValue ?? '{}'}`),
    };
  }
  const field = specAt('1.1', ['launch_config', 'launch_form', 0]);
  let tabStop = 0;
  snippets['Kasm launch form field'] = {
    prefix: 'kasm-launch-field', description: 'One field of a launch form (launch_config.launch_form).',
    body: lines(`{\n${(field?.properties ?? []).filter((p) => p.required || p.key === 'required' || p.key === 'help')
      .map((p) => `\t"${p.key}": ${renumber(valueSnippet(p), () => ++tabStop)}`).join(',\n')}\n}`),
  };
  return snippets;
}
