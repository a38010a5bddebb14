// npm start: the extension, installed from the freshly packaged .vsix, in a real VS Code (code-server) on a
// copy of the sample registry in examples/. Prints the URL to open; Ctrl+C stops it. PORT chooses the port (it must be
// free); without it 8080, or any free port when 8080 is taken.
//
// The registry copy (.vscode-test/start-registry) is made once and kept, with your edits, across runs; a second
// `npm start` while one runs says where that one is and touches nothing (#28.10).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, copyOfExamples, portIsFree, startCodeServer } from '../test/e2e/codeServer';

const RUN_DIR = path.join(REPO_ROOT, '.vscode-test', 'start');
const REGISTRY_DIR = path.join(REPO_ROOT, '.vscode-test', 'start-registry');
/** Which `npm start` runs now, and where: `{ pid, url }`. */
const RUNNING_FILE = path.join(REPO_ROOT, '.vscode-test', 'start-running.json');

/** The port asked for with PORT (which must then be free); else 8080 when free, else any free port. */
async function chosenPort(): Promise<number | undefined> {
  const asked = process.env.PORT;
  if (asked !== undefined && asked !== '') {
    if (!/^\d+$/.test(asked) || Number(asked) < 1 || Number(asked) > 65535) throw new Error(`PORT must be a port number (1-65535), not "${asked}"`);
    return Number(asked);
  }
  return await portIsFree(8080) ? 8080 : undefined;
}

/** The `npm start` that is running now, if any (a file left by one that was killed names a process that is gone). */
function running(): { pid: number; url: string } | undefined {
  try {
    const found = JSON.parse(fs.readFileSync(RUNNING_FILE, 'utf8')) as { pid: number; url: string };
    process.kill(found.pid, 0);
    return found;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const other = running();
  if (other) throw new Error(`npm start is already running (pid ${other.pid}) at\n\n  ${other.url}\n\nOpen that, or stop it (Ctrl+C there) before starting another.`);
  const port = await chosenPort();
  const server = await startCodeServer(RUN_DIR, { vsix: path.join(REPO_ROOT, 'kasm-workspace-registry.vsix'), port });
  const kept = fs.existsSync(path.join(REGISTRY_DIR, 'registry'));
  const url = server.url(kept ? path.join(REGISTRY_DIR, 'registry') : copyOfExamples(REGISTRY_DIR));
  fs.writeFileSync(RUNNING_FILE, JSON.stringify({ pid: process.pid, url }));
  console.log([
    '',
    'Kasm Workspaces extension running in VS Code (code-server), offline, on a copy of examples/registry:',
    '',
    `  ${url}`,
    '',
    kept ? `Your copy from last time is kept (${path.relative(REPO_ROOT, REGISTRY_DIR)}; delete it to start afresh).` : '',
    'Open workspaces/Data Science Lab/workspace.json to see its problems; "Kasm: Preview Workspace Icon" and',
    '"Kasm: New Kasm Workspace…" are in the command palette (F1). Press Ctrl+C to stop.',
    '',
  ].join('\n'));
  const stop = () => {
    fs.rmSync(RUNNING_FILE, { force: true });
    void server.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: Error) => {
  console.error(`npm start: ${error.message}`);
  process.exit(1);
});
