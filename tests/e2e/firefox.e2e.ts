// Smoke test of dist/firefox in real Firefox (Debian's firefox-esr) through puppeteer-core and WebDriver BiDi.
// BiDi refuses to open moz-extension:// pages, so this checks what it can: the build installs, keeps the
// id its manifest declares, its background script starts and handles a navigation without errors, and it prepares
// for a breached tab what the popup from the toolbar reads (read back by a probe in the background).
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_KEY_PREFIX } from '../../src/shared/prepared-answer';
import { findBrowser, ROOT } from './harness';

const FIREFOX_DIR = join(ROOT, 'dist', 'firefox');

const firefoxPath = () =>
  findBrowser('Firefox', 'FIREFOX_PATH', ['/usr/bin/firefox-esr', '/usr/bin/firefox'], 'firefox-esr');

/**
 * Installs an unpacked build, visits a breached site, and returns the id, the extension's console errors and all
 * its console output. With `until`, waits for a line of output that matches it instead of a fixed half second.
 */
async function installAndBrowse(
  dir: string,
  port: number,
  until?: RegExp,
): Promise<{ id: string; errors: string[]; output: string }> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    extraPrefsFirefox: {
      // Errors of extension scripts go to stdout, where we read them.
      'devtools.console.stdout.chrome': true,
      'devtools.console.stdout.content': true,
      'network.dns.localDomains': 'www.coop.co.uk',
    },
  });
  let output = '';
  const proc = browser.process();
  proc?.stdout?.on('data', (d) => (output += d));
  proc?.stderr?.on('data', (d) => (output += d));
  try {
    const id = await browser.installExtension(dir);
    const page = await browser.newPage();
    await page.goto(`http://www.coop.co.uk:${port}/`);
    await expect.poll(() => page.title()).toContain('www.coop.co.uk');
    if (until) await expect.poll(() => until.test(output), { timeout: 10_000, interval: 50 }).toBe(true);
    else await new Promise((r) => setTimeout(r, 500)); // let the background handle the navigation events
    const errors = output.split('\n').filter((l) => l.includes('moz-extension://') && /error/i.test(l));
    return { id, errors, output };
  } finally {
    await browser.close();
  }
}

/**
 * Installs a copy of the build with `script` appended to its background and visits a breached site. With `marker`,
 * waits for the line `<marker> <URI-encoded JSON> END` that the script logs and returns that JSON as `logged`.
 */
async function browseWithScript(
  script: string,
  marker?: string,
): Promise<{ errors: string[]; logged: Record<string, unknown> | undefined }> {
  const copy = mkdtempSync(join(tmpdir(), 'ff-probe-'));
  try {
    cpSync(FIREFOX_DIR, copy, { recursive: true });
    appendFileSync(join(copy, 'service-worker-loader.js'), script);
    const line = marker ? new RegExp(`${marker} (\\S+) END`) : undefined;
    const { output, errors } = await installAndBrowse(copy, port, line);
    return { errors, logged: line && JSON.parse(decodeURIComponent(line.exec(output)![1]!)) };
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

/** Logs (URI-encoded: Firefox quotes what it prints), once the background has handled the visit to www.coop.co.uk, what a popup opened on the tab would read. */
const PREPARED_PROBE = `
browser.tabs.onUpdated.addListener(async (tabId, change, tab) => {
  if (change.status !== 'complete' || !(tab.url || '').includes('www.coop.co.uk')) return;
  for (let i = 0; i < 200; i++) {
    const popup = await browser.action.getPopup({ tabId });
    const key = ${JSON.stringify(ANSWER_KEY_PREFIX)} + tabId;
    const prepared = (await browser.storage.session.get(key))[key];
    if (popup.includes('?tab=') && prepared) {
      const breaches = prepared.answer.details.breaches.map((b) => b.id);
      console.log('AMIA-PROBE ' + encodeURIComponent(JSON.stringify({ popup, url: prepared.url, breaches })) + ' END');
      return;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  console.log('AMIA-PROBE ' + encodeURIComponent(JSON.stringify({ popup: 'none' })) + ' END');
});
`;

/**
 * Logs what the real popup page shows in Firefox, opened with `?url=` in a tab by the background (BiDi cannot open
 * moz-extension:// pages) and read through extension.getViews: its first card, and whether its adopted styles hold.
 */
const POPUP_PAGE_PROBE = (site: string) => `
setTimeout(async () => {
  const url = browser.runtime.getURL('src/popup/index.html?url=' + encodeURIComponent(${JSON.stringify(site)}));
  await browser.tabs.create({ url });
  let seen = { card: null };
  for (let i = 0; i < 400 && !seen.card; i++) {
    await new Promise((r) => setTimeout(r, 25));
    const view = browser.extension.getViews({ type: 'tab' }).find((v) => v.location.href === url);
    const card = view && view.document.querySelector('article[data-breach-id]');
    if (card) seen = { card: card.dataset.breachId, sheets: view.document.adoptedStyleSheets.length,
      linked: view.document.querySelectorAll('link[rel="stylesheet"]').length,
      padding: view.getComputedStyle(view.document.getElementById('app')).paddingTop };
  }
  console.log('AMIA-PAGE ' + encodeURIComponent(JSON.stringify(seen)) + ' END');
}, 100);
`;

let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer((req, res) => res.end(`<!doctype html><title>${req.headers.host}</title>`));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((r) => server.close(r)));

describe('Firefox build', () => {
  it('installs with its declared id and starts without errors', async () => {
    const manifest = JSON.parse(readFileSync(join(FIREFOX_DIR, 'manifest.json'), 'utf8'));
    const { id, errors } = await installAndBrowse(FIREFOX_DIR, port);
    expect(id).toBe(manifest.browser_specific_settings.gecko.id);
    expect(errors).toEqual([]);
  });

  // The popup from the toolbar reads the answer the background prepared for its tab, at the address the background
  // gave the tab (issue #15; src/background/prepared-answers.ts). BiDi cannot open the popup, so a probe added to a
  // copy of the build reads, in the background, what a popup would: the tab's popup address and its answer.
  it('prepares the answer of a breached tab and gives the tab its own popup address', async () => {
    const { logged: probe, errors } = await browseWithScript(PREPARED_PROBE, 'AMIA-PROBE');
    expect(probe?.popup).toMatch(/\/src\/popup\/index\.html\?tab=\d+$/);
    expect(probe?.url).toBe(`http://www.coop.co.uk:${port}/`);
    expect(probe?.breaches).toContain('co-op-2025');
    expect(errors).toEqual([]);
  });

  // The popup's styles are adopted by its script (src/shared/adopt-styles.ts), not linked: Firefox's extension CSP
  // (style-src 'self' through default-src) must let them hold, as Chromium's does (popup.e2e.ts checks it there).
  it('shows the popup page with its first card and its styles applied', async () => {
    const site = `http://www.coop.co.uk:${port}/`;
    const { logged: seen, errors } = await browseWithScript(POPUP_PAGE_PROBE(site), 'AMIA-PAGE');
    expect(seen).toEqual({ card: 'co-op-2025', sheets: 1, linked: 0, padding: '10px' });
    expect(errors).toEqual([]);
  });

  it('would notice a background script that throws (canary build)', async () => {
    const { errors } = await browseWithScript('\nthrow new Error("smoke-test canary");\n');
    expect(errors.join('\n')).toContain('smoke-test canary');
  });
});
