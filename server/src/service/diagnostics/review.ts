import { Node } from 'jsonc-parser';
import { nodeAt, propertiesOf, propertyValue } from '../document';
import { KASM_USER, RUN_CONFIG_WITHOUT_REVIEW, isDockerRunArgument } from '../kasm/dockerRun';
import { RuleContext } from './context';

const ASKS = 'Kasm\'s dashboard will ask the admin to review';

/**
 * What Kasm's own install dialog shows the admin for review before installing (kasm-format.md §10.3), as hints:
 * run_config beyond entrypoint/hostname/environment/user 1000, exec hooks not run as 1000 or privileged, and
 * volume_mappings.
 */
export function checkReview(ctx: RuleContext): void {
  const runConfig = nodeAt(ctx.doc, ['run_config']);
  for (const { key, value, name } of runConfig ? propertiesOf(runConfig) : []) {
    if (name === 'user' && value && !isKasmUser(value)) {
      ctx.reportValue('docker-config-review', value, `${ASKS} the session running as ${JSON.stringify(value.value)} instead of ${KASM_USER}.`);
    } else if (!RUN_CONFIG_WITHOUT_REVIEW.includes(name) && isDockerRunArgument(name)) {
      const privileged = name === 'privileged' && value?.value === true ? ' The container runs with full access to the host; prefer cap_add or devices.' : '';
      ctx.reportValue('docker-config-review', key, `${ASKS} run_config's "${name}".${privileged}`, { path: ['run_config', name] });
    }
  }
  const hooks = nodeAt(ctx.doc, ['exec_config']);
  for (const { value, name } of hooks ? propertiesOf(hooks) : []) {
    const user = value && propertyValue(value, 'user');
    const privileged = value && propertyValue(value, 'privileged');
    if (privileged?.value === true) ctx.reportValue('docker-config-review', privileged, `${ASKS} the ${name} command, which runs privileged.`);
    else if (user && !isKasmUser(user)) ctx.reportValue('docker-config-review', user, `${ASKS} the ${name} command, which runs as ${JSON.stringify(user.value)}.`);
  }
  const volumes = nodeAt(ctx.doc, ['volume_mappings']);
  if (volumes && ctx.schema !== '1.0') ctx.reportValue('docker-config-review', volumes, `${ASKS} the host paths mounted by volume_mappings.`);
}

function isKasmUser(node: Node): boolean {
  return node.value === KASM_USER || node.value === String(KASM_USER);
}
