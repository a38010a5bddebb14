// npm run test:desktop: the same in-host suite in desktop VS Code, through the conventional @vscode/test-electron
// launcher, for contributors whose machines can download VS Code (this one cannot: use npm test there).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { REPO_ROOT } from './codeServer';

async function main(): Promise<void> {
  const workspace = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-desktop-')), 'registry');
  fs.cpSync(path.join(REPO_ROOT, 'examples', 'registry'), workspace, { recursive: true });
  await runTests({
    version: '1.100.3',
    extensionDevelopmentPath: REPO_ROOT,
    extensionTestsPath: path.join(REPO_ROOT, 'out', 'e2e', 'suite', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error: Error) => {
  console.error(`test:desktop: ${error.message}`);
  process.exit(1);
});
