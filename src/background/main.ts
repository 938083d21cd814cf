// The service worker's wiring. Every listener is registered synchronously on the first tick,
// because a stopped MV3 worker is woken only for listeners that exist when it starts.
import browser from 'webextension-polyfill';
import summary from '../../data/generated/dataset-summary.json';
import { buildBreachIndex } from '../core/breach-index';
import { browserTranslate } from '../shared/i18n';
import { updateTabBadge, type TabBadgeDeps } from './tab-badge';

const deps: TabBadgeDeps = {
  index: buildBreachIndex(summary.breaches, summary.publicSuffixes),
  action: browser.action,
  t: browserTranslate,
};

function badgeTab(tabId: number, url: string | undefined): void {
  // A tab can close between the event and our call; that is not worth a console error.
  updateTabBadge(deps, tabId, url).catch((e: unknown) => {
    if (!String(e).includes('No tab with id')) console.warn('badge update failed', e);
  });
}

async function badgeOpenTabs(): Promise<void> {
  for (const tab of await browser.tabs.query({})) if (tab.id !== undefined) badgeTab(tab.id, tab.url);
}

// Navigation: the URL changes when a load starts; Chrome resets per-tab action state on
// navigation, so the badge is set again when loading completes.
browser.tabs.onUpdated.addListener((tabId, change, tab) => {
  if (change.url !== undefined || change.status === 'complete') badgeTab(tabId, tab.url);
});
// Prerendered or restored tabs replace another tab id.
browser.tabs.onReplaced.addListener((added) => {
  browser.tabs.get(added).then(
    (tab) => badgeTab(added, tab.url),
    () => undefined,
  );
});
// Tabs already open when the extension is installed, updated or the browser starts.
browser.runtime.onInstalled.addListener(() => void badgeOpenTabs());
browser.runtime.onStartup.addListener(() => void badgeOpenTabs());
