/// <reference types="chrome" />
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openFolds, poll, SCREENSHOT_DIR, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await launch();
});
afterAll(async () => {
  await h?.close();
});

describe('toolbar badge on navigation', () => {
  it('shows the breach count on www.coop.co.uk', async () => {
    const page = await h.context.newPage();
    await page.goto(h.site('www.coop.co.uk'));
    expect(await h.badgeOf(page, (t) => t === '1')).toBe('1');
    await page.close();
  });

  it('shows no badge on a site with no known breach', async () => {
    const page = await h.context.newPage();
    await page.goto(h.site('www.example-unbreached.co.uk'));
    // The tooltip names the host once the worker has handled this navigation; only then is '' meaningful.
    expect(await h.titleOf(page, (t) => t.includes('www.example-unbreached.co.uk'))).toContain('No known breach');
    expect(await h.badgeOf(page)).toBe('');
    await page.close();
  });

  it('clears the badge when the tab moves from a breached site to an unbreached one', async () => {
    const page = await h.context.newPage();
    await page.goto(h.site('shop.coop.co.uk'));
    expect(await h.badgeOf(page, (t) => t === '1')).toBe('1');
    await page.goto(h.site('www.debenhams.com'));
    expect(await h.titleOf(page, (t) => t.includes('www.debenhams.com'))).toContain('No known breach');
    expect(await h.badgeOf(page)).toBe('');
    await page.close();
  });

  it('names the breaches in the tooltip of a breached site', async () => {
    const page = await h.context.newPage();
    await page.goto(h.site('www.debenhamsflowers.com'));
    const title = await h.titleOf(page, (t) => t.includes('Debenhams Flowers'));
    expect(title).toBe('www.debenhamsflowers.com: 1 known data breach: Debenhams Flowers (Ecomnova) cyber attack');
    await page.close();
  });

  it('badges tabs that were already open when the extension starts', async () => {
    const page = await h.context.newPage();
    await page.goto(h.site('www.marksandspencer.com'));
    await h.badgeOf(page, (t) => t === '1');
    // Clear the badge by hand, then fire the start-up path the way the browser would.
    // The load's own "complete" event may badge once more after the first badge: clear until it stays clear.
    const clear = () =>
      h.worker.evaluate(async (u) => {
        const tab = (await chrome.tabs.query({})).find((t) => t.url === u);
        await chrome.action.setBadgeText({ tabId: tab!.id!, text: '' });
      }, page.url());
    expect(
      await poll(
        async () => (await clear(), h.badgeOf(page)),
        (t) => t === '',
      ),
    ).toBe('');
    await h.worker.evaluate(() => {
      // @ts-expect-error dispatch is not in the public typings; it is how Chromium delivers the event
      chrome.runtime.onStartup.dispatch();
    });
    expect(await h.badgeOf(page, (t) => t === '1')).toBe('1');
    await page.close();
  });
});

describe('popup', () => {
  it('names the Co-op breach and what was and was not taken', async () => {
    const page = await h.context.newPage();
    await page.setViewportSize({ width: 400, height: 900 });
    await page.goto(h.popupUrl('https://www.coop.co.uk/membership'));
    const card = page.locator('article[data-breach-id="co-op-2025"]');
    await card.waitFor();
    await expect(card.locator('h3').textContent()).resolves.toBe('Co-op cyber attack');
    await openFolds(card);
    const exposed = await card.getByTestId('exposed').locator('li').allTextContents();
    expect(exposed).toEqual(expect.arrayContaining(['Names', 'Dates of birth']));
    const notExposed = (await card.getByTestId('not-exposed').textContent()) ?? '';
    expect(notExposed).toContain('Passwords');
    expect(notExposed).toContain('Credit cards');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'popup-coop.png'), fullPage: true });
    await page.close();
  });

  it('says no breach is known for an unbreached site, with the data date', async () => {
    const page = await h.context.newPage();
    await page.goto(h.popupUrl('https://www.example-unbreached.co.uk/'));
    const text = await page.getByTestId('no-breach').textContent();
    expect(text).toContain('No breach known for www.example-unbreached.co.uk');
    expect(text).toMatch(/data of \d{1,2} \w{3,4} \d{4}/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'popup-unbreached.png'), fullPage: true });
    await page.close();
  });

  it('explains that a browser page is not a website', async () => {
    const page = await h.context.newPage();
    await page.goto(h.popupUrl('chrome://settings/'));
    await expect(page.getByTestId('not-applicable').textContent()).resolves.toContain('not a website');
    await page.close();
  });
});
