import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { NewWorkspace, friendlyNameProblem, iconFileName, imageProblem, workspacesFolderFor } from '../../client/src/newEntry';
import { createWorkspace } from '../../client/src/scaffold';
import { sniffImage } from '../../server/src/service/imageFormat';
import { REPO_ROOT, service, textDocument } from '../helpers/core';
import { encodePng } from '../helpers/png';
import { iconFileProblem, ownCategoryProblem, parseImageSizeMb } from '../../server/src/clientApi';

const registry = () => fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-registry-'));
const answers = (workspacesFolder: string, more: Partial<NewWorkspace> = {}): NewWorkspace => ({
  workspacesFolder, friendlyName: 'CS 101 Desktop', description: 'The course desktop.', image: 'myorg/cs101:1.0.0',
  categories: ['Desktop', 'Development'], architectures: ['amd64'], versions: ['1.18.x'], uncompressedSizeMb: 2460, schema: '1.1',
  iconSource: path.join(REPO_ROOT, 'images', 'placeholder-icon.png'), ...more,
});

describe('scaffolding a new workspace', () => {
  it('writes a workspace.json that our own rules find clean, with a square placeholder icon, for both schemas', () => {
    for (const schema of ['1.0', '1.1'] as const) {
      const folder = path.join(registry(), 'workspaces');
      const file = createWorkspace(answers(folder, { schema, versions: schema === '1.0' ? ['1.15.x', '1.14.x'] : ['1.19.x', '1.18.x'] }));
      assert.equal(file, path.join(folder, 'CS 101 Desktop', 'workspace.json'));
      const diagnostics = service.validate(textDocument(fs.readFileSync(file, 'utf8'), file));
      assert.deepEqual(diagnostics.map((d) => `${d.code}: ${d.message}`), []);
      assert.equal(service.schemaVersion(textDocument(fs.readFileSync(file, 'utf8'), file)).version, schema);
      const icon = fs.readFileSync(path.join(path.dirname(file), 'cs-101-desktop.png'));
      assert.deepEqual(sniffImage(icon), { format: 'PNG', width: 128, height: 128 });
    }
  });

  it('copies an icon the user picked, keeping its type', () => {
    const root = registry();
    const svg = path.join(root, 'logo.svg');
    fs.writeFileSync(svg, '<svg xmlns="http://www.w3.org/2000/svg"/>');
    const file = createWorkspace(answers(path.join(root, 'workspaces'), { iconSource: svg }));
    assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).image_src, 'cs-101-desktop.svg');
    assert.equal(fs.readFileSync(path.join(path.dirname(file), 'cs-101-desktop.svg'), 'utf8'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  });

  it('refuses to overwrite an existing folder and leaves it untouched', () => {
    const folder = path.join(registry(), 'workspaces');
    fs.mkdirSync(path.join(folder, 'CS 101 Desktop'), { recursive: true });
    fs.writeFileSync(path.join(folder, 'CS 101 Desktop', 'workspace.json'), 'mine');
    assert.throws(() => createWorkspace(answers(folder)), /already exists; nothing was written/);
    assert.equal(fs.readFileSync(path.join(folder, 'CS 101 Desktop', 'workspace.json'), 'utf8'), 'mine');
    assert.deepEqual(fs.readdirSync(folder), ['CS 101 Desktop'], 'no staging folder is left behind');
  });

  it('leaves nothing behind when writing fails half-way', () => {
    const folder = path.join(registry(), 'workspaces');
    assert.throws(() => createWorkspace(answers(folder, { iconSource: path.join(folder, 'missing.png') })));
    assert.deepEqual(fs.existsSync(folder) ? fs.readdirSync(folder) : [], []);
  });

  it('refuses hostile and unusable names', () => {
    for (const name of ['../escape', 'a/b', 'a\\b', '..', 'bad\u0007bell', 'CON', 'lpt1.txt', 'name.', ' padded', 'what?', 'Chrome 🚀', '']) {
      assert.ok(friendlyNameProblem(name), `"${name}" should be refused`);
      assert.throws(() => createWorkspace(answers(registry(), { friendlyName: name })), `"${name}" should not be written`);
    }
    assert.equal(friendlyNameProblem('Ubuntu Jammy (CS) & Tools'), undefined);
    for (const name of ['.git', 'node_modules', 'CONIN$', 'CONOUT$', 'COM¹', 'lpt³.log']) assert.ok(friendlyNameProblem(name), `"${name}" should be refused`);
    assert.match(friendlyNameProblem('.') ?? '', /folder itself/);
  });

  it('refuses a workspaces folder that is a link leading out of the registry', () => {
    const root = registry();
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-elsewhere-'));
    fs.symlinkSync(elsewhere, path.join(root, 'workspaces'));
    assert.throws(() => createWorkspace(answers(path.join(root, 'workspaces'))), /link leading outside its registry/);
    assert.deepEqual(fs.readdirSync(elsewhere), []);
  });

  it('never replaces a folder that appears between the check and the write, even an empty one', (t) => {
    const folder = path.join(registry(), 'workspaces');
    const target = path.join(folder, 'CS 101 Desktop');
    // The folder appears right after the up-front check.
    // The fs module itself (the scaffolder's), not this file's import wrapper around it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module object the scaffolder calls, to patch it
    const nodeFs = require('node:fs') as typeof fs;
    const existsSync = nodeFs.existsSync;
    t.mock.method(nodeFs, 'existsSync', (file: fs.PathLike) => {
      const answer = existsSync(file);
      if (String(file) === target && !answer) fs.mkdirSync(target, { recursive: true });
      return answer;
    });
    assert.throws(() => createWorkspace(answers(folder)), /already exists; nothing was written/);
    assert.deepEqual(fs.readdirSync(target), [], 'the folder that appeared is left as it was');
    assert.deepEqual(fs.readdirSync(folder), ['CS 101 Desktop'], 'no staging folder is left behind');
  });

  it('gives the new folder the mode its siblings get, not a private 0700', () => {
    const folder = path.join(registry(), 'workspaces');
    const file = createWorkspace(answers(folder));
    fs.mkdirSync(path.join(folder, 'sibling'));
    assert.equal(fs.statSync(path.dirname(file)).mode & 0o777, fs.statSync(path.join(folder, 'sibling')).mode & 0o777);
  });

  it('checks the Docker image like the language server does', () => {
    assert.match(imageProblem('MyOrg/Desktop:1') ?? '', /lower case.*did you mean "myorg\/desktop:1"/);
    assert.match(imageProblem('myorg/desktop') ?? '', /Add a tag/);
    assert.equal(imageProblem('ghcr.io/myorg/desktop:1.2.3'), undefined);
  });

  it('names the icon as the registry builder does', () => {
    assert.equal(iconFileName('VS Code & Tools'), 'vs-code-and-tools.png');
  });

  it('puts a new entry beside an entry folder it was asked on, in the registry\'s workspaces folder', () => {
    assert.equal(workspacesFolderFor(path.join('/r', 'workspaces', 'Lab')), path.join('/r', 'workspaces'));
    assert.equal(workspacesFolderFor(path.join('/r', 'workspaces')), path.join('/r', 'workspaces'));
    assert.equal(workspacesFolderFor('/r'), path.join('/r', 'workspaces'));
  });
});

describe('New Kasm Workspace… accepts only what the rules accept (#29.6)', () => {
  const lint = (more: Partial<NewWorkspace>, icon?: Buffer) => {
    const folder = path.join(registry(), 'workspaces');
    const iconSource = path.join(registry(), 'icon.png');
    fs.writeFileSync(iconSource, icon ?? fs.readFileSync(path.join(REPO_ROOT, 'images', 'placeholder-icon.png')));
    const file = createWorkspace(answers(folder, { iconSource, ...more }));
    return service.validate(textDocument(fs.readFileSync(file, 'utf8'), file)).map((d) => d.code);
  };

  it('refuses an own category exactly when the linter would call it a misspelling', () => {
    for (const category of ['Developement', 'Productivty', 'Computer Science', 'Robotics', 'Desktop']) {
      const refused = ownCategoryProblem(category) !== undefined;
      assert.equal(refused, lint({ categories: [category] }).includes('category-near-miss'), category);
    }
    assert.match(ownCategoryProblem('Developement') ?? '', /looks like a misspelling of "Development"/);
  });

  it('takes sizes as docker image ls shows them, and refuses exactly what the size rule reports, on both sides of each limit', () => {
    assert.deepEqual(parseImageSizeMb('2.46 GB'), { mb: 2460 });
    assert.deepEqual(parseImageSizeMb(' 800 MB '), { mb: 800 });
    assert.deepEqual(parseImageSizeMb('3g'), { mb: 3000 });
    for (const text of ['4', '49', '50', '100000', '100001', '0.05 GB', '2460']) {
      const parsed = parseImageSizeMb(text);
      const reported = lint({ uncompressedSizeMb: 'mb' in parsed ? parsed.mb : Number(text) }).some((c) => c.startsWith('size-'));
      assert.equal('problem' in parsed, reported, text);
    }
    assert.match((parseImageSizeMb('4') as { problem: string }).problem, /4 MB is smaller than any workspace image; for 4 GB write "4 GB"/);
    assert.ok('problem' in parseImageSizeMb('two gigs'));
  });

  it('refuses an icon file exactly when the icon rule reports its size', () => {
    for (const [width, height] of [[40, 32], [48, 48], [49, 50], [50, 50], [60, 55], [61, 55], [128, 128]]) {
      const png = encodePng(width, height, [1, 2, 3]);
      assert.equal(iconFileProblem(png) !== undefined, lint({}, png).includes('icon-size'), `${width}×${height}`);
    }
    assert.match(iconFileProblem(encodePng(40, 32, [1, 2, 3])) ?? '', /40×32 px is smaller than 50×50 and far from square/);
    assert.match(iconFileProblem(Buffer.from('not an image')) ?? '', /not a PNG/);
  });
});
