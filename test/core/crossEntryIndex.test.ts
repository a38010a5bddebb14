// The cross-entry rules kept up to date entry by entry (#16.13): after any sequence of edits, what was handed out
// as changed adds up to exactly what checking the whole registry from scratch finds, and a keystroke that shares
// nothing with other entries re-judges that entry alone.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { registryAt } from '../../server/src/registry/context';
import { EntryDiagnostics, RegistryIndex } from '../../server/src/registry/registryIndex';
import { seeded } from '../fuzz/mutate';
import { service } from '../helpers/core';
import { encodePng } from '../helpers/png';

const ENTRIES = 10;
const NAMES = ['Alpha', 'Beta', 'Gamma'];

/**
 * An entry of either schema with a name, an icon name, Kasm versions and, in 1.1, channels from a small set, so that
 * they collide (and the registry serves the newest release or not, names a line exactly or not).
 */
function entryText(random: () => number): string {
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const name = pick(NAMES);
  const icon = pick(['icon.png', 'shared.png', '../bad.png']);
  if (random() < 0.3) {
    return JSON.stringify({ friendly_name: name, name: `kasmweb/${name.toLowerCase()}:1.0`, description: 'x', image_src: icon, architecture: ['amd64'], compatibility: [pick(['1.15.x', '1.14.x'])], uncompressed_size_mb: 1 });
  }
  const element = (tagged: boolean) => ({ version: pick(['1.18.x', '1.18.x', '1.19.x', '1.17.0', '1.17.x']), image: 'a/b:1', uncompressed_size_mb: 1, ...(tagged ? { available_tags: ['develop'] } : {}) });
  return JSON.stringify({ friendly_name: name, description: 'x', image_src: icon, architecture: ['amd64'], compatibility: [element(random() < 0.5), ...(random() < 0.4 ? [element(random() < 0.5)] : [])] });
}

const shown = (d: EntryDiagnostics | undefined) => [...d?.own ?? [], ...d?.crossEntry ?? []].map((x) => `${x.code}@${x.range.start.line}:${x.message}`);

describe('cross-entry checks kept up to date', () => {
  it('after every edit, what was handed out as changed equals a check of the whole registry from scratch', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-cross-'));
    const files = Array.from({ length: ENTRIES }, (_, i) => path.join(root, 'workspaces', `E${i}`, 'workspace.json'));
    files.forEach((file, i) => {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      // Icons of one name with two contents: some pairs collide, some are the same file reused.
      fs.writeFileSync(path.join(path.dirname(file), 'shared.png'), encodePng(64, 64, [i % 2 ? 200 : 10, 0, 0]));
      fs.writeFileSync(path.join(path.dirname(file), 'icon.png'), encodePng(64, 64, [9, 9, 9]));
    });
    for (let seed = 1; seed <= 5; seed++) {
      const random = seeded(seed);
      const texts = new Map<string, string>();
      const index = new RegistryIndex(service, registryAt(root, nodeFileSystem));
      const published = new Map<string, string[]>();
      const publish = () => { for (const [file, d] of index.takeChanged()) published.set(file, shown(d)); };
      for (const file of files) { texts.set(file, entryText(random)); index.update(file, texts.get(file)!); }
      publish();
      for (let step = 0; step < 60; step++) {
        const file = files[Math.floor(random() * files.length)];
        if (random() < 0.15 && texts.has(file)) {
          texts.delete(file);
          index.remove(file);
          published.delete(file);
        } else {
          texts.set(file, entryText(random));
          index.update(file, texts.get(file)!);
        }
        publish();
        const fresh = new RegistryIndex(service, registryAt(root, nodeFileSystem));
        for (const [f, text] of texts) fresh.update(f, text);
        const expected = fresh.diagnostics();
        for (const f of texts.keys()) assert.deepEqual(published.get(f), shown(expected.get(f)), `seed ${seed}, step ${step}, ${path.relative(root, f)}`);
      }
    }
  });

  it('a keystroke that shares no value with other entries hands out that entry alone', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-cross-'));
    const index = new RegistryIndex(service, registryAt(root, nodeFileSystem));
    const entry = (name: string, description: string) => JSON.stringify({ friendly_name: name, description, image_src: `${name}.png`, architecture: ['amd64'], compatibility: [{ version: '1.18.x', image: 'a/b:1', uncompressed_size_mb: 1 }] });
    const files = Array.from({ length: 50 }, (_, i) => path.join(root, 'workspaces', `E${i}`, 'workspace.json'));
    files.forEach((file, i) => index.update(file, entry(`E${i}`, 'x')));
    assert.equal(index.takeChanged().size, 50);
    index.update(files[7], entry('E7', 'xy'));
    assert.deepEqual([...index.takeChanged().keys()], [files[7]]);
    // Renamed onto another entry's name: both are told, nobody else.
    index.update(files[7], entry('E3', 'xy'));
    assert.deepEqual([...index.takeChanged().keys()].sort(), [files[3], files[7]].sort());
    assert.equal(index.takeChanged().size, 0);
  });
});
