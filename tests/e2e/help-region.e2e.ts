/// <reference types="chrome" />
// Issue #14 in real Chromium: help contacts chosen from the browser's language and time zone, changed in place
// from the popup's footer and remembered, and the company's own regulator named beside the person's.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { launch, poll, SCREENSHOT_DIR, type Harness } from './harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function popup(url: string): Promise<Page> {
  const page = await h!.context.newPage();
  await page.setViewportSize({ width: 380, height: 600 });
  await page.goto(h!.popupUrl(url));
  await page.locator('article[data-breach-id]').first().waitFor();
  return page;
}
const stepText = (page: Page, breachId: string, step: string) =>
  page.locator(`article[data-breach-id="${breachId}"] [data-step="${step}"]`).textContent();

describe('help contacts for the person', () => {
  it('en-US in Europe/London: Co-op shows Report Fraud, 0300 123 2040 and the ICO; Scotland chosen in the footer is remembered', async () => {
    h = await launch(undefined, [], { locale: 'en-US', timezoneId: 'Europe/London' });
    await h.worker.evaluate(() => 1);
    let page = await popup('https://www.coop.co.uk/');
    expect(await page.evaluate(() => [navigator.language, Intl.DateTimeFormat().resolvedOptions().timeZone])).toEqual([
      'en-US',
      'Europe/London',
    ]);
    expect(await stepText(page, 'co-op-2025', 'report-fraud')).toContain('Report Fraud (formerly Action Fraud)');
    expect(await stepText(page, 'co-op-2025', 'report-fraud')).toContain('0300 123 2040');
    expect(await stepText(page, 'co-op-2025', 'complain-regulator')).toContain("Information Commissioner's Office");
    expect(await stepText(page, 'co-op-2025', 'report-fraud')).not.toContain('Federal Trade Commission');
    expect(await page.getByTestId('region').inputValue()).toBe('GB-EAW');
    expect(await page.getByTestId('region-basis').textContent()).toContain('time zone');

    await page.getByTestId('region').selectOption('GB-SCT');
    expect(await stepText(page, 'co-op-2025', 'report-fraud')).toContain('Police Scotland');
    expect(await stepText(page, 'co-op-2025', 'report-fraud')).toContain('101');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'popup-region-scotland.png'), fullPage: true });
    await page.close();

    // Stored through the worker: the next popup opens with Scotland, marked as the person's choice.
    const stored = () =>
      h!.worker.evaluate(() =>
        chrome.storage.local.get('settings').then((s) => (s as { settings?: { region?: string } }).settings?.region),
      );
    expect(await poll(stored, (r) => r === 'GB-SCT')).toBe('GB-SCT');
    page = await popup('https://www.coop.co.uk/');
    expect(await page.getByTestId('region').inputValue()).toBe('GB-SCT');
    expect(await page.getByTestId('region-basis').textContent()).toBe('You chose this.');
    expect(await stepText(page, 'co-op-2025', 'report-fraud')).toContain('Police Scotland');
    await page.close();
  });

  it('en-US in America/New_York: the FTC', async () => {
    h = await launch(undefined, [], { locale: 'en-US', timezoneId: 'America/New_York' });
    await h.worker.evaluate(() => 1);
    const page = await popup('https://www.coop.co.uk/');
    expect(await page.getByTestId('region').inputValue()).toBe('US');
    expect(await stepText(page, 'co-op-2025', 'report-fraud')).toContain('Federal Trade Commission');
    await page.close();
  });

  it('a UK person on qantas.com: the ICO and the OAIC', async () => {
    h = await launch();
    await h.worker.evaluate(() => 1);
    const page = await popup('https://www.qantas.com/');
    const regulator = (await stepText(page, 'qantas-2025', 'complain-regulator')) ?? '';
    expect(regulator).toContain("Information Commissioner's Office");
    expect(regulator).toContain('Office of the Australian Information Commissioner');
    await page
      .locator('article[data-breach-id="qantas-2025"] [data-step="complain-regulator"]')
      .scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'popup-region-qantas.png'), fullPage: true });
    await page.close();
  });
});
