import { RULES } from './rules';

/** docs/rules.md: every diagnostic code with its usual severity, generated from the rule table. */
export function rulesMarkdown(): string {
  return [
    '# Diagnostics',
    '',
    'Every problem the language server, the editor and the CLI report has a stable code. Severity is an error only',
    'where Kasm or the registry build breaks or mis-installs the entry. Generated from `server/src/diagnostics/rules.ts`.',
    '',
    '| code | usual severity | what it means |',
    '| --- | --- | --- |',
    ...Object.entries(RULES).map(([code, rule]) => `| \`${code}\` | ${rule.severity} | ${rule.summary} |`),
    '',
  ].join('\n');
}
