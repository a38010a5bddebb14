/**
 * The Action's job summary (GITHUB_STEP_SUMMARY, GitHub-flavoured Markdown): the counts and a table of the problems,
 * as ESLint's and SARIF's actions show them. Entry text is shown as text: a name cannot close the table or add HTML.
 */
import { LintResult, SeverityName, escapeControl } from './formats';

/** The table stops here, saying how many more there are: a summary is capped at 1 MiB by GitHub. */
const MAX_ROWS = 500;
const ICONS: Record<SeverityName, string> = { error: '❌ error', warning: '⚠️ warning', info: 'ℹ️ info', hint: '💡 hint' };

/** Markdown-inert text for a table cell: no HTML, no pipes or line breaks, no emphasis or links. */
function cell(text: string): string {
  return escapeControl(text).replace(/[\\`*_{}[\]()#+!|<>&~]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function jobSummary(results: LintResult[]): string {
  const all = results.flatMap((r) => r.diagnostics.map((d) => ({ file: r.file, ...d })));
  const count = (s: SeverityName) => all.filter((d) => d.severity === s).length;
  const lines = [
    '## Kasm registry lint',
    '',
    `${results.length} entr${results.length === 1 ? 'y' : 'ies'} checked: **${count('error')} errors**, ${count('warning')} warnings, ${count('info') + count('hint')} info.`,
    '',
  ];
  if (all.length) {
    lines.push('| severity | file | line | rule | message |', '| --- | --- | --- | --- | --- |');
    for (const d of all.slice(0, MAX_ROWS)) {
      lines.push(`| ${ICONS[d.severity]} | ${cell(d.file)} | ${d.line}:${d.column} | ${cell(d.code)} | ${cell(d.message)} |`);
    }
    if (all.length > MAX_ROWS) lines.push('', `… and ${all.length - MAX_ROWS} more: see the annotations or the SARIF file.`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}
