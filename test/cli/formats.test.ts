// The CLI's output formats in their exact words (#31), called in process: stylish with and without colour, its
// plurals and totals, GitHub workflow commands with their escapes, SARIF's levels, and JSON's control escapes.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { LintMessage, LintResult, format, toLintMessage, workflowCommand } from '../../server/src/cli/formats';

const at = (severity: LintMessage['severity'], line = 3, message = 'A problem.'): LintMessage =>
  ({ line, column: 7, endLine: line, endColumn: 9, severity, code: 'icon-missing', message });
const options = { color: false, version: '9.9.9' };

describe('stylish', () => {
  it('lists each entry\'s problems, aligned, and counts them with plurals', () => {
    const results: LintResult[] = [
      { file: 'workspaces/A/workspace.json', diagnostics: [at('error', 3), at('warning', 12)] },
      { file: 'workspaces/B/workspace.json', diagnostics: [] },
      { file: 'workspaces/C/workspace.json', diagnostics: [at('info'), at('hint')] },
    ];
    assert.equal(format('stylish', results, options), [
      'workspaces/A/workspace.json',
      '  3:7   error    A problem.  icon-missing',
      '  12:7  warning  A problem.  icon-missing',
      '',
      'workspaces/C/workspace.json',
      '  3:7  info     A problem.  icon-missing',
      '  3:7  hint     A problem.  icon-missing',
      '',
      '✖ 4 problems (1 error, 1 warning, 2 info) in 3 entries',
      '',
    ].join('\n'));
  });

  it('says one of each in the singular, and all clear in green', () => {
    const one = format('stylish', [{ file: 'a.json', diagnostics: [at('warning')] }], options);
    assert.match(one, /\n✖ 1 problem \(0 errors, 1 warning, 0 info\) in 1 entry\n$/);
    const two = format('stylish', [{ file: 'a.json', diagnostics: [at('error'), at('error'), at('warning'), at('warning')] }], options);
    assert.match(two, /✖ 4 problems \(2 errors, 2 warnings, 0 info\) in 1 entry\n$/);
    assert.equal(format('stylish', [{ file: 'a.json', diagnostics: [] }], options), '✔ 1 entry checked, no problems\n');
    assert.equal(format('stylish', [{ file: 'a.json', diagnostics: [] }, { file: 'b.json', diagnostics: [] }], { ...options, color: true }),
      '\u001b[32m✔ 2 entries checked, no problems\u001b[0m\n');
  });

  it('colours each severity, the file underlined, the total red with errors and yellow without', () => {
    const coloured = format('stylish', [{ file: 'a.json', diagnostics: [at('error'), at('warning'), at('info'), at('hint')] }], { ...options, color: true });
    assert.ok(coloured.startsWith('\u001b[4ma.json\u001b[0m\n'));
    for (const [severity, code] of [['error', '31'], ['warning', '33'], ['info', '36'], ['hint', '90']]) {
      assert.ok(coloured.includes(`\u001b[${code}m${severity.padEnd(7)}\u001b[0m`), severity);
    }
    assert.ok(coloured.includes('\u001b[90micon-missing\u001b[0m'));
    assert.match(coloured, /\u001b\[31;1m✖ 4 problems/);
    assert.match(format('stylish', [{ file: 'a.json', diagnostics: [at('warning')] }], { ...options, color: true }), /\u001b\[33;1m✖ 1 problem/);
  });

  it('shows control characters of a file name or message as escapes', () => {
    const out = format('stylish', [{ file: 'a\u001b]0;x\u0007.json', diagnostics: [at('error', 1, 'bad\u009bname\u2028')] }], options);
    assert.ok(out.startsWith('a\\u001b]0;x\\u0007.json\n'));
    assert.ok(out.includes('bad\\u009bname\\u2028'));
  });
});

describe('github', () => {
  it('annotates errors, warnings and notices (info and hints) with their place', () => {
    const out = format('github', [{ file: 'workspaces/A/workspace.json', diagnostics: [at('error'), at('warning'), at('info'), at('hint')] }], options);
    const place = 'file=workspaces/A/workspace.json,line=3,col=7,endLine=3,endColumn=9,title=kasm(icon-missing)';
    assert.equal(out, ['error', 'warning', 'notice', 'notice'].map((command) => `::${command} ${place}::A problem.\n`).join(''));
  });

  it('escapes what would end a command: % everywhere, : and , in properties, controls as escapes', () => {
    assert.equal(workflowCommand('warning', { file: 'a:b,c%d' }, '50% done\nnext::x'), '::warning file=a%3Ab%2Cc%25d::50%25 done\\u000anext::x\n');
    assert.equal(workflowCommand('notice', {}, 'plain'), '::notice::plain\n');
  });
});

describe('sarif and json', () => {
  it('SARIF gives each result its rule, level and encoded location', () => {
    const out = JSON.parse(format('sarif', [{ file: 'workspaces/C# Dev/workspace.json', diagnostics: [at('hint'), at('warning')] }], options)) as {
      runs: { tool: { driver: { version: string; rules: { id: string }[] } }; results: { ruleId: string; ruleIndex: number; level: string;
        locations: { physicalLocation: { artifactLocation: { uri: string }; region: object } }[] }[] }[];
    };
    const [run] = out.runs;
    assert.equal(run.tool.driver.version, '9.9.9');
    assert.deepEqual(run.results.map((r) => [r.ruleId, run.tool.driver.rules[r.ruleIndex].id, r.level]), [['icon-missing', 'icon-missing', 'note'], ['icon-missing', 'icon-missing', 'warning']]);
    assert.equal(run.results[0].locations[0].physicalLocation.artifactLocation.uri, 'workspaces/C%23%20Dev/workspace.json');
    assert.deepEqual(run.results[0].locations[0].physicalLocation.region, { startLine: 3, startColumn: 7, endLine: 3, endColumn: 9 });
  });

  it('JSON escapes the controls JSON.stringify leaves raw, and keeps the value', () => {
    const results: LintResult[] = [{ file: 'a\u0085b\u2029.json', diagnostics: [] }];
    const out = format('json', results, options);
    assert.ok(out.includes('"a\\u0085b\\u2029.json"'));
    assert.deepEqual(JSON.parse(out), results);
  });

  it('a diagnostic becomes one-based lines and columns, with its severity named (error when none)', () => {
    const range = { start: { line: 0, character: 4 }, end: { line: 2, character: 1 } };
    const base = { range, code: 'icon-missing' as const, message: 'm', source: 'kasm', data: { path: [] } };
    assert.deepEqual(toLintMessage({ ...base, severity: DiagnosticSeverity.Information }),
      { line: 1, column: 5, endLine: 3, endColumn: 2, severity: 'info', code: 'icon-missing', message: 'm' });
    assert.equal(toLintMessage({ ...base, severity: undefined }).severity, 'error');
    assert.equal(toLintMessage({ ...base, severity: DiagnosticSeverity.Hint }).severity, 'hint');
  });
});
