// The icon an entry names (kasm-format.md §11, §12), at each line both sides (#31): its size against 50 × 50 and
// square, the words that describe it, which names are plain file names, and what a name finds in the folder.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import {
  iconDescription, iconExtensionMismatch, iconFilesIn, iconNameProblem, iconSizeProblem, inspectIcon,
} from '../../server/src/service/icon';
import { StampedCache, WorkspaceFileSystem } from '../../server/src/service/fileSystem';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { squareIcon } from '../helpers/core';

const png = (width: number, height: number) => iconSizeProblem({ format: 'PNG', width, height });

describe('icon size', () => {
  it('50 × 50 is big enough, 49 is small on either side', () => {
    assert.equal(png(50, 50), undefined);
    assert.deepEqual(png(49, 50), { text: '49×50 px is smaller than 50×50', small: true, notSquare: false, nearlyBigEnough: true });
    assert.deepEqual(png(50, 49), { text: '50×49 px is smaller than 50×50', small: true, notSquare: false, nearlyBigEnough: true });
  });

  it('within a tenth of the longer side is square; past it is not', () => {
    assert.equal(png(100, 90), undefined);
    assert.equal(png(90, 100), undefined);
    assert.deepEqual(png(100, 89), { text: '100×89 px is far from square', small: false, notSquare: true, nearlyBigEnough: true });
  });

  it('48 is nearly big enough (two pixels short), 47 is not; the shorter side decides', () => {
    assert.equal(png(48, 48)?.nearlyBigEnough, true);
    assert.equal(png(47, 47)?.nearlyBigEnough, false);
    assert.deepEqual(png(40, 48), { text: '40×48 px is smaller than 50×50 and far from square', small: true, notSquare: true, nearlyBigEnough: false });
  });

  it('a vector image is never too small, only too far from square; no size says nothing', () => {
    assert.equal(iconSizeProblem({ format: 'SVG', width: 10, height: 10 }), undefined);
    assert.equal(iconSizeProblem({ format: 'SVG', width: 10, height: 5 })?.text, '10×5 px is far from square');
    assert.equal(iconSizeProblem({ format: 'PNG', width: 10 }), undefined);
    assert.equal(iconSizeProblem({ format: 'PNG', height: 10 }), undefined);
    assert.equal(iconSizeProblem({ format: 'JPEG' }), undefined);
  });

  it('describes an icon by size and real format; a vector or unsized one by format', () => {
    assert.equal(iconDescription({ format: 'PNG', width: 128, height: 96 }), '128×96 px PNG');
    assert.equal(iconDescription({ format: 'SVG', width: 128, height: 96 }), 'SVG');
    assert.equal(iconDescription({ format: 'JPEG' }), 'JPEG');
  });

  it('an extension that names another format, in any case', () => {
    assert.equal(iconExtensionMismatch('ICON.PNG', { format: 'PNG' }), false);
    assert.equal(iconExtensionMismatch('icon.jpeg', { format: 'JPEG' }), false);
    assert.equal(iconExtensionMismatch('icon.png', { format: 'JPEG' }), true);
    assert.equal(iconExtensionMismatch('icon', { format: 'PNG' }), true);
  });
});

describe('which image_src is a plain file name', () => {
  const cases: [string, string | undefined][] = [
    ['icon.png', undefined],
    ['./icon.png', undefined],
    ['icon ab:2.png', undefined],
    ['', 'it is empty'],
    ['   ', 'it is empty'],
    ['https://example.com/icon.png', 'it is a URL; Kasm serves the icon from the registry, so put the file next to workspace.json and give its name'],
    ['data:image/png;base64,AAAA', 'it is a URL; Kasm serves the icon from the registry, so put the file next to workspace.json and give its name'],
    ['c:icon.png', 'it is an absolute path'],
    ['C:\\icons\\icon.png', 'it is an absolute path'],
    ['/icons/icon.png', 'it is an absolute path'],
    ['\\icon.png', 'it is an absolute path'],
    ['../icon.png', 'it leads out of the folder with ".."'],
    ['a\\..\\icon.png', 'it leads out of the folder with ".."'],
    ['sub/icon.png', 'it names a sub-folder; the build copies icons into one flat folder, so keep the icon next to workspace.json'],
    ['./sub/icon.png', 'it names a sub-folder; the build copies icons into one flat folder, so keep the icon next to workspace.json'],
    ['a./icon.png', 'it names a sub-folder; the build copies icons into one flat folder, so keep the icon next to workspace.json'],
    ['icon\u0007.png', 'it contains control characters'],
  ];
  for (const [name, problem] of cases) it(JSON.stringify(name), () => assert.equal(iconNameProblem(name), problem));
});

describe('what a name finds in the entry folder', () => {
  const folder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'kasm-icon-'));

  it('an image, with its facts', () => {
    const dir = folder();
    fs.writeFileSync(path.join(dir, 'icon.png'), squareIcon());
    assert.deepEqual(inspectIcon('icon.png', path.join(dir, 'workspace.json'), nodeFileSystem),
      { kind: 'image', file: path.join(dir, 'icon.png'), format: 'PNG', width: 64, height: 64 });
  });

  it('a missing icon, with the icon files that are there (by extension, any case, sorted)', () => {
    const dir = folder();
    for (const name of ['b.png', 'a.svg', 'notes.txt', 'C.PNG', 'd.jpg']) fs.writeFileSync(path.join(dir, name), '');
    assert.deepEqual(inspectIcon('icon.png', path.join(dir, 'workspace.json'), nodeFileSystem), { kind: 'missing', candidates: ['C.PNG', 'a.svg', 'b.png'] });
    assert.deepEqual(iconFilesIn(nodeFileSystem, dir), ['C.PNG', 'a.svg', 'b.png']);
  });

  it('a folder of that name, or bytes no browser shows: unreadable', () => {
    const dir = folder();
    fs.mkdirSync(path.join(dir, 'icon.png'));
    fs.writeFileSync(path.join(dir, 'text.png'), 'not an image');
    assert.deepEqual(inspectIcon('icon.png', path.join(dir, 'workspace.json'), nodeFileSystem), { kind: 'unreadable', file: path.join(dir, 'icon.png') });
    assert.deepEqual(inspectIcon('text.png', path.join(dir, 'workspace.json'), nodeFileSystem), { kind: 'unreadable', file: path.join(dir, 'text.png') });
  });

  it('a link that leads out of the folder is never followed', () => {
    const dir = folder();
    const elsewhere = folder();
    fs.writeFileSync(path.join(elsewhere, 'secret.png'), squareIcon());
    fs.symlinkSync(path.join(elsewhere, 'secret.png'), path.join(dir, 'icon.png'));
    fs.symlinkSync(path.join(elsewhere, 'gone.png'), path.join(dir, 'dangling.png'));
    assert.deepEqual(inspectIcon('icon.png', path.join(dir, 'workspace.json'), nodeFileSystem), { kind: 'outside' });
    assert.equal(inspectIcon('dangling.png', path.join(dir, 'workspace.json'), nodeFileSystem).kind, 'missing');
  });

  it('a name that is no plain file name is never looked up; no folder, no look', () => {
    assert.deepEqual(inspectIcon('../x.png', '/r/A/workspace.json', nodeFileSystem), { kind: 'not-plain', reason: 'it leads out of the folder with ".."' });
    assert.deepEqual(inspectIcon('icon.png', undefined, nodeFileSystem), { kind: 'no-folder' });
    assert.deepEqual(inspectIcon('icon.png', '/r/A/workspace.json', undefined), { kind: 'no-folder' });
  });
});

describe('StampedCache', () => {
  const files = (known = true): WorkspaceFileSystem => ({ ...nodeFileSystem, answersKnown: () => known });

  it('keeps answers per file system, path and name, and starts over at its limit', () => {
    const cache = new StampedCache<number>(2);
    const a = files();
    cache.set(a, '/p', 's1', 1, 'x');
    cache.set(a, '/p', 's1', 2, 'y');
    cache.set(a, '/p', 's2', 3, 'y');
    assert.deepEqual([cache.get(a, '/p', 'x'), cache.get(a, '/p', 'y'), cache.get(files(), '/p', 'x')],
      [{ stamp: 's1', value: 1 }, { stamp: 's2', value: 3 }, undefined], 'the same name again is no new answer');
    cache.set(a, '/q', 's', 4);
    assert.deepEqual([cache.get(a, '/p', 'x'), cache.get(a, '/q')], [undefined, { stamp: 's', value: 4 }], 'the third answer started over');
  });

  it('keeps nothing a file system has not answered yet (the web host, before it settles)', () => {
    const cache = new StampedCache<number>(10);
    const waiting = files(false);
    cache.set(waiting, '/p', 's', 1);
    assert.equal(cache.get(waiting, '/p'), undefined);
  });
});
