// npm run mutate:knowledge (#31): the Kasm knowledge and the helpers every check calls (server/src/service/kasm) and
// the rule table, measured by the core tests alone. Every test file reaches these files, so under the full set each
// surviving mutant costs a run of the whole suite (6 hours here); the core tests are where the knowledge is pinned.
// A mutant only a CLI or LSP test would kill counts as surviving: the score is a lower bound. docs/mutation.md.
import { readFileSync } from 'node:fs';

const base = JSON.parse(readFileSync(new URL('./stryker.config.json', import.meta.url), 'utf8'));

export default {
  ...base,
  tap: { ...base.tap, testFiles: ['test/core/!(largeDocuments).test.cjs'] },
  mutate: ['server/src/service/kasm/**/*.ts', 'server/src/service/diagnostics/rules.ts'],
};
