// Documents far larger than any entry, made of one member repeated thousands of times: every problem is still
// reported, and diagnostics and code actions cost time in proportion to the document. Each case below was
// quadratic or worse until it was found (unknown keys: ~50 s to check 20,000; a misspelled category 20,000 times:
// code actions ran out of memory). The bound is a hang guard with a wide margin, not a speed target.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Range } from 'vscode-languageserver-types';
import { service, textDocument } from '../helpers/core';
import { MAX_DIAGNOSTICS_PER_FILE } from '../../server/src/service/diagnostics/index';

const COUNT = 10_000;
const entry = (extra: Record<string, unknown>) => JSON.stringify({
  friendly_name: 'Course Desktop', description: 'A desktop.', image_src: 'desktop.png', architecture: ['amd64'],
  categories: ['Desktop'], compatibility: ['1.16.x'], docker_registry: 'https://index.docker.io/v1/', name: 'course/desktop:1.16.0',
  uncompressed_size_mb: 3000, ...extra,
}, null, 2);
const numbered = (prefix: string) => Object.fromEntries(Array.from({ length: COUNT }, (_, i) => [`${prefix}${i}`, 1]));

/** `crowdedBy`: rules that report the same members first, so that the capped list may hold only their problems. */
const CASES: { what: string; text: string; code: string; reported: number; fixes?: number; crowdedBy?: string[] }[] = [
  { what: 'unknown keys', text: entry(numbered('extra_')), code: 'unknown-key', reported: COUNT },
  { what: 'unknown run_config options', text: entry({ run_config: numbered('opt') }), code: 'unknown-key', reported: COUNT },
  { what: 'one misspelled category', text: entry({ categories: Array.from({ length: COUNT }, () => 'Developement') }), code: 'category-near-miss', reported: COUNT, fixes: COUNT, crowdedBy: ['too-many-categories', 'duplicate-value'] },
  { what: 'one architecture', text: entry({ architecture: Array.from({ length: COUNT }, () => 'amd64') }), code: 'duplicate-value', reported: COUNT - 1, crowdedBy: [] },
  { what: 'copies of one key', text: entry({}).replace('{', `{\n${'  "cores": 2,\n'.repeat(COUNT)}`), code: 'duplicate-key', reported: COUNT - 1, fixes: COUNT - 1 },
  { what: 'Kasm versions, each missing its image and size', text: entry({ compatibility: Array.from({ length: COUNT }, () => ({ version: '1.16.x' })) }), code: 'missing-required', reported: 2 * COUNT, fixes: 2 * COUNT },
  { what: 'made-up Kasm versions', text: entry({ compatibility: Array.from({ length: COUNT }, (_, i) => `1.${i + 100}.x`) }), code: 'version-unknown', reported: COUNT },
];

describe('documents of thousands of repeated members', () => {
  for (const { what, text, code, reported, fixes, crowdedBy } of CASES) {
    it(`${COUNT.toLocaleString('en')} ${what}: each reported, code actions offered, in proportion to the size`, () => {
      const doc = textDocument(text);
      const started = performance.now();
      const diagnostics = service.validate(doc);
      const whole: Range = { start: { line: 0, character: 0 }, end: { line: doc.lineCount, character: 0 } };
      const actions = service.codeActions(doc, whole);
      const ms = performance.now() - started;
      // At most MAX_DIAGNOSTICS_PER_FILE problems are shown, the last saying how many more there are.
      const shown = crowdedBy ? diagnostics.filter((d) => d.code === code).length : Math.min(reported, MAX_DIAGNOSTICS_PER_FILE - 1);
      if (crowdedBy) {
        // Crowded out, never replaced by anything else: the entry's own problems, this rule's and the crowding ones'.
        const allowed = new Set([code, ...crowdedBy, ...service.validate(textDocument(entry({}))).map((d) => d.code)]);
        assert.deepEqual(diagnostics.slice(0, -1).filter((d) => !allowed.has(d.code)).map((d) => d.code), []);
      }
      else assert.equal(diagnostics.filter((d) => d.code === code).length, shown);
      assert.equal(diagnostics.length, MAX_DIAGNOSTICS_PER_FILE);
      assert.equal(diagnostics.at(-1)?.code, 'too-many-problems');
      assert.match(diagnostics.at(-1)?.message ?? '', /^… and [\d,]+ more problems not shown/);
      if (fixes) assert.equal(actions.filter((a) => a.kind === 'quickfix' && a.diagnostics?.[0]?.code === code).length, Math.min(fixes, shown));
      if (code === 'missing-required') assert.ok(actions.some((a) => /^Add the \d+ missing required fields$/.test(a.title)));
      if (code === 'duplicate-key') {
        // Fix-all removes every ignored copy in one go and keeps what JSON.parse reads.
        const [fixAll] = service.codeActions(doc, whole, { only: ['source.fixAll.kasm'] });
        const after = TextDocument.applyEdits(doc, fixAll?.edit?.changes?.[doc.uri] ?? []);
        assert.deepEqual(JSON.parse(after), JSON.parse(text));
        assert.equal(service.validate(textDocument(after)).filter((d) => d.code === code).length, 0);
      }
      assert.ok(ms < 20_000, `took ${Math.round(ms)} ms`);
    });
  }
});
