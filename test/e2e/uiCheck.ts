/**
 * A UI check as a person would do it, in code-server driven by Chromium: open a bad entry from the Explorer,
 * read the Problems panel, open the icon preview from the command palette, and take screenshots of both.
 */
import * as path from 'node:path';
import { Page } from 'playwright-core';
import { WEB_EXTENSION_SETTINGS, inWorkbench } from './codeServer';

export interface UiCheckResult {
  /** Problems-panel rows that carry the unknown-architecture message (a problem shown twice would make 2). */
  architectureRows: number;
  problemRows: number;
  previewTitle: string;
  /** The preview's title after a word was typed into friendly_name, and how long it took to show there. */
  previewAfterTyping: string;
  previewUpdateMs: number;
  /** The gallery's card for Course Desktop: its description's shown height against its full height (cut when smaller). */
  descriptionClipped: boolean;
  /** The gallery as an admin on Kasm 1.19.0 sees it: the hidden card's reason, a listed card's image. */
  adminHidden: string;
  adminListed: string;
  screenshots: string[];
}

export async function openFromExplorer(page: Page, ...names: string[]): Promise<void> {
  for (const name of names) {
    // Exact text; the first match is the one under the folder just expanded (Course Desktop sorts first).
    const exact = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: exact }).first();
    await row.waitFor({ timeout: 60000 });
    const expanded = await row.getAttribute('aria-expanded');
    if (expanded === 'true') continue;
    await row.click();
    // A folder: let the tree show its children before the next row is looked up (rows shift when it expands).
    if (expanded === 'false') {
      await page.locator('.explorer-folders-view .monaco-list-row[aria-expanded="true"]', { hasText: exact }).first().waitFor();
      await page.waitForTimeout(300);
    }
  }
}

export async function uiCheck(outDir: string): Promise<UiCheckResult> {
  return inWorkbench('ui', async (page) => {
    await openFromExplorer(page, 'workspaces', 'Data Science Lab', 'workspace.json');
    await page.locator('.tab', { hasText: 'workspace.json' }).first().waitFor();
    await page.keyboard.press('Control+Shift+M');
    const architecture = page.locator('.markers-panel .monaco-list-row', { hasText: '"i386" is not a valid architecture' });
    await architecture.first().waitFor({ timeout: 60000 });
    await page.waitForTimeout(500);
    const problemRows = await page.locator('.markers-panel .monaco-list-row').count();
    const architectureRows = await architecture.count();
    const problemsShot = path.join(outDir, 'problems-panel.png');
    await page.screenshot({ path: problemsShot });

    await openFromExplorer(page, 'Course Desktop', 'workspace.json');
    // Both tabs are called workspace.json: the breadcrumb tells which entry is active.
    await page.locator('.monaco-breadcrumbs', { hasText: 'Course Desktop' }).first().waitFor();
    await page.waitForTimeout(300);
    await page.keyboard.press('F1');
    await page.keyboard.type('Kasm: Preview Workspace Icon');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Preview Workspace Icon' }).first().waitFor();
    await page.keyboard.press('Enter');
    const card = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator('h1');
    await card.waitFor({ timeout: 60000 });
    const previewTitle = (await card.textContent()) ?? '';
    await page.frameLocator('iframe.webview.ready').frameLocator('#active-frame').locator('img.icon').waitFor();
    await page.waitForTimeout(500);
    const previewShot = path.join(outDir, 'icon-preview.png');
    await page.screenshot({ path: previewShot });

    // Typed into friendly_name: the preview shows it without reloading its page.
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    const typedAt = Date.now();
    await page.keyboard.type(' II');
    await card.filter({ hasText: 'Course Desktop II' }).waitFor({ timeout: 30000 });
    const previewUpdateMs = Date.now() - typedAt;
    const previewAfterTyping = (await card.textContent()) ?? '';
    for (let i = 0; i < 3; i++) await page.keyboard.press('Backspace');

    // The registry gallery; a click on a card opens its entry.
    await page.keyboard.press('F1');
    await page.keyboard.type('Kasm: Preview Registry');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Preview Registry' }).first().waitFor();
    await page.keyboard.press('Enter');
    const gallery = page.frameLocator('iframe.webview.ready >> nth=-1').frameLocator('#active-frame');
    await gallery.locator('.card', { hasText: 'Data Science Lab' }).waitFor({ timeout: 60000 });
    await page.waitForTimeout(500);
    const descriptionClipped = await gallery.locator('.card', { hasText: 'Course Desktop' }).locator('.description')
      .evaluate((element) => element.scrollHeight > element.clientHeight + 1);
    const galleryShot = path.join(outDir, 'registry-gallery.png');
    await page.screenshot({ path: galleryShot });
    // The admin's view: on Kasm 1.19.0, Data Science Lab (1.18.x and a 1.21.x that does not exist) is hidden, greyed.
    await gallery.locator('#kasmVersion').selectOption('1.19.0');
    const hiddenCard = gallery.locator('.card.greyed', { hasText: 'Data Science Lab' });
    await hiddenCard.waitFor({ timeout: 30000 });
    const adminHidden = (await hiddenCard.locator('.view').textContent()) ?? '';
    const adminListed = (await gallery.locator('.card:not(.greyed)', { hasText: 'Course Desktop' }).locator('.view').textContent()) ?? '';
    const adminShot = path.join(outDir, 'registry-admin-view.png');
    await page.screenshot({ path: adminShot });
    await gallery.locator('.card', { hasText: 'Data Science Lab' }).click();
    await page.locator('.monaco-breadcrumbs', { hasText: 'Data Science Lab' }).first().waitFor();
    const screenshots = [problemsShot, previewShot, galleryShot, adminShot];
    return {
      architectureRows, problemRows, previewTitle, previewAfterTyping, previewUpdateMs, descriptionClipped,
      adminHidden, adminListed, screenshots,
    };
  });
}

/** The README's picture of the web version: the Problems panel of a bad entry, the extension in the web worker. */
export async function webScreenshot(outDir: string): Promise<string> {
  return inWorkbench('web-screenshot', async (page) => {
    await openFromExplorer(page, 'workspaces', 'Data Science Lab', 'workspace.json');
    await page.locator('.tab', { hasText: 'workspace.json' }).first().waitFor();
    await page.keyboard.press('Control+Shift+M');
    await page.locator('.markers-panel .monaco-list-row', { hasText: '"i386" is not a valid architecture' }).first().waitFor({ timeout: 60000 });
    await page.waitForTimeout(500);
    const shot = path.join(outDir, 'web.png');
    await page.screenshot({ path: shot });
    return shot;
  }, WEB_EXTENSION_SETTINGS);
}
