/**
 * The registry's own settings in `site/next.config.js` (kasm-format.md §6, §10.12), read as text and never run:
 * Kasm identifies a registry by `env.listUrl`, so a fork that keeps the template's URL cannot be added next to
 * Kasm's own registry ("This Registry has already been installed"), and on update Kasm replaces the stored URL
 * with it.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { DiagnosticSink, KasmDiagnostic } from '../service/diagnostics/context';

/** Where the registry template keeps its settings, relative to the registry root. */
export const REGISTRY_CONFIG_FILE = ['site', 'next.config.js'];

/** The template's own listUrl: Kasm's registry. */
const TEMPLATE_LIST_URL = 'https://registry.kasmweb.com/';

/** A setting's string value in the `env` block: `listUrl: 'https://…'` (any quote). */
function setting(text: string, name: string): { value: string; offset: number } | undefined {
  const match = new RegExp(`\\b${name}\\s*:\\s*(['"\`])([^'"\`\\n]*)\\1`).exec(text);
  return match ? { value: match[2], offset: match.index + match[0].length - match[2].length - 1 } : undefined;
}

export function checkRegistryConfig(text: string, uri: string): KasmDiagnostic[] {
  const document = TextDocument.create(uri, 'javascript', 0, text);
  const sink = new DiagnosticSink();
  const at = (found: { value: string; offset: number }) =>
    ({ start: document.positionAt(found.offset), end: document.positionAt(found.offset + found.value.length) });
  const listUrl = setting(text, 'listUrl');
  // Only a file that names no listUrl at all lacks it: one computed by code is not ours to judge.
  if (!/\blistUrl\s*:/.test(text)) {
    const env = /\benv\s*:/.exec(text);
    const start = document.positionAt(env?.index ?? 0);
    const range = { start, end: env ? document.positionAt(env.index + 3) : start };
    sink.report('registry-config', range,
      'env.listUrl is not set: the registry build publishes list_url as null, and Kasm cannot add a registry without it (#29.2). Set it to your registry site\'s root with a final "/", e.g. "https://<owner>.github.io/<repository>/".',
      { path: ['env', 'listUrl'] });
  } else if (listUrl?.value === TEMPLATE_LIST_URL) {
    sink.report('registry-config', at(listUrl),
      `env.listUrl is still the template's "${TEMPLATE_LIST_URL}": Kasm knows registries by this URL, so adding this one fails ("This Registry has already been installed"). Set it to your registry site's root, e.g. "https://<owner>.github.io/<repository>/".`,
      { path: ['env', 'listUrl'] });
  } else if (listUrl && !listUrl.value.endsWith('/')) {
    sink.report('registry-config', at(listUrl), `env.listUrl is the site root admins paste into Kasm; write it with a final "/" ("${listUrl.value}/").`,
      { path: ['env', 'listUrl'], severity: 'warning', suggestions: [`${listUrl.value}/`] });
  }
  const icon = setting(text, 'icon');
  if (icon && icon.value !== '' && !/^https?:\/\//i.test(icon.value)) {
    sink.report('registry-config', at(icon), `Kasm does not resolve a relative env.icon ("${icon.value}") against the registry's URL: write the full address of the icon.`,
      { path: ['env', 'icon'], severity: 'warning' });
  }
  return sink.diagnostics;
}
