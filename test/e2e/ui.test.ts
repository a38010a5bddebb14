import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from './codeServer';
import { sniffImage } from '../../server/src/imageFormat';
import { uiCheck } from './uiCheck';

describe('the extension as a person sees it', { timeout: 300000 }, () => {
  it('shows each problem once in the Problems panel, and the entry in the icon preview', async () => {
    const outDir = path.join(REPO_ROOT, '.vscode-test', 'screenshots');
    fs.mkdirSync(outDir, { recursive: true });
    const result = await uiCheck(outDir);
    assert.equal(result.architectureRows, 1, 'the unknown architecture is listed once');
    assert.ok(result.problemRows >= 8, `${result.problemRows} rows in the Problems panel`);
    assert.equal(result.previewTitle, 'Course Desktop');
    for (const shot of result.screenshots) assert.equal(sniffImage(fs.readFileSync(shot))?.format, 'PNG', `${shot} is a PNG`);
    console.log(`screenshots: ${result.screenshots.map((s) => path.relative(REPO_ROOT, s)).join(', ')}`);
  });
});
