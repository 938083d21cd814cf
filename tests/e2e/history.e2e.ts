/// <reference types="chrome" />
// Issue #13 in real Chromium: the welcome page on install, "Check the sites I have already used" over the
// browser's real history, the verdicts, one alert per site and breach, the popup's line, "Stop using my history",
// and no request made. A headless browser cannot answer a permission prompt, so this runs a test build whose
// manifest requires `history` (AMIA_HISTORY_REQUIRED=1; the store builds keep it optional, manifest-checks test),
// with one made-up breach dated after today: today's real visits are then visits before that breach.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, poll, SCREENSHOT_DIR, type Harness } from './harness';
import { buildTestVariant } from './test-build';
import { catchAll, extensionRequests } from './traffic';
import { axeViolations } from './axe';

const DAY = 86_400_000;
const FUTURE = new Date(Date.now() + 40 * DAY).toISOString().slice(0, 10);

describe('the history check', () => {
  let h: Harness;
  let work: string;
  let welcome: Page;
  beforeAll(async () => {
    const build = buildTestVariant(
      'history',
      (hibp) => [
        {
          ...hibp.find((b) => b.Name === 'Adobe'),
          Name: 'FutureShop',
          Title: 'Future Shop',
          Domain: 'future-shop.co.uk',
          BreachDate: FUTURE,
          AddedDate: `${FUTURE}T00:00:00Z`,
          ModifiedDate: `${FUTURE}T00:00:00Z`,
          Description: 'A made-up breach dated after today, for the history check test.',
          DataClasses: ['Email addresses', 'Passwords'],
        },
      ],
      { AMIA_HISTORY_REQUIRED: '1' },
    );
    work = build.work;
    h = await launch(build.dist);
  }, 180_000);
  afterAll(async () => {
    await h?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('opens the welcome page on install, with its settings, and turns data updates off in one click', async () => {
    const url = h.pageUrl('src/welcome/index.html');
    welcome = await poll(
      async () => h.context.pages().find((p) => p.url() === url),
      (p) => p !== undefined,
      10_000,
    ).then((p) => p!);
    await welcome.getByRole('heading', { name: 'Welcome to Am I affected?' }).waitFor();
    const updates = welcome.getByLabel(/Download Have I Been Pwned's list of breaches once a day/);
    await expect(updates.isChecked()).resolves.toBe(true);
    await updates.uncheck();
    await welcome.getByTestId('status').filter({ hasText: 'Saved.' }).waitFor();
    expect(((await h.storage()).settings as { updates: boolean }).updates).toBe(false);
    await expect(welcome.getByRole('combobox', { name: /Help contacts/ }).inputValue()).resolves.toBe('');
  });

  it('finds the breached sites in the history, with the right verdicts, stores each alert once, sends nothing', async () => {
    const page = await h.context.newPage();
    for (const host of [
      'www.future-shop.co.uk',
      'shop.future-shop.co.uk',
      'www.coop.co.uk',
      'a.unbreached-example.co.uk',
    ]) {
      await page.goto(h.site(host));
      await h.titleOf(page, (t) => t.includes(host));
    }
    // A site in the history that was never visited with the extension installed (added as history has it).
    await h.worker.evaluate(() => chrome.history.addUrl({ url: 'https://www.marksandspencer.com/' }));
    await page.close();
    const before = Object.keys(await h.storage()).filter((k) => k.startsWith('alert:'));
    expect(before.sort()).toEqual(['alert:coop.co.uk|co-op-2025', 'alert:future-shop.co.uk|hibp-futureshop']);

    const trap = await catchAll();
    const requests = extensionRequests(h.context);
    try {
      await welcome.getByTestId('history-check').click();
      const results = welcome.getByTestId('history-results');
      await results.waitFor({ timeout: 20_000 });
      const verdicts = await welcome
        .locator('[data-finding]')
        .evaluateAll((els) =>
          Object.fromEntries(els.map((e) => [e.getAttribute('data-finding'), e.getAttribute('data-verdict')])),
        );
      expect(verdicts).toMatchObject({
        'future-shop.co.uk|hibp-futureshop': 'before-breach',
        'coop.co.uk|co-op-2025': 'history-short',
        'marksandspencer.com|marks-and-spencer-2025': 'history-short',
      });
      expect(Object.keys(verdicts).some((k) => k.includes('unbreached'))).toBe(false);
      const futureRow = welcome.locator('[data-finding="future-shop.co.uk|hibp-futureshop"]');
      await expect(futureRow.textContent()).resolves.toContain('You used this site before the breach');
      // Two pages of the site, one visit each: counted together under the breached domain.
      await expect(futureRow.textContent()).resolves.toContain('2 visits');
      await expect(results.locator('h3').textContent()).resolves.toMatch(/Breaches that may affect you: 1\./);

      const stored = await h.storage();
      const alerts = Object.entries(stored).filter(([k]) => k.startsWith('alert:'));
      const ids = alerts.map(([k]) => k).sort();
      expect(ids).toEqual([
        'alert:coop.co.uk|co-op-2025',
        'alert:future-shop.co.uk|hibp-futureshop',
        'alert:marksandspencer.com|marks-and-spencer-2025',
      ]);
      const byId = Object.fromEntries(alerts) as Record<string, { visits: number; history?: { verdict: string } }>;
      expect(byId['alert:coop.co.uk|co-op-2025']).toMatchObject({ visits: 1, history: { verdict: 'history-short' } });
      expect(byId['alert:marksandspencer.com|marks-and-spencer-2025']).toMatchObject({
        visits: 0,
        foundInHistory: true,
      });
      expect(byId['alert:future-shop.co.uk|hibp-futureshop']!.history!.verdict).toBe('before-breach');
      // No history beyond the matched sites' dates and counts: no address, no other site.
      expect(JSON.stringify(stored)).not.toContain('unbreached-example');
      expect(JSON.stringify(stored)).not.toMatch(/"url"/);
      expect((stored.settings as { useHistory: boolean }).useHistory).toBe(true);

      // Again: the same alerts, once each.
      await welcome.getByTestId('history-check').click();
      await welcome.getByTestId('history-results').waitFor();
      await poll(
        async () => Object.keys(await h.storage()).filter((k) => k.startsWith('alert:')).length,
        (n) => n === 3,
      );
      expect(Object.keys(await h.storage()).filter((k) => k.startsWith('alert:')).length).toBe(3);

      for (const scheme of ['light', 'dark'] as const) {
        await welcome.emulateMedia({ colorScheme: scheme });
        await welcome.screenshot({ path: join(SCREENSHOT_DIR, `welcome-history-${scheme}.png`), fullPage: true });
        expect(await axeViolations(welcome), scheme).toEqual([]);
      }
      await welcome.emulateMedia({ colorScheme: 'light' });
      await new Promise((r) => setTimeout(r, 300));
      expect(requests).toEqual([]);
      expect(trap.seen, trap.seen.join('\n')).toEqual([]);
    } finally {
      await trap.close();
    }
  });

  it('says on each breach card what the history shows', async () => {
    const popup = await h.context.newPage();
    await popup.goto(h.popupUrl('https://www.future-shop.co.uk/'));
    const line = popup.locator('article[data-breach-id="hibp-futureshop"] [data-testid="history-line"]');
    await expect(line.textContent()).resolves.toContain('You used this site before the breach: you may be affected.');
    await popup.goto(h.popupUrl('https://www.coop.co.uk/'));
    await expect(
      popup.locator('article[data-breach-id="co-op-2025"] [data-testid="history-line"]').textContent(),
    ).resolves.toContain('does not reach back to this breach');
    // The box is the person's: history that does not clearly say "not a customer" leaves it unticked.
    await expect(popup.locator('article[data-breach-id="co-op-2025"] .not-customer input').isChecked()).resolves.toBe(
      false,
    );
    await popup.screenshot({ path: join(SCREENSHOT_DIR, 'popup-history-line.png'), fullPage: true });
    await popup.close();
  });

  it('"Stop using my history" deletes the visit dates, keeps the alerts, and the popup offers the check again', async () => {
    await welcome.getByTestId('history-stop').click();
    await welcome.getByTestId('status').filter({ hasText: 'History use is off' }).waitFor();
    await expect(welcome.getByTestId('status').textContent()).resolves.toContain('deleted from 3 alerts');
    const stored = await h.storage();
    const alerts = Object.entries(stored).filter(([k]) => k.startsWith('alert:'));
    expect(alerts.length).toBe(3);
    expect(JSON.stringify(stored)).not.toContain('firstVisit');
    expect((stored.settings as { useHistory: boolean }).useHistory).toBe(false);
    const popup = await h.context.newPage();
    await popup.goto(h.popupUrl('https://www.future-shop.co.uk/'));
    await popup.getByTestId('history-offer').waitFor();
    await expect(popup.getByTestId('history-line').count()).resolves.toBe(0);
    await popup.close();
  });
});
