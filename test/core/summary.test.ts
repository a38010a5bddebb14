// An entry as its card shows it (the icon preview and the registry gallery, #16.8), in process (#31): the fields, the
// icon only when it is a readable image of the entry's folder, the icon rule's words, and the trust badge.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { VALID_1_0, VALID_1_1, entryFolder, service, squareIcon, textDocument } from '../helpers/core';

describe('the entry summary', () => {
  it('shows a schema 1.1 entry\'s fields, and its icon with size and a change stamp', () => {
    const file = entryFolder({ 'icon.png': squareIcon() });
    const summary = service.summary(textDocument(VALID_1_1, file));
    const icon = path.join(path.dirname(file), 'icon.png');
    assert.deepEqual({ ...summary, icon: { ...summary.icon, stamp: typeof summary.icon?.stamp } }, {
      friendlyName: 'My Desktop', description: 'A desktop for the course.', categories: ['Desktop', 'Development'],
      architectures: ['amd64', 'arm64'], versions: ['1.18.x'], images: ['myorg/desktop:1.18.0'], schema: '1.1',
      icon: { file: icon, uri: pathToFileURL(icon).href, stamp: 'string', detail: 'icon.png: 64×64 px PNG' },
      iconProblems: [], hostAccess: [],
    });
  });

  it('takes a schema 1.0 entry\'s image from "name", and says why there is no icon', () => {
    const summary = service.summary(textDocument(VALID_1_0, entryFolder({})));
    assert.deepEqual(summary.images, ['myorg/desktop:1.15.0']);
    assert.deepEqual(summary.versions, ['1.14.x', '1.15.x']);
    assert.equal(summary.schema, '1.0');
    assert.equal(summary.icon, undefined);
    assert.deepEqual(summary.iconProblems, [
      'The icon "icon.png" is not in this entry\'s folder: the registry publishes the entry with a broken icon. Add the file next to workspace.json.',
    ]);
  });

  it('keeps only what has the right type, each image once, and lists what the entry asks of the host', () => {
    const text = JSON.stringify({
      friendly_name: 3, description: ['x'], categories: ['A', 1], architecture: 'amd64',
      compatibility: [{ version: '1.18.x', image: 'a:1' }, { version: '1.19.x', image: 'a:1' }, { version: 7, image: 8 }, null],
      run_config: { privileged: true },
    });
    const summary = service.summary(textDocument(text, entryFolder({})));
    assert.deepEqual(summary, {
      friendlyName: '', description: '', categories: ['A'], architectures: [], versions: ['1.18.x', '1.19.x'], images: ['a:1'], schema: '1.1',
      icon: undefined, iconProblems: ['No image_src: the entry has no icon.'], hostAccess: ['privileged (full access to the host)'],
    });
    assert.deepEqual(service.summary(textDocument('[1]', entryFolder({}))).iconProblems, ['No image_src: the entry has no icon.']);
  });

  it('shows no icon that is not an image, and says what is wrong with it', () => {
    const file = entryFolder({ 'icon.png': 'not a png' });
    const summary = service.summary(textDocument(VALID_1_1, file));
    assert.equal(summary.icon, undefined);
    assert.equal(summary.iconProblems.length, 1);
    assert.match(summary.iconProblems[0], /icon\.png/);
  });
});
