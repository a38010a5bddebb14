// npm start as a new user runs it (#18.12): it says at once when the port asked for is taken, and otherwise finds a
// free port, never printing the address of a server that is not its own.
import * as assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from './codeServer';

const START = path.join(REPO_ROOT, 'scripts', 'start.ts');

function start(env: Record<string, string>): { child: ChildProcess; output: () => string; exit: Promise<number | null> } {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', START], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  return { child, output: () => output, exit: new Promise((resolve) => child.on('exit', resolve)) };
}

/** A server of someone else's holding a port; undefined when the port cannot be had. */
const occupy = (port: number) => new Promise<net.Server | undefined>((resolve) => {
  const server = net.createServer((socket) => socket.end('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok'));
  server.on('error', () => resolve(undefined));
  server.listen(port, '127.0.0.1', () => resolve(server));
});

describe('npm start', { timeout: 180000 }, () => {
  it('says at once that the PORT asked for is taken, and prints no address', async () => {
    const other = await occupy(0);
    assert.ok(other);
    const port = (other.address() as net.AddressInfo).port;
    try {
      const began = Date.now();
      const run = start({ PORT: String(port) });
      assert.equal(await run.exit, 1);
      assert.ok(Date.now() - began < 30000, 'it does not wait for code-server to give up');
      assert.match(run.output(), new RegExp(`port ${port} is in use by another program`));
      assert.ok(!run.output().includes('http://'), run.output());
    } finally {
      other.close();
    }
  });

  it('takes a free port when 8080 is taken, and prints the address of its own code-server', async (t) => {
    const other = await occupy(8080);
    if (!other) return t.skip('8080 is in use here already');
    const run = start({ PORT: '' });
    try {
      const deadline = Date.now() + 150000;
      let url: string | undefined;
      while (!url && Date.now() < deadline) {
        url = /http:\/\/127\.0\.0\.1:(\d+)\/\S*/.exec(run.output())?.[0];
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      assert.ok(url, run.output());
      assert.notEqual(new URL(url).port, '8080');
      assert.match(await (await fetch(new URL('/healthz', url))).text(), /status/, 'code-server answers there');
      // A second npm start while this one runs: it says where the first is, and the user's copy stays (#28.10).
      const edited = path.join(REPO_ROOT, '.vscode-test', 'start-registry', 'registry', 'my-edit.txt');
      fs.writeFileSync(edited, 'kept');
      const second = start({ PORT: '' });
      assert.equal(await second.exit, 1);
      assert.match(second.output(), new RegExp(`npm start is already running \\(pid ${run.child.pid}\\) at\\s+${url.replace(/[.?*+^$[\]\\(){}|-]/g, '\\$&')}`));
      assert.equal(fs.readFileSync(edited, 'utf8'), 'kept', 'the running session\'s files are untouched');
      assert.match(await (await fetch(new URL('/healthz', url))).text(), /status/, 'the first still answers');
    } finally {
      run.child.kill('SIGINT');
      await run.exit;
      other.close();
    }
  });
});
