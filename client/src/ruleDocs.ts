/**
 * The rule documentation, offline (#28.7): docs/rules.md ships in the extension, and *Kasm: Show Rule Documentation*
 * (also where a problem's code links) opens one rule's page from it in the Markdown preview. Inside the Kasm desktop
 * image there is often no network; the web page (the same file on GitHub) stays the link for other editors.
 */
import * as vscode from 'vscode';
import { RULES_DOCUMENT_URL } from '../../server/src/clientApi';

export const SHOW_RULE_DOCUMENTATION_COMMAND = 'kasm.showRuleDocumentation';
const SCHEME = 'kasm-rule';

interface RuleRow { code: string; severity: string; meaning: string; evidence: string; readMore: string }

/** The rows of docs/rules.md's table: `| <a id="code"></a>`code` | severity | meaning | evidence | read more |`. */
export function parseRules(markdown: string): RuleRow[] {
  const rows: RuleRow[] = [];
  for (const line of markdown.split('\n')) {
    const match = /^\| <a id="([a-z0-9.-]+)"><\/a>`[^`]+` \| ([^|]+) \| (.+) \| (.*) \| (.*) \|$/.exec(line);
    if (!match) continue;
    const [severity, meaning, evidence, readMore] = match.slice(2).map((cell) => cell.trim());
    rows.push({ code: match[1], severity, meaning, evidence, readMore });
  }
  return rows;
}

/** One rule as a Markdown page. */
export function rulePage(rule: RuleRow): string {
  return [
    `# \`${rule.code}\``, '', rule.meaning, '',
    `- **Usual severity:** ${rule.severity} (change it with \`kasm.rules\` or the registry's \`.kasm-lint.json\`)`,
    `- **Evidence:** ${rule.evidence || '—'} (sections of the project's Kasm format notes)`,
    `- **Read more:** ${rule.readMore || '—'}`, '',
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
  let rules: Promise<RuleRow[]> | undefined;
  const load = () => rules ??= Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules.md')))
    .then((bytes) => parseRules(new TextDecoder().decode(bytes)));
  const pages = new vscode.EventEmitter<vscode.Uri>();
  context.subscriptions.push(
    pages,
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, {
      onDidChange: pages.event,
      provideTextDocumentContent: async (uri) => {
        const code = uri.path.replace(/^\//, '').replace(/\.md$/, '');
        const rule = (await load()).find((r) => r.code === code);
        return rule ? rulePage(rule) : `# \`${code}\`\n\nNo Kasm rule has this code.\n`;
      },
    }),
    vscode.commands.registerCommand(SHOW_RULE_DOCUMENTATION_COMMAND, async (code?: string) => {
      const all = await load();
      const items = all.map((r) => ({ label: r.code, description: r.severity, detail: r.meaning }));
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
