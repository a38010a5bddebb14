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
 * resource origin (which localResourceRoots limits to the entry's folder), styles only with the nonce, no scripts.
 */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return `default-src 'none'; img-src ${cspSource}; style-src 'nonce-${nonce}'; script-src 'none'; frame-src 'none'; form-action 'none'`;
}
