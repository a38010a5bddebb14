// Finding entries in a folder tree: the language server's walk yields to requests, skips heavy folders and stops
// at its budget, and finds what the CLI's walk finds.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { findWorkspaceFiles, walkWorkspaceFiles } from '../../server/src/node/workspaceFiles';

function tree(folders: number): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-walk-'));
  for (let i = 0; i < folders; i++) {
    const folder = path.join(root, 'workspaces', `E${i}`);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, 'workspace.json'), '{}');
  }
  for (const heavy of ['node_modules/pkg', '.venv/lib', '.cache/x']) {
    fs.mkdirSync(path.join(root, heavy), { recursive: true });
    fs.writeFileSync(path.join(root, heavy, 'workspace.json'), '{}');
  }
  return root;
}

describe('walking a folder tree for entries', () => {
  it('finds what the CLI finds, skipping dependency and cache folders, and lets other work run between batches', async () => {
    const root = tree(300);
    let turns = 0;
    const ticker = setInterval(() => { turns++; }, 0);
    const walk = await walkWorkspaceFiles(root, { folders: 10_000, batch: 10 });
    clearInterval(ticker);
    assert.equal(walk.complete, true);
    assert.deepEqual(walk.files, findWorkspaceFiles(root));
    assert.equal(walk.files.length, 300);
    assert.ok(turns > 0, 'timers ran while the walk was under way');
  });

  it('stops at its budget, and when a newer scan cancels it', async () => {
    const root = tree(100);
    const stopped = await walkWorkspaceFiles(root, { folders: 20, batch: 5 });
    assert.equal(stopped.complete, false);
    assert.ok(stopped.files.length < 100);
    const cancelled = await walkWorkspaceFiles(root, { folders: 10_000, batch: 5 }, () => true);
    assert.deepEqual(cancelled, { files: [], complete: false });
  });
});
