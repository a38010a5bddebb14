/** Escapes text for HTML element content and attribute values. Every string from a workspace goes through it. */
export function escapeHtml(text: string | number): string {
  return String(text).replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A fresh nonce for a page's policy (Web Crypto: in Node and in a browser's extension host alike). */
export function newNonce(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * The Content-Security-Policy of our webviews: nothing by default, images only from the webview's own
 * resource origin (which localResourceRoots limits to the workspace), styles and the one script only with the nonce.
 */
function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return `default-src 'none'; img-src ${cspSource}; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; frame-src 'none'; form-action 'none'`;
}

/**
 * The script every page of ours runs first: the extension sends a changed body as a message instead of replacing the
 * page (which reloads the webview: ~1 s per keystroke, #18.11), and the page asks for the latest body once it has
 * loaded, since messages sent while it loads are lost. `updated` (a function name of the page's own script, or
 * nothing) runs after each new body.
 */
const UPDATE_SCRIPT = `  const vscode = acquireVsCodeApi();
  const root = document.getElementById('root');
  window.addEventListener('message', (event) => {
    if (event.data && event.data.type === 'update' && typeof event.data.html === 'string') {
      root.innerHTML = event.data.html;
      if (typeof updated === 'function') updated();
    }
  });
  vscode.postMessage({ type: 'ready' });`;

/**
 * A whole webview page: the policy, the nonce'd style and script, the theme-coloured body in #root. Callers escape
 * `body`, and the same escaped HTML is what later updates put into #root.
 */
export function webviewPage(
  page: { title: string; cspSource: string; nonce: string; style: string; body: string; script?: string },
): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(page.cspSource, page.nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(page.title)}</title>
<style nonce="${escapeHtml(page.nonce)}">
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); background: var(--vscode-editor-background); }
${page.style}
</style>
</head>
<body>
<div id="root">
${page.body}
</div>
<script nonce="${escapeHtml(page.nonce)}">
${UPDATE_SCRIPT}
${page.script ?? ''}
</script>
</body>
</html>`;
}
