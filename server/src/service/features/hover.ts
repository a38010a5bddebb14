import { Node, findNodeAtOffset } from 'jsonc-parser';
import { Hover, MarkupKind } from 'vscode-languageserver-types';
import { JsonPath, KasmDocument, pathOf, rangeOf, fileUri } from '../document';
import { WorkspaceFileSystem } from '../fileSystem';
import { iconDescription, inspectIcon } from '../icon';
import { escapeMarkdown, markdownUrl } from '../markdown';
import {
  FieldSpec, SCHEMA_VERSIONS, SchemaVersion, judgeCompatibilityVersion, specAt, typeList, workspaceSpec,
} from '../kasm/knowledge';
import { SchemaDetection } from '../schemaVersion';
import { ImageFactsSource, isImagePath } from '../imageFacts';
import { imageDocumentation } from './imageHover';
import { readableMegabytes } from './editorAids';
import { hostAccess, hostAccessSummary } from '../kasm/hostAccess';

const HOST_SETTINGS = ['run_config', 'exec_config', 'volume_mappings'];

/** Hover on a key (what Kasm does with the field) or a value (what the value means; the icon itself). */
export function doHover(
  doc: KasmDocument, offset: number, schema: SchemaDetection, fileSystem: WorkspaceFileSystem | undefined, images?: ImageFactsSource,
): Hover | null {
  if (!doc.root) return null;
  const node = findNodeAtOffset(doc.root, offset, true);
  if (!node || !['string', 'number', 'boolean', 'null'].includes(node.type)) return null;
  const range = rangeOf(doc, node.offset, node.length);
  const property = node.parent?.type === 'property' ? node.parent : undefined;
  const isKey = property?.children?.[0] === node;
  const path: JsonPath = isKey && property ? [...pathOf(property), String(node.value)] : pathOf(node);
  const spec = specAt(schema.version, path);
  if (!spec) return null;
  // On the settings that ask things of the host, the entry's whole trust report first (#29.5).
  const asksHost = isKey && path.length === 1 && HOST_SETTINGS.includes(String(path[0]));
  const trust = asksHost ? hostAccessSummary(hostAccess(doc.value)) : undefined;
  const sections = isKey
    ? [trust && `**${escapeMarkdown(trust)}**`, keyDocumentation(spec, path, schema)]
    : [valueDocumentation(doc, node, path, spec, schema.version, fileSystem, images), keyDocumentation(spec, path, schema)];
  return { contents: { kind: MarkupKind.Markdown, value: sections.filter(Boolean).join('\n\n---\n\n') }, range };
}

function keyDocumentation(spec: FieldSpec, path: JsonPath, schema: SchemaDetection): string {
  const name = path.filter((s) => typeof s === 'string').pop() ?? '';
  const lines = [`**${escapeMarkdown(name) || 'item'}** \`${typeList(spec).join(' | ')}${spec.items ? `<${typeList(spec.items).join(' | ')}>` : ''}\``, spec.description];
  const facts: string[] = [];
  if (spec.required) facts.push(`Required${spec.required === 'error' ? ' (Kasm or the registry build fails without it)' : ' by the registry README'}`);
  if (spec.default !== undefined) facts.push(`Default: \`${spec.default}\``);
  const allowed = spec.values ?? spec.items?.values;
  const closed = spec.closedValues ?? spec.items?.closedValues;
  if (allowed?.length) facts.push(`${closed ? 'Allowed' : 'Known'} values: ${allowed.map((v) => `\`${v.value}\``).join(', ')}`);
  if (path.length === 1) {
    const versions = SCHEMA_VERSIONS.filter((v) => workspaceSpec(v).properties?.some((p) => p.key === name));
    facts.push(`Registry schema ${versions.join(' and ')}; this file: ${schema.version} (${schema.reason})`);
  }
  if (facts.length) lines.push(facts.map((f) => `- ${f}`).join('\n'));
  lines.push(`[Documentation](${spec.docs})`);
  return lines.join('\n\n');
}

function valueDocumentation(
  doc: KasmDocument, node: Node, path: JsonPath, spec: FieldSpec, schema: SchemaVersion, fileSystem: WorkspaceFileSystem | undefined,
  images: ImageFactsSource | undefined,
): string {
  const value: unknown = node.value;
  if (images && typeof value === 'string' && isImagePath(path, schema)) return imageDocumentation(value, images, doc.textDocument.uri);
  const known = spec.values?.find((v) => v.value === value);
  if (path[0] === 'image_src' && typeof value === 'string') return iconDocumentation(doc, value, fileSystem);
  if (typeof value === 'string' && spec.pattern) return versionDocumentation(value, schema);
  if (path.length === 1 && path[0] === 'memory' && typeof value === 'number') {
    // Under 1,000 MB in MB only: 8 MB is not "0.01 GB" (#29.7).
    const gb = value >= 1000 ? ` = ${readableMegabytes(value)}` : '';
    return `**${value} MB**${gb} (${(value * 1e6).toLocaleString('en-US')} bytes in Kasm)`;
  }
  if (known) return `**${known.value}**: ${known.description}`;
  return '';
}

function versionDocumentation(written: string, schema: SchemaVersion): string {
  const verdict = judgeCompatibilityVersion(written);
  const version = escapeMarkdown(written);
  switch (verdict.kind) {
    case 'known':
      if (schema === '1.0' && !written.endsWith('.x')) return `**${version}**: Kasm 1.13–1.15 look for \`${verdict.major}.${verdict.minor}.x\` in a schema 1.0 entry, so this exact version never matches.`;
      return `**Kasm ${version}**: releases ${verdict.releases.join(', ')}. Kasm ${verdict.major}.${verdict.minor} reads registry schema ${verdict.schema}${verdict.schema === schema ? '.' : `, not ${schema}: it never sees this entry.`}`;
    case 'unknown': return `**${version}**: no such Kasm release (newest known: ${verdict.newest}).`;
    case 'next': return `**${version}**: the next Kasm release after ${verdict.newest}, not out yet; registries list it ahead with develop tags.`;
    case 'before-registries': return `**${version}**: Kasm ${verdict.major}.${verdict.minor} has no workspace registries (since 1.13).`;
    case 'malformed': return `**${version}**: not a Kasm version; write \`M.m.x\` or \`M.m.p\`.`;
  }
}

/** The icon itself when it can be shown, and what the icon rule says of it (an editor may not show diagnostics in a hover). */
function iconDocumentation(doc: KasmDocument, written: string, fileSystem: WorkspaceFileSystem | undefined): string {
  const icon = inspectIcon(written, doc.filePath, fileSystem);
  const name = escapeMarkdown(written);
  // What is wrong with the icon is the diagnostic's to say: VS Code shows it in the same hover (#29.7).
  return icon.kind === 'image' ? [`![${name}](${markdownUrl(fileUri(icon.file))}|width=96)`, `**${name}**: ${iconDescription(icon)}`].join('\n\n') : `**${name}**`;
}
