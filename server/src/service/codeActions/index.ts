import { Edit } from 'jsonc-parser';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CodeAction, CodeActionKind, Range } from 'vscode-languageserver-types';
import { KasmDiagnostic } from '../diagnostics/context';
import { validateDocument } from '../diagnostics/index';
import { parseKasmDocument } from '../document';
import { addAllMissing, addMissing } from './addMissing';
import { addTag } from './addTag';
import { conversionTarget, convertSchema } from './convertSchema';
import { applyApart, diffEdit, editsOverlap, toTextEdits } from './edits';
import { environmentObject } from './environmentObject';
import { gpuContradiction } from './gpuContradiction';
import { imageArchitectures } from './imageArchitectures';
import { knownCategoryActions } from './knownCategory';
import { placeholderIconActions } from './placeholderIcon';
import { Fix, FixContext, QuickFixProvider } from './fix';
import { removeDuplicate, removeUnknownItem } from './removeDuplicate';
import { removeKey } from './removeKey';
import { renameKey } from './renameKey';
import { replaceValue } from './replaceValue';

/** Fix every safe problem at once (also on save, with "editor.codeActionsOnSave": { "source.fixAll.kasm": "explicit" }). */
export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.kasm`;
/** Convert the entry between registry schema 1.0 and 1.1. */
export const CONVERT_SCHEMA_KIND = `${CodeActionKind.Source}.kasm.convertSchema`;

/** Fix-all stops after this many rounds of fixes, however many are left. */
const FIX_ALL_ROUNDS = 200;

const PROVIDERS: readonly QuickFixProvider[] = [
  replaceValue, removeUnknownItem, environmentObject, renameKey, removeKey, removeDuplicate, addMissing, addTag, gpuContradiction,
  imageArchitectures,
];

/**
 * A fix's edits on `text`, or none when they cannot be computed: on half-written JSON a path the diagnostic
 * named may have changed shape (jsonc's modify throws then). Such a fix is simply not offered.
 */
function editsOf(fix: Fix, text: string): Edit[] {
  try {
    const edits = fix.apply(text);
    return editsOverlap(edits) ? [] : edits;
  } catch {
    return [];
  }
}

export function fixesFor(diagnostic: KasmDiagnostic, context: FixContext): Fix[] {
  return PROVIDERS.filter((p) => p.codes.includes(diagnostic.code)).flatMap((p) => p.fixes(diagnostic, context));
}

const overlaps = (a: Range, b: Range) =>
  !(a.end.line < b.start.line || (a.end.line === b.start.line && a.end.character < b.start.character)
    || b.end.line < a.start.line || (b.end.line === a.start.line && b.end.character < a.start.character));

/**
 * Code actions for a range: quick fixes for the diagnostics there, "add all missing fields", fix-all and the
 * schema conversion. `only` filters by kind as the LSP request does; without it, quick fixes only. Quick fixes come
 * from `shown`, the diagnostics the editor shows in the range (with their fix data, as actions/languageservices
 * does, #16.7), or from `validate` when the caller has none; fix-all and the conversion need the whole document's.
 */
export function getCodeActions(
  context: FixContext, range: Range,
  { only, shown, validate, invoked = false }: {
    only?: string[]; shown?: KasmDiagnostic[]; validate: () => KasmDiagnostic[]; invoked?: boolean;
  },
): CodeAction[] {
  // Without `only` (VS Code's light bulb, on every cursor move) quick fixes only: fix-all and the conversion are
  // computed when asked for by kind (the Source Action menu, codeActionsOnSave), as vscode-eslint does (#16.7), or
  // when the user asked (Ctrl+.), where fix-all shows among the quick fixes (#18).
  const wants = (kind: string) => (only?.length ? only.some((o) => kind === o || kind.startsWith(`${o}.`)) : kind === CodeActionKind.QuickFix);
  const { doc } = context;
  const text = doc.textDocument.getText();
  const action = (title: string, kind: string, edits: Edit[], attached: KasmDiagnostic[] = [], preferred?: boolean): CodeAction => ({
    title, kind, diagnostics: attached.length ? attached : undefined, isPreferred: preferred || undefined,
    edit: { changes: { [doc.textDocument.uri]: toTextEdits(doc, edits) } },
  });
  const actions: CodeAction[] = [];
  let checked: KasmDiagnostic[] | undefined;
  const diagnostics = () => (checked ??= validate());
  if (wants(CodeActionKind.QuickFix)) {
    const inRange = (shown ?? diagnostics()).filter((d) => overlaps(d.range, range));
    for (const diagnostic of inRange) {
      for (const fix of fixesFor(diagnostic, context)) {
        const edits = editsOf(fix, text);
        if (edits.length) actions.push(action(fix.title, CodeActionKind.QuickFix, edits, [diagnostic], fix.preferred));
      }
    }
    actions.push(...placeholderIconActions(inRange, context), ...knownCategoryActions(inRange, context));
    const addAll = addAllMissing(inRange, context);
    const addAllEdits = addAll ? editsOf(addAll, text) : [];
    if (addAll && addAllEdits.length) actions.push(action(addAll.title, CodeActionKind.QuickFix, addAllEdits));
    if (invoked && actions.length) {
      const fixed = fixAll(context, diagnostics());
      if (fixed !== text) actions.push(action('Fix all auto-fixable Kasm problems', CodeActionKind.QuickFix, diffEdit(text, fixed)));
    }
  }
  if (wants(FIX_ALL_KIND)) {
    const fixed = fixAll(context, diagnostics());
    if (fixed !== text) actions.push(action('Fix all safe Kasm problems', FIX_ALL_KIND, diffEdit(text, fixed)));
  }
  if (wants(CONVERT_SCHEMA_KIND) && !doc.syntaxErrors.length) {
    const target = conversionTarget(context.schema);
    const convert = convertSchema(doc, context.schema);
    // 1.0 → 1.1 is always on offer; back to 1.0 only where the registry (or the setting) is 1.0.
    const codes = [...shown ?? [], ...diagnostics()].map((d) => d.code);
    const wanted = target === '1.1' || codes.includes('registry-schema-mismatch') || codes.includes('compatibility-shape');
    const edits = convert && wanted ? editsOf(convert, text) : [];
    if (convert && edits.length) actions.push(action(convert.title, CONVERT_SCHEMA_KIND, edits));
  }
  return actions;
}

/**
 * The edits of the safe fixes for these diagnostics, in order, leaving out any fix whose edits would overlap those
 * taken already or start where one of them starts, and any fix that must go alone once one is taken (they are
 * looked at again on the next check).
 */
function safeEdits(diagnostics: KasmDiagnostic[], context: FixContext, text: string): Edit[] {
  const taken: Edit[] = [];
  const clash = (a: Edit, b: Edit) => a.offset === b.offset || (a.offset < b.offset + b.length && b.offset < a.offset + a.length);
  for (const diagnostic of diagnostics) {
    for (const fix of fixesFor(diagnostic, context).filter((f) => f.safe)) {
      if (fix.alone && taken.length) continue;
      const edits = editsOf(fix, text);
      if (!edits.length || edits.some((edit) => taken.some((other) => clash(edit, other)))) continue;
      if (fix.alone) return edits;
      taken.push(...edits);
    }
  }
  return taken;
}

/**
 * The text with every safe fix applied: the fixes whose edits do not overlap at once, then the rest on a fresh
 * check, until none is left. `diagnostics` are those of the context's document, which is where it starts.
 */
function fixAll(context: FixContext, diagnostics: KasmDiagnostic[]): string {
  const { doc } = context;
  let text = doc.textDocument.getText();
  let current = { doc, diagnostics };
  for (let round = 1; ; round++) {
    const edits = safeEdits(current.diagnostics, { ...context, doc: current.doc }, text);
    if (!edits.length) return text;
    text = applyApart(text, edits);
    if (round === FIX_ALL_ROUNDS) return text;
    const next = parseKasmDocument(TextDocument.create(doc.textDocument.uri, 'json', round, text));
    current = { doc: next, diagnostics: validateDocument(next, context.schema, context.fileSystem, context.settings) };
  }
}
