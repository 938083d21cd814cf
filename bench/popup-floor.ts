// The popup as the toolbar opens it, and its floor: shared by browser-bench.ts and popup-ab.ts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Harness } from '../tests/e2e/harness';
import type { Toolbar } from '../tests/e2e/toolbar-popup';
import { ANSWER_KEY_PREFIX } from '../src/shared/prepared-answer';

/**
 * The floor: a bare extension page (one element, no framework, no data), added to a copy of a build so that it is
 * measured in the same browser, profile and run as the extension's own pages.
 */
export function writeBarePage(dir: string): void {
  writeFileSync(join(dir, 'bare.html'), '<!doctype html><meta charset="utf-8"><script src="bare.js"></script>');
  writeFileSync(
    join(dir, 'bare.js'),
    "document.addEventListener('DOMContentLoaded', () => { const p = document.createElement('p'); p.id = 'bare'; p.textContent = 'bare'; document.body.append(p); performance.mark('first-content'); });",
  );
}

/** Opens a tab on each host and returns once the worker prepared its answer and gave it its popup address. */
export async function openPreparedTabs(h: Harness, hosts: readonly string[], path = '/bench') {
  const tabs: Record<string, Page> = {};
  for (const host of hosts) {
    const tab = await h.context.newPage();
    const url = h.site(host, path);
    await tab.goto(url);
    // Polled in the worker, so no page is opened before the first measured one.
    await h.worker.evaluate(
      async ([u, prefix]) => {
        for (;;) {
          const tab = (await chrome.tabs.query({})).find((t) => t.url === u);
          const key = `${prefix}${tab?.id}`;
          if (tab?.id !== undefined && (await chrome.storage.session.get(key))[key]) {
            if ((await chrome.action.getPopup({ tabId: tab.id })).includes('?tab=')) return;
          }
          await new Promise((r) => setTimeout(r, 5));
        }
      },
      [url, ANSWER_KEY_PREFIX] as const,
    );
    tabs[host] = tab;
  }
  return tabs;
}

/** Opens the toolbar popup on `tab` and returns its first-content mark (ms since its navigation started). */
export async function popupFirstContent(bar: Toolbar, tab: Page, selector: string): Promise<number> {
  const popup = await bar.open(tab);
  const ms = await popup.evaluate<number | null>(`(async () => {
    for (let i = 0; i < 2500; i++) {
      const mark = performance.getEntriesByName('first-content')[0];
      if (mark && document.querySelector(${JSON.stringify(selector)})) return mark.startTime;
      await new Promise((r) => setTimeout(r, 2));
    }
    return null;
  })()`);
  await popup.close();
  if (ms === null) throw new Error(`toolbar popup on ${tab.url()}: no ${selector} within 5 s`);
  return ms;
}

/**
 * The bare page opened by the same button, as the popup of `emptyTab` (a tab with no popup of its own, which the
 * worker never badges): both pay the browser's own cost of making a popup.
 */
export async function barePopupFirstContent(h: Harness, bar: Toolbar, emptyTab: Page): Promise<number> {
  await h.worker.evaluate(() => chrome.action.setPopup({ popup: 'bare.html' }));
  try {
    return await popupFirstContent(bar, emptyTab, '#bare');
  } finally {
    await h.worker.evaluate(() => chrome.action.setPopup({ popup: 'src/popup/index.html' }));
  }
}
