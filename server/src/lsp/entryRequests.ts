/**
 * What the extension asks of entries beyond the editor's own requests: summaries for the icon preview and the
 * registry gallery, and the schema of a registry for New Kasm Workspace…. The extension reads and judges nothing
 * itself; the answers come from the same service and rules as the diagnostics (#16.8).
 */
import { Connection, TextDocuments } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ciBranch, registryAt } from '../registry/context';
import { schemaVerdict } from '../registry/crossEntryRules';
import { CHECK_LIMITS, filePathOf, fileUri, jsonValue } from '../service/document';
import { isKasmEntry } from '../service/entryDetection';
import { EntrySummary } from '../service/features/entrySummary';
import { AddVersionOutcome, ImageQuestions, addKasmVersion, addableVersion, confirmNewImages, versionsToAdd } from '../service/features/addVersion';
import { WorkspaceFileSystem, readText } from '../service/fileSystem';
import { NEWEST_SCHEMA, SCHEMA_VERSIONS, SchemaVersion, minorReleases } from '../service/kasm/knowledge';
import { KasmLanguageService } from '../service/languageService';
import { DocumentSettings } from '../service/settings';
import { ServerHost, settled } from './host';
import * as path from '../service/paths';
import { EntryView, isExactKasmVersion, registryChannels, visibleEntries } from '../registry/visibility';
import {
  ADD_VERSION_REQUEST, AddVersionParams, AddVersionResult, ENTRY_SUMMARIES_REQUEST, EntrySummariesParams, EntrySummariesResult,
  REGISTRY_SCHEMA_REQUEST, REGISTRY_VIEW_REQUEST, RegistrySchemaParams, RegistrySchemaResult, RegistryViewParams, RegistryViewResult,
} from './protocol';

const rangeOf = (document: TextDocument, offset: number, length: number) =>
  ({ start: document.positionAt(offset), end: document.positionAt(offset + length) });

/** More entries than any registry has; a larger request is answered for these only. */
const MAX_SUMMARIES = 50_000;

export interface EntryRequestContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  /** The editor's document for a file, under whatever URI the editor opened it with. */
  openDocument: (file: string) => TextDocument | undefined;
  service: () => KasmLanguageService;
  fileSystem: () => WorkspaceFileSystem;
  settings: (uri: string) => Promise<DocumentSettings>;
  host: ServerHost;
  /** The registries' answers, where the host can ask them (the desktop server); asked only when the user opted in. */
  images?: () => ImageQuestions | undefined;
}

interface Planned { uri: string; document: TextDocument; schema: SchemaVersion; outcome: AddVersionOutcome }
/** How long Add Kasm Version waits for registries before it says which images it could not confirm. */
const CONFIRM_MS = 30_000;

export function registerEntryRequests(context: EntryRequestContext): void {
  const { connection, documents, host } = context;
  const settle = <T>(compute: () => T) => settled(host, compute);

  /** The entry's document: the editor's, else the file on disk when it is a Kasm entry; the flag says which. */
  function entryDocument(uri: string): { document: TextDocument; open: boolean } | undefined {
    const file = filePathOf(uri);
    const open = documents.get(uri) ?? (file === undefined ? undefined : context.openDocument(file));
    if (open) return { document: open, open: true };
    const text = file === undefined ? undefined : readText(context.fileSystem(), file, CHECK_LIMITS.maxBytes);
    if (typeof text !== 'string' || !isKasmEntry(file!, text)) return undefined;
    return { document: TextDocument.create(uri, 'json', 0, text), open: false };
  }

  async function summaryOf(uri: unknown): Promise<EntrySummary | null> {
    if (typeof uri !== 'string') return null;
    const found = await settle(() => entryDocument(uri));
    if (!found) return null;
    const settings = await context.settings(uri);
    try {
      return await settle(() => context.service().summary(found.document, settings));
    } finally {
      if (!found.open) context.service().forget(uri);
    }
  }

  connection.onRequest(ENTRY_SUMMARIES_REQUEST, async (params: EntrySummariesParams): Promise<EntrySummariesResult> => {
    const uris = Array.isArray(params?.uris) ? params.uris.slice(0, MAX_SUMMARIES) : [];
    const summaries: EntrySummariesResult = [];
    for (const uri of uris) summaries.push(await summaryOf(uri).catch(() => null));
    return summaries;
  });

  /** The registry's entries (text and schema), and its schema as the cross-entry rules expect it. */
  async function readRegistry(root: string): Promise<{ entries: EntryView[]; schema: SchemaVersion }> {
    const { files } = await host.findEntries(root, () => false);
    const counts = new Map<SchemaVersion, number>(SCHEMA_VERSIONS.map((schema) => [schema, 0]));
    const entries: EntryView[] = [];
    for (const file of files) {
      const uri = fileUri(file);
      const found = await settle(() => entryDocument(uri));
      if (!found) continue;
      const schema = context.service().schemaVersion(found.document, await context.settings(uri)).version;
      counts.set(schema, (counts.get(schema) ?? 0) + 1);
      if (!found.open) context.service().forget(uri);
      entries.push({ entry: path.relative(root, file).split(path.sep).join('/'), value: jsonValue(found.document.getText()), schema });
    }
    // The schema the cross-entry rules expect of the registry: its branch, its build scripts, a clear majority.
    const registry = await settle(() => registryAt(root, context.fileSystem(), { ciBranch: ciBranch(host.environment) }));
    return { entries, schema: schemaVerdict(counts, registry).expected ?? NEWEST_SCHEMA };
  }

  connection.onRequest(REGISTRY_SCHEMA_REQUEST, async (params: RegistrySchemaParams): Promise<RegistrySchemaResult> => {
    const root = typeof params?.uri === 'string' ? filePathOf(params.uri) : undefined;
    if (!root) return { schema: NEWEST_SCHEMA, entries: 0, icons: [] };
    const { entries, schema } = await readRegistry(root);
    const icons = entries.flatMap(({ value }) => {
      const icon = (value as { image_src?: unknown } | undefined)?.image_src;
      return typeof icon === 'string' ? [icon.replace(/^\.\//, '')] : [];
    });
    return { schema, entries: entries.length, icons };
  });

  connection.onRequest(ADD_VERSION_REQUEST, async (params: AddVersionParams): Promise<AddVersionResult> => {
    const versions = [...versionsToAdd(NEWEST_SCHEMA), ...versionsToAdd('1.0')];
    const uris = Array.isArray(params?.uris) ? params.uris.filter((u): u is string => typeof u === 'string').slice(0, MAX_SUMMARIES) : [];
    const { version } = params ?? {};
    if (typeof version !== 'string') return { versions, entries: [] };
    const known = uris.length ? (await context.settings(uris[0])).versions : [];
    if (!addableVersion(version, known)) {
      return { versions, entries: [], refused: `"${version}" is not a Kasm version (M.m.x or M.m.p of a release, or the next one)` };
    }
    const planned: Planned[] = [];
    for (const uri of uris) {
      const found = await settle(() => entryDocument(uri));
      if (!found) continue; // another tool's workspace.json
      const { document } = found;
      const schema = context.service().schemaVersion(document, await context.settings(uri)).version;
      if (!found.open) context.service().forget(uri);
      planned.push({ uri, document, schema, outcome: addKasmVersion(document.getText(), schema, version) });
    }
    await confirmImages(planned, version);
    return {
      versions,
      entries: planned.map(({ uri, document, outcome }) => (outcome.kind === 'skipped' ? { uri, skipped: outcome.reason } : {
        uri, image: outcome.image, edits: outcome.edits.map((e) => ({ range: rangeOf(document, e.offset, e.length), newText: e.content })),
      })),
    };
  });

  /**
   * With kasm.images.online on, each new image is asked of its registry, as `add-version --online` does: the size
   * estimated, the nearest tag of the release taken, or the entry left alone and said (#29.3).
   */
  async function confirmImages(planned: Planned[], version: string): Promise<void> {
    const images = context.images?.();
    if (!images || !planned.length || !(await context.settings(planned[0].uri)).onlineImages) return;
    const asked = planned.flatMap((p) => (p.outcome.kind === 'added' && p.outcome.image ? [{ requester: p.uri, image: p.outcome.image }] : []));
    const adjustments = await confirmNewImages(images, asked, version, CONFIRM_MS);
    for (const entry of planned) {
      const adjust = adjustments.get(entry.uri);
      if (adjust === undefined) continue;
      entry.outcome = typeof adjust === 'string' ? { kind: 'skipped', reason: adjust } : addKasmVersion(entry.document.getText(), entry.schema, version, adjust);
    }
  }

  connection.onRequest(REGISTRY_VIEW_REQUEST, async (params: RegistryViewParams): Promise<RegistryViewResult> => {
    const root = typeof params?.uri === 'string' ? filePathOf(params.uri) : undefined;
    if (!root) return { schema: NEWEST_SCHEMA, releases: [], channels: [] };
    const { entries, schema } = await readRegistry(root);
    const releases = minorReleases().filter((line) => line.schema === schema).flatMap((line) => [...line.releases].reverse());
    const { kasmVersion, channel } = params;
    const view = typeof kasmVersion === 'string' && isExactKasmVersion(kasmVersion)
      ? visibleEntries(entries, schema, kasmVersion, typeof channel === 'string' && channel ? channel : undefined) : undefined;
    return { schema, releases, channels: registryChannels(entries.map((e) => e.value)), view };
  });
}
