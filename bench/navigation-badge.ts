// One timed navigation for the benches: from the navigation's commit to the badge on its tab, as browser-bench.ts
// reports it and badge-ab.ts compares it between builds.
import type { Page } from 'playwright-core';
import type { Harness } from '../tests/e2e/harness';

/** Waits inside the worker (2 ms polls, no round trips) until the tab at `url` has a badge; returns Date.now(). */
const badgeSetAt = (h: Harness, url: string) =>
  h.worker.evaluate(async (u) => {
    for (;;) {
      const tab = (await chrome.tabs.query({})).find((t) => t.url === u);
      if (tab?.id !== undefined && (await chrome.action.getBadgeText({ tabId: tab.id })) !== '') return Date.now();
      await new Promise((r) => setTimeout(r, 2));
    }
  }, url);

/**
 * Leaves `page` for about:blank, runs `before` (stopping the worker, say), navigates to `url` and returns the ms
 * from the navigation's commit to its badge.
 */
export async function navigationToBadgeMs(
  h: Harness,
  page: Page,
  url: string,
  before: () => Promise<void> = async () => undefined,
): Promise<number> {
  await page.goto('about:blank');
  await before();
  await page.goto(url, { waitUntil: 'commit' });
  const committed = Date.now();
  return (await badgeSetAt(h, url)) - committed;
}
