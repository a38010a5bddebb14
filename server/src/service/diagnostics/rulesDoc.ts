import { RULES, Rule } from './rules';

/** A short name for a documentation link. */
function docsTitle(href: string): string {
  if (href.includes('workspaces_registry_template')) return 'registry template';
  if (href.includes('docker')) return 'Docker';
  return 'Kasm docs';
}

/** Where a rule's fact comes from; the rules without a source of their own rest on the registry template. */
export function ruleEvidence(rule: Rule): string {
  return rule.evidence ?? '§3, §8; registry template, every Kasm version with registries (1.13+)';
}

/** A rule's documentation link, in Markdown. */
export function ruleDocsLink(rule: Rule): string {
  return `[${docsTitle(rule.docs)}](${rule.docs})`;
}

/** docs/rules.md: every diagnostic code with its usual severity, generated from the rule table. */
export function rulesMarkdown(): string {
  return [
    '# Diagnostics',
    '',
    'Every problem the language server, the editor and the CLI report has a stable code. Severity is an error only',
    'where Kasm or the registry build breaks or mis-installs the entry. Generated from `server/src/service/diagnostics/rules.ts`.',
    '',
    'Evidence names the section of the format notes (`kasm-format.md`) a rule rests on and the Kasm versions it is',
    'known for.',
    '',
    'A problem\'s code in the editor links to its row here; the last column links to the Kasm or Docker documentation.',
    '',
    '| code | usual severity | what it means | evidence | read more |',
    '| --- | --- | --- | --- | --- |',
    ...Object.entries(RULES).map(([code, rule]: [string, Rule]) =>
      `| <a id="${code}"></a>\`${code}\` | ${rule.severity} | ${rule.summary} | ${ruleEvidence(rule)} | ${ruleDocsLink(rule)} |`),
    '',
  ].join('\n');
}
