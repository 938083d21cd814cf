/// <reference types="chrome" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, openFolds, ROOT, SCREENSHOT_DIR, type Harness } from './harness';
import { toolbar } from './toolbar-popup';

let h: Harness;
const timings: number[] = [];
beforeAll(async () => {
  h = await launch();
});
afterAll(async () => {
  if (timings.length) {
    const sorted = [...timings].sort((a, b) => a - b);
    console.log(
      `popup time to first breach card: median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(1)} ms over ${sorted.length} opens`,
    );
  }
  await h?.close();
});

/** Opens the popup page for `url` in a popup-sized window and records how long its first content took. */
async function openPopup(url: string, scheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const page = await h.context.newPage();
  await page.emulateMedia({ colorScheme: scheme });
  await page.setViewportSize({ width: 380, height: 600 });
  await page.goto(h.popupUrl(url));
  await page.locator('article, [data-testid="no-breach"], [data-testid="not-applicable"]').first().waitFor();
  const ms = await page.evaluate(() => performance.getEntriesByName('first-content')[0]?.startTime ?? -1);
  if (ms >= 0) timings.push(ms);
  return page;
}
/** Every step of the card, the folded further steps too. */
const stepIds = async (page: Page, breachId: string) => {
  const card = page.locator(`article[data-breach-id="${breachId}"]`);
  await openFolds(card);
  return card.locator('[data-step]').evaluateAll((els) => els.map((e) => e.getAttribute('data-step')));
};

describe('popup in Chromium', () => {
  it('Co-op: names, contact details and dates of birth exposed; passwords and bank details not; Action Fraud', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await openPopup('https://www.coop.co.uk/', scheme);
      const card = page.locator('article[data-breach-id="co-op-2025"]');
      await openFolds(card);
      const exposed = await card.getByTestId('exposed').locator('li').allTextContents();
      expect(exposed).toEqual(expect.arrayContaining(['Names', 'Physical addresses', 'Dates of birth']));
      const notTaken = (await card.getByTestId('not-exposed').textContent()) ?? '';
      expect(notTaken).toContain('Passwords');
      expect(notTaken).toContain('Bank account numbers');
      const report = card.locator('[data-step="report-fraud"]');
      await expect(report.textContent()).resolves.toContain('Report Fraud (formerly Action Fraud)');
      await expect(report.locator('a[href="https://www.reportfraud.police.uk/"]').count()).resolves.toBe(1);
      await expect(report.locator('a[href="tel:03001232040"]').textContent()).resolves.toBe('0300 123 2040');
      await page.screenshot({ path: join(SCREENSHOT_DIR, `popup-coop-${scheme}.png`), fullPage: true });
      await page.close();
    }
  });

  it('Debenhams Flowers (2017): what Debenhams already did comes first, calmly; its hotline may no longer run', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await openPopup('https://www.debenhamsflowers.com/', scheme);
      // Debenhams had the cards reissued and the passwords deleted: the steps say so, and nothing says "now".
      expect((await stepIds(page, 'debenhams-flowers-2017')).slice(0, 2)).toEqual(['change-password', 'new-card']);
      expect(await stepIds(page, 'debenhams-flowers-2017')).not.toContain('call-bank');
      await expect(page.locator('[data-step="change-password"] label').textContent()).resolves.toContain(
        'The company reset the passwords',
      );
      await expect(page.locator('[data-step="new-card"] label').textContent()).resolves.toContain(
        'blocked and reissued',
      );
      expect(await page.locator('.urgency--now').count()).toBe(0);
      const hotline = page.locator('[data-step="company-hotline"] a[href="tel:03330037068"]');
      await expect(hotline.textContent()).resolves.toBe('0333 003 7068');
      await expect(page.getByTestId('hotline-may-have-ended').textContent()).resolves.toBe(
        'Set up in 2017: it may no longer run.',
      );
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      await page.screenshot({ path: join(SCREENSHOT_DIR, `popup-debenhams-flowers-${scheme}.png`), fullPage: true });
      await page.close();
    }
  });

  it('a password breach with no known change-password page: the standard address, with honest words', async () => {
    const page = await openPopup('https://www.8tracks.com/');
    const change = page.getByTestId('change-password-well-known');
    await expect(change.locator('a').first().getAttribute('href')).resolves.toBe(
      'https://8tracks.com/.well-known/change-password',
    );
    await expect(change.textContent()).resolves.toContain('Not every site supports it');
    await page.close();
  });

  it('an unbreached site: no breach known, in both colour schemes', async () => {
    for (const scheme of ['light', 'dark'] as const) {
      const page = await openPopup('https://www.example-unbreached.co.uk/', scheme);
      await expect(page.getByTestId('no-breach').textContent()).resolves.toContain('No breach known for');
      await page.screenshot({ path: join(SCREENSHOT_DIR, `popup-unbreached-${scheme}.png`), fullPage: true });
      await page.close();
    }
  });

  it('remembers a ticked step after the popup is closed and opened again', async () => {
    let page = await openPopup('https://www.marksandspencer.com/');
    const box = page.locator('[data-step="phishing"] input');
    await box.check();
    await page.locator('.steps-progress', { hasText: '1 of' }).waitFor();
    await page.close();
    page = await openPopup('https://www.marksandspencer.com/');
    await expect.poll(() => page.locator('[data-step="phishing"] input').isChecked()).toBe(true);
    await page.close();
  });

  it('reads the answer prepared for the tab it is opened on, and never one older than a tick or a region choice', async () => {
    // The person is on the site: the worker badges the tab, prepares the popup's answer and gives the tab a popup
    // address naming it (issue #15). Opened here as a page at that address, so every check below can read it.
    const site = await h.context.newPage();
    const url = h.site('www.xfinity.com', '/prepared');
    await site.goto(url);
    await h.badgeOf(site, (text) => text !== '');
    const popupAddress = await h.worker.evaluate(async (u) => {
      const tab = (await chrome.tabs.query({})).find((t) => t.url === u)!;
      for (;;) {
        const popup = await chrome.action.getPopup({ tabId: tab.id! });
        if (popup.includes('?tab=')) return popup;
        await new Promise((r) => setTimeout(r, 10));
      }
    }, url);
    const answerOf = async () => {
      const page = await h.context.newPage();
      await page.setViewportSize({ width: 380, height: 600 });
      await page.goto(popupAddress);
      await page.locator('article[data-breach-id]').first().waitFor();
      const how = await page.locator('#app').getAttribute('data-answer');
      return { page, how };
    };
    await expect
      .poll(async () => {
        const { page, how } = await answerOf();
        await page.close();
        return how;
      })
      .toBe('prepared');

    // A tick stored by another page (the alerts page, say) while the answer is prepared: the next popup shows it,
    // whether it reads an answer prepared again or asks.
    let { page } = await answerOf();
    const breachId = (await page.locator('details[open]').first().locator('xpath=..').getAttribute('data-breach-id'))!;
    const ticked = (await page.locator('details[open] [data-step]').first().getAttribute('data-step'))!;
    await page.evaluate(
      ([id, step]) =>
        chrome.runtime.sendMessage({
          type: 'progress/set',
          payload: { breachId: id, progress: { ticked: [step], notCustomer: false } },
        }),
      [breachId, ticked] as const,
    );
    await page.close();
    ({ page } = await answerOf());
    await expect(page.locator(`[data-step="${ticked}"] input`).isChecked()).resolves.toBe(true);
    await page.close();
    // ...and soon it is prepared again, tick included.
    await expect
      .poll(async () => {
        const { page, how } = await answerOf();
        const shown = await page.locator(`[data-step="${ticked}"] input`).isChecked();
        await page.close();
        return `${how} ${shown}`;
      })
      .toBe('prepared true');

    // A region picked in the popup loads the whole table and is what the next popup uses.
    ({ page } = await answerOf());
    await page.getByTestId('region').selectOption('US');
    await expect.poll(() => page.locator('body').textContent()).toContain('ReportFraud.ftc.gov');
    await page.close();
    ({ page } = await answerOf());
    await expect(page.getByTestId('region').inputValue()).resolves.toBe('US');
    await expect(page.locator('body').textContent()).resolves.toContain('ReportFraud.ftc.gov');
    await page.close();
    await h.worker.evaluate(() => chrome.storage.local.remove('settings'));

    // A page no tab shows has no prepared answer: the popup asks the worker, with the same result.
    const other = await openPopup('https://www.xfinity.com/not-open-in-a-tab');
    await expect(other.locator('#app').getAttribute('data-answer')).resolves.toBe('asked');
    await expect(other.locator('article[data-breach-id]').count()).resolves.toBeGreaterThan(0);
    await other.close();
    await site.close();
  });

  it('from the toolbar: reads the answer prepared for its tab beside the tab’s address, and follows the tab', async () => {
    const site = await h.context.newPage();
    await site.goto(h.site('www.coop.co.uk', '/toolbar'));
    await h.badgeOf(site, (text) => text !== '');
    const bar = toolbar(h);
    const shown = async () => {
      const popup = await bar.open(site);
      // The popup's styles come with its start-up script and are adopted before its first render (adopt-styles.ts):
      // by the first content its rules hold, and the page links no sheet it could wait for.
      const seen = await popup.evaluate<{
        how: string;
        early: string | undefined;
        cards: string[];
        clear: boolean;
        styled: boolean;
      } | null>(`(async () => {
        for (let i = 0; i < 2500; i++) {
          const app = document.getElementById('app');
          if (app && performance.getEntriesByName('first-content').length)
            return { how: app.dataset.answer, early: app.dataset.early, cards: [...document.querySelectorAll('article[data-breach-id]')].map((a) => a.dataset.breachId),
                     clear: !!document.querySelector('[data-testid="no-breach"]'),
                     styled: !document.querySelector('link[rel="stylesheet"]') && getComputedStyle(app).paddingTop === '10px' };
          await new Promise((r) => setTimeout(r, 2));
        }
        return null;
      })()`);
      await popup.close();
      return { url: popup.url, ...seen };
    };
    // The first open may come before the answer was written: then it asks, with the same cards.
    await expect.poll(async () => (await shown()).how).toBe('prepared');
    const first = await shown();
    expect(new URL(first.url).search).toMatch(/^\?tab=\d+$/);
    expect(first.cards).toContain('co-op-2025');
    expect(first.styled).toBe(true);
    // The same tab moves on to a site with no known breach: never the Co-op's answer again.
    await site.goto(h.site('www.unbreached-example.com', '/toolbar'));
    await h.badgeOf(site, (text) => text === '');
    // No known breach: once the answer is written the tab's popup address carries the verdict, drawn before the
    // reads (issue #15).
    await expect.poll(async () => (await shown()).early).toBe('clear');
    const after = await shown();
    expect(new URL(after.url).searchParams.get('clear')).toBe('www.unbreached-example.com');
    expect(after.cards).toEqual([]);
    expect(after.clear).toBe(true);
    expect(after.styled).toBe(true);
    await site.close();
  });

  it('from the toolbar: a verdict in the address that no longer fits the tab is replaced by what the tab shows', async () => {
    const site = await h.context.newPage();
    await site.goto(h.site('www.coop.co.uk', '/stale'));
    await h.badgeOf(site, (text) => text !== '');
    // The race the address can lose: a "no known breach" address set for the page before, on a breached page.
    // Set once the worker has prepared the tab's answer and given it its own address (later badges keep that).
    await h.worker.evaluate(async (url) => {
      for (;;) {
        const tab = (await chrome.tabs.query({})).find((t) => t.url === url);
        const key = `answer:tab:${tab?.id}`;
        if (tab?.id !== undefined && (await chrome.storage.session.get(key))[key]) {
          if ((await chrome.action.getPopup({ tabId: tab.id })).includes('?tab=')) {
            const popup = `src/popup/index.html?tab=${tab.id}&clear=www.unbreached-example.com&date=2026-06-30&of=9`;
            return chrome.action.setPopup({ tabId: tab.id, popup });
          }
        }
        await new Promise((r) => setTimeout(r, 5));
      }
    }, site.url());
    const popup = await toolbar(h).open(site);
    const seen = await popup.evaluate<{ early?: string; cards: string[]; clear: boolean } | null>(`(async () => {
      for (let i = 0; i < 2500; i++) {
        const cards = [...document.querySelectorAll('article[data-breach-id]')].map((a) => a.dataset.breachId);
        if (cards.length) return { early: document.getElementById('app').dataset.early, cards,
                                   clear: !!document.querySelector('[data-testid="no-breach"]') };
        await new Promise((r) => setTimeout(r, 2));
      }
      return null;
    })()`);
    await popup.close();
    expect(seen).toEqual({ early: 'clear', cards: ['co-op-2025'], clear: false });
    await site.close();
  });

  it('is usable from the keyboard alone', async () => {
    const page = await openPopup('https://www.coop.co.uk/');
    // Tab to the first step's checkbox and tick it with the space bar.
    const target = page.locator('[data-step] input').first();
    for (let i = 0; i < 15 && !(await target.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    await expect(target.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Space');
    await expect.poll(() => target.isChecked()).toBe(true);
    await page.close();
  });

  it('has no horizontal scroll at 360 px and at 200% zoom', async () => {
    const page = await openPopup('https://www.debenhamsflowers.com/');
    for (const width of [360, 420]) {
      await page.setViewportSize({ width, height: 600 });
      await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);
    }
    await page.evaluate(() => ((document.body.style as CSSStyleDeclaration & { zoom: string }).zoom = '2'));
    await page.setViewportSize({ width: 760, height: 600 });
    await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);
    await page.close();
  });
});

describe('curated breaches in the popup', () => {
  it.each([
    // 2018: old, so the card step is a check ("if you still use a card you had in 2018"), not "call your bank".
    ['www.britishairways.com', 'british-airways-2018', 'Credit card CVV', 'Passport numbers', 'new-card'],
    ['www.jdsports.co.uk', 'jd-sports-2023', 'Partial credit card data', 'Passwords', 'phishing'],
    ['www.harrods.com', 'harrods-2025', 'Loyalty program details', 'Credit cards', 'phishing'],
  ])('%s shows %s with exposed, not exposed, steps and sources', async (host, id, exposed, notTaken, step) => {
    const page = await openPopup(`https://${host}/`);
    const card = page.locator(`article[data-breach-id="${id}"]`);
    await openFolds(card);
    await expect(card.getByTestId('exposed').textContent()).resolves.toContain(exposed);
    await expect(card.getByTestId('not-exposed').textContent()).resolves.toContain(notTaken);
    await expect(card.locator(`[data-step="${step}"]`).count()).resolves.toBe(1);
    expect(await card.locator('.sources a').count()).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `popup-curated-${id}.png`), fullPage: true });
    await page.close();
  });

  // Issue #19's new fields, read from the built package's per-breach files: who was affected, the company's
  // offer as a step, its own notice first among the sources, and "may include" where it listed what it holds.
  it.each([
    ['www.southernwater.co.uk', 'southern-water-2024'],
    ['www.nspower.ca', 'nova-scotia-power-2025'],
    ['www.coupang.com', 'coupang-2025'],
  ])('%s shows %s with its scope, offer, notice and wording as the data has them', async (host, id) => {
    const breach = JSON.parse(readFileSync(join(ROOT, 'data', 'curated', `${id}.json`), 'utf8'));
    const page = await openPopup(`https://${host}/`);
    const card = page.locator(`article[data-breach-id="${id}"]`);
    await openFolds(card);
    await expect(card.getByTestId('scope').textContent()).resolves.toBe(breach.scope);
    await expect(card.getByTestId('offer').count()).resolves.toBe(breach.offer ? 1 : 0);
    if (breach.offer) await expect(card.getByTestId('offer').textContent()).resolves.toContain(breach.offer.text);
    await expect(card.getByTestId('may-include').count()).resolves.toBe(breach.dataMayInclude ? 1 : 0);
    if (breach.noticeUrl)
      await expect(card.locator('ul.sources li').first().locator('a').getAttribute('href')).resolves.toBe(
        breach.noticeUrl,
      );
    await page.screenshot({ path: join(SCREENSHOT_DIR, `popup-curated-${id}.png`), fullPage: true });
    await page.close();
  });

  it('shows the regulator outcome where there was one', async () => {
    const page = await openPopup('https://www.britishairways.com/');
    await openFolds(page.locator('article[data-breach-id="british-airways-2018"]'));
    await expect(page.getByTestId('regulator').textContent()).resolves.toContain('£20 million');
    await page.close();
  });
});
