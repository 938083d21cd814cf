// The service worker's wiring. Every listener is registered synchronously on the first tick,
// because a stopped MV3 worker is woken only for listeners that exist when it starts.
import browser from 'webextension-polyfill';
import summary from '@generated/dataset-summary.json';
import type { Alert } from '../core/alert-bookkeeping';
import { compactBreachIndex } from '../core/breach-index';
import { compactIndexFromBase64 } from '../core/compact-index';
import { browserTranslate } from '../shared/i18n';
import { createStore } from '../shared/storage';
import type { Notifier } from './alert-recorder';
import { createHandlers, route } from './message-router';
import { handleTabUrl, type SiteVisitDeps } from './site-visit';

const store = createStore(browser.storage.local);
// Every handler waits for the stored data to be in this build's layout before it reads or writes.
const ready = store.migrate().catch((e: unknown) => console.error('storage migration failed', e));

async function notifier(): Promise<Notifier | undefined> {
  if (!(await browser.permissions.contains({ permissions: ['notifications'] }))) return undefined;
  return {
    async notify(alert: Alert, title: string) {
      await browser.notifications.create(`alert:${alert.id}`, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('icons/alert-128.png'),
        title: browserTranslate('notificationTitle', [alert.site]),
        message: title,
      });
    },
  };
}

const deps: SiteVisitDeps = {
  // The index was built at data-build time: loading it is decoding, not building (see compact-index.ts).
  index: compactBreachIndex(summary.breaches, compactIndexFromBase64(summary.compactIndex), summary.publicSuffixes),
  action: browser.action,
  t: browserTranslate,
  store,
  now: Date.now,
  notifier,
};

function onTab(tabId: number, url: string | undefined, countVisit: boolean): void {
  ready
    .then(() => handleTabUrl(deps, tabId, url, countVisit))
    // A tab can close between the event and our call; that is not worth a console error.
    .catch((e: unknown) => {
      if (!String(e).includes('No tab with id')) console.warn('tab update failed', e);
    });
}

async function rebadgeAll(): Promise<void> {
  for (const tab of await browser.tabs.query({})) if (tab.id !== undefined) onTab(tab.id, tab.url, false);
}

const handlers = createHandlers({ store, rebadgeAll });

// Navigation: a new URL is a visit. Chrome may reset per-tab action state when a page loads, so the
// badge is set again (without counting a visit) when loading completes.
browser.tabs.onUpdated.addListener((tabId, change, tab) => {
  if (change.url !== undefined) onTab(tabId, change.url, true);
  else if (change.status === 'complete') onTab(tabId, tab.url, false);
});
browser.tabs.onReplaced.addListener((added) => {
  browser.tabs.get(added).then(
    (tab) => onTab(added, tab.url, false),
    () => undefined,
  );
});
browser.runtime.onInstalled.addListener(() => void rebadgeAll());
browser.runtime.onStartup.addListener(() => void rebadgeAll());
browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  // Only the extension's own pages may talk to the worker.
  if (sender.id !== browser.runtime.id || !sender.url?.startsWith(browser.runtime.getURL(''))) return undefined;
  return ready.then(() => route(handlers, message));
});
browser.notifications?.onClicked.addListener((id) => {
  if (id.startsWith('alert:')) void browser.tabs.create({ url: browser.runtime.getURL('src/alerts/index.html') });
});
