/**
 * A real VS Code, offline: code-server (VS Code 1.100.3's server and web workbench, installed from npm by
 * scripts/install-code-server.sh), isolated in a run folder, optionally driven by Debian's headless Chromium.
 * Used by the end-to-end tests, the UI check and `npm start`.
 */
import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as util from 'node:util';
import { Browser, Page, chromium } from 'playwright-core';

export const REPO_ROOT = path.resolve(__dirname, '../..');
export const CODE_SERVER = path.resolve(REPO_ROOT, process.env.CODE_SERVER ?? '.vscode-test/code-server/node_modules/.bin/code-server');
/** code-server 4.93.1: VS Code 1.93.1, the oldest the manifest allows (engines.vscode; scripts/install-code-server.sh). */
export const OLDEST_CODE_SERVER = path.resolve(REPO_ROOT, '.vscode-test/code-server-4.93.1/node_modules/.bin/code-server');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

export interface CodeServer {
  base: string;
  port: number;
  runDir: string;
  extensionsDir: string;
  /** The workbench URL for a folder, with extension development/test paths in the payload. */
  /** The workbench opening a folder, or a multi-root workspace given by its .code-workspace file. */
  url(folder: string, payload?: { extensionDevelopmentPath?: string; extensionTestsPath?: string }): string;
  stop(): Promise<void>;
}

/** Listens on the port (0: any free one) for a moment; the port it got, or undefined when the port is taken. */
const tryPort = (port: number) => new Promise<number | undefined>((resolve) => {
  const server = net.createServer();
  server.unref();
  server.on('error', () => resolve(undefined));
  server.listen(port, '127.0.0.1', () => {
    const { port: got } = server.address() as net.AddressInfo;
    server.close(() => resolve(got));
  });
});

export const portIsFree = async (port: number): Promise<boolean> => (await tryPort(port)) === port;

async function freePort(): Promise<number> {
  const port = await tryPort(0);
  if (port === undefined) throw new Error('no free loopback port');
  return port;
}

/** User settings that make code-server run the extension's `browser` entry in its web-worker extension host. */
export const WEB_EXTENSION_SETTINGS = { 'remote.extensionKind': { 'kasm-registry-tools.kasm-workspace-registry': ['web'] } };

/** Starts code-server on a free loopback port, with its settings, data and sockets under `runDir`. */
export async function startCodeServer(
  runDir: string,
  options: { env?: Record<string, string>; vsix?: string; port?: number; codeServer?: string; settings?: Record<string, unknown> } = {},
): Promise<CodeServer> {
  const codeServer = options.codeServer ?? CODE_SERVER;
  if (!fs.existsSync(codeServer)) throw new Error(`code-server is not installed: run bash scripts/install-code-server.sh (looked for ${codeServer})`);
  // A port another server holds would have us wait for code-server to give up, then talk to the other server; checked
  // before anything is removed, so that a refused start leaves every file as it was.
  if (options.port !== undefined && !await portIsFree(options.port)) {
    throw new Error(`port ${options.port} is in use by another program; choose another with PORT=<port>, or leave PORT unset for a free one`);
  }
  fs.rmSync(runDir, { recursive: true, force: true });
  const userData = path.join(runDir, 'user-data');
  const extensionsDir = path.join(runDir, 'extensions');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none', 'workbench.tips.enabled': false, 'telemetry.telemetryLevel': 'off',
    'extensions.autoCheckUpdates': false, 'extensions.autoUpdate': false, 'update.mode': 'none',
    'security.workspace.trust.enabled': false, 'workbench.colorTheme': 'Default Dark Modern', 'window.commandCenter': false,
    // The run folder lies inside this repository: do not offer to open it.
    'git.openRepositoryInParentFolders': 'never',
    // Online image checks are off unless a test turns them on; explicitly, so that the one-time offer stays away.
    'kasm.images.online': false,
    // The tests' registry runs on this machine: asked only because the user allows it (#27.1).
    'kasm.images.allowHosts': ['127.0.0.1'],
    ...options.settings,
  }, null, 2));
  // A short private temp folder: VS Code puts IPC sockets there, and socket paths have a length limit.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vsct-'));
  const env = {
    ...process.env, ...options.env,
    XDG_CONFIG_HOME: path.join(runDir, 'xdg-config'), XDG_DATA_HOME: path.join(runDir, 'xdg-data'),
    XDG_CACHE_HOME: path.join(runDir, 'xdg-cache'), XDG_RUNTIME_DIR: tmp, TMPDIR: tmp,
    EXTENSIONS_GALLERY: '{}',
  };
  const port = options.port ?? await freePort();
  const config = path.join(runDir, 'config.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const common = ['--config', config, '--user-data-dir', userData, '--extensions-dir', extensionsDir];
  if (options.vsix) {
    const install = spawnSync(codeServer, [...common, '--install-extension', options.vsix], { env, encoding: 'utf8' });
    if (install.status !== 0) throw new Error(`installing ${options.vsix} failed: ${install.stdout}${install.stderr}`);
  }
  const server: ChildProcess = spawn(codeServer, [
    ...common, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--disable-proxy', '--ignore-last-opened',
  ], { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  const log = fs.createWriteStream(path.join(runDir, 'code-server.log'));
  server.stdout?.pipe(log);
  server.stderr?.pipe(log);
  let running = true;
  const exited = new Promise((resolve) => server.on('exit', () => { running = false; resolve(undefined); }));
  const kill = (signal: NodeJS.Signals) => { try { process.kill(-(server.pid as number), signal); } catch { /* already gone */ } };
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (!running) throw new Error(`code-server stopped while starting; see ${path.join(runDir, 'code-server.log')}`);
    try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not up yet */ }
    if (i > 600) { kill('SIGKILL'); throw new Error(`code-server did not start; see ${path.join(runDir, 'code-server.log')}`); }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base, port, runDir, extensionsDir,
    url(folder, payload = {}) {
      const entries = Object.entries(payload).map(([key, value]) => [key, `vscode-remote://127.0.0.1:${port}${value}`]);
      const opened = folder.endsWith('.code-workspace') ? 'workspace' : 'folder';
      return `${base}/?${opened}=${encodeURIComponent(folder)}${entries.length ? `&payload=${encodeURIComponent(JSON.stringify(entries))}` : ''}`;
    },
    async stop() {
      kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
      kill('SIGKILL');
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

export interface Workbench { browser: Browser; page: Page; exitCode: Promise<number> }

/** Opens the workbench in headless Chromium; extension-host test output is echoed, the test exit code resolves `exitCode`. */
export async function openWorkbench(url: string, log: (line: string) => void = console.log): Promise<Workbench> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  let finish: (code: number) => void = () => undefined;
  const exitCode = new Promise<number>((resolve) => { finish = resolve; });
  // The web workbench calls these hooks when it runs extension tests.
  await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown) => log(util.format(...(Array.isArray(args) ? args : [args]))));
  await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
  page.on('pageerror', (error) => log(`[workbench pageerror] ${error.message}`));
  await page.goto(url);
  return { browser, page, exitCode };
}

/** The in-host tests' exit code, or 'timeout' after `timeoutMs` (the timer cleared, so that it keeps no process alive). */
export async function exitOrTimeout(workbench: Workbench, timeoutMs: number): Promise<number | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => { timer = setTimeout(() => resolve('timeout'), timeoutMs); });
  try {
    return await Promise.race([workbench.exitCode, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Opens the workbench at `url` (with extensionTestsPath in its payload) and waits for the in-host tests to exit, or
 * `timeoutMs`; a screenshot `at-exit.png` in the run folder shows the workbench when they did not pass.
 */
export async function runInHostTests(url: string, runDir: string, timeoutMs: number): Promise<{ exit: number | 'timeout'; lines: string[] }> {
  const lines: string[] = [];
  const workbench = await openWorkbench(url, (line) => lines.push(line));
  const exit = await exitOrTimeout(workbench, timeoutMs);
  if (exit !== 0) await workbench.page.screenshot({ path: path.join(runDir, 'at-exit.png') }).catch(() => undefined);
  await workbench.browser.close();
  return { exit, lines };
}

/** A copy of the sample registry to work in, so that tests never change examples/. */
export function copyOfExamples(runDir: string): string {
  const target = path.join(runDir, 'registry');
  fs.cpSync(path.join(REPO_ROOT, 'examples', 'registry'), target, { recursive: true });
  return target;
}

/**
 * `npm run screenshots` shows the extension as users install it: from the .vsix, without VS Code's
 * "[Extension Development Host]" in the title.
 */
const FROM_VSIX = process.env.KASM_WORKBENCH_FROM_VSIX === '1';

/**
 * Runs `body` in a workbench opened on a fresh copy of the sample registry, with the extension under development
 * (or installed from the .vsix, for screenshots), as a person would use it; a screenshot `<name>-fail.png` in the run
 * folder shows where it went wrong.
 */
export async function inWorkbench<T>(
  name: string, body: (page: Page, registry: string) => Promise<T>, settings?: Record<string, unknown>,
): Promise<T> {
  const runDir = path.join(REPO_ROOT, '.vscode-test', `run-${name}`);
  const vsix = FROM_VSIX ? path.join(REPO_ROOT, 'kasm-workspace-registry.vsix') : undefined;
  const server = await startCodeServer(runDir, { settings, vsix });
  try {
    const registry = copyOfExamples(runDir);
    const url = server.url(registry, vsix ? {} : { extensionDevelopmentPath: REPO_ROOT });
    const { browser, page } = await openWorkbench(url, () => undefined);
    try {
      return await body(page, registry);
    } catch (error) {
      await page.screenshot({ path: path.join(runDir, `${name}-fail.png`) }).catch(() => undefined);
      throw error;
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
  }
}
