import { KasmDiagnostic, Suggestion } from '../diagnostics/context';
import { RuleCode } from '../diagnostics/rules';
import { nodeAt } from '../document';
import { KNOWN_ALIASES } from '../kasm/knowledge';
import { setAt } from './edits';
import { Fix, QuickFixProvider } from './fix';

/** Codes whose suggestions are replacement values for the value the diagnostic is on. */
const CODES: readonly RuleCode[] = [
  'unknown-value', 'category-near-miss', 'docker-registry-bogus', 'docker-registry-slash', 'image-invalid', 'version-format',
  'memory-in-gb', 'memory-not-integer', 'memory-not-positive', 'memory-too-small', 'cores-not-positive', 'gpu-count-invalid',
  'wrong-type', 'icon-missing', 'version-exact-in-1.0', 'docker-registry-web-page', 'run-config-value', 'size-implausible', 'version-unknown',
  'image-tag-missing', 'image-size-far', 'image-host-missing',
];

const sameButCase = (current: unknown, replacement: Suggestion) =>
  typeof current === 'string' && current.toLowerCase() === String(replacement).toLowerCase();
const isAlias = (current: unknown, replacement: Suggestion) =>
  typeof current === 'string' && Object.hasOwn(KNOWN_ALIASES, current) && KNOWN_ALIASES[current] === replacement;

/**
 * Replacements that keep what the author meant, applied by fix-all without asking: a case slip, another name for a
 * known value, a missing slash, a number written as text, memory written in GB, the one misspelling a category has,
 * the one icon in the folder.
 */
function isSafe(diagnostic: KasmDiagnostic, current: unknown, replacement: Suggestion): boolean {
  const only = diagnostic.data.suggestions?.length === 1;
  switch (diagnostic.code) {
    case 'docker-registry-bogus': case 'docker-registry-slash': case 'version-format': case 'wrong-type': case 'version-exact-in-1.0': case 'memory-in-gb':
      return true;
    case 'unknown-value': case 'image-invalid': return sameButCase(current, replacement) || isAlias(current, replacement);
    case 'category-near-miss': return only || sameButCase(current, replacement) || isAlias(current, replacement);
    case 'icon-missing': return only;
    default: return false;
  }
}

function title(diagnostic: KasmDiagnostic, replacement: Suggestion): string {
  if (diagnostic.code === 'memory-in-gb') return `Change to ${replacement} MB (${Number(replacement) / 1000} GB)`;
  if (diagnostic.code === 'icon-missing') return `Use the icon "${replacement}" found in this folder`;
  if (diagnostic.code === 'image-size-far') return `Set uncompressed_size_mb to ${replacement} (estimated from the image's layers)`;
  if (replacement === null) return 'Change to null (Docker chooses a free port)';
  return `Change to ${JSON.stringify(replacement)}`;
}

export const replaceValue: QuickFixProvider = {
  codes: CODES,
  fixes(diagnostic, { doc }): Fix[] {
    const current: unknown = nodeAt(doc, diagnostic.data.path)?.value;
    return (diagnostic.data.suggestions ?? []).slice(0, 5).map((replacement, index) => ({
      title: title(diagnostic, replacement),
      apply: (text) => setAt(text, diagnostic.data.path, replacement),
      preferred: index === 0,
      safe: index === 0 && isSafe(diagnostic, current, replacement),
    }));
  },
};
