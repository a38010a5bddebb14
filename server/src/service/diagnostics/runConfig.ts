import { Node } from 'jsonc-parser';
import { nodeAt, propertiesOf, rangeOf } from '../document';
import { DOCKER_SIZE_PATTERN, RUN_CONFIG_SET_BY_KASM, RUN_CONFIG_SIZES } from '../kasm/dockerRun';
import { RuleContext } from './context';

/**
 * run_config values as docker-py and Kasm take them at session start (kasm-format.md §10.2): arguments Kasm sets
 * itself, docker size strings, and a CPU quota that clashes with Kasm's own CPU limit.
 */
export function checkRunConfig(ctx: RuleContext): void {
  const runConfig = nodeAt(ctx.doc, ['run_config']);
  if (runConfig?.type !== 'object') return;
  for (const { key, value, name } of propertiesOf(runConfig)) {
    // Kasm sets CPU shares only under "Shares"; under Inherit (no method) the server's default decides (§12).
    const setByKasm = name === 'cpu_shares' && nodeAt(ctx.doc, ['cpu_allocation_method'])?.value !== 'Shares' ? undefined : RUN_CONFIG_SET_BY_KASM.get(name);
    if (setByKasm) ctx.reportValue('run-config-set-by-kasm', key, `${setByKasm}: run_config's "${name}" has no effect. Remove it.`, { path: ['run_config', name] });
    if (value?.type === 'string' && RUN_CONFIG_SIZES.has(name) && !DOCKER_SIZE_PATTERN.test(value.value as string)) {
      const suggestion = dockerSize(String(value.value));
      ctx.reportValue('run-config-value', value,
        `docker-py cannot read the size "${value.value}": write bytes as a number or digits with b, k, m or g, e.g. "512m" or "2g"${suggestion ? ` ("${suggestion}")` : ''}. Every session start fails.`,
        { suggestions: suggestion ? [suggestion] : undefined });
    }
  }
  checkDevices(ctx, nodeAt(ctx.doc, ['run_config', 'devices']));
  checkRestartPolicy(ctx, nodeAt(ctx.doc, ['run_config', 'restart_policy']));
  checkHostPorts(ctx, nodeAt(ctx.doc, ['run_config', 'ports']));
  const method = nodeAt(ctx.doc, ['cpu_allocation_method']);
  if (method?.value !== 'Quotas') return;
  for (const name of ['cpu_quota', 'cpu_period']) {
    const node = nodeAt(ctx.doc, ['run_config', name]);
    if (node) {
      ctx.reportValue('run-config-value', node,
        `With cpu_allocation_method "Quotas" Kasm limits the CPU with nano CPUs, and Docker refuses nano CPUs together with ${name}: every session start fails. Remove ${name} or use another cpu_allocation_method.`);
    }
  }
}

/** "2 GB", "1GiB", "512 MB" as docker-py writes them ("2g", "1g", "512m"), when the meaning is clear. */
function dockerSize(text: string): string | undefined {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmg])i?b?\s*$/i.exec(text);
  return match ? `${match[1]}${match[2].toLowerCase()}` : undefined;
}

/** A device is `host[:container[:permissions]]`, the permissions a combination of r, w and m (§12: "1rwm" seen). */
function checkDevices(ctx: RuleContext, devices: Node | undefined): void {
  for (const item of devices?.type === 'array' ? devices.children ?? [] : []) {
    if (item.type !== 'string') continue;
    const permissions = String(item.value).split(':')[2];
    if (permissions !== undefined && !/^(?!.*(.).*\1)[rwm]{1,3}$/.test(permissions)) {
      ctx.reportValue('run-config-value', item,
        `The device permissions "${permissions}" are not a combination of r, w and m (e.g. "rwm"): Docker refuses the device and every session start fails.`,
        { severity: 'warning' });
    }
  }
}

/**
 * A fixed host port: the first session on an agent takes it, and the next one there cannot start (§12). Docker
 * picks a free port when the value is null.
 */
function checkHostPorts(ctx: RuleContext, ports: Node | undefined): void {
  for (const { value, name } of ports?.type === 'object' ? propertiesOf(ports) : []) {
    if (!value || value.type === 'null') continue;
    ctx.reportValue('run-config-value', value,
      `"${name}" is published on a fixed host port: a second session on the same agent cannot start. Use null to let Docker choose a free port.`,
      { severity: 'warning', suggestions: [null] });
  }
}

/** Docker reads `Name` and `MaximumRetryCount` of a restart policy; any other key is ignored (§12). */
function checkRestartPolicy(ctx: RuleContext, policy: Node | undefined): void {
  for (const { key, name } of policy?.type === 'object' ? propertiesOf(policy) : []) {
    if (name === 'Name' || name === 'MaximumRetryCount') continue;
    ctx.report('unknown-key', rangeOf(ctx.doc, key.offset, key.length),
      `"${name}" is not a key of a restart policy: Docker reads only "Name" and "MaximumRetryCount" and ignores it.`,
      { path: ['run_config', 'restart_policy', name], severity: 'warning' });
  }
}
