// Loaded by the web-worker extension host as extensionTestsPath: mocha's browser build runs the web suite.
import 'mocha/mocha';

export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    mocha.setup({ ui: 'bdd', timeout: 60000, reporter: 'spec', color: false });
    // After setup, which defines describe and it: an import would run before it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    require('./web.test');
    const runner = mocha.run((failures) => {
      // The harness reads this line from the workbench's test log.
      console.log(`KASM-WEB-RESULTS ${JSON.stringify({ passed: runner.stats?.passes ?? 0, failed: failures })}`);
      if (failures) reject(new Error(`${failures} tests failed.`)); else resolve();
    });
  });
}
