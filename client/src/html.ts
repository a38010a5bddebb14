import { randomBytes } from 'node:crypto';

/** Escapes text for HTML element content and attribute values. Every string from a workspace goes through it. */
export function escapeHtml(text: unknown): string {
  return String(text ?? '').replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function newNonce(): string {
  return randomBytes(16).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

/**
 * The Content-Security-Policy of our webviews: nothing by default, images only from the webview's own
 * resource origin (which localResourceRoots limits to the workspace), styles and the one script (if any)
 * only with the nonce.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string, withScript: boolean): string {
  return `default-src 'none'; img-src ${cspSource}; style-src 'nonce-${nonce}'; script-src ${withScript ? `'nonce-${nonce}'` : "'none'"}; frame-src 'none'; form-action 'none'`;
}

/** A whole webview page: the policy, the nonce'd style and script, the theme-coloured body. Callers escape `body`. */
export function webviewPage(page: { title: string; cspSource: string; nonce: string; style: string; body: string; script?: string }): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(page.cspSource, page.nonce, page.script !== undefined)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(page.title)}</title>
<style nonce="${escapeHtml(page.nonce)}">
  body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); background: var(--vscode-editor-background); }
${page.style}
</style>
</head>
<body>
${page.body}
${page.script === undefined ? '' : `<script nonce="${escapeHtml(page.nonce)}">\n${page.script}\n</script>`}
</body>
</html>`;
}
