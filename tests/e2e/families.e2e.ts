/// <reference types="chrome" />
// Issue #20 in real Chromium: a brand's renamed domain badges with its old name's breach and says why, and the
// change-password step links to the account's real page.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, SCREENSHOT_DIR, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await launch();
  await h.worker.evaluate(() => 1);
});
afterAll(async () => {
  await h?.close();
});

describe('brand families and change-password pages', () => {
  it("x.com badges and shows Twitter's breach, saying x.com is Twitter's new name", async () => {
    // Twitter's breaches were made public years ago: alerts for any year, so the visit is stored to look at.
    await h.worker.evaluate(async () => {
      const { settings } = await chrome.storage.local.get('settings');
      await chrome.storage.local.set({ settings: { ...(settings as object), maxAgeYears: null } });
    });
    const tab = await h.context.newPage();
    await tab.goto(h.site('x.com', '/home'));
    expect(Number(await h.badgeOf(tab, (t) => t !== ''))).toBeGreaterThanOrEqual(1);
    await tab.close();

    const page = await h.context.newPage();
    await page.setViewportSize({ width: 380, height: 600 });
    await page.goto(h.popupUrl('https://x.com/home'));
    const card = page.locator('article[data-breach-id="hibp-twitter"]');
    await card.waitFor();
    await expect(card.getByTestId('matched-via').textContent()).resolves.toBe('x.com is the new name of twitter.com.');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'popup-family-x-com.png'), fullPage: true });
    await page.close();

    // The alert says it too.
    const alerts = await h.context.newPage();
    await alerts.goto(h.pageUrl('src/alerts/index.html'));
    const row = alerts.locator('li[data-alert-id="x.com|hibp-twitter"]');
    await expect(row.getByTestId('matched-via').textContent()).resolves.toBe('x.com is the new name of twitter.com.');
    await alerts.close();
  });

  it("adobe.com's change-password step links to Adobe's security page", async () => {
    const page = await h.context.newPage();
    await page.goto(h.popupUrl('https://www.adobe.com/'));
    const step = page.locator('article[data-breach-id="hibp-adobe"] [data-step="change-password"]');
    await step.waitFor();
    await expect(step.getByTestId('change-password-page').locator('a').first().getAttribute('href')).resolves.toBe(
      'https://account.adobe.com/security',
    );
    await expect(step.textContent()).resolves.toContain('If you have not changed this password since 4 Oct 2013');
    await page.close();
  });
});
