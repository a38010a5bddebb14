import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT } from './codeServer';
import { sniffImage } from '../../server/src/service/imageFormat';
import { uiCheck } from './uiCheck';
import { wizardCheck } from './wizardCheck';
import { offerCheck, onlineCheck } from './onlineCheck';

describe('the extension as a person sees it', { timeout: 300000 }, () => {
  it('shows each problem once in the Problems panel, and the entry in the icon preview', async () => {
    const outDir = path.join(REPO_ROOT, '.vscode-test', 'screenshots');
    fs.mkdirSync(outDir, { recursive: true });
    const result = await uiCheck(outDir);
    assert.equal(result.architectureRows, 1, 'the unknown architecture is listed once');
    assert.ok(result.problemRows >= 8, `${result.problemRows} rows in the Problems panel`);
    assert.equal(result.previewTitle, 'Course Desktop');
    assert.equal(result.previewAfterTyping, 'Course Desktop II', 'the preview follows typing');
    assert.equal(result.descriptionClipped, false, 'gallery descriptions are shown whole, never cut mid-line');
    assert.equal(result.adminHidden, 'Hidden: no compatibility for 1.19.0 or 1.19.x', 'the admin\'s view on Kasm 1.19.0 (#29.1)');
    assert.match(result.adminListed, /^Installs \S+:\S+/);
    console.log(`icon preview: typed text shown after ${result.previewUpdateMs} ms`);
    for (const shot of result.screenshots) assert.equal(sniffImage(fs.readFileSync(shot))?.format, 'PNG', `${shot} is a PNG`);
    console.log(`screenshots: ${result.screenshots.map((s) => path.relative(REPO_ROOT, s)).join(', ')}`);
  });

  it('walks New Kasm Workspace… as one multi-step input: keys stay in it, refusals say why, Back and Escape keep answers', async () => {
    const result = await wizardCheck();
    assert.match(result.refusedTitle, /\(3\/9\): 5 picked: remove 2$/);
    assert.doesNotMatch(result.refusedTitle, /at most 3.*at most 3/, 'the limit said once (#29.7)');
    assert.match(result.misspeltMessage, /"Developement" looks like a misspelling of "Development"/);
    assert.match(result.sizeMessage, /4 MB is smaller than any workspace image; for 4 GB write "4 GB"/);
    assert.equal((result.entry?.compatibility as { uncompressed_size_mb: number }[] | undefined)?.[0]?.uncompressed_size_mb, 2460);
    assert.equal(result.entry?.description, 'A lab made by the wizard check.');
    assert.match(result.ownCategoriesMessage, /Only 1 more fit/);
    assert.equal(result.afterBack, 'Computer Science');
    assert.deepEqual(result.entry?.categories, ['Desktop', 'Development', 'Computer Science']);
    assert.equal((result.entry?.compatibility as { image: string }[] | undefined)?.[0]?.image, 'myorg/wizard-lab:1.0.0');
    assert.equal(result.editorDirty, false, 'no key reached the editor');
    assert.equal(result.afterEscape, 'Draft Lab');
  });

  it('offers the online image checks when a Kasm entry opens, and shows what a real registry says after "Enable"', async () => {
    const outDir = path.join(REPO_ROOT, '.vscode-test', 'screenshots');
    fs.mkdirSync(outDir, { recursive: true });
    const result = await onlineCheck(outDir);
    assert.equal(result.userSettings['kasm.images.online'], true, '"Enable" turns the user setting on');
    assert.ok(result.problems.some((p) => p.includes('The tag "1.19.0" does not exist in myschool/course-desktop\'s repository')), result.problems.join('\n'));
    assert.ok(result.problems.some((p) => p.includes('has no arm64 image (it has linux/amd64)')), result.problems.join('\n'));
    assert.match(result.hover, /Platforms: linux\/amd64/);
    assert.match(result.status, /^images: checked 2 \/ 1 problem/, 'the language status item');
    assert.equal(sniffImage(fs.readFileSync(result.screenshot))?.format, 'PNG');
  });

  it('asks again in the next session after "Not now", not in this one, and never again after "Never"', async () => {
    const result = await offerCheck();
    assert.equal(result.afterNotNow, 0, 'not twice in one session');
    assert.equal(result.nextSession, true, 'offered again after a reload');
    assert.equal(result.afterNever, 0, 'not after "Never"');
  });
});
