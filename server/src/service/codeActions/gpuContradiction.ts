import { setAt } from './edits';
import { Fix, QuickFixProvider } from './fix';

/**
 * require_gpu and gpu_count that disagree: either side changed to match the other. Which one the author meant only
 * they know, so neither is applied by fix-all.
 */
export const gpuContradiction: QuickFixProvider = {
  codes: ['gpu-contradiction'],
  fixes(diagnostic): Fix[] {
    // On require_gpu: it is true and gpu_count is 0. On gpu_count: GPUs are asked for but not required.
    if (diagnostic.data.path[0] === 'require_gpu') {
      return [
        { title: 'Set gpu_count to 1', preferred: true, apply: (text) => setAt(text, ['gpu_count'], 1) },
        { title: 'Set require_gpu to false', apply: (text) => setAt(text, ['require_gpu'], false) },
      ];
    }
    return [{ title: 'Set require_gpu to true', preferred: true, apply: (text) => setAt(text, ['require_gpu'], true) }];
  },
};
