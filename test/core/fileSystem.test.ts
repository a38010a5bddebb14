// The language server trusts remembered change stamps while the editor watches files: an icon that appears must
// still show once the editor reports it, or once the trust runs out.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { rememberStamps } from '../../server/src/service/fileSystem';
import { createLanguageService } from '../../server/src/service/languageService';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { VALID_1_1, entryFolder, squareIcon } from '../helpers/core';

describe('remembered change stamps', () => {
  it('serve an entry\'s checks without looking again, until forgotten or too old', () => {
    let now = 0;
    const fileSystem = rememberStamps(nodeFileSystem, 1000, () => now);
    const service = createLanguageService({ fileSystem });
    const file = entryFolder();
    const uri = pathToFileURL(file).href;
    let version = 0;
    const codes = () => service.validate(TextDocument.create(uri, 'json', ++version, VALID_1_1)).map((d) => d.code);
    assert.deepEqual(codes(), ['icon-missing']);
    fs.writeFileSync(path.join(path.dirname(file), 'icon.png'), squareIcon());
    now = 999;
    assert.deepEqual(codes(), ['icon-missing'], 'within the trusted time, the folder is not looked at again');
    fileSystem.forget();
    assert.deepEqual(codes(), [], 'a reported change is seen at once');
    fs.rmSync(path.join(path.dirname(file), 'icon.png'));
    now = 1998;
    assert.deepEqual(codes(), []);
    now = 2000;
    assert.deepEqual(codes(), ['icon-missing'], 'an unreported change is seen once the trust runs out');
  });
});
