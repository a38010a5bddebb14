/**
 * Loaded by VS Code's extension host as extensionTestsPath for `npm run bench` (#18): how long after a keystroke the
 * squiggle shows, for a Kasm entry with this extension and for the same entry as a .json file checked by VS Code's
 * own JSON support against our JSON Schema. The two take turns on the same edit (`"amd64"` → `"amd6"` and back);
 * the times are written to the file KASM_MEASURE_OUT names.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EDITS = 30;

/** Time from an edit until `settled` holds for the file's diagnostics (an error after 10 s). */
async function timeUntil(
  uri: vscode.Uri, edit: () => Thenable<boolean>, settled: (diagnostics: vscode.Diagnostic[]) => boolean,
): Promise<number> {
  const began = performance.now();
  const seen = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => { listener.dispose(); reject(new Error(`no squiggle change for ${uri.fsPath} in 10 s`)); }, 10000);
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((u) => u.toString() === uri.toString()) || !settled(vscode.languages.getDiagnostics(uri))) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(performance.now() - began);
    });
  });
  await edit();
  return seen;
}

/** Opens a file in an editor; the range of its first "amd64" (without the quotes), which the edits change. */
async function editor(uri: vscode.Uri): Promise<{ editor: vscode.TextEditor; range: vscode.Range }> {
  const shown = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
  const offset = shown.document.getText().indexOf('"amd64"') + 1;
  const start = shown.document.positionAt(offset);
  return { editor: shown, range: new vscode.Range(start, start.translate(0, 5)) };
}

const flagged = (range: vscode.Range) => (diagnostics: vscode.Diagnostic[]) =>
  diagnostics.some((d) => d.range.intersection(range) !== undefined);

export async function run(): Promise<void> {
  const root = (vscode.workspace.workspaceFolders ?? [])[0].uri.fsPath;
  const source = path.join(root, 'workspaces', 'Course Desktop', 'workspace.json');
  const peerFile = path.join(root, 'peer', 'course-desktop.json');
  fs.mkdirSync(path.dirname(peerFile), { recursive: true });
  fs.copyFileSync(source, peerFile);
  // VS Code's JSON support with the project's schema, associated as a user would in settings.
  await vscode.workspace.getConfiguration('json').update('schemas', [{
    fileMatch: ['/peer/*.json'], url: vscode.Uri.file(path.join(process.env.KASM_SCHEMAS ?? '', 'workspace-1.1.schema.json')).toString(),
  }], vscode.ConfigurationTarget.Workspace);
  const contenders = {
    ours: await editor(vscode.Uri.file(source)),
    json: await editor(vscode.Uri.file(peerFile)),
  };
  const times: Record<keyof typeof contenders, number[]> = { ours: [], json: [] };
  // Both are warmed up (the first JSON check also loads the schema), then take turns.
  for (let round = -2; round < EDITS; round++) {
    for (const name of ['ours', 'json'] as const) {
      const { editor: opened, range } = contenders[name];
      const uri = opened.document.uri;
      // Shown again, as a user switching tabs; an editor that was replaced cannot be edited.
      const shown = await vscode.window.showTextDocument(opened.document, { preview: false });
      const broken = await timeUntil(uri, () => shown.edit((e) => e.replace(range, 'amd6')), flagged(range));
      const fixedRange = new vscode.Range(range.start, range.start.translate(0, 4));
      const fixed = await timeUntil(uri, () => shown.edit((e) => e.replace(fixedRange, 'amd64')), (d) => !flagged(range)(d));
      if (round >= 0) times[name].push(broken, fixed);
    }
  }
  fs.writeFileSync(process.env.KASM_MEASURE_OUT ?? 'squiggle.json', JSON.stringify(times));
}
