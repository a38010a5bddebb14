/**
 * What a keystroke in one entry costs the language server in registries of growing size (#16.13): the bundled
 * server over stdio, started as the extension starts it, with the registry as its workspace folder. CPU time is the
 * server process's own (every thread, from /proc/<pid>/task/<tid>/schedstat, in nanoseconds), from the change to
 * after the registry-wide comparison that follows a pause in typing.
 */
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { SERVER_NODE_FLAGS } from '../server/src/lsp/protocol';
import { findWorkspaceFiles } from '../server/src/node/workspaceFiles';
import { serverProcessOf, startTestClient } from '../test/helpers/lspClient';

/** Longer than the server's pause before it compares the registry's entries again (CROSS_ENTRY_DELAY_MS, 150 ms). */
const SETTLE_MS = 250;
const KEYSTROKES = 25;

/** CPU time of every thread of a process so far, in milliseconds. */
function cpuMs(pid: number): number {
  let ns = 0;
  for (const task of fs.readdirSync(`/proc/${pid}/task`)) {
    try { ns += Number(fs.readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]); } catch { /* the thread ended */ }
  }
  return ns / 1e6;
}

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface KeystrokeResult { entries: number; loadMs: number; loadRssMb: number; keystrokeMs: number }

export async function keystrokeInRegistry(root: string): Promise<KeystrokeResult> {
  const files = findWorkspaceFiles(root);
  // The server publishes under VS Code's URI encoding (vscode-uri), as the editor names the files.
  const waiting = new Set(files.map((f) => URI.file(f).toString()));
  const t0 = performance.now();
  const client = await startTestClient({ workspaceFolders: [root], nodeFlags: SERVER_NODE_FLAGS });
  try {
    const pid = serverProcessOf(client).pid!;
    const deadline = Date.now() + 600_000;
    for (let seen = 0; waiting.size > 0; await sleep(20)) {
      if (Date.now() > deadline) throw new Error(`the server published ${files.length - waiting.size} of ${files.length} entries in 10 minutes`);
      const published = client.published();
      for (; seen < published.length; seen++) waiting.delete(published[seen].uri);
    }
    const loadMs = performance.now() - t0;
    const loadRssMb = rssMb(pid);
    const file = files[Math.floor(files.length / 2)];
    let text = fs.readFileSync(file, 'utf8');
    const { uri } = await client.openChecked(file, text);
    await sleep(SETTLE_MS);
    const times: number[] = [];
    for (let version = 2; version < 2 + KEYSTROKES; version++) {
      // A letter typed into the description, as a maintainer edits an entry.
      const offset = text.indexOf('"description": "') + '"description": "'.length;
      const position = TextDocument.create(uri, 'json', version, text).positionAt(offset);
      const published = client.diagnostics(uri, (p) => p.version === version);
      const before = cpuMs(pid);
      client.change(uri, version, [{ range: { start: position, end: position }, text: 'x' }]);
      text = `${text.slice(0, offset)}x${text.slice(offset)}`;
      await published;
      await sleep(SETTLE_MS);
      times.push(cpuMs(pid) - before);
    }
    return { entries: files.length, loadMs, loadRssMb, keystrokeMs: median(times) };
  } finally {
    await client.stop();
  }
}
