/// <reference types="chrome" />
// Drives the built extension (dist/chrome) in real Chromium: a fresh profile, every host mapped to a
// local HTTP server, so http://www.coop.co.uk:PORT/ reaches this machine and nothing else.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page, type Worker } from 'playwright-core';

export const ROOT = join(import.meta.dirname, '..', '..');
export const EXTENSION_DIR = join(ROOT, 'dist', 'chrome');
export const SCREENSHOT_DIR = join(import.meta.dirname, '__screenshots__');

/** The first browser binary that exists, or an error saying how to get one: e2e tests never skip silently. */
export function findBrowser(name: string, envVar: string, paths: string[], aptPackage: string): string {
  const candidates = [process.env[envVar], ...paths].filter((p): p is string => Boolean(p));
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      `No ${name} found (looked at ${candidates.join(', ')}). Install it with ` +
        `\`apt-get update && apt-get install -y ${aptPackage}\`, or set ${envVar}=/path/to/${aptPackage}.`,
    );
  }
  return found;
}

/** Chromium's own services (sign-in, safe browsing, updates), which it contacts with or without us. */
/** The badge colours as Chromium reports them (r,g,b,a): alert, calm and muted (src/background/tab-badge.ts). */
export const ALERT_RGB = '179,38,30,255';
export const CALM_RGB = '60,90,128,255';
export const MUTED_RGB = '95,99,104,255';

export const BROWSER_OWN = /(^|\.)(google\.com|googleapis\.com|gstatic\.com|gvt1\.com|googleusercontent\.com)$/;

export const chromiumPath = () =>
  findBrowser('Chromium', 'CHROME_PATH', ['/usr/bin/chromium', '/usr/bin/chromium-browser'], 'chromium');

/**
 * Replaces the extension's storage with `count` alerts of made-up sites named `${prefix}${i}.example.com` (schema 2
 * and later store them alike); with `keep`, adds them to what is stored.
 */
export function seedAlerts(worker: Worker, count: number, prefix: string, keep = false): Promise<void> {
  return worker.evaluate(
    async ([n, pre, add]) => {
      if (!add) await chrome.storage.local.clear();
      const items: Record<string, unknown> = {};
      for (let i = 0; i < n; i++) {
        const site = `${pre}${i}.example.com`;
        items[`alert:${site}|b${i}`] = {
          id: `${site}|b${i}`,
          site,
          breachId: `b${i}`,
          title: `Breach ${i}`,
          firstSeen: Date.now() - i * 60_000,
          lastSeen: Date.now() - i * 60_000,
          visits: 1 + (i % 7),
          state: i % 3 === 0 ? 'new' : 'reviewed',
        };
      }
      await chrome.storage.local.set(items);
    },
    [count, prefix, keep] as const,
  );
}

export interface Harness {
  context: BrowserContext;
  readonly worker: Worker;
  extensionId: string;
  port: number;
  /** http://HOST:PORT/ on the local server. */
  site(host: string, path?: string): string;
  /** The badge text of the tab showing `page`, polled until `until` holds (or the time runs out). */
  badgeOf(page: Page, until?: (text: string) => boolean): Promise<string>;
  /** The badge background colour of the tab showing `page`, as "r,g,b,a". */
  colourOf(page: Page): Promise<string>;
  /** Everything in the extension's storage.local. */
  storage(): Promise<Record<string, unknown>>;
  /** Stops the extension's service worker through the DevTools protocol, as the browser does when idle. */
  stopWorker(): Promise<void>;
  /** chrome-extension://ID/PATH */
  pageUrl(path: string): string;
  /** The tooltip of the tab showing `page`, polled like badgeOf. */
  titleOf(page: Page, until?: (text: string) => boolean): Promise<string>;
  popupUrl(url: string): string;
  close(): Promise<void>;
}

function startSiteServer(): Promise<Server> {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><title>${req.headers.host}</title><h1>Test page on ${req.headers.host}</h1>`);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/**
 * Opens a card's closed folds, its details and sources and its further steps, with a click on each summary as a
 * person would: their content is built on the first opening (src/popup/Folded.tsx).
 */
export async function openFolds(card: Locator): Promise<void> {
  for (const summary of await card.locator('details.breach-more > summary, details.more-steps > summary').all()) {
    if (!(await summary.evaluate((s) => (s.parentElement as HTMLDetailsElement).open))) await summary.click();
  }
  await card.locator('details.breach-more .sources').first().waitFor();
}

export async function poll<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 3000): Promise<T> {
  const until = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value) && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 100));
    value = await read();
  }
  return value;
}

/** Reads the badge text or tooltip of the tab at `url`, from inside the extension's worker. */
function actionState(worker: Worker, url: string, what: 'badge' | 'title' | 'colour'): Promise<string> {
  return worker.evaluate(
    async ([u, w]) => {
      const tab = (await chrome.tabs.query({})).find((t) => t.url === u);
      if (tab?.id === undefined) return '(no tab)';
      if (w === 'colour') return (await chrome.action.getBadgeBackgroundColor({ tabId: tab.id })).join(',');
      return w === 'badge' ? chrome.action.getBadgeText({ tabId: tab.id }) : chrome.action.getTitle({ tabId: tab.id });
    },
    [url, what] as const,
  );
}

/** `extraArgs` are added to the browser's command line (the update tests add --ignore-certificate-errors). */
/** The browser's language and time zone (both read on the device by the popup's region decision). */
export interface LaunchOptions {
  locale?: string;
  timezoneId?: string;
}

export async function launch(
  extensionDir = EXTENSION_DIR,
  extraArgs: string[] = [],
  { locale = 'en-GB', timezoneId = 'Europe/London' }: LaunchOptions = {},
): Promise<Harness> {
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run \`npm run build\` first.`);
  }
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const server = await startSiteServer();
  const port = (server.address() as AddressInfo).port;
  const profile = mkdtempSync(join(tmpdir(), 'am-i-affected-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: true,
    // A British browser by default: language and time zone pick the UK's help contacts.
    locale,
    timezoneId,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--host-resolver-rules=MAP * 127.0.0.1',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      `--lang=${locale}`,
      ...extraArgs,
    ],
  });
  const first = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  await first.evaluate(() => 1); // the worker has run its top level and registered its listeners
  const extensionId = new URL(first.url()).host;
  // After a worker is stopped and woken again, Playwright sees a new Worker: always use the newest.
  const current = () => context.serviceWorkers().at(-1) ?? first;
  return {
    context,
    get worker() {
      return current();
    },
    extensionId,
    port,
    site: (host, path = '/') => `http://${host}:${port}${path}`,
    badgeOf: (page, until = () => true) => poll(() => actionState(current(), page.url(), 'badge'), until),
    titleOf: (page, until = () => true) => poll(() => actionState(current(), page.url(), 'title'), until),
    colourOf: (page) => actionState(current(), page.url(), 'colour'),
    storage: () => current().evaluate(() => chrome.storage.local.get(null)),
    async stopWorker() {
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
    },
    pageUrl: (path) => `chrome-extension://${extensionId}/${path}`,
    popupUrl: (url) => `chrome-extension://${extensionId}/src/popup/index.html?url=${encodeURIComponent(url)}`,
    async close() {
      await context.close();
      await new Promise((r) => server.close(r));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
