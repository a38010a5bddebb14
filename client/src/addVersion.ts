/**
 * "Kasm: Add Kasm Version to Entries…" (#29.3): pick a Kasm version, then the entries that lack it; the server makes
 * the edits (the same code as `kasm-registry-lint add-version`) and the editor applies them as one undoable edit,
 * leaving the files unsaved for the author to review. Tests pass the version and entries as arguments.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { ADD_VERSION_REQUEST, AddVersionParams, AddVersionResult } from '../../server/src/clientApi';
import { findEntryFiles } from './registryGallery';

export interface AddVersionSummary { added: vscode.Uri[]; skipped: { uri: vscode.Uri; reason: string }[] }

export class AddKasmVersion {
  constructor(private readonly client: Promise<BaseLanguageClient>) {}

  private async ask(params: AddVersionParams): Promise<AddVersionResult> {
    return (await this.client).sendRequest<AddVersionResult>(ADD_VERSION_REQUEST, params);
  }

  async run(version?: string, entries?: readonly vscode.Uri[]): Promise<AddVersionSummary | undefined> {
    const chosenVersion = version ?? await this.pickVersion();
    if (!chosenVersion) return undefined;
    const files = entries ?? await findEntryFiles();
    const plan = await this.ask({ version: chosenVersion, uris: files.map((f) => f.toString()) });
    if (plan.refused) {
      void vscode.window.showErrorMessage(`Kasm: ${plan.refused}.`);
      return undefined;
    }
    const candidates = plan.entries.flatMap((e) => ('edits' in e ? [e] : []));
    const skipped = plan.entries.flatMap((e) => ('skipped' in e ? [{ uri: vscode.Uri.parse(e.uri), reason: e.skipped }] : []));
    if (!candidates.length) {
      void vscode.window.showInformationMessage(`Kasm: no entry lacks ${chosenVersion}${skipped.length ? ` (${skipped.length} left alone: ${skipped[0].reason})` : ''}.`);
      return { added: [], skipped };
    }
    const chosen = entries ? candidates : await this.pickEntries(chosenVersion, candidates);
    if (!chosen?.length) return undefined;
    const edit = new vscode.WorkspaceEdit();
    for (const { uri, edits } of chosen) {
      for (const { range: { start, end }, newText } of edits) {
        edit.replace(vscode.Uri.parse(uri), new vscode.Range(start.line, start.character, end.line, end.character), newText);
      }
    }
    if (!await vscode.workspace.applyEdit(edit)) {
      void vscode.window.showErrorMessage('Kasm: the editor did not apply the changes (an entry changed meanwhile?). Nothing was changed.');
      return undefined;
    }
    const added = chosen.map((c) => vscode.Uri.parse(c.uri));
    void vscode.window.showInformationMessage(`Kasm: ${chosenVersion} added to ${added.length} ${added.length === 1 ? 'entry' : 'entries'}; review and save them.`);
    return { added, skipped };
  }

  private async pickVersion(): Promise<string | undefined> {
    const { versions } = await this.ask({});
    const picked = await vscode.window.showQuickPick(versions.map((label) => ({ label })), {
      title: 'Add Kasm Version to Entries', placeHolder: 'The Kasm version the entries should offer',
    });
    return picked?.label;
  }

  private async pickEntries<T extends { uri: string; image?: string }>(version: string, candidates: T[]): Promise<T[] | undefined> {
    const items = candidates.map((candidate) => ({
      label: vscode.workspace.asRelativePath(vscode.Uri.parse(candidate.uri)), description: candidate.image, picked: true, candidate,
    }));
    const picked = await vscode.window.showQuickPick(items, {
      title: `Add ${version} to these entries`, canPickMany: true,
      placeHolder: 'Each gets a copy of its newest compatibility, the image tag moved to the new release',
    });
    return picked?.map((item) => item.candidate);
  }
}
