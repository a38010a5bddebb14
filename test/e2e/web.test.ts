// The extension as VS Code for the Web runs it: code-server 4.100.3 with the extension in its web-worker extension
// host (remote.extensionKind "web"), so its `browser` entry runs and the language server is a web worker. Offline,
// driven by headless Chromium.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT, WEB_EXTENSION_SETTINGS, copyOfExamples, runInHostTests, startCodeServer } from './codeServer';

const SUITE = path.join(REPO_ROOT, 'out', 'e2e', 'web', 'index.js');
const VSIX = path.join(REPO_ROOT, 'kasm-workspace-registry.vsix');
const TIMEOUT_MS = 240000;

/**
 * The .vsix's own files, unpacked, with the web suite copied in: VS Code runs extension tests in the extension host
 * of the development extension whose folder holds them, and only one marked "web" runs in the web worker; so the
 * packaged extension itself is the development extension here.
 */
function unpackedVsix(runDir: string): { extension: string; suite: string } {
  const target = path.join(runDir, 'unpacked');
  const unzip = spawnSync('python3', ['-m', 'zipfile', '-e', VSIX, target], { encoding: 'utf8' });
  if (unzip.status !== 0) throw new Error(`unpacking ${VSIX} failed: ${unzip.stderr}`);
  const extension = path.join(target, 'extension');
  const suite = path.join(extension, 'web-suite', 'index.js');
  fs.mkdirSync(path.dirname(suite));
  fs.copyFileSync(SUITE, suite);
  return { extension, suite };
}

async function runWebSuite(name: string, mode: 'development' | 'vsix'): Promise<{ exit: number | 'timeout'; results?: { passed: number; failed: number }; lines: string[] }> {
  const runDir = path.join(REPO_ROOT, '.vscode-test', `run-${name}`);
  const server = await startCodeServer(runDir, { settings: WEB_EXTENSION_SETTINGS });
  try {
    const registry = copyOfExamples(runDir);
    const { extension, suite } = mode === 'vsix' ? unpackedVsix(runDir) : { extension: REPO_ROOT, suite: SUITE };
    const url = server.url(registry, { extensionDevelopmentPath: extension, extensionTestsPath: suite });
    const { exit, lines } = await runInHostTests(url, runDir, TIMEOUT_MS);
    for (const line of exit === 0 ? lines.filter((l) => /✔|passing|failing|^\s+\d+\) /.test(l)) : lines) console.log(`[${name}] ${line}`);
    const reported = lines.map((l) => /KASM-WEB-RESULTS (.*)/.exec(l)?.[1]).find(Boolean);
    return { exit, results: reported ? JSON.parse(reported) as { passed: number; failed: number } : undefined, lines };
  } finally {
    await server.stop();
  }
}

describe('the extension in VS Code for the Web (code-server\'s web-worker extension host)', { timeout: 2 * TIMEOUT_MS }, () => {
  it('passes the web suite with the extension under development', async () => {
    const { exit, results } = await runWebSuite('web-development', 'development');
    assert.equal(exit, 0);
    assert.equal(results?.failed, 0);
    assert.ok((results?.passed ?? 0) >= 7, `only ${results?.passed} web tests passed`);
  });

  it('passes the web suite with the files packaged in its .vsix', async () => {
    assert.ok(fs.existsSync(VSIX), 'npm run package makes the .vsix first');
    const { exit, results } = await runWebSuite('web-vsix', 'vsix');
    assert.equal(exit, 0);
    assert.equal(results?.failed, 0);
    assert.ok((results?.passed ?? 0) >= 7, `only ${results?.passed} web tests passed`);
  });
});
