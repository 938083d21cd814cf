// The service worker's wiring. Every listener is registered synchronously on the first tick,
// because a stopped MV3 worker is woken only for listeners that exist when it starts.
import browser from 'webextension-polyfill';
import summaryJson from '@generated/dataset-summary.json';
import passwordResources from '@generated/password-resources.json';
import helpContacts from '@generated/help-contacts.json';
import type { Alert } from '../core/alert-bookkeeping';
import type { BreachSummary, DatasetSummary } from '../core/assemble-dataset';
import { compactBreachIndex } from '../core/breach-index';
import { familyIndex, type FamilyGroup } from '../core/domain-families';
import { compactIndexFromBase64 } from '../core/compact-index';
import { translateWith } from '../shared/i18n';
import { BREACHES_HOST_PERMISSION } from '../shared/hibp-endpoint';
import type { DataStatus } from '../shared/messages';
import { createStore, DOWNLOAD_KEYS, type Settings, type StorageChanges } from '../shared/storage';
import type { BrowserRegionSignals } from '../core/help-region';
import type { RegionContacts } from '../core/protective-steps';
import type { Notifier } from './alert-recorder';
import { parseSuffixRules, SUFFIX_RULES_PATH } from '../core/suffix-rules';
import { bundledData, checkForUpdate, loadDataInUse, type DataInUse, type DataUpdateDeps } from './data-updates';
import { createHandlers, route } from './message-router';
import { BREACH_DETAILS_PATH, breachDetailsFile, type DetailReaders } from '../core/breach-details';
import { alertsOverview, lookupSite, refOf, rememberLast } from './site-lookup';
import { handleTabUrl, type SiteVisitDeps } from './site-visit';
import { createVisitCounter } from './visit-counter';
import { createHistoryScanner, HistoryWithdrawnError, type HistoryApi } from './history-scan';
import { createPreparedAnswers } from './prepared-answers';

const translate = translateWith(browser.i18n);

// Validated by the data build; JSON imports widen its literal types.
const summary = summaryJson as DatasetSummary;
// data/help/regions.json without its sources (npm run data:build); the popup's answer carries the few it needs.
const regions = helpContacts as Record<string, RegionContacts>;
// The store keeps the alerts in memory between reads, kept current by every change to storage.local (issue #16).
const store = createStore(browser.storage.local, console, {
  watch: (listener) =>
    browser.storage.onChanged.addListener((changes, areaName) => {
      if (areaName === 'local') listener(changes as StorageChanges);
    }),
  // A change of the settings or ticks is answered to the page that made it only once the popup can no longer read
  // an answer prepared before it (issue #15).
  onRecordChange: () => prepared.invalidate(),
});
/** The popup's answer for each open tab, prepared when the tab is badged (prepared-answers.ts). */
const prepared = createPreparedAnswers(
  browser.storage.session,
  (url) => answerFor(url, workerSignals()),
  browser.action,
);

/** The popup's answer for `url`: asked for by a page (`lookup/url`), or prepared when a tab is badged. */
function answerFor(url: string, signals: BrowserRegionSignals) {
  return lookupSite(
    data,
    url,
    detailReaders,
    (id) => store.getProgress(id),
    () => store.getSettings(),
    signals,
    regions,
  );
}
// The index was built at data-build time: loading it is decoding, not building (see compact-index.ts).
const bundled = bundledData(
  summary,
  compactBreachIndex(summary.breaches, compactIndexFromBase64(summary.compactIndex), summary.publicSuffixes),
);
let data: DataInUse = bundled;
/** The browser's languages and time zone as the worker sees them: the same browser's as a page's. */
function workerSignals(): BrowserRegionSignals {
  return {
    languages: [...navigator.languages, browser.i18n.getUILanguage()],
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  };
}

// Every handler waits for the stored data to be in this build's layout, and for the data in use (a
// downloaded list, if there is a good one), before it reads or writes.
const ready = store
  .migrate()
  .then(async () => {
    data = await loadDataInUse(store, summary, bundled);
  })
  .catch((e: unknown) => console.error('storage start-up failed', e));

async function notifier(): Promise<Notifier | undefined> {
  if (!(await browser.permissions.contains({ permissions: ['notifications'] }))) return undefined;
  return {
    async notify(alert: Alert, title: string) {
      await browser.notifications.create(`alert:${alert.id}`, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('icons/alert-128.png'),
        title: translate(alert.reported ? 'notificationReportedTitle' : 'notificationTitle', [alert.site]),
        message: title,
      });
    },
  };
}

const deps: SiteVisitDeps<BreachSummary> = {
  get index() {
    return data.index;
  },
  action: browser.action,
  t: translate,
  store,
  now: Date.now,
  notifier,
};

function onTab(tabId: number, url: string | undefined, countVisit: boolean, incognito = false): void {
  ready
    .then(async () => {
      const found = await handleTabUrl(deps, tabId, url, countVisit, incognito);
      if (countVisit && found?.status === 'ok') readAhead(found.breaches);
      // Not for private tabs: their addresses are kept nowhere, not even in memory-only storage.
      if (url && !incognito && found?.status === 'ok') await prepared.prepare(tabId, url);
      else await prepared.forget(tabId);
      // After the first tab, not before it: the next badges read their alerts from memory (storage.ts getAlert).
      await store.keepAlertsInMemory();
    })
    // A tab can close between the event and our call; that is not worth a console error.
    .catch((e: unknown) => {
      if (!String(e).includes('No tab with id')) console.warn('tab update failed', e);
    });
}

/** A bundled breach's details, from its own file in the package; the last few are kept (see site-lookup.ts). */
const readBundled = rememberLast(async (id: string): Promise<unknown> => {
  const response = await fetch(browser.runtime.getURL(`${BREACH_DETAILS_PATH}/${breachDetailsFile(id)}`));
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
});
const detailReaders: DetailReaders = {
  readBundled,
  readDownloaded: async (ids) =>
    data.fetchedAt === undefined ? undefined : store.getUpdateBreaches(data.fetchedAt, ids),
};

/** Reads the details of a breached site's bundled breaches ahead of the popup, which then has them at once. */
function readAhead(breaches: readonly BreachSummary[]): void {
  for (const b of breaches) if (refOf(b, data).from === 'bundled') readBundled(b.id).catch(() => undefined);
}

async function rebadgeAll(): Promise<void> {
  for (const tab of await browser.tabs.query({})) if (tab.id !== undefined) onTab(tab.id, tab.url, false);
}

const UPDATE_ALARM = 'data-update';
const WELCOME_PAGE = 'src/welcome/index.html';
/** The first check after install or after updates are switched on by the alarm: soon, not at once. */
const FIRST_CHECK_DELAY_MS = 60_000;

const updateDeps: DataUpdateDeps = {
  store,
  // Bound: the worker's fetch throws "Illegal invocation" when called as a method of another object.
  fetch: globalThis.fetch.bind(globalThis),
  now: Date.now,
  random: Math.random,
  bundled: summary,
  // Checked by the data build (data/apple/); JSON imports widen its literal types.
  resources: {
    families: familyIndex(passwordResources.groups as FamilyGroup[]),
    pages: passwordResources.pages as Record<string, string>,
  },
  notifier,
  current: () => data,
  async use(next) {
    data = next;
    await prepared.invalidate();
    await rebadgeAll();
  },
  schedule: async (when) => void (await browser.alarms.create(UPDATE_ALARM, { when })),
  hostPermission: () => browser.permissions.contains({ origins: [BREACHES_HOST_PERMISSION] }),
  // The stored download's own bytes will be replaced, so they count as free.
  freeBytes: () => storageFreeBytes(DOWNLOAD_KEYS),
  suffixRules: async () => {
    const response = await fetch(browser.runtime.getURL(SUFFIX_RULES_PATH));
    if (!response.ok) throw new Error(`${SUFFIX_RULES_PATH}: ${response.status}`);
    return parseSuffixRules(await response.text());
  },
};

/**
 * Bytes free in storage.local (Chrome counts it against 10 MB), counting `replaced` keys as free; undefined where
 * the browser cannot tell.
 */
async function storageFreeBytes(replaced: string[] = []): Promise<number | undefined> {
  const local = browser.storage.local as typeof browser.storage.local & {
    getBytesInUse?: (keys: string[] | null) => Promise<number>;
    QUOTA_BYTES?: number;
  };
  if (!local.getBytesInUse || !local.QUOTA_BYTES) return undefined;
  const [used, freed] = await Promise.all([
    local.getBytesInUse(null),
    replaced.length ? local.getBytesInUse(replaced) : 0,
  ]);
  return local.QUOTA_BYTES - used + freed;
}

/** Makes sure an automatic check is scheduled while updates are on (alarms may not survive a restart). */
async function scheduleUpdates(settings: Settings): Promise<void> {
  if (!settings.updates) {
    await browser.alarms.clear(UPDATE_ALARM);
    return;
  }
  if (await browser.alarms.get(UPDATE_ALARM)) return;
  const { nextCheck } = await store.getUpdateState();
  await browser.alarms.create(UPDATE_ALARM, { when: Math.max(nextCheck ?? 0, Date.now() + FIRST_CHECK_DELAY_MS) });
}

async function dataStatus(): Promise<DataStatus> {
  const [settings, state, hostPermission] = await Promise.all([
    store.getSettings(),
    store.getUpdateState(),
    updateDeps.hostPermission(),
  ]);
  return {
    updatesOn: settings.updates,
    hostPermission,
    source: data.source,
    dataDate: data.dataDate,
    counts: data.counts,
    bundledDate: summary.dataDate,
    ...(data.fetchedAt !== undefined ? { fetchedAt: data.fetchedAt } : {}),
    state,
  };
}

const HISTORY_PERMISSION = { permissions: ['history' as const] };
const historyScanner = createHistoryScanner({
  // Present only while the optional permission is granted (read at each use, never kept).
  history: () => (browser as unknown as { history?: HistoryApi }).history,
  granted: () => browser.permissions.contains(HISTORY_PERMISSION),
  index: () => data.index,
  store,
  now: Date.now,
});

/** The history check's failures in the person's words: nothing was stored when the permission was missing. */
function historyError(e: unknown): never {
  if (e instanceof HistoryWithdrawnError) throw new Error(translate('historyWithdrawnError'), { cause: e });
  throw e;
}

/** "Stop using my history" (and the permission withdrawn in the browser's own settings): visit dates go. */
async function stopUsingHistory(): Promise<{ forgotten: number; permissionRemoved: boolean }> {
  await store.updateSettings((s) => ({ ...s, useHistory: false }));
  const forgotten = await historyScanner.forget();
  // A build that requires the permission (the e2e test build) cannot give it up: the setting is off all the same.
  const permissionRemoved = await browser.permissions.remove(HISTORY_PERMISSION).catch(() => false);
  return { forgotten, permissionRemoved };
}

const handlers = createHandlers({
  store,
  rebadgeAll,
  dataStatus,
  async checkNow() {
    if (!(await store.getSettings()).updates) throw new Error(translate('updatesOffError'));
    await checkForUpdate(updateDeps, true);
    return dataStatus();
  },
  // Switched on, the options page asks for a check at once ("data/check-now"); this keeps the alarm in step.
  async settingsChanged(before, after) {
    if (before.updates !== after.updates) await scheduleUpdates(after);
  },
  freeBytes: () => storageFreeBytes(),
  overview: async (signals) =>
    alertsOverview(
      data,
      await store.listAlertsChecked(),
      detailReaders,
      (id) => store.getProgress(id),
      await store.getSettings(),
      signals,
    ),
  history: {
    'history/scan': async () => {
      const result = await historyScanner.scan().catch(historyError);
      await store.updateSettings((s) => ({ ...s, useHistory: true }));
      return result;
    },
    'history/progress': async () => historyScanner.progress(),
    'history/site': async ({ url }) => historyScanner.site(url, await store.getSettings()),
    'history/stop': stopUsingHistory,
  },
  lookup: answerFor,
});

function onStart(): void {
  void rebadgeAll();
  void ready.then(async () => scheduleUpdates(await store.getSettings()));
}

// Navigation: another host in the tab, or the same one after a while, is a visit (see visit-counter.ts); a page
// rewriting its own URL is re-badged without counting. Chrome may reset per-tab action state when a page loads, so the badge is set
// again (without counting a visit) when loading completes.
const visits = createVisitCounter();
browser.tabs.onUpdated.addListener((tabId, change, tab) => {
  if (change.url !== undefined) onTab(tabId, change.url, visits.isVisit(tabId, change.url), tab.incognito);
  else if (change.status === 'complete') onTab(tabId, tab.url, false, tab.incognito);
});
browser.tabs.onRemoved.addListener((tabId) => {
  visits.forget(tabId);
  void prepared.forget(tabId);
});
browser.tabs.onReplaced.addListener((added) => {
  browser.tabs.get(added).then(
    (tab) => onTab(added, tab.url, false),
    () => undefined,
  );
});
browser.runtime.onInstalled.addListener((details) => {
  onStart();
  // The welcome page, on the first install only (never on an update): what the extension does and the history check.
  if (details.reason === 'install') void browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PAGE) });
});
browser.permissions.onRemoved.addListener((removed) => {
  if (!removed.permissions?.includes('history')) return;
  // Withdrawn in the browser's own settings: a running check stores nothing, and the visit dates go as on "Stop".
  historyScanner.withdraw();
  void ready.then(stopUsingHistory).catch((e: unknown) => console.warn('forgetting the history failed', e));
});
browser.runtime.onStartup.addListener(onStart);
browser.alarms.onAlarm.addListener((alarm) => {
  if (alarm.name === UPDATE_ALARM) void ready.then(() => checkForUpdate(updateDeps, false));
});
browser.runtime.onMessage.addListener((message: unknown, sender: browser.Runtime.MessageSender) => {
  // Only the extension's own pages may talk to the worker.
  if (sender.id !== browser.runtime.id || !sender.url?.startsWith(browser.runtime.getURL(''))) return undefined;
  return ready.then(() => route(handlers, message));
});
browser.notifications?.onClicked.addListener((id) => {
  if (id.startsWith('alert:')) void browser.tabs.create({ url: browser.runtime.getURL('src/alerts/index.html') });
});
