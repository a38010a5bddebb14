/**
 * Online image checks as a person meets them (#17), in code-server driven by Chromium: the one-time offer when a
 * Kasm entry opens, "Enable", the problems a real registry's answers bring, and the hover on an image.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, inWorkbench } from './codeServer';
import { openFromExplorer } from './uiCheck';
import { startRegistry } from '../helpers/dockerRegistry';

export interface OnlineCheckResult {
  /** The user settings after "Enable". */
  userSettings: Record<string, unknown>;
  /** Problems-panel rows of the online rules. */
  problems: string[];
  hover: string;
  /** The language status item's text, from the status bar's language status hover. */
  status: string;
  screenshot: string;
}

/** Against a real registry that has myschool/course-desktop:1.18.0 (amd64 only), not 1.19.0. */
export async function onlineCheck(outDir: string): Promise<OnlineCheckResult> {
  const imageRegistry = await startRegistry({ token: true });
  try {
    await imageRegistry.push('myschool/course-desktop', '1.18.0', { architectures: ['amd64'], layerBytes: 1_500_000 });
    return await checkIn(imageRegistry.host, outDir);
  } finally {
    await imageRegistry.stop();
  }
}

async function checkIn(registryHost: string, outDir: string): Promise<OnlineCheckResult> {
  const runName = 'online';
  // The offer comes only while the setting is set nowhere.
  return inWorkbench(runName, async (page, registry) => {
    const entry = path.join(registry, 'workspaces', 'Course Desktop', 'workspace.json');
    fs.writeFileSync(entry, fs.readFileSync(entry, 'utf8').replaceAll('myschool/course-desktop', `${registryHost}/myschool/course-desktop`));
    await openFromExplorer(page, 'workspaces', 'Course Desktop', 'workspace.json');
    const offer = page.locator('.notification-toast', { hasText: 'Check the images of Kasm entries online?' });
    await offer.waitFor({ timeout: 60000 });
    await offer.locator('.monaco-button', { hasText: 'Enable' }).click();

    await page.keyboard.press('Control+Shift+M');
    // The other entry's problems come first; the filter keeps this entry's in view.
    await page.getByPlaceholder(/^Filter \(e\.g\./).fill('course-desktop');
    const online = page.locator('.markers-panel .monaco-list-row', { hasText: /does not exist in|has no arm64 image/ });
    await online.nth(1).waitFor({ timeout: 60000 });
    const problems = await online.allTextContents();

    await page.locator('.monaco-editor .view-line span', { hasText: 'course-desktop:1.18.0' }).first().hover();
    const hover = page.locator('.monaco-hover', { hasText: 'Digest' });
    await hover.waitFor({ timeout: 30000 });
    await page.waitForTimeout(300);
    const screenshot = path.join(outDir, 'online-hover.png');
    await page.screenshot({ path: screenshot });
    const hoverText = (await hover.textContent()) ?? '';
    await page.locator('#status\\.languageStatus').hover();
    const statusItem = page.locator('.monaco-hover', { hasText: /images: checked/ });
    await statusItem.waitFor({ timeout: 30000 });
    const status = /images: checked[^A-Z]*/.exec((await statusItem.textContent()) ?? '')?.[0] ?? '';
    const settingsFile = path.join(REPO_ROOT, '.vscode-test', `run-${runName}`, 'user-data', 'User', 'settings.json');
    const userSettings = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
    return { userSettings, problems, hover: hoverText, status, screenshot };
  }, { 'kasm.images.online': undefined });
}
