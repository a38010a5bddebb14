import { nodeAt } from '../document';
import { RESOURCE_LIMITS } from '../kasm/knowledge';
import { RuleContext } from './context';

const numberAt = (ctx: RuleContext, key: string) => {
  const node = nodeAt(ctx.doc, [key]);
  // A number too large for JSON (1e309) is reported as such by the type check, not as "Infinity MB".
  return node?.type === 'number' && Number.isFinite(node.value) ? { node, value: Number(node.value) } : undefined;
};

/** Session resources that make no sense: memory is in MB, cores and GPUs within what a host can have. */
export function checkResources(ctx: RuleContext): void {
  const memory = numberAt(ctx, 'memory');
  if (memory) {
    const { node, value } = memory;
    const gbToMb = Math.round(value * 1000);
    if (value <= 0) {
      // 0 makes the installer fall back to its default; a negative value is stored as it is (§10.10).
      ctx.reportValue('memory-not-positive', node, value === 0
        ? 'memory 0 means Kasm\'s installer uses its default, 2768 MB (2.7 GB); write the memory the image needs.'
        : `memory must be more than 0 MB; Kasm's default is 2768 (2.7 GB).`, { suggestions: [2768], severity: value === 0 ? 'warning' : undefined });
    } else if (value <= RESOURCE_LIMITS.memoryLooksLikeGbMax) {
      ctx.reportValue('memory-in-gb', node,
        `memory is in MB: ${value} means ${value} MB, not ${value} GB. For ${value} GB write ${gbToMb}.`, { suggestions: [gbToMb] });
    } else if (value < RESOURCE_LIMITS.memoryMinMb) {
      ctx.reportValue('memory-too-small', node, `${value} MB is too little memory for a Kasm session to start usefully; Kasm's default is 2768.`, { suggestions: [2768] });
    } else if (value > RESOURCE_LIMITS.memoryMaxMb) {
      const mb = value / 2 ** 20;
      ctx.reportValue('memory-too-large', node, mb >= RESOURCE_LIMITS.memoryMinMb && mb <= RESOURCE_LIMITS.memoryMaxMb
        ? `memory looks written in bytes: ${value} bytes is ${Math.round(mb)} MB, and memory is in MB. Write ${Math.round(mb)}.`
        : `${value} MB (${(value / 1e6).toFixed(1)} TB) is more memory than any host has; memory is in MB (2768 = 2.7 GB).`,
      mb >= RESOURCE_LIMITS.memoryMinMb && mb <= RESOURCE_LIMITS.memoryMaxMb ? { suggestions: [Math.round(mb)] } : {});
    } else if (!Number.isInteger(value)) {
      ctx.reportValue('memory-not-integer', node, `memory is a whole number of MB; write ${Math.round(value)}.`, { suggestions: [Math.round(value)] });
    }
  }
  const cores = numberAt(ctx, 'cores');
  if (cores && cores.value <= 0) {
    ctx.reportValue('cores-not-positive', cores.node, cores.value === 0
      ? 'cores 0 means Kasm\'s installer uses its default, 2; write the cores the image needs (fractions such as 0.5 are allowed).'
      : 'cores must be more than 0 (fractions such as 0.5 are allowed); Kasm\'s default is 2.', { suggestions: [2], severity: cores.value === 0 ? 'warning' : undefined });
  } else if (cores && cores.value > RESOURCE_LIMITS.coresMax) {
    ctx.reportValue('cores-too-many', cores.node, `${cores.value} cores is more than any realistic session host has (limit ${RESOURCE_LIMITS.coresMax}); Kasm's default is 2.`);
  }
  const gpus = numberAt(ctx, 'gpu_count');
  if (gpus && (gpus.value < 0 || !Number.isInteger(gpus.value))) {
    ctx.reportValue('gpu-count-invalid', gpus.node, gpus.value < 0 ? 'gpu_count is a whole number of GPUs, 0 or more.' : `gpu_count is a whole number of GPUs; Kasm rounds ${gpus.value} to ${Math.round(gpus.value)}.`,
      { suggestions: [Math.max(0, Math.round(gpus.value))], severity: gpus.value < 0 ? undefined : 'warning' });
  } else if (gpus && gpus.value > RESOURCE_LIMITS.gpuCountMax) {
    ctx.reportValue('gpu-count-too-many', gpus.node, `${gpus.value} GPUs is more than any realistic session host has (limit ${RESOURCE_LIMITS.gpuCountMax}).`);
  }
  checkAgent(ctx, { memory, cores, gpus });
  const requireGpu = nodeAt(ctx.doc, ['require_gpu']);
  const gpuCount = gpus?.value ?? 0;
  if (requireGpu?.value === true && gpuCount === 0) {
    ctx.reportValue('gpu-contradiction', requireGpu,
      `require_gpu is true but ${gpus ? 'gpu_count is 0' : 'gpu_count is not set (no GPU is given)'}: sessions wait for a GPU host yet get no GPU. Set gpu_count to 1 or more, or require_gpu to false.`);
  } else if (requireGpu?.value === false && gpus && gpuCount > 0) {
    ctx.reportValue('gpu-contradiction', gpus.node,
      `gpu_count is ${gpuCount} but require_gpu is false: on hosts without a GPU the session starts without one. Set require_gpu to true if the image needs it.`,
      { severity: 'info' });
  }
}

type Sizes = Record<'memory' | 'cores' | 'gpus', ReturnType<typeof numberAt>>;

/** An entry asking more than the largest agent the registry targets (#29.4): its sessions never find an agent. */
function checkAgent(ctx: RuleContext, sizes: Sizes): void {
  const agent = ctx.settings.agent;
  if (!agent) return;
  const asked = [
    // Memory the rules above already call GB or bytes is not compared: that message says what is wrong.
    { size: sizes.memory, has: agent.memory, what: (n: number) => `${n} MB of memory`, plausible: (n: number) => n > RESOURCE_LIMITS.memoryLooksLikeGbMax && n <= RESOURCE_LIMITS.memoryMaxMb },
    { size: sizes.cores, has: agent.cores, what: (n: number) => counted(n, 'core'), plausible: () => true },
    { size: sizes.gpus, has: agent.gpus, what: (n: number) => counted(n, 'GPU'), plausible: () => true },
  ];
  for (const { size, has, what, plausible } of asked) {
    if (!size || has === undefined || size.value <= has || !plausible(size.value)) continue;
    ctx.reportValue('agent-too-small', size.node,
      `The entry asks ${what(size.value)}; the largest agent it targets has ${what(has)} ("agent" in .kasm-lint.json or kasm.agent). No agent can take the session: every start fails with "No resources are available".`,
      { suggestions: [has] });
  }
}

const counted = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
