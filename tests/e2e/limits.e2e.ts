/// <reference types="chrome" />
// Issue #23 in a real browser: storage filled to Chrome's 10 MB, and a private window.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_FORMAT } from '../../src/shared/messages';
import { ALERT_RGB, launch, poll, SCREENSHOT_DIR, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await launch();
});
afterAll(async () => {
  await h?.close();
});

const FILLER = 'test-filler';

/** Fills storage.local with one value of another key until `leave` bytes are free (a worker write). */
const fillStorage = (leave: number) =>
  h.worker.evaluate(
    async ([key, left]) => {
      await chrome.storage.local.remove(key);
      const used = await chrome.storage.local.getBytesInUse(null);
      // Storage counts the key and the value's JSON (two quotes around the string).
      await chrome.storage.local.set({
        [key]: 'x'.repeat(chrome.storage.local.QUOTA_BYTES - used - left - key.length - 2),
      });
      return chrome.storage.local.QUOTA_BYTES - (await chrome.storage.local.getBytesInUse(null));
    },
    [FILLER, leave] as const,
  );
const alertKeys = () =>
  h.worker.evaluate(async () => (await chrome.storage.local.getKeys()).filter((k) => k.startsWith('alert:')));

/** An export file of `n` made-up alerts, as the alerts page writes one. */
function exportFile(n: number, prefix: string) {
  const now = Date.now();
  const alerts = Array.from({ length: n }, (_, i) => {
    const site = `${prefix}${i}.example.com`;
    return {
      id: `${site}|b${i}`,
      site,
      breachId: `b${i}`,
      title: `Breach ${i}`,
      firstSeen: now,
      lastSeen: now,
      visits: 1,
      state: 'new',
    };
  });
  const json = JSON.stringify({ format: EXPORT_FORMAT, exportedAt: new Date(now).toISOString(), alerts });
  return { name: `${prefix}.json`, mimeType: 'application/json', buffer: Buffer.from(json) };
}

describe('storage filled to the limit', () => {
  it('still badges a breached site when its alert cannot be stored, and refuses an import that cannot fit before writing', async () => {
    expect(await fillStorage(100)).toBeLessThanOrEqual(100);
    const coop = await h.context.newPage();
    await coop.goto(h.site('www.coop.co.uk'));
    expect(await h.badgeOf(coop, (t) => t === '1')).toBe('1');
    expect(await h.colourOf(coop)).toBe(ALERT_RGB);
    await coop.close();
    // The visit is recorded after the badge is set: nothing may be stored in the moments after it either.
    expect(await poll(alertKeys, (keys) => keys.length > 0, 600)).toEqual([]);

    const page = await h.context.newPage();
    await page.goto(h.pageUrl('src/alerts/index.html'));
    await page.getByTestId('import').setInputFiles(exportFile(300, 'big'));
    const status = await poll(
      () => page.getByTestId('status').textContent(),
      (t) => Boolean(t?.includes('Could not import')),
      10_000,
    );
    expect(status).toMatch(
      /^Could not import that file: not enough storage: the import needs about \d+ bytes and \d+ are free/,
    );
    expect(await alertKeys()).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'alerts-import-no-space.png'), fullPage: true });
    await page.close();
  });

  it('reports how far an import got when storage fills up while it writes, keeps what it wrote, and badges on', async () => {
    await h.worker.evaluate((key) => chrome.storage.local.remove(key), FILLER);
    const total = 4000;
    const page = await h.context.newPage();
    await page.goto(h.pageUrl('src/alerts/index.html'));
    // Another writer takes the space left as soon as the import has begun writing.
    const filled = h.worker.evaluate(
      async ([key]) => {
        const count = async () => (await chrome.storage.local.getKeys()).filter((k) => k.startsWith('alert:')).length;
        while ((await count()) < 100) await new Promise((r) => setTimeout(r, 5));
        // The import goes on writing meanwhile: measure again and leave more room until the write fits.
        for (let margin = 200_000; ; margin += 200_000) {
          const used = await chrome.storage.local.getBytesInUse(null);
          try {
            await chrome.storage.local.set({ [key]: 'x'.repeat(chrome.storage.local.QUOTA_BYTES - used - margin) });
            return margin;
          } catch {
            if (margin > 2_000_000) throw new Error('the filler never fitted');
          }
        }
      },
      [FILLER] as const,
    );
    await page.getByTestId('import').setInputFiles(exportFile(total, 'partial'));
    await filled;
    const status = await poll(
      () => page.getByTestId('status').textContent(),
      (t) => Boolean(t && /Could not import|Imported/.test(t)),
      60_000,
    );
    const m = /^Could not import that file: imported (\d+) of 4000; stopped because (.+)$/.exec(status ?? '');
    expect(m, String(status)).not.toBeNull();
    const written = Number(m![1]);
    expect(written).toBeGreaterThanOrEqual(100);
    expect(written).toBeLessThan(total);
    expect(m![2]).toMatch(/quota/i);
    // Each alert the page counted is stored whole; none beyond them.
    expect((await alertKeys()).length).toBe(written);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'alerts-import-partial.png'), fullPage: true });
    await page.close();

    const adidas = await h.context.newPage();
    await adidas.goto(h.site('www.adidas.co.uk'));
    expect(await h.badgeOf(adidas, (t) => t === '1')).toBe('1');
    expect(await h.colourOf(adidas)).toBe(ALERT_RGB);
    await adidas.close();
    await h.worker.evaluate(() => chrome.storage.local.clear());
  });
});

describe('a private window', () => {
  it('badges a breached site but stores nothing about the visit; the same visit in a normal window is stored', async () => {
    // Allowed in private windows, as a person would allow it on the extension's details page.
    const settings = await h.context.newPage();
    await settings.goto(`chrome://extensions/?id=${h.extensionId}`);
    // Developer mode on first: without it, the restart this toggle causes leaves an unpacked extension disabled.
    await settings.locator('extensions-toolbar #devMode').click();
    const toggle = settings.locator('extensions-detail-view #allow-incognito #crToggle');
    await toggle.click();
    await expect.poll(() => toggle.getAttribute('aria-checked')).toBe('true');
    // The extension may be restarted for it: ask whichever worker is current until it knows.
    const allowed = await poll(
      () => h.worker.evaluate(() => chrome.extension.isAllowedIncognitoAccess()).catch(() => false),
      (a) => a,
      10_000,
    );
    expect(allowed).toBe(true);
    await settings.close();

    const url = h.site('www.coop.co.uk');
    const tabId = await h.worker.evaluate(async (u) => {
      const w = await chrome.windows.create({ incognito: true, url: u });
      return w!.tabs![0]!.id!;
    }, url);
    const badge = await poll(
      () =>
        h.worker.evaluate(async (id) => {
          const tab = await chrome.tabs.get(id);
          return tab.url?.startsWith('http') ? chrome.action.getBadgeText({ tabId: id }) : '';
        }, tabId),
      (t) => t === '1',
      10_000,
    );
    expect(badge).toBe('1');
    expect(await h.worker.evaluate((id) => chrome.tabs.get(id).then((t) => t.incognito), tabId)).toBe(true);
    // Not yet reviewed, so alert-coloured, although nothing of it is stored.
    expect(
      await h.worker.evaluate(
        async (id) => (await chrome.action.getBadgeBackgroundColor({ tabId: id })).join(','),
        tabId,
      ),
    ).toBe(ALERT_RGB);
    // Give a write every chance to happen, then look: no alert, no visit, nothing about the site.
    await new Promise((r) => setTimeout(r, 500));
    const stored = await h.storage();
    expect(Object.keys(stored).filter((k) => k.includes('coop'))).toEqual([]);

    const normal = await h.context.newPage();
    await normal.goto(url);
    await h.badgeOf(normal, (t) => t === '1');
    await poll(alertKeys, (k) => k.length > 0);
    expect(await alertKeys()).toEqual(['alert:coop.co.uk|co-op-2025']);
    await normal.close();
  });
});
