// kasm-registry-lint --online (#17), the bundled CLI against a real Docker registry (Debian's docker-registry):
// nothing is sent without the flag; with it, missing tags, private repositories, architectures and channels are
// reported, answers are kept in --cache-dir, and HTTPS_PROXY is followed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { IN_PROCESS, runCli } from '../helpers/cliRun';
import { LocalRegistry, freePort, startRegistry } from '../helpers/dockerRegistry';
import { startConnectProxy } from '../helpers/connectProxy';

interface Result { file: string; diagnostics: { code: string; severity: string; line: number; message: string }[] }

/** Runs the CLI without blocking this process: the token server of the registry lives here. */
async function lint(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; results: Result[]; stderr: string }> {
  const run = await runCli(['--format', 'json', ...args], process.cwd(), env);
  return { code: run.status, results: JSON.parse(run.stdout) as Result[], stderr: run.stderr };
}

const onlineCodes = (result: Result | undefined) =>
  (result?.diagnostics ?? []).filter((d) => /^image-(tag|repository|arch|size)|^available-tag-missing/.test(d.code)).map((d) => d.code).sort();

describe('kasm-registry-lint --online (real registry, token auth)', () => {
  let registry: LocalRegistry;
  let root: string;
  const resultOf = (results: Result[], name: string) => results.find((r) => r.file.includes(`/${name}/`));

  before(async () => {
    registry = await startRegistry({ token: true });
    await registry.push('acme/lab', '1.0', { architectures: ['amd64'] });
    await registry.push('acme/multi', '2.0', { architectures: ['amd64', 'arm64'] });
    await registry.push('private/secret', '1.0', { architectures: ['amd64'] });
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-cli-online-'));
    const entries: Record<string, { image: string; architecture: string[]; tags?: string[] }> = {
      Good: { image: `${registry.host}/acme/lab:1.0`, architecture: ['amd64'] },
      Typo: { image: `${registry.host}/acme/lab:1.1`, architecture: ['amd64'] },
      Arm: { image: `${registry.host}/acme/lab:1.0`, architecture: ['amd64', 'arm64'] },
      Multi: { image: `${registry.host}/acme/multi:2.0`, architecture: ['amd64'], tags: ['2.0', '1.0'] },
      Secret: { image: `${registry.host}/private/secret:1.0`, architecture: ['amd64'] },
      Channels: { image: `${registry.host}/acme/lab:1.0`, architecture: ['amd64'], tags: ['1.0', '1.0-rolling-weekly'] },
    };
    for (const [name, { image, architecture, tags }] of Object.entries(entries)) {
      fs.mkdirSync(path.join(root, 'workspaces', name), { recursive: true });
      fs.writeFileSync(path.join(root, 'workspaces', name, 'workspace.json'), JSON.stringify({
        friendly_name: name, description: 'A lab.', image_src: 'icon.png', categories: ['Development'], architecture,
        compatibility: [{ version: '1.16.x', image, uncompressed_size_mb: 3, available_tags: tags ?? [image.split(':').pop()] }],
      }, null, 2));
    }
  });
  after(async () => {
    await registry.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('sends nothing without --online', async () => {
    const { results } = await lint([root]);
    assert.equal(results.length, 6);
    assert.deepEqual(results.flatMap(onlineCodes), []);
    assert.deepEqual(registry.requests().filter((r) => /^(HEAD|GET) \/v2\/\S+\/(manifests|tags|blobs)\//.test(r)), []);
  });

  it('reports what the registry says with --online, and keeps the answers in --cache-dir', async () => {
    const cache = path.join(root, '.cache');
    const { results, stderr } = await lint(['--online', '--allow-host', '127.0.0.1', '--cache-dir', cache, root]);
    assert.deepEqual(onlineCodes(resultOf(results, 'Good')), []);
    assert.deepEqual(onlineCodes(resultOf(results, 'Typo')), ['image-tag-missing']);
    const typo = resultOf(results, 'Typo')?.diagnostics.find((d) => d.code === 'image-tag-missing');
    assert.equal(typo?.severity, 'warning');
    assert.match(typo?.message ?? '', new RegExp(`Closest: "${registry.host}/acme/lab:1.0"`));
    assert.deepEqual(onlineCodes(resultOf(results, 'Arm')), ['image-arch-missing']);
    assert.deepEqual(onlineCodes(resultOf(results, 'Multi')), ['available-tag-missing', 'image-arch-unlisted']);
    assert.deepEqual(onlineCodes(resultOf(results, 'Secret')), ['image-repository-missing']);
    assert.equal(resultOf(results, 'Secret')?.diagnostics.find((d) => d.code === 'image-repository-missing')?.severity, 'info');
    assert.deepEqual(onlineCodes(resultOf(results, 'Channels')), ['available-tag-missing']);
    assert.match(stderr, /images checked online: 4, not found: 2/);
    // One GET asks whether a tag exists and reads its manifest (a HEAD first was one request more per image, #27.14).
    assert.ok(registry.requests().includes('GET /v2/acme/lab/manifests/1.0 HTTP/1.1 200'));
    assert.ok(!registry.requests().some((r) => r.startsWith('HEAD ')));
    // A one-platform image's config blob names its architecture; a multi-platform image's gives only the build date,
    // which a hover shows and the CLI does not: that request is not made.
    assert.ok(registry.requests().some((r) => r.startsWith('GET /v2/acme/lab/blobs/sha256:')));
    const multi = registry.requests().filter((r) => r.startsWith('GET /v2/acme/multi/'));
    assert.ok(multi.some((r) => r.includes('/manifests/sha256:')), 'its platform manifest is read: it gives the size');
    assert.ok(!multi.some((r) => r.includes('/blobs/')), multi.join('\n'));

    const asked = registry.requests().length;
    const again = await lint(['--online', '--allow-host', '127.0.0.1', '--cache-dir', cache, root]);
    assert.deepEqual(again.results.map(onlineCodes), results.map(onlineCodes));
    assert.equal(registry.requests().length, asked, 'the second run asks nothing: every answer is in the cache');
  });

  it('goes through HTTPS_PROXY / HTTP_PROXY when they are set', { skip: IN_PROCESS && 'the proxy is read from the process environment' }, async () => {
    const proxy = await startConnectProxy();
    try {
      const { results } = await lint(['--online', '--allow-host', '127.0.0.1', '--cache-dir', path.join(root, '.cache-proxy'), path.join(root, 'workspaces', 'Typo')],
        { HTTPS_PROXY: proxy.url, HTTP_PROXY: proxy.url, NO_PROXY: '' });
      assert.deepEqual(onlineCodes(results[0]), ['image-tag-missing']);
      assert.ok(proxy.tunnels.includes(registry.host), `the proxy carried the requests: ${proxy.tunnels.join(', ')}`);
    } finally {
      proxy.close();
    }
  });

  it('says once that a registry cannot be reached, and reports nothing per entry', async () => {
    const host = `127.0.0.1:${await freePort()}`;
    const text = fs.readFileSync(path.join(root, 'workspaces', 'Good', 'workspace.json'), 'utf8').replace(registry.host, host);
    for (const name of ['Lab', 'Lab2']) {
      fs.mkdirSync(path.join(root, 'offline', 'workspaces', name), { recursive: true });
      fs.writeFileSync(path.join(root, 'offline', 'workspaces', name, 'workspace.json'), text);
    }
    const { results, stderr } = await lint(['--online', '--allow-host', '127.0.0.1', '--cache-dir', path.join(root, '.cache-offline'), path.join(root, 'offline')]);
    assert.deepEqual(results.flatMap(onlineCodes), []);
    assert.equal(stderr.match(/could not be reached/g)?.length, 1, stderr);
  });
});
