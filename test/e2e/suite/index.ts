// Loaded by the extension host as extensionTestsPath: runs the mocha suites beside it, reports to the harness.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false, reporter: 'spec' });
  // In name order (1-language … 5-server): the last file kills language servers.
  for (const file of fs.readdirSync(__dirname).sort()) if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  return new Promise((resolve, reject) => {
    const results = { passed: 0, failed: 0, failures: [] as string[] };
    const runner = mocha.run((failures) => {
      if (process.env.VSCODE_TEST_RESULTS) fs.writeFileSync(process.env.VSCODE_TEST_RESULTS, JSON.stringify(results));
      if (failures) reject(new Error(`${failures} tests failed.`)); else resolve();
    });
    runner.on('pass', () => { results.passed++; });
    runner.on('fail', (test, error: Error) => { results.failed++; results.failures.push(`${test.fullTitle()}: ${error.message}`); });
  });
}
