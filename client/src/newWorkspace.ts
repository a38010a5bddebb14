import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ARCHITECTURES, CATEGORIES, MAX_CATEGORIES, SchemaVersion, compatibilityVersionsFor } from '../../server/src/kasm/knowledge';
import {
  NewWorkspace, ScaffoldError, createWorkspace, detectRegistrySchema, friendlyNameProblem, imageProblem, workspacesFolderFor,
} from './scaffold';

/**
 * Answers that skip the prompts (tests and other extensions); anything left out is asked for.
 * `icon` is "placeholder" for a generated icon, or the path of an image to copy.
 */
export type NewWorkspaceAnswers = Partial<Omit<NewWorkspace, 'workspacesFolder' | 'schema' | 'iconSource'>> & { schema?: SchemaVersion; icon?: string };

/**
 * "Kasm: New Workspace…": asks for the entry's essentials in a few steps, writes
 * `workspaces/<Friendly Name>/workspace.json` plus an icon, then opens it. Never overwrites.
 * Returns the new workspace.json, or undefined when cancelled or refused.
 */
export async function newWorkspace(target: vscode.Uri | undefined, answers: NewWorkspaceAnswers, placeholderIcon: string): Promise<vscode.Uri | undefined> {
  const root = target?.fsPath ?? await pickRoot();
  if (!root) return undefined;
  const workspacesFolder = workspacesFolderFor(root);
  const detected = detectRegistrySchema(root);
  const schema = answers.schema ?? detected.schema;
  const step = stepper(7);

  const friendlyName = answers.friendlyName ?? await vscode.window.showInputBox({
    title: step('New Kasm workspace: name'),
    prompt: `Name shown to users; also the folder under ${path.relative(root, workspacesFolder) || '.'}/ (registry schema ${schema}${detected.entries ? `, like its ${detected.entries} entries` : ''})`,
    placeHolder: 'Ubuntu Desktop for CS 101',
    ignoreFocusOut: true,
    validateInput: (value) => friendlyNameProblem(value) ?? (fs.existsSync(path.join(workspacesFolder, value)) ? `"${value}" already exists in ${workspacesFolder}.` : undefined),
  });
  if (friendlyName === undefined) return undefined;

  const image = answers.image ?? await vscode.window.showInputBox({
    title: step('Docker image'), prompt: 'The image Kasm pulls, with its tag', placeHolder: 'myorg/ubuntu-desktop:1.0.0', ignoreFocusOut: true,
    validateInput: (value) => imageProblem(value),
  });
  if (image === undefined) return undefined;

  const categories = answers.categories ?? await pickCategories(step('Categories (at most 3; the first is displayed)'));
  if (categories === undefined) return undefined;

  const architectures = answers.architectures ?? await pickMany(step('Architectures the image exists for'),
    ARCHITECTURES.map((a) => ({ label: a.value, detail: a.description, picked: a.value === 'amd64' })));
  if (!architectures?.length) return undefined;

  const versions = answers.versions ?? await pickMany(step(`Kasm versions (registry schema ${schema})`),
    compatibilityVersionsFor(schema).filter((v) => v.value.endsWith('.x')).map((v, i) => ({ label: v.value, detail: v.description, picked: i === 0 })));
  if (!versions?.length) return undefined;

  const size = answers.uncompressedSizeMb ?? Number(await vscode.window.showInputBox({
    title: step('Uncompressed image size in MB'), prompt: '"docker image ls" shows it: 2.46 GB → 2460. Kasm checks it against the free space.',
    placeHolder: '2460', ignoreFocusOut: true,
    validateInput: (value) => (/^[1-9]\d*$/.test(value.trim()) ? undefined : 'A whole number of MB, more than 0.'),
  }) ?? NaN);
  if (Number.isNaN(size)) return undefined;

  const picked = answers.icon === undefined ? await pickIcon(step('Icon')) : answers.icon === 'placeholder' ? undefined : answers.icon;
  if (picked === null) return undefined;
  const iconSource = picked ?? placeholderIcon;

  const entry: NewWorkspace = {
    workspacesFolder, friendlyName, image: image.trim(), categories, architectures, versions, schema,
    description: answers.description ?? `${friendlyName}: describe what this workspace is for.`,
    uncompressedSizeMb: size,
    iconSource,
  };
  try {
    const created = vscode.Uri.file(createWorkspace(entry));
    await vscode.window.showTextDocument(created);
    return created;
  } catch (error) {
    const message = error instanceof ScaffoldError ? error.message : `could not write the workspace: ${(error as Error).message}`;
    void vscode.window.showErrorMessage(`Kasm: ${message}`);
    return undefined;
  }
}

function stepper(total: number): (title: string) => string {
  let current = 0;
  return (title) => `${title} (${++current}/${total})`;
}

async function pickRoot(): Promise<string | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0].uri.fsPath;
  if (folders.length > 1) return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Registry folder for the new workspace' }))?.uri.fsPath;
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Use as registry folder' });
  return picked?.[0]?.fsPath;
}

/** An image file to copy as the icon, undefined for the placeholder, null when cancelled. */
async function pickIcon(title: string): Promise<string | undefined | null> {
  const choice = await vscode.window.showQuickPick([
    { label: 'Use a placeholder icon', detail: 'A 128×128 PNG you can replace later', own: false },
    { label: 'Use an image file…', detail: 'A square .png or .svg of at least 50×50 px, copied next to workspace.json', own: true },
  ], { title, ignoreFocusOut: true });
  if (!choice) return null;
  if (!choice.own) return undefined;
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { Icons: ['png', 'svg'] }, openLabel: 'Use as icon' });
  return picked?.[0]?.fsPath ?? null;
}

async function pickMany(title: string, items: vscode.QuickPickItem[]): Promise<string[] | undefined> {
  const picked = await vscode.window.showQuickPick(items, { title, canPickMany: true, ignoreFocusOut: true });
  return picked?.map((p) => p.label);
}

async function pickCategories(title: string): Promise<string[] | undefined> {
  const known = await pickMany(title, CATEGORIES.map((c) => ({ label: c.value, detail: c.description })));
  if (known === undefined) return undefined;
  const more = await vscode.window.showInputBox({
    title: `${title}: new categories`, prompt: 'Other categories, comma-separated (optional)', ignoreFocusOut: true,
    validateInput: (value) => (known.length + split(value).length > MAX_CATEGORIES ? `At most ${MAX_CATEGORIES} categories in all.` : undefined),
  });
  if (more === undefined) return undefined;
  return [...known, ...split(more)].slice(0, MAX_CATEGORIES);
}

const split = (value: string) => value.split(',').map((v) => v.trim()).filter(Boolean);
