/// <reference types="chrome" />
// Issue #17: the stores' listing screenshots (1280 × 800), taken from the real extension: the popup on Co-op, the
// alerts page and the settings page. `npm run release` copies them into dist/release/screenshots/.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngSize } from '../../scripts/lib/manifest-checks';
import { launch, ROOT, type Harness } from './harness';

export const STORE_SCREENSHOTS = join(ROOT, 'dist', 'store-screenshots');

let h: Harness;
beforeAll(async () => {
  h = await launch();
  mkdirSync(STORE_SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await h?.close();
});

describe('store listing screenshots', () => {
  it('are 1280 × 800: the popup on Co-op, the alerts page, the settings page', async () => {
    for (const host of ['www.coop.co.uk', 'www.marksandspencer.com', 'www.adidas.co.uk']) {
      const tab = await h.context.newPage();
      await tab.goto(h.site(host));
      await h.badgeOf(tab, (t) => t === '1');
      await tab.close();
    }
    const shots: [string, string][] = [
      ['1-popup-coop.png', h.popupUrl('https://www.coop.co.uk/')],
      ['2-alerts.png', h.pageUrl('src/alerts/index.html')],
      ['3-settings.png', h.pageUrl('src/options/index.html')],
    ];
    for (const [name, url] of shots) {
      const page = await h.context.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(url);
      await page.locator('h1').waitFor();
      await page.waitForLoadState('networkidle');
      if (name.includes('popup')) {
        // The popup is 380 px wide: shown larger and centred on the store's canvas.
        await page.locator('article[data-breach-id]').first().waitFor();
        await page.evaluate(() => {
          document.documentElement.style.background = '#dfe3ea';
          Object.assign(document.body.style, { zoom: '1.3', margin: '12px auto', boxShadow: '0 4px 24px #0003' });
        });
      }
      const path = join(STORE_SCREENSHOTS, name);
      await page.screenshot({ path });
      expect(pngSize(readFileSync(path))).toEqual({ width: 1280, height: 800 });
      await page.close();
    }
  });
});
