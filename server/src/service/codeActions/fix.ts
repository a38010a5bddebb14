import { Edit } from 'jsonc-parser';
import { KasmDiagnostic } from '../diagnostics/context';
import { RuleCode } from '../diagnostics/rules';
import { KasmDocument } from '../document';
import { RuleSettings } from '../settings';
import { WorkspaceFileSystem } from '../fileSystem';
import { SchemaVersion } from '../kasm/knowledge';

/** One way to fix a diagnostic: edits computed on the text they apply to. */
export interface Fix {
  title: string;
  apply(text: string): Edit[];
  /** The fix most likely meant: shown first, applied by "auto fix". */
  preferred?: boolean;
  /** Certain to keep what the author meant: applied by source.fixAll.kasm without asking. */
  safe?: boolean;
  /**
   * Right only on a text no other fix has changed (a rename checks that the new name is still free): fix-all
   * applies it in a round of its own.
   */
  alone?: boolean;
}

export interface FixContext {
  doc: KasmDocument;
  schema: SchemaVersion;
  fileSystem: WorkspaceFileSystem | undefined;
  /** Whether the client runs the VS Code extension's commands: fixes that write files other than the entry need them. */
  extensionCommands?: boolean;
  /** Whether the client creates and edits other files through a workspace edit (`.kasm-lint.json`). */
  fileEdits?: boolean;
  /** The registry's and user's rule settings: a fresh check (fix-all) reports what the editor shows. */
  settings?: RuleSettings;
}

/** Quick fixes for the diagnostics of some codes. */
export interface QuickFixProvider {
  codes: readonly RuleCode[];
  fixes(diagnostic: KasmDiagnostic, context: FixContext): Fix[];
}
