// A bug in a check never reads as "no problems" or as "the registry is offline" (#27.12): the real service and
// registry index with a source of image facts that throws, and the registry client with a fetch that has a bug.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/service/languageService';
import { ImageFactsSource } from '../../server/src/service/imageFacts';
import { RegistryClient } from '../../server/src/online/registryClient';
import { OnlineImages } from '../../server/src/online/onlineImages';
import { registryLocation } from '../../server/src/online/registryLocation';
import { RegistryIndex } from '../../server/src/registry/registryIndex';
import { registryAt } from '../../server/src/registry/context';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const entry = (image: string) => JSON.stringify({
  friendly_name: image, description: 'd', image_src: 'icon.png', architecture: ['amd64'], categories: ['Development'],
  compatibility: [{ version: '1.18.x', image, uncompressed_size_mb: 1000 }], memory: 4,
});

/** Image facts that throw for one image, as a bug would. */
const throwingFor = (bad: string): ImageFactsSource => ({
  image: (reference) => { if (reference === bad) throw new RangeError('a bug'); return undefined; },
  tags: () => undefined,
});

describe('a check that throws', () => {
  it('gives the file a check-degraded warning saying so, and tells the host', () => {
    const errors: unknown[] = [];
    const service = createLanguageService({ images: throwingFor('acme/bad:1'), onError: (error) => errors.push(error) });
    const diagnostics = service.validate(TextDocument.create('file:///r/workspaces/A/workspace.json', 'json', 1, entry('acme/bad:1')), { registrySchema: 'auto', onlineImages: true });
    assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [['check-degraded', 2]]);
    assert.match(diagnostics[0].message, /^The Kasm checks failed on this file \(a bug\): its problems are not shown\. This is a bug/);
    assert.equal(errors.length, 1);
  });

  it('does not stop a registry\'s scan: the other entries are checked', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-throw-'));
    const files = ['A', 'B', 'C'].map((name) => path.join(root, 'workspaces', name, 'workspace.json'));
    files.forEach((file, i) => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, entry(i === 1 ? 'acme/bad:1' : `acme/good${i}:1`));
    });
    const service = createLanguageService({ fileSystem: nodeFileSystem, images: throwingFor('acme/bad:1') });
    const index = new RegistryIndex(service, registryAt(root, nodeFileSystem), () => ({ registrySchema: 'auto', onlineImages: true })).load(files);
    const codes = files.map((file) => index.ownDiagnostics(file).map((d) => d.code));
    assert.ok(codes[0].includes('memory-in-gb') && codes[2].includes('memory-in-gb'), JSON.stringify(codes));
    assert.deepEqual(codes[1], ['check-degraded']);
  });
});

describe('a bug in the online client', () => {
  it('is a bug, logged as one, not a registry that "could not be reached"', async () => {
    const client = new RegistryClient(() => { throw new RangeError('index out of range'); }, 1000);
    const facts = await client.inspect(registryLocation('ghcr.io/acme/app:1')!);
    assert.equal(facts.kind === 'unknown' && facts.reason, 'bug');
    const logged: string[] = [];
    const images = new OnlineImages({ fetch: () => Promise.reject(new RangeError('index out of range')), onAnswer: () => undefined, log: (m) => logged.push(m) });
    images.image('ghcr.io/acme/app:1', 'file:///a');
    await images.settled();
    assert.match(logged.join('\n'), /checking ghcr\.io\/acme\/app:1 failed: RangeError: index out of range[\s\S]*a bug; please report it/);
    assert.doesNotMatch(logged.join('\n'), /could not be reached/);
    assert.equal(images.status().state, 'ok', 'not "offline"');
  });

  it('a network failure is still "could not be reached"', async () => {
    const offline = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const facts = await new RegistryClient(() => Promise.reject(offline), 1000).inspect(registryLocation('ghcr.io/acme/app:1')!);
    assert.deepEqual(facts, { kind: 'unknown', reason: 'offline', detail: 'ghcr.io could not be reached (ECONNREFUSED)' });
  });
});
