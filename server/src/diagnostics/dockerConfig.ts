import { Node } from 'jsonc-parser';
import { nodeAt, propertiesOf, propertyValue } from '../document';
import { RuleContext } from './context';

/** launch_config forms that hang together, and privileged run/exec settings worth a reviewer's look. */
export function checkDockerConfig(ctx: RuleContext): void {
  const form = nodeAt(ctx.doc, ['launch_config', 'launch_form']);
  if (form?.type === 'array') checkLaunchForm(ctx, (form.children ?? []).filter((f) => f.type === 'object'));
  const runPrivileged = nodeAt(ctx.doc, ['run_config', 'privileged']);
  if (runPrivileged?.value === true) {
    ctx.reportValue('docker-config-review', runPrivileged, 'The session container runs privileged, with full access to the host. Admins reviewing third-party workspaces will ask why; prefer cap_add or devices.');
  }
  const hooks = nodeAt(ctx.doc, ['exec_config']);
  for (const { name, value } of hooks ? propertiesOf(hooks) : []) {
    const privileged = value && propertyValue(value, 'privileged');
    if (privileged?.value === true) {
      ctx.reportValue('docker-config-review', privileged, `The ${name} command runs privileged; admins reviewing third-party workspaces will check it.`);
    }
  }
}

function checkLaunchForm(ctx: RuleContext, fields: Node[]): void {
  const keys = new Set<string>();
  for (const field of fields) {
    const key = propertyValue(field, 'key');
    if (key?.type !== 'string') continue;
    if (keys.has(key.value)) ctx.reportValue('launch-form-key', key, `Two launch form fields have the key "${key.value}": one answer overwrites the other. Rename one.`);
    keys.add(key.value);
  }
  for (const field of fields) {
    const inputType = propertyValue(field, 'input_type')?.value;
    const options = propertyValue(field, 'options');
    const optionCount = options?.type === 'array' ? options.children?.length ?? 0 : 0;
    if (inputType === 'select' && optionCount === 0) {
      ctx.reportValue('launch-form-options', propertyValue(field, 'input_type') as Node, 'A "select" field needs "options" to choose from: [{"value": …, "label": …}].');
    } else if (inputType !== 'select' && optionCount > 0 && options) {
      ctx.reportValue('launch-form-options', options, `Only "select" fields show options; this "${String(inputType)}" field ignores them.`);
    }
    checkRegex(ctx, propertyValue(field, 'validator_regex'));
    const conditions = propertyValue(field, 'display_if');
    for (const condition of conditions?.type === 'array' ? conditions.children ?? [] : []) {
      if (condition.type !== 'object') continue;
      const target = propertyValue(condition, 'key');
      if (target?.type === 'string' && !keys.has(target.value)) {
        ctx.reportValue('launch-form-key', target, `No field of this launch form has the key "${target.value}", so this field is never shown.${keys.size ? ` Keys: ${[...keys].join(', ')}.` : ''}`,
          { suggestions: [...keys] });
      }
      checkRegex(ctx, propertyValue(condition, 'value_regex'));
    }
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
