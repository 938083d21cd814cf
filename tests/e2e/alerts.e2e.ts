/// <reference types="chrome" />
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALERT_RGB, CALM_RGB, MUTED_RGB, launch, SCREENSHOT_DIR, seedAlerts, type Harness, poll } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await launch();
});
afterAll(async () => {
  await h?.close();
});

type StoredAlert = { id: string; site: string; visits: number; state: string };
const storedAlerts = async () =>
  Object.entries(await h.storage())
    .filter(([k]) => k.startsWith('alert:'))
    .map(([, v]) => v as StoredAlert);
async function pollAlerts(until: (a: StoredAlert[]) => boolean): Promise<StoredAlert[]> {
  const end = Date.now() + 5000;
  let alerts = await storedAlerts();
  while (!until(alerts) && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    alerts = await storedAlerts();
  }
  return alerts;
}
/** Fills storage with 1,000 alerts of other sites, so the tests below run against a long history. */
const seedHistory = () => seedAlerts(h.worker, 1000, 'history');
const fresh = (alerts: StoredAlert[]) => alerts.filter((a) => !a.site.startsWith('history'));
/** Alerts for breaches of any year (the setting's other end): old HIBP breaches then raise alerts too, calmly. */
const anyYear = () =>
  h.worker.evaluate(async () => {
    const { settings } = await chrome.storage.local.get('settings');
    await chrome.storage.local.set({ settings: { ...(settings as object), maxAgeYears: null } });
  });

describe('stored alerts in Chromium', () => {
  it('lists three new alerts after visiting Co-op, Adidas and M&S; review, mute, export, clear, import', async () => {
    for (const host of ['www.coop.co.uk', 'www.adidas.co.uk', 'www.marksandspencer.com']) {
      const p = await h.context.newPage();
      await p.goto(h.site(host));
      await h.badgeOf(p, (t) => t === '1');
      await p.close();
    }
    await pollAlerts((a) => a.length === 3);

    const page = await h.context.newPage();
    await page.setViewportSize({ width: 900, height: 900 });
    await page.goto(h.pageUrl('src/alerts/index.html'));
    const rows = page.locator('[data-testid="alerts"] > li');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await page.locator('.state--new').count()).toBe(3);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'alerts-three-new.png'), fullPage: true });

    // Mark Co-op reviewed; mute M&S.
    await page
      .locator('[data-alert-id="coop.co.uk|co-op-2025"]')
      .getByRole('button', { name: 'Mark reviewed' })
      .click();
    await page
      .locator('[data-alert-id="marksandspencer.com|marks-and-spencer-2025"]')
      .getByRole('button', { name: /^Mute/ })
      .click();
    await expect.poll(async () => (await storedAlerts()).find((a) => a.site === 'coop.co.uk')?.state).toBe('reviewed');
    await expect.poll(async () => (await h.storage()).settings).toMatchObject({ mutedSites: ['marksandspencer.com'] });

    // Revisit both: no new alert, no new visit on the muted site; calm, and grey where muted.
    const coop = await h.context.newPage();
    await coop.goto(h.site('shop.coop.co.uk'));
    await h.badgeOf(coop, (t) => t === '1');
    await expect.poll(() => h.colourOf(coop)).toBe(CALM_RGB);
    const ms = await h.context.newPage();
    await ms.goto(h.site('www.marksandspencer.com', '/food'));
    await h.badgeOf(ms, (t) => t === '1');
    await expect.poll(() => h.colourOf(ms)).toBe(MUTED_RGB);
    const after = await pollAlerts((a) => a.find((x) => x.site === 'coop.co.uk')?.visits === 2);
    expect(after).toHaveLength(3);
    expect(after.find((a) => a.site === 'coop.co.uk')).toMatchObject({ visits: 2, state: 'reviewed' });
    expect(after.find((a) => a.site === 'marksandspencer.com')).toMatchObject({ visits: 1, state: 'new' });
    // The one still new and unmuted keeps the alert colour.
    const adidas = await h.context.newPage();
    await adidas.goto(h.site('www.adidas.co.uk'));
    await h.badgeOf(adidas, (t) => t === '1');
    await expect.poll(() => h.colourOf(adidas)).toBe(ALERT_RGB);
    for (const p of [coop, ms, adidas]) await p.close();

    // Export, clear (confirming), import: the same alerts come back.
    await page.reload();
    await expect.poll(() => rows.count()).toBe(3);
    const before = (await storedAlerts()).sort((a, b) => a.id.localeCompare(b.id));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export JSON' }).click(),
    ]);
    const file = await download.path();
    const exported = JSON.parse(readFileSync(file, 'utf8'));
    expect(exported.alerts).toHaveLength(3);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Clear all' }).click();
    await page.getByTestId('empty').waitFor();
    expect(await storedAlerts()).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'alerts-empty.png'), fullPage: true });
    await page.getByTestId('import').setInputFiles(file);
    await expect.poll(() => page.getByTestId('status').textContent()).toContain('Imported: 3 new');
    await expect.poll(() => rows.count()).toBe(3);
    expect((await storedAlerts()).sort((a, b) => a.id.localeCompare(b.id))).toEqual(before);

    // A broken file is refused with a reason, and nothing is lost.
    await page
      .getByTestId('import')
      .setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{oops') });
    await expect.poll(() => page.getByTestId('status').textContent()).toContain('Could not import that file');
    expect(await storedAlerts()).toHaveLength(3);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'alerts-after-import.png'), fullPage: true });
    await page.close();
  });

  it('keeps exactly one alert per site, with the right visit counts, when 20 tabs open 10 sites at once (on top of 1,000 stored)', async () => {
    await seedHistory();
    await anyYear();
    const hosts = [
      'www.coop.co.uk',
      'www.debenhamsflowers.com',
      'www.marksandspencer.com',
      // HIBP breaches on domains that are not on Chromium's HSTS preload list (which would force https).
      'www.adobe.com',
      'www.canva.com',
      'www.chegg.com',
      'www.8tracks.com',
      'www.123rf.com',
      'www.500px.com',
      'www.acne.org',
    ];
    const pages = await Promise.all(Array.from({ length: 20 }, () => h.context.newPage()));
    try {
      await Promise.all(pages.map((p, i) => p.goto(h.site(hosts[i % 10]!))));
      const all = await pollAlerts((a) => fresh(a).length === 10 && fresh(a).every((x) => x.visits === 2));
      expect(all).toHaveLength(1010);
      const alerts = fresh(all);
      expect(alerts.map((a) => a.site).sort()).toEqual(hosts.map((x) => x.replace(/^www\./, '')).sort());
      expect(alerts.map((a) => a.visits)).toEqual(Array(10).fill(2));
    } finally {
      await Promise.all(pages.map((p) => p.close()));
    }
  });

  it('loses no committed alert when the service worker is stopped, and wakes to record the next visit (1,000 stored)', async () => {
    await seedHistory();
    await anyYear();
    const p = await h.context.newPage();
    await p.goto(h.site('www.adobe.com'));
    await pollAlerts((a) => fresh(a).length === 1);
    await h.stopWorker();
    await p.goto(h.site('www.coop.co.uk')); // wakes the worker through tabs.onUpdated
    const alerts = await pollAlerts((a) => fresh(a).length === 2);
    expect(
      fresh(alerts)
        .map((a) => a.site)
        .sort(),
    ).toEqual(['adobe.com', 'coop.co.uk']);
    expect(alerts).toHaveLength(1002);
    await p.close();
  });

  it('sets corrupt stored values aside and keeps working', async () => {
    await h.worker.evaluate(() =>
      chrome.storage.local.set({
        meta: { schemaVersion: 3 },
        // One damaged field; the good one (alerts for any year, so Canva's and Chegg's old breaches alert) is kept.
        settings: { mutedSites: 'not a list', maxAgeYears: null },
        'alert:canva.com|hibp-canva': { id: 'canva.com|hibp-canva', visits: 'lots' },
        'alert:chegg.com|hibp-chegg': '{"truncated":',
      }),
    );
    // Damage is found on disk, as after a crash: a worker that wrote it behind its own back would only hear of it
    // through onChanged, and could handle a visit with the settings it had in memory before.
    await h.stopWorker();
    const p = await h.context.newPage();
    await p.goto(h.site('www.canva.com'));
    const p2 = await h.context.newPage();
    await p2.goto(h.site('www.chegg.com'));
    await expect
      .poll(async () =>
        Object.keys(await h.storage())
          .filter((k) => k.startsWith('corrupt:'))
          .sort(),
      )
      .toEqual(['corrupt:alert:canva.com|hibp-canva', 'corrupt:alert:chegg.com|hibp-chegg', 'corrupt:settings']);
    const alerts = await pollAlerts((a) =>
      ['canva.com', 'chegg.com'].every((s) => a.some((x) => x.site === s && x.visits === 1)),
    );
    expect(alerts.filter((a) => a.site === 'canva.com' || a.site === 'chegg.com')).toHaveLength(2);
    const page = await h.context.newPage();
    await page.goto(h.pageUrl('src/alerts/index.html'));
    await expect.poll(() => page.locator('[data-testid="alerts"] > li').count()).toBeGreaterThan(1);
    await page.close();
    await p.close();
    await p2.close();
  });

  it('the popup marks what it showed as reviewed and calms the badge, but opened by URL only after a click', async () => {
    await h.worker.evaluate(() => chrome.storage.local.clear());
    const site = await h.context.newPage();
    await site.goto(h.site('www.adidas.co.uk'));
    await expect.poll(() => h.colourOf(site)).toBe(ALERT_RGB);
    // Any extension can open the popup page with ?url=: that alone must not mark the alert seen.
    const popup = await h.context.newPage();
    await popup.goto(h.popupUrl('https://www.adidas.co.uk/'));
    await popup.locator('article').first().waitFor();
    expect(
      await poll(
        async () => (await storedAlerts())[0]?.state,
        (s) => s !== 'new',
        1000,
      ),
    ).toBe('new');
    expect(await h.colourOf(site)).toBe(ALERT_RGB);
    await popup.locator('h1').click();
    await expect.poll(async () => (await storedAlerts())[0]?.state).toBe('reviewed');
    await expect.poll(() => h.colourOf(site)).toBe(CALM_RGB);
    await popup.close();
    await site.close();
  });

  // hellosign.com is Dropbox Sign's other domain (dropbox.com is on Chromium's HSTS preload list: no plain http).
  it("is a to-do list: Dropbox Sign needs action first, its card opens in place, and a tick there is the popup's", async () => {
    await h.worker.evaluate(() => chrome.storage.local.clear());
    for (const host of ['www.coop.co.uk', 'www.hellosign.com']) {
      const p = await h.context.newPage();
      await p.goto(h.site(host));
      await h.badgeOf(p, (t) => t !== '');
      await p.close();
    }
    await pollAlerts((a) => a.length === 2);
    const page = await h.context.newPage();
    await page.setViewportSize({ width: 900, height: 900 });
    await page.goto(h.pageUrl('src/alerts/index.html'));
    await expect
      .poll(() => page.getByTestId('summary').textContent())
      .toContain('1 breach needs action now: Dropbox, Inc. (password, login tokens).');
    const rows = page.locator('[data-testid="alerts"] > li');
    expect(await rows.first().getAttribute('data-alert-id')).toBe('hellosign.com|dropbox-sign-2024');
    const row = rows.first();
    await row.getByTestId('details-toggle').click();
    await row.getByTestId('alert-card').locator('[data-step="change-password"] input').check();
    await expect.poll(() => row.getByTestId('progress').textContent()).toMatch(/^1 of \d+ steps done$/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'alerts-todo-card-open.png'), fullPage: true });
    // The timeline draws both breaches, each row focusable; from 360 to 1280 px nothing scrolls sideways. Dropbox
    // never said when its breach happened: its row says so and draws only when it was made public.
    const timelineRows = page.getByTestId('timeline').locator('g[role="img"]');
    expect(await timelineRows.count()).toBe(2);
    await timelineRows.first().focus();
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toMatch(
      /^hellosign\.com: date of the breach not given, known since 1 May 2024,/,
    );
    expect(await timelineRows.first().locator('.timeline-breach').count()).toBe(0);
    expect(await timelineRows.nth(1).locator('.timeline-breach').count()).toBe(1);
    for (const width of [360, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    }
    await page.setViewportSize({ width: 360, height: 800 });
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'alerts-todo-360.png'), fullPage: true });
    const popup = await h.context.newPage();
    await popup.goto(h.popupUrl('https://www.hellosign.com/'));
    await popup.locator('article[data-breach-id="dropbox-sign-2024"]').waitFor();
    expect(
      await popup
        .locator('article[data-breach-id="dropbox-sign-2024"] [data-step="change-password"] input')
        .isChecked(),
    ).toBe(true);
    await popup.close();
    await page.close();
  });

  it('options: region, age window and muted sites are saved and shown', async () => {
    const page = await h.context.newPage();
    await page.goto(h.pageUrl('src/options/index.html'));
    await page.getByLabel('Region for help contacts').selectOption('US');
    await expect.poll(async () => (await h.storage()).settings).toMatchObject({ region: 'US' });
    expect(await page.getByLabel('Raise alerts for breaches made public in').inputValue()).toBe('3');
    await page.getByLabel('Raise alerts for breaches made public in').selectOption('5');
    await expect.poll(async () => (await h.storage()).settings).toMatchObject({ maxAgeYears: 5 });
    await expect(page.getByTestId('dataset').textContent()).resolves.toMatch(/[\d,]+ breaches on [\d,]+ domains/);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'options.png'), fullPage: true });
    // The popup now uses the US contacts.
    const popup = await h.context.newPage();
    await popup.goto(h.popupUrl('https://www.coop.co.uk/'));
    await expect(popup.locator('[data-step="report-fraud"]').textContent()).resolves.toContain(
      'Federal Trade Commission',
    );
    // A breach made public more than five years ago (Debenhams Flowers, 2017) raises no alert.
    await h.worker.evaluate(() => chrome.storage.local.remove(Object.keys({})));
    const old = await h.context.newPage();
    await old.goto(h.site('www.debenhamsflowers.com', '/again'));
    await h.badgeOf(old, (t) => t === '1');
    await expect.poll(() => h.colourOf(old)).toBe(CALM_RGB);
    // The visit is recorded after the badge is set: no alert may appear in the moments after it either.
    const oldStored = () => storedAlerts().then((all) => all.some((a) => a.site === 'debenhamsflowers.com'));
    expect(await poll(oldStored, (some) => some, 600)).toBe(false);
    for (const p of [page, popup, old]) await p.close();
  });
});
