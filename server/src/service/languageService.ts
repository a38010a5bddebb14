import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CodeAction, CodeLens, Diagnostic, CompletionList, DocumentLink, DocumentSymbol, InlayHint, Range, FoldingRange, FormattingOptions, Hover,
  Position, SelectionRange, TextEdit,
} from 'vscode-languageserver-types';
import { getCodeActions } from './codeActions/index';
import { doComplete } from './features/completion';
import { DiagnosticSink, KasmDiagnostic, isKasmDiagnostic } from './diagnostics/context';
import { validateDocument } from './diagnostics/index';
import { KasmDocument, parseKasmDocument } from './document';
import { WorkspaceFileSystem } from './fileSystem';
import { codeLenses, documentLinks, inlayHints } from './features/editorAids';
import { doHover } from './features/hover';
import { EntrySummary, entrySummary } from './features/entrySummary';
import { SchemaDetection, detectSchemaVersion } from './schemaVersion';
import { ImageFactsSource } from './imageFacts';
import { DEFAULT_SETTINGS, DocumentSettings } from './settings';
import { documentSymbols, foldingRanges, formatDocument, selectionRanges } from './features/structure';

/**
 * Parsed documents kept for reuse by the requests on the same version: more than anyone edits side by side. Not
 * more: a parse kept after its document moved on outlives garbage collections for nothing (checking the corpus
 * document after document spent a quarter of its time collecting 64 kept trees).
 */
const MAX_KEPT_PARSES = 8;

export interface LanguageServiceOptions {
  /** Disk access for icons; without it, icon checks that need the disk are skipped. */
  fileSystem?: WorkspaceFileSystem;
  /** Whether completions may use snippet syntax (default true; LSP clients say so in their capabilities). */
  snippetSupport?: boolean;
  /** Whether the client runs the VS Code extension's commands (code lenses, creating a placeholder icon). */
  extensionCommands?: boolean;
  /** Whether the client creates and edits other files through workspace edits (documentChanges with create). */
  fileEdits?: boolean;
  /** Registry answers about images (#17), read only for documents whose settings opt in. */
  images?: ImageFactsSource;
  /** Told of a check that threw (a bug): the host logs it; the file gets a check-degraded warning. */
  onError?(error: unknown): void;
}


export interface CodeActionOptions {
  only?: string[];
  diagnostics?: Diagnostic[];
  invoked?: boolean;
}

export interface KasmLanguageService {
  parse(document: TextDocument): KasmDocument;
  schemaVersion(document: TextDocument, settings?: DocumentSettings): SchemaDetection;
  validate(document: TextDocument, settings?: DocumentSettings): KasmDiagnostic[];
  complete(document: TextDocument, position: Position, settings?: DocumentSettings): CompletionList;
  hover(document: TextDocument, position: Position, settings?: DocumentSettings): Hover | null;
  /**
   * Quick fixes for the problems in `range`, fix-all and the schema conversion. `diagnostics` are those the editor
   * shows there (sent back in the request, with their fix data): quick fixes are built from them without checking
   * the document again; without them (a caller that has none), the document is checked. `invoked`: asked for by
   * the user (Ctrl+.), not by the light bulb on a cursor move; fix-all is offered then too.
   */
  codeActions(document: TextDocument, range: Range, options?: CodeActionOptions, settings?: DocumentSettings): CodeAction[];
  /** The entry as its card shows it (the icon preview, the registry gallery). */
  summary(document: TextDocument, settings?: DocumentSettings): EntrySummary;
  format(document: TextDocument, options: FormattingOptions): TextEdit[];
  documentLinks(document: TextDocument): DocumentLink[];
  inlayHints(document: TextDocument, range: Range): InlayHint[];
  codeLenses(document: TextDocument, settings?: DocumentSettings): CodeLens[];
  documentSymbols(document: TextDocument): DocumentSymbol[];
  foldingRanges(document: TextDocument): FoldingRange[];
  selectionRanges(document: TextDocument, positions: Position[]): SelectionRange[];
  /** Forget the cached parse of a closed document. */
  forget(uri: string): void;
}

/**
 * The workspace.json language service: plain functions over text documents, no transport. The language
 * server, the CLI and the tests all use it.
 */
export function createLanguageService(options: LanguageServiceOptions = {}): KasmLanguageService {
  // One parse per document version: validation, completion and hover of the same version share it. Only the most
  // recently used are kept: a registry of a thousand entries is checked through here too.
  const parsed = new Map<string, KasmDocument>();
  const parse = (document: TextDocument): KasmDocument => {
    const cached = parsed.get(document.uri);
    parsed.delete(document.uri);
    const doc = cached && cached.version === document.version && cached.textDocument === document ? cached : parseKasmDocument(document);
    if (parsed.size >= MAX_KEPT_PARSES) parsed.delete(parsed.keys().next().value as string);
    parsed.set(document.uri, doc);
    return doc;
  };
  const schemaOf = (doc: KasmDocument, settings: DocumentSettings) => detectSchemaVersion(doc.value, settings.registrySchema);
  const imagesFor = (settings: DocumentSettings) => (settings.onlineImages ? options.images : undefined);
  return {
    parse,
    schemaVersion: (document, settings = DEFAULT_SETTINGS) => schemaOf(parse(document), settings),
    validate(document, settings = DEFAULT_SETTINGS) {
      try {
        const doc = parse(document);
        return validateDocument(doc, schemaOf(doc, settings).version, options.fileSystem, settings, imagesFor(settings));
      } catch (error) {
        // A bug of ours must not read as a clean entry (#27.12): the file says its checks failed, and why.
        const sink = new DiagnosticSink();
        sink.report('check-degraded', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          `The Kasm checks failed on this file (${(error as Error).message || String(error)}): its problems are not shown. This is a bug; please report it.`,
          { severity: 'warning' });
        options.onError?.(error);
        return sink.diagnostics;
      }
    },
    complete(document, position, settings = DEFAULT_SETTINGS) {
      const doc = parse(document);
      return doComplete(doc, document.offsetAt(position), schemaOf(doc, settings).version, options.fileSystem,
        { snippetSupport: options.snippetSupport ?? true, images: imagesFor(settings) });
    },
    hover(document, position, settings = DEFAULT_SETTINGS) {
      const doc = parse(document);
      return doHover(doc, document.offsetAt(position), schemaOf(doc, settings), options.fileSystem, imagesFor(settings));
    },
    codeActions(document, range, { only, diagnostics, invoked } = {}, settings = DEFAULT_SETTINGS) {
      const doc = parse(document);
      const schema = schemaOf(doc, settings).version;
      const { fileSystem, extensionCommands = false, fileEdits = false } = options;
      const context = { doc, schema, fileSystem, extensionCommands, fileEdits, settings };
      const validate = () => validateDocument(doc, schema, options.fileSystem, settings, imagesFor(settings));
      // An editor that dropped the fix data gets fixes from a fresh check instead.
      const ours = diagnostics?.filter((d) => d.source === 'kasm');
      const shown = ours?.every(isKasmDiagnostic) ? ours : undefined;
      return getCodeActions(context, range, { only, shown, validate, invoked });
    },
    documentLinks: (document) => documentLinks(parse(document), options.fileSystem),
    inlayHints: (document, range) => inlayHints(parse(document), range),
    codeLenses(document, settings = DEFAULT_SETTINGS) {
      const doc = parse(document);
      return codeLenses(doc, schemaOf(doc, settings).version);
    },
    summary(document, settings = DEFAULT_SETTINGS) {
      const doc = parse(document);
      return entrySummary(doc, schemaOf(doc, settings).version, options.fileSystem);
    },
    format: (document, formatting) => formatDocument(parse(document), formatting),
    documentSymbols: (document) => documentSymbols(parse(document)),
    foldingRanges: (document) => foldingRanges(parse(document)),
    selectionRanges: (document, positions) => selectionRanges(parse(document), positions),
    forget: (uri) => { parsed.delete(uri); },
  };
}
