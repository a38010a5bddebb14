// What a registry's folder says beyond its entries (format notes §2, §5; #31): the branch checked out (a plain
// .git, a worktree's or submodule's gitdir file, relative or absolute, a detached HEAD), the branch CI names, and
// the 1.1 template's build scripts.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { ciBranch, registryAt } from '../../server/src/registry/context';

const folder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-context-'));
const write = (file: string, text: string) => { fs.mkdirSync(path.dirname(file), { recursive: true }); fs.writeFileSync(file, text); };

describe('the registry context', () => {
  it('reads the branch of .git/HEAD, trimmed, and none from a detached HEAD', () => {
    const root = folder();
    write(path.join(root, '.git', 'HEAD'), 'ref: refs/heads/1.1  \n');
    assert.equal(registryAt(root, nodeFileSystem).branch, '1.1');
    write(path.join(root, '.git', 'HEAD'), '0123456789abcdef0123456789abcdef01234567\n');
    assert.equal(registryAt(root, nodeFileSystem).branch, undefined);
    assert.equal(registryAt(root, nodeFileSystem, { ciBranch: '1.0' }).branch, '1.0', 'then the branch CI names');
  });

  it('follows a worktree\'s gitdir file, absolute or relative to the registry, after other lines', () => {
    const root = folder();
    const gitDir = folder();
    write(path.join(gitDir, 'HEAD'), 'ref: refs/heads/develop\n');
    write(path.join(root, '.git'), `# a comment\ngitdir: ${gitDir}  \n`);
    assert.equal(registryAt(root, nodeFileSystem).branch, 'develop');
    write(path.join(root, 'modules', 'reg', 'HEAD'), 'ref: refs/heads/1.0\n');
    write(path.join(root, '.git'), 'gitdir: modules/reg\n');
    assert.equal(registryAt(root, nodeFileSystem).branch, '1.0');
  });

  it('finds no branch in a .git file that names no gitdir, or a HEAD that is no ref', () => {
    const root = folder();
    write(path.join(root, '.git'), 'not a pointer\n');
    assert.equal(registryAt(root, nodeFileSystem, { ciBranch: 'main' }).branch, 'main');
    const gitDir = folder();
    write(path.join(gitDir, 'HEAD'), 'ref: refs/heads/develop\n');
    write(path.join(root, '.git'), `notgitdir: ${gitDir}\n`);
    assert.equal(registryAt(root, nodeFileSystem).branch, undefined, 'gitdir only at the start of a line');
    const other = folder();
    write(path.join(other, '.git', 'HEAD'), 'x ref: refs/heads/1.1\n');
    assert.equal(registryAt(other, nodeFileSystem).branch, undefined);
  });

  it('tells the 1.1 template by its processing/add_next_version.js', () => {
    const root = folder();
    assert.equal(registryAt(root, nodeFileSystem).templateSchema, undefined);
    write(path.join(root, 'processing', 'add_next_version.js'), '');
    assert.equal(registryAt(root, nodeFileSystem).templateSchema, '1.1');
  });

  it('takes the branch a pull request targets, else the pushed one, never an empty one', () => {
    assert.equal(ciBranch({ GITHUB_BASE_REF: '1.1', GITHUB_REF_NAME: 'feature' }), '1.1');
    assert.equal(ciBranch({ GITHUB_BASE_REF: '', GITHUB_REF_NAME: 'feature' }), 'feature');
    assert.equal(ciBranch({ GITHUB_BASE_REF: '', GITHUB_REF_NAME: '' }), undefined);
    assert.equal(ciBranch({}), undefined);
  });
});
