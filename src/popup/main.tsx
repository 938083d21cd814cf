// Popup entry: reads which URL to show (?url= or the active tab), asks the worker what it found there, reads
// only those breaches' details, renders.
import { render } from 'preact';
import browser from 'webextension-polyfill';
import type { RegionCode } from '../core/help-region';
import type { RegionContacts } from '../core/protective-steps';
import { browserTranslate } from '../shared/i18n';
import { send } from '../shared/send-message';
import { readPreparedAnswer } from '../shared/prepared-answer';
import { EMPTY_PROGRESS, type Progress, type ProgressStore } from '../shared/progress';
import { PopupApp } from './PopupApp';
import { PopupFailure } from './PopupFailure';
import './popup.css';
import './popup-page.css';

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
  const url = (await targetUrl()) ?? '';
  // The answer the worker prepared when it badged the tab (prepared-answer.ts), else one message that brings the
  // lookup, the breaches' details, their ticks and the chosen region: the popup loads no storage code and no data.
  const ready = await readPreparedAnswer(browser.storage.session, url);
  root.dataset.answer = ready ? 'prepared' : 'asked';
  const found =
    ready ??
    (await send('lookup/url', {
      url,
      languages: [...navigator.languages, language],
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    }).catch((e: unknown) => {
      render(<PopupFailure reason={(e as Error).message || String(e)} t={browserTranslate} />, root);
      throw e;
    }));
  // Ticks are stored by the worker; the popup keeps what it last stored to apply the next change to.
  const progress: Record<string, Progress> = { ...found.progress };
  const store: ProgressStore = {
    getProgress: async (id) => progress[id] ?? EMPTY_PROGRESS,
    updateProgress: async (id, change) =>
      (progress[id] = await send('progress/set', { breachId: id, progress: change(progress[id] ?? EMPTY_PROGRESS) })),
  };
  const details = found.details;
  const result =
    found.lookup.status === 'ok'
      ? { status: 'ok' as const, host: found.lookup.host, breaches: details.breaches }
      : found.lookup;
  // The answer carries the contacts its breaches need; the whole table (data/help, checked by the data-quality
  // test) loads only if the person picks another region.
  const regions = found.contacts;
  const decision = found.regionDecision;
  const links = {
    alerts: browser.runtime.getURL('src/alerts/index.html'),
    options: browser.runtime.getURL('src/options/index.html'),
    history: browser.runtime.getURL('src/welcome/index.html#check'),
  };
  render(
    <PopupApp
      result={result}
      failed={details.failed}
      dataset={found}
      region={regions[decision.code]!}
      regions={regions}
      loadRegions={async () =>
        (await import('@generated/help-contacts.json')).default as Record<RegionCode, RegionContacts>
      }
      regionDecision={decision}
      saveRegion={(region) => send('settings/update', { region })}
      store={store}
      initialProgress={found.progress}
      t={browserTranslate}
      markSeen={(ids) => send('alerts/seen', { ids })}
      markSeenOn={new URLSearchParams(location.search).has('url') ? 'interaction' : 'open'}
      links={links}
      muted={found.muted}
      unmute={(site) => send('sites/unmute', { site })}
      recordSensitive={found.recordSensitive}
      historyOf={() => send('history/site', { url })}
    />,
    root,
  );
  performance.mark('first-content');
}

void main();
