// The extension in a real VS Code: code-server 4.100.3 (VS Code 1.100.3), and 4.93.1 (VS Code 1.93.1, the oldest the
// manifest allows), driven offline by headless Chromium.
// The mocha suite in test/e2e/suite runs inside its extension host against the real vscode API.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { OLDEST_CODE_SERVER, REPO_ROOT, copyOfExamples, runInHostTests, startCodeServer } from './codeServer';

const SUITE = path.join(REPO_ROOT, 'out', 'e2e', 'suite', 'index.js');
const VSIX = path.join(REPO_ROOT, 'kasm-workspace-registry.vsix');
const TIMEOUT_MS = 240000;

/** Runs the in-host suite; returns mocha's counts and what the extension host printed. */
async function runSuite(
  name: string, mode: 'development' | 'vsix', codeServer?: { path: string; vscodeVersion: string },
): Promise<{ passed: number; failed: number; failures: string[]; exit: number | 'timeout' }> {
  const runDir = path.join(REPO_ROOT, '.vscode-test', `run-${name}`);
  const resultsFile = path.join(runDir, '..', `results-${name}.json`);
  fs.rmSync(resultsFile, { force: true });
  const server = await startCodeServer(runDir, {
    // The suite reads the extension's output channel from VS Code's logs.
    env: {
      VSCODE_TEST_RESULTS: resultsFile, KASM_E2E_LOGS: path.join(runDir, 'user-data', 'logs'),
      ...(mode === 'vsix' ? { KASM_EXPECT_INSTALLED: '1' } : {}), ...(codeServer ? { KASM_EXPECT_VSCODE: codeServer.vscodeVersion } : {}),
    },
    vsix: mode === 'vsix' ? VSIX : undefined,
    codeServer: codeServer?.path,
  });
  try {
    const registry = copyOfExamples(runDir);
    // The development run opens the registry as a multi-root workspace, the .vsix run as a plain folder.
    const workspace = mode === 'development' ? path.join(runDir, 'registry.code-workspace') : registry;
    if (mode === 'development') fs.writeFileSync(workspace, JSON.stringify({ folders: [{ path: 'registry' }] }));
    const extensionDevelopmentPath = mode === 'vsix' ? path.join(REPO_ROOT, 'test', 'e2e', 'host') : REPO_ROOT;
    const url = server.url(workspace, { extensionDevelopmentPath, extensionTestsPath: SUITE });
    const { exit, lines } = await runInHostTests(url, runDir, TIMEOUT_MS);
    // The mocha report; everything the workbench said when something went wrong.
    const report = exit === 0 ? lines.filter((line) => /✔|passing|failing|pending|^\s+\d+\) |Kasm Workspaces extension/.test(line)) : lines;
    for (const line of report) console.log(`[${name}] ${line}`);
    const results = fs.existsSync(resultsFile) ? JSON.parse(fs.readFileSync(resultsFile, 'utf8')) : { passed: 0, failed: 0, failures: [] };
    return { ...results, exit };
  } finally {
    await server.stop();
  }
}

describe('the extension in a real VS Code (code-server)', { timeout: 2 * TIMEOUT_MS }, () => {
  it('passes the in-host suite with the extension under development', async () => {
    const result = await runSuite('development', 'development');
    assert.deepEqual(result.failures, []);
    assert.equal(result.exit, 0);
    assert.ok(result.passed >= 19, `only ${result.passed} in-host tests passed`);
  });

  it('passes the in-host suite with the extension installed from its .vsix', async () => {
    assert.ok(fs.existsSync(VSIX), 'npm run package makes the .vsix first');
    const result = await runSuite('vsix', 'vsix');
    assert.deepEqual(result.failures, []);
    assert.equal(result.exit, 0);
    assert.ok(result.passed >= 19, `only ${result.passed} in-host tests passed`);
  });

  it('passes the in-host suite installed from its .vsix in the oldest VS Code it allows (1.93.1)', async () => {
    const result = await runSuite('oldest', 'vsix', { path: OLDEST_CODE_SERVER, vscodeVersion: '1.93.1' });
    assert.deepEqual(result.failures, []);
    assert.equal(result.exit, 0);
    assert.ok(result.passed >= 19, `only ${result.passed} in-host tests passed`);
  });
});
