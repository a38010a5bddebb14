import { setAt } from './edits';
import { Fix, QuickFixProvider } from './fix';

/** architecture set to the Kasm architectures the image really has (#17, online); the data carries them. */
export const imageArchitectures: QuickFixProvider = {
  codes: ['image-arch-missing', 'image-arch-unlisted'],
  fixes(diagnostic): Fix[] {
    const architectures = (diagnostic.data.suggestions ?? []).filter((a): a is string => typeof a === 'string');
    if (!architectures.length) return [];
    return [{
      title: `Set architecture to what the image has: ${architectures.join(', ')}`,
      preferred: true,
      apply: (text) => setAt(text, ['architecture'], architectures),
    }];
  },
};
