import { Connection } from 'vscode-languageserver';
import { fileUri } from '../service/document';
import { LintConfig } from '../service/lintConfig';
import { DiagnosticSink } from '../service/diagnostics/context';
import { LINT_CONFIG_STATUS_NOTIFICATION, LintConfigStatus } from './protocol';

/**
 * A `.kasm-lint.json` that is not valid is ignored (entries are checked with the defaults); its problems are shown
 * in the file itself, so that the user sees why their severities do not apply, and the editor's status item says
 * which configs do not apply (#27.2). A config fixed since is cleared.
 */
export class LintConfigStatusPublisher {
  private invalid = new Set<string>();

  constructor(private readonly connection: Connection) {}

  publish(configs: readonly LintConfig[]): void {
    const now = new Set<string>();
    for (const config of configs.filter((c) => c.problems.length)) {
      const sink = new DiagnosticSink();
      for (const { range, message } of config.problems) sink.report('lint-config', range, `${message} The file is ignored: entries are checked with the default severities.`);
      now.add(config.file);
      void this.connection.sendDiagnostics({ uri: fileUri(config.file), diagnostics: sink.diagnostics });
    }
    for (const file of this.invalid) if (!now.has(file)) void this.connection.sendDiagnostics({ uri: fileUri(file), diagnostics: [] });
    this.invalid = now;
    void this.connection.sendNotification(LINT_CONFIG_STATUS_NOTIFICATION, { ignored: [...now].map(fileUri) } satisfies LintConfigStatus);
  }
}
