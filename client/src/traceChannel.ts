/**
 * vscode-languageclient 11 traces only into a log channel whose level is Trace, and reads `kasm.trace.server` only
 * for how much. Users of this extension turn tracing on with that setting alone (as the README says), so the client
 * gets this channel: "at Trace" exactly while the setting is on, writing into the extension's own output channel.
 */
import * as vscode from 'vscode';

export class SettingTraceChannel implements vscode.LogOutputChannel {
  private readonly levelChanged = new vscode.EventEmitter<vscode.LogLevel>();
  private readonly settingListener = vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('kasm.trace.server')) this.levelChanged.fire(this.logLevel);
  });
  readonly onDidChangeLogLevel = this.levelChanged.event;

  constructor(private readonly output: vscode.LogOutputChannel) {}

  get name(): string { return this.output.name; }

  get logLevel(): vscode.LogLevel {
    const setting = vscode.workspace.getConfiguration('kasm').get<string>('trace.server', 'off');
    return setting === 'off' ? vscode.LogLevel.Off : vscode.LogLevel.Trace;
  }

  trace(message: string): void {
    // Written whatever the output channel's own level: the setting asked for it.
    if (this.logLevel === vscode.LogLevel.Trace) this.output.appendLine(`[Trace - ${new Date().toLocaleTimeString()}] ${message}`);
  }

  debug(message: string, ...args: unknown[]): void { this.output.debug(message, ...args); }
  info(message: string, ...args: unknown[]): void { this.output.info(message, ...args); }
  warn(message: string, ...args: unknown[]): void { this.output.warn(message, ...args); }
  error(error: string | Error, ...args: unknown[]): void { this.output.error(error, ...args); }
  append(value: string): void { this.output.append(value); }
  appendLine(value: string): void { this.output.appendLine(value); }
  replace(value: string): void { this.output.replace(value); }
  clear(): void { this.output.clear(); }
  show(preserveFocus?: boolean): void;
  show(column?: vscode.ViewColumn, preserveFocus?: boolean): void;
  show(): void { this.output.show(true); }
  hide(): void { this.output.hide(); }

  dispose(): void {
    this.settingListener.dispose();
    this.levelChanged.dispose();
  }
}
