/**
 * The rule documentation, offline (#28.7): *Kasm: Show Rule Documentation* (also where a problem's code links)
 * opens one rule's page in the Markdown preview, made from the rule table the server and docs/rules.md are made
 * from. Inside the Kasm desktop image there is often no network; the web page stays the link for other editors.
 */
import * as vscode from 'vscode';
import { RULES, RULES_DOCUMENT_URL, Rule, ruleDocsLink, ruleEvidence } from '../../server/src/clientApi';

export const SHOW_RULE_DOCUMENTATION_COMMAND = 'kasm.showRuleDocumentation';
const SCHEME = 'kasm-rule';

/** One rule as a Markdown page. */
function rulePage(code: string, rule: Rule): string {
  return [
    `# \`${code}\``, '', rule.summary, '',
    `- **Usual severity:** ${rule.severity} (change it with \`kasm.rules\` or the registry's \`.kasm-lint.json\`)`,
    `- **Evidence:** ${ruleEvidence(rule)} (sections of the project's Kasm format notes)`,
    `- **Read more:** ${ruleDocsLink(rule)}`, '',
    `[All rules on the web](${RULES_DOCUMENT_URL})`, '',
  ].join('\n');
}

/** The command URI a problem's code links to, instead of the web page. */
export function ruleCommandUri(code: string): vscode.Uri {
  return vscode.Uri.parse(`command:${SHOW_RULE_DOCUMENTATION_COMMAND}?${encodeURIComponent(JSON.stringify([code]))}`);
}

/** A diagnostic's code link to our web page, pointed at the command instead; other diagnostics are left alone. */
export function linkCodeOffline(diagnostic: vscode.Diagnostic): vscode.Diagnostic {
  const { code } = diagnostic;
  if (typeof code === 'object' && code.target.toString(true).startsWith(RULES_DOCUMENT_URL)) {
    diagnostic.code = { value: code.value, target: ruleCommandUri(String(code.value)) };
  }
  return diagnostic;
}

export function registerRuleDocumentation(context: vscode.ExtensionContext): void {
  const rules: Readonly<Record<string, Rule>> = RULES;
  const pages = new vscode.EventEmitter<vscode.Uri>();
  context.subscriptions.push(
    pages,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, {
      onDidChange: pages.event,
      provideTextDocumentContent: (uri) => {
        const code = uri.path.replace(/^\//, '').replace(/\.md$/, '');
        return Object.hasOwn(rules, code) ? rulePage(code, rules[code]) : `# \`${code}\`\n\nNo Kasm rule has this code.\n`;
      },
    }),
    vscode.commands.registerCommand(SHOW_RULE_DOCUMENTATION_COMMAND, async (code?: string) => {
      const items = Object.entries(rules).map(([label, rule]) => ({ label, description: rule.severity, detail: rule.summary }));
      const chosen = code ?? (await vscode.window.showQuickPick(items, {
        title: 'Kasm: Show Rule Documentation', placeHolder: 'A rule code', matchOnDetail: true,
      }))?.label;
      if (!chosen) return undefined;
      const uri = vscode.Uri.from({ scheme: SCHEME, path: `/${chosen}.md` });
      await vscode.commands.executeCommand('markdown.showPreview', uri);
      return uri;
    }),
  );
}
