// npm start: the extension, installed from the freshly packaged .vsix, in a real VS Code (code-server) on a
// copy of the sample registry in examples/. Prints the URL to open; Ctrl+C stops it.
import * as path from 'node:path';
import { REPO_ROOT, copyOfExamples, startCodeServer } from '../test/e2e/codeServer';

async function main(): Promise<void> {
  const runDir = path.join(REPO_ROOT, '.vscode-test', 'start');
  const port = Number(process.env.PORT ?? 8080);
  const server = await startCodeServer(runDir, { vsix: path.join(REPO_ROOT, 'kasm-workspace-registry.vsix'), port });
  const registry = copyOfExamples(runDir);
  console.log([
    '',
    'Kasm Workspaces extension running in VS Code (code-server), offline, on a copy of examples/registry:',
    '',
    `  ${server.url(registry)}`,
    '',
    'Open workspaces/Data Science Lab/workspace.json to see its problems; "Kasm: Preview Workspace Icon" and',
    '"Kasm: New Workspace…" are in the command palette (F1). Press Ctrl+C to stop.',
    '',
  ].join('\n'));
  const stop = () => { void server.stop().then(() => process.exit(0)); };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
  console.error(`npm start: ${error.message}`);
  process.exit(1);
});
