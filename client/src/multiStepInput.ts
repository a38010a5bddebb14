/**
 * A wizard as one multi-step quick input (#18.9): step numbers in the title, a Back button that keeps the answers,
 * validation that says why a value is refused, and no gap between steps. The next step's input is shown before
 * the previous one is disposed, so focus never returns to the editor, where keys typed meanwhile would land.
 */
import * as vscode from 'vscode';

/** Returned by a step when the user pressed Back. */
export const BACK = Symbol('back');
/** Thrown when the user pressed Escape (or the input was hidden otherwise). */
export class WizardCancelled extends Error {}

export interface TextStep {
  title: string;
  /** Told the value as typed: what the step is for, and what it will do with the value. */
  prompt: (value: string) => string;
  placeholder?: string;
  value: string;
  /** Why a value is refused, or undefined. */
  validate: (value: string) => string | undefined;
}

export interface PickStep<T extends vscode.QuickPickItem> {
  title: string;
  placeholder?: string;
  items: readonly T[];
  picked: (item: T) => boolean;
  /** Why a choice is refused (e.g. too many), or undefined. */
  validate: (picked: readonly T[]) => string | undefined;
  canPickMany: boolean;
}

export class MultiStepInput implements vscode.Disposable {
  private current: vscode.QuickInput | undefined;

  constructor(private readonly total: number) {}

  /** A text step; `step` is its 1-based number. */
  text(step: number, options: TextStep): Promise<string | typeof BACK> {
    const input = vscode.window.createInputBox();
    input.title = this.title(step, options.title);
    input.placeholder = options.placeholder;
    input.value = options.value;
    input.prompt = options.prompt(options.value);
    input.ignoreFocusOut = true;
    input.buttons = step > 1 ? [vscode.QuickInputButtons.Back] : [];
    return this.run(input, (resolve) => [
      input.onDidChangeValue((value) => {
        input.prompt = options.prompt(value);
        input.validationMessage = value ? options.validate(value) : undefined;
      }),
      input.onDidAccept(() => {
        const problem = options.validate(input.value);
        if (problem) input.validationMessage = problem;
        else resolve(input.value);
      }),
    ]);
  }

  /** A pick step; resolves to the picked items (one for a single pick). */
  pick<T extends vscode.QuickPickItem>(step: number, options: PickStep<T>): Promise<readonly T[] | typeof BACK> {
    const pick = vscode.window.createQuickPick<T>();
    const title = this.title(step, options.title);
    pick.title = title;
    pick.placeholder = options.placeholder;
    pick.canSelectMany = options.canPickMany;
    pick.items = options.items;
    if (options.canPickMany) pick.selectedItems = options.items.filter(options.picked);
    else pick.activeItems = options.items.filter(options.picked).slice(0, 1);
    pick.ignoreFocusOut = true;
    pick.buttons = step > 1 ? [vscode.QuickInputButtons.Back] : [];
    // A quick pick has no validation message: the reason shows in the title, as soon as the choice is refused.
    const check = (picked: readonly T[]) => {
      const problem = options.validate(picked);
      pick.title = problem ? `${title}: ${problem}` : title;
      return problem;
    };
    return this.run(pick, (resolve) => [
      pick.onDidChangeSelection((picked) => { if (options.canPickMany) check(picked); }),
      pick.onDidAccept(() => {
        const picked = options.canPickMany ? pick.selectedItems : pick.activeItems.slice(0, 1);
        if (!check(picked)) resolve(picked);
      }),
    ]);
  }

  dispose(): void {
    this.current?.dispose();
    this.current = undefined;
  }

  private title(step: number, title: string): string {
    return `${title} (${step}/${this.total})`;
  }

  /**
   * Shows `input` in place of the previous step's, then settles: with the step's value, BACK, or WizardCancelled
   * when the user hides it. The input stays shown until the next step replaces it or the wizard is disposed.
   */
  private run<T>(
    input: vscode.InputBox | vscode.QuickPick<vscode.QuickPickItem>, listen: (resolve: (value: T) => void) => vscode.Disposable[],
  ): Promise<T | typeof BACK> {
    return new Promise<T | typeof BACK>((resolve, reject) => {
      const previous = this.current;
      this.current = input;
      const listeners: vscode.Disposable[] = [];
      const settle = (value: T | typeof BACK) => {
        for (const listener of listeners) listener.dispose();
        resolve(value);
      };
      listeners.push(
        ...listen(settle),
        input.onDidTriggerButton((button) => { if (button === vscode.QuickInputButtons.Back) settle(BACK); }),
        input.onDidHide(() => {
          for (const listener of listeners) listener.dispose();
          // Hidden because a later step replaced it: not a cancel.
          if (this.current === input) reject(new WizardCancelled());
        }),
      );
      input.show();
      previous?.dispose();
    });
  }
}
