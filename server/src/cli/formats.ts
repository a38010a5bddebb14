/** Output formats of kasm-registry-lint. Every format prints the same results; positions are 1-based. */
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { KasmDiagnostic } from '../service/diagnostics/context';
import { RULES, RuleCode } from '../service/diagnostics/rules';

export type SeverityName = 'error' | 'warning' | 'info' | 'hint';

export interface LintMessage {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: SeverityName;
  code: RuleCode;
  message: string;
}

export interface LintResult {
  /** Path relative to the working directory, with forward slashes. */
  file: string;
  diagnostics: LintMessage[];
  /** What the entry asks of the agent's host (#29.5); printed by the json format only. */
  hostAccess?: string[];
}

const SEVERITY_NAMES: Record<DiagnosticSeverity, SeverityName> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

export function toLintMessage(d: KasmDiagnostic): LintMessage {
  return {
    line: d.range.start.line + 1, column: d.range.start.character + 1,
    endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1,
    severity: SEVERITY_NAMES[d.severity ?? DiagnosticSeverity.Error], code: d.code, message: d.message,
  };
}

export const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const;
export type FormatName = (typeof FORMATS)[number];

export function format(name: FormatName, results: LintResult[], options: { color: boolean; version: string }): string {
  switch (name) {
    case 'json': return `${jsonText(results)}\n`;
    case 'sarif': return `${jsonText(sarif(results, options.version))}\n`;
    case 'github': return github(results);
    case 'stylish': return stylish(results, options.color);
  }
}

/**
 * Text from entries (file names, key names in messages) with its control characters shown as `\u001b` etc.:
 * written raw, an entry could retitle or clear the maintainer's terminal.
 */
export function escapeControl(text: string): string {
  return text.replace(CONTROL, unicodeEscape);
}

/** A character as JSON and JavaScript write it escaped: `\u001b`. */
const unicodeEscape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** C0 and C1 controls (U+0085 is a line break to some terminals) and the Unicode line and paragraph separators. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * JSON with every control character escaped: JSON.stringify leaves C1 controls and U+2028/U+2029 raw, which a
 * terminal or a log viewer may act on (#27.8). The escapes are JSON's own, so the value is the same.
 */
function jsonText(value: unknown): string {
  // C0 controls in strings are escaped by JSON.stringify already; outside strings there is only its own whitespace.
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u2028\u2029]/g, unicodeEscape);
}

/**
 * One GitHub Actions workflow command (`::warning file=…,line=…::message`), with entry text escaped as the runner
 * reads it, and control characters shown as escapes: a message cannot end the command or start another.
 */
export function workflowCommand(command: string, properties: Readonly<Record<string, string | number>>, message: string): string {
  const data = (s: string) => escapeControl(s).replace(/%/g, '%25');
  const property = (s: string) => data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
  const props = Object.entries(properties).map(([key, value]) => `${key}=${property(String(value))}`).join(',');
  return `::${command}${props ? ` ${props}` : ''}::${data(message)}\n`;
}

function stylish(results: LintResult[], color: boolean): string {
  const paint = (code: string, text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const colors: Record<SeverityName, string> = { error: '31', warning: '33', info: '36', hint: '90' };
  const lines: string[] = [];
  const count = (s: SeverityName) => results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === s).length, 0);
  for (const result of results) {
    if (!result.diagnostics.length) continue;
    lines.push(paint('4', escapeControl(result.file)));
    const width = Math.max(...result.diagnostics.map((d) => `${d.line}:${d.column}`.length));
    for (const d of result.diagnostics) {
      lines.push(`  ${`${d.line}:${d.column}`.padEnd(width)}  ${paint(colors[d.severity], d.severity.padEnd(7))}  ${escapeControl(d.message)}  ${paint('90', d.code)}`);
    }
    lines.push('');
  }
  const [errors, warnings, infos] = [count('error'), count('warning'), count('info') + count('hint')];
  const total = errors + warnings + infos;
  lines.push(total
    ? paint(errors ? '31;1' : '33;1', `✖ ${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info) in ${results.length} entr${results.length === 1 ? 'y' : 'ies'}`)
    : paint('32', `✔ ${results.length} entr${results.length === 1 ? 'y' : 'ies'} checked, no problems`));
  return `${lines.join('\n')}\n`;
}

/** GitHub Actions workflow commands: annotations on the pull request's files. */
function github(results: LintResult[]): string {
  const command: Record<SeverityName, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };
  return results.flatMap((r) => r.diagnostics.map((d) => workflowCommand(command[d.severity],
    { file: r.file, line: d.line, col: d.column, endLine: d.endLine, endColumn: d.endColumn, title: `kasm(${d.code})` }, d.message))).join('');
}

/** SARIF 2.1.0, for GitHub code scanning. */
function sarif(results: LintResult[], version: string): object {
  const level: Record<SeverityName, string> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };
  const codes = Object.keys(RULES) as RuleCode[];
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'kasm-registry-lint', version, informationUri: RULES['syntax-error'].docs,
          rules: codes.map((code) => ({
            id: code, shortDescription: { text: RULES[code].summary }, helpUri: RULES[code].docs,
            defaultConfiguration: { level: level[RULES[code].severity] },
          })),
        },
      },
      results: results.flatMap((r) => r.diagnostics.map((d) => ({
        ruleId: d.code, ruleIndex: codes.indexOf(d.code), level: level[d.severity], message: { text: d.message },
        locations: [{
          physicalLocation: {
            // A URI reference: every segment encoded, so that `C# Dev/` or `?` are not read as a fragment or query.
            artifactLocation: { uri: r.file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' },
            region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
          },
        }],
      }))),
    }],
  };
}
