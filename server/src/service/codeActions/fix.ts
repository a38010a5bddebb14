import { Edit } from 'jsonc-parser';
import { KasmDiagnostic } from '../diagnostics/context';
import { RuleCode } from '../diagnostics/rules';
import { KasmDocument } from '../document';
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
}

/** Quick fixes for the diagnostics of some codes. */
export interface QuickFixProvider {
  codes: readonly RuleCode[];
  fixes(diagnostic: KasmDiagnostic, context: FixContext): Fix[];
}
