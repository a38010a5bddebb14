import { Node } from 'jsonc-parser';
import { Diagnostic, DiagnosticSeverity, Range } from 'vscode-languageserver-types';
import { JsonPath, KasmDocument, pathOf, valueRange } from '../document';
import { WorkspaceFileSystem } from '../fileSystem';
import { RuleSettings } from '../settings';
import { ImageFactsSource } from '../imageFacts';
import { DOCS, SchemaVersion, Severity } from '../kasm/knowledge';
import { RULES, RuleCode } from './rules';

/** A replacement value a quick fix offers. */
export type Suggestion = string | number | boolean | null;

/** What a quick fix needs to know about a diagnostic; sent as `Diagnostic.data`. */
export interface KasmDiagnosticData {
  /** JSON path of the value or key the diagnostic is about. */
  path: JsonPath;
  /** Replacement values, best first (nearest allowed value, correctly spelled key, value in MB …). */
  suggestions?: Suggestion[];
}

export interface KasmDiagnostic extends Diagnostic {
  message: string;
  code: RuleCode;
  data: KasmDiagnosticData;
}

/**
 * Whether a diagnostic an editor sent back (in a code action request) is one of ours with its fix data intact:
 * the request comes from outside, so its shape is checked before a fix reads it.
 */
export function isKasmDiagnostic(diagnostic: Diagnostic): diagnostic is KasmDiagnostic {
  const data = diagnostic.data as Partial<KasmDiagnosticData> | undefined;
  return diagnostic.source === 'kasm' && typeof diagnostic.code === 'string' && Object.hasOwn(RULES, diagnostic.code)
    && typeof diagnostic.message === 'string' && Array.isArray(data?.path)
    && data.path.every((step) => typeof step === 'string' || typeof step === 'number')
    && (data.suggestions === undefined || (Array.isArray(data.suggestions) && data.suggestions.every((s) => s === null || ['string', 'number', 'boolean'].includes(typeof s))));
}

export interface ReportOptions {
  severity?: Severity;
  suggestions?: Suggestion[];
  path?: JsonPath;
}

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Longest value quoted in a message, and longest message: a pasted blob must not make messages as long as itself. */
const QUOTED_MAX = 80;
const MESSAGE_MAX = 1000;

/**
 * A message of at most MESSAGE_MAX characters. Only a message that long (it quotes a pasted blob) is touched: its
 * long quoted values are cut to QUOTED_MAX characters first, so the advice after them stays.
 */
function bounded(message: string): string {
  if (message.length <= MESSAGE_MAX) return message;
  const quotesCut = message.replace(/"([^"]{81,})"/g, (_, inner: string) => `"${inner.slice(0, QUOTED_MAX)}…"`);
  return quotesCut.length > MESSAGE_MAX ? `${quotesCut.slice(0, MESSAGE_MAX)}…` : quotesCut;
}

/**
 * The diagnostics with the severities a registry or user set per code (`kasm.rules`, `.kasm-lint.json`): "off"
 * drops them. Applied to every diagnostic, the cross-entry ones included.
 */
export function withRuleSeverities(diagnostics: KasmDiagnostic[], rules: RuleSettings['rules']): KasmDiagnostic[] {
  if (!rules || Object.keys(rules).length === 0) return diagnostics;
  return diagnostics.flatMap((d) => {
    const set = Object.hasOwn(rules, d.code) ? rules[d.code] : undefined;
    if (set === undefined) return [d];
    return set === 'off' ? [] : [{ ...d, severity: SEVERITIES[set] }];
  });
}

/** Collects diagnostics, each with its rule's severity, documentation link and fix data. */
export class DiagnosticSink {
  readonly diagnostics: KasmDiagnostic[] = [];

  report(code: RuleCode, range: Range, message: string, options: ReportOptions = {}): void {
    const rule = RULES[code];
    const data: KasmDiagnosticData = { path: options.path ?? [] };
    if (options.suggestions?.length) data.suggestions = options.suggestions;
    this.diagnostics.push({
      range,
      message: bounded(message),
      severity: SEVERITIES[options.severity ?? rule.severity],
      source: 'kasm',
      code,
      // Each code links to its own row of the rules page, which links on to Kasm's documentation (#18).
      codeDescription: { href: `${DOCS.rules}#${code}` },
      data,
    });
  }
}

/** What every rule gets: the document, its schema version, the file system, and a way to report. */
export class RuleContext extends DiagnosticSink {
  constructor(
    readonly doc: KasmDocument,
    readonly schema: SchemaVersion,
    readonly fileSystem: WorkspaceFileSystem | undefined,
    /** What the registry or the user says: categories and versions they mean (severities are applied after). */
    readonly settings: RuleSettings = {},
    /** What registries say of the entry's images, when the user opted in to online checks (#17). */
    readonly images?: ImageFactsSource,
  ) {
    super();
  }

  /** Report a problem with a value node: underlined as the value, never as a multi-line block. */
  reportValue(code: RuleCode, node: Node, message: string, options: ReportOptions = {}): void {
    this.report(code, valueRange(this.doc, node), message, { path: pathOf(node), ...options });
  }
}
