// npm start: the extension, installed from the freshly packaged .vsix, in a real VS Code (code-server) on a
// copy of the sample registry in examples/. Prints the URL to open; Ctrl+C stops it. PORT chooses the port (it must be
// free); without it 8080, or any free port when 8080 is taken.
import * as path from 'node:path';
import { REPO_ROOT, copyOfExamples, portIsFree, startCodeServer } from '../test/e2e/codeServer';

/** The port asked for with PORT (which must then be free); else 8080 when free, else any free port. */
async function chosenPort(): Promise<number | undefined> {
  const asked = process.env.PORT;
  if (asked !== undefined && asked !== '') {
    if (!/^\d+$/.test(asked) || Number(asked) < 1 || Number(asked) > 65535) throw new Error(`PORT must be a port number (1-65535), not "${asked}"`);
    return Number(asked);
  }
  return await portIsFree(8080) ? 8080 : undefined;
}

async function main(): Promise<void> {
  const runDir = path.join(REPO_ROOT, '.vscode-test', 'start');
  const port = await chosenPort();
  const server = await startCodeServer(runDir, { vsix: path.join(REPO_ROOT, 'kasm-workspace-registry.vsix'), port });
  const registry = copyOfExamples(runDir);
  console.log([
    '',
    'Kasm Workspaces extension running in VS Code (code-server), offline, on a copy of examples/registry:',
    '',
    `  ${server.url(registry)}`,
    '',
    'Open workspaces/Data Science Lab/workspace.json to see its problems; "Kasm: Preview Workspace Icon" and',
    '"New Kasm Workspace…" are in the command palette (F1). Press Ctrl+C to stop.',
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
