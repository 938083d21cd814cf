/// <reference types="chrome" />
// Issue #17: an update in place, as a store does it. The previous release is built from its commit, installed
// unpacked and used; then the loaded folder's files are replaced with the current build and the extension is
// reloaded from chrome://extensions. Everything the person had must survive, migrated to the current schema.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HibpBreach } from '../../src/core/hibp-convert';
import { SCHEMA_VERSION } from '../../src/shared/storage';
import { CALM_RGB, EXTENSION_DIR, launch, MUTED_RGB, poll, ROOT, seedAlerts, type Harness } from './harness';
import { certificate, listenAsHibp } from './hibp-stand-in';
import { exampleHibpEntry } from '../fixtures/hibp-entry';

/** The release the update starts from: 0.1.0, as it landed (storage schema 2). */
const PREVIOUS = { version: '0.1.0', commit: 'c536d43b875809c28b28ac99a194902c14488a8a' };
const CURRENT = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * Whether the previous release's commit is in this clone. A shallow clone (some CI checkouts) fetches the history
 * from its origin first; where even that fails, the test says so and is skipped rather than built from elsewhere.
 */
function havePrevious(): boolean {
  const has = () => {
    try {
      execFileSync('git', ['-C', ROOT, 'cat-file', '-e', `${PREVIOUS.commit}^{commit}`], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (has()) return true;
  try {
    execFileSync('git', ['-C', ROOT, 'fetch', '--quiet', '--unshallow', 'origin'], {
      stdio: 'ignore',
      timeout: 60_000,
    });
  } catch {
    // no origin, or no network: reported below
  }
  if (!has()) console.warn(`update e2e skipped: commit ${PREVIOUS.commit} (${PREVIOUS.version}) is not in this clone`);
  return has();
}
const HAVE_PREVIOUS = havePrevious();

/** Builds the previous release's Chrome extension from its commit, with this checkout's installed packages. */
function buildPrevious(): string {
  const dir = mkdtempSync(join(tmpdir(), 'amia-previous-'));
  execFileSync('sh', ['-c', `git -C "${ROOT}" archive ${PREVIOUS.commit} | tar -x -C "${dir}"`]);
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  execFileSync('npx', ['tsx', 'scripts/build-data.ts'], { cwd: dir, stdio: 'ignore' });
  execFileSync('npx', ['vite', 'build', '--mode', 'chrome'], { cwd: dir, stdio: 'ignore' });
  return dir;
}

const list = JSON.parse(readFileSync(join(ROOT, 'data', 'hibp', 'breaches.json'), 'utf8')) as HibpBreach[];
/** The published list plus one new breach, so the downloaded data is told apart from the bundled. */
const DOWNLOAD = JSON.stringify([
  ...list,
  exampleHibpEntry(list, {
    Description: 'In October 2026, Example Shop lost email addresses.',
    DataClasses: ['Email addresses'],
  }),
]);

let h: Harness;
let previousDir: string;
let loaded: string;
let endpoint: { server: Server; dir: string };
beforeAll(async () => {
  if (!HAVE_PREVIOUS) return;
  previousDir = buildPrevious();
  // The folder the browser loads: first the previous build, later the current one, as a store swaps files.
  loaded = mkdtempSync(join(tmpdir(), 'amia-loaded-'));
  cpSync(join(previousDir, 'dist', 'chrome'), loaded, { recursive: true });
  const { key, cert, dir } = certificate();
  endpoint = await listenAsHibp(
    createServer({ key, cert }, (_req, res) =>
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(DOWNLOAD),
    ),
    dir,
  );
  h = await launch(loaded, ['--ignore-certificate-errors']);
}, 180_000);
afterAll(async () => {
  await h?.close();
  await new Promise((r) => endpoint?.server.close(r));
  for (const d of [previousDir, loaded, endpoint?.dir]) if (d) rmSync(d, { recursive: true, force: true });
});

const storage = () => h.worker.evaluate(() => chrome.storage.local.get(null));
const keys = (all: Record<string, unknown>, prefix: string) =>
  Object.keys(all)
    .filter((k) => k.startsWith(prefix))
    .sort();

describe(`an update in place from ${PREVIOUS.version} to the current build`, () => {
  it.skipIf(!HAVE_PREVIOUS)(
    'keeps every alert, tick, mute, setting and the downloaded list, migrated; badges right at once',
    async () => {
      expect(await h.worker.evaluate(() => chrome.runtime.getManifest().version)).toBe(PREVIOUS.version);
      // Use the previous release as a person would: three breached sites, open in tabs that stay open.
      const tabs: Record<string, import('playwright-core').Page> = {};
      for (const host of ['www.coop.co.uk', 'www.debenhamsflowers.com', 'www.marksandspencer.com']) {
        tabs[host] = await h.context.newPage();
        await tabs[host].goto(h.site(host));
        await h.badgeOf(tabs[host], (t) => t === '1');
      }
      await poll(storage, (all) => keys(all, 'alert:').length === 3, 5000);
      // A tick in Co-op's popup (opened by address: a click in it marks it seen).
      const popup = await h.context.newPage();
      await popup.goto(h.popupUrl('https://www.coop.co.uk/'));
      await popup.locator('article[data-breach-id="co-op-2025"] [data-step="phishing"] input').click();
      await poll(storage, (all) => all['progress:co-op-2025'] !== undefined, 5000);
      await popup.close();
      // Mute M&S on the alerts page; help contacts for Scotland and data updates on in the settings.
      const alerts = await h.context.newPage();
      await alerts.goto(h.pageUrl('src/alerts/index.html'));
      await alerts
        .locator('[data-alert-id="marksandspencer.com|marks-and-spencer-2025"]')
        .getByRole('button', { name: /^Mute/ })
        .click();
      await alerts.close();
      const options = await h.context.newPage();
      await options.goto(h.pageUrl('src/options/index.html'));
      await options.getByLabel('Region for help contacts').selectOption('GB-SCT');
      const updates = options.getByLabel('Download the latest breach list from Have I Been Pwned once a day');
      if (!(await updates.isChecked())) await updates.check();
      else await options.getByRole('button', { name: 'Check now' }).click();
      await poll(
        () => options.getByTestId('data-source').textContent(),
        (t) => Boolean(t?.includes('downloaded')),
        20_000,
      );
      await options.close();
      // And a long history: 1,000 more alerts of made-up sites, as schema 2 stored them.
      await seedAlerts(h.worker, 1000, 'history', true);
      const before = (await storage()) as Record<string, unknown>;
      expect(before.meta).toEqual({ schemaVersion: 2 });
      expect(keys(before, 'alert:')).toHaveLength(1003);
      expect(before.settings).toMatchObject({
        region: 'GB-SCT',
        mutedSites: ['marksandspencer.com'],
        updates: true,
        maxAgeYears: null,
      });

      // The update: the loaded folder's files are replaced, and the extension is reloaded from chrome://extensions.
      rmSync(loaded, { recursive: true, force: true });
      cpSync(EXTENSION_DIR, loaded, { recursive: true });
      const errors: string[] = [];
      h.context.on('serviceworker', (w) =>
        w.on('console', (m) => void (m.type() === 'error' && errors.push(m.text()))),
      );
      const settings = await h.context.newPage();
      await settings.goto(`chrome://extensions/?id=${h.extensionId}`);
      await settings.locator('extensions-toolbar #devMode').click();
      await settings.locator('extensions-detail-view #dev-reload-button').click();
      const version = await poll(
        () => h.worker.evaluate(() => chrome.runtime.getManifest().version).catch(() => ''),
        (v) => v === CURRENT,
        20_000,
      );
      expect(version).toBe(CURRENT);
      await settings.close();

      // Migrated: schema, settings (the old "any year" default becomes 3 years), and nothing lost.
      const after = (await poll(
        storage,
        (all) => (all.meta as { schemaVersion?: number } | undefined)?.schemaVersion === SCHEMA_VERSION,
        10_000,
      )) as Record<string, unknown>;
      expect(after.meta).toEqual({ schemaVersion: SCHEMA_VERSION });
      expect(keys(after, 'alert:')).toEqual(keys(before, 'alert:'));
      for (const k of keys(before, 'alert:')) expect(after[k], k).toEqual(before[k]);
      expect(keys(after, 'progress:')).toEqual(keys(before, 'progress:'));
      expect(after['progress:co-op-2025']).toEqual(before['progress:co-op-2025']);
      expect(after.settings).toMatchObject({
        region: 'GB-SCT',
        mutedSites: ['marksandspencer.com'],
        updates: true,
        maxAgeYears: 3,
        recordSensitive: false,
      });
      expect(after.settings).not.toHaveProperty('keepSensitiveTitles');
      // The downloaded list (summary and breaches) and the update state, as they were.
      const download = [...keys(before, 'data:update:'), ...keys(before, 'updates:')];
      expect(download).toEqual(['data:update:breaches', 'data:update:summary', 'updates:state']);
      for (const k of download) expect(after[k], k).toEqual(before[k]);
      expect(keys(after, 'corrupt:')).toEqual([]);

      // The badges of the tabs left open are right at once: Co-op reviewed (calm), M&S muted (grey), Debenhams
      // Flowers' 2017 breach calm; and the downloaded list is still the one in use.
      await expect.poll(() => h.colourOf(tabs['www.coop.co.uk']!)).toBe(CALM_RGB);
      await expect.poll(() => h.colourOf(tabs['www.marksandspencer.com']!)).toBe(MUTED_RGB);
      await expect.poll(() => h.colourOf(tabs['www.debenhamsflowers.com']!)).toBe(CALM_RGB);
      // An update is not an install: the welcome page (issue #13) opens only on the first install.
      expect(
        h.context
          .pages()
          .map((p) => p.url())
          .filter((u) => u.includes('/src/welcome/')),
      ).toEqual([]);
      const fresh = await h.context.newPage();
      await fresh.goto(h.site('www.newly-breached.example'));
      expect(await h.badgeOf(fresh, (t) => t === '1')).toBe('1');
      const page = await h.context.newPage();
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.goto(h.popupUrl('https://www.coop.co.uk/'));
      await page.getByTestId('verdict').waitFor();
      expect(await page.locator('[data-step="phishing"] input').isChecked()).toBe(true);
      expect(await page.locator('[data-step="report-fraud"]').textContent()).toContain('Police Scotland');
      expect([...errors, ...pageErrors]).toEqual([]);
      for (const p of [fresh, page, ...Object.values(tabs)]) await p.close();
    },
  );
});
