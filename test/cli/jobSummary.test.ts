// The Action's job summary (GITHUB_STEP_SUMMARY) in its own words (#31): the counts, one row per problem with its
// severity, place and rule, entry text kept inert in the table, and the row cap on both sides.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LintMessage, LintResult } from '../../server/src/cli/formats';
import { jobSummary } from '../../server/src/cli/summary';

const message = (severity: LintMessage['severity'], text = 'A problem.'): LintMessage =>
  ({ line: 3, column: 7, endLine: 3, endColumn: 9, severity, code: 'icon-missing', message: text });

describe('the job summary', () => {
  it('counts the entries and problems by severity, info and hints together, and lists each', () => {
    const results: LintResult[] = [
      { file: 'workspaces/A/workspace.json', diagnostics: [message('error'), message('warning'), message('info'), message('hint')] },
      { file: 'workspaces/B/workspace.json', diagnostics: [] },
    ];
    assert.equal(jobSummary(results), [
      '## Kasm registry lint',
      '',
      '2 entries checked: **1 errors**, 1 warnings, 2 info.',
      '',
      '| severity | file | line | rule | message |',
      '| --- | --- | --- | --- | --- |',
      '| ❌ error | workspaces/A/workspace.json | 3:7 | icon-missing | A problem. |',
      '| ⚠️ warning | workspaces/A/workspace.json | 3:7 | icon-missing | A problem. |',
      '| ℹ️ info | workspaces/A/workspace.json | 3:7 | icon-missing | A problem. |',
      '| 💡 hint | workspaces/A/workspace.json | 3:7 | icon-missing | A problem. |',
      '',
      '',
    ].join('\n'));
  });

  it('says one entry, and has no table when nothing was found', () => {
    assert.equal(jobSummary([{ file: 'workspaces/A/workspace.json', diagnostics: [] }]),
      '## Kasm registry lint\n\n1 entry checked: **0 errors**, 0 warnings, 0 info.\n\n');
  });

  it('keeps entry text inert: no HTML, pipes, emphasis, links or line breaks from a file or message', () => {
    const summary = jobSummary([{ file: 'workspaces/<b>|x/workspace.json', diagnostics: [message('error', 'Say *hi* [a](b) `c`\n# d')] }]);
    const row = summary.split('\n').find((line) => line.startsWith('| ❌'));
    assert.equal(row, '| ❌ error | workspaces/&#60;b&#62;&#124;x/workspace.json | 3:7 | icon-missing | '
      + 'Say &#42;hi&#42; &#91;a&#93;&#40;b&#41; &#96;c&#96;&#92;u000a&#35; d |');
  });

  it('lists 500 rows, and past that says how many more there are', () => {
    const of = (count: number): LintResult[] => [{ file: 'workspaces/A/workspace.json', diagnostics: Array.from({ length: count }, () => message('warning')) }];
    const rows = (summary: string) => summary.split('\n').filter((line) => line.startsWith('| ⚠️')).length;
    assert.equal(rows(jobSummary(of(500))), 500);
    assert.doesNotMatch(jobSummary(of(500)), /more: see the annotations/);
    const over = jobSummary(of(502));
    assert.equal(rows(over), 500);
    assert.match(over, /\n… and 2 more: see the annotations or the SARIF file\.\n\n$/);
  });
});
