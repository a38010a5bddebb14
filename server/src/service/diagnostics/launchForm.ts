import { Node } from 'jsonc-parser';
import { nodeAt, propertyValue } from '../document';
import { RuleContext } from './context';
import { NAMES_SHOWN, boundedList } from './describe';

/** A value_regex written as a regular expression: Kasm 1.15 compares it for equality, so it never matches (§10.5). */
const LOOKS_LIKE_REGEX = /^\^|\$$|\.\*|\.\+|\\[dswDSW.]|\[[^\]]*\]|\(\?|[^\\]\|/;

/** launch_config forms that hang together: unique keys, options where they show, conditions Kasm can meet. */
export function checkLaunchForm(ctx: RuleContext): void {
  const form = nodeAt(ctx.doc, ['launch_config', 'launch_form']);
  if (form?.type !== 'array') return;
  const fields = (form.children ?? []).filter((f) => f.type === 'object');
  const keys = new Set<string>();
  for (const field of fields) {
    const key = propertyValue(field, 'key');
    if (key?.type !== 'string') continue;
    if (keys.has(key.value as string)) ctx.reportValue('launch-form-key', key, `Two launch form fields have the key "${key.value}": one answer overwrites the other. Rename one.`);
    keys.add(key.value as string);
  }
  for (const field of fields) {
    checkOptions(ctx, field);
    checkRegex(ctx, propertyValue(field, 'validator_regex'));
    const conditions = propertyValue(field, 'display_if');
    for (const item of conditions?.type === 'array' ? conditions.children ?? [] : []) {
      // An inner array is an AND group of conditions (§10.5).
      for (const condition of item.type === 'array' ? item.children ?? [] : [item]) {
        if (condition.type === 'object') checkCondition(ctx, condition, keys);
      }
    }
  }
}

function checkOptions(ctx: RuleContext, field: Node): void {
  const inputType = propertyValue(field, 'input_type');
  const options = propertyValue(field, 'options');
  const optionCount = options?.type === 'array' ? options.children?.length ?? 0 : 0;
  if (inputType?.value === 'select' && optionCount === 0) {
    ctx.reportValue('launch-form-options', inputType, 'A "select" field needs "options" to choose from: [{"value": …, "label": …}].');
  } else if (inputType?.value !== 'select' && optionCount > 0 && options) {
    ctx.reportValue('launch-form-options', options, `Only "select" fields show options; this "${String(inputType?.value)}" field ignores them.`);
  }
}

function checkCondition(ctx: RuleContext, condition: Node, keys: ReadonlySet<string>): void {
  const target = propertyValue(condition, 'key');
  if (target?.type === 'string' && !keys.has(target.value as string)) {
    const known = [...keys];
    ctx.reportValue('launch-form-key', target, `No field of this launch form has the key "${target.value}", so this condition never holds.${known.length ? ` Keys: ${boundedList(known)}.` : ''}`,
      { suggestions: known.slice(0, NAMES_SHOWN) });
  }
  const valueRegex = propertyValue(condition, 'value_regex');
  if (valueRegex?.type === 'string' && LOOKS_LIKE_REGEX.test(valueRegex.value as string)) {
    ctx.reportValue('launch-form-regex', valueRegex,
      `Kasm 1.15 compares value_regex with the other field's value for equality, not as a regular expression: "${valueRegex.value}" matches only that exact text. Write the value itself.`);
  }
}

function checkRegex(ctx: RuleContext, node: Node | undefined): void {
  if (node?.type !== 'string') return;
  try {
    new RegExp(String(node.value));
  } catch (error) {
    ctx.reportValue('launch-form-regex', node, `Not a valid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}.`);
  }
}
