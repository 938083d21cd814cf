// Smoke test of dist/firefox in real Firefox (Debian's firefox-esr) through puppeteer-core and WebDriver BiDi.
// BiDi refuses to open moz-extension:// pages, so this checks what it can: the build installs, keeps the
// id its manifest declares, and its background script starts and handles a navigation without errors.
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBrowser, ROOT } from './harness';

const FIREFOX_DIR = join(ROOT, 'dist', 'firefox');

const firefoxPath = () =>
  findBrowser('Firefox', 'FIREFOX_PATH', ['/usr/bin/firefox-esr', '/usr/bin/firefox'], 'firefox-esr');

/** Installs an unpacked build, visits a breached site, and returns the id and the extension's console errors. */
async function installAndBrowse(dir: string, port: number): Promise<{ id: string; errors: string[] }> {
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
    await new Promise((r) => setTimeout(r, 500)); // let the background handle the navigation events
    const errors = output.split('\n').filter((l) => l.includes('moz-extension://') && /error/i.test(l));
    return { id, errors };
  } finally {
    await browser.close();
  }
}

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

  it('would notice a background script that throws (canary build)', async () => {
    const copy = mkdtempSync(join(tmpdir(), 'ff-canary-'));
    try {
      cpSync(FIREFOX_DIR, copy, { recursive: true });
      appendFileSync(join(copy, 'service-worker-loader.js'), '\nthrow new Error("smoke-test canary");\n');
      const { errors } = await installAndBrowse(copy, port);
      expect(errors.join('\n')).toContain('smoke-test canary');
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
