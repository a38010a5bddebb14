import { RULES, Rule } from './rules';

/** docs/rules.md: every diagnostic code with its usual severity, generated from the rule table. */
export function rulesMarkdown(): string {
  return [
    '# Diagnostics',
    '',
    'Every problem the language server, the editor and the CLI report has a stable code. Severity is an error only',
    'where Kasm or the registry build breaks or mis-installs the entry. Generated from `server/src/diagnostics/rules.ts`.',
    '',
    'Evidence names the section of the format notes (`kasm-format.md`) a rule rests on and the Kasm versions it is',
    'known for.',
    '',
    '| code | usual severity | what it means | evidence |',
    '| --- | --- | --- | --- |',
    ...Object.entries(RULES).map(([code, rule]: [string, Rule]) => `| <a id="${code}"></a>\`${code}\` | ${rule.severity} | ${rule.summary} | ${rule.evidence ?? '§3, §8; registry template, every Kasm version with registries (1.13+)'} |`),
    '',
  ].join('\n');
}
