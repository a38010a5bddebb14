// Online image checks (#17) at registry scale: kasm-registry-lint --online on 200 entries naming 200 distinct images
// of a real registry behind a token server (Debian's docker-registry, as in the tests), with an empty cache and
// with the cache the first run wrote; against the same lint offline, and against the simplest script that asks the
// registry one HEAD after another.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../test/helpers/core';
import { startRegistry } from '../test/helpers/dockerRegistry';

const IMAGES = 200;
const ROUNDS = 3;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export interface OnlineImagesResult {
  offlineMs: number;
  coldMs: number;
  warmMs: number;
  sequentialHeadMs: number;
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
    const timed = async (args: string[]) => {
      const start = performance.now();
      await promisify(execFile)(process.execPath, [cli, '--format', 'json', ...args, root], { maxBuffer: 64 * 1024 * 1024 }).catch(() => undefined);
      return performance.now() - start;
    };
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
    // Two more cold runs (each with a cache of its own) and three of the peer, taken in turns: the medians are
    // compared, as one run of each on a shared machine varied by a third.
    const sequential = [await sequentialHeads(registry.host)];
    for (let round = 1; round < ROUNDS; round++) {
      cold.push(await online(path.join(root, `.cache-${round}`)));
      sequential.push(await sequentialHeads(registry.host));
    }
    const coldMs = median(cold);
    const sequentialHeadMs = median(sequential);
    return { offlineMs, coldMs, warmMs, sequentialHeadMs, requestsCold, requestsWarm, tokenRequestsCold };
  } finally {
    await registry.stop();
    fs.rmSync(root, { recursive: true, force: true });
  }
}

/** The peer: a token, then one HEAD per image, each waiting for the last (what a shell loop over curl does). */
async function sequentialHeads(host: string): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < IMAGES; i++) {
    const url = `http://${host}/v2/bench/image-${i}/manifests/1.0`;
    const challenge = await fetch(url, { method: 'HEAD' });
    const realm = /realm="([^"]+)",service="([^"]+)"/.exec(challenge.headers.get('www-authenticate') ?? '');
    const token = realm ? (await (await fetch(`${realm[1]}?service=${realm[2]}&scope=repository:bench/image-${i}:pull`)).json() as { token: string }).token : '';
    await fetch(url, { method: 'HEAD', headers: { authorization: `Bearer ${token}`, accept: 'application/vnd.oci.image.manifest.v1+json' } });
  }
  return performance.now() - start;
}
