import { Node } from 'jsonc-parser';
import { nodeAt, propertiesOf, propertyValue } from '../document';
import { KASM_USER, RUN_CONFIG_WITHOUT_REVIEW, isDockerRunArgument } from '../kasm/dockerRun';
import { hostAccess, hostAccessSummary } from '../kasm/hostAccess';
import { RuleContext } from './context';

const ASKS = 'Kasm\'s dashboard will ask the admin to review';

/**
 * One trust report per entry (#29.5): what it asks of the host (kasm/hostAccess.ts), and what Kasm's own install
 * dialog shows the admin for review before installing (kasm-format.md §10.3), as one hint
 * per entry on the first such setting (one per key was 392 hints on 48 % of 701 real entries, §12): run_config beyond
 * entrypoint/hostname/environment/user 1000, exec hooks not run as 1000 or privileged, and volume_mappings.
 */
export function checkReview(ctx: RuleContext): void {
  const asked: { node: Node; what: string; path?: (string | number)[] }[] = [];
  const runConfig = nodeAt(ctx.doc, ['run_config']);
  for (const { key, value, name } of runConfig ? propertiesOf(runConfig) : []) {
    if (name === 'user' && value && !isKasmUser(value)) {
      asked.push({ node: value, what: `the session running as ${JSON.stringify(value.value)} instead of ${KASM_USER}` });
    } else if (!RUN_CONFIG_WITHOUT_REVIEW.includes(name) && isDockerRunArgument(name)) {
      const privileged = name === 'privileged' && value?.value === true ? ' (the container runs with full access to the host; prefer cap_add or devices)' : '';
      asked.push({ node: key, what: `run_config's "${name}"${privileged}`, path: ['run_config', name] });
    }
  }
  const hooks = nodeAt(ctx.doc, ['exec_config']);
  for (const { value, name } of hooks ? propertiesOf(hooks) : []) {
    const user = value && propertyValue(value, 'user');
    const privileged = value && propertyValue(value, 'privileged');
    if (privileged?.value === true) asked.push({ node: privileged, what: `the ${name} command, which runs privileged` });
    else if (user && !isKasmUser(user)) asked.push({ node: user, what: `the ${name} command, which runs as ${JSON.stringify(user.value)}` });
  }
  const volumes = nodeAt(ctx.doc, ['volume_mappings']);
  if (volumes && ctx.schema !== '1.0') asked.push({ node: volumes, what: 'the host paths mounted by volume_mappings' });
  // The trust report leads (#29.5): what the entry asks of the host, then what the dashboard will show for review.
  const host = hostAccess(ctx.doc.value);
  // Underlined at the setting's key, as the dashboard's review list names settings.
  const hostValue = host.length ? nodeAt(ctx.doc, host[0].path) : undefined;
  const hostNode = hostValue?.parent?.type === 'property' ? hostValue.parent.children?.[0] : hostValue;
  const at = hostNode ? { node: hostNode, path: host[0].path } : asked[0];
  if (!at) return;
  const message = [hostAccessSummary(host), asked.length ? `${ASKS} ${asked.map((a) => a.what).join('; ')}.` : undefined].filter(Boolean).join(' ');
  ctx.reportValue('docker-config-review', at.node, message, at.path ? { path: at.path } : {});
}

function isKasmUser(node: Node): boolean {
  return node.value === KASM_USER || node.value === String(KASM_USER);
}
