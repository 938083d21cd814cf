/// <reference types="chrome" />
// Data updates in real Chromium: a local HTTPS server on 127.0.0.1:443 stands in for haveibeenpwned.com. The
// browser reaches it through the harness's host mapping and trusts its self-signed certificate only because
// this test adds --ignore-certificate-errors; the extension itself is the built one, production URL and all.
import { readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCount } from '../../src/core/format-date';
import type { HibpBreach } from '../../src/core/hibp-convert';
import { BROWSER_OWN, launch, poll, ROOT, SCREENSHOT_DIR, type Harness } from './harness';
import { certificate, listenAsHibp } from './hibp-stand-in';

const ENDPOINT = 'https://haveibeenpwned.com/api/v3/breaches';
const published = readFileSync(join(ROOT, 'data', 'hibp', 'breaches.json'), 'utf8');
const list = JSON.parse(published) as HibpBreach[];
/** How many breaches the bundled data has: a good download adds the two below to it. */
const bundledCount: number = JSON.parse(readFileSync(join(ROOT, 'data', 'generated', 'dataset-summary.json'), 'utf8'))
  .counts.breaches;

const fresh = (over: Partial<HibpBreach>): HibpBreach => ({
  ...list.find((b) => b.Name === 'Adobe')!,
  ModifiedDate: '2026-11-20T10:00:00Z',
  AddedDate: '2026-11-20T10:00:00Z',
  IsSensitive: false,
  ...over,
});
/** The published list plus a new breach on a new site, and an older one on a site in the alert history. */
const GOOD = JSON.stringify([
  ...list,
  fresh({
    Name: 'ExampleShop',
    Title: 'Example Shop',
    Domain: 'newly-breached.example',
    BreachDate: '2026-10-01',
    PwnCount: 12345,
    // Markup as a hostile list could send it: the worker keeps it as it came, the popup's sanitiser reduces it.
    Description:
      'In October 2026, Example Shop lost <em>email addresses</em> and passwords.<img src=x onerror="document.title=1">' +
      '<a href="javascript:document.title=2">more</a><script>document.title=3</script>',
    DataClasses: ['Email addresses', 'Passwords'],
  }),
  fresh({ Name: 'CoopForum', Title: 'Co-op Forum', Domain: 'coop.co.uk', BreachDate: '2019-03-01' }),
]);

const MORE = Array.from({ length: 400 }, (_, i) => fresh({ Name: `Extra${i}`, Domain: `extra${i}.example` }));

interface Seen {
  method: string;
  url: string;
  host: string;
  serverName: string;
  ifNoneMatch?: string;
}

type Mode = 'good' | 'not-modified-or-good' | '500' | 'truncated' | '50mb' | 'shrunk' | 'registry' | 'bigger';

function startEndpoint(mode: { current: Mode }, seen: Seen[], sent: { bytes: number }) {
  const { key, cert, dir } = certificate();
  const server = createServer({ key, cert }, (req, res) => {
    const serverName = (req.socket as import('node:tls').TLSSocket).servername || '';
    if (BROWSER_OWN.test(serverName)) return void res.writeHead(404).end(); // Chromium's own, not ours
    seen.push({
      method: req.method ?? '',
      url: req.url ?? '',
      host: req.headers.host ?? '',
      serverName,
      ...(req.headers['if-none-match'] ? { ifNoneMatch: String(req.headers['if-none-match']) } : {}),
    });
    const json = { 'content-type': 'application/json; charset=utf-8' };
    switch (mode.current) {
      case 'good':
        res.writeHead(200, { ...json, ETag: '"v2"' }).end(GOOD);
        return;
      case 'not-modified-or-good':
        if (req.headers['if-none-match'] === '"v2"') res.writeHead(304, { ETag: '"v2"' }).end();
        else res.writeHead(200, { ...json, ETag: '"v2"' }).end(GOOD);
        return;
      case '500':
        res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
        return;
      case 'truncated':
        res.writeHead(200, json).end(GOOD.slice(0, GOOD.length / 2));
        return;
      case 'bigger':
        // The good list and 400 more breaches: some 300 kB more to store than the list in use.
        res.writeHead(200, json).end(JSON.stringify([...JSON.parse(GOOD), ...MORE]));
        return;
      case 'registry':
        // A registry the bundled data never names: only the packaged public suffix rules know com.mx.
        res.writeHead(200, json).end(JSON.stringify([...list, fresh({ Name: 'MxBank', Domain: 'com.mx' })]));
        return;
      case 'shrunk':
        res.writeHead(200, json).end(JSON.stringify(list.slice(0, Math.floor(list.length / 10))));
        return;
      case '50mb': {
        // 50 MB with no Content-Length, written as the client reads: a client that stops reading stops it.
        res.writeHead(200, json);
        const chunk = Buffer.alloc(64 * 1024, 0x20);
        const total = 50 * 1024 * 1024;
        const write = () => {
          while (sent.bytes < total) {
            sent.bytes += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', write);
          }
          res.end();
        };
        res.on('close', () => undefined);
        write();
        return;
      }
    }
  });
  return listenAsHibp(server, dir);
}

describe('breach data updates', () => {
  let h: Harness;
  let endpoint: { server: Server; dir: string };
  let options: Page;
  const mode = { current: 'good' as Mode };
  const seen: Seen[] = [];
  const sent = { bytes: 0 };
  const fromExtension: string[] = [];

  const text = (id: string) => options.getByTestId(id).textContent();
  /** Clicks "Check now" and waits until the page shows a check newer than the last one. */
  async function checkNow(): Promise<string> {
    const before = seen.length;
    const button = options.getByRole('button', { name: 'Check now' });
    await button.click();
    await poll(
      async () => (await button.textContent()) === 'Check now' && seen.length > before,
      (done) => done,
      20_000,
    );
    return (await text('last-check')) ?? '';
  }

  async function badgeOn(host: string): Promise<string> {
    const page = await h.context.newPage();
    await page.goto(h.site(host));
    const badge = await h.badgeOf(page, (t) => t === '1');
    await page.close();
    return badge;
  }

  beforeAll(async () => {
    endpoint = await startEndpoint(mode, seen, sent);
    h = await launch(undefined, ['--ignore-certificate-errors']);
    h.context.on('request', (r) => {
      let origin: string;
      try {
        origin = r.serviceWorker()?.url() ?? r.frame().url();
      } catch {
        origin = 'chrome-extension://(service worker)';
      }
      if (origin.startsWith('chrome-extension://') && !r.url().startsWith('chrome-extension://'))
        fromExtension.push(`${r.method()} ${r.url()}`);
    });
    options = await h.context.newPage();
    await options.goto(h.pageUrl('src/options/index.html'));
  }, 120_000);

  afterAll(async () => {
    await h?.close();
    await new Promise((r) => endpoint?.server.close(r));
    endpoint?.server.closeAllConnections();
    if (endpoint) rmSync(endpoint.dir, { recursive: true, force: true });
  });

  it('is on by default with a check scheduled, and contacts nothing once switched off', async () => {
    const alarm = () => h.worker.evaluate(() => chrome.alarms.get('data-update').then((a) => a ?? null));
    expect(await poll(alarm, (a) => a !== null)).not.toBeNull();
    const box = options.getByLabel('Download the latest breach list from Have I Been Pwned once a day');
    expect(await box.isChecked()).toBe(true);
    await box.uncheck();
    await options.getByTestId('updates-off').waitFor();
    expect(await poll(alarm, (a) => a === null)).toBeNull();
    expect(await options.getByRole('button', { name: 'Check now' }).isDisabled()).toBe(true);
    // Browse, including a site that is in the bundled data: the alert history gets coop.co.uk.
    expect(await badgeOn('www.coop.co.uk')).toBe('1');
    expect(await badgeOn('www.newly-breached.example')).toBe('');
    const alerts = await h.context.newPage();
    await alerts.goto(h.pageUrl('src/alerts/index.html'));
    await alerts.waitForLoadState('networkidle');
    await alerts.close();
    expect(await text('data-source')).toContain('bundled');
    expect(seen).toEqual([]);
    expect(fromExtension).toEqual([]);
  });

  it('keeps updates off when another settings field is damaged, through a worker restart, and sends nothing (#23)', async () => {
    const sentBefore = seen.length;
    await h.worker.evaluate(async () => {
      const { settings } = (await chrome.storage.local.get('settings')) as { settings: Record<string, unknown> };
      await chrome.storage.local.set({ settings: { ...settings, updates: false, maxAgeYears: 'five' } });
    });
    await h.stopWorker();
    // A visit wakes a new worker, which reads the damaged settings; then the browser-start path runs.
    expect(await badgeOn('www.coop.co.uk')).toBe('1');
    await h.worker.evaluate(() => {
      // @ts-expect-error dispatch is not in the public typings; it is how Chromium delivers the event
      chrome.runtime.onStartup.dispatch();
    });
    const stored = () =>
      h.worker.evaluate(() =>
        chrome.storage.local.get(['settings', 'corrupt:settings']).then((all) => all as Record<string, unknown>),
      );
    const after = await poll(stored, (all) => all['corrupt:settings'] !== undefined, 5000);
    // The damaged field gets its default (3 years); updates stay off.
    expect(after.settings).toMatchObject({ updates: false, maxAgeYears: 3 });
    const alarm = () => h.worker.evaluate(() => chrome.alarms.get('data-update').then((a) => a ?? null));
    expect(await poll(alarm, (a) => a !== null, 1500)).toBeNull();
    expect(seen.length).toBe(sentBefore);
    await options.reload();
    await options.getByTestId('updates-off').waitFor();
  });

  it('switched on, downloads the list at once: a new breach badges its site, and a visited site reports one', async () => {
    await options.getByLabel('Download the latest breach list from Have I Been Pwned once a day').check();
    await poll(
      () => text('last-check'),
      (t) => Boolean(t?.includes('newer data downloaded')),
      20_000,
    );
    expect(await text('data-source')).toMatch(
      /^In use: data downloaded .+ \(the last good update\), with breaches up to 20 Nov 2026\.$/,
    );
    expect(await text('dataset')).toMatch(new RegExp(`^${formatCount(bundledCount + 2)} breaches`));
    expect(await badgeOn('www.newly-breached.example')).toBe('1');

    const stored = await h.storage();
    expect(stored['alert:coop.co.uk|hibp-coopforum']).toMatchObject({ visits: 0, reported: true, state: 'new' });
    const alerts = await h.context.newPage();
    await alerts.goto(h.pageUrl('src/alerts/index.html'));
    await alerts.getByText('A site you visited reported this breach later', { exact: false }).waitFor();
    await alerts.screenshot({ path: join(SCREENSHOT_DIR, 'alerts-reported.png'), fullPage: true });
    await alerts.close();

    const popup = await h.context.newPage();
    await popup.goto(h.popupUrl('https://www.newly-breached.example/'));
    await popup.locator('article').filter({ hasText: 'Example Shop' }).waitFor();
    expect(await popup.locator('article').count()).toBe(1);
    await popup.locator('article .breach-more > summary').click();
    const description = popup.locator('article .description');
    await description.locator('em').waitFor();
    expect(await description.innerHTML()).toBe(
      'In October 2026, Example Shop lost <em>email addresses</em> and passwords.<a target="_blank" rel="noopener noreferrer">more</a>',
    );
    expect(await popup.title()).not.toMatch(/^[123]$/);
    await popup.screenshot({ path: join(SCREENSHOT_DIR, 'popup-updated-breach.png'), fullPage: true });
    // A curated site with a newly listed older breach: the popup reads just that one in full, beside Co-op's own.
    await popup.goto(h.popupUrl('https://www.coop.co.uk/'));
    await popup.locator('article').filter({ hasText: 'Co-op Forum' }).waitFor();
    expect(await popup.locator('article h2, article summary').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Co-op Forum')]),
    );
    expect(await popup.locator('article').count()).toBe(2);
    await popup.close();
  });

  it('asks again with the list’s ETag and keeps the data on 304', async () => {
    mode.current = 'not-modified-or-good';
    expect(await checkNow()).toContain('no newer data');
    expect(seen.at(-1)!.ifNoneMatch).toBe('"v2"');
    expect(await text('data-source')).toContain('downloaded');
  });

  it.each([
    ['500', 'the server answered 500', 'the check failed'],
    ['truncated', 'not valid JSON', 'the download was refused'],
    ['50mb', 'too large: more than 10485760 bytes', 'the download was refused'],
    ['shrunk', 'suspicious: ', 'the download was refused'],
    ['registry', '"MxBank": domain "com.mx" is a public suffix, not a site', 'the download was refused'],
  ] as const)('keeps the previous data after a %s answer and shows why', async (m, reason, outcome) => {
    mode.current = m;
    const lastGood = await text('data-source');
    expect(await checkNow()).toContain(outcome);
    expect(await text('last-error')).toContain(reason);
    expect(await text('data-source')).toBe(lastGood);
    expect(await badgeOn('www.newly-breached.example')).toBe('1');
    if (m === '50mb') {
      // The extension stopped reading: far less than 50 MB left the server.
      // Loopback socket buffers take several MB more than the extension reads; all 50 MB means it read on.
      expect(sent.bytes).toBeLessThan(35 * 1024 * 1024);
      console.log(
        `50 MB answer: the server had sent ${(sent.bytes / 1024 / 1024).toFixed(1)} MB when the extension stopped`,
      );
      await options.screenshot({ path: join(SCREENSHOT_DIR, 'options-update-refused.png'), fullPage: true });
    }
  });

  it('with storage full, refuses a good list with its reason, keeps the data in use and schedules the next check (#23)', async () => {
    mode.current = 'bigger';
    const lastGood = await text('data-source');
    // Another key takes all but 100 kB of Chrome's 10 MB; the stored download counts as free, since the new one
    // replaces it, but the new one needs some 300 kB more.
    await h.worker.evaluate(async () => {
      const used = await chrome.storage.local.getBytesInUse(null);
      await chrome.storage.local.set({ filler: 'x'.repeat(chrome.storage.local.QUOTA_BYTES - used - 100_000) });
    });
    const checkedAt = Date.now();
    expect(await checkNow()).toContain('the check failed');
    expect(await text('last-error')).toMatch(/the list needs \d+ bytes of storage and \d+ are free/);
    expect(await text('data-source')).toBe(lastGood);
    expect(await badgeOn('www.newly-breached.example')).toBe('1');
    const alarm = await h.worker.evaluate(() => chrome.alarms.get('data-update'));
    expect(alarm?.scheduledTime).toBeGreaterThan(checkedAt);
    await h.worker.evaluate(() => chrome.storage.local.remove('filler'));
    mode.current = 'good';
  });

  it('still uses the downloaded data after its worker is stopped and started again', async () => {
    await h.stopWorker();
    expect(await badgeOn('shop.newly-breached.example')).toBe('1');
  });

  it('cannot fetch from any other host, even from its own worker and pages (CSP connect-src)', async () => {
    const tryFetch = (url: string) =>
      fetch(url).then(
        () => 'fetched',
        (e: unknown) => `refused: ${String(e)}`,
      );
    const before = seen.length;
    for (const url of ['https://other.example/', 'https://haveibeenpwned.com.evil.example/api/v3/breaches']) {
      expect(await h.worker.evaluate(tryFetch, url)).toMatch(/^refused/);
      expect(await options.evaluate(tryFetch, url)).toMatch(/^refused/);
    }
    // Refused before connecting: without connect-src these reach the local server (and fail only on CORS).
    expect(seen.length).toBe(before);
  });

  it('contacted only the endpoint, with one GET per check and nothing else', () => {
    // One when switched on, then 304, 500, truncated, 50 MB, shrunk, registry and storage full: the suffix rules
    // come from the package.
    expect(seen.length).toBe(8);
    for (const r of seen) {
      expect(r).toMatchObject({
        method: 'GET',
        url: '/api/v3/breaches',
        host: 'haveibeenpwned.com',
        serverName: 'haveibeenpwned.com',
      });
    }
    expect(new Set(fromExtension)).toEqual(new Set([`GET ${ENDPOINT}`]));
  });
});
