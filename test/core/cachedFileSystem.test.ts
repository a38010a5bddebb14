// The web host's file system (VS Code for the Web, #31): the core reads synchronously, the editor answers later.
// Until an answer comes a file reads as "nothing there"; `settle` computes again until every answer it read is in,
// so nothing is published from a question still open. Tested in process against an asynchronous fake.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AsyncFileSystem, CachedFileSystem, FileFacts } from '../../server/src/service/cachedFileSystem';

const bytes = (text: string) => new TextEncoder().encode(text);

/** An editor's file system of `files` (path → text; a path ending in / is a folder) that records what it is asked. */
function editorFiles(files: Record<string, string>) {
  const asked: string[] = [];
  const facts = (path: string): FileFacts | undefined => {
    if (path in files) return { type: 'file', mtime: 7, size: bytes(files[path]).byteLength };
    return Object.keys(files).some((file) => file.startsWith(`${path}/`)) ? { type: 'directory', mtime: 3, size: 0 } : undefined;
  };
  const source: AsyncFileSystem = {
    stat: (path) => { asked.push(`stat ${path}`); return Promise.resolve(facts(path)); },
    readFile: (path) => { asked.push(`read ${path}`); return Promise.resolve(path in files ? bytes(files[path]) : undefined); },
    listFiles: (folder) => {
      asked.push(`list ${folder}`);
      return Promise.resolve(Object.keys(files).filter((file) => file.startsWith(`${folder}/`) && !file.slice(folder.length + 1).includes('/'))
        .map((file) => file.slice(folder.length + 1)));
    },
  };
  return { source, asked };
}

describe('CachedFileSystem (the web host)', () => {
  it('reads as nothing until the editor answers, then as the file', async () => {
    const { source, asked } = editorFiles({ '/r/A/workspace.json': '{"a":1}' });
    const files = new CachedFileSystem(source);
    assert.equal(files.readFile('/r/A/workspace.json', 100), undefined);
    assert.equal(files.answersKnown(), false);
    const text = await files.settle(() => {
      const read = files.readFile('/r/A/workspace.json', 100);
      return read instanceof Uint8Array ? new TextDecoder().decode(read) : read;
    });
    assert.equal(text, '{"a":1}');
    assert.equal(files.answersKnown(), true);
    assert.deepEqual(asked, ['stat /r/A/workspace.json', 'read /r/A/workspace.json'], 'each question once');
  });

  it('says what a path is: file, folder, stamp, real path, head', async () => {
    const { source } = editorFiles({ '/r/A/icon.png': 'PNGDATA' });
    const files = new CachedFileSystem(source);
    const facts = () => ({
      isFile: files.isFile('/r/A/icon.png'), folderIsFile: files.isFile('/r/A'), stamp: files.changeStamp('/r/A/icon.png'),
      folderStamp: files.changeStamp('/r/A'), real: files.realPath('/r/A/icon.png'), missing: files.realPath('/r/B'),
      missingStamp: files.changeStamp('/r/B'), head: files.readHead('/r/A/icon.png', 3), list: files.listFiles('/r/A'),
    });
    const settled = await files.settle(facts);
    assert.deepEqual({ ...settled, head: settled.head && new TextDecoder().decode(settled.head) }, {
      isFile: true, folderIsFile: false, stamp: 'file/7/7', folderStamp: 'directory/3/0', real: '/r/A/icon.png', missing: undefined,
      missingStamp: undefined, head: 'PNG', list: ['icon.png'],
    });
  });

  it('a file larger than the limit is too large; one of exactly the limit is read', async () => {
    const { source, asked } = editorFiles({ '/r/big': '12345' });
    const files = new CachedFileSystem(source);
    assert.equal(await files.settle(() => files.readFile('/r/big', 4)), 'too-large');
    assert.ok(!asked.includes('read /r/big'), 'a file too large is never read');
    const read = await files.settle(() => files.readFile('/r/big', 5));
    assert.equal(read instanceof Uint8Array && new TextDecoder().decode(read), '12345');
  });

  it('a folder or a missing path has no content, and is not read', async () => {
    const { source, asked } = editorFiles({ '/r/A/workspace.json': '{}' });
    const files = new CachedFileSystem(source);
    assert.deepEqual(await files.settle(() => [files.readFile('/r/A', 10), files.readHead('/r/A', 10), files.readFile('/r/none', 10)]),
      [undefined, undefined, undefined]);
    assert.deepEqual(asked.filter((q) => q.startsWith('read')), []);
  });

  it('settles a chain of reads (entry, then icon facts, then icon) in as many rounds as it needs', async () => {
    const { source } = editorFiles({ '/r/A/workspace.json': '/r/A/icon.png', '/r/A/icon.png': 'ICON' });
    const files = new CachedFileSystem(source);
    let computed = 0;
    const icon = await files.settle(() => {
      computed++;
      const entry = files.readFile('/r/A/workspace.json', 100);
      if (!(entry instanceof Uint8Array)) return undefined;
      const iconFile = files.readFile(new TextDecoder().decode(entry), 100);
      return iconFile instanceof Uint8Array ? new TextDecoder().decode(iconFile) : undefined;
    });
    assert.equal(icon, 'ICON');
    assert.equal(computed, 5, 'stat and read the entry, then stat and read the icon, then the answer');
  });

  it('stops after eight rounds when a computation keeps asking for new files', async () => {
    const { source } = editorFiles({});
    const files = new CachedFileSystem(source);
    let computed = 0;
    await files.settle(() => files.isFile(`/r/${computed++}`));
    assert.equal(computed, 8);
  });

  it('keeps answers until the editor reports a change (forget), then asks again', async () => {
    const record = { '/r/A/workspace.json': 'one' };
    const { source, asked } = editorFiles(record);
    const files = new CachedFileSystem(source);
    const read = () => files.settle(() => { const r = files.readFile('/r/A/workspace.json', 100); return r instanceof Uint8Array ? new TextDecoder().decode(r) : r; });
    assert.equal(await read(), 'one');
    record['/r/A/workspace.json'] = 'two!';
    assert.equal(await read(), 'one', 'kept: the editor said nothing changed');
    files.listFiles('/r/A');
    await files.settle(() => files.listFiles('/r/A'));
    files.forget();
    assert.deepEqual(files.listFiles('/r/A'), [], 'the folder is asked again');
    assert.equal(await read(), 'two!');
    assert.equal(asked.filter((q) => q === 'read /r/A/workspace.json').length, 2);
    assert.equal(asked.filter((q) => q === 'list /r/A').length, 2);
  });

  it('tells of an answer that came when nobody settled, and not of one a settle waited for', async () => {
    const { source } = editorFiles({ '/r/A/workspace.json': '{}' });
    const late: string[] = [];
    const files = new CachedFileSystem(source, (path) => late.push(path));
    await files.settle(() => files.isFile('/r/A/workspace.json'));
    assert.deepEqual(late, []);
    files.isFile('/r/A/other.json');
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(late, ['/r/A/other.json']);
  });

  it('a question the editor fails reads as nothing there, and is not asked again and again', async () => {
    const asked: string[] = [];
    const failing: AsyncFileSystem = {
      stat: (path) => { asked.push(`stat ${path}`); return Promise.reject(new Error('EIO')); },
      readFile: () => Promise.reject(new Error('EIO')),
      listFiles: (folder) => { asked.push(`list ${folder}`); return Promise.reject(new Error('EIO')); },
    };
    const files = new CachedFileSystem(failing);
    assert.deepEqual(await files.settle(() => [files.isFile('/r/x'), files.listFiles('/r')]), [false, []]);
    assert.deepEqual(await files.settle(() => [files.isFile('/r/x'), files.listFiles('/r')]), [false, []]);
    assert.deepEqual(asked, ['stat /r/x', 'list /r']);
  });
});
