// kasm-registry-lint --online (#27.14) against a real Docker registry behind a token server: one anonymous token
// request names up to 20 repositories of the same registry, so a registry of many images costs a few token requests,
// not one per image; a token server that grants one scope per token still gets every image checked.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../helpers/cliRun';
import { LocalRegistry, startRegistry } from '../helpers/dockerRegistry';

const IMAGES = 25;
const REPOSITORIES_PER_TOKEN = 20;

interface Result { file: string; diagnostics: { code: string }[] }

/** A registry with IMAGES repositories and a folder of one entry per image; `scopesPerToken` as its token server grants. */
async function registryOfImages(scopesPerToken: number): Promise<{ registry: LocalRegistry; root: string }> {
  const registry = await startRegistry({ token: true, scopesPerToken });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-cli-tokens-'));
  for (let i = 0; i < IMAGES; i++) {
    await registry.push(`lab/image-${i}`, '1.0', { architectures: ['amd64'] });
    fs.mkdirSync(path.join(root, 'workspaces', `Image${i}`), { recursive: true });
    fs.writeFileSync(path.join(root, 'workspaces', `Image${i}`, 'workspace.json'), JSON.stringify({
      friendly_name: `Image ${i}`, description: 'A lab.', image_src: 'icon.png', categories: ['Development'], architecture: ['arm64'],
      compatibility: [{ version: '1.16.x', image: `${registry.host}/lab/image-${i}:1.0`, uncompressed_size_mb: 3, available_tags: ['1.0'] }],
    }));
  }
  return { registry, root };
}

/** The CLI --online on `root`: the entries whose image lacks their architecture, and the summary line. */
async function checkOnline(root: string): Promise<{ codes: string[]; stderr: string }> {
  const run = await runCli(['--format', 'json', '--online', '--allow-host', '127.0.0.1', '--cache-dir', path.join(root, '.cache'), root], process.cwd());
  const results = JSON.parse(run.stdout) as Result[];
  const codes = results.flatMap((r) => r.diagnostics.map((d) => d.code).filter((code) => code === 'image-arch-missing'));
  return { codes, stderr: run.stderr };
}

const repositoryScope = (i: number) => `repository:lab/image-${i}:pull`;
const everyScope = Array.from({ length: IMAGES }, (_, i) => repositoryScope(i)).sort();

describe('--online asks one token for many repositories (#27.14)', () => {
  let registry: LocalRegistry;
  let root: string;
  before(async () => ({ registry, root } = await registryOfImages(Infinity)));
  after(async () => {
    await registry.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('checks every image with two token requests of at most 20 repositories each, each repository named once', async () => {
    const { codes, stderr } = await checkOnline(root);
    // Each image is amd64 and each entry says arm64: the registry was read, through a token, for every one of them.
    assert.deepEqual(codes, Array<string>(IMAGES).fill('image-arch-missing'));
    assert.match(stderr, new RegExp(`images checked online: ${IMAGES}, not found: 0`));
    const tokenRequests = registry.tokenRequests();
    assert.equal(tokenRequests.length, Math.ceil(IMAGES / REPOSITORIES_PER_TOKEN), JSON.stringify(tokenRequests));
    assert.ok(tokenRequests.every((scopes) => scopes.length <= REPOSITORIES_PER_TOKEN), JSON.stringify(tokenRequests));
    assert.deepEqual(tokenRequests.flat().sort(), everyScope);
  });
});

describe('--online with a token server that grants one scope per token', () => {
  let registry: LocalRegistry;
  let root: string;
  before(async () => ({ registry, root } = await registryOfImages(1)));
  after(async () => {
    await registry.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('still checks every image, and asks one repository per token once a shared token fell short', async () => {
    const { codes, stderr } = await checkOnline(root);
    assert.deepEqual(codes, Array<string>(IMAGES).fill('image-arch-missing'));
    assert.match(stderr, new RegExp(`images checked online: ${IMAGES}, not found: 0`));
    const tokenRequests = registry.tokenRequests();
    const shared = tokenRequests.filter((scopes) => scopes.length > 1);
    assert.equal(shared.length, 1, `one shared token, then one repository at a time: ${JSON.stringify(tokenRequests)}`);
    const alone = new Set(tokenRequests.filter((scopes) => scopes.length === 1).map(([scope]) => scope));
    assert.equal(alone.size, tokenRequests.length - 1, 'no repository is asked for twice on its own');
    assert.deepEqual([...new Set(tokenRequests.flat())].sort(), everyScope);
  });
});
