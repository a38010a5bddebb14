/**
 * Online image checks as a person meets them (#17), in code-server driven by Chromium: the one-time offer when a
 * Kasm entry opens, "Enable", the problems a real registry's answers bring, and the hover on an image.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, inWorkbench } from './codeServer';
import { openFromExplorer } from './uiCheck';
import { startRegistry } from '../helpers/dockerRegistry';

const OFFER = 'Check the images of Kasm entries online?';

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
    const offer = page.locator('.notification-toast', { hasText: OFFER });
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

export interface OfferCheckResult {
  /** Offers shown after "Not now", when another entry opens in the same session. */
  afterNotNow: number;
  /** Whether the next session (the window reloaded) offers again after "Not now". */
  nextSession: boolean;
  /** Offers shown in the session after "Never". */
  afterNever: number;
}

/** The offer's other answers: "Not now" (again next session, not in this one) and "Never" (not again). */
export async function offerCheck(): Promise<OfferCheckResult> {
  return inWorkbench('offer', async (page) => {
    const offer = page.locator('.notification-toast', { hasText: OFFER });
    const answer = async (button: string) => {
      await offer.waitFor({ timeout: 60000 });
      await offer.locator('.monaco-button', { hasText: button }).click();
      await offer.waitFor({ state: 'hidden' });
    };
    // Data Science Lab first: with one entry folder expanded, its workspace.json is the only one in the tree.
    await openFromExplorer(page, 'workspaces', 'Data Science Lab', 'workspace.json');
    await answer('Not now');
    await openFromExplorer(page, 'Course Desktop', 'workspace.json');
    await page.locator('.monaco-breadcrumbs', { hasText: 'Course Desktop' }).first().waitFor();
    await page.waitForTimeout(3000);
    const afterNotNow = await offer.count();
    // A new session: the window reloads with the entries open again.
    await page.reload();
    const nextSession = await offer.waitFor({ timeout: 60000 }).then(() => true, () => false);
    if (nextSession) await answer('Never');
    // The extension's global state reaches the workbench's storage a moment later.
    await page.waitForTimeout(2000);
    await page.reload();
    await page.locator('.monaco-breadcrumbs', { hasText: 'workspace.json' }).first().waitFor({ timeout: 60000 });
    await page.waitForTimeout(5000);
    return { afterNotNow, nextSession, afterNever: await offer.count() };
  }, { 'kasm.images.online': undefined });
}
