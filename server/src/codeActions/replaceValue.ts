import { KasmDiagnostic } from '../diagnostics/context';
import { RuleCode } from '../diagnostics/rules';
import { nodeAt } from '../document';
import { setAt } from './edits';
import { Fix, QuickFixProvider } from './fix';

/** Codes whose suggestions are replacement values for the value the diagnostic is on. */
const CODES: readonly RuleCode[] = [
  'unknown-value', 'category-near-miss', 'docker-registry-bogus', 'docker-registry-slash', 'image-invalid', 'version-format',
  'memory-in-gb', 'memory-not-integer', 'memory-not-positive', 'memory-too-small', 'cores-not-positive', 'gpu-count-invalid',
  'wrong-type', 'icon-missing', 'version-exact-in-1.0', 'docker-registry-web-page', 'run-config-value', 'size-implausible',
];

/** Replacements that cannot change what the author meant (a case slip, a missing slash, a number written as text). */
function isSafe(diagnostic: KasmDiagnostic, current: unknown, replacement: string | number): boolean {
  switch (diagnostic.code) {
    case 'docker-registry-bogus': case 'docker-registry-slash': case 'version-format': case 'wrong-type': case 'version-exact-in-1.0': return true;
    case 'unknown-value': case 'category-near-miss': return typeof current === 'string' && current.toLowerCase() === String(replacement).toLowerCase();
    default: return false;
  }
}

function title(diagnostic: KasmDiagnostic, replacement: string | number): string {
  if (diagnostic.code === 'memory-in-gb') return `Change to ${replacement} MB (${Number(replacement) / 1000} GB)`;
  if (diagnostic.code === 'icon-missing') return `Use the icon "${replacement}" found in this folder`;
  return `Change to ${JSON.stringify(replacement)}`;
}

export const replaceValue: QuickFixProvider = {
  codes: CODES,
  fixes(diagnostic, { doc }): Fix[] {
    const current = nodeAt(doc, diagnostic.data.path)?.value;
    return (diagnostic.data.suggestions ?? []).slice(0, 5).map((replacement, index) => ({
      title: title(diagnostic, replacement),
      apply: (text) => setAt(text, diagnostic.data.path, replacement),
      preferred: index === 0,
      safe: index === 0 && (diagnostic.data.suggestions?.length === 1 || diagnostic.code === 'unknown-value' || diagnostic.code === 'category-near-miss') && isSafe(diagnostic, current, replacement),
    }));
  },
};
