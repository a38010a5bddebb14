import * as path from '../paths';
import { KasmDiagnostic } from '../diagnostics/context';
import { iconFilesIn } from '../icon';
import { FieldSpec, NEWEST_SCHEMA, SchemaVersion, compatibilityVersionsFor, specAt, typeList } from '../kasm/knowledge';
import { Edit } from 'jsonc-parser';
import { setAt, together } from './edits';
import { Fix, FixContext, QuickFixProvider } from './fix';
import { lastKey } from './properties';

/** Missing required fields added with sensible values: the field's default, or one derived from the folder. */
export const addMissing: QuickFixProvider = {
  codes: ['missing-required'],
  fixes: (diagnostic, context): Fix[] => [{ title: `Add "${lastKey(diagnostic.data.path)}"`, preferred: true, apply: addField(diagnostic, context) }],
};

/** One action for all the required fields missing from the file. */
export function addAllMissing(diagnostics: KasmDiagnostic[], context: FixContext): Fix | undefined {
  const missing = diagnostics.filter((d) => d.code === 'missing-required');
  if (missing.length < 2) return undefined;
  return { title: `Add the ${missing.length} missing required fields`, apply: together(missing.map((d) => addField(d, context))) };
}

function addField(diagnostic: KasmDiagnostic, context: FixContext): (text: string) => Edit[] {
  const key = lastKey(diagnostic.data.path);
  return (text) => setAt(text, diagnostic.data.path, defaultFor(key, specAt(context.schema, diagnostic.data.path), context));
}

function defaultFor(key: string, spec: FieldSpec | undefined, { doc, schema, fileSystem }: FixContext): unknown {
  const folder = doc.filePath ? path.basename(path.dirname(doc.filePath)) : 'My Workspace';
  const value = doc.value as Record<string, unknown> | undefined;
  const newest = (s: SchemaVersion) => compatibilityVersionsFor(s)[0].value;
  switch (key) {
    case 'friendly_name': return folder;
    case 'description': return `${typeof value?.friendly_name === 'string' ? value.friendly_name : folder} workspace.`;
    case 'image_src': return (doc.filePath && fileSystem ? iconFilesIn(fileSystem, path.dirname(doc.filePath))[0] : undefined) ?? 'icon.png';
    case 'architecture': return ['amd64'];
    case 'name': return 'repository/image:tag';
    case 'image': return typeof value?.name === 'string' ? value.name : 'repository/image:tag';
    case 'version': return newest(NEWEST_SCHEMA);
    // An exec hook's command, to be written: an empty one is a problem of its own (the hook fails).
    case 'cmd': return "bash -c 'echo replace me'";
    case 'compatibility': return schema === '1.0'
      ? [newest('1.0')]
      : [{ version: newest('1.1'), image: typeof value?.name === 'string' ? value.name : 'repository/image:tag', uncompressed_size_mb: 0 }];
  }
  if (spec?.default !== undefined && spec.default !== '[]') return spec.default;
  switch (spec ? typeList(spec)[0] : 'string') {
    case 'integer': case 'number': return 0;
    case 'boolean': return false;
    case 'array': return [];
    case 'object': return {};
    default: return '';
  }
}
