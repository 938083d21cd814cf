// Popup entry: reads which URL to show (?url= or the active tab), asks the worker what it found there, reads
// only those breaches' details, renders.
import { render } from 'preact';
import browser from 'webextension-polyfill';
import regions from '../../data/help/regions.json';
import { regionFromLanguages, type RegionContacts } from '../core/protective-steps';
import { browserTranslate } from '../shared/i18n';
import { send } from '../shared/send-message';
import { createStore } from '../shared/storage';
import { PopupApp } from './PopupApp';
import { PopupFailure } from './PopupFailure';
import './popup.css';

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
  const url = (await targetUrl()) ?? '';
  // One message brings the lookup, the breaches' details and their ticks; settings are read meanwhile.
  const [found, settings] = await Promise.all([send('lookup/url', { url }), store.getSettings()]).catch(
    (e: unknown) => {
      render(<PopupFailure reason={(e as Error).message || String(e)} t={browserTranslate} />, root);
      throw e;
    },
  );
  const details = found.details;
  const result =
    found.lookup.status === 'ok'
      ? { status: 'ok' as const, host: found.lookup.host, breaches: details.breaches }
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
      initialProgress={found.progress}
      t={browserTranslate}
      markSeen={(ids) => send('alerts/seen', { ids })}
      links={links}
    />,
    root,
  );
  performance.mark('first-content');
}

void main();
