// npm run icon: renders images/icon.svg to the 128×128 images/icon.png the Marketplace and Open VSX show,
// with Debian's Chromium (the one the end-to-end tests use). The PNG is committed; run this after editing the SVG.
import * as fs from 'node:fs';
import { chromium } from 'playwright-core';

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${fs.readFileSync('images/icon.svg', 'utf8')}</body></html>`);
    await page.screenshot({ path: 'images/icon.png', omitBackground: true, clip: { x: 0, y: 0, width: 128, height: 128 } });
  } finally {
    await browser.close();
  }
}

main().catch((error: Error) => { console.error(error); process.exit(1); });
