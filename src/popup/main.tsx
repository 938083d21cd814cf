// Popup entry: reads which URL to show (?url= or the active tab), looks it up, renders.
import { render } from 'preact';
import browser from 'webextension-polyfill';
import datasetJson from '@generated/dataset.json';
import regions from '../../data/help/regions.json';
import { buildBreachIndex, lookupUrl } from '../core/breach-index';
import type { Dataset } from '../core/dataset-schema';
import {
  describeBreaches,
  downloadIsCurrent,
  laterDate,
  withCurated,
  withDownloadedHibp,
} from '../core/merge-breaches';
import { regionFromLanguages, type RegionContacts } from '../core/protective-steps';
import { browserTranslate } from '../shared/i18n';
import { send } from '../shared/send-message';
import { createStore } from '../shared/storage';
import { PopupApp } from './PopupApp';
import './popup.css';

// Validated by the data build (npm run data:build); JSON imports widen its literal types.
const bundled = datasetJson as Dataset;

/**
 * The data the worker badges with: the last good download (see data-updates.ts), else the bundled data.
 * With a download, the URL is looked up in its small summary first, and only the HIBP breaches found are read
 * in full: the popup then shows exactly what the worker badged, without checking the whole list each time.
 */
async function datasetInUse(store: ReturnType<typeof createStore>, url: string): Promise<Dataset> {
  const update = await store.getUpdateSummary();
  if (!update || !downloadIsCurrent(update.hibpDate, bundled.hibpSnapshot)) return bundled;
  const summaries = withCurated(bundled.breaches, update.breaches);
  const found = lookupUrl(buildBreachIndex(summaries, bundled.publicSuffixes), url);
  const ids = found.status === 'ok' ? found.breaches.filter((b) => b.origin === 'hibp').map((b) => b.id) : [];
  const hibp = await store.getUpdateBreaches(update.fetchedAt, ids);
  if (!hibp) return bundled;
  const curatedDate = describeBreaches(bundled.breaches.filter((b) => b.origin === 'curated')).dataDate;
  return withDownloadedHibp(bundled, hibp, {
    dataDate: laterDate(update.hibpDate, curatedDate),
    counts: describeBreaches(summaries).counts,
  });
}

async function targetUrl(): Promise<string | undefined> {
  const fromQuery = new URLSearchParams(location.search).get('url');
  if (fromQuery !== null) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.url;
}

async function main(): Promise<void> {
  const root = document.getElementById('app')!;
  const language = browser.i18n.getUILanguage();
  document.documentElement.lang = language;
  const store = createStore(browser.storage.local);
  const [url = '', settings] = await Promise.all([targetUrl(), store.getSettings()]);
  const dataset = await datasetInUse(store, url);
  const region: RegionContacts = regions[settings.region ?? regionFromLanguages([...navigator.languages, language])];
  const index = buildBreachIndex(dataset.breaches, dataset.publicSuffixes);
  const result = lookupUrl(index, url);
  const links = {
    alerts: browser.runtime.getURL('src/alerts/index.html'),
    options: browser.runtime.getURL('src/options/index.html'),
  };
  render(
    <PopupApp
      result={result}
      dataset={dataset}
      region={region}
      store={store}
      t={browserTranslate}
      markSeen={(ids) => send('alerts/seen', { ids })}
      links={links}
    />,
    root,
  );
  performance.mark('first-content');
}

void main();
