/** Generated registries for the benchmark: varied, realistic entries built from the corpus, each with its own icon. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { encodePng } from '../test/helpers/png';

export function generateRegistry(seeds: string[], entries: number): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `kasm-bench-${entries}-`));
  const icon = encodePng(64, 64, [30, 90, 160]);
  for (let i = 0; i < entries; i++) {
    const entry = JSON.parse(seeds[i % seeds.length]) as Record<string, unknown>;
    const name = `${typeof entry.friendly_name === 'string' ? entry.friendly_name : 'Workspace'} ${i}`;
    const folder = path.join(root, 'workspaces', name);
    fs.mkdirSync(folder, { recursive: true });
    entry.friendly_name = name;
    entry.image_src = `icon-${i}.png`;
    if (i % 7 === 0) entry.memory = 4; // some real problems, as registries have
    if (i % 11 === 0) entry.categories = ['Developement'];
    fs.writeFileSync(path.join(folder, 'workspace.json'), JSON.stringify(entry, null, 2));
    fs.writeFileSync(path.join(folder, `icon-${i}.png`), icon);
  }
  return root;
}
