import * as vscode from 'vscode';
import { Utils } from 'vscode-uri';
import {
  ARCHITECTURES, CATEGORIES, MAX_CATEGORIES, SchemaVersion, compatibilityVersionsFor, iconFileProblem, ownCategoryProblem, parseImageSizeMb,
} from '../../server/src/clientApi';
import { BACK, MultiStepInput, WizardCancelled } from './multiStepInput';
import { KasmServer } from './kasmServer';
import { NewWorkspace, ScaffoldError, friendlyNameProblem, iconFileName, imageProblem, workspacesFolderFor } from './newEntry';

/**
 * Answers that skip the prompts (tests and other extensions); anything left out is asked for.
 * `icon` is "placeholder" for a generated icon, or the path (or URI) of an image to copy.
 */
export type NewWorkspaceAnswers = Partial<Omit<NewWorkspace, 'workspacesFolder' | 'schema' | 'iconSource'>> & { schema?: SchemaVersion; icon?: string };

/** What the user has answered so far; kept when the wizard is cancelled, so running it again starts from there (#18.7). */
interface Draft {
  friendlyName: string;
  description: string;
  image: string;
  categories: string[];
  otherCategories: string;
  architectures: string[];
  versions: string[];
  size: string;
  /** "placeholder", or the URI of an image to copy. */
  icon: string;
}

/** After a step: on to the next, the same step again, on in the direction the user was going (a step not needed), or back. */
type StepResult = 'next' | 'again' | 'skip' | typeof BACK;
type Step = (input: MultiStepInput, number: number) => Promise<StepResult>;

const split = (value: string) => value.split(',').map((v) => v.trim()).filter(Boolean);

/**
 * "Kasm: New Kasm Workspace…": asks for the entry's essentials in one multi-step input, writes
 * `workspaces/<Friendly Name>/workspace.json` plus an icon, then opens it. Never overwrites.
 */
export class NewWorkspaceCommand {
  /** Unfinished answers per workspaces folder. */
  private readonly drafts = new Map<string, Draft>();

  constructor(
    private readonly placeholderIcon: vscode.Uri,
    private readonly server: KasmServer,
    /** Writes the entry, never over anything (on a desktop's disk, or through the editor in the web); its workspace.json. */
    private readonly write: (entry: NewWorkspace<vscode.Uri>) => Promise<vscode.Uri>,
  ) {}

  /** Returns the new workspace.json, or undefined when cancelled or refused. */
  async run(target: vscode.Uri | undefined, answers: NewWorkspaceAnswers = {}): Promise<vscode.Uri | undefined> {
    const root = target ?? await pickRoot();
    if (!root) return undefined;
    const workspacesFolder = root.with({ path: workspacesFolderFor(root.path) });
    const detected = await this.server.registrySchema(Utils.dirname(workspacesFolder));
    const schema = answers.schema ?? detected.schema;
    const draft = this.drafts.get(workspacesFolder.toString()) ?? {
      friendlyName: '', description: '', image: '', categories: [], otherCategories: '', architectures: ['amd64'], size: '', icon: 'placeholder',
      versions: compatibilityVersionsFor(schema).filter((v) => v.value.endsWith('.x')).slice(0, 1).map((v) => v.value),
    };
    this.drafts.set(workspacesFolder.toString(), draft);
    // What is there already, for the name step's check as the name is typed (the write checks again).
    // Compared without case: "lab" beside "Lab" is a second page of the same name and the same icon file (#29.6).
    const folders = (await vscode.workspace.fs.readDirectory(workspacesFolder).then((e) => e, () => [])).map(([name]) => name);
    const taken = new Map(folders.map((name) => [name.toLowerCase(), name]));
    const icons = new Set(detected.icons.map((icon) => icon.toLowerCase()));
    const steps = this.steps(draft, answers, { workspacesFolder, taken, icons, schema, entries: detected.entries });
    const input = new MultiStepInput(steps.length);
    try {
      for (let i = 0, forward = true; i < steps.length;) {
        const result = await steps[i](input, i + 1);
        if (result === 'again') continue;
        forward = result === 'skip' ? forward : result !== BACK;
        i = forward ? i + 1 : Math.max(0, i - 1);
      }
    } catch (error) {
      if (error instanceof WizardCancelled) return undefined;
      throw error;
    } finally {
      input.dispose();
    }
    const friendlyName = answers.friendlyName ?? draft.friendlyName;
    const icon = answers.icon ?? draft.icon;
    const entry: NewWorkspace<vscode.Uri> = {
      workspacesFolder, schema, friendlyName, image: (answers.image ?? draft.image).trim(),
      categories: answers.categories ?? [...draft.categories, ...split(draft.otherCategories)],
      architectures: answers.architectures ?? draft.architectures,
      versions: answers.versions ?? draft.versions,
      uncompressedSizeMb: answers.uncompressedSizeMb ?? sizeOf(draft.size),
      description: answers.description ?? draft.description.trim(),
      iconSource: icon === 'placeholder' ? this.placeholderIcon : /^[a-z][a-z0-9+.-]+:\/\//i.test(icon) ? vscode.Uri.parse(icon) : vscode.Uri.file(icon),
    };
    try {
      const created = await this.write(entry);
      this.drafts.delete(workspacesFolder.toString());
      await vscode.window.showTextDocument(created);
      return created;
    } catch (error) {
      const message = error instanceof ScaffoldError ? error.message : `could not write the workspace: ${(error as Error).message}`;
      void vscode.window.showErrorMessage(`Kasm: ${message}`);
      return undefined;
    }
  }

  /** The steps for what `answers` leaves open, in order. */
  private steps(
    draft: Draft, answers: NewWorkspaceAnswers,
    registry: {
      workspacesFolder: vscode.Uri; taken: ReadonlyMap<string, string>; icons: ReadonlySet<string>; schema: SchemaVersion; entries: number;
    },
  ): Step[] {
    const { workspacesFolder, taken, icons, schema, entries } = registry;
    const nameTaken = (value: string) => {
      const existing = taken.get(value.toLowerCase());
      if (existing) return `"${existing}" already exists in ${shown(workspacesFolder)}${existing === value ? '' : ' (names differing only in case share a page and an icon name)'}.`;
      const icon = iconFileName(value);
      return icons.has(icon) ? `Another entry's icon is already called ${icon}, the file name this name gives; the build would copy one over the other.` : undefined;
    };
    const shown = (uri: vscode.Uri) => (uri.scheme === 'file' ? uri.fsPath : uri.path);
    const registryFolder = shown(Utils.dirname(workspacesFolder));
    const where = (name: string) => `${Utils.basename(workspacesFolder)}/${name || '<name>'}/workspace.json`;
    const steps: (Step | false)[] = [
      answers.friendlyName === undefined && (async (input, n) => answer(await input.text(n, {
        title: 'New Kasm workspace: name',
        prompt: (value) => `Name shown to users. Creates ${where(value)} in ${registryFolder} (registry schema ${schema}${entries ? `, like its ${entries} entries` : ''}).`,
        placeholder: 'Ubuntu Desktop for CS 101',
        value: draft.friendlyName,
        validate: (value) => friendlyNameProblem(value) ?? nameTaken(value),
      }), (value) => { draft.friendlyName = value; })),
      answers.image === undefined && (async (input, n) => answer(await input.text(n, {
        title: 'Docker image', prompt: () => 'The image Kasm pulls, with its tag.', placeholder: 'myorg/ubuntu-desktop:1.0.0', value: draft.image,
        validate: (value) => imageProblem(value),
      }), (value) => { draft.image = value; })),
      answers.categories === undefined && (async (input, n) => answer(await input.pick(n, {
        title: `Categories: at most ${MAX_CATEGORIES}, the first is displayed`, canPickMany: true,
        placeholder: 'Pick known categories; the next step adds your own',
        items: CATEGORIES.map((c) => ({ label: c.value, detail: c.description })),
        picked: (item) => draft.categories.includes(item.label),
        validate: (picked) => (picked.length > MAX_CATEGORIES ? `${picked.length} picked: remove ${picked.length - MAX_CATEGORIES}` : undefined),
      }), (picked) => { draft.categories = picked.map((p) => p.label); })),
      answers.categories === undefined && (async (input, n) => {
        const room = MAX_CATEGORIES - draft.categories.length;
        if (room === 0) { draft.otherCategories = ''; return 'skip'; }
        return answer(await input.text(n, {
          title: 'Categories of your own',
          prompt: () => `Optional, comma-separated: ${room} more fit${draft.categories.length ? ` beside ${draft.categories.join(', ')}` : ''}. Leave empty to go on.`,
          placeholder: 'Computer Science', value: draft.otherCategories,
          validate: (value) => (split(value).length > room ? `Only ${room} more fit: at most ${MAX_CATEGORIES} categories in all.`
            : split(value).map(ownCategoryProblem).find(Boolean)),
        }), (value) => { draft.otherCategories = value; });
      }),
      answers.architectures === undefined && (async (input, n) => answer(await input.pick(n, {
        title: 'Architectures the image exists for', canPickMany: true,
        items: ARCHITECTURES.map((a) => ({ label: a.value, detail: a.description })),
        picked: (item) => draft.architectures.includes(item.label),
        validate: (picked) => (picked.length ? undefined : 'pick at least one'),
      }), (picked) => { draft.architectures = picked.map((p) => p.label); })),
      answers.versions === undefined && (async (input, n) => answer(await input.pick(n, {
        title: `Kasm versions (registry schema ${schema})`, canPickMany: true,
        items: compatibilityVersionsFor(schema).filter((v) => v.value.endsWith('.x')).map((v) => ({ label: v.value, detail: v.description })),
        picked: (item) => draft.versions.includes(item.label),
        validate: (picked) => (picked.length ? undefined : 'pick at least one'),
      }), (picked) => { draft.versions = picked.map((p) => p.label); })),
      answers.uncompressedSizeMb === undefined && (async (input, n) => answer(await input.text(n, {
        title: 'Uncompressed image size in MB',
        prompt: () => '"docker image ls" shows it: 2.46 GB → 2460. Kasm checks it against the free space.', placeholder: '2460', value: draft.size,
        validate: (value) => { const size = parseImageSizeMb(value); return 'problem' in size ? size.problem : undefined; },
      }), (value) => { draft.size = value.trim(); })),
      answers.description === undefined && (async (input, n) => answer(await input.text(n, {
        title: 'Description', prompt: () => 'What the workspace is for, as users see it on its card.',
        placeholder: 'Ubuntu desktop with VS Code and Chrome for the CS 101 course.', value: draft.description,
        validate: (value) => (value.trim().length < 10 ? 'A sentence users can choose by: what is in the workspace, and what it is for.' : undefined),
      }), (value) => { draft.description = value; })),
      answers.icon === undefined && (async (input, n) => {
        const picked = await input.pick(n, {
          title: 'Icon', canPickMany: false,
          items: [
            { label: 'Use a placeholder icon', detail: 'A 128×128 PNG you can replace later', own: false },
            { label: 'Use an image file…', detail: 'A square .png or .svg of at least 50×50 px, copied next to workspace.json', own: true },
          ],
          picked: (item) => item.own === (draft.icon !== 'placeholder'),
          validate: () => undefined,
        });
        if (picked === BACK) return BACK;
        if (!picked[0]?.own) { draft.icon = 'placeholder'; return 'next'; }
        const file = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { Icons: ['png', 'svg'] }, openLabel: 'Use as icon' });
        // The dialog cancelled: choose again.
        if (!file?.[0]) return 'again';
        // Checked as the icon rule will (#29.6): a file it would report is refused, with its words.
        const problem = await vscode.workspace.fs.readFile(file[0]).then((bytes) => iconFileProblem(bytes), () => 'The file cannot be read.');
        if (problem) { void vscode.window.showErrorMessage(`Kasm: ${problem}`); return 'again'; }
        draft.icon = file[0].toString();
        return 'next';
      }),
    ];
    return steps.filter((step): step is Step => step !== false);
  }
}

/** The size step's answer in MB (it was checked by parseImageSizeMb). */
const sizeOf = (text: string): number => { const size = parseImageSizeMb(text); return 'mb' in size ? size.mb : 0; };

/** A step's result: BACK as it is, else the value stored through `store`. */
function answer<T>(value: T | typeof BACK, store: (value: T) => void): StepResult {
  if (value === BACK) return BACK;
  store(value);
  return 'next';
}

async function pickRoot(): Promise<vscode.Uri | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 1) return folders[0].uri;
  if (folders.length > 1) return (await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Registry folder for the new workspace' }))?.uri;
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Use as registry folder' });
  return picked?.[0];
}
