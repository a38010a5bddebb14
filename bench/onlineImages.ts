// Online image checks (#17) at registry scale: kasm-registry-lint --online on 200 entries naming 200 distinct images
// of a real registry behind a token server (Debian's docker-registry, as in the tests), with an empty cache and
// with the cache the first run wrote; against the same lint offline, and against the simplest script that asks the
// registry one HEAD after another (bench/sequentialHeads.mjs), run as a process of its own as the CLI is. That
// script's time inside this process is printed too: there it starts warm and shares its event loop with the token
// server, which the CLI, a process of its own, does not.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../test/helpers/core';
import { startRegistry } from '../test/helpers/dockerRegistry';

const IMAGES = 200;
/** Cold runs and peer runs each, in turns; their medians are compared (single runs vary by a fifth or more here). */
const ROUNDS = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export interface OnlineImagesResult {
  offlineMs: number;
  coldMs: number;
  warmMs: number;
  sequentialHeadMs: number;
  /** The same script's time run inside this process (warm, and the token server on its event loop). */
  sequentialHeadInProcessMs: number;
  requestsCold: number;
  requestsWarm: number;
  tokenRequestsCold: number;
}

export async function onlineImageChecks(): Promise<OnlineImagesResult> {
  const registry = await startRegistry({ token: true });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-bench-online-'));
  try {
    for (let i = 0; i < IMAGES; i++) {
      // One image in ten is multi-platform (an OCI index), as Kasm's own images are.
      await registry.push(`bench/image-${i}`, '1.0', { architectures: i % 10 === 0 ? ['amd64', 'arm64'] : ['amd64'] });
      const folder = path.join(root, 'workspaces', `Image${i}`);
      fs.mkdirSync(folder, { recursive: true });
      fs.writeFileSync(path.join(folder, 'workspace.json'), JSON.stringify({
        friendly_name: `Image ${i}`, description: 'A benchmark entry.', image_src: 'icon.png', categories: ['Development'], architecture: ['amd64'],
        compatibility: [{ version: '1.16.x', image: `${registry.host}/bench/image-${i}:1.0`, uncompressed_size_mb: 1, available_tags: ['1.0'] }],
      }));
    }
    const cli = path.join(REPO_ROOT, 'dist', 'cli.js');
    const cache = path.join(root, '.cache');
    // Not spawnSync: the token server answers from this process.
    const timedProcess = async (args: string[]) => {
      const start = performance.now();
      await promisify(execFile)(process.execPath, args, { maxBuffer: 64 * 1024 * 1024 }).catch(() => undefined);
      return performance.now() - start;
    };
    const timed = (args: string[]) => timedProcess([cli, '--format', 'json', ...args, root]);
    const peerScript = path.join(REPO_ROOT, 'bench', 'sequentialHeads.mjs');
    const peer = () => timedProcess([peerScript, registry.host, String(IMAGES)]);
    const requests = () => registry.requests().filter((r) => !/^(PUT|POST|PATCH)/.test(r)).length;
    const offlineMs = await timed([]);
    const beforeCold = requests();
    const tokensBeforeCold = registry.tokenRequests().length;
    const online = (cacheDir: string) => timed(['--online', '--allow-host', '127.0.0.1', '--cache-dir', cacheDir]);
    const cold = [await online(cache)];
    const requestsCold = requests() - beforeCold;
    const tokenRequestsCold = registry.tokenRequests().length - tokensBeforeCold;
    const warmMs = await online(cache);
    const requestsWarm = requests() - beforeCold - requestsCold;
    // More cold runs (each with a cache of its own) and as many of the peer, taken in turns.
    const sequential = [await peer()];
    for (let round = 1; round < ROUNDS; round++) {
      cold.push(await online(path.join(root, `.cache-${round}`)));
      sequential.push(await peer());
    }
    // The same script inside this process: loaded as the ES module it is, not bundled.
    type PeerScript = { sequentialHeads: (host: string, count: number) => Promise<void> };
    const { sequentialHeads } = await import(pathToFileURL(peerScript).href) as PeerScript;
    const inProcess = [];
    for (let round = 0; round < ROUNDS; round++) {
      const start = performance.now();
      await sequentialHeads(registry.host, IMAGES);
      inProcess.push(performance.now() - start);
    }
    return {
      offlineMs, coldMs: median(cold), warmMs, sequentialHeadMs: median(sequential), sequentialHeadInProcessMs: median(inProcess),
      requestsCold, requestsWarm, tokenRequestsCold,
    };
  } finally {
    await registry.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}
