import { Node } from 'jsonc-parser';
import { Range } from 'vscode-languageserver-types';
import { JsonPath, KasmDocument, hasPropertyNamed, missingPropertyRange, nodeAt, pathOf, propertyValue, valueRange } from '../service/document';
import { SchemaVersion } from '../service/kasm/knowledge';

/** A string value an entry gives, and where to underline it. */
interface StringFact { value: string; range: Range; path: JsonPath }

/**
 * What the cross-entry rules need of one entry, taken from its tree once per version: a registry keeps these
 * instead of a thousand syntax trees, and a keystroke in one entry compares them without parsing the others.
 */
export interface EntryFacts {
  strings: Partial<Record<'friendly_name' | 'name' | 'image_src', StringFact>>;
  /** The compatibility objects: whether each gives available_tags (a channel), and where to say it does not. */
  channels: { hasTags: boolean; range: Range }[];
  /** Where a schema mismatch is underlined (the compatibility key, else the entry's "{"); undefined without a root. */
  schemaRange?: Range;
  hasCompatibility: boolean;
  /** The Kasm versions the entry names (1.0: the strings; 1.1: each object's version), and where. */
  versions: { value: string; range: Range }[];
}

export function entryFacts(doc: KasmDocument): EntryFacts {
  const strings: EntryFacts['strings'] = {};
  for (const key of ['friendly_name', 'name', 'image_src'] as const) {
    const node = nodeAt(doc, [key]);
    if (node?.type === 'string') strings[key] = { value: String(node.value), range: valueRange(doc, node), path: pathOf(node) };
  }
  const compatibility = nodeAt(doc, ['compatibility']);
  const channels = (compatibility?.type === 'array' ? compatibility.children ?? [] : [])
    .filter((element) => element.type === 'object')
    .map((element) => ({ hasTags: hasPropertyNamed(element, 'available_tags'), range: missingPropertyRange(doc, element) }));
  const schemaRange = doc.root && missingPropertyRange(doc, compatibility ?? doc.root);
  const versions = (compatibility?.type === 'array' ? compatibility.children ?? [] : [])
    .map((element) => (element.type === 'object' ? propertyValue(element, 'version') : element))
    .filter((node): node is Node => node?.type === 'string')
    .map((node) => ({ value: String(node.value), range: valueRange(doc, node) }));
  return { strings, channels, schemaRange, hasCompatibility: compatibility !== undefined, versions };
}

export interface RegistryEntry {
  file: string;
  schema: SchemaVersion;
  facts: EntryFacts;
}
