import * as vscode from 'vscode';

/**
 * A webview whose page is set once and whose body is then updated by message (html.ts has the page's side), so that
 * a change shows at once instead of after a reload of the page (#18.11).
 */
export class LiveWebview implements vscode.Disposable {
  private body: string | undefined;
  private pageSet = false;
  private readonly subscription: vscode.Disposable;
  /** How often the whole page was set, for tests and for nothing else. */
  pageLoads = 0;

  constructor(private readonly webview: vscode.Webview, onMessage: (message: unknown) => void = () => undefined) {
    this.subscription = webview.onDidReceiveMessage((message: unknown) => {
      // The page has (re)loaded, e.g. after the panel was hidden: it gets the latest body.
      if ((message as { type?: unknown } | null)?.type === 'ready') this.post();
      else onMessage(message);
    });
  }

  /** Shows a new body; the page (built around the same body) is set only the first time. */
  show(body: string, page: () => string): void {
    this.body = body;
    if (this.pageSet) {
      this.post();
      return;
    }
    this.pageSet = true;
    this.pageLoads++;
    this.webview.html = page();
  }

  /** The next show sets the whole page again (the webview's options changed). */
  reload(): void {
    this.pageSet = false;
  }

  private post(): void {
    if (this.body !== undefined) void this.webview.postMessage({ type: 'update', html: this.body });
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
