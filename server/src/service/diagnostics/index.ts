import { KasmDocument, rangeOf } from '../document';
import { WorkspaceFileSystem } from '../fileSystem';
import { SchemaVersion } from '../kasm/knowledge';
import { checkCompatibility } from './compatibility';
import { DiagnosticSink, KasmDiagnostic, RuleContext, withRuleSeverities } from './context';
import { RuleSettings } from '../settings';
import { checkIcon } from './icon';
import { checkImageSettings } from './imageSettings';
import { checkImages } from './images';
import { checkOnlineImages } from './onlineImages';
import { ImageFactsSource } from '../imageFacts';
import { checkKeys } from './keys';
import { checkLaunchForm } from './launchForm';
import { checkResources } from './resources';
import { checkReview } from './review';
import { checkRunConfig } from './runConfig';
import { checkAgainstSchema } from './schema';
import { checkSyntax } from './syntax';
import { checkValues } from './values';

/** Each family of rules, in the order their diagnostics are listed. */
const CHECKS: readonly ((ctx: RuleContext) => void)[] = [
  checkSyntax, checkAgainstSchema, checkKeys, checkCompatibility, checkValues, checkResources, checkImages, checkIcon,
  checkRunConfig, checkImageSettings, checkLaunchForm, checkReview, checkOnlineImages,
];

export function validateDocument(
  doc: KasmDocument, schema: SchemaVersion, fileSystem: WorkspaceFileSystem | undefined, settings: RuleSettings = {},
  images?: ImageFactsSource,
): KasmDiagnostic[] {
  return withRuleSeverities(checkDocument(new RuleContext(doc, schema, fileSystem, settings, images)), settings.rules);
}

function checkDocument(ctx: RuleContext): KasmDiagnostic[] {
  const { doc } = ctx;
  if (doc.degraded) {
    ctx.report('check-degraded', rangeOf(doc, 0, Math.min(1, doc.textDocument.getText().length)), doc.degraded.reason);
    const error = doc.degraded.jsonError;
    if (error) ctx.report('syntax-error', rangeOf(doc, error.offset, 1), error.message);
    return ctx.diagnostics;
  }
  if (!doc.root) {
    if (!doc.textDocument.getText().trim()) {
      ctx.report('empty-file', { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        'The file is empty: a workspace.json holds one JSON object (the registry build fails on an empty file). Trigger completion (Ctrl+Space) for a skeleton.');
    } else {
      checkSyntax(ctx);
    }
    return ctx.diagnostics;
  }
  for (const check of CHECKS) check(ctx);
  return capped(ctx.diagnostics);
}

/** Problems shown per file: a hostile or generated entry could otherwise make millions, and the editor and CLI choke. */
export const MAX_DIAGNOSTICS_PER_FILE = 1000;

/** The first problems, and one saying how many more there are (fixing the first shows the next). */
function capped(diagnostics: KasmDiagnostic[]): KasmDiagnostic[] {
  if (diagnostics.length <= MAX_DIAGNOSTICS_PER_FILE) return diagnostics;
  const shown = diagnostics.slice(0, MAX_DIAGNOSTICS_PER_FILE - 1);
  const sink = new DiagnosticSink();
  const hidden = diagnostics.length - shown.length;
  sink.report('too-many-problems', diagnostics[shown.length].range,
    `… and ${hidden.toLocaleString('en-US')} more problems not shown (at most ${MAX_DIAGNOSTICS_PER_FILE.toLocaleString('en-US')} per file). Fix these first.`);
  return [...shown, ...sink.diagnostics];
}
