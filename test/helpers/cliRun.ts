import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './core';

export const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');

/**
 * Where the code under test runs: in its own process as users start it (`node dist/cli.js`, `node dist/server.js`),
 * or, in the mutation run (#31; scripts/mutation-build.mjs sets this), in the test's own process on the same
 * sources, so that a mutant is what answers.
 */
export const IN_PROCESS = process.env.KASM_TEST_IN_PROCESS === '1';

export interface CliRun { status: number | null; stdout: string; stderr: string }

/**
 * Runs kasm-registry-lint with `args` in `cwd`, `env` added to its environment. Asynchronous, not spawnSync: a
 * test's own servers (a token server, a registry proxy) answer from this process while the command runs.
 */
export async function runCli(args: string[], cwd: string = REPO_ROOT, env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  if (IN_PROCESS) {
    if (Object.keys(env).length) throw new Error('this test sets the command\'s environment: it needs a process of its own');
    const { main } = await import('../../server/src/cli/lint');
    let stdout = '';
    let stderr = '';
    const status = await main(args, { cwd, isTty: false, out: (s) => { stdout += s; }, err: (s) => { stderr += s; } });
    return { status, stdout, stderr };
  }
  type Failed = Error & { code?: number | string; stdout?: string; stderr?: string };
  return promisify(execFile)(process.execPath, [CLI, ...args], { cwd, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '', ...env } }).then(
    ({ stdout, stderr }) => ({ status: 0, stdout, stderr }),
    (error: Failed) => ({ status: typeof error.code === 'number' ? error.code : null, stdout: error.stdout ?? '', stderr: error.stderr ?? error.message }),
  );
}
