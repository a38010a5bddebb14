/**
 * The extension's activation time in code-server (#15): desktop (Node extension host, the server over IPC) and web
 * (web-worker extension host, the server in a web worker), on a folder with no workspace.json so that the
 * measurement itself activates it. test/e2e/measure/activation.ts does the timing inside the extension host.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, WEB_EXTENSION_SETTINGS, exitOrTimeout, openWorkbench, startCodeServer } from '../test/e2e/codeServer';

const ROUNDS = 3;
const MEASURE = path.join(REPO_ROOT, 'out', 'e2e', 'measure', 'activation.js');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function activationOnce(web: boolean, round: number): Promise<number> {
  const runDir = path.join(REPO_ROOT, '.vscode-test', `run-activation-${web ? 'web' : 'desktop'}-${round}`);
  const server = await startCodeServer(runDir, { settings: web ? WEB_EXTENSION_SETTINGS : undefined });
  try {
    const empty = path.join(runDir, 'empty-folder');
    fs.mkdirSync(empty, { recursive: true });
    const lines: string[] = [];
    const url = server.url(empty, { extensionDevelopmentPath: REPO_ROOT, extensionTestsPath: MEASURE });
    const workbench = await openWorkbench(url, (line) => lines.push(line));
    await exitOrTimeout(workbench, 120000);
    await workbench.browser.close();
    const ms = lines.map((line) => /KASM-ACTIVATION-MS ([\d.]+)/.exec(line)?.[1]).find(Boolean);
    if (!ms) throw new Error(`no activation time reported (${web ? 'web' : 'desktop'}): ${lines.slice(-5).join(' | ')}`);
    return Number(ms);
  } finally {
    await server.stop();
  }
}

export async function activationTimes(): Promise<{ desktopMs: number; webMs: number }> {
  const desktop: number[] = [];
  const web: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    desktop.push(await activationOnce(false, round));
    web.push(await activationOnce(true, round));
  }
  return { desktopMs: median(desktop), webMs: median(web) };
}
