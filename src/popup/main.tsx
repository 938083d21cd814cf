// Popup entry: reads which URL to show (?url= or the active tab), asks the worker what it found there, reads
// only those breaches' details, renders.
import { render } from 'preact';
import browser from 'webextension-polyfill';
import regions from '../../data/help/regions.json';
import { BREACH_DETAILS_PATH, breachDetailsFile, loadBreachDetails, type BreachRef } from '../core/breach-details';
import type { Breach } from '../core/dataset-schema';
import { regionFromLanguages, type RegionContacts } from '../core/protective-steps';
import { browserTranslate } from '../shared/i18n';
import { send } from '../shared/send-message';
import { createStore, type Progress } from '../shared/storage';
import { PopupApp } from './PopupApp';
import { PopupFailure } from './PopupFailure';
import './popup.css';

async function targetUrl(): Promise<string | undefined> {
  const fromQuery = new URLSearchParams(location.search).get('url');
  if (fromQuery !== null) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.url;
}

/** A bundled breach's details, from its own file in the package. */
async function readBundled(id: string): Promise<unknown> {
  const response = await fetch(browser.runtime.getURL(`${BREACH_DETAILS_PATH}/${breachDetailsFile(id)}`));
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}

async function main(): Promise<void> {
  const root = document.getElementById('app')!;
  const language = browser.i18n.getUILanguage();
  document.documentElement.lang = language;
  const store = createStore(browser.storage.local);
  const url = (await targetUrl()) ?? '';
  // Settings are read while the worker looks the site up; ticks while the details are read.
  const [found, settings] = await Promise.all([send('lookup/url', { url }), store.getSettings()]).catch(
    (e: unknown) => {
      render(<PopupFailure reason={(e as Error).message || String(e)} t={browserTranslate} />, root);
      throw e;
    },
  );
  const refs: BreachRef[] = found.lookup.status === 'ok' ? found.lookup.breaches : [];
  const [details, progress] = await Promise.all([
    loadBreachDetails(refs, {
      readBundled,
      readDownloaded: async (ids) =>
        found.fetchedAt === undefined ? undefined : store.getUpdateBreaches(found.fetchedAt, ids),
    }),
    Promise.all(refs.map(async (r) => [r.id, await store.getProgress(r.id)] as [string, Progress])),
  ]);
  const result =
    found.lookup.status === 'ok'
      ? { status: 'ok' as const, host: found.lookup.host, breaches: details.breaches as Breach[] }
      : found.lookup;
  const region: RegionContacts = regions[settings.region ?? regionFromLanguages([...navigator.languages, language])];
  const links = {
    alerts: browser.runtime.getURL('src/alerts/index.html'),
    options: browser.runtime.getURL('src/options/index.html'),
  };
  render(
    <PopupApp
      result={result}
      failed={details.failed}
      dataset={found}
      region={region}
      store={store}
      initialProgress={Object.fromEntries(progress)}
      t={browserTranslate}
      markSeen={(ids) => send('alerts/seen', { ids })}
      links={links}
    />,
    root,
  );
  performance.mark('first-content');
}

void main();
